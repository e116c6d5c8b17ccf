# type.__subclasses__() (direct subclasses in creation order, also as type.__subclasses__(C)), C.mro(), and float()/int() of subclasses with their own __float__/__int__/__index__.
class A: pass
class B(A): pass
class C(A): pass
class D(B, C): pass
print(A.__subclasses__(), type.__subclasses__(B), D.__subclasses__(), A.mro())
class F(float):
    def __float__(self): return 42.0
class G(float): pass
class I(int):
    def __int__(self): return 7
    def __index__(self): return 8
print(float(F(1.5)), float(G(2.5)), int(I(3)), float(1.5), int("7"))
class E(A):
    pass
print([c.__name__ for c in A.__subclasses__()])
class H(float):
    def __float__(self):
        return "no"
try:
    float(H(1.0))
except TypeError as e:
    print("TypeError", e)
