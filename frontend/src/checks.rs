//! Compile-time checks CPython makes outside its symbol table: the
//! `from __future__` imports (which features a module turns on, CPython's
//! `future.c`) and assignments to `__debug__` (its compiler's
//! `forbidden_name`), with CPython's messages and locations.
//!
//! They run over the parsed module before anything is compiled. They do not
//! resolve names (that is `symtable/`) and emit no code.

use crate::error::CompileError;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

/// Every feature name CPython 3.11's `__future__` defines. All but
/// `annotations` are on anyway in Python 3 (`barry_as_FLUFL` is accepted
/// and ignored).
const FEATURES: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

const LATE_FUTURE: &str = "from __future__ imports must occur at the beginning of the file";

/// What a module's `from __future__` imports turn on.
#[derive(Clone, Copy, Debug, Default)]
pub struct Future {
    /// `from __future__ import annotations`: annotations are kept as text.
    pub annotations: bool,
}

fn is_future_import(stmt: &Stmt) -> Option<&ast::StmtImportFrom> {
    match stmt {
        Stmt::ImportFrom(import)
            if import.level == 0
                && import
                    .module
                    .as_ref()
                    .is_some_and(|m| m.as_str() == "__future__") =>
        {
            Some(import)
        }
        _ => None,
    }
}

/// Reads the future imports at the top of a module (after an optional
/// docstring), refusing unknown features and future imports that follow
/// other statements there (CPython's `future.c`, which runs first).
pub fn future_imports(body: &[Stmt]) -> Result<Future, CompileError> {
    let mut future = Future::default();
    let docstring = matches!(body.first(), Some(Stmt::Expr(e)) if e.value.is_string_literal_expr());
    let mut leading = true;
    for stmt in body.iter().skip(usize::from(docstring)) {
        let Some(import) = is_future_import(stmt) else {
            leading = false;
            continue;
        };
        if !leading {
            return Err(CompileError::syntax(LATE_FUTURE, import.range));
        }
        for alias in &import.names {
            let feature = alias.name.as_str();
            let at = TextRange::empty(import.range.start());
            if feature == "braces" {
                return Err(CompileError::syntax("not a chance", at));
            }
            if !FEATURES.contains(&feature) {
                return Err(CompileError::syntax(
                    format!("future feature {feature} is not defined"),
                    at,
                ));
            }
            future.annotations |= feature == "annotations";
        }
    }
    Ok(future)
}

/// Refuses assignments to `__debug__` and future imports inside other
/// statements (CPython's compiler does, after the symbol table).
pub fn forbidden_names(body: &[Stmt]) -> Result<(), CompileError> {
    let mut checker = Checker {
        error: None,
        top_level: true,
    };
    checker.visit_body(body);
    checker.error.map_or(Ok(()), Err)
}

struct Checker {
    error: Option<CompileError>,
    /// Whether the statements being visited are the module's own (future
    /// imports there were checked above).
    top_level: bool,
}

impl Checker {
    fn fail(&mut self, message: &str, range: TextRange) {
        if self.error.is_none() {
            self.error = Some(CompileError::syntax(message, range));
        }
    }

    /// A name a statement binds, reported at `range` (CPython points at the
    /// whole statement for names it binds without an expression).
    fn bound(&mut self, name: &str, range: TextRange) {
        if name == "__debug__" {
            self.fail("cannot assign to __debug__", range);
        }
    }

    fn parameters(&mut self, parameters: &ast::Parameters, range: TextRange) {
        let all = parameters
            .posonlyargs
            .iter()
            .chain(&parameters.args)
            .chain(&parameters.kwonlyargs)
            .map(|p| &p.parameter)
            .chain(parameters.vararg.as_deref())
            .chain(parameters.kwarg.as_deref());
        for parameter in all {
            self.bound(parameter.name.as_str(), range);
        }
    }

    fn keywords(&mut self, arguments: &ast::Arguments, range: TextRange) {
        for keyword in arguments.keywords.iter() {
            if let Some(name) = &keyword.arg {
                self.bound(name.as_str(), range);
            }
        }
    }

