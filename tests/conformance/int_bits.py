# int.bit_length(), int.bit_count() and int.conjugate(), small and big.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
for n in [0, 1, -1, 5, -5, 255, 2**63 - 1, -2**63, 2**63, 2**64, -2**200 + 1, True, False]:
    print(n, n.bit_length(), n.bit_count(), n.conjugate())
show(lambda: int.bit_length(7))
show(lambda: (7).bit_length(1))
show(lambda: int.bit_count(1.5))
m = (10).bit_length
print(m())
