"""Testing the examples in docstrings: the `doctest` module.

pvm's own version, until CPython's runs (it needs `inspect`, `pdb` and
`unittest`, which need `ast`, `io.TextIOWrapper` and frame objects pvm does
not have yet). It provides `testmod`, `run_docstring_examples`, the option
flags and `TestResults`: examples are found in the docstrings of a module,
its functions and classes (and their methods, static and class methods and
properties) and `__test__`, run in a copy of the module's globals with the
output captured, and compared as CPython compares them (`<BLANKLINE>`,
`ELLIPSIS`, `NORMALIZE_WHITESPACE`, `IGNORE_EXCEPTION_DETAIL`, `SKIP`,
expected tracebacks), with CPython's reports and summary. Not provided:
the classes (`DocTestFinder`, `DocTestRunner`, ...), `testfile`, the
unittest integration, the diff report flags (accepted, reported plainly)
and the debugger; the traceback shown for an unexpected exception names
only the exception, not the frames.
"""

import re
import sys
from collections import namedtuple

__all__ = [
    "testmod", "run_docstring_examples", "TestResults", "register_optionflag",
    "DONT_ACCEPT_TRUE_FOR_1", "DONT_ACCEPT_BLANKLINE", "NORMALIZE_WHITESPACE",
    "ELLIPSIS", "SKIP", "IGNORE_EXCEPTION_DETAIL", "COMPARISON_FLAGS",
    "REPORT_UDIFF", "REPORT_CDIFF", "REPORT_NDIFF", "REPORT_ONLY_FIRST_FAILURE",
    "REPORTING_FLAGS", "FAIL_FAST",
]

TestResults = namedtuple("TestResults", "failed attempted")

OPTIONFLAGS_BY_NAME = {}


def register_optionflag(name):
    return OPTIONFLAGS_BY_NAME.setdefault(name, 1 << len(OPTIONFLAGS_BY_NAME))


DONT_ACCEPT_TRUE_FOR_1 = register_optionflag("DONT_ACCEPT_TRUE_FOR_1")
DONT_ACCEPT_BLANKLINE = register_optionflag("DONT_ACCEPT_BLANKLINE")
NORMALIZE_WHITESPACE = register_optionflag("NORMALIZE_WHITESPACE")
ELLIPSIS = register_optionflag("ELLIPSIS")
SKIP = register_optionflag("SKIP")
IGNORE_EXCEPTION_DETAIL = register_optionflag("IGNORE_EXCEPTION_DETAIL")
COMPARISON_FLAGS = (DONT_ACCEPT_TRUE_FOR_1 | DONT_ACCEPT_BLANKLINE |
                    NORMALIZE_WHITESPACE | ELLIPSIS | SKIP |
                    IGNORE_EXCEPTION_DETAIL)
REPORT_UDIFF = register_optionflag("REPORT_UDIFF")
REPORT_CDIFF = register_optionflag("REPORT_CDIFF")
REPORT_NDIFF = register_optionflag("REPORT_NDIFF")
REPORT_ONLY_FIRST_FAILURE = register_optionflag("REPORT_ONLY_FIRST_FAILURE")
FAIL_FAST = register_optionflag("FAIL_FAST")
REPORTING_FLAGS = (REPORT_UDIFF | REPORT_CDIFF | REPORT_NDIFF |
                   REPORT_ONLY_FIRST_FAILURE | FAIL_FAST)

BLANKLINE_MARKER = "<BLANKLINE>"
ELLIPSIS_MARKER = "..."
_DIVIDER = "*" * 70

# ----- parsing ---------------------------------------------------------------

# An example: a `>>>` line and its `...` continuations, then the lines of
# expected output up to a blank line or the next `>>>`.
_EXAMPLE = re.compile(r"""
    (?P<source>(?:^(?P<indent>[ ]*)>>>.*)(?:\n[ ]*\.\.\..*)*)
    \n?
    (?P<want>(?:(?![ ]*$)(?![ ]*>>>).+$\n?)*)
    """, re.MULTILINE | re.VERBOSE)

