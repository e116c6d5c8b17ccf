# CPython's inspect module: kinds of objects, signatures, source, modules,
# frames and stacks.
import functools
import inspect
import os


def plain(a, b=2, *args, c, d=4, **kwargs):
    "A docstring."
    return a


def gen():
    yield 1


async def coro():
    return 1


class Shape:
    """A shape."""

    def area(self):
        return 0

    @staticmethod
    def make():
        return Shape()

    @classmethod
    def build(cls):
        return cls()

    @property
    def name(self):
        return "shape"


@functools.wraps(plain)
def wrapper(*args, **kwargs):
    return plain(*args, **kwargs)


print(inspect.isfunction(plain), inspect.isfunction(len), inspect.isbuiltin(len))
print(inspect.isclass(Shape), inspect.isclass(Shape()), inspect.ismodule(os))
print(inspect.ismethod(Shape().area), inspect.ismethod(Shape.area))
print(inspect.isgeneratorfunction(gen), inspect.iscoroutinefunction(coro))
print(inspect.isroutine(plain), inspect.isroutine(Shape().area), inspect.isroutine(3))
print(inspect.signature(plain))
print(list(inspect.signature(plain).parameters))
print([p.kind.name for p in inspect.signature(plain).parameters.values()])
def posonly(x, /, y):
    return 0


print(inspect.signature(posonly))
print(inspect.signature(Shape().area), inspect.signature(Shape.build))
print(inspect.unwrap(wrapper) is plain, inspect.signature(wrapper))
print(inspect.getdoc(plain), inspect.getdoc(Shape))
print(inspect.getmodule(plain).__name__, inspect.getmodule(os.path.join).__name__)
print(os.path.basename(inspect.getsourcefile(plain)), os.path.basename(inspect.getfile(Shape.area)))
print(inspect.getsource(plain), end="")
print(inspect.getsource(Shape.area), end="")
lines, start = inspect.getsourcelines(gen)
print(start, lines)
print(inspect.getmodulename("pkg/mod.py"), inspect.getmodulename("x.txt"))
print(sorted(name for name, _ in inspect.getmembers(Shape, inspect.isfunction)))
print(inspect.currentframe().f_code.co_name)


def caller_name():
    return inspect.currentframe().f_back.f_code.co_name


def calls():
    return caller_name()


print(calls())
bound = inspect.signature(plain).bind(1, c=3)
bound.apply_defaults()
print(bound.arguments)
print(inspect.getfullargspec(plain))
print(inspect.cleandoc("""
    Indented
      text
    """))
