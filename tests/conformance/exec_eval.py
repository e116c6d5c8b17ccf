x = 10
print(eval("x + 1"), eval("  x * 2\n"), eval(b"3 ** 2"), eval("[i * i for i in range(4)]"))
print(eval("y + 1", {"y": 1}), eval("y + z", {"y": 1}, {"z": 2}), eval("x", None, {"x": 5}))
exec("w = x + 5")
print(w)
g = {}
exec("a = 1\ndef f():\n    return a + 1\nb = f()", g)
print(sorted(k for k in g if k != "__builtins__"), g["b"], "__builtins__" in g)
loc = {}
exec("c = 3\nd = c * 2", {}, loc)
print(loc)
code = compile("1 + 2", "<expr>", "eval")
print(type(code).__name__, eval(code), exec(code))
code = compile("for i in range(3):\n    total = total + i\n", "<loop>", "exec")
ns = {"total": 0}
exec(code, ns)
print(ns["total"])
single = compile("1 + 1", "<single>", "single")
exec(single)
exec(compile("None", "<s>", "single"))
exec(compile("x; 'two'", "<s>", "single"))
exec(compile("if x:\n    x * 3\n", "<s>", "single"))
print(_)

def function_scope():
    v = 7
    print(eval("v * 6"), eval("locals()")["v"])
    exec("v = 100")
    print(v)
    scope = {"v": v}
    exec("u = v + 1", globals(), scope)
    return scope["u"]
print(function_scope())

class K:
    exec("made_in_class = 1")
    m = eval("made_in_class + 1")
print(K.made_in_class, K.m)

def make_adder(n):
    return eval("lambda value: value + n", {"n": n})
print(make_adder(3)(4))

mod = __import__("math")
print(mod.sqrt(16.0), __import__("collections", fromlist=["deque"]).deque([1]))
print(__import__("collections.abc").__name__, __import__("collections.abc", fromlist=["Sized"]).__name__)
print(__import__("collections.abc", globals(), locals(), ["Sized"], 0).Sized)

errors = [
    lambda: exec("def f(:"),
    lambda: eval("x = 1"),
    lambda: eval("1 +"),
    lambda: compile("a=1\nb=2", "<s>", "single"),
    lambda: compile("if 1:\n  3\nx=1", "<s>", "single"),
    lambda: compile(" 1", "<s>", "eval"),
    lambda: exec("return 1"),
    lambda: exec(1),
    lambda: eval(1),
    lambda: exec("x=1", []),
    lambda: eval("x", []),
    lambda: eval("1", {}, 1),
    lambda: compile("x", "f", "bad"),
    lambda: compile(1, "f", "exec"),
    lambda: compile("x", 1, "exec"),
    lambda: eval("\0"),
    lambda: __import__(),
    lambda: __import__(1),
    lambda: __import__(""),
    lambda: __import__("os", level=-1),
    lambda: __import__("nosuch_module_here"),
    lambda: eval(),
    lambda: exec(),
    lambda: compile("1", "f"),
    lambda: compile("x", "f", "exec", flags=1 << 30),
    lambda: eval("undefined_name"),
    lambda: exec("raise ValueError('inside')"),
]
for bad in errors:
    try:
        print(bad())
    except SyntaxError as e:
        print(type(e).__name__, e, e.args[1:] and (e.filename, e.lineno, e.offset))
    except Exception as e:
        print(type(e).__name__, e)
try:
    exec("def g(:\n  pass")
except SyntaxError as e:
    print(e.msg, e.text, e.args[0])
exec("print('printed from exec')")
exec("import math as m2\nprint(m2.floor(2.5))")
exec("raise KeyError('last')")
