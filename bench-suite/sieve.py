"""Sieve of Eratosthenes: list indexing and nested while loops."""


def sieve(limit):
    is_prime = [True] * (limit + 1)
    is_prime[0] = is_prime[1] = False
    p = 2
    while p * p <= limit:
        if is_prime[p]:
            multiple = p * p
            while multiple <= limit:
                is_prime[multiple] = False
                multiple += p
        p += 1
    count = 0
    total = 0
    for n in range(limit + 1):
        if is_prime[n]:
            count += 1
            total += n
    return count, total


def bench():
    return sieve(1000000)


if __name__ == "__main__":
    print(bench())
