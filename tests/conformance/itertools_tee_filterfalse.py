# itertools.tee (independent iterators over one source) and filterfalse.
import itertools as it

a, b = it.tee(iter([1, 2, 3, 4]))
print(next(a), next(a), list(b), list(a))
x, y, z = it.tee(it.count(), 3)
print([next(x) for _ in range(5)], next(y), [next(z) for _ in range(3)], next(x))
print(it.tee([1], 0), len(it.tee("ab")))
p, q = it.tee("abc")
print(list(zip(p, q)))
first, second = it.tee(n * n for n in range(6))
print(list(it.islice(first, 3)), list(second), list(first))


def pairs(iterable):
    left, right = it.tee(iterable)
    next(right, None)
    return list(zip(left, right))


print(pairs(range(5)), pairs([]))
print(list(it.filterfalse(None, [0, 1, "", "a", None, [], [0]])))
print(list(it.filterfalse(lambda v: v % 2, range(10))))
print(list(it.filterfalse(str.isdigit, "a1b2c3")))
try:
    it.tee([1], -1)
except ValueError as e:
    print(e)
