# contextvars over _contextvars: ContextVar get/set/reset, Token, Context.run.
import contextvars
v = contextvars.ContextVar("v", default=1)
w = contextvars.ContextVar("w")
print(v.get(), v.name, w.get(5))
t = v.set(2)
print(v.get(), t.var is v, t.old_value is contextvars.Token.MISSING)
ctx = contextvars.copy_context()
def inside(x):
    v.set(x)
    return v.get(), w.get("none")
print(ctx.run(inside, 10), v.get(), ctx[v], v in ctx, len(ctx) >= 1)
v.reset(t)
print(v.get())
try:
    w.get()
except LookupError:
    print("LookupError")
try:
    v.reset(t)
except RuntimeError as e:
    print("RuntimeError")
