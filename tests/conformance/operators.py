print(1 + 2 * 3 - 4, (1 + 2) * 3, 2 ** 3 ** 2, -2 ** 2, (-2) ** 2, 7 // 2, -7 // 2, 7 % 3, -7 % 3)
print(5 & 3, 5 | 3, 5 ^ 3, ~5, ~-1, 1 << 10, 1024 >> 3, -1024 >> 3)
print(True + True, True * 10, True & False, True | False, True ^ True, ~True, -True)
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1 > 0, 1 == 1.0 == True, 2 != 2.0, 1 < 2 > 1.5)
print(not 0, not 1, not "", not [], 0 or 5, 3 and 4, 0 and 1/0, None or "default", "" or [] or 0)
print(1 is 1, None is None, [] is [], 1 is not 2, 3 in [1, 2, 3], 4 not in (1, 2), "ell" in "hello")
print(2 in {1: "a", 2: "b"}, 5 in range(0, 10, 5), 6 in range(0, 10, 5), -1 in range(5))
print("ab" + "cd", "ab" * 3, 3 * "x", [1] * 3, [1, 2] + [3], (1,) * 2 + (2,), "" * 5)
print("a" < "b", "abc" < "abd", "Z" < "a", [1, 2] < [1, 3], (1, 2) < (1, 2, 0), [1, [2]] == [1, [2]])
print(10 / 3, 10 // 3, 10.0 // 3, 2 ** -2, 0 ** 0, 0.0 ** 0, 10 % 3.5)
x = 10
x += 5
x -= 3
x *= 2
x //= 5
x **= 3
x %= 7
x <<= 4
x |= 1
x ^= 3
x &= 0xFF
x >>= 1
print(x)
s = "a"
s += "b"
s *= 3
lst = [1]
alias = lst
lst += [2, 3]
lst *= 2
print(s, lst, alias, lst is alias)
t = (1, 2)
t += (3,)
print(t)
