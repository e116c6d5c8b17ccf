"""Abstract base classes: `ABC`, `abstractmethod` and virtual subclasses.

pvm's own version of the standard module. pvm has no metaclasses, so
`ABCMeta` is `type` itself: `class C(metaclass=ABCMeta)` and `class C(ABC)`
both work, `C.register(D)` makes D a virtual subclass for `isinstance` and
`issubclass`, and `__subclasshook__` is consulted as ABCMeta does. Not
enforced: making an instance of a class whose abstract methods are not all
overridden is allowed (CPython raises TypeError).
"""

ABCMeta = type


def abstractmethod(function):
    """Marks a method abstract (recorded only; see the module docstring)."""
    return function


class ABC:
    """A base class for abstract base classes."""

    @classmethod
    def register(cls, subclass):
        """Makes `subclass` a virtual subclass of `cls` (and so of the
        abstract classes `cls` derives from); returns it."""
        for base in cls.__mro__:
            if base is ABC or not issubclass(base, ABC):
                continue
            registry = base.__dict__.get('_abc_registry')
            if registry is None:
                registry = []
                base._abc_registry = registry
            registry.append(subclass)
        return subclass

    @classmethod
    def __subclasshook__(cls, subclass):
        for registered in cls.__dict__.get('_abc_registry', ()):
            if registered is subclass or issubclass(subclass, registered):
                return True
        return NotImplemented
