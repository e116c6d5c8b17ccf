for spec in ['_', ',', '_s', ',s', '>10_', '_d', '_x', '_b', ',x']:
    for v in ['x y z', 5, 2.5]:
        try:
            print(repr(format(v, spec)))
        except (ValueError, TypeError) as e:
            print(type(e).__name__, e)
for spec in [',c', '_c', ',n', '_n', ',o', '_o', ',X', '_e', ',%', ',g', '_,', '10,.2f']:
    for v in [65, 2.5, 'ab']:
        try:
            print(repr(format(v, spec)))
        except (ValueError, TypeError) as e:
            print(type(e).__name__, e)
print(f"{1234567:_}", f"{'abc':>6}", f"{12345.678:,.1f}", f"{255:_x}")
