class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, kind, value, tb):
        print("exit", self.name, kind.__name__ if kind else None, value)
        return self.suppress

with CM("a") as a:
    print("body", a.name)

with CM("b", True):
    raise ValueError("boom")
print("after b")

try:
    with CM("c"):
        raise KeyError("k")
except KeyError as e:
    print("caught", repr(e))

def f():
    with CM("d"):
        return 5
print(f())

for i in range(3):
    with CM(f"loop{i}"):
        if i == 1:
            continue
        if i == 2:
            break
        print("in loop", i)

with CM("x") as x, CM("y") as y:
    print("both", x.name, y.name)

def g():
    try:
        with CM("e"):
            1 / 0
    finally:
        print("finally")
try:
    g()
except ZeroDivisionError as e:
    print("zde", e)

class Bad: pass
try:
    with Bad():
        pass
except TypeError as e:
    print(e)
with CM("z", True):
    with CM("w"):
        [][1]
print("end")
