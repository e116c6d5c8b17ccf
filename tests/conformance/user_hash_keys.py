# Objects whose class defines __hash__ and __eq__ as dict keys and set members, alone and inside tuples.
class P:
    calls = 0
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, other):
        P.calls += 1
        return isinstance(other, P) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __repr__(self):
        return f"P({self.x}, {self.y})"

class OnlyHash:
    def __init__(self, k):
        self.k = k
    def __hash__(self):
        return self.k % 3

d = {P(1, 2): "a"}
d[P(1, 2)] = "b"
d[P(2, 1)] = "c"
print(d, len(d), d[P(1, 2)], P(2, 1) in d, P(5, 5) in d, d.get(P(2, 1)), d.get(P(0, 0), "none"))
del d[P(1, 2)]
print(d, d.pop(P(2, 1)), d, d.setdefault(P(3, 3), 7), d)
try:
    d[P(9, 9)]
except KeyError as e:
    print("KeyError", e)
s = {P(1, 1), P(1, 1), P(2, 2)}
print(len(s), P(1, 1) in s, P(3, 3) in s)
s.add(P(2, 2)); s.add(P(4, 4)); s.discard(P(1, 1)); s.remove(P(4, 4))
print(sorted(s, key=lambda p: p.x), len(set([P(0, 0)] * 5)), len({(P(1, 2), 3), (P(1, 2), 3)}))
memo = {}
for i in range(5):
    memo[(P(i % 2, 0), i % 2)] = i
print(sorted(memo.values()), dict.fromkeys([P(1, 1), P(1, 1)]), dict([(P(1, 1), 1), (P(1, 1), 2)]))
print({k: 1 for k in [P(1, 1), P(1, 1)]}, {P(1, 1): 1, P(1, 1): 2}, {x for x in [P(1, 1), P(1, 1)]})
a, b = OnlyHash(1), OnlyHash(4)
print(len({a, b}), len({a: 1, b: 2}), a in {a}, OnlyHash(1) in {a}, hash(a), hash(P(1, 2)) == hash((1, 2)))
class Bad:
    def __hash__(self):
        return "no"
try:
    {Bad(): 1}
except TypeError as e:
    print(e)
class Unh:
    def __eq__(self, o): return True
try:
    {Unh()}
except TypeError as e:
    print(e)
print(P.calls > 0)
