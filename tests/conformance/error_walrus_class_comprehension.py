class Totals:
    values = [1, 2]
    doubled = [(last := v * 2) for v in [3, 4]]
