"""pvm's `_ast`: the node classes of CPython 3.11's abstract syntax tree
and the `PyCF_*` flags, for `ast` and everything that imports it.

Written by runtime/tools/ast_classes.py from CPython 3.11's own classes;
do not edit by hand. The constructor is CPython's `ast.AST.__init__`
rewritten in Python. Parsing source into these nodes is `compile`'s
business (with `PyCF_ONLY_AST`), not this module's.
"""

PyCF_ONLY_AST = 1024
PyCF_TYPE_COMMENTS = 4096
PyCF_ALLOW_TOP_LEVEL_AWAIT = 8192


class AST:
    _fields = ()
    _attributes = ()
    __match_args__ = ()
    __module__ = "ast"

    def __init__(self, *args, **kwargs):
        fields = getattr(type(self), "_fields", ())
        if len(args) > len(fields):
            raise TypeError(
                f"{type(self).__name__} constructor takes at most "
                f"{len(fields)} positional argument{'' if len(fields) == 1 else 's'}"
            )
        for name, value in zip(fields, args):
            setattr(self, name, value)
        for name, value in kwargs.items():
            setattr(self, name, value)

    def __reduce__(self):
        if self.__dict__:
            return type(self), (), self.__dict__
        return type(self), ()


class mod(AST):
    __doc__ = 'mod = Module(stmt* body, type_ignore* type_ignores)\n    | Interactive(stmt* body)\n    | Expression(expr body)\n    | FunctionType(expr* argtypes, expr returns)'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()
    _attributes = ()


class Module(mod):
    __doc__ = 'Module(stmt* body, type_ignore* type_ignores)'
    __module__ = "ast"
    _fields = ('body', 'type_ignores')
    __match_args__ = ('body', 'type_ignores')


class Interactive(mod):
    __doc__ = 'Interactive(stmt* body)'
    __module__ = "ast"
    _fields = ('body',)
    __match_args__ = ('body',)


class Expression(mod):
    __doc__ = 'Expression(expr body)'
    __module__ = "ast"
    _fields = ('body',)
    __match_args__ = ('body',)


class FunctionType(mod):
    __doc__ = 'FunctionType(expr* argtypes, expr returns)'
    __module__ = "ast"
    _fields = ('argtypes', 'returns')
    __match_args__ = ('argtypes', 'returns')


class stmt(AST):
    __doc__ = 'stmt = FunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment)\n     | AsyncFunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment)\n     | ClassDef(identifier name, expr* bases, keyword* keywords, stmt* body, expr* decorator_list)\n     | Return(expr? value)\n     | Delete(expr* targets)\n     | Assign(expr* targets, expr value, string? type_comment)\n     | AugAssign(expr target, operator op, expr value)\n     | AnnAssign(expr target, expr annotation, expr? value, int simple)\n     | For(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)\n     | AsyncFor(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)\n     | While(expr test, stmt* body, stmt* orelse)\n     | If(expr test, stmt* body, stmt* orelse)\n     | With(withitem* items, stmt* body, string? type_comment)\n     | AsyncWith(withitem* items, stmt* body, string? type_comment)\n     | Match(expr subject, match_case* cases)\n     | Raise(expr? exc, expr? cause)\n     | Try(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)\n     | TryStar(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)\n     | Assert(expr test, expr? msg)\n     | Import(alias* names)\n     | ImportFrom(identifier? module, alias* names, int? level)\n     | Global(identifier* names)\n     | Nonlocal(identifier* names)\n     | Expr(expr value)\n     | Pass\n     | Break\n     | Continue'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()
    _attributes = ('lineno', 'col_offset', 'end_lineno', 'end_col_offset')
    end_lineno = None
    end_col_offset = None


class FunctionDef(stmt):
    __doc__ = 'FunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment)'
    __module__ = "ast"
    _fields = ('name', 'args', 'body', 'decorator_list', 'returns', 'type_comment')
    __match_args__ = ('name', 'args', 'body', 'decorator_list', 'returns', 'type_comment')
    returns = None
    type_comment = None


class AsyncFunctionDef(stmt):
    __doc__ = 'AsyncFunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment)'
    __module__ = "ast"
    _fields = ('name', 'args', 'body', 'decorator_list', 'returns', 'type_comment')
    __match_args__ = ('name', 'args', 'body', 'decorator_list', 'returns', 'type_comment')
    returns = None
    type_comment = None


