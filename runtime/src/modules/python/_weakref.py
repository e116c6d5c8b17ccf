"""Weak references: CPython's `_weakref` for pvm, over the weak handles of
`_pvm_weakref`, written in Python so that `ref` can be subclassed (CPython's
`weakref.WeakMethod` and `KeyedRef` derive from it).

A `ref` answers its object while something else keeps the object alive and
`None` after. Not done: callbacks are never called (pvm is not told when an
object dies), so `WeakValueDictionary` and `WeakKeyDictionary` keep the
entries of dead objects until they are looked up (`len()` still counts
them); `getweakrefs()` raises NotImplementedError; proxies forward
attribute reads, calls and the common special methods only.
"""

from _pvm_weakref import handle as _handle, target as _target, count as _count


class ReferenceType:
    """A weak reference: `r()` is the object, or None once it is gone."""

    def __new__(cls, ob, callback=None):
        self = object.__new__(cls)
        self._pvm_handle = _handle(ob)
        self._pvm_callback = callback
        self._pvm_hash = None
        return self

    def __init__(self, ob, callback=None):
        pass

    def __call__(self):
        return _target(self._pvm_handle)

    @property
    def __callback__(self):
        return self._pvm_callback

    def __hash__(self):
        if self._pvm_hash is None:
            ob = self()
            if ob is None:
                raise TypeError("weak object has gone away")
            self._pvm_hash = hash(ob)
        return self._pvm_hash

    def __eq__(self, other):
        if not isinstance(other, ReferenceType):
            return NotImplemented
        mine, theirs = self(), other()
        if mine is None or theirs is None:
            return self is other
        return mine == theirs

    def __ne__(self, other):
        equal = self.__eq__(other)
        if equal is NotImplemented:
            return equal
        return not equal

    def __repr__(self):
        ob = self()
        if ob is None:
            return "<weakref at %#x; dead>" % id(self)
        name = getattr(ob, "__name__", None)
        if isinstance(name, str):
            return "<weakref at %#x; to '%s' at %#x (%s)>" % (
                id(self), type(ob).__name__, id(ob), name)
        return "<weakref at %#x; to '%s' at %#x>" % (id(self), type(ob).__name__, id(ob))


ref = ReferenceType


def _alive(proxy):
    ob = _target(object.__getattribute__(proxy, "_pvm_handle"))
    if ob is None:
        raise ReferenceError("weakly-referenced object no longer exists")
    return ob


class ProxyType:
    """A weak proxy: it acts as its object while the object lives."""

    def __init__(self, ob, callback=None):
        self._pvm_handle = _handle(ob)

    def __getattr__(self, name):
        return getattr(_alive(self), name)

    def __repr__(self):
        ob = _alive(self)
        return "<weakproxy at %#x; to '%s' at %#x>" % (id(self), type(ob).__name__, id(ob))

    def __str__(self):
        return str(_alive(self))

    def __len__(self):
        return len(_alive(self))

    def __iter__(self):
        return iter(_alive(self))

    def __getitem__(self, key):
        return _alive(self)[key]

    def __contains__(self, item):
        return item in _alive(self)

    def __eq__(self, other):
        return _alive(self) == other

    def __bool__(self):
        return bool(_alive(self))

    __hash__ = None


class CallableProxyType(ProxyType):
    """A weak proxy to a callable object."""

    def __call__(self, *args, **kwargs):
        return _alive(self)(*args, **kwargs)


def proxy(ob, callback=None):
    """A proxy to `ob` that does not keep it alive."""
    if callable(ob):
        return CallableProxyType(ob, callback)
    return ProxyType(ob, callback)


def getweakrefcount(ob):
    """How many weak references and proxies refer to `ob`."""
    return _count(ob)


def getweakrefs(ob):
    raise NotImplementedError("weakref.getweakrefs() is not supported by pvm yet")


def _remove_dead_weakref(dct, key):
    """Deletes `dct[key]` if it is a dead weak reference."""
    try:
        wr = dct[key]
    except KeyError:
        return
    if wr() is None:
        del dct[key]
