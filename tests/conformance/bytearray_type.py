b = bytearray(4)
b[1] = 65
b += b"xy"
print(b, len(b), b[1], b[1:3], bytes(b), list(b))
b.append(66); b.extend([67, 68])
print(b, b.find(66), b.find(b"xy"), 65 in b, b == bytearray(b), b.pop(), b.decode("latin-1"))
b[0:2] = b"QQQ"
print(b, b[::-1], b.copy() is b, int(bytearray(b"101"), 2), bytearray(b"abc").translate(bytes(range(256))[::-1]))
print(isinstance(b, bytearray), type(b).__name__, bytearray.copy(b), repr(bytearray()))
