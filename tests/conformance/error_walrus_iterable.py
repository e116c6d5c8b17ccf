print([i for i in [j for j in (k := [1, 2])]])
