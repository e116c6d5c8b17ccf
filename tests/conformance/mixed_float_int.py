try:
    print(1.0 & 2.0)
except TypeError as e:
    print(e)
try:
    print(1.0 | 2)
except TypeError as e:
    print(e)
try:
    print(3 << 1.0)
except TypeError as e:
    print(e)
print(2 ** 0.5, 2.0 ** -1, 7 // 2.0, -7 % 3.0, 3 * 1.5, 1 - 0.5, 2**62 * 1.0, 5 / 2.0)
try:
    print(1 / 0.0)
except ZeroDivisionError as e:
    print(e)
try:
    print(1.5 // 0)
except ZeroDivisionError as e:
    print(e)
x = 3
x /= 2.0
x += 1
print(x, 9007199254740993 * 1.0, 1.0 * 9007199254740993)
values = [0, 1, -3, 7, 2**53 + 1, -(2**53) - 1]
floats = [0.5, -2.25, 3.0, 1e150]
for i in values:
    for f in floats:
        print(i + f, f - i, i * f, f * i, i / f, i // f, f % 7 if i else f, f ** 2 if i else -f)
print(1e300 * 10 ** 10, 2 ** 0.5 * 3)
print(1e300 ** 2)
