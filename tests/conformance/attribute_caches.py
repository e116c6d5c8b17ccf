# Attribute lookups that inline caches must get right.
class A:
    kind = "A"
    def who(self):
        return "A.who"

class B(A):
    pass

def read(objs):
    return [(o.kind, o.who()) for o in objs]

objs = [A(), B(), A()]
print(read(objs))
A.kind = "changed"
print(read(objs))
objs[1].kind = "own"
print(read(objs))
objs[2].who = lambda: "shadowed"
print(read(objs))
B.who = lambda self: "B.who"
print(read(objs))
del objs[1].kind
print(read(objs))

class P:
    def __init__(self, x):
        self.x = x
    def get(self):
        return self.x

items = [P(i) for i in range(5)]
total = 0
for _ in range(3):
    for item in items:
        total += item.get() + item.x
print(total)

class Q:
    def __init__(self, order):
        if order:
            self.a = 1
            self.b = 2
        else:
            self.b = 20
            self.a = 10
def ab(q):
    return q.a * 1000 + q.b
print([ab(Q(i % 2)) for i in range(6)])
class Counter:
    count = 0
    def bump(self):
        Counter.count += 1
        return Counter.count
c = Counter()
print([c.bump() for _ in range(4)], Counter.count, c.count)
class Poly1:
    def f(self): return 1
class Poly2:
    def f(self): return 2
class Poly3:
    def f(self): return 3
class Poly4:
    def f(self): return 4
class Poly5:
    def f(self): return 5
seq = [Poly1(), Poly2(), Poly3(), Poly4(), Poly5()] * 3
print(sum(o.f() for o in seq))
def setter(objs, v):
    for o in objs:
        o.value = v
ps = [P(1), P(2)]
setter(ps, 7)
setter(ps, 8)
print([p.value for p in ps], [vars(p) if False else p.__dict__ for p in ps])
P.x = property(lambda self: 100)
print([p.x for p in items[:2]])
P(3)
