import itertools

print(list(itertools.compress("ABCDEF", [1, 0, 1, 0, 1, 1])))
print(list(itertools.compress(range(10), itertools.cycle([True, False]))))
print(list(itertools.compress([1, 2, 3], [1])), list(itertools.compress([], [1, 1])))
print(list(itertools.compress(data=[1, 2, 3], selectors=[0, 1, 1])))
it = itertools.compress(iter("abc"), [0, "x", []])
print(next(it), list(it))
for bad in [lambda: itertools.compress("a"), lambda: itertools.compress(), lambda: itertools.compress(1, [1]),
            lambda: itertools.compress("a", "b", "c")]:
    try:
        print(bad())
    except TypeError as e:
        print(e)
