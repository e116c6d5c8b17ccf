for a in [(b"101", 2), (b" -0x1f ", 16), (b"0b11", 0), (b"1_000",), (b"12",), (b"z", 36), (b"+7",)]:
    print(int(*a))
for a in [(b"12a",), (b"\xff1",), (b"", 10), (b"1__0",), (b"0x",  16), (b"7", 1)]:
    try:
        print(int(*a))
    except ValueError as e:
        print(e)
