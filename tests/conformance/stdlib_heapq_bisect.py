# CPython's own heapq and bisect (their pure-Python code: pvm has no
# _heapq or _bisect), imported from its standard library.
import bisect
import heapq

print(heapq.__file__.endswith("heapq.py"), bisect.__file__.endswith("bisect.py"))
h = []
for x in [5, 1, 8, 3, 9, 2]:
    heapq.heappush(h, x)
print(h, heapq.heappop(h), heapq.heappushpop(h, 0), heapq.heapreplace(h, 7), h)
xs = [9, 4, 7, 1, 8]
heapq.heapify(xs)
print(xs, [heapq.heappop(xs) for _ in range(len(xs))])
words = ["pear", "fig", "banana", "kiwi", "apple"]
print(heapq.nlargest(2, words, key=len), heapq.nsmallest(3, words))
print(heapq.nsmallest(1, [3, 1, 2]), heapq.nlargest(10, [3, 1, 2]))
print(list(heapq.merge("ace", "bdf")), list(heapq.merge([], [1])))
print(list(heapq.merge(words[:2], words[2:], key=len)))
try:
    heapq.heappop([])
except IndexError:
    print("IndexError")  # (the message is _heapq's, which pvm does not have)

grades = [60, 70, 80, 90]
print([bisect.bisect(grades, s) for s in (33, 70, 99)], bisect.bisect_left(grades, 70))
row = [1, 3, 5]
bisect.insort(row, 4)
bisect.insort_left(row, 3)
print(row, bisect.bisect_right(row, 3, 0, 2))
people = [("ann", 31), ("bob", 45)]
bisect.insort(people, ("cat", 38), key=lambda p: p[1])
print(people, bisect.bisect_left(people, 40, key=lambda p: p[1]))
try:
    bisect.bisect([1], 1, -1)
except ValueError as e:
    print("ValueError:", e)
