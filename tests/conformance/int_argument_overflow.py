# Ints too big for the C type a builtin converts them to raise CPython's
# OverflowError, not TypeError; %c and format 'c' check the code point.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

show(lambda: "ab".zfill(2**70))
show(lambda: "ab".zfill(-2**70))
show(lambda: "ab".center(2**63))
show(lambda: "ab".ljust(2**64, "x"))
show(lambda: "ab".rjust(-2**64))
show(lambda: "ab".zfill(1.5))
show(lambda: "a\tb".expandtabs(2**70))
show(lambda: "a\tb".expandtabs(2**31))
show(lambda: "a\tb".expandtabs(tabsize=3))
show(lambda: "a\tb".expandtabs(1.5))
show(lambda: "%c" % 2**70)
show(lambda: "%c" % (2**32 + 65))
show(lambda: "%c" % True)
show(lambda: "%c" % -1)
show(lambda: "%c" % 0x10FFFF)
show(lambda: "%c" % 0x110000)
show(lambda: "%c" % "ab")
show(lambda: "%c" % 1.5)
show(lambda: "%5c|%-3c|" % ("x", 66))
show(lambda: format(65, "c"))
show(lambda: format(2**70, "c"))
show(lambda: format(-1, "c"))
show(lambda: format(2**63, "c"))
