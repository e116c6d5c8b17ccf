counter = 0


def bump(by=1):
    global counter
    counter += by
    return counter


def describe(name, greeting="Hello", punctuation="!"):
    return greeting + ", " + name + punctuation


def no_return():
    pass


def early(x):
    for i in range(x):
        if i == 3:
            return i * 100
    return -1


def keywords(a, b, *rest, scale=1, **options):
    return (a + b) * scale, rest, options


def default_once(item, bucket=[]):
    bucket.append(item)
    return bucket


def shadow(x):
    total = 0
    for i in range(x):
        total = total + i
    return total


bump()
bump(5)
bump(by=10)
print(counter)
print(describe("World"), describe("pvm", "Hi"), describe("you", punctuation="?"))
print(no_return(), early(10), early(2))
print(keywords(1, 2), keywords(1, 2, 3, 4, scale=10, mode="x"))
print(default_once(1), default_once(2), default_once(3, []))
print(shadow(100), describe.__name__)
print(sorted([5, 2, 8, 1], key=lambda v: -v), max(["aa", "b", "cccc"], key=len))
print(min([3, 1, 2], key=lambda v: (v % 2, v)), sorted(["b", "A", "c"], key=str.lower))


def apply(f, *values):
    return list(map_like(f, values))


def map_like(f, values):
    out = []
    for v in values:
        out.append(f(v))
    return out


print(apply(abs, -1, 2, -3), apply(lambda s: s.upper(), "a", "b"))
