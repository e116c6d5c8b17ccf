from collections import deque, defaultdict, namedtuple, Counter, OrderedDict
d = deque([1, 2, 3], maxlen=5)
d.append(4); d.appendleft(0); d.append(5)
print(d, len(d), d[0], d[-1], d.popleft(), d.pop(), list(d), 3 in d, d.maxlen)
d.rotate(1); print(d); d.rotate(-2); print(d)
q = deque()
q.extend("abc"); q.extendleft("xy")
print(q, q.count("a"), deque() == deque(), bool(deque()))
dd = defaultdict(list)
dd["a"].append(1); dd["b"].append(2); dd["a"].append(3)
print(dd, dd["a"], len(dd), dict(dd), dd.default_factory)
counts = defaultdict(int)
for ch in "hello world":
    counts[ch] += 1
print(sorted(counts.items()))
c = Counter("abracadabra")
print(c, c.most_common(2), c["z"], c["a"], sum(c.values()))
c.update("aaz")
print(c.most_common(3), Counter(), Counter({"x": 2}), Counter(a=1, b=3))
print(sorted(c.elements())[:5], c.total())
od = OrderedDict([("b", 1), ("a", 2)])
od["c"] = 3
od.move_to_end("b")
print(od, list(od), OrderedDict())
Point = namedtuple("Point", "x y")
p = Point(1, 2)
q2 = Point(x=3, y=4)
print(p, q2, p.x, p[1], p + (0,) if False else tuple(p), len(p), p == (1, 2), p == Point(1, 2), hash(p) == hash((1, 2)))
x, y = p
print(x, y, p._asdict(), p._replace(x=9), Point._make([5, 6]), Point._fields)
seen = {p: "first", Point(1, 2): "again"}
print(seen, len({Point(1, 2), Point(1, 2), Point(2, 1)}))
P3 = namedtuple("P3", ["a", "b", "c"], defaults=[0, 0])
print(P3(1), P3(1, 2, 3), isinstance(p, Point), type(p).__name__)
try:
    Point(1)
except TypeError as e:
    print(e)
class Named(namedtuple("Base", "a b")):
    def total(self):
        return self.a + self.b
print(Named(1, 2).total(), Named(3, 4))
