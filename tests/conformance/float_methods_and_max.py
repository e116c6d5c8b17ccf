print(3.5.is_integer(), 2.0.is_integer(), (-0.0).is_integer(), float('inf').is_integer(), float('nan').is_integer(), 1e300.is_integer())
f = (4.0).is_integer
print(f(), float.is_integer(7.25))
print(format(float('inf'), '%'), format(float('-inf'), '.2%'), format(float('nan'), '%'), format(float('inf'), '10%'), '{:%}'.format(float('nan')))
try:
    max(4, 'a')
except TypeError as e:
    print(e)
try:
    min(4, 'a')
except TypeError as e:
    print(e)
print(max([3, 1, 3.0]), max([1.0, 1]), min([1, 1.0]), max('ab', 'b', key=len))
try:
    float.is_integer(3)
except TypeError as e:
    print(e)
