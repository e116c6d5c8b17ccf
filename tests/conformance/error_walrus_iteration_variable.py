values = [1, 2, 3]
print([i := 0 for i in values])
