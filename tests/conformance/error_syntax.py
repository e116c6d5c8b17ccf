print("ok")
x = (1 +
y = 2
