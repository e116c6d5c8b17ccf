def g():
    yield 1
    x = 1 / 0
    yield x

def use():
    for v in g():
        print(v)

use()
