def scale(xs, k):
    return [x * k for x in xs if x % 2 == 0]
print(scale(range(10), 3))
print({word: len(word) for word in "the quick brown fox".split()})
print([(i, j) for i in range(3) for j in range(i)])
grid = [[r * 3 + c for c in range(3)] for r in range(3)]
print(grid, [row[1] for row in grid])
x = 10
print([x for x in range(3)], x)
def nested(n):
    total = 0
    adders = [lambda v, i=i: v + i + n for i in range(3)]
    return [f(100) for f in adders]
print(nested(5))
print({k: v for k, v in zip("abc", range(3)) if v != 1})
