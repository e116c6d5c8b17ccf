import types, sys
m = types.ModuleType("mymod")
m.y = 3
print(m, m.y, m.__name__, m.__doc__, m.__dict__)
d = types.ModuleType("d", "the doc")
print(d.__doc__, sorted(vars(d)) if False else sorted(d.__dict__), type(d) is types.ModuleType, isinstance(sys, types.ModuleType))
print(types.ModuleType(name="x", doc=3).__doc__)
def hello():
    return "hi"
m.hello = hello
sys.modules["mymod"] = m
import mymod
print(mymod.hello(), mymod is m)
from mymod import y
print(y)
for f in [lambda: types.ModuleType(), lambda: types.ModuleType(1), lambda: types.ModuleType("a", "b", "c"), lambda: m.missing]:
    try:
        print(f())
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