# An expected traceback: its header, then the exception's message, the
# first line after it that starts with a word character.
_TRACEBACK = re.compile(r"""
    ^(?P<hdr>Traceback\ \((?:most\ recent\ call\ last|innermost\ last)\):)
    \s*$(?P<stack>.*?)^(?P<msg>\w+.*)
    """, re.VERBOSE | re.MULTILINE | re.DOTALL)

_DIRECTIVE = re.compile(r"#\s*doctest:\s*([^\n\'\"]*)$", re.MULTILINE)
_BLANK_OR_COMMENT = re.compile(r"^[ ]*(#.*)?$")


class _Example:
    def __init__(self, source, want, exc_msg, lineno, options):
        if not source.endswith("\n"):
            source += "\n"
        if want and not want.endswith("\n"):
            want += "\n"
        if exc_msg is not None and not exc_msg.endswith("\n"):
            exc_msg += "\n"
        self.source = source
        self.want = want
        self.exc_msg = exc_msg
        self.lineno = lineno
        self.options = options


class _Test:
    def __init__(self, examples, globs, name, filename, lineno):
        self.examples = examples
        self.globs = globs
        self.name = name
        self.filename = filename
        self.lineno = lineno

    def _key(self):
        return (self.name, self.filename or "", -1 if self.lineno is None else self.lineno)


def _min_indent(text):
    indents = [len(m) for m in re.findall(r"(?m)^([ ]*)\S", text)]
    return min(indents) if indents else 0


def _options(source, name, lineno):
    options = {}
    for m in _DIRECTIVE.finditer(source):
        for option in m.group(1).replace(",", " ").split():
            if option[:1] not in "+-" or option[1:] not in OPTIONFLAGS_BY_NAME:
                raise ValueError(
                    f"line {lineno + 1} of the doctest for {name} has an "
                    f"invalid option: {option!r}")
            options[OPTIONFLAGS_BY_NAME[option[1:]]] = option[0] == "+"
    if options and _BLANK_OR_COMMENT.match(source):
        raise ValueError(
            f"line {lineno} of the doctest for {name} has an option "
            f"directive on a line with no example: {source!r}")
    return options


def _parse(text, name):
    text = text.expandtabs()
    indent = _min_indent(text)
    if indent > 0:
        text = "\n".join(line[indent:] for line in text.split("\n"))
    examples = []
    charno = lineno = 0
    for m in _EXAMPLE.finditer(text):
        lineno += text.count("\n", charno, m.start())
        example_indent = len(m.group("indent"))
        source_lines = m.group("source").split("\n")
        source = "\n".join(line[example_indent + 4:] for line in source_lines)
        want = m.group("want")
        want_lines = want.split("\n")
        if len(want_lines) > 1 and re.match(r" *$", want_lines[-1]):
            del want_lines[-1]
        want = "\n".join(line[example_indent:] for line in want_lines)
        traceback = _TRACEBACK.match(want)
        exc_msg = traceback.group("msg") if traceback else None
        options = _options(source, name, lineno)
        if not _BLANK_OR_COMMENT.match(source):
            examples.append(_Example(source, want, exc_msg, lineno, options))
        lineno += text.count("\n", m.start(), m.end())
        charno = m.end()
    return examples

# ----- finding ---------------------------------------------------------------


def _is_routine(obj):
    while hasattr(obj, "__wrapped__") and callable(obj):
        obj = obj.__wrapped__
    return callable(obj) and not isinstance(obj, type)


def _from_module(module, obj):
    if module is None:
        return True
    owner = getattr(obj, "__module__", None)
    if owner is not None:
        return owner == module.__name__
    if isinstance(obj, property):
        return True
    globs = getattr(obj, "__globals__", None)
    if globs is not None:
        return globs is module.__dict__
    return True


def _docstring(obj):
    if isinstance(obj, str):
        return obj
    if isinstance(obj, property):
        doc = getattr(obj.fget, "__doc__", None)
    else:
        try:
            doc = obj.__doc__
        except (TypeError, AttributeError):
            doc = None
    if doc is None:
        return ""
    return doc if isinstance(doc, str) else str(doc)


