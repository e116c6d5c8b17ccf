//! The symbol-table pass: decides, for every name in every scope, whether it
//! is a fast local, an explicit or implicit global, a free variable captured
//! from an enclosing function, or a cell captured by an inner one.
//!
//! It runs over the whole module before compilation, like CPython's
//! `symtable.c`, and reports the errors CPython reports at this stage, with
//! its messages: `global`/`nonlocal` after a use, an assignment or an
//! annotation, or naming a parameter; `nonlocal` with no enclosing binding
//! or at module level; a name both `global` and `nonlocal`; duplicate
//! parameters; `yield` inside a comprehension; and the misuses of `:=` in
//! comprehensions. It emits no code.

mod comprehensions;

use crate::error::CompileError;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::TextRange;
use rustc_hash::FxHashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Function,
    Class,
    /// Comprehensions and generator expressions get a function-like scope.
    Comprehension,
}

/// Where a name lives at run time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameScope {
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

#[derive(Clone, Copy, Debug, Default)]
struct Flags {
    assigned: bool,
    parameter: bool,
    used: bool,
    global: bool,
    nonlocal: bool,
    /// Annotated as a plain name (`x: int`).
    annotated: bool,
    /// A comprehension's iteration variable.
    iteration: bool,
    /// The target of a `:=` in this comprehension or one nested in it.
    walrus_target: bool,
}

#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    /// The source range of the node that opened the scope.
    pub range: TextRange,
    /// Names in first-seen order, with their resolved scope.
    pub symbols: Vec<(String, NameScope)>,
    index: FxHashMap<String, usize>,
    flags: Vec<Flags>,
    pub parameters: Vec<String>,
    children: Vec<usize>,
    parent: Option<usize>,
    /// For comprehensions, what CPython calls it in messages ("list
    /// comprehension", "generator expression").
    comprehension: &'static str,
    /// The first `global` or `nonlocal` statement naming each name, where
    /// errors about the declaration point.
    directives: FxHashMap<String, TextRange>,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, range: TextRange, parent: Option<usize>) -> Scope {
        Scope {
            kind,
            name: name.to_string(),
            range,
            symbols: Vec::new(),
            index: FxHashMap::default(),
            flags: Vec::new(),
            parameters: Vec::new(),
            children: Vec::new(),
            parent,
            comprehension: "",
            directives: FxHashMap::default(),
        }
    }

    fn slot(&mut self, name: &str) -> usize {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        self.symbols
            .push((name.to_string(), NameScope::GlobalImplicit));
        self.flags.push(Flags::default());
        self.index.insert(name.to_string(), self.symbols.len() - 1);
        self.symbols.len() - 1
    }

    /// The resolved scope of `name` (names never seen are implicit globals).
    pub fn lookup(&self, name: &str) -> NameScope {
        self.index
            .get(name)
            .map(|&i| self.symbols[i].1)
            .unwrap_or(NameScope::GlobalImplicit)
    }

    fn binds(&self, name: &str) -> bool {
        self.index.get(name).is_some_and(|&i| {
            let f = self.flags[i];
            (f.assigned || f.parameter) && !f.global && !f.nonlocal
        })
    }

    /// Why the `index`th symbol resolved as it did, in a few words, for
    /// `pvm explain` (the flags themselves stay private to this pass).
    pub fn why(&self, index: usize) -> &'static str {
        let Some(&(_, scope)) = self.symbols.get(index) else {
            return "";
        };
        let flags = self.flags.get(index).copied().unwrap_or_default();
        match scope {
            NameScope::GlobalExplicit => "declared `global`",
            NameScope::Free if flags.nonlocal && !flags.assigned && !flags.used => {
                "passed through to an inner function that uses it"
            }
            NameScope::Free if flags.nonlocal => {
                "declared `nonlocal`, or bound in an enclosing function"
            }
            NameScope::Free => "used here, bound in an enclosing function",
            NameScope::Cell if flags.parameter => "a parameter an inner function captures",
            NameScope::Cell => "assigned here and captured by an inner function",
            NameScope::Local if flags.parameter => "a parameter",
            NameScope::Local if self.kind == ScopeKind::Class => {
                "assigned in the class body: an entry of the class namespace"
            }
            NameScope::Local if self.kind == ScopeKind::Comprehension => {
                "assigned in the comprehension, which has a scope of its own"
            }
            NameScope::Local => "assigned in this function",
            NameScope::GlobalImplicit if self.kind == ScopeKind::Module && flags.assigned => {
                "assigned at module level, so a global"
            }
            NameScope::GlobalImplicit if self.kind == ScopeKind::Module => {
                "used at module level: a global or builtin"
            }
            NameScope::GlobalImplicit if self.kind == ScopeKind::Class => {
                "in a class body: looked up by name in the class namespace, then globals"
            }
            NameScope::GlobalImplicit => "used but never assigned here: a global or builtin",
        }
    }

    /// Names with a given resolved scope, in first-seen order.
    pub fn names_with(&self, scope: NameScope) -> impl Iterator<Item = &str> {
        self.symbols
            .iter()
            .filter(move |(_, s)| *s == scope)
            .map(|(n, _)| n.as_str())
    }
}

