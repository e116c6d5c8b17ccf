"""Abstract base classes for containers: the `collections.abc` module.

pvm's own version. As in CPython, a class counts as an `Iterable`,
`Iterator`, `Sized`, `Container`, `Hashable`, `Callable`, `Reversible`,
`Collection`, `Generator`, `Awaitable` or `Coroutine` when it or a base
defines the methods that protocol needs; `Sequence`, `Mapping`, `Set` and
their mutable forms count the builtin types CPython registers with them,
real subclasses and `register`ed ones. The mixin methods (`Mapping.get`,
`Sequence.index`, `Set.__le__`, `MutableMapping.update`, ...) are given to
subclasses. `Iterator[int]` and the like make a `types.GenericAlias`.
"""

from abc import ABC, abstractmethod
from types import GenericAlias

__all__ = [
    "Awaitable", "Coroutine", "Iterable", "Iterator", "Generator",
    "Reversible", "Sized", "Container", "Callable", "Collection", "Hashable",
    "Set", "MutableSet", "Mapping", "MutableMapping", "MappingView",
    "KeysView", "ItemsView", "ValuesView", "Sequence", "MutableSequence",
    "AsyncIterable", "AsyncIterator", "AsyncGenerator", "ByteString",
]


def _gen():
    yield None


async def _coro():
    pass


_coroutine = _coro()
_coroutine.close()

_ITER = ("__iter__",)
_SEQ = ("__iter__", "__len__", "__contains__", "__getitem__", "__reversed__", "__hash__")
_MUTABLE = ("__iter__", "__len__", "__contains__", "__getitem__", "__reversed__",
            "__setitem__", "__delitem__")
_ITERATOR = ("__iter__", "__next__", "__hash__")

# The special methods each builtin type defines, for the structural checks
# (pvm's builtin types have no `__dict__` to look in). A type that is not
# hashable lists no `__hash__`, and `_UNHASHABLE` says so.
_BUILTIN = {
    object: ("__hash__",),
    int: ("__hash__",), float: ("__hash__",), bool: ("__hash__",),
    type(None): ("__hash__",), type: ("__hash__", "__call__"),
    str: _SEQ, tuple: _SEQ, bytes: _SEQ, range: _SEQ,
    list: _MUTABLE, dict: _MUTABLE,
    set: ("__iter__", "__len__", "__contains__"),
    frozenset: ("__iter__", "__len__", "__contains__", "__hash__"),
    type({}.keys()): ("__iter__", "__len__", "__contains__", "__reversed__"),
    type({}.items()): ("__iter__", "__len__", "__contains__", "__reversed__"),
    type({}.values()): ("__iter__", "__len__", "__reversed__"),
    type(_gen()): ("__iter__", "__next__", "send", "throw", "close", "__hash__"),
    type(_coroutine): ("send", "throw", "close", "__await__", "__hash__"),
    type(len): ("__call__", "__hash__"), type(_gen): ("__call__", "__hash__"),
    type([].append): ("__call__", "__hash__"),
}
for _example in ([], (), "", b"", {}, set(), frozenset(), range(0), {}.keys(),
                 {}.values(), {}.items(), zip(), map(len, ()), filter(None, ()),
                 enumerate(()), reversed(())):
    _BUILTIN.setdefault(type(iter(_example)), _ITERATOR)
    _BUILTIN.setdefault(type(_example), _ITERATOR)
_UNHASHABLE = (list, dict, set, type({}.keys()), type({}.items()))


def _defines(C, name):
    """Whether class C, or the first base that has `name`, defines it as
    something other than None (CPython's `_check_methods` for one name)."""
    for base in C.__mro__:
        if base in _BUILTIN:
            if name in _BUILTIN[base]:
                return True
            if name == "__hash__" and base in _UNHASHABLE:
                return False
            continue
        namespace = base.__dict__
        if name in namespace:
            return namespace[name] is not None
        if name == "__hash__" and "__eq__" in namespace:
            return False
    return False


def _check_methods(C, *names):
    for name in names:
        if not _defines(C, name):
            return NotImplemented
    return True


class _ABC(ABC):
    """What every class here shares: subscripting and structural checks."""

    _structural = ()

    def __class_getitem__(cls, item):
        return GenericAlias(cls, item)

    @classmethod
    def __subclasshook__(cls, C):
        names = cls.__dict__.get("_structural")
        if names:
            if _check_methods(C, *names) is True:
                return True
        return ABC.__subclasshook__.__func__(cls, C)


class Hashable(_ABC):
    _structural = ("__hash__",)

    @abstractmethod
    def __hash__(self):
        return 0


