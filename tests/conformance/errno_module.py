# errno: names, numbers and errorcode, as CPython defines them on Linux.
import errno

print(errno.ENOENT, errno.EACCES, errno.EEXIST, errno.EAGAIN, errno.EWOULDBLOCK)
print(errno.errorcode[2], errno.errorcode[11], errno.errorcode[errno.EPIPE])
print(len(errno.errorcode), sorted(n for n in dir(errno) if n.startswith("E"))[:8])
try:
    open("/nonexistent/pvm/errno")
except OSError as e:
    print(e.errno == errno.ENOENT, errno.errorcode[e.errno])