/// The scopes of one module, found again by the compiler through the source
/// range of the node that opened each one.
#[derive(Debug)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    by_node: FxHashMap<(u32, u32), usize>,
}

impl SymbolTable {
    pub fn build(module: &[Stmt]) -> Result<SymbolTable, CompileError> {
        let mut builder = Builder {
            table: SymbolTable {
                scopes: vec![Scope::new(
                    ScopeKind::Module,
                    "<module>",
                    TextRange::default(),
                    None,
                )],
                by_node: FxHashMap::default(),
            },
            current: 0,
            error: None,
            iterables: 0,
        };
        builder.visit_body(module);
        if let Some(error) = builder.error {
            return Err(error);
        }
        let mut table = builder.table;
        table.resolve(0)?;
        Ok(table)
    }

    /// The scope opened by the node with source range `range`.
    pub fn scope_of(&self, range: TextRange) -> Option<usize> {
        self.by_node.get(&key(range)).copied()
    }

    fn resolve(&mut self, id: usize) -> Result<(), CompileError> {
        let kind = self.scopes[id].kind;
        for i in 0..self.scopes[id].symbols.len() {
            let flags = self.scopes[id].flags[i];
            if flags.nonlocal {
                self.check_nonlocal(id, i, flags.global)?;
            }
            let resolved = if flags.global {
                NameScope::GlobalExplicit
            } else if flags.nonlocal {
                NameScope::Free
            } else if flags.assigned || flags.parameter {
                if kind == ScopeKind::Module {
                    NameScope::GlobalImplicit
                } else {
                    NameScope::Local
                }
            } else if self.enclosing_function_binds(id, &self.scopes[id].symbols[i].0) {
                NameScope::Free
            } else if self.scopes[id].symbols[i].0 == "__class__" && self.enclosing_class(id) {
                // Methods that use `super()` or `__class__` share a cell that
                // the class body creates and `__build_class__` fills.
                NameScope::Free
            } else {
                NameScope::GlobalImplicit
            };
            self.scopes[id].symbols[i].1 = resolved;
            if resolved == NameScope::Free {
                let name = self.scopes[id].symbols[i].0.clone();
                self.mark_cell(id, &name);
            }
        }
        for child in self.scopes[id].children.clone() {
            self.resolve(child)?;
        }
        Ok(())
    }

    /// CPython's `analyze_name` checks of an explicit `nonlocal`: not also
    /// `global`, and bound in an enclosing function (a class's names and
    /// names an enclosing function declares `global` do not count).
    fn check_nonlocal(&self, id: usize, i: usize, global: bool) -> Result<(), CompileError> {
        let scope = &self.scopes[id];
        let name = scope.symbols[i].0.as_str();
        let at = scope.directives.get(name).copied().unwrap_or_default();
        if global {
            return Err(CompileError::syntax(
                format!("name '{name}' is nonlocal and global"),
                at,
            ));
        }
        if name == "__class__" && self.enclosing_class(id) {
            return Ok(());
        }
        let mut parent = scope.parent;
        while let Some(p) = parent {
            let outer = &self.scopes[p];
            if matches!(outer.kind, ScopeKind::Function | ScopeKind::Comprehension) {
                if outer.binds(name) {
                    return Ok(());
                }
                if outer
                    .index
                    .get(name)
                    .is_some_and(|&s| outer.flags[s].global)
                {
                    break;
                }
            }
            parent = outer.parent;
        }
        Err(CompileError::syntax(
            format!("no binding for nonlocal '{name}' found"),
            at,
        ))
    }

    fn enclosing_function_binds(&self, id: usize, name: &str) -> bool {
        let mut parent = self.scopes[id].parent;
        while let Some(p) = parent {
            let scope = &self.scopes[p];
            if matches!(scope.kind, ScopeKind::Function | ScopeKind::Comprehension)
                && scope.binds(name)
            {
                return true;
            }
            parent = scope.parent;
        }
        false
    }

