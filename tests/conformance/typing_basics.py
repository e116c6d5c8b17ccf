from typing import NamedTuple, TypeVar, Any, Literal, Optional, Union, List, Dict, Generic, Callable
import typing

T = TypeVar("T")
print(T, repr(Any), Optional[int], Union[int, str], List[int], Dict[str, int])
print(Literal["a", "b"], Callable[[int], str])

class Point(NamedTuple):
    x: int
    y: int = 0

p = Point(1, 2)
print(p, p.x, p[1], Point(5), p._asdict(), Point._fields)

class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item
    def get(self) -> T:
        return self.item

b = Box[int](3)
print(b.get(), Box[str], typing.get_origin(List[int]), typing.get_args(Dict[str, int]))

def f(a: int, b: Optional[str] = None) -> bool:
    return True
print(f(1))
print(isinstance(3, typing.Hashable), typing.cast(int, "x"))
