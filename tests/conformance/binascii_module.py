# binascii: hex, base64 and CRCs.
import binascii

print(binascii.hexlify(b"\x00\xffhello"), binascii.b2a_hex(b"abc"), binascii.hexlify(b"abcdef", "-"))
print(binascii.hexlify(b"abcdefg", b":", 2), binascii.hexlify(b"abcdefg", ":", -2), binascii.hexlify(b""))
print(binascii.unhexlify(b"00ff68"), binascii.a2b_hex("6869"), binascii.unhexlify("ABcd"))
for data in [b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", bytes(range(256))[:40]]:
    encoded = binascii.b2a_base64(data)
    print(encoded, binascii.a2b_base64(encoded) == data, binascii.b2a_base64(data, newline=False))
print(binascii.a2b_base64("Zm9v\nYmFy"), binascii.a2b_base64(b"Zm9vYg=="), binascii.a2b_base64(b"Zm9vYg==junk"))
print(binascii.a2b_base64(b"Zm9v!!YmFy"), binascii.a2b_base64(b"Zm9vYmE="))
print(binascii.crc32(b"hello world"), binascii.crc32(b"world", binascii.crc32(b"hello ")), binascii.crc32(b""))
print(binascii.crc_hqx(b"hello", 0), binascii.crc_hqx(b"123456789", 0xffff))
print(issubclass(binascii.Error, ValueError), binascii.Error.__module__)
for bad in [lambda: binascii.unhexlify(b"abc"), lambda: binascii.unhexlify(b"zz"),
            lambda: binascii.a2b_base64(b"Zm9vY"), lambda: binascii.a2b_base64(b"Zm9vYg"),
            lambda: binascii.a2b_base64(b"Zm9v!", strict_mode=True), lambda: binascii.a2b_base64(b"=Zm9v", strict_mode=True),
            lambda: binascii.hexlify("text")]:
    try:
        print(bad())
    except (binascii.Error, TypeError) as e:
        print(type(e).__name__, e)
