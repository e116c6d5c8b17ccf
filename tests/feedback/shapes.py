# What `pvm run --type-feedback` records: one site of each kind a JIT
# specialises, seeing one shape, a few, or too many.


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


def add(a, b):
    return a + b


def combine(a, b):
    return a + b


def main():
    total = 0
    for i in range(50):
        total = add(total, i)
    print(total)

    print(combine(1, 2), combine(1.5, 2.5), combine("py", "vm"))

    points = [Point(i, -i) for i in range(10)]
    xs = 0
    norms = 0
    for p in points:
        xs += p.x
        norms += p.norm1()
    print(xs, norms, len(points))

    counts = {}
    for word in ["a", "b", "a"]:
        counts[word] = counts.get(word, 0) + 1
    print(counts["a"], points[0].y)

    same = 0
    for value in [1, 2.0, "s", (1,), None]:
        if value == value:
            same += 1
    print(same)


main()
