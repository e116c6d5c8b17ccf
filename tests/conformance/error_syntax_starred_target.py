first, *rest = [1, 2, 3]
*rest = [1, 2, 3]
