counter = 0
names = []


def increment():
    global counter
    counter += 1
    return counter


def remember(name):
    names.append(name)
    return len(names)


def shadow():
    counter = "local"
    return counter


def reads_global():
    return counter * 10


def writes_new_global():
    global created_later
    created_later = "made inside a function"


for _ in range(5):
    increment()
print(counter, shadow(), reads_global(), remember("a"), remember("b"), names)
writes_new_global()
print(created_later)
len = lambda x: "shadowed builtin"
print(len([1, 2, 3]))
del len
print(len([1, 2, 3]))
x = 1
del x
try_again = "deleted"
print(try_again)
