# The io class family: TextIOWrapper over BytesIO and binary files, isinstance against the io ABCs, BytesIO/StringIO/FileIO, tokenize.open and linecache (which wrap open(name, 'rb')). Writes scratch-io-*.tmp here.
import io, os, sys
from io import TextIOWrapper

b = io.BytesIO()
t = TextIOWrapper(b, encoding="utf-8", newline="")
print(t.write("h\u00e9llo\nworld\r\n"), t.encoding, t.errors, t.line_buffering)
t.flush()
print(b.getvalue())
t.seek(0)
print(repr(t.read()))
t2 = TextIOWrapper(io.BytesIO(b"a\r\nb\rc\n"), encoding="utf-8")
print(t2.readlines())
t3 = TextIOWrapper(io.BytesIO("\u00e9t\u00e9\nline two\n".encode("latin-1")), "latin-1")
print(repr(t3.readline()), repr(t3.read(3)), repr(t3.read()))
t4 = TextIOWrapper(io.BytesIO(), encoding="ascii", errors="replace")
t4.write("caf\u00e9\n")
t4.flush()
print(t4.buffer.getvalue(), t4.detach().getvalue())

print(isinstance(sys.stdout, io.TextIOBase), isinstance(sys.stdout, io.IOBase),
      isinstance(sys.stdout, io.BufferedIOBase))
print(sys.stdout.encoding, sys.stdout.writable(), sys.stderr.fileno())

with open("scratch-io-a.tmp", "w") as f:
    print(isinstance(f, io.TextIOWrapper), isinstance(f, io.TextIOBase), isinstance(f, io.RawIOBase))
    f.write("first\nsecond\nthird\n")
with open("scratch-io-a.tmp", "rb") as f:
    print(isinstance(f, io.BufferedReader), isinstance(f, io.BufferedIOBase), isinstance(f, io.IOBase))
    print(f.read(5), f.tell(), f.seekable())
    print(f.seek(0), f.readline(), f.seek(-6, 2), f.read())
    f.seek(0)
    text = TextIOWrapper(f, "utf-8", line_buffering=True)
    text.mode = "r"
    print(repr(text.readline()), text.readlines(), text.mode)
    text.close()
    print(f.closed, text.closed)
with open("scratch-io-a.tmp", "wb") as f:
    print(isinstance(f, io.BufferedWriter), isinstance(f, io.BufferedIOBase))
    w = TextIOWrapper(f, encoding="utf-8")
    print(w.write("x = 1\ny = 'caf\u00e9'\n"))
    w.flush()
with open("scratch-io-a.tmp", "rb", buffering=0) as raw:
    print(type(raw).__name__, isinstance(raw, io.FileIO), isinstance(raw, io.RawIOBase))
raw = io.FileIO("scratch-io-a.tmp")
print(raw.read(5), raw.mode, raw.readable(), raw.writable())
raw.close()
buffered = io.BufferedReader(io.FileIO("scratch-io-a.tmp"))
print(buffered.readline(), buffered.read())
buffered.close()

import tokenize, linecache
print(repr(linecache.getline("scratch-io-a.tmp", 2)))
with tokenize.open("scratch-io-a.tmp") as g:
    print(g.encoding, g.mode, repr(g.read()))
os.remove("scratch-io-a.tmp")

s = io.StringIO()
print(isinstance(s, io.StringIO), isinstance(s, io.TextIOBase), isinstance(s, io.IOBase))
s.writelines(["one\n", "two\n"])
print(s.seekable(), s.tell(), s.truncate(4), repr(s.getvalue()))
with io.StringIO("x\ny") as s2:
    print(list(s2))
print(s2.closed)
try:
    io.StringIO(3)
except TypeError as e:
    print("TypeError", e)

bi = io.BytesIO(b"abc\ndef")
print(isinstance(bi, io.BufferedIOBase), isinstance(bi, io.BytesIO))
print(bi.read(2), bi.readline(), bi.tell(), bi.seek(0, 2), bi.read(), bi.seek(1))
print(bi.write(b"XY"), bi.getvalue(), bi.truncate(3), bi.getvalue(), list(io.BytesIO(b"1\n2")))
bi.close()
try:
    bi.read()
except ValueError as e:
    print("ValueError", e)
try:
    io.BytesIO().write("text")
except TypeError as e:
    print("TypeError", e)

print(io.DEFAULT_BUFFER_SIZE, io.SEEK_SET, io.SEEK_CUR, io.SEEK_END, io.open is open)
print(issubclass(io.UnsupportedOperation, OSError), issubclass(io.UnsupportedOperation, ValueError))
print(io.text_encoding(None), io.text_encoding("latin-1"))


class Upper(io.TextIOBase):
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s.upper())
        return len(s)

u = Upper()
print("to a TextIOBase subclass", file=u)
print(u.parts, u.writable(), u.closed)
with u:
    pass
print(u.closed)
try:
    u.read()
except io.UnsupportedOperation:
    print("UnsupportedOperation")
