"""CPython's `_codecs` for pvm: the codec registry (`register`, `lookup`,
which imports the `encodings` package on first use as CPython does at
start-up), `encode`/`decode`, the error-handler registry, and the codec
functions CPython's `encodings` modules call: UTF-8, ASCII, Latin-1 (over
pvm's native `str.encode`/`bytes.decode`), UTF-16 and UTF-32, the charmap
codecs (`cp1252`, `cp437`, ...), `unicode_escape`, `raw_unicode_escape`
and `escape_encode`/`escape_decode`.

Not done: error handlers registered with `register_error` are stored and
returned by `lookup_error` but the codecs here never call them (they apply
CPython's builtin handlers by name); `surrogateescape`, `surrogatepass`
and `namereplace` raise `LookupError`; the CJK and `idna`/`punycode`
codecs are whatever CPython's Python modules can do without their C
helpers.
"""

_search_functions = []
_cache = {}
_error_handlers = {}
_loaded = False


def register(search_function, /):
    if not callable(search_function):
        raise TypeError("argument must be callable")
    _search_functions.append(search_function)


def unregister(search_function, /):
    if search_function in _search_functions:
        _search_functions.remove(search_function)
    _cache.clear()


def _normalize(encoding):
    return encoding.lower().replace(" ", "-")


def lookup(encoding, /):
    global _loaded
    if not isinstance(encoding, str):
        raise TypeError(f"lookup() argument must be str, not {type(encoding).__name__}")
    key = _normalize(encoding)
    found = _cache.get(key)
    if found is not None:
        return found
    if not _loaded:
        _loaded = True
        import encodings  # registers its search function
    for search in _search_functions:
        result = search(key)
        if result is None:
            continue
        if not isinstance(result, tuple) or len(result) != 4:
            raise TypeError("codec search functions must return 4-tuples")
        _cache[key] = result
        return result
    raise LookupError(f"unknown encoding: {encoding}")


def _lookup_text(encoding, what):
    info = lookup(encoding)
    if getattr(info, "_is_text_encoding", True) is False:
        raise LookupError(
            f"'{encoding}' is not a text encoding; use codecs.{what}() to handle arbitrary codecs"
        )
    return info


def _encode_text(text, encoding, errors):
    """`str.encode` for a codec pvm does not run natively."""
    result = _lookup_text(encoding, "encode").encode(text, errors)
    if not isinstance(result, tuple) or len(result) != 2:
        raise TypeError("encoder must return a tuple (object, integer)")
    if not isinstance(result[0], bytes):
        raise TypeError(
            f"'{encoding}' encoder returned '{type(result[0]).__name__}' instead of 'bytes'; "
            "use codecs.encode() to encode to arbitrary types"
        )
    return result[0]


def _decode_text(data, encoding, errors):
    """`bytes.decode` for a codec pvm does not run natively."""
    result = _lookup_text(encoding, "decode").decode(data, errors)
    if not isinstance(result, tuple) or len(result) != 2:
        raise TypeError("decoder must return a tuple (object, integer)")
    if not isinstance(result[0], str):
        raise TypeError(
            f"'{encoding}' decoder returned '{type(result[0]).__name__}' instead of 'str'; "
            "use codecs.decode() to decode to arbitrary types"
        )
    return result[0]


def encode(obj, encoding="utf-8", errors="strict"):
    result = lookup(encoding)[0](obj, errors)
    if not isinstance(result, tuple) or len(result) != 2:
        raise TypeError("encoder must return a tuple (object, integer)")
    return result[0]


def decode(obj, encoding="utf-8", errors="strict"):
    result = lookup(encoding)[1](obj, errors)
    if not isinstance(result, tuple) or len(result) != 2:
        raise TypeError("decoder must return a tuple (object, integer)")
    return result[0]


def _forget_codec(encoding, /):
    _cache.pop(_normalize(encoding), None)


def register_error(errors, handler, /):
    if not callable(handler):
        raise TypeError("handler must be callable")
    _error_handlers[errors] = handler


def _builtin_handler(name):
    def handler(exception):
        raise exception

    handler.__name__ = name + "_errors"
    return handler