def _find_lineno(obj, source_lines):
    lineno = None
    doc = _docstring(obj) if not isinstance(obj, str) else None
    if type(obj) is type(sys) and obj.__doc__ is not None:
        lineno = 0
    if isinstance(obj, type) and obj.__doc__ is not None:
        if source_lines is None:
            return None
        pattern = re.compile(r"^\s*class\s*%s\b" % getattr(obj, "__name__", "-"))
        for i, line in enumerate(source_lines):
            if pattern.match(line):
                lineno = i
                break
    if hasattr(obj, "__func__") and not isinstance(obj, (staticmethod, classmethod)):
        obj = obj.__func__
    code = getattr(obj, "__code__", None)
    if doc and code is not None and not isinstance(obj, type):
        lineno = code.co_firstlineno - 1
    if lineno is not None:
        if source_lines is None:
            return lineno + 1
        quote = re.compile(r"(^|.*:)\s*\w*(\"|')")
        for i in range(lineno, len(source_lines)):
            if quote.match(source_lines[i]):
                return i
    return None


def _find(tests, obj, name, module, source_lines, globs, seen, exclude_empty):
    if id(obj) in seen:
        return
    seen.add(id(obj))
    doc = _docstring(obj)
    if doc or not exclude_empty:
        filename = None
        if module is not None:
            filename = getattr(module, "__file__", None) or module.__name__
            if filename.endswith(".pyc"):
                filename = filename[:-1]
        lineno = _find_lineno(obj, source_lines)
        tests.append(_Test(_parse(doc, name), globs.copy(), name, filename, lineno))
    if type(obj) is type(sys):
        for valname, val in obj.__dict__.items():
            if (_is_routine(val) or isinstance(val, type)) and _from_module(module, val):
                _find(tests, val, f"{name}.{valname}", module, source_lines, globs,
                      seen, exclude_empty)
        for valname, val in getattr(obj, "__test__", {}).items():
            if not isinstance(valname, str):
                raise ValueError("DocTestFinder.find: __test__ keys must be "
                                 "strings: %r" % (type(valname),))
            _find(tests, val, f"{name}.__test__.{valname}", module, source_lines,
                  globs, seen, exclude_empty)
    if isinstance(obj, type):
        for valname, val in obj.__dict__.items():
            if isinstance(val, (staticmethod, classmethod)):
                val = val.__func__
            if ((_is_routine(val) or isinstance(val, type) or isinstance(val, property))
                    and _from_module(module, val)):
                _find(tests, val, f"{name}.{valname}", module, source_lines, globs,
                      seen, exclude_empty)

# ----- checking --------------------------------------------------------------


def _to_ascii(text):
    if text.isascii():
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if code < 128:
            out.append(ch)
        elif code < 0x100:
            out.append("\\x%02x" % code)
        elif code < 0x10000:
            out.append("\\u%04x" % code)
        else:
            out.append("\\U%08x" % code)
    return "".join(out)


def _ellipsis_match(want, got):
    if ELLIPSIS_MARKER not in want:
        return want == got
    pieces = want.split(ELLIPSIS_MARKER)
    start, end = 0, len(got)
    first = pieces[0]
    if first:
        if not got.startswith(first):
            return False
        start = len(first)
        del pieces[0]
    last = pieces[-1]
    if last:
        if not got.endswith(last):
            return False
        end -= len(last)
        del pieces[-1]
    if start > end:
        return False
    for piece in pieces:
        found = got.find(piece, start, end)
        if found < 0:
            return False
        start = found + len(piece)
    return True


def _check(want, got, flags):
    got = _to_ascii(got)
    want = _to_ascii(want)
    if got == want:
        return True
    if not flags & DONT_ACCEPT_TRUE_FOR_1:
        if (got, want) in (("True\n", "1\n"), ("False\n", "0\n")):
            return True
    if not flags & DONT_ACCEPT_BLANKLINE:
        want = re.sub(r"(?m)^%s\s*?$" % re.escape(BLANKLINE_MARKER), "", want)
        got = re.sub(r"(?m)^[^\S\n]+$", "", got)
        if got == want:
            return True
    if flags & NORMALIZE_WHITESPACE:
        got = " ".join(got.split())
        want = " ".join(want.split())
        if got == want:
            return True
    if flags & ELLIPSIS:
        if _ellipsis_match(want, got):
            return True
    return False


