# from __future__ import annotations stores annotations as source text, never evaluated.
from __future__ import annotations
class A:
    x: list[int]
    y: Undefined = 2
print(A.__annotations__)
