# pvm's _thread (one thread) under CPython's own reprlib.
import _thread
import reprlib
lock = _thread.allocate_lock()
print(type(lock).__name__, lock.locked(), lock.acquire(), lock.locked(), lock.acquire(False), lock.acquire(timeout=0.01))
lock.release()
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
with lock:
    print("inside", lock.locked())
print(lock.locked())
r = _thread.RLock()
with r:
    with r:
        print("nested")
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)
print(isinstance(_thread.get_ident(), int), _thread.error is RuntimeError, _thread.TIMEOUT_MAX)
try:
    lock.acquire(False, 1)
except ValueError as e:
    print("ValueError:", e)
print(reprlib.repr(list(range(100))), reprlib.repr("x" * 100))
class Node:
    def __init__(self, children):
        self.children = children
    @reprlib.recursive_repr()
    def __repr__(self):
        return f"Node({self.children!r})"
n = Node([])
n.children.append(n)
print(repr(n))
r2 = reprlib.Repr()
r2.maxlist = 3
print(r2.repr([1, 2, 3, 4, 5]), r2.repr({"a": [1, 2, 3, 4]}))
