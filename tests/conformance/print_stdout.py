import sys, io

class Spoof:
    def __init__(self):
        self.parts = []
    def write(self, text):
        self.parts.append(text)
        return len(text)

saved = sys.stdout
spoof = Spoof()
sys.stdout = spoof
print("captured", 1, 2, sep="-")
print("second")
exec(compile("40 + 2", "<doctest>", "single"))
sys.stdout = saved
print(spoof.parts)
buffer = io.StringIO()
sys.stdout = buffer
print("into a StringIO", end="!")
sys.stdout = sys.__stdout__ if hasattr(sys, "__stdout__") else saved
print(repr(buffer.getvalue()))
print("to stderr", file=sys.stderr)
print("back on stdout")
