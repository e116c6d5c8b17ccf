class MyInt(int):
    def double(self):
        return self * 2

x = MyInt(21)
print(x, repr(x), x.double(), x + 1, x == 21, hash(x) == hash(21), isinstance(x, int))
print(type(x).__name__, bool(MyInt(0)), bool(x), x.bit_length())
d = {x: "a"}
print(d[21], d[x])

class Tagged(int):
    def __new__(cls, value, tag):
        self = int.__new__(cls, value)
        self.tag = tag
        return self
    def __repr__(self):
        return f"Tagged({int(self)}, {self.tag!r})"

t = Tagged(5, "five")
print(t, repr(t), t.tag, t + t, str(t), f"{t:>4}")

class Name(str):
    def shout(self):
        return self.upper() + "!"

n = Name("hi")
print(n, repr(n), n.shout(), len(n), n + "x", n == "hi", {n: 1}["hi"], n[0])

class Point(tuple):
    def __new__(cls, x, y):
        return tuple.__new__(cls, (x, y))
    @property
    def x(self):
        return self[0]

p = Point(1, 2)
print(p, p.x, len(p), list(p), p == (1, 2))

class F(float):
    pass
print(F(1.5) * 2, F("2.5"))
