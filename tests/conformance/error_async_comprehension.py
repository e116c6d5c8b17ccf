def squares(items):
    return [await item for item in items]
