"""pvm's stand-in for the pyperf module, so that pyperformance's benchmark
programs run unchanged under test: command-line options take their defaults,
each benchmark function runs once, and what it returned is printed when that
is deterministic (floats are timings, so only their type is shown).
Options given as `--name value` on the command line override the defaults
(`--loops N`, as in pyperf, runs the benchmark N times, for timing runs);
when a benchmark wrote the file named by its `--filename` option, the
file's size and a checksum of its bytes are printed too."""

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


def _loops():
    given = sys.argv[1:]
    for i in range(len(given) - 1):
        if given[i] == "--loops":
            return int(given[i + 1])
    return 1


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
        for _ in range(_loops() - 1):
            func(*args)
        print(name, "returned", _describe(func(*args)))
        self._report_file()

    def bench_time_func(self, name, func, *args, inner_loops=None):
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
