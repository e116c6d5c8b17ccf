def outer():
    class C:
        y = 1

        def method(self):
            nonlocal y

    return C
