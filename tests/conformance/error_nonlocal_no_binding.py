# nonlocal needs a binding in an enclosing function: a class body or a
# function that declares the name global does not count.
x = 1


def outer():
    global x

    def inner():
        nonlocal x
        x = 2

    return inner


print(outer())
