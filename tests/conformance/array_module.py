import io
b=io.StringIO(); b.close()
try: b.getvalue()
except ValueError as e: print(e)
from array import array
a=array('d',[1,2.5]); a.append(3); print(a, a[1], len(a), a.typecode, a.itemsize, list(a), sum(a), a.tolist())
i=array('i',[1,2,3]); i[0]=7; print(i, i[-1], array('i'), array('d'))
try: i.append(1.5)
except TypeError as e: print(e)
try: a.append('x')
except TypeError as e: print(e)
print(i[0:2], a == array('d',[1,2.5,3]), 2 in i)
i.extend([4,5]); print(i)
n = 10
grid = array('d', [0.0]) * 0 if False else array('d', [0.0] * n)
for k in range(n):
    grid[k] = k * 0.5
print(sum(grid), grid[3], max(grid))