def _strip_exception_details(msg):
    start, end = 0, len(msg)
    i = msg.find("\n")
    if i >= 0:
        end = i
    i = msg.find(":", 0, end)
    if i >= 0:
        end = i
    i = msg.rfind(".", 0, end)
    if i >= 0:
        start = i + 1
    return msg[start:end]


def _indent(text, indent=4):
    return re.sub("(?m)^(?!$)", indent * " ", text)


def _exception_only(exc):
    kind = type(exc)
    name = kind.__qualname__
    module = kind.__module__
    if module not in ("__main__", "builtins"):
        name = module + "." + name
    text = str(exc)
    return f"{name}: {text}\n" if text else f"{name}\n"


def _difference(example, got, flags):
    want = example.want
    if not flags & DONT_ACCEPT_BLANKLINE:
        got = re.sub("(?m)^[ ]*(?=\n)", BLANKLINE_MARKER, got)
    if want and got:
        return "Expected:\n%sGot:\n%s" % (_indent(want), _indent(got))
    if want:
        return "Expected:\n%sGot nothing\n" % _indent(want)
    if got:
        return "Expected nothing\nGot:\n%s" % _indent(got)
    return "Expected nothing\nGot nothing\n"

# ----- running ---------------------------------------------------------------


class _Capture:
    """What the examples print, with a final newline made sure of."""

    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)
        return len(text)

    def flush(self):
        pass

    def take(self):
        text = "".join(self.parts)
        self.parts = []
        if text and not text.endswith("\n"):
            text += "\n"
        return text


class _Runner:
    def __init__(self, verbose, optionflags):
        self.verbose = verbose
        self.optionflags = optionflags
        self.results = {}

    def _header(self, test, example):
        out = [_DIVIDER]
        if test.filename:
            if test.lineno is not None and example.lineno is not None:
                lineno = test.lineno + example.lineno + 1
            else:
                lineno = "?"
            out.append('File "%s", line %s, in %s' % (test.filename, lineno, test.name))
        else:
            out.append("Line %s, in %s" % (example.lineno + 1, test.name))
        out.append("Failed example:")
        out.append(_indent(example.source))
        return "\n".join(out)

    def run(self, test, out):
        capture = _Capture()
        saved = sys.stdout
        failures = tries = 0
        original = self.optionflags
        try:
            for number, example in enumerate(test.examples):
                quiet = self.optionflags & REPORT_ONLY_FIRST_FAILURE and failures > 0
                flags = original
                for flag, on in example.options.items():
                    flags = flags | flag if on else flags & ~flag
                if flags & SKIP:
                    continue
                tries += 1
                if self.verbose and not quiet:
                    if example.want:
                        out("Trying:\n" + _indent(example.source) +
                            "Expecting:\n" + _indent(example.want))
                    else:
                        out("Trying:\n" + _indent(example.source) + "Expecting nothing\n")
                filename = "<doctest %s[%d]>" % (test.name, number)
                sys.stdout = capture
                try:
                    exec(compile(example.source, filename, "single"), test.globs)
                    exception = None
                except KeyboardInterrupt:
                    raise
                except BaseException as raised:
                    exception = raised
                finally:
                    sys.stdout = saved
                got = capture.take()
                if exception is None:
                    outcome = "ok" if _check(example.want, got, flags) else "fail"
                else:
                    exc_msg = _exception_only(exception)
                    if not quiet:
                        got += "Traceback (most recent call last):\n" + exc_msg
                    if example.exc_msg is None:
                        outcome = "boom"
                    elif _check(example.exc_msg, exc_msg, flags):
                        outcome = "ok"
                    elif flags & IGNORE_EXCEPTION_DETAIL and _check(
                            _strip_exception_details(example.exc_msg),
                            _strip_exception_details(exc_msg), flags):
                        outcome = "ok"
                    else:
                        outcome = "fail"
                if outcome == "ok":
                    if self.verbose and not quiet:
                        out("ok\n")
                elif outcome == "fail":
                    if not quiet:
                        out(self._header(test, example) + _difference(example, got, flags))
                    failures += 1
                else:
                    if not quiet:
                        out(self._header(test, example) + "Exception raised:\n" +
                            _indent("Traceback (most recent call last):\n" + exc_msg))
                    failures += 1
                if failures and self.optionflags & FAIL_FAST:
                    break
        finally:
            sys.stdout = saved
            self.optionflags = original
        f, t = self.results.get(test.name, (0, 0))
        self.results[test.name] = (f + failures, t + tries)
        return TestResults(failures, tries)

    def summarize(self, verbose=None):
        if verbose is None:
            verbose = self.verbose
        notests, passed, failed = [], [], []
        total_tried = total_failed = 0
        for name, (f, t) in self.results.items():
            total_tried += t
            total_failed += f
            if t == 0:
                notests.append(name)
            elif f == 0:
                passed.append((name, t))
            else:
                failed.append((name, (f, t)))
        if verbose:
            if notests:
                print(len(notests), "items had no tests:")
                notests.sort()
                for name in notests:
                    print("   ", name)
            if passed:
                print(len(passed), "items passed all tests:")
                passed.sort()
                for name, count in passed:
                    print(" %3d tests in %s" % (count, name))
        if failed:
            print(_DIVIDER)
            print(len(failed), "items had failures:")
            failed.sort()
            for name, (f, t) in failed:
                print(" %3d of %3d in %s" % (f, t, name))
        if verbose:
            print(total_tried, "tests in", len(self.results), "items.")
            print(total_tried - total_failed, "passed and", total_failed, "failed.")
        if total_failed:
            print("***Test Failed***", total_failed, "failures.")
        elif verbose:
            print("Test passed.")
        return TestResults(total_failed, total_tried)


