import re, string, textwrap, json, copy

print(re.findall(r"\d+", "a1b22c333"), re.sub(r"(\w)(\d)", r"\2\1", "a1 b2"))
m = re.match(r"(?P<word>[a-z]+)-(?P<num>\d+)", "abc-42")
print(m.group("word"), m.group(2), m.groupdict(), m.span())
print(re.split(r"[,;]\s*", "a, b;c"), re.compile(r"x+", re.I).findall("xXx y X"))
print(re.IGNORECASE, repr(re.I | re.M), re.escape("a.b*c"))
print(string.ascii_lowercase, string.capwords("hello there world"))
print(string.Template("$who likes $what").substitute(who="tim", what="kung pao"))
print(string.Formatter().format("{0}-{1}", "a", "b"))
text = "The quick brown fox jumps over the lazy dog. " * 3
print(textwrap.fill(text, width=30))
print(textwrap.dedent("    a\n      b\n    c"))
print(textwrap.shorten("Hello  world, how are you", width=15))
data = {"name": "pvm", "list": [1, 2.5, None, True], "nested": {"k": "v"}}
s = json.dumps(data, sort_keys=True)
print(s, json.loads(s) == data)
print(json.dumps(data, indent=2))
print(json.loads('[1, "two", {"three": 3.0}]'))
x = [1, [2, 3], {"a": [4]}]
y = copy.deepcopy(x)
y[1].append(9)
print(x, y, copy.copy(x) == x)
