price = 5
cost = $price
