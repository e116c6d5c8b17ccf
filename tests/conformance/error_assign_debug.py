def show(**options):
    print(options)


show(__debug__=False)
