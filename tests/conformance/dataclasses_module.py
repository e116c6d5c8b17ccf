# dataclasses: generated __init__/__repr__/__eq__/ordering/hash, field(), inheritance, asdict/astuple/replace, CPython's errors.
from dataclasses import dataclass, field, fields, asdict, astuple, replace, is_dataclass
@dataclass
class P:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)
for call in (lambda: P(), lambda: P(1, 2, [], 4), lambda: P(1, x=2), lambda: P(1, z=3)):
    try:
        call()
    except TypeError as e:
        print(e)
@dataclass
class Q:
    a: int
    b: int
try:
    Q()
except TypeError as e:
    print(e)
try:
    @dataclass
    class R:
        xs: list = []
except ValueError as e:
    print(e)
print(P(1), P(1, 2) == P(1, 2), P(1) == P(2), repr(P(3, tags=[1])))
@dataclass(order=True)
class V:
    major: int
    minor: int = 0
    label: str = field(default="", compare=False, repr=False)
    def __post_init__(self):
        self.key = (self.major, self.minor)
print(sorted([V(2, 1), V(1, 5), V(2, 0)]), V(1) < V(2), V(1, label="a") == V(1, label="b"), V(3).key)
print([f.name for f in fields(V)], asdict(P(1, 2, [P(3)])), astuple(P(1)), replace(P(1, 2), y=5), is_dataclass(P), is_dataclass(P(1)), is_dataclass(3))
@dataclass
class W(P):
    z: int = 9
print(W(1, 2, [], 3), W(1).z)
@dataclass(unsafe_hash=True)
class H:
    a: int
print(hash(H(1)) == hash(H(1)), len({H(1), H(1), H(2)}), P.__hash__)
@dataclass
class E:
    pass
print(E(), E() == E())
try:
    hash(P(1))
except TypeError as e:
    print(e)
