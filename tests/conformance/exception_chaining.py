def parse(text):
    try:
        return int(text)
    except ValueError as error:
        raise RuntimeError("bad input") from error

def handler():
    try:
        parse("x")
    except RuntimeError as e:
        print("outer caught", e, "cause:", repr(e.__cause__))
    try:
        {}["missing"]
    except KeyError:
        try:
            [][1]
        except IndexError as inner:
            print("context:", repr(inner.__context__))
    for attempt in range(3):
        try:
            if attempt < 2:
                raise ValueError(attempt)
            print("succeeded on", attempt)
        except ValueError as e:
            print("retry", e.args)
            continue
        finally:
            print("attempt done", attempt)
    try:
        raise TypeError
    except (ValueError, TypeError) as e:
        print("caught", type(e).__name__, e.args)
    try:
        raise 5
    except TypeError as e:
        print(e)

handler()
def chained():
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("while handling")
chained()
