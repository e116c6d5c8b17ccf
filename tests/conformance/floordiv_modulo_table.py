# Floor division and modulo take the sign of the divisor, for ints and floats.
values = [7, -7, 3, -3, 0, 1, -1, 10**20, -(10**20)]
divisors = [2, -2, 3, -3, 7, -7, 10**19]
for a in values:
    for b in divisors:
        print(a, b, a // b, a % b, divmod(a, b))
for a in [7.5, -7.5, 0.0, -0.0, 1e300]:
    for b in [2, -2, 0.5, -0.5, 3.25]:
        print(a, b, a // b, a % b, divmod(a, b))
print(-7 // 2.0, -7 % 2.0, 7 % -2.5)
