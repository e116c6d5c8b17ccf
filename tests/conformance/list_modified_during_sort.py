# A list is empty while it sorts; growing it meanwhile is a ValueError
# (unless another error is on its way) and what was added is dropped.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
xs = [3, 1, 2]
def key(x):
    xs.append(x)
    return x
show(lambda: xs.sort(key=key))
print(xs)
ys = [3, 1, 2]
def key2(x):
    ys.append(x)
    ys.pop()
    return x
show(lambda: ys.sort(key=key2))
print(ys)
zs = [3, 1, 2]
def key3(x):
    print(len(zs), zs)
    return -x
show(lambda: zs.sort(key=key3))
print(zs)
ws = [3, 1, 2]
def key4(x):
    ws.append(x)
    raise KeyError(x)
show(lambda: ws.sort(key=key4))
print(ws)
class C:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        vs.extend([1, 2])
        return self.v < other.v
    def __repr__(self):
        return f"C({self.v})"
vs = [C(2), C(1)]
show(lambda: vs.sort())
print(vs)
