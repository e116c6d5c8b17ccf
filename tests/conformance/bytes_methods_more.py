# bytes: the is... predicates, strip sets, padding, partition, case, splitlines, translate, fromhex, maketrans.
b = b"Hello World 42"
print(b.isalnum(), b"abc1".isalnum(), b"abc".isalpha(), b"123".isdigit(), b"abc d".islower(), b"ABC".isupper(), b" \t".isspace(), b"".isdigit(), b"\xff".isascii())
print(b"xxhixx".lstrip(b"x"), b"xxhixx".rstrip(b"x"), b"  hi  ".lstrip(), b"  hi  ".rstrip(), b"hi".ljust(5, b"*"), b"hi".rjust(5), b"hi".center(7, b"-"), b"abc".center(6), b"-42".zfill(6), b"7".zfill(3))
print(b"a=b=c".partition(b"="), b"a=b=c".rpartition(b"="), b"abc".partition(b"x"), b"abc".rpartition(b"x"), b"prefix_x".removeprefix(b"prefix_"), b"x.py".removesuffix(b".py"))
print(b"hello wORLD".capitalize(), b"Hello".swapcase(), b"hello world-foo".title(), b"a\nb\r\nc\rd".splitlines(), b"a\nb\n".splitlines(True))
t = bytes.maketrans(b"abc", b"xyz"); print(b"aabbcc".translate(t), b"hello".translate(None, b"l"), len(t))
print(bytes.fromhex("de ad be ef"), bytes.fromhex("00FF"), bytes.decode(b"hi"), bytes.hex(b"\x01\x02"), bytes.upper(b"ab"))
for f in [lambda: bytes.fromhex("0g"), lambda: bytes.fromhex("abc"), lambda: b"a".partition(b""), lambda: bytes.maketrans(b"a", b"bc")]:
    try:
        f()
    except ValueError as e:
        print(e)
