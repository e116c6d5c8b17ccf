import math
x = 1
def show(d):
    return sorted((k, v) for k, v in d.items() if not k.startswith("__") and not callable(v) and k != "math")

print(show(globals()), globals() is globals(), "show" in globals())
print(locals() is globals(), vars() is globals())
globals()["made"] = 42
print(made)

def f(a, b=2, *args, **kw):
    c = a + b
    def inner():
        return c + a
    d = [c]
    del d
    print(sorted(locals()), sorted(vars()), dir())
    print(locals()["c"], locals()["args"], locals()["kw"])
    loc = locals()
    loc["c"] = 100
    print(c)
    return inner

g = f(1, 3, 4, k=5)

def outer():
    y = 10
    def inner():
        z = y + 1
        return locals()
    return inner()
print(outer())

class C:
    p = 1
    q = p + 1
    print(sorted(locals()), sorted(k for k in vars() if not k.startswith("__") or k == "__module__"), dir())
    r = locals()["q"]
print(C.r, vars(C) is not None and "p" in vars(C))

class P:
    def __init__(self):
        self.u = 1
        self.v = [2]
print(vars(P()))
for bad in [lambda: vars(1), lambda: vars(1, 2), lambda: globals(1), lambda: locals(x=1)]:
    try:
        print(bad())
    except TypeError as e:
        print(e)
print(sorted(n for n in dir() if not n.startswith("__")))
print(list(map(lambda v: sorted(locals()), [1])))
gen = (sorted(locals()) for i in range(1))
print(next(gen))
print([sorted(locals()) for j in range(1)])
def deleted():
    w = 1
    del w
    return locals()
print(deleted())
