# math: modf, frexp, ldexp, fsum, lcm, dist, inverse hyperbolics, erf, ...
import math
print(math.modf(3.75), math.modf(-2.5), math.modf(float("inf")), math.frexp(8.0), math.frexp(0.1), math.frexp(0.0), math.ldexp(0.5, 4), math.ldexp(1.0, -1080))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]), math.fsum([]), math.fsum([1, 2, 3]), math.fsum([float("inf"), 1.0]))
print(math.lcm(4, 6), math.lcm(), math.lcm(0, 5), math.lcm(-4, 6, 10), math.acosh(2), math.asinh(1), math.atanh(0.5), math.exp2(10), math.expm1(1e-10), math.log1p(1e-10))
print(math.erf(0.5), math.erfc(0.5), math.remainder(10, 3), math.nextafter(1.0, 2.0), math.ulp(1.0), math.ulp(0.0), math.dist((0, 0), (3, 4)), math.dist([1, 2, 3], [4, 6, 8]))
for f in [lambda: math.acosh(0), lambda: math.log1p(-1), lambda: math.atanh(1), lambda: math.ldexp(1.0, 2000), lambda: math.fsum([float("inf"), float("-inf")]), lambda: math.fsum([1e308, 1e308]), lambda: math.remainder(1, 0), lambda: math.dist((1,), (1, 2))]:
    try:
        print(f())
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
