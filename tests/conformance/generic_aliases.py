# list[int] and friends, __class_getitem__, and what is not subscriptable.
from collections import deque, defaultdict
class A:
    def __class_getitem__(cls, item):
        return (cls.__name__, item)
class B:
    pass
print(A[int], A[int, str])
print(list[int], dict[str, int], tuple[int, ...], list[B], list[list[int]], tuple[()], type[B])
print(set[float], frozenset[str])
print(list[int] == list[int], list[int] == list[str], list[int].__origin__, dict[str, int].__args__)
def f(x: list[int], y: "B" = None) -> dict[str, int]:
    return x
print(f([1]), f.__annotations__ if False else "")
for bad in (lambda: B[int], lambda: int[str]):
    try:
        bad()
    except TypeError as e:
        print(e)
