from __future__ import annotations
import io, sys
def f(x: SomeUndefinedType) -> AlsoUndefined:
    return x
print(f(3))
buf = io.StringIO()
buf.write("hello\n")
print("world", 42, file=buf)
print(buf.getvalue(), end="")
r = io.StringIO("a\nb\nc")
print(r.readline(), r.read(), r.tell())
for line in io.StringIO("x\ny\n"):
    print(repr(line))
sys.stdout.write("direct\n")
print("to stdout", file=sys.stdout)
print(repr(buf.getvalue()))
buf.close()
print(buf.closed)
try:
    buf.write("x")
except ValueError as e:
    print(e)
