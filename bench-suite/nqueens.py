"""N-queens by backtracking: recursion, lists and membership tests."""


def solve(n, row, columns, diagonals, anti_diagonals):
    if row == n:
        return 1
    found = 0
    for column in range(n):
        if columns[column] or diagonals[row + column] or anti_diagonals[row - column + n]:
            continue
        columns[column] = diagonals[row + column] = anti_diagonals[row - column + n] = True
        found += solve(n, row + 1, columns, diagonals, anti_diagonals)
        columns[column] = diagonals[row + column] = anti_diagonals[row - column + n] = False
    return found


def queens(n):
    return solve(n, 0, [False] * n, [False] * (2 * n), [False] * (2 * n + 1))


def bench():
    return queens(11)


if __name__ == "__main__":
    print(bench())
