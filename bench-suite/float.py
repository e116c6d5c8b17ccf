"""Float: creates many 3-D points, normalises them and folds them together.

Object creation, float arithmetic, method calls and `math` functions; the
kind of code a physics or graphics loop is made of.
"""

from math import cos, sin, sqrt

POINTS = 120000


class Point:
    def __init__(self, i):
        self.x = x = sin(i)
        self.y = cos(i) * 3
        self.z = (x * x) / 2

    def __repr__(self):
        return f"<Point: x={self.x}, y={self.y}, z={self.z}>"

    def normalize(self):
        x = self.x
        y = self.y
        z = self.z
        norm = sqrt(x * x + y * y + z * z)
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximize(self, other):
        self.x = self.x if self.x > other.x else other.x
        self.y = self.y if self.y > other.y else other.y
        self.z = self.z if self.z > other.z else other.z
        return self


def maximize(points):
    best = points[0]
    for p in points[1:]:
        best.maximize(p)
    return best


def bench():
    points = [Point(i) for i in range(POINTS)]
    for p in points:
        p.normalize()
    best = maximize(points)
    return round(best.x + best.y + best.z, 9)


if __name__ == "__main__":
    print(bench())
