# open(): text and binary files, encodings, newline handling, append and exclusive modes, CPython errors. Writes scratch-*.tmp here.
with open("scratch-out.tmp", "w") as f:
    print(f.write("first line\n"), f.closed, f.name, f.mode)
    f.write("caf\u00e9\r\nthird\rfourth")
    f.writelines(["\nx", "y\n"])
    print("printed", 42, file=f)
print(f.closed)
with open("scratch-out.tmp") as f:
    print(repr(f.read()))
with open("scratch-out.tmp", newline="") as f:
    print(f.readlines())
with open("scratch-out.tmp", encoding="utf-8") as f:
    print(repr(f.readline()), repr(f.read(3)), repr(f.readline()))
    for line in f:
        print("line:", repr(line))
    print(repr(f.readline()), repr(f.read()))
with open("scratch-out.tmp", "rb") as f:
    data = f.read()
    print(type(data).__name__, len(data), data[:12], f.read())
with open("scratch-bin.tmp", "wb") as f:
    print(f.write(b"\x00\x01\xff"), f.write(bytes([65, 66])))
with open("scratch-bin.tmp", "rb") as f:
    print(f.read(2), f.read(), f.readline())
with open("scratch-out.tmp", "a") as f:
    f.write("appended\n")
print(open("scratch-out.tmp").read().splitlines()[-1])
with open("scratch-latin.tmp", "w", encoding="latin1", newline="") as f:
    f.write("%c%c" % (200, 10))
print(open("scratch-latin.tmp", "rb").read(), open("scratch-latin.tmp", encoding="latin-1").read() == "\u00c8\n")
for bad in (lambda: open("scratch-missing.tmp"), lambda: open("scratch-out.tmp", "x"), lambda: open("scratch-out.tmp", "rw"),
            lambda: open("scratch-out.tmp", "wb").write("s"), lambda: open("scratch-bin.tmp", "w").write(b"s"),
            lambda: open("scratch-out.tmp", "rb", encoding="utf-8"), lambda: open(3.5)):
    try:
        bad()
    except (OSError, ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    open("scratch-missing.tmp")
except FileNotFoundError as e:
    print(e.errno, e.strerror, e.filename, isinstance(e, OSError))
f = open("scratch-out.tmp")
f.close()
try:
    f.read()
except ValueError as e:
    print(e)
with open("scratch-out.tmp", "w") as f:
    try:
        f.read()
    except OSError as e:
        print("unreadable")
print(repr(open("scratch-out.tmp").read()))