class Awaitable(_ABC):
    _structural = ("__await__",)

    @abstractmethod
    def __await__(self):
        yield


class Coroutine(Awaitable):
    _structural = ("__await__", "send", "throw", "close")


class AsyncIterable(_ABC):
    _structural = ("__aiter__",)

    @abstractmethod
    def __aiter__(self):
        return AsyncIterator()


class AsyncIterator(AsyncIterable):
    _structural = ("__anext__", "__aiter__")

    @abstractmethod
    async def __anext__(self):
        raise StopAsyncIteration

    def __aiter__(self):
        return self


class AsyncGenerator(AsyncIterator):
    _structural = ("__aiter__", "__anext__", "asend", "athrow", "aclose")


class Iterable(_ABC):
    _structural = ("__iter__",)

    @abstractmethod
    def __iter__(self):
        while False:
            yield None


class Iterator(Iterable):
    _structural = ("__iter__", "__next__")

    @abstractmethod
    def __next__(self):
        raise StopIteration

    def __iter__(self):
        return self


class Reversible(Iterable):
    _structural = ("__reversed__", "__iter__")


class Generator(Iterator):
    _structural = ("__iter__", "__next__", "send", "throw", "close")

    def __next__(self):
        return self.send(None)


class Sized(_ABC):
    _structural = ("__len__",)

    @abstractmethod
    def __len__(self):
        return 0


class Container(_ABC):
    _structural = ("__contains__",)

    @abstractmethod
    def __contains__(self, x):
        return False


class Collection(Sized, Iterable, Container):
    _structural = ("__len__", "__iter__", "__contains__")


class Callable(_ABC):
    _structural = ("__call__",)

    @abstractmethod
    def __call__(self, *args, **kwds):
        return False


class Set(Collection):
    """A finite set with the comparison and operator mixins."""

    def __le__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        if len(self) > len(other):
            return False
        for elem in self:
            if elem not in other:
                return False
        return True

    def __lt__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        return len(self) < len(other) and self.__le__(other)

    def __gt__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        return len(self) > len(other) and self.__ge__(other)

    def __ge__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        if len(self) < len(other):
            return False
        for elem in other:
            if elem not in self:
                return False
        return True

    def __eq__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        return len(self) == len(other) and self.__le__(other)

    @classmethod
    def _from_iterable(cls, it):
        return cls(it)

    def __and__(self, other):
        if not isinstance(other, Iterable):
            return NotImplemented
        return self._from_iterable(value for value in other if value in self)

    __rand__ = __and__

    def isdisjoint(self, other):
        for value in other:
            if value in self:
                return False
        return True

    def __or__(self, other):
        if not isinstance(other, Iterable):
            return NotImplemented
        chain = [e for s in (self, other) for e in s]
        return self._from_iterable(chain)

    __ror__ = __or__

    def __sub__(self, other):
        if not isinstance(other, Set):
            if not isinstance(other, Iterable):
                return NotImplemented
            other = self._from_iterable(other)
        return self._from_iterable(value for value in self if value not in other)

    def __xor__(self, other):
        if not isinstance(other, Set):
            if not isinstance(other, Iterable):
                return NotImplemented
            other = self._from_iterable(other)
        return (self - other) | (other - self)

    __hash__ = None


class MutableSet(Set):
    @abstractmethod
    def add(self, value):
        raise NotImplementedError

    @abstractmethod
    def discard(self, value):
        raise NotImplementedError

    def remove(self, value):
        if value not in self:
            raise KeyError(value)
        self.discard(value)

    def pop(self):
        it = iter(self)
        try:
            value = next(it)
        except StopIteration:
            raise KeyError from None
        self.discard(value)
        return value

    def clear(self):
        try:
            while True:
                self.pop()
        except KeyError:
            pass

    def __ior__(self, it):
        for value in it:
            self.add(value)
        return self

    def __iand__(self, it):
        for value in self - it:
            self.discard(value)
        return self

    def __isub__(self, it):
        if it is self:
            self.clear()
        else:
            for value in it:
                self.discard(value)
        return self


class Mapping(Collection):
    """A read-only mapping with `get`, `keys`, `items`, `values`, `in`, `==`."""

    @abstractmethod
    def __getitem__(self, key):
        raise KeyError

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key):
        try:
            self[key]
        except KeyError:
            return False
        else:
            return True

    def keys(self):
        return KeysView(self)

    def items(self):
        return ItemsView(self)

    def values(self):
        return ValuesView(self)

    def __eq__(self, other):
        if not isinstance(other, Mapping):
            return NotImplemented
        return dict(self.items()) == dict(other.items())

    __reversed__ = None
    __hash__ = None


