# namedtuple classes name the module that made them (doctest finds their
# docstrings through __module__), typing.NamedTuple too, and module= wins.
import collections, typing, doctest
A = collections.namedtuple("A", "x y")
class B(typing.NamedTuple):
    z: int
def f():
    C = collections.namedtuple("C", "q")
    return C
print(A.__module__, B.__module__, f().__module__, A(1, 2), B(3), f()(4))
print(collections.namedtuple("D", "a", module="zz").__module__)
def g():
    """
    >>> A(1, 2)
    A(x=1, y=2)
    """
print(doctest.testmod())
