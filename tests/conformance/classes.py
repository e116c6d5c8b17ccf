class Animal:
    """An animal."""
    kingdom = "animalia"
    count = 0

    def __init__(self, name, sound="..."):
        self.name = name
        self.sound = sound
        Animal.count += 1

    def speak(self):
        return f"{self.name} says {self.sound}"

    def __repr__(self):
        return f"Animal({self.name!r})"

    @staticmethod
    def create(name):
        return Animal(name)

    @classmethod
    def kind(cls):
        return cls.__name__


class Dog(Animal):
    def __init__(self, name):
        super().__init__(name, "woof")
        self.tricks = []

    def speak(self):
        base = super().speak()
        return base + "!"

    def add(self, trick):
        self.tricks.append(trick)
        return self


class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __eq__(self, o):
        return isinstance(o, Vec) and self.x == o.x and self.y == o.y
    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __repr__(self):
        return "Vec(%r, %r)" % (self.x, self.y) if False else f"Vec({self.x}, {self.y})"
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __iter__(self):
        yield_list = [self.x, self.y]
        return iter(yield_list)
    def __bool__(self):
        return bool(self.x or self.y)
    def __neg__(self):
        return Vec(-self.x, -self.y)

class Temp:
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("too cold")
        self._c = v
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

class A:
    def who(self): return "A"
class B(A):
    def who(self): return "B" + super().who()
class C(A):
    def who(self): return "C" + super().who()
class D(B, C):
    def who(self): return "D" + super().who()

class MyError(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code

class Counter:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i
    def __call__(self, x):
        return x * self.n
    def __contains__(self, x):
        return x == 42

d = Dog("rex")
print(d.speak(), d.add("sit").add("roll").tricks, Animal.count)
print(d, repr(d), str(d), [d])
print(Animal.create("cat"), Animal.kind(), Dog.kind(), d.kind())
print(type(d).__name__, isinstance(d, Animal), isinstance(d, Dog), issubclass(Dog, Animal), issubclass(Animal, Dog))
print(Animal.kingdom, d.kingdom, Dog.__mro__)
v = Vec(1, 2) + Vec(3, 4)
print(v, v * 2, 3 * v, -v, v == Vec(4, 6), v != Vec(4, 6), v < Vec(5, 0), len(v), v[0], list(v), bool(Vec(0, 0)))
print(sorted([Vec(3, 1), Vec(1, 2), Vec(2, 0)]))
print(hash(Vec(1, 2)) == hash((1, 2)))
t = Temp()
t.celsius = 100
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("error:", e)
try:
    t.fahrenheit = 3
except AttributeError as e:
    print("attr error:", e)
print(D().who(), [k.__name__ for k in D.__mro__])
try:
    raise MyError("bad thing", 42)
except MyError as e:
    print(e, e.code, e.args, repr(e), isinstance(e, Exception))
c = Counter(3)
print(list(c), c(5), 42 in c, 41 in c, callable(c))
for i in Counter(2):
    print("it", i)
print(getattr(d, "name"), getattr(d, "missing", "dflt"), hasattr(d, "tricks"), hasattr(d, "zzz"))
setattr(d, "age", 3)
print(d.age)
delattr(d, "age")
print(hasattr(d, "age"))
del d.tricks
print(hasattr(d, "tricks"))
o = object()
print(type(o).__name__)
class Empty: pass
e = Empty()
e.x = 1
print(e.x, Empty.__name__, Empty.__qualname__)
try:
    e.nope
except AttributeError as err:
    print(err)
def outer():
    class Inner:
        def m(self):
            return type(self).__qualname__
    return Inner().m()
print(outer())
m = d.speak
print(m())
print(Animal.speak(d))
