"""A module with doctests.

>>> 1 + 1
2
"""
import doctest, typing, re, enum, copy, string, dataclasses

# The reports name the file: a fixed name keeps them the same wherever the
# test suite runs.
__file__ = "doctest_examples.py"
from dataclasses import dataclass


def add(a, b):
    """Adds two numbers.

    >>> add(2, 3)
    5
    >>> add("a", "b")
    'ab'
    >>> [add(i, i) for i in range(3)]
    [0, 2, 4]
    """
    return a + b


def broken(n):
    """Returns n doubled (but is off by one).

    >>> broken(2)
    4
    >>> broken(0)
    0
    >>> print("line one")
    line one
    """
    return n * 2 + (1 if n else 0)


def raises(x):
    """Raises for negative input.

    >>> raises(1)
    1
    >>> raises(-1)
    Traceback (most recent call last):
        ...
    ValueError: negative: -1
    >>> raises(-2)  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ValueError: something else
    >>> raises(None)
    """
    if x is not None and x < 0:
        raise ValueError(f"negative: {x}")
    return x


class Color(enum.Enum):
    """Colors.

    >>> Color.RED
    <Color.RED: 1>
    >>> list(Color)  # doctest: +NORMALIZE_WHITESPACE
    [<Color.RED: 1>,
     <Color.GREEN: 2>]
    """
    RED = 1
    GREEN = 2


@dataclass
class Point:
    """A point.

    >>> Point(1, 2)
    Point(x=1, y=2)
    >>> Point(1, 2).norm2()
    5
    >>> print("a\\n\\nb")
    a
    <BLANKLINE>
    b
    >>> list(range(20))  # doctest: +ELLIPSIS
    [0, 1, ..., 19]
    """
    x: int
    y: int

    def norm2(self):
        """Squared norm.

        >>> Point(3, 4).norm2()
        25
        >>> Point(0, 0).norm2()
        1
        """
        return self.x * self.x + self.y * self.y

    @staticmethod
    def origin():
        """>>> Point.origin()
        Point(x=0, y=0)
        """
        return Point(0, 0)


def uses_re(text: str) -> typing.List[str]:
    """
    >>> uses_re("a1b22")
    ['1', '22']
    >>> string.ascii_uppercase[:3]
    'ABC'
    >>> copy.deepcopy({"k": [1]})
    {'k': [1]}
    """
    return re.findall(r"\d+", text)


if __name__ == "__main__":
    print(doctest.testmod())
    doctest.run_docstring_examples(add, globals(), verbose=True, name="add")
    doctest.run_docstring_examples(broken, globals(), name="broken")
