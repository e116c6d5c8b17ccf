# dir(object): the names of builtin types as CPython defines them, user
# classes along their MRO with what type() adds, instances' own names, slots.
import collections
class A:
    x = 1
    def f(self):
        pass
class B(A):
    y = 2
    def __init__(self):
        self.z = 3
class S:
    __slots__ = ("a",)
class L(list):
    pass
class E(ValueError):
    pass
print(dir(A))
print(dir(B))
print(dir(B()))
print(dir(S))
print(dir(L))
print(dir(E))
print(dir(E("x")))
for v in [1, 1.5, "s", [], (), {}, set(), frozenset(), range(3), None, True, 1j, b"", slice(1), len, print, A().f, (x for x in []), iter([]), {}.keys(), collections.deque(), collections.Counter(), object(), type, int, ValueError, KeyError("k"), lambda: 0]:
    print(type(v).__name__, dir(v))
try:
    dir(1, 2)
except TypeError as e:
    print(e)
class T:
    __slots__ = ["p", "q"]
print(dir(T()))
