"""pvm's `importlib`: the public functions over pvm's import system.

CPython's own `importlib` package is its import system written in Python
(`_bootstrap`, `_bootstrap_external`) on top of `_imp`; pvm's import system
is in Rust, so this module only offers what programs call: `import_module`
and `invalidate_caches`. Loaders, finders and `reload` are not here.
"""

import sys


def _resolve_name(name, package, level):
    bits = package.rsplit('.', level - 1)
    if len(bits) < level:
        raise ImportError('attempted relative import beyond top-level package')
    base = bits[0]
    return f'{base}.{name}' if name else base


def import_module(name, package=None):
    """Import a module.

    The 'package' argument is required when performing a relative import. It
    specifies the package to use as the anchor point from which to resolve the
    relative import to an absolute import.

    """
    level = 0
    if name.startswith('.'):
        if not package:
            msg = ("the 'package' argument is required to perform a relative "
                   "import for {!r}")
            raise TypeError(msg.format(name))
        for character in name:
            if character != '.':
                break
            level += 1
        name = _resolve_name(name[level:], package, level)
    __import__(name)
    return sys.modules[name]


def invalidate_caches():
    """pvm's finders keep no caches to invalidate."""
