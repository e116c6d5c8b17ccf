import sys, io

def run(source, globs):
    exec(compile(source, "<doctest>", "single"), globs)

globs = {}
run("1 + 2\n", globs)
run("x = 5\n", globs)
run("x * 2\n", globs)
run("'text'\n", globs)
run("None\n", globs)
run("[x, x]\n", globs)
run("for i in range(2):\n    i * 10\n\n", globs)
run("def f():\n    return 42\n", globs)
run("f()\n", globs)
run("x; x + 1\n", globs)
print(sorted(k for k in globs if k != "__builtins__"))

buffer = io.StringIO()
saved = sys.stdout
sys.stdout = buffer
run("3 * 3\n", {})
run("{'a': 1}\n", {})
sys.stdout = saved
print(repr(buffer.getvalue()))

shown = []
sys.displayhook = shown.append
run("7\n", {})
run("None\n", {})
sys.displayhook = sys.__displayhook__
print(shown)
sys.displayhook(99)
print(_)
sys.displayhook(None)
print(_)
try:
    run("1/0\n", {})
except ZeroDivisionError as e:
    print("raised", e)
