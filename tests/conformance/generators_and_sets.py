def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"

print(list(count(5)))
g = count(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value, repr(e))
print(next(count(0), "default"))

def echo():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x
    return total

e = echo()
print(next(e), e.send(5), e.send(10))
try:
    e.send(None)
except StopIteration as s:
    print("returned", s.value)

def inner():
    a = yield 1
    b = yield 2
    return a + b

def outer():
    result = yield from inner()
    yield result * 10
    yield from [7, 8]

o = outer()
print(next(o), o.send(3), o.send(4), list(o))

print(sum(x * x for x in range(10)))
print(list(x for x in "abc" if x != "b"))
gen = (i * 2 for i in range(3))
print(gen.__next__(), list(gen))
print({x % 3 for x in range(10)}, {1, 2, 3} | {3, 4}, {1, 2, 3} & {2, 3, 9}, {1, 2, 3} - {2}, {1, 2} ^ {2, 3})
s = set()
s.add(10); s.add(5); s.add(100)
print(s, len(s), 5 in s, 6 in s, sorted(s), frozenset([3, 1]), set(), frozenset())
s.discard(5); s.remove(10)
print(s, s.pop(), s)
print({1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, {1, 2} == {2, 1}, {3} > set())
print(hash(frozenset([1, 2, 3])) == hash(frozenset([3, 2, 1])))

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

for i, f in zip(range(10), fib()):
    pass
print(i, f)

def closing():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")

c = closing()
print(next(c))
c.close()
print("closed")

def catcher():
    while True:
        try:
            yield
        except ValueError as err:
            print("caught", err)

k = catcher()
next(k)
k.throw(ValueError("bad"))
k.throw(ValueError, "worse")

async def add(a, b):
    return a + b

async def compute():
    x = await add(1, 2)
    y = await add(x, 10)
    return y

coro = compute()
try:
    coro.send(None)
except StopIteration as done:
    print("coroutine result", done.value)

def bad():
    yield 1
    raise StopIteration
try:
    list(bad())
except RuntimeError as err:
    print(err)

class Tree:
    def __init__(self, value, children=()):
        self.value = value
        self.children = children
    def __iter__(self):
        yield self.value
        for child in self.children:
            yield from child

t = Tree(1, [Tree(2, [Tree(3)]), Tree(4)])
print(list(t))
def gen_with_closure(n):
    def helper(v):
        return v + n
    for i in range(3):
        yield helper(i)
print(list(gen_with_closure(10)))
print(type(count(1)).__name__)
