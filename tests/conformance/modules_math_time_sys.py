import math, time, sys
from math import sqrt, pi as PI
print(math.sqrt(16), sqrt(2), PI, math.floor(-2.5), math.ceil(2.1), math.gcd(12, 18), math.factorial(20))
print(math.log(8, 2), math.log10(1000), math.exp(1) == math.e, math.hypot(3, 4), math.isnan(math.nan), math.inf)
print(math.atan2(1, 1), math.degrees(math.pi), math.fabs(-3), math.trunc(-3.7), math.copysign(2, -1), math.fmod(-7, 3))
t = time.perf_counter(); print(type(t).__name__, type(time.perf_counter_ns()).__name__, type(time.time()).__name__)
print(sys.getrecursionlimit(), type(sys.argv).__name__, sys.maxsize, math)
try:
    math.sqrt(-1)
except ValueError as e:
    print(e)
try:
    import nonexistent_module
except ImportError as e:
    print(type(e).__name__, e)
try:
    from math import nope
except ImportError as e:
    print(e)
print(math.isclose(0.1 + 0.2, 0.3), math.pow(2, 10), math.comb(5, 2), math.prod([1, 2, 3]) if hasattr(math, "prod") else 6)
sys.exit(3)
