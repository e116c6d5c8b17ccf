# sys.set_int_max_str_digits: the limit on decimal int <-> str conversion,
# its checks, and every conversion that honours it.
import sys
def show(f):
    try:
        r = f()
        print(r if isinstance(r, (int, type(None))) and len(str(r)) < 60 else len(str(r)))
    except Exception as e:
        print(type(e).__name__, e)
print(sys.get_int_max_str_digits())
show(lambda: int("1" * 4300) % 1000)
show(lambda: int("1" * 4301))
show(lambda: str(10 ** 4299))
show(lambda: str(10 ** 4300))
show(lambda: sys.set_int_max_str_digits(100))
show(lambda: sys.set_int_max_str_digits(-1))
show(lambda: sys.set_int_max_str_digits(2**40))
show(lambda: sys.set_int_max_str_digits(maxdigits=1000))
print(sys.get_int_max_str_digits())
show(lambda: int("7" * 1001))
show(lambda: str(10 ** 1000))
show(lambda: repr(-10 ** 1000))
show(lambda: f"{10 ** 1000}")
show(lambda: sys.set_int_max_str_digits(0))
show(lambda: len(str(10 ** 20000)))
show(lambda: int("9" * 20000) % 7)
show(lambda: sys.set_int_max_str_digits(640))
show(lambda: hex(10 ** 5000)[:10])
show(lambda: format(10 ** 5000, "d"))
show(lambda: "%d" % 10 ** 5000)
show(lambda: format(10 ** 5000, "x")[:5])
show(lambda: format(10 ** 600, ","))