for _name in ("strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace", "namereplace",
              "surrogateescape", "surrogatepass"):
    _error_handlers[_name] = _builtin_handler(_name)
del _name


def lookup_error(name, /):
    try:
        return _error_handlers[name]
    except KeyError:
        raise LookupError(f"unknown error handler name '{name}'") from None


def _errors(errors):
    return "strict" if errors is None else errors


def _data(data):
    if isinstance(data, str):
        raise TypeError(f"a bytes-like object is required, not 'str'")
    return bytes(data)


# ----- UTF-8, ASCII, Latin-1: pvm's native codecs ---------------------------


def _incomplete_utf8_tail(data):
    """How many bytes at the end of `data` start a sequence it cuts short."""
    for back in range(1, min(3, len(data)) + 1):
        byte = data[-back]
        if byte & 0xC0 == 0x80:
            continue
        if byte >= 0xF0:
            need = 4
        elif byte >= 0xE0:
            need = 3
        elif byte >= 0xC0:
            need = 2
        else:
            return 0
        return back if back < need else 0
    return 0


def utf_8_encode(str, errors=None, /):
    return str.encode("utf-8", _errors(errors)), len(str)


def utf_8_decode(data, errors=None, final=False, /):
    data = _data(data)
    end = len(data) if final else len(data) - _incomplete_utf8_tail(data)
    return data[:end].decode("utf-8", _errors(errors)), end


def ascii_encode(str, errors=None, /):
    return str.encode("ascii", _errors(errors)), len(str)


def ascii_decode(data, errors=None, /):
    data = _data(data)
    return data.decode("ascii", _errors(errors)), len(data)


def latin_1_encode(str, errors=None, /):
    return str.encode("latin-1", _errors(errors)), len(str)


def latin_1_decode(data, errors=None, /):
    data = _data(data)
    return data.decode("latin-1"), len(data)


# ----- UTF-16 and UTF-32 ------------------------------------------------------


def _encode_units(text, width, byteorder, errors):
    out = bytearray()
    for char in text:
        code = ord(char)
        if width == 2 and code >= 0x10000:
            code -= 0x10000
            out += (0xD800 | (code >> 10)).to_bytes(2, byteorder)
            out += (0xDC00 | (code & 0x3FF)).to_bytes(2, byteorder)
        else:
            out += code.to_bytes(width, byteorder)
    return bytes(out)


def _decode_error(codec, data, start, end, reason, errors):
    if errors == "strict":
        if end - start == 1:
            where = f"byte 0x{data[start]:02x} in position {start}"
        else:
            where = f"bytes in position {start}-{end - 1}"
        raise UnicodeDecodeError(codec, data, start, end, reason) from None
    if errors == "replace":
        return "\ufffd"
    if errors == "ignore":
        return ""
    if errors == "backslashreplace":
        return "".join(f"\\x{b:02x}" for b in data[start:end])
    raise LookupError(f"unknown error handler name '{errors}'")


def _decode_units(data, width, byteorder, errors, final, codec):
    chars = []
    i = 0
    n = len(data)
    while i + width <= n:
        code = int.from_bytes(data[i:i + width], byteorder)
        if width == 2 and 0xD800 <= code < 0xDC00:
            if i + 4 > n:
                if not final:
                    break
                chars.append(_decode_error(codec, data, i, n, "unexpected end of data", errors))
                i = n
                break
            low = int.from_bytes(data[i + 2:i + 4], byteorder)
            if 0xDC00 <= low < 0xE000:
                chars.append(chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)))
                i += 4
                continue
            chars.append(_decode_error(codec, data, i, i + 2, "illegal UTF-16 surrogate", errors))
            i += 2
            continue
        if width == 2 and 0xDC00 <= code < 0xE000:
            chars.append(_decode_error(codec, data, i, i + 2, "illegal encoding", errors))
            i += 2
            continue
        if code >= 0x110000 or 0xD800 <= code < 0xE000:
            reason = "code point not in range(0x110000)" if code >= 0x110000 else "code point in surrogate code point range(0xd800, 0xe000)"
            chars.append(_decode_error(codec, data, i, i + width, reason, errors))
            i += width
            continue
        chars.append(chr(code))
        i += width
    if final and i < n:
        chars.append(_decode_error(codec, data, i, n, "truncated data", errors))
        i = n
    return "".join(chars), i


