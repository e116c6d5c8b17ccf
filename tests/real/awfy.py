#!/usr/bin/env python3.11
"""Runs the Python port of the are-we-fast-yet benchmarks
(https://github.com/smarr/are-we-fast-yet, benchmarks/Python) through
their own harness, unchanged, on CPython 3.11 and on pvm's backends.

    python3.11 tests/real/awfy.py PATH/TO/are-we-fast-yet/benchmarks/Python
        [--pvm target/release/pvm] [--backends switch,threaded,jit]
        [--iterations 1] [--inner 1]

Each benchmark runs as `harness.py NAME ITERATIONS INNER`, INNER as the
suite's own test configuration (test.conf) gives it (10 for CD, else 1)
unless --inner says otherwise; it passes when
it exits with status 0 and prints what CPython prints once the measured
times (`...us`) are blanked out. The harness itself checks each
benchmark's result and raises when it is wrong.
"""

import argparse
import os
import re
import subprocess
import sys

BENCHMARKS = [
    "Bounce", "CD", "DeltaBlue", "Havlak", "Json", "List", "Mandelbrot",
    "NBody", "Permute", "Queens", "Richards", "Sieve", "Storage", "Towers",
]


def run(command, cwd):
    done = subprocess.run(command, cwd=cwd, capture_output=True, timeout=600)
    out = re.sub(rb"\d+us", b"_us", done.stdout)
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
    return done.returncode, out, lines[-1] if lines else ""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder")
    parser.add_argument("--cpython", default="/usr/bin/python3.11")
    parser.add_argument("--pvm", default=os.path.join(os.path.dirname(__file__), "../../target/release/pvm"))
    parser.add_argument("--backends", default="switch,threaded,jit")
    parser.add_argument("--iterations", default="1")
    parser.add_argument("--inner", help="inner iterations for every benchmark")
    args = parser.parse_args()
    pvm = os.path.abspath(args.pvm)
    backends = args.backends.split(",")
    passed = {backend: 0 for backend in backends}
    print("%-11s %s" % ("benchmark", "  ".join("%-9s" % b for b in backends)))
    for name in BENCHMARKS:
        inner = args.inner or {"CD": "10"}.get(name, "1")
        harness = ["harness.py", name, args.iterations, inner]
        expected = run([args.cpython] + harness, args.folder)
        if expected[0] != 0:
            sys.exit("%s fails on CPython: %s" % (name, expected[2]))
        cells = []
        for backend in backends:
            got = run([pvm, "run", "--backend", backend] + harness, args.folder)
            if got[:2] == expected[:2]:
                passed[backend] += 1
                cells.append("pass     ")
            else:
                cells.append("FAIL     ")
                print("  %s on %s: %s" % (name, backend, got[2] or "output differs"), file=sys.stderr)
        print("%-11s %s" % (name, "  ".join(cells)))
    for backend in backends:
        print("%s: %d of %d run through their harness as on CPython" % (backend, passed[backend], len(BENCHMARKS)))
    sys.exit(0 if all(v == len(BENCHMARKS) for v in passed.values()) else 1)


if __name__ == "__main__":
    main()
