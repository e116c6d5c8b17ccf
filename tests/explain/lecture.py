def sum_of_squares(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


result = sum_of_squares(3000)
print("sum of squares below 3000:", result)
print(sum_of_squares(4))
