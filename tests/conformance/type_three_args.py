T = type("T", (object,), {"x": 1, "f": lambda self: 42})
print(T, T.x, T().f(), T.__name__, T.__qualname__, T.__module__, T.__bases__)
X = type("X", (), {"__qualname__": "Outer.X", "__module__": "mod"})
print(X, X.__qualname__, X.__module__, X.__name__)

class Base:
    def hello(self):
        return "hello from " + type(self).__name__
    def __repr__(self):
        return f"<{type(self).__name__} {self.__dict__}>"

def init(self, v):
    self.v = v
D = type("D", (Base,), {"__init__": init, "double": lambda self: self.v * 2, "count": 0})
d = D(21)
print(d.hello(), d.double(), d, isinstance(d, Base), D.__mro__)
D.count += 1
print(D.count, type(d) is D, type(D))

class Named:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
E = type("E", (), {"attr": Named(), "prop": property(lambda self: 7)})
print(E().prop)
ns = {"a": 1}
F = type("F", (), ns)
ns["b"] = 2
print(hasattr(F, "b"), sorted(k for k in vars(F) if not k.startswith("__")))
Err = type("Err", (ValueError,), {})
try:
    raise Err("boom")
except ValueError as e:
    print(type(e).__name__, e)

def make():
    return type("Local", (), {})
print(make().__module__, make())
for f in [lambda: type("X", 1, {}), lambda: type(1, (), {}), lambda: type("X", (), []),
          lambda: type("X", ()), lambda: type("X", (), {}, 1), lambda: type("X", (), {"__qualname__": 3})]:
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