class ClassDef(stmt):
    __doc__ = 'ClassDef(identifier name, expr* bases, keyword* keywords, stmt* body, expr* decorator_list)'
    __module__ = "ast"
    _fields = ('name', 'bases', 'keywords', 'body', 'decorator_list')
    __match_args__ = ('name', 'bases', 'keywords', 'body', 'decorator_list')


class Return(stmt):
    __doc__ = 'Return(expr? value)'
    __module__ = "ast"
    _fields = ('value',)
    __match_args__ = ('value',)
    value = None


class Delete(stmt):
    __doc__ = 'Delete(expr* targets)'
    __module__ = "ast"
    _fields = ('targets',)
    __match_args__ = ('targets',)


class Assign(stmt):
    __doc__ = 'Assign(expr* targets, expr value, string? type_comment)'
    __module__ = "ast"
    _fields = ('targets', 'value', 'type_comment')
    __match_args__ = ('targets', 'value', 'type_comment')
    type_comment = None


class AugAssign(stmt):
    __doc__ = 'AugAssign(expr target, operator op, expr value)'
    __module__ = "ast"
    _fields = ('target', 'op', 'value')
    __match_args__ = ('target', 'op', 'value')


class AnnAssign(stmt):
    __doc__ = 'AnnAssign(expr target, expr annotation, expr? value, int simple)'
    __module__ = "ast"
    _fields = ('target', 'annotation', 'value', 'simple')
    __match_args__ = ('target', 'annotation', 'value', 'simple')
    value = None


class For(stmt):
    __doc__ = 'For(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)'
    __module__ = "ast"
    _fields = ('target', 'iter', 'body', 'orelse', 'type_comment')
    __match_args__ = ('target', 'iter', 'body', 'orelse', 'type_comment')
    type_comment = None


class AsyncFor(stmt):
    __doc__ = 'AsyncFor(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)'
    __module__ = "ast"
    _fields = ('target', 'iter', 'body', 'orelse', 'type_comment')
    __match_args__ = ('target', 'iter', 'body', 'orelse', 'type_comment')
    type_comment = None


class While(stmt):
    __doc__ = 'While(expr test, stmt* body, stmt* orelse)'
    __module__ = "ast"
    _fields = ('test', 'body', 'orelse')
    __match_args__ = ('test', 'body', 'orelse')


class If(stmt):
    __doc__ = 'If(expr test, stmt* body, stmt* orelse)'
    __module__ = "ast"
    _fields = ('test', 'body', 'orelse')
    __match_args__ = ('test', 'body', 'orelse')


class With(stmt):
    __doc__ = 'With(withitem* items, stmt* body, string? type_comment)'
    __module__ = "ast"
    _fields = ('items', 'body', 'type_comment')
    __match_args__ = ('items', 'body', 'type_comment')
    type_comment = None


class AsyncWith(stmt):
    __doc__ = 'AsyncWith(withitem* items, stmt* body, string? type_comment)'
    __module__ = "ast"
    _fields = ('items', 'body', 'type_comment')
    __match_args__ = ('items', 'body', 'type_comment')
    type_comment = None


class Match(stmt):
    __doc__ = 'Match(expr subject, match_case* cases)'
    __module__ = "ast"
    _fields = ('subject', 'cases')
    __match_args__ = ('subject', 'cases')


class Raise(stmt):
    __doc__ = 'Raise(expr? exc, expr? cause)'
    __module__ = "ast"
    _fields = ('exc', 'cause')
    __match_args__ = ('exc', 'cause')
    exc = None
    cause = None


class Try(stmt):
    __doc__ = 'Try(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)'
    __module__ = "ast"
    _fields = ('body', 'handlers', 'orelse', 'finalbody')
    __match_args__ = ('body', 'handlers', 'orelse', 'finalbody')


class TryStar(stmt):
    __doc__ = 'TryStar(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)'
    __module__ = "ast"
    _fields = ('body', 'handlers', 'orelse', 'finalbody')
    __match_args__ = ('body', 'handlers', 'orelse', 'finalbody')


class Assert(stmt):
    __doc__ = 'Assert(expr test, expr? msg)'
    __module__ = "ast"
    _fields = ('test', 'msg')
    __match_args__ = ('test', 'msg')
    msg = None


