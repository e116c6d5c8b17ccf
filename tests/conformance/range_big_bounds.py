# range() with bounds or a length past 64 bits: len, iteration, indexing,
# slicing, in, equality, repr; and slices of ranges mapped as CPython maps them.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
r = range(2**64, 2**65, 2**62)
show(lambda: r)
show(lambda: len(r))
show(lambda: list(r))
show(lambda: r[2])
show(lambda: r[-1])
show(lambda: r[4])
show(lambda: r[2**70])
show(lambda: r[1:3])
show(lambda: r[::-1])
show(lambda: list(r[::-2]))
show(lambda: r["a"])
show(lambda: 2**64 + 2**62 in r)
show(lambda: 2**64 + 1 in r)
show(lambda: float(2**64) in r)
show(lambda: 5 in r)
show(lambda: (r.start, r.stop, r.step))
show(lambda: type(r).__name__)
show(lambda: type(iter(r)).__name__)
show(lambda: isinstance(r, range))
show(lambda: bool(range(2**64, 2**64)))
show(lambda: bool(r))
show(lambda: range(2**64, 2**64) == range(0))
show(lambda: range(0) == range(2**64, 2**64))
show(lambda: r == range(2**64, 2**65, 2**62))
show(lambda: r == range(2**64, 2**65 - 1, 2**62))
big = range(2**70)
show(lambda: len(big))
show(lambda: big[-1])
show(lambda: big[10:13])
show(lambda: big[2**69:][:2])
show(lambda: 2**69 in big)
show(lambda: -1 in big)
show(lambda: next(iter(big)))
show(lambda: range(-2**63, 2**63 - 1))
show(lambda: len(range(-2**63, 2**63 - 1)))
show(lambda: len(range(-2**63, 0)))
show(lambda: range(-2**63, 0)[-1])
show(lambda: range(0, 2**62, 2**61)[::4])
show(lambda: range(0, 2**62, 2**61)[::-3])
show(lambda: range(10)[2**70])
show(lambda: 2**70 in range(10))
show(lambda: range(2**64, 0, -2**63))
show(lambda: list(range(2**64, 0, -2**63)))
show(lambda: range(1, 2**64, 0))
show(lambda: range(1.5, 2**64))
show(lambda: range(-2**100, -2**100 + 3, 1)[1])
show(lambda: sum(range(2**64, 2**64 + 5)))
for i in range(2**64, 2**64 + 3):
    print(i)
rs = [range(10), range(0, 20, 3), range(10, 0, -2), range(5, 5), range(-7, 8, 4)]
idx = [None, 0, 1, -1, 3, -3, 20, -20]
for r in rs:
    out = []
    for a in idx:
        for b in idx:
            for c in [None, 1, 2, -1, -3]:
                out.append(repr(r[a:b:c]))
    print(" ".join(out))
