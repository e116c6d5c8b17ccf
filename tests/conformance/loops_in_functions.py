# Functions whose body ends in a loop fall off the end and return None.
def countdown(n):
    while n > 0:
        n -= 1


def scan(items):
    for item in items:
        if item:
            pass


def nested(limit):
    total = 0
    for i in range(limit):
        j = 0
        while j < i:
            j += 1
            if j == 3:
                break
            total += j
        else:
            total += 100
    return total


print(countdown(5), scan([0, 1]), nested(6))


def deep(n):
    if n == 0:
        return 0
    return 1 + deep(n - 1)


print(deep(900))
print("a", "b", sep="")
print("x", end="")
print("y", 1, None, sep=" | ", end="!\n")
print()
