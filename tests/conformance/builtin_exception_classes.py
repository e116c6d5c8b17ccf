# Builtin exception classes pvm now names, with CPython's hierarchy.
for e in [SystemError, BufferError, EOFError, StopAsyncIteration, FloatingPointError, UnicodeError,
          UnicodeDecodeError, ConnectionError, BrokenPipeError, ConnectionResetError, BlockingIOError,
          NotADirectoryError, ProcessLookupError, InterruptedError, ChildProcessError, Warning,
          UserWarning, DeprecationWarning, RuntimeWarning, ResourceWarning, EncodingWarning, ReferenceError]:
    print(e.__name__, [c.__name__ for c in e.__mro__])
print(IOError is OSError, EnvironmentError is OSError)
try:
    raise EOFError("no more input")
except Exception as e:
    print(type(e).__name__, e)
try:
    raise BrokenPipeError
except OSError as e:
    print(repr(e))
raise UserWarning("careful")
