# Sizes no machine has: MemoryError (or, for str and bytes longer than
# sys.maxsize, OverflowError) at once, without allocating anything; and the
# joins, concatenations and repetitions that do fit.
def attempt(label, make):
    try:
        result = make()
    except (MemoryError, OverflowError) as error:
        print(label, type(error).__name__, repr(error))
    else:
        print(label, "made", len(result))

attempt("list", lambda: [0] * 10**12)
attempt("list2", lambda: [0, 1] * 2**62)
attempt("list3", lambda: [0] * 10**13)
attempt("str", lambda: "a" * 2**62)
attempt("str2", lambda: "ab" * 2**62)
attempt("str3", lambda: 10**15 * "abc")
attempt("bytes", lambda: b"a" * 10**15)
attempt("bytes2", lambda: b"ab" * 2**62)
attempt("tuple", lambda: (0,) * 10**12)
attempt("tuple2", lambda: (0, 1) * 2**62)
attempt("huge-count", lambda: "a" * 10**30)
attempt("negative", lambda: "a" * -10**30)
x = [1, 2]
try:
    x *= 10**12
except MemoryError as error:
    print("imul", repr(error), x)
print(len(",".join(["abc"] * 10**5)), len(b",".join([b"abc"] * 10**5)))
print("".join([]), b"".join([]), "-".join(["a"]), ", ".join(("x", "y")))
for bad in (["a", 1], ("a", "b", None)):
    try:
        "-".join(bad)
    except TypeError as error:
        print(error)
try:
    b"-".join([b"a", "b"])
except TypeError as error:
    print(error)
print("+".join(str(i) for i in range(5)), b"+".join(bytes([65 + i]) for i in range(3)))
y = [1] * 3
y += (4, 5)
y.extend(range(2))
y.insert(-1, 9)
print(y, [1, 2] + [3], (1,) + (2, 3), "ab" + "cd", b"ab" + b"cd", [7] * 0, "x" * -3)
