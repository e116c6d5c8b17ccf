import itertools
from itertools import permutations, product, combinations, islice, count, chain, cycle, repeat, accumulate, zip_longest, groupby, starmap, takewhile, dropwhile, pairwise, combinations_with_replacement
print(list(permutations([1, 2, 3])), list(permutations("abcd", 2))[:5], len(list(permutations(range(6)))))
print(list(product("ab", [0, 1])), list(product([1, 2], repeat=2)), list(product()))
print(list(combinations(range(5), 3)), list(combinations_with_replacement("ab", 2)))
print(list(islice(count(), 5)), list(islice(count(10, 2), 2, 8, 3)), list(islice("abcdef", 2, None)))
print(list(chain([1, 2], "ab", (3,))), list(chain.from_iterable([[1], [2, 3]])))
print(list(islice(cycle("ab"), 5)), list(repeat(7, 3)), list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], lambda a, b: a * b, initial=10)))
print(list(zip_longest("ab", [1, 2, 3], fillvalue="-")))
print([(k, list(g)) for k, g in groupby("aaabccd")], [(k, len(list(g))) for k, g in groupby([1, 3, 2, 4, 5], key=lambda x: x % 2)])
print(list(starmap(pow, [(2, 3), (3, 2)])), list(takewhile(lambda x: x < 3, [1, 2, 5, 1])), list(dropwhile(lambda x: x < 3, [1, 2, 5, 1])), list(pairwise("abcd")))
print(list(itertools.permutations(range(3), 0)), list(combinations([], 0)), list(count(1.5, 0.5))[:0] if False else next(count(1.5, 0.5)))
