# A NaN is not equal to itself, but containers and dicts compare the very
# same object by identity first, so a NaN kept in a variable finds itself.
import math

x = float("nan")
print(x == x, x != x, x is x)
print(x in [x], [x] == [x], (x,) == (x,), [x].count(x), [x].index(x))
print([1.0, x] == [1.0, x], (x, 2) < (x, 3))
d = {x: "nan", 1.0: "one"}
print(d.get(x), x in d, d[x], len(d))
d[x] = "again"
print(d[x], len(d))
del d[x]
print(x in d, len(d))
print(x in {x}, len({x, x}), {x: 1} == {x: 1})
print(math.nan in [math.nan], math.nan in {math.nan: 0}, math.inf in {math.inf})
print(sorted([3.0, 1.0]), [x] != [x], x not in [x])
