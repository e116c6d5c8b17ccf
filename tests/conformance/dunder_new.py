# __new__: classes that make their own instances; object.__new__.
class A:
    pass
a = object.__new__(A)
print(type(a).__name__, isinstance(a, A))

class Singleton:
    _instance = None
    def __new__(cls, *args, **kwargs):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance
    def __init__(self, value):
        self.value = value

s1 = Singleton(1)
s2 = Singleton(2)
print(s1 is s2, s1.value)

class Point:
    __slots__ = ("x", "y")
    def __new__(cls, x, y):
        self = super(Point, cls).__new__(cls)
        self.x = x
        self.y = y
        return self
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
print(Point(1, 2))

class Other:
    def __new__(cls, n):
        return n * 2
print(Other(21))

class Base:
    def __new__(cls, *args):
        print("Base.__new__", cls.__name__, args)
        return object.__new__(cls)
class Derived(Base):
    def __init__(self, a, b):
        print("Derived.__init__", a, b)
d = Derived(1, 2)
print(type(d).__name__)
print(A.__new__ is object.__new__, Singleton.__new__(Singleton) is s1)
try:
    object.__new__(A, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    object.__new__(Singleton, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    object.__new__(5)
except TypeError as e:
    print("TypeError:", e)
class E(Exception):
    def __new__(cls, *args):
        return super().__new__(cls, *args)
try:
    raise E("boom", 1)
except E as e:
    print(repr(e), e.args)
class Cls:
    @staticmethod
    def __new__(cls):
        return "static"
print(Cls())
