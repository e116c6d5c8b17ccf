# A display of more than two constants is folded into a frozenset
# constant, which decides the order the set iterates in; smaller and
# non-constant displays add their items in order.
print({4, 404, -4})
print({9223372036854775807, -6, 3, 9223372036854775808})
print({275, 4294967297, 9223372036854775807, -160})
print({1, 2})
print({-1, -2, 7, 7, 9, 2147483648, -9223372036854775809})
x = 5
print({x, -8, 16, 3})
print({(1, 2), -1, 0.5, True, 1, (3, -4)})
print({*(4, 404, -4)})
print(sorted({"b", "a", "c"}))
for i in range(40):
    print(i, {i * 17, -i * 33, 2 ** (i + 30), 9, 8 * i + 1})
print({-(2**64), 2**64, 2**65 + 1, -3})
print({0.5, 1e16, -0.0, 1.5, 2.25, -7.125})
print(frozenset({33, 1, 17, -9}))
