# signal: the Signals/Handlers enums over _signal, Python handlers run by raise_signal, an interval timer interrupting a loop and time.sleep, SIGINT handlers and default_int_handler, CPython's errors.
import signal, time

print(signal.SIGINT, repr(signal.SIGTERM), signal.SIGKILL.value, signal.SIGUSR1 == 10)
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
print(signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGPIPE))
print(signal.SIG_DFL, signal.SIG_IGN, repr(signal.Handlers.SIG_IGN))
print(signal.NSIG, len(signal.valid_signals()), signal.SIGALRM in signal.valid_signals())
print(signal.strsignal(signal.SIGTERM), signal.strsignal(signal.SIGINT))
print(list(signal.Signals)[:5], signal.Signals(15).name)

got = []


def handler(signum, frame):
    got.append(signum)


print(signal.signal(signal.SIGUSR1, handler))
print(signal.getsignal(signal.SIGUSR1) is handler)
signal.raise_signal(signal.SIGUSR1)
print(got)


def alarmed(signum, frame):
    raise TimeoutError("alarm " + signal.Signals(signum).name)


signal.signal(signal.SIGALRM, alarmed)
signal.setitimer(signal.ITIMER_REAL, 0.05)
try:
    while True:
        pass
except TimeoutError as e:
    print("loop stopped:", e)
signal.setitimer(signal.ITIMER_REAL, 0.05)
try:
    time.sleep(3)
except TimeoutError as e:
    print("sleep stopped:", e)
print(signal.alarm(0), signal.getitimer(signal.ITIMER_REAL))


def count(signum, frame):
    got.append(signum)


signal.signal(signal.SIGALRM, count)
signal.setitimer(signal.ITIMER_REAL, 0.02)
n = 0
while len(got) < 2:
    n += 1
print(got)

signal.signal(signal.SIGINT, lambda s, f: print("SIGINT handler got", s))
signal.raise_signal(signal.SIGINT)
signal.signal(signal.SIGINT, signal.default_int_handler)
try:
    signal.raise_signal(signal.SIGINT)
except KeyboardInterrupt:
    print("KeyboardInterrupt")
try:
    signal.default_int_handler(2, None)
except KeyboardInterrupt:
    print("KeyboardInterrupt from default_int_handler")

for bad in (0, 100, -1, signal.SIGKILL, signal.SIGSTOP):
    try:
        signal.signal(bad, handler)
    except (ValueError, OSError) as e:
        print(type(e).__name__, e)
try:
    signal.signal(signal.SIGUSR2, 5)
except TypeError as e:
    print("TypeError", e)
try:
    signal.getsignal("x")
except TypeError as e:
    print("TypeError", e)
print(signal.signal(signal.SIGUSR1, signal.SIG_IGN) is handler)
signal.raise_signal(signal.SIGUSR1)
print(signal.getsignal(signal.SIGUSR1), signal.signal(signal.SIGUSR1, signal.SIG_DFL))
print(got)
