#!/usr/bin/env python3.11
"""Runs a collection of real Python programs on CPython 3.11 and on pvm's
backends, and reports how many print what CPython prints.

A program is in the measure when it is deterministic and needs nothing
beyond CPython's standard library: CPython runs it twice (stdin empty,
from the program's own folder, within --timeout seconds of CPU time),
exits with status 0 both times and prints the same both times. Programs that import a
third-party package, read the network, take too long or print something
different from run to run are left out, with the reason counted.

For each backend a program passes when its stdout and exit status equal
CPython's. The summary lists the pass rate per backend and, for the
failures, the most frequent last lines of pvm's stderr (the first thing
pvm lacks, usually).

    python3.11 tests/real/run.py DIR [DIR ...] [--pvm target/release/pvm]
        [--backends switch,threaded,jit] [--jobs 2] [--timeout 5]
        [--list-failures] [--save FILE]

It does not fetch programs; see README.md, "Real programs", for the
collections measured and how to get them.
"""

import argparse
import collections
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import threading


def run(command, cwd, timeout):
    """(exit status, stdout, last stderr line, CPU seconds), or None when it
    ran past `timeout` seconds of wall time."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1"),
        )
        killed = threading.Event()

        def kill():
            killed.set()
            process.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        if killed.is_set():
            return None
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return process.returncode, stdout, lines[-1] if lines else "", usage.ru_utime + usage.ru_stime


def programs(paths):
    found = []
    for path in paths:
        if os.path.isfile(path):
            found.append(os.path.abspath(path))
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.endswith(".py") and name != "__init__.py" and not name.startswith("test_"):
                    found.append(os.path.abspath(os.path.join(folder, name)))
    return found


def measure(program, args):
    folder, name = os.path.split(program)
    # Selected by CPU time, so that a busy machine selects the same programs;
    # wall time is only a backstop against hangs.
    wall = 4 * args.timeout + 10
    first = run([args.cpython, name], folder, wall)
    if first is None or first[3] > args.timeout:
        return program, "too slow on CPython", None
    if first[0] != 0:
        if "ModuleNotFoundError" in first[2] or "ImportError" in first[2]:
            return program, "needs a package CPython lacks", None
        return program, "fails on CPython", None
    second = run([args.cpython, name], folder, wall)
    if second is None or second[:2] != first[:2]:
        return program, "not deterministic", None
    outcomes = {}
    for backend in args.backends:
        got = run([args.pvm, "run", "--backend", backend, name], folder, 10 * args.timeout + 10)
        if got is None:
            outcomes[backend] = "timed out"
        elif got[:2] == first[:2]:
            outcomes[backend] = "pass"
        else:
            outcomes[backend] = got[2] or ("exit status %d, stdout differs" % got[0])
    return program, "measured", outcomes


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--cpython", default="/usr/bin/python3.11")
    parser.add_argument("--pvm", default=os.path.join(os.path.dirname(__file__), "../../target/release/pvm"))
    parser.add_argument("--backends", default="switch,threaded,jit")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=5.0, help="CPU seconds CPython may take")
    parser.add_argument("--list-failures", action="store_true")
    parser.add_argument("--save", help="write every program's outcome to this JSON file")
    args = parser.parse_args()
    args.backends = args.backends.split(",")
    args.pvm = os.path.abspath(args.pvm)
    if not os.access(args.pvm, os.X_OK):
        sys.exit("no pvm binary at %s: cargo build --release, or pass --pvm" % args.pvm)
    found = programs(args.paths)
    results = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for result in pool.map(lambda p: measure(p, args), found):
            results.append(result)
    left_out = collections.Counter(why for _, why, _ in results if why != "measured")
    measured = [(p, o) for p, why, o in results if why == "measured"]
    print("%d programs found; %d measured (deterministic, standard library only, CPython under %gs)" % (len(found), len(measured), args.timeout))
    for why, count in left_out.most_common():
        print("  left out, %s: %d" % (why, count))
    for backend in args.backends:
        passed = sum(1 for _, o in measured if o[backend] == "pass")
        share = 100.0 * passed / len(measured) if measured else 0.0
        print("%-9s %d of %d print what CPython prints (%.1f%%)" % (backend, passed, len(measured), share))
    reasons = collections.Counter(o[args.backends[0]] for _, o in measured if o[args.backends[0]] != "pass")
    print("most frequent failures on %s (last stderr line):" % args.backends[0])
    for reason, count in reasons.most_common(25):
        print("  %4d  %s" % (count, reason[:140]))
    if args.list_failures:
        for program, outcome in measured:
            if any(v != "pass" for v in outcome.values()):
                print("%s: %s" % (program, outcome))
    if args.save:
        with open(args.save, "w") as out:
            json.dump([{"program": p, "selection": why, "outcomes": o} for p, why, o in results], out, indent=1)


if __name__ == "__main__":
    main()