    /// Whether a class body encloses this function scope.
    fn enclosing_class(&self, id: usize) -> bool {
        let mut parent = self.scopes[id].parent;
        while let Some(p) = parent {
            match self.scopes[p].kind {
                ScopeKind::Class => return true,
                ScopeKind::Module => return false,
                _ => parent = self.scopes[p].parent,
            }
        }
        false
    }

    /// Makes the nearest enclosing function binding of `name` a cell and every
    /// scope in between pass it through as free (the implicit `__class__`
    /// becomes a cell of the nearest class body).
    fn mark_cell(&mut self, id: usize, name: &str) {
        let mut parent = self.scopes[id].parent;
        while let Some(p) = parent {
            let scope = &mut self.scopes[p];
            if scope.kind == ScopeKind::Class {
                if name == "__class__" {
                    let slot = scope.slot(name);
                    scope.symbols[slot].1 = NameScope::Cell;
                    return;
                }
                if !scope.binds(name) {
                    let slot = scope.slot(name);
                    scope.symbols[slot].1 = NameScope::Free;
                }
            }
            if matches!(scope.kind, ScopeKind::Function | ScopeKind::Comprehension) {
                if scope.binds(name) {
                    let slot = scope.index[name];
                    scope.symbols[slot].1 = NameScope::Cell;
                    return;
                }
                let slot = scope.slot(name);
                scope.flags[slot].nonlocal = true;
                scope.symbols[slot].1 = NameScope::Free;
            }
            parent = scope.parent;
        }
    }
}

fn key(range: TextRange) -> (u32, u32) {
    (range.start().to_u32(), range.end().to_u32())
}

struct Builder {
    table: SymbolTable,
    current: usize,
    error: Option<CompileError>,
    /// How many comprehension iterables enclose the expression being
    /// visited (scopes opened inside one count as inside it, as in CPython).
    iterables: u32,
}

impl Builder {
    fn scope(&mut self) -> &mut Scope {
        &mut self.table.scopes[self.current]
    }

    fn fail(&mut self, message: String, range: TextRange) {
        if self.error.is_none() {
            self.error = Some(CompileError::syntax(message, range));
        }
    }

    fn enter(&mut self, kind: ScopeKind, name: &str, range: TextRange) -> usize {
        let id = self.table.scopes.len();
        self.table
            .scopes
            .push(Scope::new(kind, name, range, Some(self.current)));
        self.table.scopes[self.current].children.push(id);
        self.table.by_node.insert(key(range), id);
        let outer = self.current;
        self.current = id;
        outer
    }

    fn bind(&mut self, name: &str) {
        let slot = self.scope().slot(name);
        self.scope().flags[slot].assigned = true;
    }

    fn use_name(&mut self, name: &str) {
        let slot = self.scope().slot(name);
        self.scope().flags[slot].used = true;
    }

    fn declare(&mut self, name: &str, global: bool, range: TextRange) {
        let kind = self.scope().kind;
        if !global && kind == ScopeKind::Module {
            return self.fail(
                "nonlocal declaration not allowed at module level".into(),
                range,
            );
        }
        let slot = self.scope().slot(name);
        let flags = self.scope().flags[slot];
        let keyword = if global { "global" } else { "nonlocal" };
        if flags.parameter {
            return self.fail(format!("name '{name}' is parameter and {keyword}"), range);
        }
        if flags.used {
            return self.fail(
                format!("name '{name}' is used prior to {keyword} declaration"),
                range,
            );
        }
        if flags.annotated {
            return self.fail(format!("annotated name '{name}' can't be {keyword}"), range);
        }
        if flags.assigned {
            return self.fail(
                format!("name '{name}' is assigned to before {keyword} declaration"),
                range,
            );
        }
        self.scope()
            .directives
            .entry(name.to_string())
            .or_insert(range);
        if global {
            self.scope().flags[slot].global = true;
        } else {
            self.scope().flags[slot].nonlocal = true;
        }
    }

    fn parameters(&mut self, parameters: &ast::Parameters) {
        for p in parameters.posonlyargs.iter().chain(&parameters.args) {
            self.parameter(&p.parameter.name);
        }
        if let Some(p) = &parameters.vararg {
            self.parameter(&p.name);
        }
        for p in &parameters.kwonlyargs {
            self.parameter(&p.parameter.name);
        }
        if let Some(p) = &parameters.kwarg {
            self.parameter(&p.name);
        }
    }

    fn parameter(&mut self, name: &ast::Identifier) {
        let slot = self.scope().slot(name.as_str());
        if self.scope().flags[slot].parameter {
            return self.fail(
                format!("duplicate argument '{name}' in function definition"),
                name.range,
            );
        }
        self.scope().flags[slot].parameter = true;
        self.scope().parameters.push(name.to_string());
    }

