# User-defined descriptors (__get__/__set__/__set_name__), function attributes, functools and heapq.
class Const:
    def __init__(self, v):
        self.v = v
    def __get__(self, instance, owner=None):
        return (self.v, instance is None, owner.__name__)

class Typed:
    def __set_name__(self, owner, name):
        self.name = "_" + name
    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return getattr(instance, self.name, None)
    def __set__(self, instance, value):
        if not isinstance(value, int):
            raise TypeError(f"{self.name[1:]} must be an int")
        setattr(instance, self.name, value)

class Method:
    def __init__(self, f):
        self.f = f
    def __get__(self, instance, owner=None):
        f = self.f
        return lambda *a: f(instance, *a)

class C:
    k = Const(3)
    age = Typed()
    @Method
    def hello(self, x):
        return ("hello", x, type(self).__name__)

c = C()
print(c.k, C.k)
c.age = 5
print(c.age, c.__dict__, type(C.age).__name__)
try:
    c.age = "x"
except TypeError as e:
    print(e)
c.__dict__["age"] = 99
print(c.age)
for i in range(3):
    print(c.hello(i), c.k[0])

import functools

@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info())

@functools.lru_cache(maxsize=2)
def sq(x):
    return x * x
print([sq(i) for i in (1, 2, 1, 3, 2, 1)], sq.cache_info())
sq.cache_clear(); print(sq.cache_info())

class Node:
    def __init__(self, v):
        self.v = v
    @functools.cached_property
    def double(self):
        print("computing")
        return self.v * 2
    @functools.lru_cache()
    def triple(self):
        return self.v * 3
n = Node(4)
print(n.double, n.double, n.triple(), n.triple())

def deco(f):
    @functools.wraps(f)
    def wrapper(*a, **k):
        return ("wrapped", f(*a, **k))
    return wrapper

@deco
def add(a, b=1):
    return a + b
print(add(1), add.__name__, add.__wrapped__.__name__, add.__qualname__)
print(functools.reduce(lambda a, b: a * b, range(1, 6)), functools.reduce(lambda a, b: a + b, [], 7))
try:
    functools.reduce(lambda a, b: a, [])
except TypeError as e:
    print(e)
p = functools.partial(pow, 2)
print(p(10), functools.partial(p, 3)(), functools.partial(sorted, key=len)(["ccc", "a", "bb"]))

@functools.total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(V(1) <= V(2), V(3) > V(2), V(2) >= V(2), V(1) > V(1))
print(sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))

import heapq
h = []
for x in [5, 3, 8, 1, 9, 2, 7]:
    heapq.heappush(h, x)
print(h, [heapq.heappop(h) for _ in range(3)], h)
data = [9, 4, 7, 1, 8, 2, 6, 3, 5, 0]
heapq.heapify(data); print(data)
print(heapq.heapreplace(data, 10), data, heapq.heappushpop(data, -1), data)
print(heapq.nlargest(3, [5, 1, 8, 3]), heapq.nsmallest(2, [5, 1, 8, 3], key=lambda v: -v))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6, 9])), list(heapq.merge([7, 4, 1], [8, 2], reverse=True)))
tasks = []
heapq.heappush(tasks, (2, "write")); heapq.heappush(tasks, (1, "read")); heapq.heappush(tasks, (2, "exec"))
print([heapq.heappop(tasks) for _ in range(3)])
def f(): pass
f.calls = 3
print(f.calls, f.__dict__, f.__module__, f.__defaults__)
class Strength:
    REQUIRED = None
    def __init__(self, v):
        self.v = v
Strength.REQUIRED = Strength(0)
Strength.REQUIRED = Strength(1)
C.k = Const(4)
print(Strength.REQUIRED.v, c.k)
