# cmath for finite arguments, against CPython's formulas.
import cmath

values = [1 + 2j, -3.5 + 0.25j, 0.5 - 0.5j, 2, -1, 1j, -0.0 - 2j, 0.9 + 0.3j, 1e-3 + 1e-3j, 3.0]
for name in ["sqrt", "exp", "log", "log10", "sin", "cos", "tan", "sinh", "cosh", "tanh",
             "asin", "acos", "atan", "asinh", "acosh", "atanh"]:
    f = getattr(cmath, name)
    out = []
    for z in values:
        try:
            out.append(f(z))
        except ValueError as e:
            out.append("ValueError: %s" % e)
    print(name, out)
print(cmath.phase(-1), cmath.phase(1j), cmath.polar(3 + 4j), cmath.rect(2, cmath.pi / 2), cmath.rect(1, 0))
print(cmath.log(8, 2), cmath.log(1j, 1 + 1j), cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.infj, cmath.nanj)
print(cmath.isfinite(1 + 1j), cmath.isinf(complex(1, float("inf"))), cmath.isnan(complex(float("nan"), 0)))
print(cmath.isclose(1 + 1j, 1 + 1.0000000001j), cmath.isclose(1, 1.1), cmath.isclose(1, 1.1, rel_tol=0.2))
for bad in [lambda: cmath.log(0), lambda: cmath.sqrt("x"), lambda: cmath.rect(1j, 1)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
