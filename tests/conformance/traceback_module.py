# CPython's traceback module formatting a caught exception and the stack.
import io
import os
import sys
import traceback

folder = os.path.dirname(os.path.abspath(__file__))


def show(text):
    print(text.replace(folder, "<dir>"), end="")


def outer(x):
    return middle(x) + 1


def middle(x):
    return convert(x)


def convert(x):
    return int(x)


try:
    outer("a")
except ValueError as error:
    show(traceback.format_exc())
    show("".join(traceback.format_exception(error)))
    show("".join(traceback.format_exception(type(error), error, error.__traceback__, limit=2)))
    show("".join(traceback.format_exception_only(type(error), error)))
    for summary in traceback.extract_tb(error.__traceback__):
        print(summary.name, summary.lineno, summary.line, summary.colno, summary.end_colno)
    exception = traceback.TracebackException.from_exception(error)
    show("".join(exception.format()))
    print(exception.exc_type.__name__, len(exception.stack))


def chained():
    try:
        raise KeyError("missing")
    except KeyError as error:
        raise RuntimeError("while looking") from error


try:
    chained()
except RuntimeError as error:
    show("".join(traceback.format_exception(error)))
    show("".join(traceback.format_exception(error, chain=False)))

try:
    try:
        raise ValueError("first")
    except ValueError:
        raise TypeError("second")
except TypeError:
    buffer = io.StringIO()
    traceback.print_exc(file=buffer)
    show(buffer.getvalue())


def where():
    return traceback.extract_stack()


for summary in where():
    print(summary.name, summary.lineno, summary.line)
show("".join(traceback.format_stack(sys._getframe())))
print(traceback.format_exception_only(ValueError("plain"))[0], end="")
