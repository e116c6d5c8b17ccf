from collections import Counter, OrderedDict, defaultdict
a = Counter("aabbbc"); b = Counter("abd")
print(a - b, a + b, a & b, a | b)
print(b - a, b + a, b & a, b | a)
neg = Counter(x=-2, y=3, z=0)
print(neg + Counter(), neg - Counter(), Counter() - neg, neg | Counter(), neg & Counter(y=1, q=5))
c = Counter(a=3, b=1)
c -= Counter(a=1, b=2, e=-4)
print(c)
c += {"z": 2, "a": -2}
print(c)
c |= Counter(z=5, w=1, a=0)
print(c)
c &= Counter(z=3, w=7)
print(c)
f = Counter(a=1.5, b=2)
print(f + Counter(a=0.5), f - Counter(b=2.5))
for op in [lambda: a + {"a": 1}, lambda: a - 1, lambda: a & [1], lambda: a * a]:
    try:
        print(op())
    except TypeError as e:
        print(e)
print(Counter(a=1) | {'b': 2}, {'b': 2} | Counter(a=1))
print(OrderedDict(a=1) | {'b': 2}, {'b': 2} | OrderedDict(a=1))
print(defaultdict(int, a=1) | {'b': 2}, {'b': 2} | defaultdict(int, a=1))
d = {1: 2, 3: 4}
print(d | {3: 5, 6: 7}, {6: 7} | d)
d |= [(8, 9)]
d |= {1: 0}
print(d)
try:
    print(d | [(1, 2)])
except TypeError as e:
    print(e)
words = "the quick brown fox jumps over the lazy dog the end".split()
seen = Counter(words)
print((seen - Counter(["the", "the"])).most_common(3))
