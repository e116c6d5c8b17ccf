# CPython's ast module over pvm's _ast: node classes, construction,
# fields, pattern matching, dump, unparse, visitors.
import ast

tree = ast.Module(
    body=[
        ast.Assign(
            targets=[ast.Name("x", ast.Store())],
            value=ast.BinOp(ast.Constant(1), ast.Add(), ast.Constant(2)),
            lineno=1,
        ),
        ast.Expr(ast.Call(ast.Name("print", ast.Load()), [ast.Name("x", ast.Load())], [])),
    ],
    type_ignores=[],
)
print(ast.dump(tree))
print(ast.dump(tree, indent=2))
print(ast.unparse(tree))
print(ast.BinOp._fields, ast.BinOp.__match_args__, ast.expr._attributes)
print(ast.Constant.__mro__)
print(ast.arguments._fields)
print(ast.FunctionDef.__doc__)
print(ast.Constant(5).kind, ast.arg("a").annotation, ast.Name().__dict__)
print(tree.body[0].lineno, hasattr(tree.body[1], "lineno"))
print(isinstance(ast.Constant(1), ast.Num), isinstance(ast.Constant("s"), ast.Num))
print(isinstance(ast.Constant("s"), ast.Str), type(ast.Num(3)).__name__)
print(issubclass(ast.Add, ast.operator), issubclass(ast.If, ast.stmt))
print(ast.PyCF_ONLY_AST, ast.PyCF_TYPE_COMMENTS, ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
print(repr(ast.Load()).startswith("<ast.Load object at"))
print(ast.Module.__module__, ast.AST.__module__)

for bad in [lambda: ast.Name("a", ast.Load(), 3), lambda: ast.Pass(1)]:
    try:
        bad()
    except TypeError as error:
        print("TypeError:", error)

match tree.body[0]:
    case ast.Assign([ast.Name(name)], ast.BinOp(ast.Constant(left), ast.Add(), right)):
        print("assign", name, left, right.value)


class Counter(ast.NodeVisitor):
    def __init__(self):
        self.names = []

    def visit_Name(self, node):
        self.names.append(node.id)
        self.generic_visit(node)


counter = Counter()
counter.visit(tree)
print(counter.names)


class Double(ast.NodeTransformer):
    def visit_Constant(self, node):
        return ast.Constant(node.value * 2)


print(ast.unparse(Double().visit(tree)))
print([type(n).__name__ for n in ast.walk(tree)])
print([(k, type(v).__name__) for k, v in ast.iter_fields(ast.keyword("k", ast.Constant(1)))])
node = ast.copy_location(ast.Constant(1), ast.Constant(2, lineno=4, col_offset=1, end_lineno=4, end_col_offset=2))
print(node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)
fixed = ast.fix_missing_locations(ast.Expression(ast.Constant(1)))
print(fixed.body.lineno, fixed.body.col_offset)
print(ast.Constant(1).__reduce__()[0].__name__)