class Import(stmt):
    __doc__ = 'Import(alias* names)'
    __module__ = "ast"
    _fields = ('names',)
    __match_args__ = ('names',)


class ImportFrom(stmt):
    __doc__ = 'ImportFrom(identifier? module, alias* names, int? level)'
    __module__ = "ast"
    _fields = ('module', 'names', 'level')
    __match_args__ = ('module', 'names', 'level')
    module = None
    level = None


class Global(stmt):
    __doc__ = 'Global(identifier* names)'
    __module__ = "ast"
    _fields = ('names',)
    __match_args__ = ('names',)


class Nonlocal(stmt):
    __doc__ = 'Nonlocal(identifier* names)'
    __module__ = "ast"
    _fields = ('names',)
    __match_args__ = ('names',)


class Expr(stmt):
    __doc__ = 'Expr(expr value)'
    __module__ = "ast"
    _fields = ('value',)
    __match_args__ = ('value',)


class Pass(stmt):
    __doc__ = 'Pass'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class Break(stmt):
    __doc__ = 'Break'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class Continue(stmt):
    __doc__ = 'Continue'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class expr(AST):
    __doc__ = 'expr = BoolOp(boolop op, expr* values)\n     | NamedExpr(expr target, expr value)\n     | BinOp(expr left, operator op, expr right)\n     | UnaryOp(unaryop op, expr operand)\n     | Lambda(arguments args, expr body)\n     | IfExp(expr test, expr body, expr orelse)\n     | Dict(expr* keys, expr* values)\n     | Set(expr* elts)\n     | ListComp(expr elt, comprehension* generators)\n     | SetComp(expr elt, comprehension* generators)\n     | DictComp(expr key, expr value, comprehension* generators)\n     | GeneratorExp(expr elt, comprehension* generators)\n     | Await(expr value)\n     | Yield(expr? value)\n     | YieldFrom(expr value)\n     | Compare(expr left, cmpop* ops, expr* comparators)\n     | Call(expr func, expr* args, keyword* keywords)\n     | FormattedValue(expr value, int conversion, expr? format_spec)\n     | JoinedStr(expr* values)\n     | Constant(constant value, string? kind)\n     | Attribute(expr value, identifier attr, expr_context ctx)\n     | Subscript(expr value, expr slice, expr_context ctx)\n     | Starred(expr value, expr_context ctx)\n     | Name(identifier id, expr_context ctx)\n     | List(expr* elts, expr_context ctx)\n     | Tuple(expr* elts, expr_context ctx)\n     | Slice(expr? lower, expr? upper, expr? step)'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()
    _attributes = ('lineno', 'col_offset', 'end_lineno', 'end_col_offset')
    end_lineno = None
    end_col_offset = None


class BoolOp(expr):
    __doc__ = 'BoolOp(boolop op, expr* values)'
    __module__ = "ast"
    _fields = ('op', 'values')
    __match_args__ = ('op', 'values')


class NamedExpr(expr):
    __doc__ = 'NamedExpr(expr target, expr value)'
    __module__ = "ast"
    _fields = ('target', 'value')
    __match_args__ = ('target', 'value')


class BinOp(expr):
    __doc__ = 'BinOp(expr left, operator op, expr right)'
    __module__ = "ast"
    _fields = ('left', 'op', 'right')
    __match_args__ = ('left', 'op', 'right')


class UnaryOp(expr):
    __doc__ = 'UnaryOp(unaryop op, expr operand)'
    __module__ = "ast"
    _fields = ('op', 'operand')
    __match_args__ = ('op', 'operand')


class Lambda(expr):
    __doc__ = 'Lambda(arguments args, expr body)'
    __module__ = "ast"
    _fields = ('args', 'body')
    __match_args__ = ('args', 'body')


class IfExp(expr):
    __doc__ = 'IfExp(expr test, expr body, expr orelse)'
    __module__ = "ast"
    _fields = ('test', 'body', 'orelse')
    __match_args__ = ('test', 'body', 'orelse')


class Dict(expr):
    __doc__ = 'Dict(expr* keys, expr* values)'
    __module__ = "ast"
    _fields = ('keys', 'values')
    __match_args__ = ('keys', 'values')


class Set(expr):
    __doc__ = 'Set(expr* elts)'
    __module__ = "ast"
    _fields = ('elts',)
    __match_args__ = ('elts',)


