# int.to_bytes/from_bytes/as_integer_ratio, float.as_integer_ratio/hex,
# str.maketrans/translate/isascii/format_map.
print((1024).to_bytes(2, "big"), (1024).to_bytes(4, "little"), (-1).to_bytes(2, "big", signed=True), (255).to_bytes(), (0).to_bytes(0, "big"))
print(int.from_bytes(b"\x04\x00", "big"), int.from_bytes(b"\xff\xff", "little", signed=True), int.from_bytes([1, 2, 3], byteorder="big"), int.from_bytes(b"\x01"))
print((2**70).to_bytes(10, "big"), int.from_bytes(b"\x01" * 12, "big"), (-129).to_bytes(2, "little", signed=True))
for f in [lambda: (256).to_bytes(1, "big"), lambda: (-1).to_bytes(1, "big"), lambda: (1).to_bytes(1, "middle"), lambda: (128).to_bytes(1, "big", signed=True)]:
    try: f()
    except (OverflowError, ValueError) as e: print(type(e).__name__, e)
print((5).as_integer_ratio(), (0.5).as_integer_ratio(), (0.1).as_integer_ratio(), (-2.5).as_integer_ratio(), (1e300).as_integer_ratio()[1], (0.0).as_integer_ratio(), (5e-324).as_integer_ratio()[0])
print((1.5).hex(), (0.1).hex(), (-0.0).hex(), (5e-324).hex(), float("inf").hex(), (1e300).hex(), (1.5).conjugate())
t = str.maketrans("abc", "xyz", "d"); print(sorted(t.items()), "abcdd e".translate(t))
print("hello".translate({ord("l"): "L", "o": None, 104: 72} if False else str.maketrans({"l": "L", "o": None, 104: "H"})))
print("abc".isascii(), "é".isascii(), "abc".translate(["A", "B"] * 50))
try: float("nan").as_integer_ratio()
except ValueError as e: print(e)
print("{a}-{b}".format_map({"a": 1, "b": "x"}), "{x:>5}|{y:.2f}".format_map(dict(x="r", y=3.14159)), "{0}".format_map({}) if False else "")
try:
    "{missing}".format_map({})
except KeyError as e:
    print("KeyError", e)
