"""Generates a random, deterministic Python program from a seed, for the
differential fuzzer (tests/fuzz/run.py): `python3.11 generate.py SEED`
prints it.

The same seed always gives the same program, and the program prints the
same thing on every run of CPython 3.11: it never prints a set of strings
unsorted (string hashes are randomised per process), id(), hash() of a
string, times or addresses. Every expression is typed (int, float, str,
bool, list, tuple, dict, set of ints), so most operations are meaningful;
the rest raise, and each block catches and prints the exception's type and
message, so messages are compared too. A program may end with an uncaught
exception, which compares exit status and the traceback's last line.

This module does not run anything and knows nothing of pvm; it only writes
source text. Features are families that `--without FAMILY` leaves out
(FAMILIES lists them), so a family with a known pvm bug can be excluded
from a batch by name.
"""

import random
import sys

FAMILIES = [
    "bigint",
    "float",
    "special_float",
    "unicode",
    "containers",
    "loops",
    "functions",
    "closures",
    "classes",
    "exceptions",
    "generators",
    "fstrings",
    "uncaught",
    # narrower families, each one construct pvm was found to get wrong
    # (the README's fuzzing section lists the bugs)
    "float_is_integer",
    "unicode_case",
    "percent_format",
    "set_display",
]

UNICODE_WORDS = ["héllo", "Ωμέγα", "日本語", "naïve", "ß", "😀x", "Ǆ", "İ", "ﬁ", "Σς"]
ASCII_WORDS = ["", "a", "ab", "spam", "Hello World", "x y z", "42", "-7", "  pad  ", "a,b,c"]


