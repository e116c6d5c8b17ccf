def describe(a, b=2, *rest, scale=1.5, **options):
    pair = (a, b)
    grid = [[a, b], {"k": -a}]
    low, high = pair
    ok = 0 <= low < high <= 10
    grid[0][1] += 1
    label = f"{a!r:>8}|{b:.2f}"
    return ok or grid[1:] is None, label, -7, 2 ** 100, lambda x: x * 2


print(describe(1, scale=2))
