"""CPython's `_contextvars` for pvm: `ContextVar`, `Token`, `Context` and
`copy_context` for one thread. The current context is a dict from
variables to values; `Context.run` makes another one current for the
call. `decimal`'s `_pydecimal` keeps its current context in a ContextVar.

Not done: contexts are not immutable mappings shared between copies (a
copy copies the dict), and `asyncio` tasks do not get their own context.
"""

_MISSING = object()


class Context:
    __slots__ = ("_vars", "_entered")

    def __init__(self):
        self._vars = {}
        self._entered = False

    def run(self, callable, /, *args, **kwargs):
        global _current
        if self._entered:
            raise RuntimeError(f"cannot enter context: {self} is already entered")
        previous, _current = _current, self
        self._entered = True
        try:
            return callable(*args, **kwargs)
        finally:
            self._entered = False
            _current = previous

    def copy(self):
        new = Context()
        new._vars = dict(self._vars)
        return new

    def __getitem__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError(f"a ContextVar key was expected, got {var!r}")
        return self._vars[var]

    def get(self, var, default=None):
        if not isinstance(var, ContextVar):
            raise TypeError(f"a ContextVar key was expected, got {var!r}")
        return self._vars.get(var, default)

    def __contains__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError(f"a ContextVar key was expected, got {var!r}")
        return var in self._vars

    def __len__(self):
        return len(self._vars)

    def __iter__(self):
        return iter(self._vars)

    def keys(self):
        return self._vars.keys()

    def values(self):
        return self._vars.values()

    def items(self):
        return self._vars.items()


_current = Context()


def copy_context():
    return _current.copy()


class Token:
    __slots__ = ("_var", "_old_value", "_context", "_used")

    MISSING = _MISSING

    def __init__(self, context, var, old_value):
        self._context = context
        self._var = var
        self._old_value = old_value
        self._used = False

    @property
    def var(self):
        return self._var

    @property
    def old_value(self):
        return self._old_value

    def __repr__(self):
        used = " used" if self._used else ""
        return f"<Token{used} var={self._var!r}>"


class ContextVar:
    __slots__ = ("_name", "_default")

    def __init__(self, name, *, default=_MISSING):
        if not isinstance(name, str):
            raise TypeError("context variable name must be a str")
        self._name = name
        self._default = default

    @property
    def name(self):
        return self._name

    def get(self, default=_MISSING, /):
        try:
            return _current._vars[self]
        except KeyError:
            pass
        if default is not _MISSING:
            return default
        if self._default is not _MISSING:
            return self._default
        raise LookupError(self)

    def set(self, value, /):
        old = _current._vars.get(self, _MISSING)
        _current._vars[self] = value
        return Token(_current, self, old)

    def reset(self, token, /):
        if not isinstance(token, Token):
            raise TypeError(f"expected an instance of Token, got {token!r}")
        if token._used:
            raise RuntimeError(f"{token!r} has already been used once")
        if token._var is not self:
            raise ValueError(f"{token!r} was created by a different ContextVar")
        if token._context is not _current:
            raise ValueError(f"{token!r} was created in a different Context")
        token._used = True
        if token._old_value is _MISSING:
            _current._vars.pop(self, None)
        else:
            _current._vars[self] = token._old_value

    def __class_getitem__(cls, item):
        return cls

    def __hash__(self):
        return object.__hash__(self)

    def __repr__(self):
        default = ""
        if self._default is not _MISSING:
            default = f" default={self._default!r}"
        return f"<ContextVar name={self._name!r}{default}>"
