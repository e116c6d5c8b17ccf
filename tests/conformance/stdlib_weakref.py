# CPython's weakref (and _weakrefset) over pvm's _weakref; gc; types.MethodType.
import weakref
import gc


class Obj:
    def __init__(self, name):
        self.name = name

    def method(self):
        return "method of " + self.name


def lifetimes():
    a = Obj("a")
    r = weakref.ref(a)
    print(r() is a, r().name, weakref.getweakrefcount(a))
    del a
    gc.collect()
    print(r())
    b = Obj("b")
    r1, r2 = weakref.ref(b), weakref.ref(b)
    print(r1 == r2, r1() is r2())
    m = weakref.WeakMethod(b.method)
    print(m()(), type(m).__name__, isinstance(m, weakref.ref))
    try:
        weakref.ref([1, 2])
    except TypeError as e:
        print("TypeError:", e)
    d = weakref.WeakValueDictionary()
    c = Obj("c")
    d["c"] = c
    print(d["c"].name, "c" in d, list(d.keys()))
    k = weakref.WeakKeyDictionary()
    k[c] = 1
    print(k[c], c in k, [o.name for o in k])
    s = weakref.WeakSet([c, b])
    print(len(s), c in s, sorted(o.name for o in s))
    p = weakref.proxy(c)
    print(p.name, p.method())
    del c
    gc.collect()
    print("c" in d, list(d.keys()))
    try:
        d["c"]
    except KeyError as e:
        print("KeyError:", e)
    try:
        p.name
    except ReferenceError as e:
        print("ReferenceError:", e)
    del b
    print(m())


def f():
    return 1


lifetimes()
print(weakref.ref(f)()(), weakref.ref(Obj)() is Obj, gc.isenabled())
import types
bound = types.MethodType(lambda self: self * 2, 21)
print(bound())
