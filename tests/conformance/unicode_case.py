# Case mappings beyond ASCII: full mappings (ß, ligatures, ŉ), titlecase
# letters (ǅ), the final sigma, case folding, and the case predicates.
words = ["héllo wORLD", "Ωμέγα ΣΑΣ", "ΌΣΟΣ Σ", "aΣ.b", "ß straße", "ǆemal ǅ Ǆ",
         "ﬁsh ﬂy ﬃ", "İstanbul", "ŉ", "ΑΣ'Σ", "a'Σ'", "1Σ", "ᾳ ᾼ ᾀ", "日本語 a日b",
         "😀x", "Σς", "ΣΣ", "aΣ", "ǰ", "ﬓ", "Եւ և", "x\u0345", "Ⅻ ⅻ", "ⓐⒶ", ""]
for w in words:
    print(repr(w), w.upper(), w.lower(), w.title(), w.capitalize(), w.swapcase(), w.casefold())
    print(" ", w.istitle(), w.isupper(), w.islower(), w.title().istitle(), w.upper().isupper())
print("ß".upper() == "SS", "ß".title(), "ŉ".upper(), "ŉ".title(), "ﬁ".casefold())
print([c.title() for c in "ǄǅǆǇǈǉǱǲǳ"])
print(["ǅ".isupper(), "ǅ".islower(), "ǅ".istitle(), "Aǅ".istitle(), "ǅa".istitle()])
print("ΑΣ ΑΣ.".lower(), "Σ".lower(), "AΣ1".lower(), "AΣ'".lower(), "A'Σ".lower())
