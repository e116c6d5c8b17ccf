"""Mandelbrot set membership on a grid: tight float loops."""


def mandelbrot(size, limit):
    inside = 0
    for y in range(size):
        ci = 2.0 * y / size - 1.0
        for x in range(size):
            cr = 2.0 * x / size - 1.5
            zr = 0.0
            zi = 0.0
            i = 0
            while i < limit and zr * zr + zi * zi <= 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                i += 1
            if i == limit:
                inside += 1
    return inside


def bench():
    return mandelbrot(200, 50)


if __name__ == "__main__":
    print(bench())
