# list.sort and sorted compare only with <, in CPython's order: the calls a
# class's __lt__ sees, which pair a TypeError names, and an __lt__ that is
# not a total order (no crash; for short lists, CPython's very result).
import random

seen = []


class V:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        seen.append((self.v, other.v))
        return self.v < other.v

    def __repr__(self):
        return "V(%d)" % self.v


for values in ([3, 1, 2], [1, 2, 3, 4], [4, 3, 2, 1], [2, 2, 1, 1, 3], [5, 1, 4, 2, 3, 9, 0]):
    seen.clear()
    print(sorted(V(v) for v in values), seen)
    seen.clear()
    items = [V(v) for v in values]
    items.sort(reverse=True)
    print(items, len(seen))

for mixed in ([1, "a"], ["42", 7, 3], [-414, 156, "42", 9], [3.5, None]):
    try:
        sorted(mixed)
    except TypeError as error:
        print("TypeError:", error)

random.seed(5)


class Coin:
    def __init__(self, n):
        self.n = n

    def __lt__(self, other):
        return random.random() < 0.5


for n in (5, 20, 63):
    print(n, [c.n for c in sorted(Coin(i) for i in range(n))])
for n in (64, 500):
    print(n, sorted(c.n for c in sorted(Coin(i) for i in range(n))) == list(range(n)))

pairs = [(i % 3, i) for i in range(12)]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs, key=lambda p: p[0], reverse=True))
print(sorted(range(200), key=lambda x: x % 7)[:20])
