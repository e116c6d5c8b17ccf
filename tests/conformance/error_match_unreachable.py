print("never printed: the compiler refuses the module")

def f(value):
    match value:
        case [first, *rest]:
            return first
        case other:
            return other
        case 2:
            return 2
