"""Tools for functions: partial, reduce, wraps, lru_cache, cache,
total_ordering, cmp_to_key, cached_property.

pvm's own version of the standard module. Differences from CPython: a
function's docstring is not copied by `wraps` (pvm does not keep
docstrings), `lru_cache(typed=True)` raises NotImplementedError, and the cache
is not safe to share between threads (pvm runs one).
"""

__all__ = ["partial", "reduce", "wraps", "update_wrapper", "lru_cache",
           "cache", "total_ordering", "cmp_to_key", "cached_property",
           "WRAPPER_ASSIGNMENTS", "WRAPPER_UPDATES"]

WRAPPER_ASSIGNMENTS = ("__module__", "__name__", "__qualname__")
WRAPPER_UPDATES = ("__dict__",)

_missing = object()

from collections import namedtuple


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS,
                   updated=WRAPPER_UPDATES):
    """Makes `wrapper` look like `wrapped` (name, module, attributes) and
    records `wrapped` as `wrapper.__wrapped__`."""
    for attr in assigned:
        value = getattr(wrapped, attr, _missing)
        if value is not _missing:
            setattr(wrapper, attr, value)
    for attr in updated:
        getattr(wrapper, attr).update(getattr(wrapped, attr, {}))
    wrapper.__wrapped__ = wrapped
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    """A decorator applying `update_wrapper` with `wrapped`."""
    def decorate(wrapper):
        return update_wrapper(wrapper, wrapped, assigned, updated)
    return decorate


def reduce(function, sequence, *initial):
    """Folds `sequence` from the left with `function`."""
    if len(initial) > 1:
        raise TypeError("reduce expected at most 3 arguments, got %d" % (len(initial) + 2))
    it = iter(sequence)
    if initial:
        value = initial[0]
    else:
        value = _missing
        for value in it:
            break
        if value is _missing:
            raise TypeError("reduce() of empty iterable with no initial value")
    for element in it:
        value = function(value, element)
    return value


class partial:
    """A callable applying `func` to the stored arguments and those given."""

    def __init__(self, func, *args, **keywords):
        if not callable(func):
            raise TypeError("the first argument must be callable")
        if isinstance(func, partial):
            args = func.args + args
            keywords = {**func.keywords, **keywords}
            func = func.func
        self.func = func
        self.args = args
        self.keywords = keywords

    def __call__(self, *args, **keywords):
        keywords = {**self.keywords, **keywords}
        return self.func(*self.args, *args, **keywords)

    def __repr__(self):
        parts = [repr(self.func)]
        parts.extend(repr(x) for x in self.args)
        parts.extend(f"{k}={v!r}" for (k, v) in self.keywords.items())
        return "functools.partial(" + ", ".join(parts) + ")"


def _unwrap_partial(func):
    while isinstance(func, partial):
        func = func.func
    return func


_CacheInfo = namedtuple("CacheInfo", ["hits", "misses", "maxsize", "currsize"])


def _make_key(args, kwds, typed=False):
    if not kwds and not typed and len(args) == 1 and type(args[0]) in (int, str):
        return args[0]
    key = args
    if kwds:
        key += (_missing,)
        for item in kwds.items():
            key += item
    if typed:
        key += tuple(type(v) for v in args)
        if kwds:
            key += tuple(type(v) for v in kwds.values())
    return key


def _lru_cache_wrapper(user_function, maxsize, typed=False):
    """A function calling `user_function` and remembering up to `maxsize`
    results (all of them when `maxsize` is None), least recently used
    first out. Being a plain function, it binds as a method."""
    cache = {}
    hits = misses = 0

    def wrapper(*args, **kwds):
        nonlocal hits, misses
        key = _make_key(args, kwds, typed)
        result = cache.get(key, _missing)
        if result is not _missing:
            hits += 1
            if maxsize is not None:
                del cache[key]
                cache[key] = result
            return result
        misses += 1
        result = user_function(*args, **kwds)
        if maxsize is not None:
            if key in cache or maxsize <= 0:
                return result
            if len(cache) >= maxsize:
                del cache[next(iter(cache))]
        cache[key] = result
        return result

    def cache_info():
        return _CacheInfo(hits, misses, maxsize, len(cache))

    def cache_parameters():
        return {"maxsize": maxsize, "typed": typed}

    def cache_clear():
        nonlocal hits, misses
        cache.clear()
        hits = misses = 0

    wrapper.cache_info = cache_info
    wrapper.cache_clear = cache_clear
    wrapper.cache_parameters = cache_parameters
    return update_wrapper(wrapper, user_function)


