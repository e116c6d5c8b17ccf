"""The fuzzer's command line: runs a batch and prints a summary.

    python3.11 tests/fuzz/run.py generate --seeds 1000 --start N   # differential
    python3.11 tests/fuzz/run.py mutate --count 10000 --start N    # damaged source
    python3.11 tests/fuzz/run.py cache --count 2000 --start N      # forged .pyc files

`generate` runs generated programs (generate.py) on CPython 3.11 and on
every pvm configuration and counts differences by kind; `--reduce` shrinks
each divergent program (reduce.py). `mutate` damages the conformance
programs' source text and `cache` forges the cache files pvm writes for
them; both only require that pvm never crash (oracle.crash_kind: no
internal error, panic, signal, hang, or exit status other than 0 and 1),
and they also count where pvm's backends disagree with each other. Failing
programs are written under `--out`. The exit status is 1 when anything
diverged or crashed, so a fixed batch can be a test (cli/tests/fuzz.rs).

This module orchestrates and counts; what differs is oracle.py's call,
what programs look like is generate.py's and mutate.py's.
"""

import argparse
import collections
import concurrent.futures
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate  # noqa: E402
import mutate  # noqa: E402
import oracle  # noqa: E402
import reduce  # noqa: E402

CONFORMANCE = os.path.normpath(os.path.join(HERE, "..", "conformance"))


class Tally:
    def __init__(self):
        self.counts = collections.Counter()
        self.failures = []  # (name, description)

    def fail(self, name, description):
        self.failures.append((name, description))