    fn nested_body(&mut self, body: &[Stmt]) {
        let top_level = std::mem::replace(&mut self.top_level, false);
        self.visit_body(body);
        self.top_level = top_level;
    }
}

impl<'a> Visitor<'a> for Checker {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(def) => {
                self.bound(def.name.as_str(), def.range);
                self.parameters(&def.parameters, def.range);
                for decorator in &def.decorator_list {
                    self.visit_expr(&decorator.expression);
                }
                self.visit_parameters(&def.parameters);
                if let Some(returns) = &def.returns {
                    self.visit_expr(returns);
                }
                self.nested_body(&def.body);
            }
            Stmt::ClassDef(class) => {
                self.bound(class.name.as_str(), class.range);
                if let Some(arguments) = &class.arguments {
                    self.keywords(arguments, class.range);
                    self.visit_arguments(arguments);
                }
                for decorator in &class.decorator_list {
                    self.visit_expr(&decorator.expression);
                }
                self.nested_body(&class.body);
            }
            Stmt::Import(import) => {
                for alias in &import.names {
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name).as_str();
                    self.bound(bound.split('.').next().unwrap_or(bound), import.range);
                }
            }
            Stmt::ImportFrom(import) => {
                if !self.top_level && is_future_import(stmt).is_some() {
                    self.fail(LATE_FUTURE, import.range);
                }
                for alias in &import.names {
                    self.bound(
                        alias.asname.as_ref().unwrap_or(&alias.name).as_str(),
                        import.range,
                    );
                }
            }
            // Without a value, the target is only checked, at the statement.
            Stmt::AnnAssign(assign) if assign.value.is_none() => {
                match &*assign.target {
                    Expr::Name(name) => self.bound(name.id.as_str(), assign.range),
                    Expr::Attribute(attribute) => self.bound(attribute.attr.as_str(), assign.range),
                    _ => {}
                }
                self.visit_expr(&assign.annotation);
            }
            // `x.__debug__ += 1` is allowed: only a name is checked.
            Stmt::AugAssign(assign) => {
                if let Expr::Name(name) = &*assign.target {
                    self.bound(name.id.as_str(), name.range);
                }
                self.visit_expr(&assign.value);
            }
            Stmt::If(_)
            | Stmt::While(_)
            | Stmt::For(_)
            | Stmt::With(_)
            | Stmt::Try(_)
            | Stmt::Match(_) => {
                let top_level = std::mem::replace(&mut self.top_level, false);
                visitor::walk_stmt(self, stmt);
                self.top_level = top_level;
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_except_handler(&mut self, handler: &'a ast::ExceptHandler) {
        let ast::ExceptHandler::ExceptHandler(h) = handler;
        if let Some(name) = &h.name {
            self.bound(name.as_str(), h.range);
        }
        visitor::walk_except_handler(self, handler);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(name) => match name.ctx {
                ast::ExprContext::Store => self.bound(name.id.as_str(), name.range),
                ast::ExprContext::Del if name.id.as_str() == "__debug__" => {
                    self.fail("cannot delete __debug__", name.range)
                }
                _ => {}
            },
            Expr::Attribute(attribute) if attribute.ctx == ast::ExprContext::Store => {
                self.bound(attribute.attr.as_str(), attribute.range);
            }
            Expr::Call(call) => self.keywords(&call.arguments, call.range()),
            Expr::Lambda(lambda) => {
                if let Some(parameters) = &lambda.parameters {
                    self.parameters(parameters, lambda.range);
                }
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(source: &str) -> Result<Future, (String, String)> {
        let parsed = ruff_python_parser::parse_module(source).expect("parses");
        let body = &parsed.syntax().body;
        let checked = future_imports(body).and_then(|f| forbidden_names(body).map(|()| f));
        checked.map_err(|e| {
            let at = &source[e.range.start().to_usize()..e.range.end().to_usize()];
            (e.message, at.to_string())
        })
    }

    fn refused(source: &str, message: &str, at: &str) {
        assert_eq!(
            check(source).expect_err(source),
            (message.to_string(), at.to_string()),
            "{source}"
        );
    }

    #[test]
    fn future_imports_come_first_and_name_known_features() {
        assert!(
            check("'''doc'''\nfrom __future__ import annotations\nx = 1\n")
                .expect("accepted")
                .annotations
        );
        assert!(
            !check("from __future__ import generators\n")
                .expect("accepted")
                .annotations
        );
        refused(
            "import os\nfrom __future__ import annotations\n",
            LATE_FUTURE,
            "from __future__ import annotations",
        );
        refused(
            "def f():\n    from __future__ import annotations\n",
            LATE_FUTURE,
            "from __future__ import annotations",
        );
        refused(
            "from __future__ import annotations, nonsense\n",
            "future feature nonsense is not defined",
            "",
        );
        refused("from __future__ import braces\n", "not a chance", "");
        // A relative import of a module called `__future__` is no future import.
        assert!(check("x = 1\nfrom .__future__ import y\n").is_ok());
    }

    #[test]
    fn every_way_of_assigning_debug_is_refused() {
        let assign = "cannot assign to __debug__";
        refused("__debug__ = 1\n", assign, "__debug__");
        refused("for __debug__ in x: pass\n", assign, "__debug__");
        refused("__debug__ += 1\n", assign, "__debug__");
        refused("(__debug__ := 1)\n", assign, "__debug__");
        refused("x.__debug__ = 1\n", assign, "x.__debug__");
        refused("f(a, __debug__=1)\n", assign, "f(a, __debug__=1)");
        refused(
            "def f(*, __debug__): pass\n",
            assign,
            "def f(*, __debug__): pass",
        );
        refused("lambda **__debug__: 1\n", assign, "lambda **__debug__: 1");
        refused("class __debug__: pass\n", assign, "class __debug__: pass");
        refused("import os as __debug__\n", assign, "import os as __debug__");
        refused(
            "from os import __debug__\n",
            assign,
            "from os import __debug__",
        );
        refused("__debug__: int\n", assign, "__debug__: int");
        refused(
            "try: pass\nexcept E as __debug__: pass\n",
            assign,
            "except E as __debug__: pass",
        );
        refused("del __debug__\n", "cannot delete __debug__", "__debug__");
        // Reading it, deleting or augmenting an attribute of that name is fine.
        assert!(check("print(__debug__)\ndel x.__debug__\nx.__debug__ += 1\n").is_ok());
    }
}

/// `'single'` mode takes one statement, or several simple ones on one line
/// (`a = 1; b = 2`), with CPython's two messages for more.
pub fn single_statement(body: &[Stmt], source: &str) -> Result<(), CompileError> {
    let Some(first) = body.first() else {
        return Err(CompileError::syntax("invalid syntax", TextRange::default()));
    };
    let compound = matches!(
        first,
        Stmt::If(_)
            | Stmt::For(_)
            | Stmt::While(_)
            | Stmt::Try(_)
            | Stmt::With(_)
            | Stmt::FunctionDef(_)
            | Stmt::ClassDef(_)
            | Stmt::Match(_)
    );
    for pair in body.windows(2) {
        let (previous, next) = (&pair[0], &pair[1]);
        if compound {
            let start = next.start();
            let width = source[start.to_usize()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
            let end = start + ruff_text_size::TextSize::from(width as u32);
            return Err(CompileError::syntax(
                "invalid syntax",
                TextRange::new(start, end),
            ));
        }
        let between = &source[previous.end().to_usize()..next.start().to_usize()];
        if let Some(newline) = between.find('\n') {
            let at = previous.end() + ruff_text_size::TextSize::from(newline as u32);
            return Err(CompileError::syntax(
                "multiple statements found while compiling a single statement",
                TextRange::empty(at),
            ));
        }
    }
    if compound && !source.ends_with('\n') {
        // A compound statement at the prompt ends with an empty line.
        let end = ruff_text_size::TextSize::from(source.len() as u32);
        return Err(CompileError::syntax(
            "invalid syntax",
            TextRange::empty(end),
        ));
    }
    Ok(())
}
