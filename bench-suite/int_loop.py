"""A tight integer arithmetic loop: measures dispatch and int arithmetic."""


def loop(n):
    total = 0
    i = 0
    while i < n:
        total = (total + i * 3) % 1000003
        i += 1
    return total


def bench():
    return loop(1000000)


if __name__ == "__main__":
    print(bench())
