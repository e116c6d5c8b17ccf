"""CPython's `_hashlib` for pvm: the interface `hashlib` and `hmac` expect
from OpenSSL, over pvm's own `_md5`, `_sha1`, `_sha256` and `_sha512`.

Offers `new`, the `openssl_*` constructors of those six algorithms,
`openssl_md_meth_names`, `pbkdf2_hmac`, `compare_digest` and
`get_fips_mode`. Not offered: SHA-3, SHAKE and BLAKE2 (`hashlib` then
tries `_sha3` and `_blake2`), `scrypt`, and a native HMAC (`hmac_new` and
`hmac_digest` raise `UnsupportedDigestmodError`, so `hmac` computes in
Python).
"""

import _md5
import _sha1
import _sha256
import _sha512


class UnsupportedDigestmodError(ValueError):
    pass


_constructors = {
    "md5": _md5.md5,
    "sha1": _sha1.sha1,
    "sha224": _sha256.sha224,
    "sha256": _sha256.sha256,
    "sha384": _sha512.sha384,
    "sha512": _sha512.sha512,
}

openssl_md_meth_names = frozenset(_constructors)


def openssl_md5(string=b"", *, usedforsecurity=True):
    return _md5.md5(string)


def openssl_sha1(string=b"", *, usedforsecurity=True):
    return _sha1.sha1(string)


def openssl_sha224(string=b"", *, usedforsecurity=True):
    return _sha256.sha224(string)


def openssl_sha256(string=b"", *, usedforsecurity=True):
    return _sha256.sha256(string)


def openssl_sha384(string=b"", *, usedforsecurity=True):
    return _sha512.sha384(string)


def openssl_sha512(string=b"", *, usedforsecurity=True):
    return _sha512.sha512(string)


def new(name, string=b"", *, usedforsecurity=True):
    if not isinstance(name, str):
        raise TypeError(f"new() argument 'name' must be str, not {type(name).__name__}")
    constructor = _constructors.get(name.lower())
    if constructor is None:
        raise UnsupportedDigestmodError("unsupported hash type " + name)
    return constructor(string)


def get_fips_mode():
    return 0


def hmac_new(key, msg=b"", digestmod=None):
    raise UnsupportedDigestmodError("pvm computes HMAC in Python")


def hmac_digest(key, msg, digest):
    raise UnsupportedDigestmodError("pvm computes HMAC in Python")


def compare_digest(a, b, /):
    if isinstance(a, str) and isinstance(b, str):
        if not (a.isascii() and b.isascii()):
            raise TypeError("comparing strings with non-ASCII characters is not supported")
        a, b = a.encode(), b.encode()
    elif isinstance(a, str) or isinstance(b, str):
        raise TypeError(
            "unsupported operand types(s) or combination of types: "
            f"'{type(a).__name__}' and '{type(b).__name__}'"
        )
    else:
        a, b = bytes(a), bytes(b)
    result = len(a) ^ len(b)
    for x, y in zip(a, b if len(a) == len(b) else a):
        result |= x ^ y
    return result == 0


def pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None):
    if not isinstance(hash_name, str):
        raise TypeError(f"pbkdf2_hmac() argument 'hash_name' must be str, not {type(hash_name).__name__}")
    constructor = _constructors.get(hash_name.lower())
    if constructor is None:
        raise UnsupportedDigestmodError("unsupported hash type " + hash_name)
    password, salt = bytes(password), bytes(salt)
    if iterations < 1:
        raise ValueError("iteration value must be greater than 0.")
    block_size = constructor().block_size
    if len(password) > block_size:
        password = constructor(password).digest()
    password = password + b"\x00" * (block_size - len(password))
    outer_pad = bytes(x ^ 0x5C for x in password)
    inner_pad = bytes(x ^ 0x36 for x in password)

    def prf(message):
        inner = constructor(inner_pad + message).digest()
        return constructor(outer_pad + inner).digest()

    size = constructor().digest_size
    if dklen is None:
        dklen = size
    if dklen < 1:
        raise ValueError("key length must be greater than 0.")
    key = b""
    block = 1
    while len(key) < dklen:
        previous = prf(salt + block.to_bytes(4, "big"))
        total = int.from_bytes(previous, "big")
        for _ in range(iterations - 1):
            previous = prf(previous)
            total ^= int.from_bytes(previous, "big")
        key += total.to_bytes(size, "big")
        block += 1
    return key[:dklen]
