# Set iteration order after update(), |=, {*x} and set(x) with colliding hashes (-1 and -2 both hash to -2).
print(list({-1, -2}))
s=set(); s.add(-1); s.add(-2); print(list(s))
x=[-1,-2,8,16,24,32]; print(list(set(x)), list({*x}))
x=[-1,-2,8,16,24,32]
s=set(); s.update(x); print(list(s))
s=set([0]); s |= set(x); print(list(s))
s=set(); s.update(x, [7]); print(list(s))
print(list(set(x) | {5}), list({5} | set(x)))
