from fractions import Fraction
print(float(Fraction(1, 3)), int(Fraction(7, 2)), int(Fraction(-7, 2)))
class C:
    def __float__(self): return 2.5
    def __int__(self): return 7
class D:
    def __index__(self): return 8
class E:
    def __float__(self): return 1
    def __int__(self): return "x"
class F(int): pass

print(float(C()), int(C()), float(D()), int(D()), int(F(3)), float(F(4)))
for f in (float, int):
    try:
        f(E())
    except TypeError as e:
        print(type(e).__name__, e)
try:
    float(object())
except TypeError as e:
    print(e)
try:
    int(object())
except TypeError as e:
    print(e)
