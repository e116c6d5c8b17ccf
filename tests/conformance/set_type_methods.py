# The methods of set and frozenset as class attributes (set.copy, frozenset.union), and a frozenset as its own copy.
s = {1, 2}
t = set.copy(s)
print(t, t is s, set.union(s, [3]))
f = frozenset([1])
print(frozenset.copy(f) is f, frozenset.union(f, [2]), hasattr(frozenset, "add"), hasattr(set, "add"))
print(sorted(map(set.copy, [{1}, {2}]), key=min))
