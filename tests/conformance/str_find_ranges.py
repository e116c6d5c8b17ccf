# str.find, rfind, index, rindex and count with start and end.
s = "héllo wörld héllo"
cases = [(), (0,), (3,), (-5,), (100,), (-100,), (2, 8), (8, 2), (None, 5), (3, None), (0, -3), (17,), (18,)]
for sub in ["l", "héllo", "", "zz", "o w"]:
    for c in cases:
        out = [s.find(sub, *c), s.rfind(sub, *c), s.count(sub, *c)]
        for m in (s.index, s.rindex):
            try:
                out.append(m(sub, *c))
            except ValueError as e:
                out.append(str(e))
        print(repr(sub), c, out)
for bad in [("l", "x"), ("l", 1.5), (1,), ()]:
    try:
        s.find(*bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    s.count("a", 1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
print("".find(""), "".count(""), "abc".find("", 3), "abc".find("", 4), "abc".count("", 4), "abc".count("", 1, 2))