    fn defaults(&mut self, parameters: &ast::Parameters) {
        for p in parameters
            .posonlyargs
            .iter()
            .chain(&parameters.args)
            .chain(&parameters.kwonlyargs)
        {
            if let Some(default) = &p.default {
                self.visit_expr(default);
            }
        }
    }
}

impl<'a> Visitor<'a> for Builder {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(def) => {
                for decorator in &def.decorator_list {
                    self.visit_expr(&decorator.expression);
                }
                self.defaults(&def.parameters);
                self.bind(def.name.as_str());
                let outer = self.enter(ScopeKind::Function, def.name.as_str(), def.range);
                self.parameters(&def.parameters);
                self.visit_body(&def.body);
                self.current = outer;
            }
            Stmt::ClassDef(class) => {
                for decorator in &class.decorator_list {
                    self.visit_expr(&decorator.expression);
                }
                if let Some(arguments) = &class.arguments {
                    self.visit_arguments(arguments);
                }
                self.bind(class.name.as_str());
                let outer = self.enter(ScopeKind::Class, class.name.as_str(), class.range);
                self.visit_body(&class.body);
                self.current = outer;
            }
            Stmt::Global(global) => {
                for name in &global.names {
                    self.declare(name.as_str(), true, global.range);
                }
            }
            Stmt::Nonlocal(nonlocal) => {
                for name in &nonlocal.names {
                    self.declare(name.as_str(), false, nonlocal.range);
                }
            }
            Stmt::Import(import) => {
                for alias in &import.names {
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name).as_str();
                    self.bind(bound.split('.').next().unwrap_or(bound));
                }
            }
            Stmt::ImportFrom(import) => {
                for alias in &import.names {
                    if alias.name.as_str() != "*" {
                        self.bind(alias.asname.as_ref().unwrap_or(&alias.name).as_str());
                    }
                }
            }
            Stmt::AnnAssign(assign) => {
                if let (Expr::Name(name), true) = (&*assign.target, assign.simple) {
                    let id = name.id.as_str();
                    let slot = self.scope().slot(id);
                    let flags = self.scope().flags[slot];
                    if (flags.global || flags.nonlocal) && self.current != 0 {
                        let keyword = if flags.global { "global" } else { "nonlocal" };
                        return self.fail(
                            format!("annotated name '{id}' can't be {keyword}"),
                            assign.range,
                        );
                    }
                    self.scope().flags[slot].annotated = true;
                }
                // The annotation is evaluated in module and class bodies
                // (and harmlessly counted as a use elsewhere).
                self.visit_expr(&assign.annotation);
                self.visit_expr(&assign.target);
                if let Some(value) = &assign.value {
                    self.visit_expr(value);
                }
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_except_handler(&mut self, handler: &'a ast::ExceptHandler) {
        let ast::ExceptHandler::ExceptHandler(h) = handler;
        if let Some(name) = &h.name {
            self.bind(name.as_str());
        }
        visitor::walk_except_handler(self, handler);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(name) => match name.ctx {
                ast::ExprContext::Load => {
                    self.use_name(name.id.as_str());
                    if name.id.as_str() == "super" && self.scope().kind == ScopeKind::Function {
                        self.use_name("__class__");
                    }
                }
                _ => self.bind(name.id.as_str()),
            },
            Expr::Named(named) => self.named(named),
            Expr::Yield(ast::ExprYield { range, .. })
            | Expr::YieldFrom(ast::ExprYieldFrom { range, .. }) => {
                self.check_yield(*range);
                visitor::walk_expr(self, expr);
            }
            Expr::Lambda(lambda) => {
                if let Some(parameters) = &lambda.parameters {
                    self.defaults(parameters);
                }
                let outer = self.enter(ScopeKind::Function, "<lambda>", lambda.range);
                if let Some(parameters) = &lambda.parameters {
                    self.parameters(parameters);
                }
                self.visit_expr(&lambda.body);
                self.current = outer;
            }
            Expr::ListComp(c) => {
                self.comprehension("list comprehension", c.range, &c.generators, &[&c.elt])
            }
            Expr::SetComp(c) => {
                self.comprehension("set comprehension", c.range, &c.generators, &[&c.elt])
            }
            Expr::Generator(c) => {
                self.comprehension("generator expression", c.range, &c.generators, &[&c.elt])
            }
            Expr::DictComp(c) => {
                let mut parts: Vec<&Expr> = c.key.iter().map(|k| &**k).collect();
                parts.push(&c.value);
                self.comprehension("dict comprehension", c.range, &c.generators, &parts)
            }
            _ => visitor::walk_expr(self, expr),
        }
    }

    fn visit_annotation(&mut self, _expr: &'a Expr) {}

    /// The names a `case` pattern captures are bound in the scope.
    fn visit_pattern(&mut self, pattern: &'a ast::Pattern) {
        match pattern {
            ast::Pattern::MatchAs(ast::PatternMatchAs {
                name: Some(name), ..
            })
            | ast::Pattern::MatchStar(ast::PatternMatchStar {
                name: Some(name), ..
            })
            | ast::Pattern::MatchMapping(ast::PatternMatchMapping {
                rest: Some(name), ..
            }) => self.bind(name.as_str()),
            _ => {}
        }
        visitor::walk_pattern(self, pattern);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message and the source text the error points at.
    fn refused(source: &str) -> (String, String) {
        let parsed = ruff_python_parser::parse_module(source).expect("parses");
        let error = SymbolTable::build(&parsed.syntax().body).expect_err(source);
        let at = &source[error.range.start().to_usize()..error.range.end().to_usize()];
        (error.message, at.to_string())
    }

    #[test]
    fn scope_errors_have_cpythons_messages_and_locations() {
        let cases = [
            (
                "def f():\n    nonlocal x\n",
                "no binding for nonlocal 'x' found",
                "nonlocal x",
            ),
            (
                "def f():\n    x = 1\n    class C:\n        x = 2\n        def g():\n            nonlocal x\n",
                "",
                "",
            ),
            (
                "class C:\n    x = 1\n    def g():\n        nonlocal x\n",
                "no binding for nonlocal 'x' found",
                "nonlocal x",
            ),
            (
                "def f():\n    x = 1\n    def g():\n        global x\n        def h():\n            nonlocal x\n",
                "no binding for nonlocal 'x' found",
                "nonlocal x",
            ),
            (
                "def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x\n",
                "name 'x' is nonlocal and global",
                "global x",
            ),
            (
                "def f():\n    x = 1\n    global x\n",
                "name 'x' is assigned to before global declaration",
                "global x",
            ),
            (
                "def f():\n    x: int\n    global x\n",
                "annotated name 'x' can't be global",
                "global x",
            ),
            (
                "def f():\n    global x\n    x: int = 1\n",
                "annotated name 'x' can't be global",
                "x: int = 1",
            ),
            (
                "def f(a, b, *, a): pass\n",
                "duplicate argument 'a' in function definition",
                "a",
            ),
            (
                "lambda a, **a: 1\n",
                "duplicate argument 'a' in function definition",
                "a",
            ),
            (
                "def f():\n    return {k: (yield) for k in x}\n",
                "'yield' inside dict comprehension",
                "yield",
            ),
            (
                "def f():\n    return [[(yield from y) for y in x] for x in z]\n",
                "'yield' inside list comprehension",
                "yield from y",
            ),
            (
                "[i := 0 for i in x]\n",
                "assignment expression cannot rebind comprehension iteration variable 'i'",
                "i",
            ),
            (
                "[[(i := 0) for j in x] for i, k in y]\n",
                "assignment expression cannot rebind comprehension iteration variable 'i'",
                "i",
            ),
            (
                "[i for i in x if (j := i) for j in y]\n",
                "comprehension inner loop cannot rebind assignment expression target 'j'",
                "j",
            ),
            (
                "[x for x in (lambda: (y := 1))()]\n",
                "assignment expression cannot be used in a comprehension iterable expression",
                "y := 1",
            ),
            (
                "class C:\n    [(j := 1) for i in x]\n",
                "assignment expression within a comprehension cannot be used in a class body",
                "j",
            ),
        ];
        for (source, message, at) in cases {
            if message.is_empty() {
                // The class body's `x` does not count, the function's does.
                let parsed = ruff_python_parser::parse_module(source).expect("parses");
                assert!(
                    SymbolTable::build(&parsed.syntax().body).is_ok(),
                    "{source}"
                );
                continue;
            }
            assert_eq!(refused(source), (message.into(), at.into()), "{source}");
        }
    }

    #[test]
    fn what_cpython_accepts_is_accepted() {
        for source in [
            "def f():\n    x = 1\n    def g():\n        def h():\n            nonlocal x\n",
            "class C:\n    def f(self):\n        nonlocal __class__\n",
            "def f():\n    return [x for x in (yield)]\n",
            "def f():\n    [(y := i) for i in x]\n    return y\n",
            "[(y := i) for i in x]\n",
        ] {
            let parsed = ruff_python_parser::parse_module(source).expect("parses");
            assert!(
                SymbolTable::build(&parsed.syntax().body).is_ok(),
                "{source}"
            );
        }
    }
}
