for i in range(10):
    if i % 2 == 0:
        continue
    if i > 7:
        break
    print("odd", i)
else:
    print("never printed")

for i in range(3):
    pass
else:
    print("for-else ran, i =", i)

n = 0
while n < 5:
    n += 1
    if n == 3:
        continue
    print("n", n)
else:
    print("while-else ran")

while True:
    n -= 1
    if n < 2:
        break
print("after break", n)

for x in [10, 20, 30]:
    for y in "ab":
        if y == "b" and x == 20:
            break
        print(x, y)

grade = 73
if grade >= 90:
    print("A")
elif grade >= 80:
    print("B")
elif grade >= 70:
    print("C")
else:
    print("F")

value = "yes" if grade > 50 else "no"
print(value, (lambda a, b=2: a * b)(4), (lambda: "empty")())
if (count := len("walrus")) > 3:
    print("walrus", count)

for key in {"b": 1, "a": 2}:
    print(key)
for ch in "héllo":
    print(ch, end=".")
print()
for item in (1, "two", 3.0, None, [4]):
    print(item, end=" ")
print()
