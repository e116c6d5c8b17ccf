from collections import namedtuple, OrderedDict, defaultdict, deque
from dataclasses import dataclass

def describe(subject):
    match subject:
        case None:
            return "none"
        case True:
            return "true"
        case 0 | 1 | 2:
            return f"small {subject}"
        case int(n) if n < 0:
            return f"negative {n}"
        case int() | float() as number:
            return f"number {number}"
        case "hello" | "hi":
            return "greeting"
        case str(text):
            return f"text {text!r}"
        case []:
            return "empty list"
        case [x]:
            return f"one {x}"
        case [x, y]:
            return f"pair {x} {y}"
        case [first, *middle, last]:
            return f"long {first} {middle} {last}"
        case {"action": "move", "to": [x, y]}:
            return f"move to {x},{y}"
        case {"action": action, **rest}:
            return f"action {action} {rest}"
        case {}:
            return "some mapping"
        case _:
            return f"other {type(subject).__name__}"

for value in [None, True, False, 0, 2, -5, 7, 2.5, "hi", "abc", [], [1], (1, 2), [1, 2, 3, 4],
              {"action": "move", "to": (3, 4)}, {"action": "jump", "height": 2, "speed": 1},
              {"x": 1}, {}, range(2), deque([1, 2, 3]), b"bytes", {1, 2}, "", (), ((1, 2),)]:
    print(repr(value), "->", describe(value))

class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y

@dataclass
class Circle:
    center: Point
    radius: float

Pair = namedtuple("Pair", "left right")

def shape(s):
    match s:
        case Point(0, 0):
            return "origin"
        case Point(x, 0) | Point(0, x):
            return f"on an axis at {x}"
        case Point(x=px, y=py) if px == py:
            return f"diagonal {px}"
        case Point(x, y):
            return f"point {x} {y}"
        case Circle(Point(x, y), radius=r):
            return f"circle at {x},{y} r={r}"
        case Pair(left, right=[*items]):
            return f"pair {left} with {items}"
        case Pair(l, r):
            return f"pair {l} {r}"
        case _:
            return "unknown"

for s in [Point(0, 0), Point(3, 0), Point(0, 4), Point(2, 2), Point(1, 5), Circle(Point(1, 2), 3.5),
          Pair(1, [2, 3]), Pair("a", "b"), 42]:
    print(shape(s))

def nested(command):
    match command.split():
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return f"going {direction}"
        case ["drop", *objects] if objects:
            return f"dropping {', '.join(objects)}"
        case ["quit" | "exit"]:
            return "bye"
        case [verb, *_]:
            return f"unknown verb {verb}"
        case _:
            return "nothing"

for c in ["go north", "go up", "drop a b", "drop", "quit", "exit", "dance now", ""]:
    print(repr(c), nested(c))

class Color:
    RED = 1
    GREEN = 2

def color(c):
    match c:
        case Color.RED:
            return "red"
        case Color.GREEN:
            return "green"
    return "no color"

print(color(1), color(2), color(3))

def keys(d):
    match d:
        case {1: one, "two": two}:
            return one, two
        case OrderedDict() | defaultdict():
            return "special mapping"
    return None

print(keys({1: "a", "two": "b", 3: "c"}), keys({1: "a"}), keys(OrderedDict()), keys(defaultdict(int, {1: 0})))

def builtin_self(v):
    match v:
        case bool(b):
            return f"bool {b}"
        case int(i):
            return f"int {i}"
        case list([a, b]):
            return f"list of two {a} {b}"
        case dict({"k": k}):
            return f"dict k={k}"
        case tuple((a, *rest)):
            return f"tuple {a} {rest}"
    return "none"

for v in [True, 3, [1, 2], {"k": 9}, (1, 2, 3), [1]]:
    print(builtin_self(v))

captured = "unchanged"
match [1, 2]:
    case [captured, 3]:
        pass
    case [_, captured]:
        pass
print("captured", captured)

def in_loop():
    total = 0
    for item in [1, "x", [2, 3], {"n": 4}, Point(5, 6)] * 3:
        match item:
            case int(n):
                total += n
            case [a, b]:
                total += a * b
            case {"n": n}:
                total += n
            case Point(x=x):
                total += x
    return total
print(in_loop())

class NoArgs:
    pass
class BadArgs:
    __match_args__ = ["x"]
    x = 1
errors = [
    lambda: shape_error(Point(1, 2), 3),
]
def shape_error(p, kind):
    if kind == 3:
        match p:
            case Point(1, 2, 3):
                return "never"
for f in [lambda: shape_error(Point(1, 2), 3)]:
    try:
        f()
    except TypeError as e:
        print(e)
def more_errors(which):
    match which:
        case 0:
            match Point(1, 2):
                case Point(1, x=2):
                    return "dup"
        case 1:
            match BadArgs():
                case BadArgs(1):
                    return "bad"
        case 2:
            match NoArgs():
                case NoArgs(1):
                    return "none"
        case 3:
            match 5:
                case int(5, 6):
                    return "two"
        case 4:
            not_a_class = 3
            match 5:
                case not_a_class():
                    return "x"
for which in range(5):
    try:
        print(more_errors(which))
    except TypeError as e:
        print(type(e).__name__, e)
