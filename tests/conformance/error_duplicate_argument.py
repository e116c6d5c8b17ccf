square = lambda n, *n: n * n
print(square(3))
