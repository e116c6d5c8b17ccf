def counter(start):
    count = start
    def increment(step=1):
        nonlocal count
        count += step
        return count
    return increment

c = counter(10)
print(c(), c(5), c())

def outer(x):
    def middle():
        def inner():
            return x * 2
        return inner()
    return middle()
print(outer(21))

def make_adders():
    adders = []
    for i in range(3):
        adders.append(lambda v, i=i: v + i)
    return adders
print([f(10) for f in make_adders()])
def late():
    def get():
        return value
    try_it = get
    value = 5
    return try_it()
print(late())
def broken():
    def get():
        return not_assigned_yet
    g = get()
    not_assigned_yet = 1


def accumulate():
    total = 0
    history = []

    def add(amount):
        nonlocal total
        total += amount
        history.append(total)
        return total

    def report():
        return total, list(history)

    return add, report


add, report = accumulate()
for amount in (3, 4, 5):
    add(amount)
print(report())
print(counter.__name__, c.__qualname__)
broken()
