# Annotations in module and class bodies are stored in __annotations__; local ones are not evaluated.
class A:
    x: int
    y: float = 1.0
    z = 3
    if True:
        w: "list[int]" = []
print(A.__annotations__, A.__dict__.get("y"), A.y, A.w)
v: int = 5
u: dict[str, int]
print(__annotations__, v)
def f(a: int) -> str:
    q: undefined_name = 1
    return q
print(f(1))
class B:
    pass
print(hasattr(B, "__annotations__") and B.__dict__.get("__annotations__"))
