# Recursion that goes through builtins (map, sorted's key, yield from,
# __eq__, __hash__, repr) stops at the recursion limit with CPython's
# message, on every backend. (Through __init__ CPython also counts the
# call of the class, whose message then depends on the depth it started
# at; bad_input.rs checks that case, at a limit too high for the stack.)


def attempt(label, run):
    try:
        run()
    except RecursionError as error:
        print(label, error)


def through_map(x):
    return list(map(through_map, [x]))


def through_sorted(x):
    return sorted([x, x], key=through_sorted)


def chain():
    yield from chain()


class Equal:
    def __eq__(self, other):
        return Equal() == other


class Hashed:
    def __hash__(self):
        return hash(Hashed())


attempt("map", lambda: through_map(1))
attempt("sorted", lambda: through_sorted(1))
attempt("yield from", lambda: next(chain()))
attempt("__eq__", lambda: Equal() == 1)
attempt("__hash__", lambda: hash(Hashed()))
nested = []
for _ in range(100000):
    nested = [nested]
attempt("repr", lambda: repr(nested))
print("still running")
