"""The codec registry: CPython's `_codecs`, written for pvm in Python.

`encode` and `decode` use pvm's own `str.encode` and `bytes.decode`
(UTF-8, ASCII and Latin-1); `lookup` finds those three, then asks the
search functions `register` added. The `*_encode`/`*_decode` functions
`codecs` and `encodings` call exist for those three encodings only, and
only the "strict" error handler behaves as in CPython ("ignore" and
"replace" are looked up but pvm's conversions always apply "strict").
"""

_search_functions = []
_error_handlers = {}
_cache = {}


def register(search_function):
    if not callable(search_function):
        raise TypeError("argument must be callable")
    _search_functions.append(search_function)


def unregister(search_function):
    if search_function in _search_functions:
        _search_functions.remove(search_function)
    _cache.clear()


def _normalize(encoding):
    return encoding.lower().replace(" ", "_").replace("-", "_")


def utf_8_encode(text, errors=None):
    return text.encode("utf-8"), len(text)


def utf_8_decode(data, errors=None, final=False):
    return bytes(data).decode("utf-8"), len(data)


def ascii_encode(text, errors=None):
    return text.encode("ascii"), len(text)


def ascii_decode(data, errors=None):
    return bytes(data).decode("ascii"), len(data)


def latin_1_encode(text, errors=None):
    return text.encode("latin-1"), len(text)


def latin_1_decode(data, errors=None):
    return bytes(data).decode("latin-1"), len(data)


_BUILTIN = {
    "utf_8": ("utf-8", utf_8_encode, utf_8_decode),
    "utf8": ("utf-8", utf_8_encode, utf_8_decode),
    "ascii": ("ascii", ascii_encode, ascii_decode),
    "us_ascii": ("ascii", ascii_encode, ascii_decode),
    "latin_1": ("latin-1", latin_1_encode, latin_1_decode),
    "latin1": ("latin-1", latin_1_encode, latin_1_decode),
    "iso_8859_1": ("latin-1", latin_1_encode, latin_1_decode),
}


def lookup(encoding):
    key = _normalize(encoding)
    if key in _cache:
        return _cache[key]
    if key in _BUILTIN:
        import codecs
        name, enc, dec = _BUILTIN[key]
        info = codecs.CodecInfo(enc, dec, name=name)
    else:
        info = None
        for search in _search_functions:
            info = search(key)
            if info is not None:
                break
        if info is None:
            raise LookupError(f"unknown encoding: {encoding}")
    _cache[key] = info
    return info


def encode(obj, encoding="utf-8", errors="strict"):
    return lookup(encoding).encode(obj, errors)[0]


def decode(obj, encoding="utf-8", errors="strict"):
    return lookup(encoding).decode(obj, errors)[0]


def _strict(exc):
    raise exc


def _ignore(exc):
    return ("", exc.end)


def _replace(exc):
    return ("?", exc.end)


_error_handlers.update(strict=_strict, ignore=_ignore, replace=_replace,
                       xmlcharrefreplace=_strict, backslashreplace=_strict,
                       namereplace=_strict, surrogateescape=_strict,
                       surrogatepass=_strict)


def register_error(name, handler):
    if not callable(handler):
        raise TypeError("handler must be callable")
    _error_handlers[name] = handler


def lookup_error(name):
    try:
        return _error_handlers[name]
    except KeyError:
        raise LookupError(f"unknown error handler name '{name}'") from None


def _forget_codec(encoding):
    _cache.pop(_normalize(encoding), None)
