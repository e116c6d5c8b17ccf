# array repetition, concatenation (also in place) and slice assignment, with CPython errors.
from array import array
a = array('d', [0]) * 3
print(a, 2 * array('i', [1, 2]), array('i', [1]) + array('i', [2, 3]))
b = array('i', [5]); c = b; b *= 2; print(b, c is b, b)
b += array('i', [7]); print(c)
for bad in (lambda: array('d') + [1], lambda: array('d') * 'x', lambda: array('d', [1]) + array('i', [1])):
    try:
        bad()
    except TypeError as e:
        print(e)
print(len(array('d', [1.5]) * 0), array('d', [1.0]) * -2)
v = array('d', [1, 2, 3, 4]); w = array('d', [0]) * 4
w[:] = v[:]; print(w); w[1:3] = array('d', [9]); print(w); w[::2] = array('d', [7, 7]); print(w)
try:
    w[0:1] = [1.0]
except TypeError as e:
    print(e)
try:
    w[::2] = array('d', [1.0])
except ValueError as e:
    print(e)
from array import array
for code, values in (('b', [-1, 2]), ('B', [255, 0]), ('h', [-2, 300]), ('H', [65535]), ('i', [-5, 1 << 30]), ('I', [7]), ('l', [-1]), ('q', [1 << 40]), ('f', [1.5, -2.25]), ('d', [0.1])):
    print(code, array(code, values).tobytes())
