"""The io module: pvm's own version, over its native `_io` and CPython's
pure-Python `_pyio`.

`open()`, `StringIO`, `BytesIO`, `FileIO` and the standard streams are
native (`_io`, in Rust), so reading files and printing stay fast. The
abstract classes (`IOBase`, `RawIOBase`, `BufferedIOBase`, `TextIOBase`)
and the wrappers over any stream (`TextIOWrapper`, `BufferedReader`,
`BufferedWriter`, `BufferedRandom`, `BufferedRWPair`,
`IncrementalNewlineDecoder`) are `_pyio`'s, unchanged. The native types
are registered as virtual subclasses of the matching classes, so
`isinstance(open(name), io.TextIOWrapper)` and `isinstance(f, io.IOBase)`
hold as under CPython.
"""

import abc
import _io
from _io import DEFAULT_BUFFER_SIZE, open, open_code, FileIO, BytesIO, StringIO

__all__ = ["BlockingIOError", "open", "open_code", "IOBase", "RawIOBase",
           "FileIO", "BytesIO", "StringIO", "BufferedIOBase",
           "BufferedReader", "BufferedWriter", "BufferedRWPair",
           "BufferedRandom", "TextIOBase", "TextIOWrapper",
           "UnsupportedOperation", "SEEK_SET", "SEEK_CUR", "SEEK_END",
           "DEFAULT_BUFFER_SIZE", "text_encoding",
           "IncrementalNewlineDecoder"]

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2


class UnsupportedOperation(OSError, ValueError):
    pass


UnsupportedOperation.__module__ = "io"


# `_pyio` registers its classes with io's abstract classes while it is
# imported; this one takes those registrations until io adopts `_pyio`'s
# classes as its own just after.
class _Registering(metaclass=abc.ABCMeta):
    pass


IOBase = RawIOBase = BufferedIOBase = TextIOBase = _Registering

import _pyio
from _pyio import (IOBase, RawIOBase, BufferedIOBase, TextIOBase,
                   BufferedReader, BufferedWriter, BufferedRWPair,
                   BufferedRandom, TextIOWrapper, IncrementalNewlineDecoder,
                   text_encoding)

del _Registering

RawIOBase.register(FileIO)
BufferedIOBase.register(BytesIO)
BufferedReader.register(_io.BufferedReader)
BufferedWriter.register(_io.BufferedWriter)
TextIOBase.register(StringIO)
TextIOWrapper.register(_io.TextIOWrapper)