def save(out, name, files, note):
    folder = os.path.join(out, name)
    os.makedirs(folder, exist_ok=True)
    for filename, data in files.items():
        with open(os.path.join(folder, filename), "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    with open(os.path.join(folder, "NOTE.txt"), "w", encoding="utf-8") as f:
        f.write(note + "\n")
    return folder


def describe(verdict):
    lines = []
    for label, kinds in verdict.differences.items():
        result = verdict.results[label]
        if kinds or label in verdict.crashes:
            lines.append(f"  {label}: differs in {', '.join(kinds) or 'nothing'}; crash: {verdict.crashes.get(label)}; status {result.status}; last stderr: {result.last_err!r}")
    lines.append(f"  cpython: status {verdict.cpython.status}; last stderr: {verdict.cpython.last_err!r}")
    return "\n".join(lines)


def first_stdout_difference(expected, actual):
    e, a = expected.decode("utf-8", "replace").splitlines(), actual.decode("utf-8", "replace").splitlines()
    for i, (x, y) in enumerate(zip(e, a)):
        if x != y:
            return f"line {i + 1}: CPython {x[:200]!r}, pvm {y[:200]!r}"
    return f"CPython printed {len(e)} lines, pvm {len(a)}"


# --- generated programs ---------------------------------------------------


def one_generated(args, seed):
    source = generate.generate(seed, args.without)
    work = tempfile.mkdtemp(prefix=f"pvm-fuzz-{seed}-")
    try:
        path = os.path.join(work, f"seed{seed}.py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(source)
        return seed, source, oracle.judge(args.pvm, path, work, args.time_limit)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_generated(args, tally):
    seeds = range(args.start, args.start + args.seeds)
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for seed, source, verdict in pool.map(lambda s: one_generated(args, s), seeds):
            if verdict is None:
                tally.counts["skipped (CPython took too long or ran out of memory)"] += 1
                continue
            tally.counts["programs"] += 1
            if verdict.backends_disagree():
                tally.counts["programs where pvm backends disagree"] += 1
            if not verdict.diverges():
                continue
            tally.counts["divergent programs"] += 1
            for label, kinds in verdict.differences.items():
                for kind in kinds:
                    tally.counts[f"divergence: {label}: {kind}"] += 1
            for label, kind in verdict.crashes.items():
                tally.counts[f"crash: {label}: {kind}"] += 1
            note = f"seed {seed}\n{describe(verdict)}"
            for label, kinds in verdict.differences.items():
                if "stdout" in kinds:
                    note += f"\n  {label} stdout: {first_stdout_difference(verdict.cpython.stdout, verdict.results[label].stdout)}"
            files = {f"seed{seed}.py": source}
            if args.reduce:
                reducer = reduce.Reducer(args.pvm, args.time_limit)
                reduced, _ = reducer.reduce(source.splitlines(keepends=True))
                files[f"seed{seed}.reduced.py"] = "".join(reduced)
                note += f"\n  reduced to {len(reduced)} lines"
            folder = save(args.out, f"seed{seed}", files, note)
            tally.fail(f"seed {seed}", f"{note}\n  saved in {folder}")


# --- damaged source -------------------------------------------------------


def conformance_programs(failing=True):
    """The conformance corpus's programs, but those that end with an exit
    status other than 0 or 1 of their own (`sys.exit(3)`), which would
    read as crashes; with failing=False also without those expected to
    fail (they write no cache file)."""
    names = []
    for name in sorted(os.listdir(CONFORMANCE)):
        if not name.endswith(".py"):
            continue
        stem = os.path.join(CONFORMANCE, name[:-3])
        status = 0
        if os.path.exists(stem + ".err"):
            status = int(open(stem + ".err").readline().split()[1])
        if status == 0 or (failing and status == 1):
            names.append(stem + ".py")
    return names


def timed_out(result):
    return result.last_err.startswith(("TimeoutError", "MemoryError", "RecursionError"))


def run_everywhere(args, argv_tail, cwd, prepare=None, only=None):
    """Runs `pvm run ... argv_tail` on every configuration (or the one
    labelled `only`); `prepare` is called before each run (to restore a
    file a run may have rewritten)."""
    results = {}
    for configuration in oracle.CONFIGURATIONS:
        if only and configuration[0] != only:
            continue
        if prepare:
            prepare()
        label, options = configuration
        argv = [args.pvm, "run", *options, "--time-limit", str(args.time_limit), "--memory-limit", "512M", *argv_tail]
        results[label] = oracle.execute(argv, cwd, args.time_limit * 3 + 10)
    return results


ADDRESS = re.compile(rb" at 0x[0-9a-f]+")


def comparable_summary(result):
    """What backends must agree on: the oracle's summary with object
    addresses (`<function f at 0x...>`, which each backend allocates
    differently, as two CPython builds would) blanked out."""
    stdout, status, last_err = result.summary()
    return ADDRESS.sub(b" at 0x?", stdout), status, ADDRESS.sub(b" at 0x?", last_err.encode()).decode()


def count_results(tally, name, results, files, args, what, rerun=None):
    crashed = {label: oracle.crash_kind(r) for label, r in results.items() if oracle.crash_kind(r)}
    for label, kind in crashed.items():
        tally.counts[f"crash: {label}: {kind}"] += 1
    # a program stopped by a limit may stop at a different point per backend
    comparable = not any(timed_out(r) for r in results.values())
    disagree = comparable and len({comparable_summary(r) for r in results.values()}) > 1
    if disagree and rerun is not None and comparable_summary(rerun()) != comparable_summary(results["switch"]):
        # the program itself varies from run to run (a mutant that lost
        # its random.seed call): not the backends' doing
        tally.counts["nondeterministic programs"] += 1
        disagree = False
    if disagree:
        tally.counts["pvm backends disagree"] += 1
    if crashed or disagree:
        lines = [f"{name}: {what}"]
        for label, r in results.items():
            lines.append(f"  {label}: status {r.status}; crash {crashed.get(label)}; last stderr {r.last_err!r}")
            if label in crashed:
                lines.append("    " + r.stderr.strip().replace("\n", "\n    ")[-1500:])
        note = "\n".join(lines)
        folder = save(args.out, name, files, note)
        tally.fail(name, f"{note}\n  saved in {folder}")


def one_mutation(args, programs, index):
    rng = random.Random(index)
    program = rng.choice(programs)
    with open(program, encoding="utf-8", errors="surrogateescape") as f:
        text = f.read()
    damaged, what = mutate.mutate_source(rng, text)
    work = tempfile.mkdtemp(prefix=f"pvm-mutate-{index}-")
    try:
        path = os.path.join(work, "mutant.py")
        with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(damaged)
        results = run_everywhere(args, [path], work)
        disagree = len({comparable_summary(r) for r in results.values()}) > 1
        rerun = run_everywhere(args, [path], work, only="switch")["switch"] if disagree else None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return index, os.path.basename(program), what, damaged, results, rerun


def run_mutated(args, tally):
    programs = conformance_programs()
    indices = range(args.start, args.start + args.count)
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for index, program, what, damaged, results, rerun in pool.map(lambda i: one_mutation(args, programs, i), indices):
            tally.counts["mutated programs"] += 1
            tally.counts[f"mutants the switch ran to exit status {results['switch'].status}"] += 1
            count_results(tally, f"mutant{index}", results, {"mutant.py": damaged}, args, f"{program}: {what}", rerun and (lambda: rerun))


# --- forged cache files ---------------------------------------------------

CACHE_NAME = "m.pvm-1.pyc"


def cache_base(args, program, cache):
    """A folder with `m.py` (the program) and `main.py` importing it, and
    the cache file pvm wrote for `m`; memoised per program."""
    if program in cache:
        return cache[program]
    work = tempfile.mkdtemp(prefix="pvm-cache-base-")
    shutil.copy(program, os.path.join(work, "m.py"))
    with open(os.path.join(work, "main.py"), "w") as f:
        f.write("import m\n")
    subprocess.run([args.pvm, "run", "--backend", "switch", "--time-limit", str(args.time_limit), "main.py"], cwd=work, capture_output=True)
    pyc = os.path.join(work, "__pycache__", CACHE_NAME)
    data = open(pyc, "rb").read() if os.path.exists(pyc) else None
    if data is not None and not mutate.checksum_ok(data):
        raise SystemExit(f"mutate.checksum disagrees with the cache file pvm wrote for {program}: port frontend/src/pyc.rs's checksum again")
    cache[program] = (work, data)
    return cache[program]


def one_forgery(args, programs, bases, index):
    rng = random.Random(index)
    program = rng.choice(programs)
    base, original = cache_base(args, program, bases)
    if original is None:
        return index, program, None, None, None
    forged, what = mutate.mutate_pyc(rng, original)
    work = tempfile.mkdtemp(prefix=f"pvm-forge-{index}-")
    try:
        shutil.copy(os.path.join(base, "m.py"), os.path.join(work, "m.py"))
        shutil.copystat(os.path.join(base, "m.py"), os.path.join(work, "m.py"))
        shutil.copy(os.path.join(base, "main.py"), os.path.join(work, "main.py"))
        os.makedirs(os.path.join(work, "__pycache__"))
        pyc = os.path.join(work, "__pycache__", CACHE_NAME)

        def restore():
            with open(pyc, "wb") as f:
                f.write(forged)

        # as an import (a rejected file is recompiled and rewritten, so the
        # forgery is put back before each run), and run directly
        imported = run_everywhere(args, ["-v", "main.py"], work, restore)
        restore()
        direct = run_everywhere(args, [pyc], work, restore)
        dis = oracle.execute([args.pvm, "dis", pyc], work, 60)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return index, program, what, forged, (imported, direct, dis)


def run_forged(args, tally):
    programs = conformance_programs(failing=False)
    bases = {}
    indices = range(args.start, args.start + args.count)
    try:
        # the base cache files are made one at a time, then shared
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            for p in sorted({random.Random(i).choice(programs) for i in indices}):
                cache_base(args, p, bases)
            for index, program, what, forged, runs in pool.map(lambda i: one_forgery(args, programs, bases, i), indices):
                if runs is None:
                    tally.counts["no cache file written (program failed to compile)"] += 1
                    continue
                imported, direct, dis = runs
                tally.counts["forged cache files"] += 1
                accepted = "recompiling" not in imported["switch"].stderr
                tally.counts["forgeries the import accepted" if accepted else "forgeries the import rejected"] += 1
                name = os.path.basename(program)
                files = {"m.py": open(program, "rb").read(), "main.py": "import m\n", CACHE_NAME: forged}
                count_results(tally, f"forged{index}-import", imported, files, args, f"{name}: import of a cache file: {what}")
                count_results(tally, f"forged{index}-direct", direct, files, args, f"{name}: running the cache file: {what}")
                kind = oracle.crash_kind(dis)
                if kind:
                    tally.counts[f"crash: pvm dis: {kind}"] += 1
                    folder = save(args.out, f"forged{index}-dis", files, f"pvm dis crashed: {kind}\n{dis.stderr[-1500:]}")
                    tally.fail(f"forged{index}-dis", f"pvm dis: {kind}, saved in {folder}")
    finally:
        for work, _ in bases.values():
            shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["generate", "mutate", "cache"], nargs="?", default="generate")
    parser.add_argument("--seeds", type=int, default=100, help="generate: how many programs")
    parser.add_argument("--count", type=int, default=1000, help="mutate, cache: how many mutants")
    parser.add_argument("--start", type=int, default=0, help="first seed")
    parser.add_argument("--without", default="", help=f"generate: feature families to leave out, comma-separated ({', '.join(generate.FAMILIES)})")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--time-limit", type=int, default=10, help="seconds per run")
    parser.add_argument("--pvm", default=oracle.default_pvm())
    parser.add_argument("--out", default=os.path.join(tempfile.gettempdir(), "pvm-fuzz-failures"))
    parser.add_argument("--reduce", action="store_true", help="generate: shrink each divergent program")
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    args = parser.parse_args()
    args.without = [f for f in args.without.split(",") if f]
    if not args.pvm or not os.path.exists(args.pvm):
        sys.exit("no pvm binary: build one (cargo build -p pvm --release) or pass --pvm")
    args.pvm = os.path.abspath(args.pvm)
    args.out = os.path.abspath(args.out)
    started = time.monotonic()
    tally = Tally()
    {"generate": run_generated, "mutate": run_mutated, "cache": run_forged}[args.mode](args, tally)
    elapsed = time.monotonic() - started
    if not args.quiet:
        for name, description in tally.failures:
            print(f"FAIL {name}\n{description}\n")
    first = args.start
    last = args.start + (args.seeds if args.mode == "generate" else args.count) - 1
    print(f"pvm fuzz {args.mode}: seeds {first}..{last}, {elapsed:.0f} s, pvm {args.pvm}")
    for key in sorted(tally.counts):
        print(f"  {key}: {tally.counts[key]}")
    crashes = sum(v for k, v in tally.counts.items() if k.startswith("crash"))
    print(f"  crashes: {crashes}; failing cases: {len(tally.failures)}")
    sys.exit(1 if tally.failures else 0)


if __name__ == "__main__":
    main()
