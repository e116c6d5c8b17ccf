# random.seed with str and bytes (hashed with SHA-512 as CPython does) and
# random.choices.
import random

for seed in ["hello", b"hello", "", "h\u00e9llo w\u00f6rld" * 10, bytes(range(200))]:
    random.seed(seed)
    print(repr(seed)[:20], random.random(), random.randint(1, 1000), random.getrandbits(70))

random.seed(3)
print(random.choices("abcde", k=5))
print(random.choices([1, 2, 3], weights=[1, 0, 5], k=6))
print(random.choices("xy", cum_weights=[1, 3], k=4), random.choices("abc"), random.choices(range(10), k=0))
print(random.choices(["a", "b"], [0.25, 0.75], k=8))
for args, kwargs in [(("ab", [1]), {"k": 2}), (("ab", [0, 0]), {}), (("ab", [1, 1]), {"cum_weights": [1, 2]})]:
    try:
        random.choices(*args, **kwargs)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
