# Functions must see every rebinding of the globals and builtins they read,
# however often they ran before (pvm caches these lookups).
def read_g():
    return g


def length(xs):
    return len(xs)


def bump():
    global g
    g = g + 1


g = 1
for _ in range(3):
    print(read_g(), length([1, 2]))
g = "rebound"
print(read_g())
g = 10
bump()
bump()
print(read_g(), g)
len = lambda xs: "shadowed"
print(length([1, 2]))
del len
print(length([1, 2, 3]))
del g
print(length([]))
print(read_g())
