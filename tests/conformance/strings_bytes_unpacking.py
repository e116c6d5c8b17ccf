a, *rest = [1, 2, 3]
print(a, rest)
*init, last = "abc"
print(init, last)
print([*rest, *"xy"], (*rest,), {**{"a": 1}, "b": 2})
print("%d items at %.2f %s %r %5s|%-4d|%x %%" % (3, 1.5, "ok", "q", "ab", 7, 255))
print("{} and {}".format(1, "two"), "{0}{1}{0}".format("a", "b"), "{name}={v:.3f}".format(name="x", v=2))
print(sorted([3, 1, 2], key=lambda v: -v), min([3, 1, 2], key=lambda v: -v), max("abc"))
print(list(map(str, [1, 2])), list(filter(None, [0, 1, 2])), list(map(lambda a, b: a + b, [1, 2], [3, 4])))
import sys
sys.setrecursionlimit(200000)
def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)
print(deep(100000))
print(b"abc", len(b"ab"), b"a" + b"b", list(b"hi"), "hé".encode(), b"xy".decode())
print(divmod(7, 2), round(2.5), abs(-3), pow(2, 10, 1000))
print("a,b".split(","), " x ".strip(), "abc".center(7, "*"), "ab".zfill(5), "Hello".swapcase(), "hello world".title())
print("x".join(["a", "b"]), "abc".index("c"), "aXbX".rfind("X"), "a b".partition(" "), "abc".capitalize())
d = {"a": 1}
d.update(b=2)
print(d, d.popitem(), dict.fromkeys("ab", 0), {k: v for k, v in zip("ab", range(2))})
print(list(enumerate("ab", 1)), list(reversed([1, 2])), any([]), all([]))
print(isinstance(3, (int, str)), type(3) is int, int.__name__)
print(f"{3.14159:.2f} {1000000:,} {'x'!r:>5} {42:08b} {0.5:%}")
x = [5, 3, 1]
x.sort(reverse=True)
print(x, x[::-1], x[::2])
x[1:2] = [9, 9]
del x[0]
print(x)
print(int("ff", 16), float("1e3"), str(1.0), repr(0.1 + 0.2), 10 ** 20, 2 ** -1)
print(chr(65), ord("a"), hex(255), bin(5), oct(8))
print(sum([0.1] * 10), max(1, 2, 3), min([], default=0))
