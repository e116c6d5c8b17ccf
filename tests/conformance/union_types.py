import types
print(int | str | int, (int | str) == (str | int), int | None, None | int, list[int] | None)
print(int | list[int], (int | str) | float, type(int | str), (int | str).__args__, int | int)
print(types.UnionType, type(int | None) is types.UnionType)
class A: pass
print(A | None, (A | int) | (str | A), (int | None).__args__)
print(dict[str, list[int]] | tuple[int, ...] | None)
print(isinstance(3, int | str), isinstance("a", int | str), isinstance(3.0, int | str), isinstance(None, int | None))
print(issubclass(bool, int | str), issubclass(float, int | str), isinstance(1, (str, int | float)), isinstance(1, int | list[int]))
print(isinstance(1, (int, 1)), isinstance(A(), A | None))
t = int
t |= str
print(t)
for f in [lambda: isinstance("a", int | list[int]), lambda: issubclass(str, int | list[int]), lambda: isinstance("a", list[int]),
          lambda: int | 1, lambda: 1 | int, lambda: int | "str", lambda: (int | str)(), lambda: isinstance(1, 1),
          lambda: issubclass(int, 1), lambda: isinstance(1, (str, 1))]:
    try:
        print(f())
    except TypeError as e:
        print(e)
def f(x: int | None = None) -> list[int] | None:
    return x
print(f(3), f())