def _source_lines(module):
    filename = getattr(module, "__file__", None)
    if not filename:
        return None
    if filename.endswith(".pyc"):
        filename = filename[:-1]
    try:
        with open(filename) as source:
            return source.read().splitlines(True)
    except (OSError, UnicodeDecodeError):
        return None


def testmod(m=None, name=None, globs=None, verbose=None, report=True,
            optionflags=0, extraglobs=None, raise_on_error=False,
            exclude_empty=False):
    """Tests the examples in the docstrings of module `m` (the main module
    by default); prints a report of the failures and returns
    `TestResults(failed, attempted)`."""
    if m is None:
        m = sys.modules.get("__main__")
    if type(m) is not type(sys):
        raise TypeError("testmod: module required; %r" % (m,))
    if name is None:
        name = m.__name__
    if verbose is None:
        verbose = "-v" in sys.argv
    globs = (m.__dict__ if globs is None else globs).copy()
    if extraglobs is not None:
        globs.update(extraglobs)
    if "__name__" not in globs:
        globs["__name__"] = "__main__"
    tests = []
    _find(tests, m, name, m, _source_lines(m), globs, set(), exclude_empty)
    tests.sort(key=_Test._key)
    runner = _Runner(verbose, optionflags)
    write = sys.stdout.write
    for test in tests:
        runner.run(test, write)
        test.globs.clear()
    if report:
        runner.summarize()
    failed = sum(f for f, _ in runner.results.values())
    tried = sum(t for _, t in runner.results.values())
    return TestResults(failed, tried)


def run_docstring_examples(f, globs, verbose=False, name="NoName",
                           compileflags=None, optionflags=0):
    """Tests the examples in `f`'s docstring only, in `globs`."""
    if verbose:
        print("Finding tests in %s" % name)
    module = sys.modules.get(getattr(f, "__module__", None) or "")
    filename = lineno = None
    if module is not None:
        filename = getattr(module, "__file__", None) or module.__name__
        lineno = _find_lineno(f, _source_lines(module))
    test = _Test(_parse(_docstring(f), name), dict(globs), name, filename, lineno)
    _Runner(verbose, optionflags).run(test, sys.stdout.write)
