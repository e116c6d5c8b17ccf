total = 0
for i in range(10):
    if i % 3 == 0:
        continue
    if i > 7:
        break
    total += i
else:
    total = -1
while total > 0 and not total == 5:
    total -= 4
print(total)
