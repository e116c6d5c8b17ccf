import abc, numbers, collections.abc as cabc
from abc import ABC, ABCMeta, abstractmethod
class Shape(ABC):
    @abstractmethod
    def area(self): ...
class Sq(Shape):
    def area(self): return 4
print(isinstance(Sq(), Shape), issubclass(Sq, Shape), type(Shape).__name__)
class Plug(metaclass=ABCMeta):
    pass
Plug.register(int)
print(isinstance(3, Plug), issubclass(int, Plug), issubclass(str, Plug))
print(isinstance(3, numbers.Number), isinstance(2.0, numbers.Real), isinstance(1j, numbers.Complex), isinstance("x", numbers.Number))
print(isinstance([], cabc.Sequence), isinstance({}, cabc.Mapping), isinstance((x for x in []), cabc.Iterator), issubclass(list, cabc.Sequence), isinstance("s", cabc.Hashable), isinstance([], cabc.Hashable))
class It:
    def __iter__(self): return self
    def __next__(self): raise StopIteration
print(isinstance(It(), cabc.Iterable), isinstance(It(), cabc.Iterator), isinstance(3, cabc.Iterable))
print(Shape.area.__isabstractmethod__)
