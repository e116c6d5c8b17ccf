# Classes deriving from list and dict: inherited methods, operators, __missing__, super() calls.
class OC(list):
    pass

class Stack(list):
    def push(self, x):
        self.append(x)
    def peek(self):
        return self[-1]
    def __repr__(self):
        return "Stack(" + super().__repr__() + ")"

class Counted(dict):
    def __missing__(self, key):
        return 0

class Ordered(dict):
    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.extra = 1
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 2)

o = OC()
o.append(3); o.append(1); o.extend([2, 5])
print(o, len(o), o[0], o[-1], o[1:3], 3 in o, 7 in o, bool(o), bool(OC()))
print(type(o).__name__, isinstance(o, list), isinstance(o, OC), type(o) is OC)
o.sort(); print(o, sorted(o, reverse=True), list(o), o == [1, 2, 3, 5], o != [1], o < [9])
o[0] = 10; del o[1]; print(o, o.pop(), o, o.index(10), o.count(10))
o += [7, 8]; print(type(o).__name__, o)
p = o + [1]; print(type(p).__name__, p)
print(OC([1, 2, 3]), OC(range(3)), OC("ab"))
for x in OC([4, 5]):
    print(x, end=" ")
print()
s = Stack(); s.push(1); s.push(2); print(s, s.peek(), repr(s), str(s))
c = Counted(); c["a"] += 1; c["a"] += 1; c["b"] += 5; print(c, c["zz"], len(c), sorted(c), c.get("q", 9))
d = Ordered(a=1); d["b"] = 2; print(d, d.extra, dict(d), list(d.items()))
print(list.append, OC.append)
x = OC(); list.append(x, 5); print(x)
try:
    hash(OC())
except TypeError as e:
    print(e)
try:
    {OC(): 1}
except TypeError as e:
    print(e)
a, b = OC([1, 2]); print(a, b)
print(*OC([1, 2, 3]))
print(", ".join(OC(["x", "y"])))
print(max(OC([3, 9, 2])), sum(OC([1, 2])), OC([1]) * 3)
try:
    OC(1, 2)
except TypeError as e:
    print(e)
o2 = OC([1]); o2.name = "n"; print(o2.name, o2.__dict__)
print(Counted({"k": 1}), Counted(k=2)["k"])
