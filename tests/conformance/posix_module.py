# posix, the module under CPython's os (os itself needs globals(), which
# pvm does not have yet): folders, files, stat, the environment, errors.
import posix
import sys

print("posix" in sys.builtin_module_names, sys.getfilesystemencoding())
base = "/tmp/pvm_posix_test_%d" % posix.getpid()
posix.mkdir(base)
try:
    posix.mkdir(base)
except FileExistsError as e:
    print("FileExistsError:", e.errno, e.strerror, e.filename == base)
with open(base + "/a.txt", "w") as f:
    f.write("hello")
posix.mkdir(base + "/sub")
print(sorted(posix.listdir(base)))
st = posix.stat(base + "/a.txt")
print(st.st_size, st[6], len(st), type(st.st_mtime).__name__, st.st_mode & 0o170000 == 0o100000)
print(posix.stat(base).st_mode & 0o170000 == 0o040000)
with posix.scandir(base) as entries:
    for entry in sorted(entries, key=lambda e: e.name):
        print(entry.name, entry.path == base + "/" + entry.name, entry.is_dir(), entry.is_file())
posix.rename(base + "/a.txt", base + "/b.txt")
print(sorted(posix.listdir(base)), posix.access(base + "/b.txt", posix.F_OK))
posix.remove(base + "/b.txt")
posix.rmdir(base + "/sub")
posix.rmdir(base)
print(posix.access(base, posix.F_OK))
try:
    posix.stat(base)
except FileNotFoundError as e:
    print("FileNotFoundError:", e.errno, e.strerror)
try:
    posix.listdir(base)
except OSError as e:
    print(type(e).__name__, e.errno)
try:
    posix.rename(base, base + "x")
except FileNotFoundError as e:
    print("FileNotFoundError", e.filename == base, e.filename2 == base + "x")
print(posix.strerror(2), posix.strerror(13))
print(type(posix.environ).__name__, all(type(k) is bytes for k in posix.environ))
posix.putenv("PVM_POSIX_TEST", "1")
posix.unsetenv("PVM_POSIX_TEST")
print(len(posix.urandom(8)), posix.cpu_count() > 0, posix.error is OSError)
