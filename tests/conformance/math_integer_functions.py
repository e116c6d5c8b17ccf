import math

for n in [0, 1, 2, 3, 4, 15, 16, 17, 10**20, 10**20 + 1, 2**127 - 1, True]:
    print(n, math.isqrt(n))
print(math.perm(10, 3), math.perm(5), math.perm(5, None), math.perm(3, 5), math.perm(30, 20), math.perm(0))
print(math.comb(10, 3), math.comb(50, 25), math.prod([1, 2, 3]), math.prod([], start=5), math.prod(range(1, 20)))
for bad in [lambda: math.isqrt(-1), lambda: math.isqrt(2.0), lambda: math.perm(-1), lambda: math.perm(5, -2),
            lambda: math.perm(), lambda: math.perm(1, 2, 3), lambda: math.perm(5.0), lambda: math.isqrt()]:
    try:
        print(bad())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