def lru_cache(maxsize=128, typed=False):
    """A decorator remembering the results of the last `maxsize` calls."""
    if callable(maxsize) and not isinstance(maxsize, int):
        return _lru_cache_wrapper(maxsize, 128, typed)
    if maxsize is not None and not isinstance(maxsize, int):
        raise TypeError("Expected first argument to be an integer, a callable, or None")
    if maxsize is not None and maxsize < 0:
        maxsize = 0

    def decorating_function(user_function):
        return _lru_cache_wrapper(user_function, maxsize, typed)
    return decorating_function


def cache(user_function):
    """An unbounded `lru_cache`."""
    return _lru_cache_wrapper(user_function, None)


def total_ordering(cls):
    """Fills in the comparison methods a class lacks from one it defines."""
    defined = [op for op in ("__lt__", "__le__", "__gt__", "__ge__")
               if getattr(cls, op, None) is not getattr(object, op, None)]
    if not defined:
        raise ValueError("must define at least one ordering operation: < > <= >=")
    root = max(defined)
    if root == "__lt__":
        derived = {
            "__gt__": lambda self, other: _flip(cls.__lt__(self, other), other, self, "__lt__", False),
            "__le__": lambda self, other: _or_equal(cls.__lt__(self, other), self, other),
            "__ge__": lambda self, other: _not(cls.__lt__(self, other)),
        }
    elif root == "__le__":
        derived = {
            "__ge__": lambda self, other: _flip(cls.__le__(self, other), other, self, "__le__", True),
            "__lt__": lambda self, other: _and_not_equal(cls.__le__(self, other), self, other),
            "__gt__": lambda self, other: _not(cls.__le__(self, other)),
        }
    elif root == "__gt__":
        derived = {
            "__lt__": lambda self, other: _flip(cls.__gt__(self, other), other, self, "__gt__", False),
            "__ge__": lambda self, other: _or_equal(cls.__gt__(self, other), self, other),
            "__le__": lambda self, other: _not(cls.__gt__(self, other)),
        }
    else:
        derived = {
            "__le__": lambda self, other: _flip(cls.__ge__(self, other), other, self, "__ge__", True),
            "__gt__": lambda self, other: _and_not_equal(cls.__ge__(self, other), self, other),
            "__lt__": lambda self, other: _not(cls.__ge__(self, other)),
        }
    for name, method in derived.items():
        if name not in defined:
            setattr(cls, name, method)
    return cls


def _not(result):
    if result is NotImplemented:
        return result
    return not result


def _or_equal(result, self, other):
    if result is NotImplemented:
        return result
    return result or self == other


def _and_not_equal(result, self, other):
    if result is NotImplemented:
        return result
    return result and self != other


def _flip(result, other, self, name, inclusive):
    # a > b is (not a < b and a != b); a >= b is (not a <= b or a == b)
    if result is NotImplemented:
        return result
    if inclusive:
        return not result or self == other
    return not result and self != other


def cmp_to_key(mycmp):
    """Turns an old-style comparison function into a key function."""
    class K:
        __slots__ = ["obj"]

        def __init__(self, obj):
            self.obj = obj

        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0

        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0

        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0

        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0

        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0

        __hash__ = None
    return K


class cached_property:
    """A property computed once per instance, then stored in its __dict__."""

    def __init__(self, func):
        self.func = func
        self.attrname = None

    def __set_name__(self, owner, name):
        self.attrname = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        name = self.attrname if self.attrname is not None else self.func.__name__
        value = self.func(instance)
        setattr(instance, name, value)
        return value
