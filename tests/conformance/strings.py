s = "Hello, World"
print(len(s), s[0], s[-1], s[0:5], s[7:], s[:-7], s[::2], s[::-1], s[100:], s[-100:3])
print(s.upper(), s.lower(), s.replace("l", "L"), s.replace("l", "", 1), s.find("World"), s.find("x"))
print(s.split(", "), "  a  b c ".split(), "a,b,,c".split(","), "x".split(","), "1 2 3".split(" ", 1))
print("-".join(["a", "b", "c"]), "".join([]), "  pad  ".strip(), "xxhixx".strip("x"), "  l".lstrip(), "r  ".rstrip())
print(s.startswith("Hell"), s.endswith("xx"), s.startswith(("a", "H")), "123".isdigit(), "abc".isalpha(), " ".isspace())
print(s.count("l"), "aaa".count("aa"), str(42), str(4.5), str(None), str(True), str([1, "a"]), repr("it's"))
print(repr('say "hi"'), repr("both ' and \""), repr("tab\there\nnewline\\"), repr("\x00\x7f"), repr("é ü ☃"))
print(ord("A"), chr(97), chr(9731), ord("☃"), "abc" == "abc", "a" != "b", "b" > "a")
print(f"{1 + 2}", f"{s!r}", f"{'x':>5}|{'y':<5}|{'z':^5}|", f"{3.14159:.2f}", f"{12345678:,}", f"{255:x} {255:#x} {255:08b}")
print(f"{42:5d}|{-42:+d}|{3.5:e}|{1e-5:g}|{123456789.0:g}|{0.25:%}|{7:03}|{'abc':.2}")
name = "pvm"
width = 8
print(f"[{name:{width}}]", f"{name=}", f"{width * 2 = }", f"{{literal}}", f"{1}{2}{3}")
print(format(3.14159, ".3f"), format(10, "b"), format("s", ">3"), format(1234.5, ",.1f"), format(1e20, ".3g"))
print(str(10 ** 50), int("  -42  "), int("0x1f", 16), int("777", 8), int("z", 36), int("1_000"), float("-1.5e3"))
multi = """line one
line two"""
print(multi, len(multi), "a" "b" 'c')