class MappingView(Sized):
    def __init__(self, mapping):
        self._mapping = mapping

    def __len__(self):
        return len(self._mapping)

    def __repr__(self):
        return '{0.__class__.__name__}({0._mapping!r})'.format(self)


class KeysView(MappingView, Set):
    @classmethod
    def _from_iterable(cls, it):
        return set(it)

    def __contains__(self, key):
        return key in self._mapping

    def __iter__(self):
        yield from self._mapping


class ItemsView(MappingView, Set):
    @classmethod
    def _from_iterable(cls, it):
        return set(it)

    def __contains__(self, item):
        key, value = item
        try:
            v = self._mapping[key]
        except KeyError:
            return False
        else:
            return v is value or v == value

    def __iter__(self):
        for key in self._mapping:
            yield (key, self._mapping[key])


class ValuesView(MappingView, Collection):
    def __contains__(self, value):
        for key in self._mapping:
            v = self._mapping[key]
            if v is value or v == value:
                return True
        return False

    def __iter__(self):
        for key in self._mapping:
            yield self._mapping[key]


class MutableMapping(Mapping):
    @abstractmethod
    def __setitem__(self, key, value):
        raise KeyError

    @abstractmethod
    def __delitem__(self, key):
        raise KeyError

    _marker = object()

    def pop(self, key, default=_marker):
        try:
            value = self[key]
        except KeyError:
            if default is self._marker:
                raise
            return default
        else:
            del self[key]
            return value

    def popitem(self):
        try:
            key = next(iter(self))
        except StopIteration:
            raise KeyError from None
        value = self[key]
        del self[key]
        return key, value

    def clear(self):
        try:
            while True:
                self.popitem()
        except KeyError:
            pass

    def update(self, other=(), **kwds):
        if isinstance(other, Mapping):
            for key in other:
                self[key] = other[key]
        elif hasattr(other, "keys"):
            for key in other.keys():
                self[key] = other[key]
        else:
            for key, value in other:
                self[key] = value
        for key, value in kwds.items():
            self[key] = value

    def setdefault(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            self[key] = default
        return default


class Sequence(Reversible, Collection):
    """A read-only sequence with `in`, iteration, `reversed`, `index`, `count`."""

    @abstractmethod
    def __getitem__(self, index):
        raise IndexError

    def __iter__(self):
        i = 0
        try:
            while True:
                v = self[i]
                yield v
                i += 1
        except IndexError:
            return

    def __contains__(self, value):
        for v in self:
            if v is value or v == value:
                return True
        return False

    def __reversed__(self):
        for i in reversed(range(len(self))):
            yield self[i]

    def index(self, value, start=0, stop=None):
        if start is not None and start < 0:
            start = max(len(self) + start, 0)
        if stop is not None and stop < 0:
            stop += len(self)
        i = start
        while stop is None or i < stop:
            try:
                v = self[i]
            except IndexError:
                break
            if v is value or v == value:
                return i
            i += 1
        raise ValueError

    def count(self, value):
        return sum(1 for v in self if v is value or v == value)


class MutableSequence(Sequence):
    @abstractmethod
    def __setitem__(self, index, value):
        raise IndexError

    @abstractmethod
    def __delitem__(self, index):
        raise IndexError

    @abstractmethod
    def insert(self, index, value):
        raise IndexError

    def append(self, value):
        self.insert(len(self), value)

    def clear(self):
        try:
            while True:
                self.pop()
        except IndexError:
            pass

    def reverse(self):
        n = len(self)
        for i in range(n // 2):
            self[i], self[n - i - 1] = self[n - i - 1], self[i]

    def extend(self, values):
        if values is self:
            values = list(values)
        for v in values:
            self.append(v)

    def pop(self, index=-1):
        v = self[index]
        del self[index]
        return v

    def remove(self, value):
        del self[self.index(value)]

    def __iadd__(self, values):
        self.extend(values)
        return self


class ByteString(Sequence):
    """`bytes` and what is registered as one."""


# The builtin types CPython registers with the non-structural classes.
for _abc, _types in (
    (Sequence, (tuple, str, range, list, bytes)),
    (MutableSequence, (list,)),
    (ByteString, (bytes,)),
    (Mapping, (dict,)),
    (MutableMapping, (dict,)),
    (Set, (frozenset, set, type({}.keys()), type({}.items()))),
    (MutableSet, (set,)),
    (KeysView, (type({}.keys()),)),
    (ItemsView, (type({}.items()),)),
    (ValuesView, (type({}.values()),)),
    (MappingView, (type({}.keys()), type({}.items()), type({}.values()))),
):
    for _type in _types:
        _abc.register(_type)

del _abc, _types, _type, _example
