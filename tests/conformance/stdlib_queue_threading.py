# queue and threading's single-thread parts, sys.exc_info and sys.exception.
import queue, threading, sys
q = queue.Queue(); q.put(1); q.put(2); print(q.get(), q.qsize(), q.empty())
p = queue.PriorityQueue(); p.put(3); p.put(1); p.put(2); print(p.get(), p.get())
l = queue.LifoQueue(); l.put("a"); l.put("b"); print(l.get(), l.get_nowait())
try:
    l.get_nowait()
except queue.Empty:
    print("empty")
s = queue.SimpleQueue(); s.put(5); print(s.get(), s.empty())
b = queue.Queue(maxsize=1); b.put(1)
try:
    b.put_nowait(2)
except queue.Full:
    print("full")
lock = threading.Lock()
with lock:
    print(lock.locked())
loc = threading.local(); loc.x = 3; print(loc.x)
print(threading.current_thread().name, threading.active_count())
ev = threading.Event(); ev.set(); print(ev.is_set(), ev.wait(0))
try:
    raise ValueError("x")
except ValueError:
    t, v, tb = sys.exc_info()
    print(t.__name__, v, sys.exception() is v)
print(sys.exc_info())
