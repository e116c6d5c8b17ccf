import enum
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique, StrEnum

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3

print(Color.RED, repr(Color.RED), Color.RED.name, Color.RED.value)
print(Color(2), Color["BLUE"], list(Color), len(Color))
print(Color.RED is Color(1), Color.RED == Color.RED, Color.RED == 1)
print(isinstance(Color.RED, Color), type(Color.RED), type(Color))
print(Color.__members__.keys() if False else list(Color.__members__))
print(f"{Color.GREEN}", format(Color.GREEN), str(Color.BLUE))
print(Color.RED in Color, hash(Color.RED) == hash(Color.RED))
d = {Color.RED: "r", Color.GREEN: "g"}
print(d[Color.RED], sorted(c.name for c in d))

class Shape(Enum):
    SQUARE = 2
    DIAMOND = 1
    CIRCLE = 3
    ALIAS_FOR_SQUARE = 2
print(Shape.ALIAS_FOR_SQUARE, list(Shape), Shape(2))

try:
    @unique
    class Mistake(Enum):
        ONE = 1
        TWO = 2
        THREE = 2
except ValueError as e:
    print("ValueError:", e)

class Ordinal(Enum):
    FIRST = auto()
    SECOND = auto()
    THIRD = auto()
print([o.value for o in Ordinal])

class Number(IntEnum):
    ONE = 1
    TWO = 2
print(Number.ONE + 1, Number.TWO * 3, Number.ONE < Number.TWO, Number(2), repr(Number.TWO), str(Number.ONE), f"{Number.TWO}")
print(sorted([Number.TWO, Number.ONE]), int(Number.TWO), [10, 20, 30][Number.ONE])

class Perm(Flag):
    R = 4
    W = 2
    X = 1
RW = Perm.R | Perm.W
print(RW, repr(RW), Perm.R in RW, Perm.X in RW, bool(Perm.R & Perm.X), list(RW))
print(~Perm.R, Perm(6), Perm(0))

class IPerm(IntFlag):
    R = 4
    W = 2
    X = 1
print(IPerm.R | IPerm.W, IPerm.R | 8, int(IPerm.R | IPerm.X), repr(IPerm.W))

class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def surface_gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)
print(round(Planet.EARTH.surface_gravity, 2), Planet.MERCURY.mass)

class Missing(Enum):
    A = "a"
    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str) and value.lower() == "a":
            return cls.A
        return None
print(Missing("A"))
try:
    Missing("b")
except ValueError as e:
    print("ValueError:", e)
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)
try:
    Color.RED = 5
except AttributeError as e:
    print("AttributeError:", e)

class Mood(StrEnum):
    HAPPY = auto()
    SAD = "sad"
print(Mood.HAPPY, Mood.SAD.upper(), Mood.HAPPY == "happy")

Animal = Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value)
print(Color.RED.__class__.__name__, Color.__name__, Color._member_names_)
