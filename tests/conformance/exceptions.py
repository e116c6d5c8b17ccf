def f():
    try:
        return 1/0
    finally:
        print("cleanup")
try:
    f()
except ZeroDivisionError as e:
    print("caught", e, e.args)
try:
    int("x")
except (TypeError, ValueError) as e:
    print("tuple", type(e).__name__)
def g():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
            print("body", i)
        finally:
            print("finally", i)
    return "done"
print(g())
try:
    raise KeyError("k") from ValueError("v")
except KeyError as e:
    print(repr(e), repr(e.__cause__))
assert 1 == 1, "fine"
try:
    assert 1 == 2, "bad"
except AssertionError as e:
    print("assert", e)
try:
    raise ValueError
except ValueError as e:
    print(repr(e))
def h():
    try:
        return "try"
    finally:
        return "finally"
print(h())
try:
    try:
        1/0
    except ZeroDivisionError:
        undefined
except NameError as e:
    print(type(e.__context__).__name__)
raise RuntimeError("boom") from None