class ListComp(expr):
    __doc__ = 'ListComp(expr elt, comprehension* generators)'
    __module__ = "ast"
    _fields = ('elt', 'generators')
    __match_args__ = ('elt', 'generators')


class SetComp(expr):
    __doc__ = 'SetComp(expr elt, comprehension* generators)'
    __module__ = "ast"
    _fields = ('elt', 'generators')
    __match_args__ = ('elt', 'generators')


class DictComp(expr):
    __doc__ = 'DictComp(expr key, expr value, comprehension* generators)'
    __module__ = "ast"
    _fields = ('key', 'value', 'generators')
    __match_args__ = ('key', 'value', 'generators')


class GeneratorExp(expr):
    __doc__ = 'GeneratorExp(expr elt, comprehension* generators)'
    __module__ = "ast"
    _fields = ('elt', 'generators')
    __match_args__ = ('elt', 'generators')


class Await(expr):
    __doc__ = 'Await(expr value)'
    __module__ = "ast"
    _fields = ('value',)
    __match_args__ = ('value',)


class Yield(expr):
    __doc__ = 'Yield(expr? value)'
    __module__ = "ast"
    _fields = ('value',)
    __match_args__ = ('value',)
    value = None


class YieldFrom(expr):
    __doc__ = 'YieldFrom(expr value)'
    __module__ = "ast"
    _fields = ('value',)
    __match_args__ = ('value',)


class Compare(expr):
    __doc__ = 'Compare(expr left, cmpop* ops, expr* comparators)'
    __module__ = "ast"
    _fields = ('left', 'ops', 'comparators')
    __match_args__ = ('left', 'ops', 'comparators')


class Call(expr):
    __doc__ = 'Call(expr func, expr* args, keyword* keywords)'
    __module__ = "ast"
    _fields = ('func', 'args', 'keywords')
    __match_args__ = ('func', 'args', 'keywords')


class FormattedValue(expr):
    __doc__ = 'FormattedValue(expr value, int conversion, expr? format_spec)'
    __module__ = "ast"
    _fields = ('value', 'conversion', 'format_spec')
    __match_args__ = ('value', 'conversion', 'format_spec')
    format_spec = None


class JoinedStr(expr):
    __doc__ = 'JoinedStr(expr* values)'
    __module__ = "ast"
    _fields = ('values',)
    __match_args__ = ('values',)


class Constant(expr):
    __doc__ = 'Constant(constant value, string? kind)'
    __module__ = "ast"
    _fields = ('value', 'kind')
    __match_args__ = ('value', 'kind')
    kind = None


class Attribute(expr):
    __doc__ = 'Attribute(expr value, identifier attr, expr_context ctx)'
    __module__ = "ast"
    _fields = ('value', 'attr', 'ctx')
    __match_args__ = ('value', 'attr', 'ctx')


class Subscript(expr):
    __doc__ = 'Subscript(expr value, expr slice, expr_context ctx)'
    __module__ = "ast"
    _fields = ('value', 'slice', 'ctx')
    __match_args__ = ('value', 'slice', 'ctx')


class Starred(expr):
    __doc__ = 'Starred(expr value, expr_context ctx)'
    __module__ = "ast"
    _fields = ('value', 'ctx')
    __match_args__ = ('value', 'ctx')


class Name(expr):
    __doc__ = 'Name(identifier id, expr_context ctx)'
    __module__ = "ast"
    _fields = ('id', 'ctx')
    __match_args__ = ('id', 'ctx')


class List(expr):
    __doc__ = 'List(expr* elts, expr_context ctx)'
    __module__ = "ast"
    _fields = ('elts', 'ctx')
    __match_args__ = ('elts', 'ctx')


class Tuple(expr):
    __doc__ = 'Tuple(expr* elts, expr_context ctx)'
    __module__ = "ast"
    _fields = ('elts', 'ctx')
    __match_args__ = ('elts', 'ctx')


class Slice(expr):
    __doc__ = 'Slice(expr? lower, expr? upper, expr? step)'
    __module__ = "ast"
    _fields = ('lower', 'upper', 'step')
    __match_args__ = ('lower', 'upper', 'step')
    lower = None
    upper = None
    step = None


class expr_context(AST):
    __doc__ = 'expr_context = Load | Store | Del'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()
    _attributes = ()


