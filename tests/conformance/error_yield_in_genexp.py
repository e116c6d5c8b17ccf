def numbers():
    return ((yield from i) for i in range(3))


print(list(numbers()))