class Generator:
    def __init__(self, seed, without=()):
        self.rng = random.Random(seed)
        self.enabled = {f for f in FAMILIES if f not in without}
        self.lines = []
        self.indent = 0
        self.counter = 0
        # name -> type, per scope (a list of dicts, innermost last)
        self.scopes = [{}]
        self.functions = []  # (name, [param types], return type)
        self.classes = []  # class names with int field `v` and method `get`, `bump`
        self.generators = []  # generator function names taking one int
        self.depth = 0
        self.in_function = False

    # --- helpers ---------------------------------------------------------

    def on(self, family):
        return family in self.enabled

    def chance(self, p):
        return self.rng.random() < p

    def fresh(self, prefix):
        self.counter += 1
        return f"{prefix}{self.counter}"

    def emit(self, text):
        self.lines.append("    " * self.indent + text)

    def vars_of(self, typ):
        names = []
        for scope in self.scopes:
            names.extend(n for n, t in scope.items() if t == typ)
        return names

    def bind(self, name, typ):
        self.scopes[-1][name] = typ

    def assignable(self, typ):
        """Names of this type an assignment may rebind: inside a function,
        only its own (rebinding a global there would make it local)."""
        scopes = self.scopes[1:] if self.in_function else self.scopes
        return [n for scope in scopes for n, t in scope.items() if t == typ]

    # --- literals --------------------------------------------------------

    def int_literal(self):
        r = self.rng.random()
        if r < 0.5:
            v = self.rng.randint(-10, 10)
        elif r < 0.7:
            v = self.rng.randint(-1000, 1000)
        elif r < 0.85 or not self.on("bigint"):
            v = self.rng.choice([2**31 - 1, 2**31, -(2**31), 2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**62, 2**32 + 1])
        else:
            v = self.rng.choice([1, -1]) * self.rng.randint(2**64, 2**200)
        return f"({v})" if v < 0 else str(v)

    def float_literal(self):
        r = self.rng.random()
        if self.on("special_float") and r < 0.2:
            return self.rng.choice(["-0.0", "float('inf')", "float('-inf')", "float('nan')", "1e308", "5e-324", "-1e-310"])
        v = self.rng.choice([0.5, 1.5, -2.25, 3.0, 0.1, 1e16, 1e-7, 123.456, -0.0, 2.5, 1 / 3])
        s = repr(v)
        return f"({s})" if s.startswith("-") else s

    def str_literal(self):
        if self.on("unicode") and self.chance(0.4):
            s = self.rng.choice(UNICODE_WORDS)
        else:
            s = self.rng.choice(ASCII_WORDS)
        return repr(s)

    # --- typed expressions -----------------------------------------------

    def expr(self, typ, depth=0):
        method = getattr(self, "expr_" + typ)
        return method(depth)

    def leaf(self, typ, literal):
        names = self.vars_of(typ)
        if names and self.chance(0.6):
            return self.rng.choice(names)
        return literal()

    def expr_int(self, d=0):
        if d > 2 or self.chance(0.35):
            return self.leaf("int", self.int_literal)
        r = self.rng.randrange(15)
        a = lambda: self.expr_int(d + 1)
        if r < 5:
            op = self.rng.choice(["+", "-", "*", "//", "%", "&", "|", "^", "+", "-", "*"])
            return f"({a()} {op} {a()})"
        if r == 5:
            # a literal base: in a loop, `v = v ** 5` would outgrow any time limit
            return f"({self.int_literal()} ** {self.rng.randint(0, 5)})"
        if r == 6:
            return f"({a()} {self.rng.choice(['<<', '>>'])} {self.rng.randint(0, 70)})"
        if r == 7:
            return f"{self.rng.choice(['-', '~', '+'])}{a()}"
        if r == 8:
            return f"len({self.expr(self.rng.choice(['str', 'list_int', 'tuple', 'dict']), d + 1)})"
        if r == 9:
            return f"{self.rng.choice(['min', 'max'])}({a()}, {a()})"
        if r == 10:
            return f"abs({a()})"
        if r == 11 and self.on("float"):
            return f"int({self.expr_float(d + 1)})"
        if r == 12:
            return f"sum({self.expr_list_int(d + 1)})"
        if r == 13:
            return f"({a()} if {self.expr_bool(d + 1)} else {a()})"
        if r == 14 and self.functions:
            return self.call_function("int", d)
        return self.leaf("int", self.int_literal)

    def expr_float(self, d=0):
        if not self.on("float"):
            return f"({self.expr_int(d)} / 4)"
        if d > 2 or self.chance(0.35):
            return self.leaf("float", self.float_literal)
        r = self.rng.randrange(7)
        a = lambda: self.expr_float(d + 1)
        if r < 3:
            op = self.rng.choice(["+", "-", "*", "/", "//", "%"])
            return f"({a()} {op} {a()})"
        if r == 3:
            return f"float({self.expr_int(d + 1)})"
        if r == 4:
            return f"({self.expr_int(d + 1)} {self.rng.choice(['+', '*', '/', '-'])} {a()})"
        if r == 5:
            return f"{self.rng.choice(['-', 'abs'])}({a()})"
        return f"round({a()}, {self.rng.randint(-1, 4)})"

    def expr_str(self, d=0):
        if d > 2 or self.chance(0.35):
            return self.leaf("str", self.str_literal)
        r = self.rng.randrange(12)
        a = lambda: self.expr_str(d + 1)
        if r < 2:
            return f"({a()} + {a()})"
        if r == 2:
            return f"({a()} * {self.rng.randint(-1, 3)})"
        if r == 3:
            lo, hi = self.rng.randint(-4, 4), self.rng.randint(-4, 6)
            step = self.rng.choice(["", ":-1", ":2", ":-2"])
            return f"{a()}[{lo}:{hi}{step}]"
        if r == 4:
            methods = ["upper", "lower", "strip", "swapcase"]
            if self.on("unicode_case"):
                methods += ["title", "capitalize", "casefold"]
            m = self.rng.choice(methods)
            return f"{a()}.{m}()"
        if r == 5:
            return f"str({self.expr_int(d + 1)})"
        if r == 6:
            return f"repr({self.expr(self.rng.choice(['float', 'str', 'list_int', 'tuple', 'dict', 'set_int']), d + 1)})"
        if r == 7:
            return f"{self.str_literal()}.join({self.expr_list_str(d + 1)})"
        if r == 8:
            return f"{a()}.replace({self.str_literal()}, {self.str_literal()})"
        if r == 9 and self.on("fstrings"):
            # 3.11 allows no quote of the f-string's own kind inside it:
            # its fields are names and literals without double quotes
            spec = self.rng.choice(["", "!r", ":>8", ":^7", ":<5"])
            ispec = self.rng.choice(["", ":x", ":+d", ":,", ":08b", ":_"])
            fspec = self.rng.choice(["", ":.3f", ":e", ":g", ":10.2f"] + ([":%"] if self.on("percent_format") else []))
            s = self.leaf("str", self.str_literal)
            i = self.leaf("int", self.int_literal)
            f = self.leaf("float", lambda: self.rng.choice(["0.5", "-2.25", "1e16", "(-0.0)", "123.456"]))
            return f'f"<{{{s}{spec}}}|{{{i}{ispec}}}|{{{f}{fspec}}}>"'
        if r == 10:
            return f"'%s-%r-%d' % ({a()}, {a()}, {self.expr_int(d + 1)})"
        return f"{a()}[{self.expr_int(d + 1)}]"

    def expr_bool(self, d=0):
        if d > 2 or self.chance(0.2):
            return self.leaf("bool", lambda: self.rng.choice(["True", "False"]))
        r = self.rng.randrange(7)
        if r < 3:
            t = self.rng.choice(["int", "int", "float", "str", "tuple"])
            op = self.rng.choice(["<", "<=", "==", "!=", ">", ">="])
            return f"({self.expr(t, d + 1)} {op} {self.expr(t, d + 1)})"
        if r == 3:
            return f"({self.expr_bool(d + 1)} {self.rng.choice(['and', 'or'])} {self.expr_bool(d + 1)})"
        if r == 4:
            return f"(not {self.expr_bool(d + 1)})"
        if r == 5:
            return f"({self.expr_int(d + 1)} in {self.expr(self.rng.choice(['list_int', 'set_int', 'tuple', 'dict']), d + 1)})"
        return f"bool({self.expr(self.rng.choice(['int', 'str', 'float', 'list_int']), d + 1)})"

    def expr_list_int(self, d=0):
        if d > 2 or self.chance(0.3):
            return self.leaf("list_int", lambda: "[" + ", ".join(self.int_literal() for _ in range(self.rng.randint(0, 4))) + "]")
        r = self.rng.randrange(8)
        if r < 2:
            return "[" + ", ".join(self.expr_int(d + 1) for _ in range(self.rng.randint(0, 4))) + "]"
        if r == 2:
            v = self.fresh("i")
            return f"[{v} * {self.expr_int(d + 2)} for {v} in range({self.rng.randint(0, 6)}) if {v} % {self.rng.randint(1, 3)}]"
        if r == 3:
            return f"sorted({self.expr_list_int(d + 1)}, reverse={self.rng.choice(['True', 'False'])})"
        if r == 4:
            return f"({self.expr_list_int(d + 1)} + {self.expr_list_int(d + 1)})"
        if r == 5:
            return f"{self.expr_list_int(d + 1)}[{self.rng.randint(-3, 3)}:{self.rng.choice(['', '-1', '5'])}]"
        if r == 6:
            return f"list(range({self.rng.randint(-3, 3)}, {self.rng.randint(-5, 8)}, {self.rng.choice([1, 2, -1, 3])}))"
        if r == 7 and self.on("containers"):
            return f"sorted({self.expr_set_int(d + 1)})"
        return "[]"

    def expr_list_str(self, d=0):
        if self.chance(0.5):
            return "[" + ", ".join(self.expr_str(d + 1) for _ in range(self.rng.randint(0, 3))) + "]"
        return f"{self.expr_str(d + 1)}.split({self.rng.choice(['', repr(','), repr(' ')])})"

    def expr_tuple(self, d=0):
        if d > 2 or self.chance(0.4):
            return self.leaf("tuple", lambda: "(" + "".join(self.int_literal() + ", " for _ in range(self.rng.randint(0, 3))) + ")")
        r = self.rng.randrange(3)
        if r == 0:
            return f"tuple({self.expr_list_int(d + 1)})"
        if r == 1:
            return "(" + "".join(self.expr(self.rng.choice(["int", "str", "float"]), d + 1) + ", " for _ in range(self.rng.randint(1, 3))) + ")"
        return f"({self.expr_tuple(d + 1)} + {self.expr_tuple(d + 1)})"

    def expr_dict(self, d=0):
        if not self.on("containers"):
            return "{}"
        if d > 2 or self.chance(0.4):
            return self.leaf("dict", lambda: "{" + ", ".join(f"{self.int_literal()}: {self.str_literal()}" for _ in range(self.rng.randint(0, 3))) + "}")
        r = self.rng.randrange(3)
        if r == 0:
            k = self.fresh("k")
            return f"{{{k}: {k} * {self.expr_int(d + 2)} for {k} in {self.expr_list_int(d + 1)}}}"
        if r == 1:
            return f"dict(zip({self.expr_list_str(d + 1)}, {self.expr_list_int(d + 1)}))"
        return f"{{**{self.expr_dict(d + 1)}, **{self.expr_dict(d + 1)}}}"

    def expr_set_int(self, d=0):
        if not self.on("containers"):
            return "set()"
        if d > 2 or self.chance(0.4):
            items = ", ".join(self.int_literal() for _ in range(self.rng.randint(1, 4)))
            return self.leaf("set_int", lambda: "{" + items + "}" if self.on("set_display") else "set([" + items + "])")
        op = self.rng.choice(["|", "&", "-", "^"])
        if self.chance(0.5):
            return f"({self.expr_set_int(d + 1)} {op} {self.expr_set_int(d + 1)})"
        return f"set({self.expr_list_int(d + 1)})"

    def call_function(self, typ, d):
        candidates = [f for f in self.functions if f[2] == typ]
        if not candidates:
            return self.leaf(typ, self.int_literal)
        name, params, _ = self.rng.choice(candidates)
        args = [self.expr(p, d + 1) for p in params]
        if args and self.chance(0.4):
            args = args[:-1]  # use the default
        return f"{name}({', '.join(args)})"

    # --- statements ------------------------------------------------------

    TYPES = ["int", "int", "int", "float", "str", "str", "bool", "list_int", "tuple", "dict", "set_int"]

    def any_type(self):
        return self.rng.choice(self.TYPES)

    def print_value(self, typ, expr):
        if typ == "set_int":
            # small ints hash to themselves: the order is the same in every
            # run, and checks pvm's set order against CPython's
            self.emit(f"print({expr})")
        elif typ == "float" and self.on("float_is_integer") and self.chance(0.3):
            self.emit(f"print(repr({expr}), {expr}.is_integer() if {expr} == {expr} and abs({expr}) != float('inf') else 'special')")
        else:
            self.emit(f"print({expr})")

    def stmt_assign(self):
        typ = self.any_type()
        names = self.assignable(typ)
        if names and self.chance(0.4):
            name = self.rng.choice(names)
        else:
            name = self.fresh("v")
        self.emit(f"{name} = {self.expr(typ)}")
        self.bind(name, typ)

    def stmt_augassign(self):
        typ = self.rng.choice(["int", "str", "list_int", "float"])
        names = self.assignable(typ)
        if not names:
            return self.stmt_assign()
        name = self.rng.choice(names)
        if typ == "int":
            op = self.rng.choice(["+=", "-=", "*=", "//=", "%=", "|=", "^=", "&="])
        elif typ == "float":
            op = self.rng.choice(["+=", "-=", "*=", "/="])
        else:
            op = "+="
        # growing by a literal only: `s += s` or `n *= n` in nested loops
        # grows exponentially
        if op in ("+=", "*=") and typ != "float" and not (typ == "int" and op == "+="):
            value = {"int": self.int_literal, "str": self.str_literal, "list_int": lambda: f"[{self.int_literal()}]"}[typ]()
        else:
            value = self.expr(typ)
        self.emit(f"{name} {op} {value}")

    def stmt_print(self):
        typ = self.any_type()
        self.print_value(typ, self.expr(typ))

    def stmt_mutate(self):
        names = self.vars_of("list_int")
        if names:
            n = self.rng.choice(names)
            m = self.rng.choice([f"append({self.expr_int(1)})", "pop()", "reverse()", "sort()", f"insert({self.rng.randint(-2, 2)}, {self.expr_int(1)})", f"extend({self.expr_list_int(1)})"])
            self.emit(f"{n}.{m}")
            return
        names = self.vars_of("dict")
        if names:
            n = self.rng.choice(names)
            self.emit(f"{n}[{self.expr_int(1)}] = {self.expr_str(1)}")
            return
        self.stmt_print()

    def block(self, body, n=None):
        """An indented block; names it binds are used only inside it (it
        may not run, or stop half-way)."""
        self.indent += 1
        self.scopes.append({})
        start = len(self.lines)
        for _ in range(n if n is not None else self.rng.randint(1, 3)):
            body()
        if len(self.lines) == start:
            self.emit("pass")
        self.scopes.pop()
        self.indent -= 1

    def simple(self):
        r = self.rng.randrange(10)
        if r < 3:
            self.stmt_assign()
        elif r < 5:
            self.stmt_augassign()
        elif r < 8:
            self.stmt_print()
        else:
            self.stmt_mutate()

    def stmt(self):
        self.depth += 1
        try:
            if self.depth > 3:
                return self.simple()
            r = self.rng.randrange(12)
            if r < 5:
                self.simple()
            elif r == 5:
                self.stmt_if()
            elif r == 6 and self.on("loops"):
                self.stmt_while()
            elif r == 7 and self.on("loops"):
                self.stmt_for()
            elif r == 8 and self.on("exceptions"):
                self.stmt_try()
            elif r == 9 and self.on("exceptions"):
                self.emit(f"raise {self.rng.choice(['ValueError', 'KeyError', 'RuntimeError', 'IndexError'])}({self.expr_str(1)})")
            elif r == 10 and self.on("exceptions"):
                self.emit(f"assert {self.expr_bool(1)}, {self.expr_str(1)}")
            else:
                self.simple()
        finally:
            self.depth -= 1

    def stmt_if(self):
        self.emit(f"if {self.expr_bool()}:")
        self.block(self.stmt)
        if self.chance(0.4):
            self.emit(f"elif {self.expr_bool()}:")
            self.block(self.stmt)
        if self.chance(0.5):
            self.emit("else:")
            self.block(self.stmt)

    def loop_body(self):
        if self.chance(0.15):
            self.emit(f"if {self.expr_bool(1)}:")
            self.block(lambda: self.emit(self.rng.choice(["break", "continue"])), 1)
        else:
            self.stmt()

    def stmt_while(self):
        c = self.fresh("n")
        self.emit(f"{c} = 0")
        self.emit(f"while {c} < {self.rng.randint(0, 6)}:")
        self.indent += 1
        self.emit(f"{c} += 1")
        self.indent -= 1
        self.block(self.loop_body)
        if self.chance(0.2):
            self.emit("else:")
            self.block(self.stmt_print, 1)

    def stmt_for(self):
        v = self.fresh("x")
        r = self.rng.randrange(5)
        if r == 0:
            self.emit(f"for {v} in range({self.rng.randint(-1, 7)}):")
            typ = "int"
        elif r == 1:
            # a tuple: the body may grow the list it came from
            self.emit(f"for {v} in tuple({self.expr_list_int(1)}):")
            typ = "int"
        elif r == 2:
            self.emit(f"for {v} in {self.expr_str(1)}:")
            typ = "str"
        elif r == 3 and self.on("containers"):
            k = self.fresh("key")
            self.emit(f"for {k}, {v} in {self.expr_dict(1)}.items():")
            self.bind(k, "int")
            typ = "str"
        else:
            i = self.fresh("idx")
            self.emit(f"for {i}, {v} in enumerate({self.expr_tuple(1)}):")
            self.bind(i, "int")
            typ = "unknown"
        self.bind(v, typ)
        self.block(self.loop_body)
        if self.chance(0.2):
            self.emit("else:")
            self.block(self.stmt_print, 1)

    def stmt_try(self):
        self.emit("try:")
        self.block(self.stmt)
        r = self.rng.randrange(4)
        if r < 3:
            e = self.fresh("e")
            kinds = self.rng.choice(["Exception", "(ValueError, TypeError)", "ArithmeticError", "LookupError", "ZeroDivisionError"])
            self.emit(f"except {kinds} as {e}:")
            self.block(lambda: self.emit(f"print('caught', type({e}).__name__, {e})"), 1)
        if r == 3 or self.chance(0.3):
            if r < 3 and self.chance(0.5):
                self.emit("else:")
                self.block(self.stmt_print, 1)
            self.emit("finally:")
            self.block(self.stmt_print, 1)

    # --- definitions -----------------------------------------------------

    def def_function(self):
        name = self.fresh("f")
        nparams = self.rng.randint(0, 3)
        params = [self.rng.choice(["int", "int", "str", "float", "list_int"]) for _ in range(nparams)]
        ret = self.rng.choice(["int", "int", "str"])
        pnames = [self.fresh("p") for _ in params]
        parts = list(pnames)
        if parts and self.chance(0.6):
            parts[-1] = f"{parts[-1]}={self.expr(params[-1], 2)}"
        self.emit(f"def {name}({', '.join(parts)}):")
        outer = self.scopes
        self.scopes = [self.scopes[0], dict(zip(pnames, params))]
        self.in_function = True
        self.indent += 1
        for _ in range(self.rng.randint(1, 3)):
            self.stmt()
        self.emit(f"return {self.expr(ret)}")
        self.indent -= 1
        self.in_function = False
        self.scopes = outer
        self.functions.append((name, params, ret))
        self.emit(f"print({name}.__name__, {self.call_function_named(name, params)})")

    def call_function_named(self, name, params):
        return f"{name}({', '.join(self.expr(p, 2) for p in params)})"

    def def_closure(self):
        maker = self.fresh("make")
        self.emit(f"def {maker}(start={self.int_literal()}):")
        self.indent += 1
        self.emit("total = start")
        self.emit("def step(by=1):")
        self.indent += 1
        self.emit("nonlocal total")
        self.emit(f"total {self.rng.choice(['+=', '-=', '*=', '^='])} by")
        self.emit("return total")
        self.indent -= 1
        self.emit("return step")
        self.indent -= 1
        c = self.fresh("counter")
        self.emit(f"{c} = {maker}({self.expr_int(1)})")
        for _ in range(self.rng.randint(1, 3)):
            self.emit(f"print({c}({self.expr_int(1) if self.chance(0.6) else ''}))")
        self.emit(f"print([{maker}(i)(i) for i in range({self.rng.randint(0, 4)})])")
        if self.chance(0.5):
            self.emit(f"print(list(map(lambda q: q * {self.expr_int(2)}, {self.expr_list_int(1)})))")

    def def_class(self):
        base = self.rng.choice(self.classes) if self.classes and self.chance(0.4) else None
        name = self.fresh("C")
        self.emit(f"class {name}{'(' + base + ')' if base else ''}:")
        self.indent += 1
        self.emit(f"kind = {self.str_literal()}")
        self.emit(f"def __init__(self, v={self.int_literal()}):")
        self.indent += 1
        if base:
            self.emit("super().__init__(v)")
        self.emit("self.v = v")
        self.emit(f"self.items = {self.expr_list_int(2)}")
        self.indent -= 1
        self.emit("def get(self):")
        self.indent += 1
        self.emit(f"return self.v {self.rng.choice(['+', '-', '*', '^'])} len(self.items)")
        self.indent -= 1
        self.emit(f"def bump(self, by={self.int_literal()}):")
        self.indent += 1
        self.emit("self.v += by")
        self.emit("return self")
        self.indent -= 1
        if self.chance(0.6):
            self.emit("def __repr__(self):")
            self.indent += 1
            self.emit(f"return f'{name}({{self.v!r}}, {{self.kind}})'")
            self.indent -= 1
        if self.chance(0.5):
            self.emit("def __eq__(self, other):")
            self.indent += 1
            self.emit("return isinstance(other, type(self)) and self.v == other.v")
            self.indent -= 1
            self.emit("__hash__ = None")
        if self.chance(0.4):
            self.emit("def __add__(self, other):")
            self.indent += 1
            self.emit(f"return {name}(self.v + (other.v if isinstance(other, {name}) else other))")
            self.indent -= 1
        if self.chance(0.3):
            self.emit("@property")
            self.emit("def double(self):")
            self.indent += 1
            self.emit("return self.v * 2")
            self.indent -= 1
        self.indent -= 1
        self.classes.append(name)
        o = self.fresh("obj")
        self.emit(f"{o} = {name}({self.expr_int(1)})")
        self.emit(f"print({o}.get(), {o}.bump({self.expr_int(1)}).v, {o}.kind, type({o}).__name__, isinstance({o}, {base or 'object'}))")
        if self.chance(0.5):
            self.emit(f"print({o} == {name}({self.expr_int(1)}), [x.get() for x in [{o}, {name}()]])")
        self.emit(f"print(hasattr({o}, 'double') and {o}.double, getattr({o}, 'missing', None))")

    def def_generator(self):
        name = self.fresh("gen")
        self.emit(f"def {name}(limit):")
        self.indent += 1
        r = self.rng.randrange(3)
        if r == 0:
            self.emit("i = 0")
            self.emit("while i < limit:")
            self.indent += 1
            self.emit(f"yield i * {self.expr_int(2)}")
            self.emit("i += 1")
            self.indent -= 1
        elif r == 1:
            self.emit(f"for ch in {self.expr_str(2)}[:limit]:")
            self.indent += 1
            self.emit("yield ch")
            self.indent -= 1
            self.emit("yield from range(limit)")
        else:
            self.emit("try:")
            self.indent += 1
            self.emit("for j in range(limit):")
            self.indent += 1
            self.emit(f"yield j ** 2 // {self.rng.randint(1, 3)}")
            self.indent -= 2
            self.emit("finally:")
            self.indent += 1
            self.emit(f"print('gen finally', limit)")
            self.indent -= 1
        self.emit(f"return {self.str_literal()}")
        self.indent -= 1
        lim = self.rng.randint(0, 5)
        self.emit(f"print(list({name}({lim})))")
        g = self.fresh("g")
        self.emit(f"{g} = {name}({lim})")
        self.emit(f"print(next({g}, 'empty'), sum(1 for _ in {g}))")
        self.emit(f"print([v for v in {name}({self.rng.randint(0, 4)}) if v], tuple({name}(2)))")

    # --- the program -----------------------------------------------------

    def top_block(self):
        """One independent block, inside its own try so one error does not
        hide the rest of the program."""
        kinds = ["stmts"] * 4
        for family, kind in [("functions", "function"), ("closures", "closure"), ("classes", "class"), ("generators", "generator")]:
            if self.on(family):
                kinds.append(kind)
        kind = self.rng.choice(kinds)
        self.emit(f"# block {self.counter}: {kind}")
        self.emit("try:")
        self.indent += 1
        self.scopes.append({})
        start = len(self.lines)
        if kind == "function":
            self.def_function()
        elif kind == "closure":
            self.def_closure()
        elif kind == "class":
            self.def_class()
        elif kind == "generator":
            self.def_generator()
        else:
            for _ in range(self.rng.randint(1, 4)):
                self.stmt()
        if len(self.lines) == start:
            self.emit("pass")
        self.scopes.pop()
        self.indent -= 1
        self.emit("except Exception as error:")
        self.emit("    print('error', type(error).__name__, error)")

    def program(self):
        self.emit("# generated by tests/fuzz/generate.py")
        # names every block may read: literals, which cannot fail
        for typ, literal in [("int", self.int_literal), ("int", self.int_literal), ("float", self.float_literal), ("str", self.str_literal), ("str", self.str_literal)]:
            name = self.fresh("g")
            self.emit(f"{name} = {literal()}")
            self.bind(name, typ)
        name = self.fresh("g")
        self.emit(f"{name} = [{', '.join(self.int_literal() for _ in range(3))}]")
        self.bind(name, "list_int")
        for _ in range(self.rng.randint(3, 9)):
            self.top_block()
        if self.on("uncaught") and self.chance(0.15):
            self.emit(f"print({self.int_literal()} // {self.rng.choice(['0', '1'])})")
            self.emit(f"raise {self.rng.choice(['ValueError', 'KeyError', 'RuntimeError'])}({self.expr_str(1)})")
        self.emit("print('done')")
        return "\n".join(self.lines) + "\n"


def generate(seed, without=()):
    return Generator(seed, without).program()


def main(argv):
    without = []
    args = []
    i = 0
    while i < len(argv):
        if argv[i] == "--without":
            without.extend(argv[i + 1].split(","))
            i += 2
        else:
            args.append(argv[i])
            i += 1
    unknown = [f for f in without if f not in FAMILIES]
    if len(args) != 1 or unknown:
        sys.exit(f"usage: generate.py [--without FAMILY,...] SEED  (families: {', '.join(FAMILIES)})")
    sys.stdout.write(generate(int(args[0]), without))


if __name__ == "__main__":
    main(sys.argv[1:])
