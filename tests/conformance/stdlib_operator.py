# CPython's own operator module (its pure-Python code: pvm has no _operator).
import operator
from operator import itemgetter, attrgetter, methodcaller

print(operator.add(2, 3), operator.sub(7, 2), operator.mul("ab", 3))
print(operator.truediv(7, 2), operator.floordiv(7, 2), operator.mod(7, 3))
print(operator.neg(5), operator.pos(-5), operator.abs(-3), operator.inv(5))
print(operator.lt(1, 2), operator.eq(1, 1.0), operator.ne("a", "b"))
print(operator.not_(0), operator.truth([]), operator.is_(None, None))
print(operator.concat([1], [2]), operator.contains([1, 2], 2))
print(operator.countOf([1, 2, 1], 1), operator.indexOf("abc", "c"))
print(operator.getitem({"k": 9}, "k"), operator.index(7))
print(operator.length_hint([1, 2, 3]), operator.length_hint(object(), 5))

data = [("b", 2), ("a", 3), ("c", 1)]
print(sorted(data, key=itemgetter(1)))
print(itemgetter(0, 1)(["x", "y", "z"]))
print(itemgetter(1)("hello"))


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.inner = self if x == 0 else None


p = Point(3, 4)
print(attrgetter("x")(p), attrgetter("x", "y")(p))
print(attrgetter("inner.x")(Point(0, 9)))
print(methodcaller("upper")("abc"), methodcaller("split", ",")("a,b,c"))
print(methodcaller("replace", "a", "o", 1)("banana"))
print(repr(itemgetter(1)), repr(attrgetter("x")))
print(repr(methodcaller("split", ",", maxsplit=1)))

x = [1]
x = operator.iadd(x, [2])
print(x, operator.ipow(2, 10), operator.ior(1, 2), operator.ixor(5, 1))
try:
    operator.length_hint(5, "x")
except TypeError as e:
    print("TypeError:", e)
try:
    operator.attrgetter(1)
except TypeError as e:
    print("TypeError:", e)
print(operator.__name__, operator.lt.__name__)
