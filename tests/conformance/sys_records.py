# sys's struct sequences and the attributes the standard library reads.
import sys

print(sys.flags.optimize, sys.flags.dev_mode, sys.flags.hash_randomization, len(sys.flags))
print(sys.version_info >= (3, 8), sys.version_info < (4,), sys.version_info[:2], sys.version_info.major)
print(sys.version_info.releaselevel, tuple(sys.version_info)[:2] == (3, 11))
print(sys.float_info.epsilon, sys.float_info.max, sys.float_info.min, sys.float_info.dig, sys.float_info.mant_dig)
print(sys.int_info.bits_per_digit, sys.hash_info.modulus, sys.hash_info.inf, sys.hash_info.width)
print(sys.warnoptions, sys._xoptions, sys.byteorder, sys.maxunicode, sys.float_repr_style)
print(sys.audit("pvm.test", 1, 2), sys.addaudithook(print))
print(sys.intern("name"), sys.getdefaultencoding(), sys.gettrace(), sys.getprofile(), sys.is_finalizing())
print(sys.getswitchinterval(), sys.setswitchinterval(0.01))
major, minor, *rest = sys.version_info
print(major, minor, sys.hexversion >> 16 == 0x30B)
try:
    sys.audit(5)
except TypeError as e:
    print(e)
try:
    sys.intern(b"x")
except TypeError as e:
    print(e)
