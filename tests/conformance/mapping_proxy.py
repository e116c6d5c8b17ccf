# types.MappingProxyType: a live, read-only view of a dict.
import types

d = {"a": 1, "b": 2}
p = types.MappingProxyType(d)
print(repr(p), len(p), p["a"], "b" in p, "z" in p, list(p), p.get("z", 0))
print(sorted(p.keys()), sorted(p.values()), sorted(p.items()), p.copy() == d, p == d)
d["c"] = 3
print(len(p), p["c"])
try:
    p["x"] = 1
except TypeError as e:
    print("TypeError:", e)
try:
    p["nope"]
except KeyError as e:
    print("KeyError:", e)
try:
    types.MappingProxyType([1])
except TypeError as e:
    print("TypeError:", e)
