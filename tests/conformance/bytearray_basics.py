# bytearray: construction, mutation, slices, operators, bytes methods, copy.
b = bytearray(b"hello")
b[0] = 72
b.append(33)
b.extend(b" world")
b += b"!"
print(b, len(b), bytes(b), b[1], b[1:4], b[-1], isinstance(b, bytearray), type(b).__name__)
print(bytearray(3), bytearray([1, 2, 3]), bytearray("hé", "utf-8"), bytearray(), bytearray(range(5)))
c = b.copy(); c[0:2] = b"XYZ"; print(c, b, c == b"XYZllo! world!", b == bytearray(b"Hello! world!"))
print(b.decode(), b.hex(), b.find(b"o"), b.upper(), b.split(b" "), b"ll" in b, 72 in b, list(b[:3]))
print(c.pop(), c.pop(0), c, bytearray(b"ab") * 2, bytearray(b"ab") + b"cd", b"cd" + bytearray(b"ab"))
c.insert(0, 65); c.remove(89); c.reverse(); print(c)
c.clear(); print(c, len(c), bool(c))
import copy
print(copy.copy(b), copy.deepcopy([b]), bytearray.copy(b))
def set99():
    b[99] = 1
for bad in [lambda: b.append(256), set99, lambda: bytearray("x"), lambda: bytearray().pop(), lambda: b.remove(0)]:
    try: bad()
    except Exception as e: print(type(e).__name__, e)
d = bytearray(b"abcdef"); d[::2] = b"XYZ"; print(d)
print(int.from_bytes(bytearray(b"\x01\x00"), "big"))
print(bytearray("h\u00e9", "latin-1"), bytearray("a\u20ac", "ascii", "replace"), bytearray("x", "utf-16"))
