# Subclasses of int, float and str: __new__, inherited operations, conversions, indexing, round().
class I(int):
    pass
class Money(int):
    def __new__(cls, v, currency="EUR"):
        self = super().__new__(cls, v)
        self.currency = currency
        return self
    def __repr__(self):
        return f"Money({int(self)}, {self.currency!r})"
m = Money(5)
print(m, repr(m), m + 1, m * 2, m == 5, m < 6, hash(m) == hash(5), {m: 1}[5], bool(Money(0)), str(I(7)), I(7) // 2, -I(3), abs(I(-4)))
print(int(m), float(I(2)), I("12"), I("ff", 16), isinstance(m, int), type(m).__name__, m.bit_length(), sorted([I(3), I(1), 2]), max(I(3), 4), f"{I(42)}", "%d" % I(5))
print([10, 20, 30][I(1)], range(I(3)), list(range(I(2))), "ab" * I(2), I(5).real if hasattr(I(5), "real") else "no")
class S(str):
    def shout(self):
        return self.upper() + "!"
s = S("hello")
print(s, repr(s), s.shout(), s + " world", len(s), s[1:3], "ell" in s, s == "hello", {s: 1}["hello"], s.split("l"), str(s), f"<{s}>", "%s" % s, list(s)[:2])
class F(float):
    def __new__(cls, v):
        return super().__new__(cls, v)
f = F(1.5)
print(f, f * 2, f + F(1), f > 1, round(f), int(f), float(f), bool(F(0)), f.is_integer(), F("2.5"))


class R:
    def __round__(self, n=None):
        return ("round", n)


print(round(R()), round(R(), 2), round(I(17), -1), round(F(2.675), 2))
try:
    round(object())
except TypeError as e:
    print(e)
class B(int):
    def __bool__(self):
        return True
print(bool(B(0)), I(0) or "zero", -F(2.5), abs(F(-1.5)), ~I(5), +I(3))
