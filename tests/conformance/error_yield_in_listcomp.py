def numbers():
    return [(yield i) for i in range(3)]


print(list(numbers()))
