"""Code that leaves a block (return, break, continue) is not protected by
that block's own handler: an exception there goes outward, and a
`finally` or `__exit__` runs once."""


def finally_raises_on_return():
    try:
        return 1
    finally:
        print("finally runs")
        raise ValueError("from finally")


try:
    finally_raises_on_return()
except ValueError as error:
    print("caught", error)


class Exit:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        print("exit with", exc[0])
        raise KeyError("from exit")


def break_out_of_with():
    for _ in range(1):
        with Exit():
            break


try:
    break_out_of_with()
except KeyError as error:
    print("caught", error)


def continue_from_handler():
    seen = []
    for i in range(3):
        try:
            1 / (i - 1)
        except ZeroDivisionError:
            seen.append("zero")
            continue
        finally:
            seen.append(i)
    return seen


print(continue_from_handler())


def return_from_handler():
    try:
        raise OSError("first")
    except OSError as error:
        return str(error)
    finally:
        print("cleanup")


print(return_from_handler())


def nested_finally_on_return():
    try:
        try:
            return "inner"
        finally:
            print("inner finally")
    finally:
        print("outer finally")


print(nested_finally_on_return())
