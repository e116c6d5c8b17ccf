def greet(:
    print("hi")
