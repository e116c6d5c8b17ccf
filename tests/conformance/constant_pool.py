# Constants that are equal in Python but differ in type or sign stay
# distinct in a code object's constant pool, however many there are.
import math


def kinds():
    return [0, 0.0, False, -0.0, 1, 1.0, True, (0,), (0.0,), (False,), (-0.0,), ((0,),), ((0.0,),)]


def show(values):
    print([(type(v).__name__, v) for v in values])


show(kinds())
print([math.copysign(1, v) for v in (0.0, -0.0)], math.copysign(1, kinds()[3]))
print(kinds()[10] == (0.0,), math.copysign(1, kinds()[10][0]))
print(repr(kinds()[9][0]), repr(kinds()[8][0]), repr(kinds()[7][0]))
big = [2**64, 2.0**64, 18446744073709551616, -0.5, 0.5, "0", b"0", "", b"", None, ..., 1e300, -1e300]
print(big, [type(v).__name__ for v in big])
many = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
        0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0,
        False, True, -0.0, -1.0, -1, "a", "b", "a", 0, 0.0, False, -0.0]
print(many, sum(1 for v in many if type(v) is float), sum(1 for v in many if type(v) is bool))
a_name = 1; b_name = 2; a_name = a_name + b_name; print(a_name, b_name)
