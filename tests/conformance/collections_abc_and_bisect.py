# collections.abc (structural and registered checks, mixins, subscripting), abc and bisect.
from collections.abc import Iterator, Iterable, Mapping, Sequence, MutableMapping, Sized, Callable, Hashable, Generator, Set, MutableSequence
import collections.abc
from bisect import bisect_left, bisect_right, insort
import bisect as b

def gen():
    yield 1

class It:
    def __iter__(self): return self
    def __next__(self): raise StopIteration

class Eq:
    def __eq__(self, o): return True

class D(MutableMapping):
    def __init__(self): self.d = {}
    def __getitem__(self, k): return self.d[k]
    def __setitem__(self, k, v): self.d[k] = v
    def __delitem__(self, k): del self.d[k]
    def __iter__(self): return iter(self.d)
    def __len__(self): return len(self.d)

for value in ([1], (1,), "s", {1: 2}, {1}, frozenset(), range(3), iter([]), gen(), It(), Eq(), len, 3, None, D(), {}.keys()):
    print(type(value).__name__, [c.__name__ for c in (Iterator, Iterable, Mapping, Sequence, MutableMapping, Sized, Callable, Hashable, Generator, Set, MutableSequence) if isinstance(value, c)])
print(issubclass(list, Sequence), issubclass(dict, Sequence), issubclass(It, Iterator), collections.abc.Iterable is Iterable)
print(Iterator[int], Mapping[str, int], Callable[[int], str])
d = D(); d["a"] = 1; d.update(b=2); print(d.get("a"), d.get("z", 0), "a" in d, sorted(d.keys()), sorted(d.items()), d == {"a": 1, "b": 2}, d.pop("a"), len(d), d.setdefault("c", 3), list(d.values()))
def f(xs: Iterable[int]) -> Iterator[int]:
    return iter(xs)
print(list(f([1, 2])))
xs = [1, 3, 3, 5, 9]
print(bisect_left(xs, 3), bisect_right(xs, 3), b.bisect(xs, 4), bisect_left(xs, 100), bisect_left(xs, -1))
insort(xs, 4); b.insort_left(xs, 3); print(xs)
print(bisect_left([(1, 'a'), (5, 'b')], 5, key=lambda p: p[0]))
try:
    bisect_left(xs, 1, -1)
except ValueError as e:
    print(e)
