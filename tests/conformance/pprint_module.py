import pprint
from collections import deque, Counter, OrderedDict, defaultdict
data = {"numbers": list(range(30)), "nested": {"k": [("a", 1), ("b", 2)] * 4}, "s": "x" * 50}
pprint.pprint(data)
pprint.pprint(data, width=40, compact=True)
print(pprint.pformat([deque([1, 2]), Counter("aab"), OrderedDict(a=1)], width=30))
print(isinstance(deque(), deque), type(deque([1])).__name__, (1).__class__, "s".__class__.__name__)
