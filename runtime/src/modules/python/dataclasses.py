"""Data classes: `@dataclass` writes `__init__`, `__repr__`, `__eq__` (and,
with `order=True`, the ordering methods) from a class's annotated fields.

pvm's own version of the standard module: `dataclass`, `field`, `fields`,
`asdict`, `astuple`, `replace`, `is_dataclass`, `MISSING`. The generated
methods are ordinary Python functions shared by every data class (pvm does
not `exec` generated source as CPython does), with CPython's error
messages. Not provided: `frozen=True`, `slots=True`, `kw_only`, `InitVar`,
`make_dataclass`; asking for them raises NotImplementedError.
"""

__all__ = ["dataclass", "field", "Field", "fields", "asdict", "astuple",
           "replace", "is_dataclass", "MISSING"]


class _MissingType:
    def __repr__(self):
        return "MISSING"


MISSING = _MissingType()
_FIELDS = "__dataclass_fields__"


class Field:
    """One field of a data class, as `field()` describes it."""

    def __init__(self, default, default_factory, init, repr, hash, compare, metadata):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata

    def __repr__(self):
        return ("Field(name=%r,type=%r,default=%r,default_factory=%r,init=%r,"
                "repr=%r,hash=%r,compare=%r,metadata=%r)" % (
                    self.name, self.type, self.default, self.default_factory,
                    self.init, self.repr, self.hash, self.compare, self.metadata))


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True,
          hash=None, compare=True, metadata=None, kw_only=MISSING):
    """Describes a field: its default, or a factory making one per instance."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    if kw_only is not MISSING:
        raise NotImplementedError("field(kw_only=...) is not supported by pvm yet")
    return Field(default, default_factory, init, repr, hash, compare, metadata)


def _is_classvar(annotation):
    if isinstance(annotation, str):
        return annotation.startswith("ClassVar") or annotation.startswith("typing.ClassVar")
    return getattr(annotation, "__name__", None) == "ClassVar"


def _collect_fields(cls):
    """The fields of `cls`: its bases' (data classes, in MRO order) then its
    own annotated names, in order."""
    found = {}
    for base in reversed(cls.__mro__[1:]):
        for f in getattr(base, _FIELDS, {}).values():
            found[f.name] = f
    own = cls.__dict__.get("__annotations__", {})
    for name, annotation in own.items():
        if _is_classvar(annotation):
            continue
        default = cls.__dict__.get(name, MISSING)
        if isinstance(default, Field):
            f = default
        else:
            f = Field(default, MISSING, True, True, None, True, None)
        f.name = name
        f.type = annotation
        if f.default is not MISSING and type(f.default) in (list, dict, set):
            raise ValueError("mutable default %s for field %s is not allowed: use default_factory"
                             % (type(f.default), name))
        if isinstance(default, Field):
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        found[name] = f
    seen_default = False
    for f in found.values():
        if not f.init:
            continue
        if f.default is not MISSING or f.default_factory is not MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError("non-default argument %r follows default argument" % f.name)
    return found


def _name_list(names):
    quoted = ["'%s'" % n for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return quoted[0] + " and " + quoted[1]
    return ", ".join(quoted[:-1]) + ", and " + quoted[-1]


def _init(self, *args, **kwargs):
    cls = type(self)
    owner = cls.__qualname__
    for klass in cls.__mro__:
        if "__init__" in getattr(klass, "__dict__", ()):
            owner = klass.__qualname__
            break
    all_fields = getattr(cls, _FIELDS).values()
    params = [f for f in all_fields if f.init]
    if len(args) > len(params):
        required = len([f for f in params if f.default is MISSING and f.default_factory is MISSING])
        if required == len(params):
            takes = "%d positional argument%s" % (len(params) + 1, "" if len(params) == 0 else "s")
        else:
            takes = "from %d to %d positional arguments" % (required + 1, len(params) + 1)
        raise TypeError("%s.__init__() takes %s but %d were given"
                        % (owner, takes, len(args) + 1))
    for i, f in enumerate(params):
        if i < len(args) and f.name in kwargs:
            raise TypeError("%s.__init__() got multiple values for argument '%s'"
                            % (owner, f.name))
    names = [f.name for f in params]
    for key in kwargs:
        if key not in names:
            raise TypeError("%s.__init__() got an unexpected keyword argument '%s'"
                            % (owner, key))
    missing = [f.name for i, f in enumerate(params)
               if i >= len(args) and f.name not in kwargs
               and f.default is MISSING and f.default_factory is MISSING]
    if missing:
        raise TypeError("%s.__init__() missing %d required positional argument%s: %s"
                        % (owner, len(missing), "" if len(missing) == 1 else "s",
                           _name_list(missing)))
    for i, f in enumerate(params):
        if i < len(args):
            value = args[i]
        elif f.name in kwargs:
            value = kwargs[f.name]
        elif f.default is not MISSING:
            value = f.default
        else:
            value = f.default_factory()
        setattr(self, f.name, value)
    for f in all_fields:
        if not f.init and f.default_factory is not MISSING:
            setattr(self, f.name, f.default_factory())
        elif not f.init and f.default is not MISSING:
            setattr(self, f.name, f.default)
    post_init = getattr(self, "__post_init__", None)
    if post_init is not None:
        post_init()


def _repr(self):
    shown = ", ".join("%s=%r" % (f.name, getattr(self, f.name))
                      for f in getattr(type(self), _FIELDS).values() if f.repr)
    return "%s(%s)" % (type(self).__qualname__, shown)


def _compared(obj):
    return tuple(getattr(obj, f.name) for f in getattr(type(obj), _FIELDS).values() if f.compare)


def _eq(self, other):
    if other.__class__ is self.__class__:
        return _compared(self) == _compared(other)
    return NotImplemented


def _lt(self, other):
    if other.__class__ is self.__class__:
        return _compared(self) < _compared(other)
    return NotImplemented


def _le(self, other):
    if other.__class__ is self.__class__:
        return _compared(self) <= _compared(other)
    return NotImplemented


def _gt(self, other):
    if other.__class__ is self.__class__:
        return _compared(self) > _compared(other)
    return NotImplemented


def _ge(self, other):
    if other.__class__ is self.__class__:
        return _compared(self) >= _compared(other)
    return NotImplemented


def _hash(self):
    return hash(tuple(getattr(self, f.name) for f in getattr(type(self), _FIELDS).values()
                      if (f.compare if f.hash is None else f.hash)))


def _process(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only, slots):
    if frozen:
        raise NotImplementedError("dataclass(frozen=True) is not supported by pvm yet")
    if kw_only or slots:
        raise NotImplementedError("dataclass(kw_only=True, slots=True) is not supported by pvm yet")
    setattr(cls, _FIELDS, _collect_fields(cls))
    own = cls.__dict__
    if init and "__init__" not in own:
        cls.__init__ = _init
    if repr and "__repr__" not in own:
        cls.__repr__ = _repr
    if eq and "__eq__" not in own:
        cls.__eq__ = _eq
    if order:
        if not eq:
            raise ValueError("eq must be true if order is true")
        for name, method in (("__lt__", _lt), ("__le__", _le), ("__gt__", _gt), ("__ge__", _ge)):
            if name in own:
                raise TypeError("Cannot overwrite attribute %s in class %s. "
                                "Consider using functools.total_ordering" % (name, cls.__name__))
            setattr(cls, name, method)
    if unsafe_hash:
        cls.__hash__ = _hash
    elif eq and "__hash__" not in own:
        cls.__hash__ = None
    if match_args and "__match_args__" not in own:
        cls.__match_args__ = tuple(f.name for f in getattr(cls, _FIELDS).values() if f.init)
    return cls


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False,
              unsafe_hash=False, frozen=False, match_args=True, kw_only=False,
              slots=False):
    """Adds generated special methods to a class with annotated fields."""
    def wrap(cls):
        return _process(cls, init, repr, eq, order, unsafe_hash, frozen,
                        match_args, kw_only, slots)
    if cls is None:
        return wrap
    return wrap(cls)


def is_dataclass(obj):
    """Whether `obj` is a data class or an instance of one."""
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, _FIELDS)


def fields(class_or_instance):
    """The fields of a data class or instance, as a tuple of `Field`s."""
    try:
        found = getattr(class_or_instance, _FIELDS)
    except AttributeError:
        raise TypeError("must be called with a dataclass type or instance") from None
    return tuple(found.values())


def _copy_value(value, factory):
    if is_dataclass(value) and not isinstance(value, type):
        return factory(value)
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return type(value)(*[_copy_value(v, factory) for v in value])
    if isinstance(value, (list, tuple)):
        return type(value)(_copy_value(v, factory) for v in value)
    if isinstance(value, dict):
        return type(value)((_copy_value(k, factory), _copy_value(v, factory))
                           for k, v in value.items())
    return value


def asdict(obj, *, dict_factory=dict):
    """The fields of a data class instance as a dict, recursively."""
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("asdict() should be called on dataclass instances")
    recurse = lambda value: asdict(value, dict_factory=dict_factory)
    return dict_factory([(f.name, _copy_value(getattr(obj, f.name), recurse))
                         for f in fields(obj)])


def astuple(obj, *, tuple_factory=tuple):
    """The fields of a data class instance as a tuple, recursively."""
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("astuple() should be called on dataclass instances")
    recurse = lambda value: astuple(value, tuple_factory=tuple_factory)
    return tuple_factory([_copy_value(getattr(obj, f.name), recurse) for f in fields(obj)])


def replace(obj, /, **changes):
    """A new instance like `obj`, with some fields changed."""
    for f in getattr(obj, _FIELDS).values():
        if not f.init:
            if f.name in changes:
                raise ValueError("field %s is declared with init=False, it cannot be "
                                 "specified with replace()" % f.name)
            continue
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)
