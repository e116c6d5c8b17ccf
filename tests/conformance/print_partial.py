# print() writes each argument as it converts it: when a later argument's
# __str__ fails, the earlier ones and their separators are already out.
import io


class Bad:
    def __str__(self):
        raise ValueError("no str")


try:
    print("a", 1, Bad(), "z", sep="-")
except ValueError as e:
    print("|", e)
buffer = io.StringIO()
try:
    print("x", Bad(), file=buffer)
except ValueError as e:
    print(repr(buffer.getvalue()), e)
print("done", end="")
print(Bad())
