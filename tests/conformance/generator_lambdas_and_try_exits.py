"""A lambda with `yield` is a generator; break and return inside a try body
with handlers leave it cleanly."""
g = (lambda: (yield 1))()
print(type(g).__name__, next(g))
print(list((lambda: (yield 5))()))
f = lambda: (yield from [1, 2])
print(list(f()))
for i in range(3):
    try:
        if i == 1:
            break
    except ValueError:
        pass
print(i)
def r():
    for i in range(3):
        try:
            return i
        except ValueError:
            pass
print(r())
