"""Shrinks a program on which pvm differs from CPython (or crashes) to a
smaller one that differs in the same way: line-based delta debugging
(ddmin), then single lines or whole compound statements (a header and its
indented body) removed one at a time until nothing more can go.

"The same way" is the oracle's signature: the same configurations differ
from CPython in the same respects (stdout, exit status, last stderr line)
and crash the same way. A candidate CPython rejects as a SyntaxError is
never kept, so the reduced program stays a valid program.

    python3.11 tests/fuzz/reduce.py FAILING.py [-o REDUCED.py] [--pvm PATH]

This module does not decide what a divergence is (oracle.py does) and
does not generate programs.
"""

import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402


def indentation(line):
    return len(line) - len(line.lstrip())


def block_end(lines, i):
    """The index after line i and the lines indented under it (its body,
    when it opens a compound statement)."""
    end = i + 1
    while end < len(lines) and (not lines[end].strip() or indentation(lines[end]) > indentation(lines[i])):
        end += 1
    return end


class Reducer:
    def __init__(self, pvm, time_limit, configurations=oracle.CONFIGURATIONS):
        self.pvm = pvm
        self.time_limit = time_limit
        self.configurations = configurations
        self.dir = tempfile.mkdtemp(prefix="pvm-reduce-")
        self.tests = 0

    def verdict(self, lines):
        path = os.path.join(self.dir, "candidate.py")
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(lines))
        self.tests += 1
        return oracle.judge(self.pvm, path, self.dir, self.time_limit, configurations=self.configurations)

    def keeps(self, lines, signature):
        verdict = self.verdict(lines)
        if verdict is None or not verdict.diverges():
            return False
        if verdict.cpython.last_err.startswith(("SyntaxError", "IndentationError")):
            return False
        return verdict.signature() == signature

    def reduce(self, lines):
        first = self.verdict(lines)
        if first is None or not first.diverges():
            raise SystemExit("the program does not diverge: nothing to reduce")
        signature = first.signature()
        lines = self.ddmin(lines, signature)
        # one line, or one compound statement with its indented body, at a
        # time, last first, until a whole pass removes nothing
        changed = True
        while changed:
            changed = False
            for i in reversed(range(len(lines))):
                if i >= len(lines):
                    continue
                for end in sorted({i + 1, block_end(lines, i)}, reverse=True):
                    candidate = lines[:i] + lines[end:]
                    if self.keeps(candidate, signature):
                        lines = candidate
                        changed = True
                        break
        return lines, signature

    def ddmin(self, lines, signature):
        n = 2
        while len(lines) >= 2:
            chunk = max(1, len(lines) // n)
            removed = False
            for start in range(0, len(lines), chunk):
                complement = lines[:start] + lines[start + chunk :]
                if complement and self.keeps(complement, signature):
                    lines = complement
                    n = max(n - 1, 2)
                    removed = True
                    break
            if not removed:
                if chunk == 1:
                    break
                n = min(len(lines), n * 2)
        return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("program")
    parser.add_argument("-o", "--output", help="where to write the reduced program (default: PROGRAM.reduced.py)")
    parser.add_argument("--pvm", default=oracle.default_pvm())
    parser.add_argument("--time-limit", type=int, default=10)
    args = parser.parse_args()
    with open(args.program, encoding="utf-8") as f:
        lines = f.readlines()
    reducer = Reducer(os.path.abspath(args.pvm), args.time_limit)
    reduced, signature = reducer.reduce(lines)
    output = args.output or args.program.removesuffix(".py") + ".reduced.py"
    with open(output, "w", encoding="utf-8") as f:
        f.write("".join(reduced))
    print(f"{len(lines)} -> {len(reduced)} lines in {reducer.tests} runs; differs as {signature}; wrote {output}")


if __name__ == "__main__":
    main()
