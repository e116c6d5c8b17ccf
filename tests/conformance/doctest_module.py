"""CPython's own doctest, run on this module: passing and failing
examples and an example raising an unexpected exception, testmod quiet
and verbose. (The folder of this file is replaced in the report.)

>>> 1 + 1
2
"""
import doctest
import io
import os
import sys


def square(x):
    """Return x squared.

    >>> square(3)
    9
    >>> square(-2)
    5
    >>> [square(i) for i in range(3)]
    [0, 1, 4]
    """
    return x * x


def divide(a, b):
    """Divide.

    >>> divide(4, 2)
    2.0
    >>> divide(1, 0)
    Traceback (most recent call last):
        ...
    ZeroDivisionError: division by zero
    >>> int("seven")
    7
    >>> print("a"); print("b")
    a
    b
    >>> {"k": [1, 2]}   # doctest: +ELLIPSIS
    {'k': [1, ...]}
    """
    return a / b


class Box:
    """A box.

    >>> Box(3).value
    3
    >>> Box(None).value is None
    True
    """

    def __init__(self, value):
        self.value = value

    def twice(self):
        """
        >>> Box(2).twice()
        4
        >>> Box(2).twice()  # doctest: +SKIP
        5
        """
        return self.value * 2


def run(**options):
    saved = sys.stdout
    sys.stdout = captured = io.StringIO()
    try:
        result = doctest.testmod(**options)
    finally:
        sys.stdout = saved
    folder = os.path.dirname(os.path.abspath(__file__))
    print(captured.getvalue().replace(folder, "<dir>"), end="")
    print(result)


run()
run(verbose=True)
run(report=False)
run(optionflags=doctest.REPORT_ONLY_FIRST_FAILURE)
