class AppError(Exception):
    pass

class NotFound(AppError):
    def __init__(self, key):
        super().__init__(f"missing {key}")
        self.key = key
    def __str__(self):
        return f"NotFound<{self.key}>"

class P:
    def __init__(self, x):
        self.x = x

try:
    raise NotFound("k")
except AppError as e:
    print(type(e).__name__, e, e.key, e.args)

try:
    P()
except TypeError as e:
    print(e)
try:
    P(1, 2)
except TypeError as e:
    print(e)
class Q: pass
try:
    Q(1)
except TypeError as e:
    print(e)
try:
    P(1) < P(2)
except TypeError as e:
    print(e)
try:
    P(1) + 1
except TypeError as e:
    print(e)
try:
    len(P(1))
except TypeError as e:
    print(e)
try:
    P(1)[0]
except TypeError as e:
    print(e)
try:
    for _ in P(1): pass
except TypeError as e:
    print(e)
class H:
    def __eq__(self, o): return True
try:
    {H(): 1}
except TypeError as e:
    print(e)
print(P(1) == P(1), P(1) != P(1))
p = P(3)
print(p == p, p in [p], p in [P(3)])
d = {p: 1}
print(d[p])
print(str(AppError("x")), repr(AppError("x", 2)), repr(NotFound("z")))
raise NotFound("final")
