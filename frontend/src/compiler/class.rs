//! `class` statements: the class body becomes a code object run by
//! `__build_class__` in a fresh namespace, as in CPython.
//!
//! The body stores names with `STORE_NAME` into that namespace. When a method
//! uses `super()` or `__class__`, the body creates the `__class__` cell and
//! hands it over as `__classcell__`, which `__build_class__` fills with the
//! new class. Metaclasses and class keywords are left to the runtime, which
//! refuses them with a clear error.

use super::{Access, Compiler};
use crate::code::Constant;
use crate::error::CompileError;
use crate::opcode::Opcode;
use crate::symtable::NameScope;
use ruff_python_ast::{self as ast, Expr, Stmt};

type Result<T = ()> = std::result::Result<T, CompileError>;

impl Compiler<'_> {
    pub(super) fn class_def(&mut self, def: &ast::StmtClassDef) -> Result {
        for decorator in &def.decorator_list {
            self.expr(&decorator.expression)?;
        }
        let first_line = def
            .decorator_list
            .first()
            .map(|d| self.offset_line(d.range.start()))
            .unwrap_or_else(|| self.offset_line(def.range.start()));
        let Some(scope) = self.symbols.scope_of(def.range) else {
            return Err(CompileError::syntax(
                "internal error: class scope not found",
                def.range,
            ));
        };
        self.emit(Opcode::LOAD_BUILD_CLASS, 0);
        let name = def.name.as_str();
        let qualname = self.child_qualname(name);
        self.push_unit(scope, name.into(), qualname, first_line);
        self.unit().position = self.position_of(def.range);
        self.closure_prologue();
        let result = self.class_body(&def.body);
        let code = self.pop_unit();
        result?;
        self.emit_function(code, 0);
        self.emit_const(Constant::Str(name.into()));
        let (bases, keywords): (&[Expr], &[ast::Keyword]) = match &def.arguments {
            Some(arguments) => (&arguments.args, &arguments.keywords),
            None => (&[], &[]),
        };
        if bases.iter().any(Expr::is_starred_expr) || keywords.iter().any(|k| k.arg.is_none()) {
            self.unsupported("'*' or '**' in class bases", def.range);
        }
        for base in bases {
            self.expr(base)?;
        }
        let mut names = Vec::new();
        for keyword in keywords {
            self.expr(&keyword.value)?;
            let keyword = keyword.arg.as_ref().map(|n| n.as_str()).unwrap_or_default();
            names.push(Constant::Str(keyword.into()));
        }
        let count = (2 + bases.len() + names.len()) as u32;
        if names.is_empty() {
            self.emit(Opcode::CALL, count);
        } else {
            self.emit_const(Constant::Tuple(names.into()));
            self.emit(Opcode::CALL_KW, count);
        }
        for _ in &def.decorator_list {
            self.emit(Opcode::CALL, 1);
        }
        self.name_op(name, Access::Store, def.name.range);
        Ok(())
    }

    /// A module or class body's docstring, stored as `__doc__`.
    pub(super) fn store_docstring(&mut self, body: &[Stmt]) {
        if let Some(Stmt::Expr(ast::StmtExpr { value, .. })) = body.first() {
            if let Expr::StringLiteral(doc) = &**value {
                self.emit_const(Constant::Str(doc.value.to_str().into()));
                let index = self.add_name("__doc__");
                self.emit(Opcode::STORE_NAME, index);
            }
        }
    }

    fn class_body(&mut self, body: &[Stmt]) -> Result {
        self.store_docstring(body);
        self.setup_annotations(body);
        self.body(body)?;
        let scope = self.unit().scope;
        if self.symbols.scopes[scope].lookup("__class__") == NameScope::Cell {
            let index = self.deref_index("__class__");
            self.emit(Opcode::LOAD_CLOSURE, index);
            let name = self.add_name("__classcell__");
            self.emit(Opcode::STORE_NAME, name);
        }
        self.emit_implicit_return(body);
        Ok(())
    }
}
