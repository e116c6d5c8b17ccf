values = []
len(values) = 3