class Load(expr_context):
    __doc__ = 'Load'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class Store(expr_context):
    __doc__ = 'Store'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class Del(expr_context):
    __doc__ = 'Del'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class boolop(AST):
    __doc__ = 'boolop = And | Or'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()
    _attributes = ()


class And(boolop):
    __doc__ = 'And'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class Or(boolop):
    __doc__ = 'Or'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class operator(AST):
    __doc__ = 'operator = Add | Sub | Mult | MatMult | Div | Mod | Pow | LShift | RShift | BitOr | BitXor | BitAnd | FloorDiv'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()
    _attributes = ()


class Add(operator):
    __doc__ = 'Add'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class Sub(operator):
    __doc__ = 'Sub'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class Mult(operator):
    __doc__ = 'Mult'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class MatMult(operator):
    __doc__ = 'MatMult'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class Div(operator):
    __doc__ = 'Div'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class Mod(operator):
    __doc__ = 'Mod'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class Pow(operator):
    __doc__ = 'Pow'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class LShift(operator):
    __doc__ = 'LShift'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class RShift(operator):
    __doc__ = 'RShift'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class BitOr(operator):
    __doc__ = 'BitOr'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class BitXor(operator):
    __doc__ = 'BitXor'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class BitAnd(operator):
    __doc__ = 'BitAnd'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class FloorDiv(operator):
    __doc__ = 'FloorDiv'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class unaryop(AST):
    __doc__ = 'unaryop = Invert | Not | UAdd | USub'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()
    _attributes = ()


class Invert(unaryop):
    __doc__ = 'Invert'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class Not(unaryop):
    __doc__ = 'Not'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class UAdd(unaryop):
    __doc__ = 'UAdd'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class USub(unaryop):
    __doc__ = 'USub'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class cmpop(AST):
    __doc__ = 'cmpop = Eq | NotEq | Lt | LtE | Gt | GtE | Is | IsNot | In | NotIn'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()
    _attributes = ()


class Eq(cmpop):
    __doc__ = 'Eq'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class NotEq(cmpop):
    __doc__ = 'NotEq'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class Lt(cmpop):
    __doc__ = 'Lt'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class LtE(cmpop):
    __doc__ = 'LtE'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class Gt(cmpop):
    __doc__ = 'Gt'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class GtE(cmpop):
    __doc__ = 'GtE'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class Is(cmpop):
    __doc__ = 'Is'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class IsNot(cmpop):
    __doc__ = 'IsNot'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class In(cmpop):
    __doc__ = 'In'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class NotIn(cmpop):
    __doc__ = 'NotIn'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()


class comprehension(AST):
    __doc__ = 'comprehension(expr target, expr iter, expr* ifs, int is_async)'
    __module__ = "ast"
    _fields = ('target', 'iter', 'ifs', 'is_async')
    __match_args__ = ('target', 'iter', 'ifs', 'is_async')
    _attributes = ()


class excepthandler(AST):
    __doc__ = 'excepthandler = ExceptHandler(expr? type, identifier? name, stmt* body)'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()
    _attributes = ('lineno', 'col_offset', 'end_lineno', 'end_col_offset')
    end_lineno = None
    end_col_offset = None


class ExceptHandler(excepthandler):
    __doc__ = 'ExceptHandler(expr? type, identifier? name, stmt* body)'
    __module__ = "ast"
    _fields = ('type', 'name', 'body')
    __match_args__ = ('type', 'name', 'body')
    type = None
    name = None


class arguments(AST):
    __doc__ = 'arguments(arg* posonlyargs, arg* args, arg? vararg, arg* kwonlyargs, expr* kw_defaults, arg? kwarg, expr* defaults)'
    __module__ = "ast"
    _fields = ('posonlyargs', 'args', 'vararg', 'kwonlyargs', 'kw_defaults', 'kwarg', 'defaults')
    __match_args__ = ('posonlyargs', 'args', 'vararg', 'kwonlyargs', 'kw_defaults', 'kwarg', 'defaults')
    _attributes = ()
    vararg = None
    kwarg = None


class arg(AST):
    __doc__ = 'arg(identifier arg, expr? annotation, string? type_comment)'
    __module__ = "ast"
    _fields = ('arg', 'annotation', 'type_comment')
    __match_args__ = ('arg', 'annotation', 'type_comment')
    _attributes = ('lineno', 'col_offset', 'end_lineno', 'end_col_offset')
    annotation = None
    type_comment = None
    end_lineno = None
    end_col_offset = None


