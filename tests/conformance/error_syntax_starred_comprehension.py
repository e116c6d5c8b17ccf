rows = [[1], [2]]
print([*row for row in rows])
