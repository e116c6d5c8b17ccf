"""Writes runtime/src/modules/python/_ast.py, pvm's `_ast` module, from
CPython 3.11's own: every node class with its base, `_fields`,
`_attributes`, `__match_args__`, docstring and the class-level `None` of
its optional fields, in the order CPython defines them.

Run with CPython 3.11 from the repository root:
    /usr/bin/python3.11 runtime/tools/ast_classes.py
"""

import _ast
import sys

assert sys.version_info[:2] == (3, 11), "needs CPython 3.11"

HEADER = '''"""pvm's `_ast`: the node classes of CPython 3.11's abstract syntax tree
and the `PyCF_*` flags, for `ast` and everything that imports it.

Written by runtime/tools/ast_classes.py from CPython 3.11's own classes;
do not edit by hand. The constructor is CPython's `ast.AST.__init__`
rewritten in Python. Parsing source into these nodes is `compile`'s
business (with `PyCF_ONLY_AST`), not this module's.
"""

PyCF_ONLY_AST = {only_ast}
PyCF_TYPE_COMMENTS = {type_comments}
PyCF_ALLOW_TOP_LEVEL_AWAIT = {top_level_await}


class AST:
    _fields = ()
    _attributes = ()
    __match_args__ = ()
    __module__ = "ast"

    def __init__(self, *args, **kwargs):
        fields = getattr(type(self), "_fields", ())
        if len(args) > len(fields):
            raise TypeError(
                f"{{type(self).__name__}} constructor takes at most "
                f"{{len(fields)}} positional argument{{'' if len(fields) == 1 else 's'}}"
            )
        for name, value in zip(fields, args):
            setattr(self, name, value)
        for name, value in kwargs.items():
            setattr(self, name, value)

    def __reduce__(self):
        if self.__dict__:
            return type(self), (), self.__dict__
        return type(self), ()
'''


def classes():
    """Every node class of `_ast` but `AST`, bases before subclasses."""
    seen = []

    def visit(cls):
        for sub in cls.__subclasses__():
            if sub.__module__ == "ast" and hasattr(_ast, sub.__name__) and sub not in seen:
                seen.append(sub)
                visit(sub)

    visit(_ast.AST)
    return seen


def body(cls):
    lines = [f"    __doc__ = {cls.__doc__!r}", '    __module__ = "ast"']
    own = cls.__dict__
    if "_fields" in own:
        lines.append(f"    _fields = {own['_fields']!r}")
        lines.append(f"    __match_args__ = {own['__match_args__']!r}")
    if "_attributes" in own:
        lines.append(f"    _attributes = {own['_attributes']!r}")
    for name, value in own.items():
        if value is None and name != "__doc__":
            lines.append(f"    {name} = None")
    return lines


def main():
    out = [
        HEADER.format(
            only_ast=_ast.PyCF_ONLY_AST,
            type_comments=_ast.PyCF_TYPE_COMMENTS,
            top_level_await=_ast.PyCF_ALLOW_TOP_LEVEL_AWAIT,
        )
    ]
    for cls in classes():
        (base,) = cls.__bases__
        out.append("")
        out.append(f"class {cls.__name__}({base.__name__}):")
        out.extend(body(cls))
        out.append("")
    text = "\n".join(out).rstrip("\n") + "\n"
    with open("runtime/src/modules/python/_ast.py", "w") as f:
        f.write(text)


main()
