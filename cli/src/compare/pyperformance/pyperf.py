"""pvm's stand-in for the pyperf module, so that pyperformance's benchmark
programs run unchanged, under test and under `pvm compare --pyperformance`:
command-line options take their defaults, each benchmark function runs
once, and what it returned is printed when that is deterministic (floats
are timings, so only their type is shown). Options given as `--name value`
on the command line override the defaults (`--loops N`, as in pyperf, runs
the benchmark N times); when a benchmark wrote the file named by its
`--filename` option, the file's size and a checksum of its bytes are
printed too.

It is also `pvm compare`'s in-process driver for these programs. With
`--values N` (pyperf's option for values per process) each benchmark
function is instead timed N times in this one process, and only the times
are printed, in nanoseconds, one a line: for `bench_func(name, f, *args)`,
the `time.perf_counter_ns()` around `--loops` calls of `f(*args)`; for
`bench_time_func(name, f, *args)`, what `f(loops, *args)` returns (the
seconds it timed itself, as pyperf trusts it), in nanoseconds. Nothing is
divided by `loops` or `inner_loops`: a value is one timed iteration. A
program that registers several functions (scimark's five kernels) prints
N times for each in turn; `pvm compare` adds them up, iteration by
iteration. There is no calibration, no worker process and no warm-up
value: `pvm compare` sees every iteration and analyses warm-up itself."""

import sys
import time

perf_counter = time.perf_counter


def python_implementation():
    return "cpython"


class _Options:
    pass


class _ArgumentParser:
    def __init__(self):
        self.defaults = {}

    def add_argument(self, *names, **options):
        dest = options.get("dest")
        if dest is None:
            dest = names[-1].lstrip("-").replace("-", "_")
        self.defaults[dest] = options.get("default")


def _describe(result):
    if isinstance(result, float):
        return "a float"
    return repr(result)[:300]


def _option(name, default):
    given = sys.argv[1:]
    for i in range(len(given) - 1):
        if given[i] == name:
            return int(given[i + 1])
    return default


def _loops():
    return _option("--loops", 1)


def _values():
    """How many timed values `pvm compare` asked for (0: not timing)."""
    return _option("--values", 0)


class Runner:
    def __init__(self, *args, **options):
        self.metadata = {}
        self.argparser = _ArgumentParser()

    def parse_args(self):
        options = _Options()
        for key, value in self.argparser.defaults.items():
            setattr(options, key, value)
        given = sys.argv[1:]
        for i in range(0, len(given) - 1, 2):
            setattr(options, given[i].lstrip("-").replace("-", "_"), given[i + 1])
        self.options = options
        return options

    def bench_func(self, name, func, *args, inner_loops=None):
        if _values():
            loops = _loops()
            for _ in range(_values()):
                start = time.perf_counter_ns()
                for _ in range(loops):
                    func(*args)
                print(time.perf_counter_ns() - start)
            return
        for _ in range(_loops() - 1):
            func(*args)
        print(name, "returned", _describe(func(*args)))
        self._report_file()

    def bench_time_func(self, name, func, *args, inner_loops=None):
        if _values():
            for _ in range(_values()):
                print(func(_loops(), *args) * 1e9)
            return
        print(name, "returned", _describe(func(_loops(), *args)))
        self._report_file()

    def _report_file(self):
        filename = getattr(getattr(self, "options", None), "filename", None)
        if not filename:
            return
        with open(filename, "rb") as f:
            data = f.read()
        checksum = 0
        for byte in data:
            checksum = (checksum * 31 + byte) % 1000000007
        print("wrote", len(data), "bytes, checksum", checksum)
