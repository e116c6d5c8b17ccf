# Runs every opcode pvm's compiler emits, each in the ways its body can go
# on: falling through and jumping, builtins called in the frame as well as
# Python functions. cli/tests/opcode_coverage.rs checks that this reaches
# every opcode under the stack-effect check on every backend.
from math import *
import math
from math import floor as round_down

print("names", floor(pi), round_down(2.5), math.sqrt(16))

counter = 0
scratch = 1
del scratch


def bump_global():
    global counter, temporary
    counter = counter + 1
    temporary = counter
    del temporary
    return counter


def locals_and_operators(a, b):
    pass
    c = a + b
    c -= 1
    d = -a, +b, ~a, not a
    e = a is None, a is not None, a in [1, 2], a not in (3,)
    spare = c
    del spare
    chained = 0 <= a < b <= 10
    text_order = "x" < "y", "y" > "z"
    flag = a < b
    either = a or b
    both = a and b
    nothing = 0 and b
    other = 0 or b
    return c, d, e, chained, text_order, flag, either, both, nothing, other


print("locals", locals_and_operators(3, 4))


def branches(values):
    seen = []
    for v in values:
        if v:
            seen.append("true")
        else:
            seen.append("false")
        if not v:
            seen.append("not")
        if v > 1:
            seen.append("big")
        if v == 0 or v == 2:
            seen.append("0|2")
        while v > 0:
            v = v - 1
    return seen


print("branches", branches([0, 1, 2]))


def containers():
    items = [1, 2, 3, 4, 5]
    items[0] = 10
    del items[1]
    part = items[1:3], items[::2], items[-1]
    table = {"a": 1, "b": 2}
    table["c"] = 3
    del table["a"]
    bag = {3, 1, 2}
    first, second, *rest = items
    *head, last = items
    x, y = y_x = (1, 2)
    merged = [*items, *bag]
    spread = {**table, "d": 4}
    joined = {*items, *bag}
    squares = [n * n for n in items if n % 2]
    lookup = {n: n + 1 for n in items}
    unique = {n % 3 for n in items}
    pairs = tuple(sorted(unique))
    return (items, part, sorted(table.items()), sorted(bag), first, second, rest,
            head, last, x, y, y_x, sorted(merged), sorted(spread.items()),
            sorted(joined), squares, sorted(lookup.items()), pairs)


print("containers", containers())


def calls():
    def keyword_only(a, b=2, *more, c=3, **extra):
        return a + b + c + len(more) + len(extra)

    numbers = [3, 1, 2]
    args = (5, 9)
    options = {"c": 10}
    results = [
        len(numbers),
        sorted(numbers, reverse=True),
        max(*numbers),
        dict(a=1, **options),
        keyword_only(1),
        keyword_only(1, 2, 3, 4, c=5, d=6),
        keyword_only(*args, **options),
        "-".join(str(n) for n in numbers),
        numbers.index(2),
        print("printed", *numbers, sep="/"),
    ]
    numbers.append(4)
    return results, numbers


print("calls", calls())


def closures():
    shared = 1

    def inner():
        nonlocal shared
        shared = shared + 1
        return shared

    def reader():
        return shared

    inner()
    return inner(), reader()


print("closures", closures())


class Point:
    kind = "point"
    label = kind.upper()

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm(self):
        return self.x * self.x + self.y * self.y

    def __eq__(self, other):
        return self.x == other.x

    def __hash__(self):
        return self.x


def objects():
    p = Point(3, 4)
    p.z = 5
    del p.z
    q = Point(3, 0)
    table = {p: "p"}
    table[q] = "q"
    seen = {p, q}
    return p.norm(), p == q, len(table), len(seen), Point.label, hasattr(p, "z")


print("objects", objects())


def formatting(value):
    return f"{value}|{value!r}|{value:>6}|{value!s:^7}|{value:{'<'}5}|"


print("formatting", formatting("ab"), formatting(42))


def countdown(n):
    while n > 0:
        received = yield n
        n -= 1 if received is None else received
    return "done"


def relay(n):
    outcome = yield from countdown(n)
    yield outcome


async def leaf():
    return 7


async def waiter():
    return await leaf() + 1


def generators():
    gen = countdown(5)
    first = next(gen)
    second = gen.send(2)
    rest = list(gen)
    coroutine = waiter()
    try:
        coroutine.send(None)
    except StopIteration as stop:
        awaited = stop.value
    return first, second, rest, list(relay(3)), awaited


print("generators", generators())


class Quiet:
    def __enter__(self):
        return "entered"

    def __exit__(self, kind, value, traceback):
        return kind is KeyError


def exceptions():
    log = []
    try:
        raise ValueError("one")
    except KeyError:
        log.append("wrong")
    except ValueError as error:
        log.append(str(error))
    try:
        try:
            raise TypeError("inner")
        except TypeError:
            raise
    except TypeError as error:
        log.append("reraised " + str(error))
    try:
        try:
            {}["missing"]
        finally:
            log.append("finally")
    except KeyError:
        log.append("key")
    try:
        raise RuntimeError("outer") from ValueError("cause")
    except RuntimeError as error:
        log.append(type(error.__cause__).__name__)
    try:
        raise IndexError
    except (IndexError, KeyError):
        log.append("class")
    with Quiet() as entered:
        log.append(entered)
    with Quiet():
        raise KeyError("swallowed")
    try:
        with Quiet():
            raise ValueError("kept")
    except ValueError as error:
        log.append(str(error))
    return log


print("exceptions", exceptions())

total = 0
for i in range(3):
    total += bump_global()
print("module", total, counter)

# PRINT_EXPR: an expression statement of 'single' code shows its value.
exec(compile("6 * 7", "<single>", "single"))

# The match opcodes: MATCH_SEQUENCE, GET_LEN, MATCH_MAPPING, MATCH_KEYS,
# COPY_DICT_WITHOUT_KEYS and MATCH_CLASS, each both matching and not.
class Spot:
    __match_args__ = ("x",)
    def __init__(self, x):
        self.x = x

for subject in [[1, 2], {"k": 1, "extra": 2}, Spot(3), "neither"]:
    match subject:
        case [a, b]:
            print("sequence", a, b)
        case {"k": k, **others}:
            print("mapping", k, others)
        case Spot(x):
            print("class", x)
        case _:
            print("none of them")
