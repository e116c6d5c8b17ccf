"""Abstract base classes: `ABCMeta`, `ABC`, `abstractmethod` and virtual
subclasses.

pvm's own version of the standard module. `ABCMeta` is a metaclass:
`C.register(D)` makes D a virtual subclass of C (and of the abstract
classes C derives from) for `isinstance` and `issubclass`, which also ask
`__subclasshook__` as CPython's `ABCMeta` does. Not enforced: making an
instance of a class whose abstract methods are not all overridden is
allowed (CPython raises TypeError), and `__subclasscheck__` does not
walk `__subclasses__()`, so a class registered with a subclass counts for
its bases only through `register`'s own bookkeeping.
"""


def abstractmethod(function):
    """Marks a method abstract (recorded only; see the module docstring)."""
    function.__isabstractmethod__ = True
    return function


class ABCMeta(type):
    """The metaclass of abstract base classes."""

    def register(cls, subclass):
        """Makes `subclass` a virtual subclass of `cls` (and of the
        abstract classes `cls` derives from); returns it."""
        if not isinstance(subclass, type):
            raise TypeError("Can only register classes")
        for base in cls.__mro__:
            if not isinstance(base, ABCMeta) or base is ABC:
                continue
            registry = base.__dict__.get('_abc_registry')
            if registry is None:
                registry = []
                base._abc_registry = registry
            registry.append(subclass)
        return subclass

    def __instancecheck__(cls, instance):
        return cls.__subclasscheck__(type(instance))

    def __subclasscheck__(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError('issubclass() arg 1 must be a class')
        if cls in subclass.__mro__:
            return True
        hook = cls.__dict__.get('__subclasshook__')
        if hook is None:
            for base in cls.__mro__[1:]:
                if '__subclasshook__' in base.__dict__:
                    hook = base.__dict__['__subclasshook__']
                    break
        if hook is not None:
            ok = hook.__func__(cls, subclass)
            if ok is not NotImplemented:
                return bool(ok)
        for registered in cls.__dict__.get('_abc_registry', ()):
            if registered is subclass or issubclass(subclass, registered):
                return True
        return False


class ABC(metaclass=ABCMeta):
    """A base class for abstract base classes."""

    @classmethod
    def __subclasshook__(cls, subclass):
        return NotImplemented


def get_cache_token():
    """A token that changes when a class is registered (pvm keeps no
    caches, so it never does)."""
    return 0
