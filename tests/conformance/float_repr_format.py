# Float repr picks the nearest of the shortest round-tripping digits (ties
# to even), switches to exponent form at 1e16 and below 1e-4; format()
# without a type goes scientific one digit sooner than 'g'; 'z' drops the
# sign of a zero; bad specs raise CPython's ValueError.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for x in [1372599391685083.25, 1e16, 1e15, 9999999999999998.0, 123456789012345678.0,
          0.0001, 0.00001, 1.5e-7, 2.0**70, 0.1 + 0.2, 5e-324, 1.7976931348623157e308,
          2.0**-1074 * 3, 4503599627370497.5, 0.3, 2.0**53 + 2, 1 / 3]:
    print(repr(x), repr(-x), str(x * 3))
for spec in [".3", ".0", ".1", ".2", ".17", "", "10.3", "<12.4", "+.3", "#.3", ".3g", ".0g", "#.0"]:
    print(spec, [format(x, spec) for x in [1234.5678, 0.5, 0.0, -0.0, 1e20, 1.0, 123.0, 1e16, 9.5, 99.5, 0.00012345]])
show(lambda: 0 / -(10**30))
show(lambda: -0.0 / 10**30)
for spec in ["z.2f", "z", "z.1", "+z.2f", "z.2e", "z.2%", "z.2g", "z,.2f", "z=8.2f", " z.3f"]:
    show(lambda: format(-0.0001, spec))
    show(lambda: format(-0.0, spec))
show(lambda: format(5, "z"))
show(lambda: format(5, "zd"))
show(lambda: format("s", "z"))
show(lambda: format(5, "z.2f"))
show(lambda: format(1.5, "5.2fx"))
show(lambda: format(True, "5.2fx"))
show(lambda: format("ab", "5sx"))
show(lambda: format(1.5, "."))
show(lambda: format(1.5, "q"))
show(lambda: format(1.5, "d"))
show(lambda: format(15, "q"))
show(lambda: format("s", "d"))
show(lambda: format(12, ".3"))
show(lambda: "%z" % 1.0)
show(lambda: "ab %(x)q" % {"x": 1})
print(format(1.0, "#g"), format(100.0, "#.3g"), format(1e20, "#.0e"), format(1.0, "#.0f"))
print(format(1.0, "#.0%"), format(1234.0, "#,.0f"), format(0.5, "#.0%"), format(0.0, "#g"))
