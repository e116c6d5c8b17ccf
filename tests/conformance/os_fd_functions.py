# os.open/read/write/lseek/close/unlink on descriptors, os.terminal_size and shutil.get_terminal_size (argparse and unittest.main call it). Writes scratch-fd.tmp here.
import os, shutil
print(os.terminal_size((80, 24)), os.terminal_size([3, 4]).lines)
try:
    os.get_terminal_size(99)
except OSError as e:
    print(type(e).__name__, e)
print(shutil.get_terminal_size((100, 30)) if not os.isatty(1) else "tty")
fd = os.open("scratch-fd.tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
print(os.write(fd, b"hello"))
os.close(fd)
fd = os.open("scratch-fd.tmp", os.O_RDONLY)
print(os.read(fd, 3), os.lseek(fd, 0, 0), os.read(fd, 10))
os.close(fd)
os.unlink("scratch-fd.tmp")
try:
    os.open("/nonexistent/x", os.O_RDONLY)
except FileNotFoundError as e:
    print(e)
