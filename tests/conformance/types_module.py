# The types module names the types of functions, generators and modules.
import types
def f(): yield 1
print(type(f) is types.FunctionType, type(f()) is types.GeneratorType, type(len) is types.BuiltinFunctionType)
print(type([].append), type(types))
