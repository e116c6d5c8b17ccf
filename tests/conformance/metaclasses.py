class Meta(type):
    def __new__(mcls, name, bases, ns, **kwargs):
        print("Meta.__new__", mcls.__name__, name, [b.__name__ for b in bases], sorted(k for k in ns if not k.startswith("__")), kwargs)
        cls = super().__new__(mcls, name, bases, ns)
        cls.created_by = mcls.__name__
        return cls

    def __init__(cls, name, bases, ns, **kwargs):
        print("Meta.__init__", name, kwargs)
        super().__init__(name, bases, ns)

    @classmethod
    def __prepare__(mcls, name, bases, **kwargs):
        print("prepare", name, kwargs)
        return {"injected": 42}

    def __call__(cls, *args, **kwargs):
        print("Meta.__call__", cls.__name__, args)
        return super().__call__(*args, **kwargs)

    def __iter__(cls):
        return iter(cls.items)

    def __len__(cls):
        return len(cls.items)

    def __getitem__(cls, key):
        return cls.items[key]

    def __contains__(cls, x):
        return x in cls.items

    def __repr__(cls):
        return f"<Meta class {cls.__name__}>"

    def __or__(cls, other):
        return ("or", cls.__name__, other)

    def describe(cls):
        return f"{cls.__name__} with {len(cls.items)} items"

    @property
    def size(cls):
        return len(cls.items)


class A(metaclass=Meta, flavour="x"):
    items = [1, 2, 3]

    def __init__(self, v):
        self.v = v

    def __init_subclass__(cls, **kw):
        print("init_subclass", cls.__name__, kw)

    @classmethod
    def make(cls):
        return cls(0)

print(type(A) is Meta, isinstance(A, Meta), isinstance(A, type))
print(A.injected, A.created_by)
print(list(A), len(A), A[1], 2 in A, 5 in A)
print(repr(A), str(A))
print(A | 3)
print(A.describe(), A.size)
a = A(7)
print(a.v, type(a).__name__)
print(A.make().v)

class B(A, tag=1):
    items = "xy"

print(type(B) is Meta, list(B))

class Other(type):
    pass

try:
    class C(A, metaclass=Other):
        pass
except TypeError as e:
    print("TypeError:", e)

class Sub(Meta):
    pass

class D(metaclass=Sub):
    items = ()

class E(D, A):
    items = (9,)
print(type(E).__name__)

# type() with a metaclass
T = Meta("T", (), {"items": [5]})
print(T, list(T))

# __class__ cell and zero-argument super
class Base:
    def hello(self):
        return "base"

class Derived(Base, metaclass=Meta):
    items = []
    def hello(self):
        return "derived+" + super().hello()
    def klass(self):
        return __class__.__name__
print(Derived().hello(), Derived().klass())

# __instancecheck__ and __subclasscheck__
class Checker(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, int)
    def __subclasscheck__(cls, sub):
        return sub is bool

class Intish(metaclass=Checker):
    pass
print(isinstance(3, Intish), isinstance("s", Intish), issubclass(bool, Intish), issubclass(str, Intish))
print(isinstance(3, (str, Intish)))

# __setattr__ / __delattr__ on the metaclass
class Frozen(type):
    def __setattr__(cls, name, value):
        if name.startswith("locked"):
            raise AttributeError(f"cannot set {name}")
        super().__setattr__(name, value)
    def __delattr__(cls, name):
        print("deleting", name)
        super().__delattr__(name)

class F(metaclass=Frozen):
    pass
F.x = 1
print(F.x)
try:
    F.locked = 2
except AttributeError as e:
    print("AttributeError:", e)
del F.x
print(hasattr(F, "x"))

# __init_subclass__ keywords without a metaclass
class Plugin:
    registry = []
    def __init_subclass__(cls, name=None, **kw):
        super().__init_subclass__(**kw)
        Plugin.registry.append((cls.__name__, name))
class P1(Plugin, name="one"):
    pass
class P2(Plugin):
    pass
print(Plugin.registry)
try:
    class Bad(object, unknown=1):
        pass
except TypeError as e:
    print("TypeError:", e)

# __prepare__ returning a dict subclass
class RecordingDict(dict):
    def __init__(self):
        super().__init__()
        self.order = []
    def __setitem__(self, key, value):
        self.order.append(key)
        super().__setitem__(key, value)

class Recording(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return RecordingDict()
    def __new__(mcls, name, bases, ns):
        cls = super().__new__(mcls, name, bases, dict(ns))
        cls.order = [k for k in ns.order if not k.startswith("__")]
        return cls

class R(metaclass=Recording):
    b = 1
    a = 2
    def m(self): pass
    b = 3
print(R.order, R.b)

# class attribute lookup falls back to the metaclass
class WithAttr(type):
    greeting = "hi"
    def __getattr__(cls, name):
        return "dynamic " + name
class G(metaclass=WithAttr):
    pass
print(G.greeting, G.whatever)
print(type.__name__, type(type))