class keyword(AST):
    __doc__ = 'keyword(identifier? arg, expr value)'
    __module__ = "ast"
    _fields = ('arg', 'value')
    __match_args__ = ('arg', 'value')
    _attributes = ('lineno', 'col_offset', 'end_lineno', 'end_col_offset')
    arg = None
    end_lineno = None
    end_col_offset = None


class alias(AST):
    __doc__ = 'alias(identifier name, identifier? asname)'
    __module__ = "ast"
    _fields = ('name', 'asname')
    __match_args__ = ('name', 'asname')
    _attributes = ('lineno', 'col_offset', 'end_lineno', 'end_col_offset')
    asname = None
    end_lineno = None
    end_col_offset = None


class withitem(AST):
    __doc__ = 'withitem(expr context_expr, expr? optional_vars)'
    __module__ = "ast"
    _fields = ('context_expr', 'optional_vars')
    __match_args__ = ('context_expr', 'optional_vars')
    _attributes = ()
    optional_vars = None


class match_case(AST):
    __doc__ = 'match_case(pattern pattern, expr? guard, stmt* body)'
    __module__ = "ast"
    _fields = ('pattern', 'guard', 'body')
    __match_args__ = ('pattern', 'guard', 'body')
    _attributes = ()
    guard = None


class pattern(AST):
    __doc__ = 'pattern = MatchValue(expr value)\n        | MatchSingleton(constant value)\n        | MatchSequence(pattern* patterns)\n        | MatchMapping(expr* keys, pattern* patterns, identifier? rest)\n        | MatchClass(expr cls, pattern* patterns, identifier* kwd_attrs, pattern* kwd_patterns)\n        | MatchStar(identifier? name)\n        | MatchAs(pattern? pattern, identifier? name)\n        | MatchOr(pattern* patterns)'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()
    _attributes = ('lineno', 'col_offset', 'end_lineno', 'end_col_offset')


class MatchValue(pattern):
    __doc__ = 'MatchValue(expr value)'
    __module__ = "ast"
    _fields = ('value',)
    __match_args__ = ('value',)


class MatchSingleton(pattern):
    __doc__ = 'MatchSingleton(constant value)'
    __module__ = "ast"
    _fields = ('value',)
    __match_args__ = ('value',)


class MatchSequence(pattern):
    __doc__ = 'MatchSequence(pattern* patterns)'
    __module__ = "ast"
    _fields = ('patterns',)
    __match_args__ = ('patterns',)


class MatchMapping(pattern):
    __doc__ = 'MatchMapping(expr* keys, pattern* patterns, identifier? rest)'
    __module__ = "ast"
    _fields = ('keys', 'patterns', 'rest')
    __match_args__ = ('keys', 'patterns', 'rest')
    rest = None


class MatchClass(pattern):
    __doc__ = 'MatchClass(expr cls, pattern* patterns, identifier* kwd_attrs, pattern* kwd_patterns)'
    __module__ = "ast"
    _fields = ('cls', 'patterns', 'kwd_attrs', 'kwd_patterns')
    __match_args__ = ('cls', 'patterns', 'kwd_attrs', 'kwd_patterns')


class MatchStar(pattern):
    __doc__ = 'MatchStar(identifier? name)'
    __module__ = "ast"
    _fields = ('name',)
    __match_args__ = ('name',)
    name = None


class MatchAs(pattern):
    __doc__ = 'MatchAs(pattern? pattern, identifier? name)'
    __module__ = "ast"
    _fields = ('pattern', 'name')
    __match_args__ = ('pattern', 'name')
    pattern = None
    name = None


class MatchOr(pattern):
    __doc__ = 'MatchOr(pattern* patterns)'
    __module__ = "ast"
    _fields = ('patterns',)
    __match_args__ = ('patterns',)


class type_ignore(AST):
    __doc__ = 'type_ignore = TypeIgnore(int lineno, string tag)'
    __module__ = "ast"
    _fields = ()
    __match_args__ = ()
    _attributes = ()


class TypeIgnore(type_ignore):
    __doc__ = 'TypeIgnore(int lineno, string tag)'
    __module__ = "ast"
    _fields = ('lineno', 'tag')
    __match_args__ = ('lineno', 'tag')
