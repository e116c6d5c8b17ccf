# tuple.count and tuple.index, list.index with start and stop
t = (1, 2, 1, 3, 1, "a", 1.0)
print(t.count(1), t.count(5), t.count("a"), ().count(None))
print(t.index(1), t.index(1, 1), t.index(1, 3, 5), t.index(1, -3), t.index(3, -100, 100))
print(tuple.count((1, 1), 1), tuple.index((0, 1), 1))
for bad in [lambda: t.index(2, 2), lambda: t.index(1, 1, 2), lambda: t.index(),
            lambda: t.count(), lambda: t.index(1, None), lambda: t.index(1, "x"),
            lambda: t.index(1, 2**100), lambda: t.count(x=1)]:
    try:
        print(bad())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
xs = [4, 5, 4, 6, 4]
print(xs.index(4, 1), xs.index(4, -1), xs.index(6, 0, 4), xs.count(4))
for bad in [lambda: xs.index(4, 3, 4), lambda: xs.index(9), lambda: xs.index(4, 1, 2, 3), lambda: xs.index(x=4)]:
    try:
        print(bad())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

class Loud:
    def __eq__(self, other):
        print("eq called")
        return False
print((Loud(), 1).count(1), (1, 2).index(2))

# str search methods with start and end
s = "hello world, hello"
print(s.startswith("world", 6), s.startswith("hello", 1), s.endswith("hello", 0, 5), s.endswith("o", 0, -6))
print(s.startswith(("x", "wor"), 6), s.endswith(("lo", "x"), None, 5), s.startswith("", 18), s.startswith("", 19))
print(s.find("hello", 1), s.find("o", 5, 8), s.find("o", -4), s.find("", 18), s.find("", 19), s.find("o", 2**70))
print(s.rfind("hello", 0, 17), s.rfind("l", 0, -3), s.rfind(""), s.rfind("", 3, 5))
print(s.index("o", 5), s.rindex("o", 0, 10), s.count("l", 3), s.count("l", 3, -3), s.count("", 3, 6), s.count("", 30))
u = "ääbäcä"
print(u.find("ä", 1), u.find("ä", 2), u.rfind("ä", 0, 5), u.count("ä", 1, -1), u.startswith("b", 2), u.endswith("c", 0, 5), u.index("cä", -3))
for bad in [lambda: s.find(1), lambda: s.count(1), lambda: s.startswith((1,)), lambda: s.startswith(1),
            lambda: s.find("a", 1, 2, 3), lambda: s.find(), lambda: s.startswith(), lambda: s.find("a", "x"),
            lambda: s.find("a", 1.0), lambda: s.index("z"), lambda: s.rindex("z", 1), lambda: s.find("a", start=1),
            lambda: s.startswith("a", None, "x")]:
    try:
        print(bad())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

# bytes
b = b"hello world"
print(b.startswith(b"world", 6), b.endswith(b"hello", 0, 5), b.startswith((b"a", b"h")), b.endswith(b"d", -1))
print(b.find(b"o", 5), b.find(111), b.rfind(b"o"), b.index(b"w"), b.rindex(b"l", 0, 5), b.count(b"l", 4), b.count(108), b.count(b""))
for bad in [lambda: b.find("a"), lambda: b.startswith("a"), lambda: b.startswith(("a",)), lambda: b.find(300),
            lambda: b.index(b"z"), lambda: b.find(b"a", start=1)]:
    try:
        print(bad())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

from collections import namedtuple
P = namedtuple("P", "x y")
p = P(1, 1)
print(p.count(1), p.index(1, 1))
