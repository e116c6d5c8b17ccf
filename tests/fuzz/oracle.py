"""The differential oracle: runs one program on CPython 3.11 and on every
pvm configuration (each backend, the JIT both at its default threshold and
at 0), and says how they differ, and whether pvm crashed.

What is compared is what the conformance corpus compares: stdout, exit
status, and the last non-empty line of stderr. A crash is an internal error
or panic message, death by a signal, an exit status other than 0 or 1, or
a run our own hard time limit had to kill (pvm's `--time-limit` should have
stopped it first).

This module runs processes and classifies results; it does not generate,
mutate or reduce programs.
"""

import os
import resource
import shutil
import subprocess
from dataclasses import dataclass

PYTHON = os.environ.get("PVM_PYTHON", "/usr/bin/python3.11")

# (label, extra pvm arguments); the switch is the reference backend
CONFIGURATIONS = [
    ("switch", ["--backend", "switch"]),
    ("threaded", ["--backend", "threaded"]),
    ("jit", ["--backend", "jit"]),
    ("jit0", ["--backend", "jit", "--jit-threshold", "0"]),
]


@dataclass
class Result:
    stdout: bytes
    status: int  # negative: killed by that signal; None never
    last_err: str
    stderr: str
    hung: bool = False

    def summary(self):
        return (self.stdout, self.status, self.last_err)


def last_line(text):
    for line in reversed(text.splitlines()):
        if line.strip():
            return line
    return ""


def limit_memory():
    """CPython has no --memory-limit: a program that doubles a string in a
    loop gets a MemoryError at 2 GiB instead of the machine's memory."""
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def execute(argv, cwd, timeout, stdin=subprocess.DEVNULL, preexec_fn=None):
    try:
        p = subprocess.run(argv, cwd=cwd, stdin=stdin, capture_output=True, timeout=timeout, preexec_fn=preexec_fn)
    except subprocess.TimeoutExpired as e:
        return Result(e.stdout or b"", -9, "", (e.stderr or b"").decode("utf-8", "replace"), hung=True)
    stderr = p.stderr.decode("utf-8", "replace")
    status = p.returncode
    last = last_line(stderr) if status != 0 else ""
    return Result(p.stdout, status, last, stderr)


def run_cpython(path, cwd, timeout):
    return execute([PYTHON, path], cwd, timeout, preexec_fn=limit_memory)


def run_pvm(pvm, configuration, path, cwd, time_limit, extra=()):
    label, args = configuration
    argv = [pvm, "run", *args, "--time-limit", str(time_limit), "--memory-limit", "512M", *extra, path]
    # our own limit is a backstop: pvm's --time-limit must stop it first
    return execute(argv, cwd, time_limit * 3 + 10)


def crash_kind(result):
    """None, or why this run counts as a crash."""
    if result.hung:
        return "hang"
    if "internal error" in result.stderr or "panicked" in result.stderr:
        return "internal error"
    if result.status < 0:
        return f"signal {-result.status}"
    if result.status not in (0, 1):
        return f"exit status {result.status}"
    return None


def difference_kinds(expected, actual):
    """What differs between two results: a sorted tuple of 'stdout',
    'exit status', 'stderr'."""
    kinds = []
    if expected.stdout != actual.stdout:
        kinds.append("stdout")
    if expected.status != actual.status:
        kinds.append("exit status")
    if expected.last_err != actual.last_err:
        kinds.append("stderr")
    return tuple(kinds)


def first_difference(expected, actual):
    """The first line where two outputs differ, as (expected, actual);
    None past the end of one."""
    e, a = expected.splitlines(), actual.splitlines()
    for x, y in zip(e, a):
        if x != y:
            return (x, y)
    return (e[len(a)] if len(e) > len(a) else None, a[len(e)] if len(a) > len(e) else None)


@dataclass
class Verdict:
    """How one program fared: per configuration, the kinds of difference
    from CPython (empty: agrees) and the crash, if any."""

    cpython: Result
    results: dict
    differences: dict
    crashes: dict

    def signature(self):
        """What a reducer keeps: which configurations differ, how, the
        first line of stdout that differs (so that reducing does not drift
        to another bug that also changes stdout), and which crash."""
        return (
            tuple(sorted((label, kinds) for label, kinds in self.differences.items() if kinds)),
            tuple(sorted((label, first_difference(self.cpython.stdout, self.results[label].stdout)) for label, kinds in self.differences.items() if "stdout" in kinds)),
            tuple(sorted(self.crashes.items())),
        )

    def diverges(self):
        return any(self.differences.values()) or bool(self.crashes)

    def backends_disagree(self):
        """True when pvm's configurations do not all print the same."""
        summaries = {r.summary() for r in self.results.values()}
        return len(summaries) > 1


# seconds CPython gets: a generated program that takes longer is skipped
CPYTHON_LIMIT = 3


def out_of_memory(result):
    """Whether a run met a MemoryError, caught (a generated program prints
    `error MemoryError`) or not."""
    return b"MemoryError" in result.stdout or "MemoryError" in result.last_err


def judge(pvm, path, cwd, time_limit, cpython=None, configurations=CONFIGURATIONS):
    """Runs `path` everywhere; None when CPython itself does not finish in
    CPYTHON_LIMIT seconds or runs out of its 2 GiB (the program is then of
    no use: where it stops depends on the limits, and pvm's differ)."""
    if cpython is None:
        cpython = run_cpython(path, cwd, min(time_limit, CPYTHON_LIMIT))
    if cpython.hung or out_of_memory(cpython):
        return None
    results, differences, crashes = {}, {}, {}
    for configuration in configurations:
        label = configuration[0]
        result = run_pvm(pvm, configuration, path, cwd, time_limit)
        results[label] = result
        differences[label] = difference_kinds(cpython, result)
        kind = crash_kind(result)
        if kind:
            crashes[label] = kind
    return Verdict(cpython, results, differences, crashes)


def default_pvm():
    here = os.path.dirname(os.path.abspath(__file__))
    for build in ("release", "debug"):
        candidate = os.path.join(here, "..", "..", "target", build, "pvm")
        if os.path.exists(candidate):
            return os.path.normpath(candidate)
    return shutil.which("pvm")
