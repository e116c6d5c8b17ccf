def setup():
    global limit
    limit: int = 10
