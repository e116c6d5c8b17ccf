# Frame objects from sys._getframe and tracebacks, and code-object attributes.
import os
import sys


def base(path):
    return os.path.basename(path)


def describe(frame):
    code = frame.f_code
    return f"{code.co_name} in {base(code.co_filename)} at line {frame.f_lineno}"


def inner(a, b=2, *rest, key=None, **extra):
    total = a + b
    here = sys._getframe(); print(describe(here))
    print(describe(here.f_back))
    print(describe(sys._getframe(1)))
    print(sorted(k for k in here.f_locals if k != "here"))
    print(here.f_locals["total"], here.f_globals is globals())
    print(here.f_builtins["len"] is len, here.f_lasti > 0, type(here).__name__)
    return here


def outer():
    return inner(1, key=3)


frame = outer(); print(describe(frame.f_back), describe(frame.f_back.f_back))
print(frame.f_back.f_back.f_back)

try:
    sys._getframe(10_000)
except ValueError as error:
    print("ValueError:", error)

code = inner.__code__
print(code.co_name, code.co_qualname, base(code.co_filename), code.co_firstlineno)
print(code.co_argcount, code.co_posonlyargcount, code.co_kwonlyargcount)
print(code.co_varnames[:6], code.co_nlocals >= 6)
print(hex(code.co_flags & 0xFF))


def gen():
    yield 1


async def coro():
    pass


def posonly(a, b, /, c):
    return a


print(hex(gen.__code__.co_flags & 0xFF), hex(coro.__code__.co_flags & 0xFF))
print(posonly.__code__.co_posonlyargcount, posonly.__code__.co_argcount)
print("x" in outer.__code__.co_names or "inner" in outer.__code__.co_names)
lines = [line for start, end, line in posonly.__code__.co_lines() if line is not None]
print(min(lines) >= posonly.__code__.co_firstlineno, max(lines))
positions = [p for p in posonly.__code__.co_positions() if p[0] is not None]
print(all(len(p) == 4 for p in positions), positions[-1][0])


class Nested:
    def method(self):
        return sys._getframe().f_code.co_qualname


print(Nested().method())


def fails(n):
    if n == 0:
        raise KeyError("deep")
    return fails(n - 1)


try:
    fails(2)
except KeyError as error:
    tb = error.__traceback__
    print(type(tb).__name__, sys.exc_info()[2] is not None)
    print(tb.tb_frame.f_code.co_name, tb.tb_lineno)
    tb = tb.tb_next
    while tb is not None:
        frame = tb.tb_frame
        print(frame.f_code.co_name, tb.tb_lineno, frame.f_lineno, tb.tb_lasti == frame.f_lasti)
        print(frame.f_back.f_code.co_name)
        tb = tb.tb_next
    again = error.with_traceback(None)
    print(again is error, error.__traceback__)
    error.__suppress_context__ = True
    print(error.__suppress_context__)

try:
    raise ValueError("a") from KeyError("b")
except ValueError as error:
    print(repr(error.__cause__), error.__suppress_context__)
    error.__cause__ = None
    print(error.__cause__)
