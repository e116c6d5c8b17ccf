# unittest: a TestCase with passing, failing (assertEqual's diff), erroring, skipped, expected-failure and subTest tests, setUp/tearDown, assertRaises as a context manager, TextTestRunner on a StringIO and unittest.main(exit=False). Prints what does not depend on frames or timing.
import io
import unittest

events = []


class Sample(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        events.append("setUpClass")

    def setUp(self):
        self.value = 1
        events.append("setUp " + self._testMethodName)

    def tearDown(self):
        events.append("tearDown " + self._testMethodName)

    def test_pass(self):
        self.assertEqual(self.value, 1)
        self.assertTrue(self.value)
        self.assertIn(1, [1, 2])
        self.assertIsNone(None)
        self.assertAlmostEqual(0.1 + 0.2, 0.3)

    def test_fail_list(self):
        self.assertEqual([1, 2, 3], [1, 2, 4])

    def test_fail_str(self):
        self.assertEqual("hello\nworld\n", "hello\nthere\n")

    def test_fail_msg(self):
        self.assertGreater(1, 2, "one is not more")

    def test_error(self):
        raise ValueError("boom")

    @unittest.skip("not now")
    def test_skip(self):
        pass

    def test_skip_inside(self):
        self.skipTest("decided at run time")

    @unittest.expectedFailure
    def test_xfail(self):
        self.assertTrue(False)

    @unittest.expectedFailure
    def test_xpass(self):
        pass

    def test_sub(self):
        for i in range(4):
            with self.subTest(i=i):
                self.assertLess(i, 2)

    def test_raises(self):
        with self.assertRaises(KeyError) as cm:
            {}["k"]
        self.assertEqual(cm.exception.args, ("k",))
        with self.assertRaisesRegex(ValueError, "inval"):
            int("invalid")
        self.assertRaises(ZeroDivisionError, lambda: 1 / 0)

    def test_raises_missing(self):
        with self.assertRaises(TypeError):
            pass


def message(trace):
    lines = trace.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(("AssertionError", "ValueError")):
            return lines[i:]
    return lines[-1:]


stream = io.StringIO()
runner = unittest.TextTestRunner(stream=stream, verbosity=2)
suite = unittest.defaultTestLoader.loadTestsFromTestCase(Sample)
print(suite.countTestCases(), [t.id() for t in suite][:3])
result = runner.run(suite)
print(result.wasSuccessful(), result.testsRun, len(result.failures), len(result.errors),
      len(result.skipped), len(result.expectedFailures), len(result.unexpectedSuccesses))
for test, trace in result.failures + result.errors:
    print("--", test.id(), str(test))
    for line in message(trace):
        print("   ", line)
for test, reason in result.skipped:
    print("skipped", test.id(), reason)
print(events[:4], len(events))
for line in stream.getvalue().splitlines():
    if line.startswith("test_") or line.startswith(("FAILED", "OK")):
        print(line)


class Small(unittest.TestCase):
    def test_one(self):
        self.assertEqual(2 + 2, 4)

    def test_two(self):
        self.assertNotEqual(2 + 2, 5)


out = io.StringIO()
program = unittest.main(module=__name__, defaultTest="Small", argv=["prog"], exit=False,
                        testRunner=unittest.TextTestRunner(stream=out))
print(program.result.testsRun, program.result.wasSuccessful(), out.getvalue().splitlines()[0])
print(out.getvalue().splitlines()[-1])
