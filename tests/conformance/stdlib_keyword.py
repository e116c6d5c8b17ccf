# CPython's own keyword module, imported from its standard library.
import keyword

print(len(keyword.kwlist), keyword.kwlist[:5])
print(keyword.softkwlist)
for word in ["if", "match", "print", "None", "async", "_", "lambda"]:
    print(word, keyword.iskeyword(word), keyword.issoftkeyword(word))
print(keyword.__all__)
print(frozenset("abc").__contains__("b"), [1, 2].__len__(), {"a": 1}.__getitem__("a"))
print(list("xy".__iter__()), (1, 2, 3).__contains__(4))
