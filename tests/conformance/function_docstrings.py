"""Module doc."""
def f():
    "F's doc."
    return "x"
def g():
    return "not a doc"
async def h():
    """H."""
class C:
    """C doc."""
    def m(self):
        """M doc."""
print(f.__doc__, g.__doc__, h.__doc__, C.__doc__, C.m.__doc__, C().m.__doc__, (lambda: "x").__doc__)
print(__doc__)
g.__doc__ = "set"
print(g.__doc__, f())
def annotated(x: int) -> int:
    return x
def plain(x):
    return x
print(plain.__annotations__, plain.__annotations__ is plain.__annotations__)
try:
    annotated.__annotations__
    print("annotations")
except NotImplementedError:
    print("annotations")  # (pvm does not build them yet: it says so)
