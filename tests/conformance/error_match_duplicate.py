def f(value):
    match value:
        case {"a": x, "b": [y, x]}:
            return 1
