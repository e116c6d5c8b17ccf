# In-place set updates keep CPython's iteration order (entries removed in
# place, dummies compacted once they pass a quarter of the table).
def big(n):
    return [i * 1000003 % 7919 + (i % 7) * 2**40 for i in range(n)]

s = set(big(60))
s.difference_update(big(60)[::3])
print(list(s))
s.difference_update([])
print(list(s))
t = set(big(60))
t.difference_update(set(big(60)[::3]))
print(list(t) == list(s), list(t))
u = set(big(40))
for x in big(40)[::5]:
    u.discard(x)
before = list(u)
u.difference_update(set())
print(before == list(u), list(u))
v = set(big(40))
v -= set(big(40)[1::2])
print(list(v))
w = set(big(30))
w ^= set(big(45)[20:])
print(list(w))
w2 = set(big(30))
w2.symmetric_difference_update(big(45)[20:])
print(list(w2))
x = set(big(50))
x.intersection_update(big(50)[::-2])
print(list(x))
x2 = set(big(50))
x2 &= set(big(50)[::-2])
print(list(x2))
y = set(big(20))
y |= set(big(40)[10:])
print(list(y))
y2 = set(big(20))
y2.update(big(40)[10:])
print(list(y2))
z = set(big(50))
print(list(z.difference(big(50)[::4])), list(z - set(big(50)[::4])), list(z.difference(set(big(5)), big(50)[::2])))
print(list(z.intersection(big(50)[::-3], big(50)[::2])), list(z.union(big(60)[50:], [1, 2])), list(z.symmetric_difference(big(55)[40:])))
print(list(z.difference()), list(z.intersection()), list(z.union()))
f = frozenset(big(10))
print(f.difference(big(3)), f.intersection(big(4)), f.symmetric_difference(big(12)), f | {1}, type(f - {1}))
same = set(big(10))
same -= same
print(same)
same = set(big(10))
same ^= same
print(same)
same = set(big(10))
same.difference_update(same)
print(same)
same = set(big(10))
same.symmetric_difference_update(same)
print(same)
same = set(big(10))
same |= same
same &= same
print(len(same))
for bad in [lambda: set().symmetric_difference_update(), lambda: set().symmetric_difference_update(1, 2),
            lambda: frozenset().symmetric_difference_update, lambda: set().difference_update(1)]:
    try:
        print(bad())
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)

# Each update costs what its argument costs, not what the set holds.
large = set(range(100_000))
for i in range(20_000):
    large.difference_update(())
    large.difference_update((i,))
print(len(large))
