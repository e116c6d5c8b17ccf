import random
random.seed(42); print(random.random(), random.randint(1,100), random.randrange(10), random.choice('abcdef'), random.getrandbits(70), random.uniform(1,2))
x=list(range(10)); random.shuffle(x); print(x); print(random.sample(range(100), 5), random.gauss(0,1), random.gauss(0,1))
random.seed(12345678901234567890); print(random.random())
random.seed(-5); print(random.random())
random.seed(0); print(random.random(), random.randrange(0, 100, 7), random.randrange(50, 0, -3))
print(random.sample(list(range(1000)), 8), random.getrandbits(0), random.getrandbits(32))
