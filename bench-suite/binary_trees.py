"""Binary trees: allocates and walks many short-lived complete binary trees.

Object allocation and deallocation, recursion and tuple construction, after
the Computer Language Benchmarks Game program.
"""


def make_tree(depth):
    if depth == 0:
        return (None, None)
    depth -= 1
    return (make_tree(depth), make_tree(depth))


def check(tree):
    left, right = tree
    if left is None:
        return 1
    return 1 + check(left) + check(right)


def bench(max_depth=13):
    min_depth = 4
    stretch = check(make_tree(max_depth + 1))
    long_lived = make_tree(max_depth)
    total = stretch
    for depth in range(min_depth, max_depth + 1, 2):
        iterations = 2 ** (max_depth - depth + min_depth)
        checks = 0
        for _ in range(iterations):
            checks += check(make_tree(depth))
        total += checks
    return total + check(long_lived)


if __name__ == "__main__":
    print(bench())
