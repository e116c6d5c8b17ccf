"""Generator pipeline: numbers flow through a chain of generators.

Generator creation, `yield`, `yield from`, generator expressions and
`sum`/`any` over them: the cost of suspending and resuming frames.
"""


def numbers(limit):
    n = 0
    while n < limit:
        yield n
        n += 1


def evens(source):
    for n in source:
        if n % 2 == 0:
            yield n


def squares(source):
    for n in source:
        yield n * n


def windows(source, size):
    window = []
    for item in source:
        window.append(item)
        if len(window) == size:
            yield tuple(window)
            window.pop(0)


def chained(limit):
    yield from squares(evens(numbers(limit)))


def bench():
    total = sum(chained(500000))
    total += sum(a + b + c for a, b, c in windows(numbers(125000), 3))
    total += sum(1 for n in numbers(250000) if n % 7 == 3)
    return total


if __name__ == "__main__":
    print(bench())
