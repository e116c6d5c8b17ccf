xs = [5, 3, 8, 1]
xs.append(10)
xs.insert(0, 99)
xs.extend((7, 7))
print(xs, len(xs), xs.pop(), xs.pop(0), xs.index(8), xs.count(7))
xs.remove(3)
xs.reverse()
print(xs, sorted(xs), sorted(xs, reverse=True), list(reversed(xs)), xs)
xs.sort()
print(xs, xs[1:3], xs[::-1], xs[-2:], min(xs), max(xs), sum(xs))
xs[0] = "first"
xs[-1] = "last"
xs[1:3] = ["a", "b", "c"]
print(xs)
del xs[0]
del xs[::2]
print(xs)
grid = [[0, 0, 0], [0, 0, 0]]
grid[1][2] = 5
print(grid, [[1, 2], [3]][0][1])
t = (1, "two", 3.0, None, (5,))
a, b, c, d, e = t
print(t, t[1], t[-1], t[1:3], len(t), a, b, e, () , (1,), tuple([1, 2]), tuple("ab"))
x, y = 1, 2
x, y = y, x
(p, q), r = (3, 4), 5
print(x, y, p, q, r)
first = second = [0]
first.append(1)
print(first, second)
d = {"one": 1, "two": 2}
d["three"] = 3
d["one"] = 100
print(d, len(d), d["two"], d.get("four"), d.get("four", 4), "one" in d, 1 in d)
del d["two"]
print(d, list(d), d.keys(), d.values(), d.items())
for k, v in d.items():
    print(k, v)
print(dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict({1: 2}), {1: "int", 1.0: "float", True: "bool"})
print(d.pop("one"), d.setdefault("new", []), d, {(1, 2): "tuple key"}[(1, 2)])
print(list(range(5)), list(range(2, 10, 3)), list(range(10, 0, -3)), range(5), range(0, 10, 2)[2], len(range(0, 100, 7)))
print(list(enumerate("abc")), list(enumerate([10, 20], 1)), list(zip([1, 2, 3], "ab")), list(zip()))
print(any([0, "", 3]), all([1, "a"]), all([]), any([]), bool([]), bool([0]), list("hi"), tuple(range(3)))
nested = [1, [2, [3, [4]]]]
print(nested, nested[1][1][1][0], isinstance(nested, list), isinstance(3, (str, int)), isinstance(True, int))
print(type(1), type(1.0), type("s"), type([]), type(()), type({}), type(None), type(range(1)), type(len))
print(type(1) is int, type(True).__name__, isinstance(1.0, float), issubclass(bool, int))
it = iter([1, 2])
print(next(it), next(it), next(it, "done"))
empty = []
empty.append(empty)
print(empty, hash(1) == hash(1.0), hash(-1), hash((1, 2)) == hash((1, 2)))
