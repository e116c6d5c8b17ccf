"""Heap queues: a list kept so that heap[k] <= heap[2*k+1] and heap[2*k+2].

pvm's own version of the standard module. The sift operations are the ones
CPython uses (an item sinks to a leaf, then rises), so heaps hold their
items in the same order as under CPython.
"""

__all__ = ["heappush", "heappop", "heapify", "heapreplace", "merge",
           "nlargest", "nsmallest", "heappushpop"]


def _rise(heap, top, pos):
    """Moves heap[pos] up towards `top` until its parent is not larger."""
    item = heap[pos]
    while pos > top:
        parent = (pos - 1) >> 1
        if item < heap[parent]:
            heap[pos] = heap[parent]
            pos = parent
            continue
        break
    heap[pos] = item


def _sink(heap, pos):
    """Moves heap[pos] down to a leaf along the smaller children, then lets
    it rise to its place."""
    end = len(heap)
    top = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and not heap[child] < heap[right]:
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _rise(heap, top, pos)


def heappush(heap, item):
    """Adds `item`, keeping the heap invariant."""
    heap.append(item)
    _rise(heap, 0, len(heap) - 1)


def heappop(heap):
    """Removes and returns the smallest item."""
    last = heap.pop()
    if heap:
        smallest = heap[0]
        heap[0] = last
        _sink(heap, 0)
        return smallest
    return last


def heapreplace(heap, item):
    """Pops the smallest item, then pushes `item` (the heap must not be
    empty)."""
    smallest = heap[0]
    heap[0] = item
    _sink(heap, 0)
    return smallest


def heappushpop(heap, item):
    """Pushes `item`, then pops the smallest: faster than the two calls."""
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _sink(heap, 0)
    return item


def heapify(x):
    """Rearranges list `x` into a heap, in place, in linear time."""
    for i in reversed(range(len(x) // 2)):
        _sink(x, i)


class _Reversed:
    """A key that orders the other way round (for merge(reverse=True))."""

    def __init__(self, key):
        self.key = key

    def __lt__(self, other):
        return other.key < self.key


def merge(*iterables, key=None, reverse=False):
    """Merges sorted iterables into one sorted iterator, lazily; equal items
    come from earlier iterables first."""
    heap = []
    for order, iterator in enumerate(map(iter, iterables)):
        for first in iterator:
            k = first if key is None else key(first)
            heap.append([_Reversed(k) if reverse else k, order, first, iterator])
            break
    heapify(heap)
    while heap:
        entry = heap[0]
        yield entry[2]
        for value in entry[3]:
            k = value if key is None else key(value)
            entry[0] = _Reversed(k) if reverse else k
            entry[2] = value
            heapreplace(heap, entry)
            break
        else:
            heappop(heap)


def nsmallest(n, iterable, key=None):
    """The n smallest items, smallest first (like sorted(...)[:n])."""
    return sorted(iterable, key=key)[:n]


def nlargest(n, iterable, key=None):
    """The n largest items, largest first (like sorted(..., reverse=True)[:n])."""
    return sorted(iterable, key=key, reverse=True)[:n]
