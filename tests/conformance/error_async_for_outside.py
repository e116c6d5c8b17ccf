def consume(items):
    async for item in items:
        print(item)
