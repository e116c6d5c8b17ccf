# CPython's struct over pvm's _struct.
import struct

for fmt in ["i", "<i", ">h", "!I", "@bhi", "=bhi", "<q", ">Q", "d", "<f", "?", "3s", "5p", "2h", "cxb", "<l", "@l", "n", "P", "bi", "ib", "<10x", "0i", "i0l"]:
    print(fmt, struct.calcsize(fmt))
print(struct.pack("<i", 1), struct.pack(">i", -2), struct.pack("<hH", -1, 65535))
print(struct.pack("@bhi", 1, 2, 3), struct.pack("=bhi", 1, 2, 3))
print(struct.pack(">Q", 2**64 - 1), struct.unpack(">Q", b"\xff" * 8), struct.unpack("<q", b"\xff" * 8))
print(struct.pack("<d", 1.5), struct.unpack("<d", struct.pack("<d", -0.1)), struct.unpack("<f", struct.pack("<f", 0.1)))
print(struct.pack("3s", b"abcdef"), struct.pack("5p", b"hi"), struct.unpack("5p", b"\x02hixy"), struct.pack("?c", 5, b"z"))
print(struct.unpack("<hhl", struct.pack("<hhl", 1, -2, 3)), struct.unpack_from("<h", b"\x00\x01\x02", 1))
print(list(struct.iter_unpack("<h", b"\x01\x00\x02\x00")))
s = struct.Struct("<2I")
print(s.size, s.format, s.pack(1, 2), s.unpack(b"\x01\x00\x00\x00\x02\x00\x00\x00"), s.unpack_from(b"xx" + s.pack(7, 8), 2))
for bad in [lambda: struct.pack("<h", 40000), lambda: struct.pack("B", -1), lambda: struct.pack("b", 200),
            lambda: struct.pack("<i", 2**31), lambda: struct.pack("I", -1), lambda: struct.pack("q", 2**63),
            lambda: struct.pack("i", 1, 2), lambda: struct.pack("i", "x"), lambda: struct.unpack("<i", b"12"),
            lambda: struct.calcsize("z"), lambda: struct.pack("c", b"ab"), lambda: struct.unpack_from("<i", b"12", 1),
            lambda: struct.pack("3s", "str")]:
    try:
        bad()
    except struct.error as e:
        print("struct.error:", e)
print(issubclass(struct.error, Exception), struct.error.__name__, struct.error.__module__)
struct.pack("<H", -1)
