# repr() escapes what str.isprintable() rejects, by the Unicode table;
# ascii(), %a, {!a} and f"{x!a}" escape everything that is not ASCII.
samples = ["\x00\x07\x1b\x7f", "\x80\x9f\xa0\xad", "é日本😀", "\u200b\u200e\u2028\u2029\ufeff",
           "\U000e0001\U000f0000\U0010ffff", "\u0378\u0530", "\u3000\u2003", "tab\tnl\ncr\r",
           "quote'", 'both\'"', "back\\slash", "\U0001f600\U0001f9ff"]
for s in samples:
    print(repr(s), ascii(s), s.isprintable(), [c.isprintable() for c in s])
print(ascii(["é", ("ü", 1)]), ascii({"k\xe9": "\U0001f600"}), ascii(1.5), ascii(None))
print("%a|%r|%s" % ("é", "é", "é"))
print("{!a} {!r} {!s}".format("é\n", "é\n", "é"))
x = "naïve 😀"
print(f"{x!a} {x!r} {x!a:>30}|")
print("".isprintable(), " ".isprintable(), "\xa0".isprintable(), "a b".isprintable())
print(repr("\ud7ff\ue000\uf8ff\ufffd\ufffe"))
