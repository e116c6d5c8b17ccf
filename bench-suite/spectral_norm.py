"""Spectral norm of an infinite matrix: float arithmetic and function calls."""


def eval_a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def times_a(u):
    n = len(u)
    result = []
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += eval_a(i, j) * u[j]
        result.append(total)
    return result


def times_at(u):
    n = len(u)
    result = []
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += eval_a(j, i) * u[j]
        result.append(total)
    return result


def spectral_norm(n):
    u = [1.0] * n
    v = u
    for _ in range(10):
        v = times_at(times_a(u))
        u = times_at(times_a(v))
    vbv = 0.0
    vv = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return round((vbv / vv) ** 0.5, 9)


def bench():
    return spectral_norm(130)


if __name__ == "__main__":
    print(bench())
