def f(value):
    match value:
        case [x, 1] | [1, y]:
            return 1
