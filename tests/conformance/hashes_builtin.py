# The builtin hash modules hashlib falls back on, and hashlib over them.
import _md5, _sha1, _sha256, _sha512
import hashlib

data = bytes(range(256)) * 5
for n in [0, 1, 3, 55, 56, 63, 64, 65, 111, 112, 113, 127, 128, 129, 1000]:
    chunk = data[:n]
    print(n, _md5.md5(chunk).hexdigest(), _sha1.sha1(chunk).hexdigest())
    print(_sha256.sha224(chunk).hexdigest(), _sha256.sha256(chunk).hexdigest())
    print(_sha512.sha384(chunk).hexdigest())
    print(_sha512.sha512(chunk).hexdigest())

h = _sha256.sha256(b"ab")
copy = h.copy()
h.update(b"c")
print(h.hexdigest(), copy.hexdigest(), h.name, h.digest_size, h.block_size, h.digest()[:4])
print(_sha512.sha512(string=b"x").hexdigest()[:16], _md5.md5(b"a", usedforsecurity=False).hexdigest())
for bad in ["text", 5, None]:
    try:
        _md5.md5(bad)  # noqa
    except TypeError as e:
        print(type(e).__name__, e)

print(hashlib.sha256(b"abc").hexdigest(), hashlib.new("sha1", b"x").hexdigest())
print(hashlib.md5(usedforsecurity=False).hexdigest(), hashlib.new("SHA512", b"q").hexdigest()[:20])
m = hashlib.sha384()
for piece in [b"hello", b" ", b"world"]:
    m.update(piece)
print(m.hexdigest(), m.name, m.digest_size, m.block_size)
print(sorted(hashlib.algorithms_guaranteed))
print(hashlib.pbkdf2_hmac("sha256", b"password", b"salt", 50).hex())
print(hashlib.pbkdf2_hmac("sha1", b"pw" * 50, b"NaCl", 3, dklen=50).hex())
