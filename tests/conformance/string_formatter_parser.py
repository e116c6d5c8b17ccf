# _string, the parser under string.Formatter.
import _string

for s in ['a{0!r:>{w}}b{{c}}d', 'plain', '{}', '{x.y[0]}', '{:{}}', 'x}}y', '{0:%Y-%m}', '{!s}', '{a!r}',
          'end{', '{{', '}}', '{0[}', 'a}b', '{0!}', '{0!rr}', '{0:}', 'ok{0}then{', '{a{b}', '']:
    out = []
    try:
        for part in _string.formatter_parser(s):
            out.append(part)
        print(repr(s), out)
    except ValueError as e:
        print(repr(s), out, "ValueError", e)
for n in ['a.b[0].c', '0', '0[1]', '', 'x[y]z', 'a[', '3.x', 'a..b', 'a[]', 'k[10][x]']:
    first, rest = _string.formatter_field_name_split(n)
    out = []
    try:
        for step in rest:
            out.append(step)
        print(repr(n), repr(first), out)
    except ValueError as e:
        print(repr(n), repr(first), out, "ValueError", e)
print(sorted(name for name in dir(_string) if not name.startswith("__")))
