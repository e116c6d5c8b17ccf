"""Programs near the compile-time checks that CPython accepts."""
from __future__ import annotations
from __future__ import generator_stop, barry_as_FLUFL


def counter():
    count = 0

    def middle():
        def bump():
            nonlocal count  # found two functions out
            count += 1
            return count

        return bump

    return middle()


bump = counter()
bump()
print(bump())


class Base:
    def name(self):
        return "Base"


class Child(Base):
    def name(self):
        nonlocal __class__  # the implicit class cell
        return "Child of " + super().name()


print(Child().name())


def last_square(values):
    squares = [(last := v * v) for v in values]  # binds in the function
    return squares, last


print(last_square([1, 2, 3]))
print([y for x in [[1, 2], [3]] for y in x if (z := y) > 1], z)


def first_iterable_may_yield():
    return [x * 2 for x in (yield)]


gen = first_iterable_may_yield()
next(gen)
try:
    gen.send([1, 2])
except StopIteration as stop:
    print(stop.value)


async def not_run(items):
    return [await item for item in items]


def also_not_run(items):
    return (await item for item in items)


print(__debug__, not_run.__name__, also_not_run.__name__)
x = Base()
try:
    del x.__debug__  # deleting an attribute of that name compiles
except AttributeError as error:
    print(error)
print("done")