_BOM = {2: (b"\xff\xfe", b"\xfe\xff"), 4: (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")}


def _with_bom(width):
    name = f"utf-{width * 8}"

    def encode(str, errors=None, byteorder=0, /):
        if byteorder == 0:
            return _BOM[width][0] + _encode_units(str, width, "little", errors), len(str)
        order = "little" if byteorder < 0 else "big"
        return _encode_units(str, width, order, errors), len(str)

    def ex_decode(data, errors=None, byteorder=0, final=False, /):
        data = _data(data)
        start = 0
        if byteorder == 0:
            if data[:width] == _BOM[width][0]:
                byteorder, start = -1, width
            elif data[:width] == _BOM[width][1]:
                byteorder, start = 1, width
            elif len(data) < width and not final:
                return "", 0, 0
        order = "big" if byteorder > 0 else "little"
        text, used = _decode_units(data[start:], width, order, _errors(errors), final, name)
        return text, start + used, byteorder

    def decode(data, errors=None, final=False, /):
        text, used, _ = ex_decode(data, errors, 0, final)
        return text, used

    return encode, decode, ex_decode


def _fixed(width, order):
    name = f"utf-{width * 8}-{'le' if order == 'little' else 'be'}"

    def encode(str, errors=None, /):
        return _encode_units(str, width, order, errors), len(str)

    def decode(data, errors=None, final=False, /):
        return _decode_units(_data(data), width, order, _errors(errors), final, name)

    return encode, decode


utf_16_encode, utf_16_decode, utf_16_ex_decode = _with_bom(2)
utf_32_encode, utf_32_decode, utf_32_ex_decode = _with_bom(4)
utf_16_le_encode, utf_16_le_decode = _fixed(2, "little")
utf_16_be_encode, utf_16_be_decode = _fixed(2, "big")
utf_32_le_encode, utf_32_le_decode = _fixed(4, "little")
utf_32_be_encode, utf_32_be_decode = _fixed(4, "big")


# ----- charmap codecs ---------------------------------------------------------


def charmap_build(decoding_table, /):
    return {ord(char): i for i, char in enumerate(decoding_table)}


def charmap_encode(str, errors=None, mapping=None, /):
    errors = _errors(errors)
    if mapping is None:
        return latin_1_encode(str, errors)
    out = bytearray()
    for i, char in enumerate(str):
        try:
            target = mapping[ord(char)]
        except (KeyError, IndexError, LookupError):
            target = None
        if target is None:
            if errors == "strict":
                raise UnicodeEncodeError("charmap", str, i, i + 1, "character maps to <undefined>")
            if errors == "ignore":
                continue
            if errors == "replace":
                out += b"?"
                continue
            if errors == "xmlcharrefreplace":
                out += f"&#{ord(char)};".encode()
                continue
            if errors == "backslashreplace":
                out += ascii(char)[1:-1].encode()
                continue
            raise LookupError(f"unknown error handler name '{errors}'")
        if isinstance(target, int):
            out.append(target)
        else:
            out += target
    return bytes(out), len(str)


def charmap_decode(data, errors=None, mapping=None, /):
    data = _data(data)
    errors = _errors(errors)
    if mapping is None:
        return latin_1_decode(data, errors)
    chars = []
    for i, byte in enumerate(data):
        try:
            target = mapping[byte]
        except (KeyError, IndexError, LookupError):
            target = None
        if isinstance(target, int):
            target = chr(target)
        if target is None or target == "\ufffe":
            if errors == "strict":
                raise UnicodeDecodeError("charmap", data, i, i + 1, "character maps to <undefined>")
            if errors == "ignore":
                continue
            if errors == "replace":
                chars.append("\ufffd")
                continue
            if errors == "backslashreplace":
                chars.append(f"\\x{byte:02x}")
                continue
            raise LookupError(f"unknown error handler name '{errors}'")
        chars.append(target)
    return "".join(chars), len(data)


# ----- escapes ----------------------------------------------------------------


def _escape_char(char, quotes):
    code = ord(char)
    if char == "\\":
        return "\\\\"
    if char == "\t":
        return "\\t"
    if char == "\n":
        return "\\n"
    if char == "\r":
        return "\\r"
    if quotes and char == "'":
        return "\\'"
    if 0x20 <= code < 0x7F:
        return char
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def unicode_escape_encode(str, errors=None, /):
    return "".join(_escape_char(c, False) for c in str).encode("latin-1"), len(str)


def raw_unicode_escape_encode(str, errors=None, /):
    out = []
    for char in str:
        code = ord(char)
        if code < 0x100:
            out.append(char)
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return "".join(out).encode("latin-1"), len(str)


_SIMPLE = {"\n": "", "\\": "\\", "'": "'", '"': '"', "a": "\a", "b": "\b", "f": "\f",
           "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def _unescape(text, unicode, raw, codec, errors):
    out = []
    i = 0
    n = len(text)
    while i < n:
        char = text[i]
        if char != "\\" or i + 1 == n:
            if char == "\\" and not raw:
                raise UnicodeDecodeError(codec, text.encode("latin-1"), i, n, "\\ at end of string")
            out.append(char)
            i += 1
            continue
        kind = text[i + 1]
        if raw and kind not in "uU":
            out.append(char)
            i += 1
            continue
        if kind in _SIMPLE and not raw:
            out.append(_SIMPLE[kind])
            i += 2
            continue
        if kind in "01234567" and not raw:
            j = i + 1
            while j < n and j < i + 4 and text[j] in "01234567":
                j += 1
            out.append(chr(int(text[i + 1:j], 8)))
            i = j
            continue
        sizes = {"x": 2, "u": 4, "U": 8} if unicode else {"x": 2}
        if kind in sizes:
            size = sizes[kind]
            digits = text[i + 2:i + 2 + size]
            if len(digits) == size and all(d in "0123456789abcdefABCDEF" for d in digits):
                code = int(digits, 16)
                if code > 0x10FFFF:
                    raise UnicodeDecodeError(codec, text.encode("latin-1"), i, i + 2 + size, "illegal Unicode character")
                out.append(chr(code))
                i += 2 + size
                continue
            reason = {"x": "truncated \\xXX escape", "u": "truncated \\uXXXX escape", "U": "truncated \\UXXXXXXXX escape"}[kind]
            if errors == "strict":
                raise UnicodeDecodeError(codec, text.encode("latin-1"), i, min(n, i + 2 + len(digits)), reason)
            if errors == "replace":
                out.append("\ufffd")
            i += 2
            while i < n and text[i] in "0123456789abcdefABCDEF" and len(digits) > 0:
                i += 1
                digits = digits[1:]
            continue
        out.append("\\")
        out.append(kind)
        i += 2
    return "".join(out)


def unicode_escape_decode(data, errors=None, final=True, /):
    if isinstance(data, str):
        data = data.encode("latin-1")
    data = bytes(data)
    return _unescape(data.decode("latin-1"), True, False, "unicodeescape", _errors(errors)), len(data)


def raw_unicode_escape_decode(data, errors=None, final=True, /):
    if isinstance(data, str):
        data = data.encode("latin-1")
    data = bytes(data)
    return _unescape(data.decode("latin-1"), True, True, "rawunicodeescape", _errors(errors)), len(data)


def escape_encode(data, errors=None, /):
    data = bytes(data)
    return "".join(_escape_char(chr(b), True) for b in data).encode("latin-1"), len(data)


def escape_decode(data, errors=None, /):
    if isinstance(data, str):
        data = data.encode("latin-1")
    data = bytes(data)
    text = _unescape(data.decode("latin-1"), False, False, "escape", _errors(errors))
    return text.encode("latin-1"), len(data)


# CPython's codec functions are builtins, which do not bind as methods:
# `encodings` modules store them as class attributes (`_buffer_decode =
# codecs.utf_8_decode`). Static methods behave the same way.
for _name, _value in list(globals().items()):
    if callable(_value) and not _name.startswith("_") and (
        _name.endswith(("_encode", "_decode")) or _name == "charmap_build"
    ):
        globals()[_name] = staticmethod(_value)
del _name, _value
