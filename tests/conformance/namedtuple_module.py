# namedtuple classes name the module that made them (doctest finds their
# docstrings through __module__), typing.NamedTuple too, and module= wins.
import collections, typing
A = collections.namedtuple("A", "x y")
class B(typing.NamedTuple):
    z: int
def f():
    C = collections.namedtuple("C", "q")
    return C
print(A.__module__, B.__module__, f().__module__, A(1, 2), B(3), f()(4))
print(collections.namedtuple("D", "a", module="zz").__module__)
print(A.__module__ == __name__, "__module__" in vars(A))
