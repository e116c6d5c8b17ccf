# '*' with a sequence and a non-int says CPython's "can't multiply sequence"
# message, whichever side the sequence is on, in place too.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
show(lambda: "ab" * 1.5)
show(lambda: 1.5 * "ab")
show(lambda: [1] * 1.5)
show(lambda: (1,) * "x")
show(lambda: "x" * "y")
show(lambda: [1] * None)
show(lambda: None * [1])
show(lambda: b"a" * 2.0)
show(lambda: "ab" * [1])
show(lambda: [1] * [1])
show(lambda: "ab" + 1)
show(lambda: 1 + "ab")
show(lambda: [1] + (1,))
x = [1]
def f():
    global x
    x *= 1.5
show(f)
s = "ab"
def g():
    global s
    s *= 2.5
show(g)
show(lambda: "ab" * True)
show(lambda: "ab" * (2**70))
show(lambda: "ab" * -(2**70))
