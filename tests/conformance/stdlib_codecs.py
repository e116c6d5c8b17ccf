# codecs over _codecs: lookup, utf-16/32, charmap codecs, rot13/hex, escapes, incremental codecs.
import codecs
print(codecs.lookup("UTF-8").name, codecs.lookup("latin1").name, codecs.lookup("utf_16").name, codecs.lookup("cp1252").name)
print("héllo €".encode("utf-16"), "héllo".encode("utf-16-le"), "h😀".encode("utf-16-be"), "hé".encode("utf-32"))
print(b"\xff\xfeh\x00\xe9\x00".decode("utf-16"), "h😀".encode("utf-16").decode("utf-16"), "ab😀".encode("utf-32-be").decode("utf-32-be"))
print("café €".encode("cp1252"), b"caf\xe9 \x80".decode("cp1252"), "╔═╗".encode("cp437"), bytes([201, 205, 187]).decode("cp437"))
print(codecs.encode("abc", "rot13"), codecs.decode("nop", "rot_13"), codecs.encode(b"hello", "hex"), codecs.decode(b"68656c6c6f", "hex"))
print("a\tb\n\u00e9\u20ac".encode("unicode_escape"), b"a\\tb\\n\\xe9\\u20ac\\U0001f600".decode("unicode_escape"), codecs.escape_decode(b"a\\x41\\n")[0])
print(codecs.BOM_UTF8, codecs.getencoder("ascii")("abc"), codecs.getdecoder("utf-8")(b"x"), codecs.lookup_error("strict").__name__)
enc = codecs.getincrementalencoder("utf-8")(); print(enc.encode("é"), enc.encode("x", final=True))
dec = codecs.getincrementaldecoder("utf-8")(); print(repr(dec.decode(b"\xc3")), repr(dec.decode(b"\xa9")))
import io
print(type(codecs.iterdecode([b"a"], "utf-8")).__name__, "".join(codecs.iterdecode([b"a", b"\xc3", b"\xa9"], "utf-8")))
for bad in [lambda: codecs.lookup("nope"), lambda: "€".encode("cp437"), lambda: b"\x81".decode("cp1252"), lambda: "x".encode("rot13")]:
    try:
        bad()
    except (LookupError, UnicodeError) as e:
        print(type(e).__name__, e)
