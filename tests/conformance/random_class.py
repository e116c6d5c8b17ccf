# random.Random instances with their own generators, and a subclass.
import random
r = random.Random(42)
print(r.random(), r.randint(1, 100), r.choice("abcdef"), r.getrandbits(40))
random.seed(42)
print(random.random(), random.randint(1, 100), random.choice("abcdef"), random.getrandbits(40))
a, b = random.Random("x"), random.Random("x")
print(a.random() == b.random(), a.sample(range(20), 3), b.sample(range(20), 3))
xs = list(range(8)); r.shuffle(xs); print(xs, r.uniform(1, 2), r.choices("ab", k=4), r.randrange(0, 100, 5), r.gauss(0, 1))
class Dice(random.Random):
    def __init__(self, sides, seed):
        super().__init__(seed)
        self.sides = sides
    def roll(self):
        return self.randint(1, self.sides)
d = Dice(6, 7)
print([d.roll() for _ in range(10)], d.sides, isinstance(d, random.Random))
r.seed(5); first = r.random(); r.seed(5); print(first == r.random())
random.seed(1); g = random.random(); print(random.Random(1).random() == g)
