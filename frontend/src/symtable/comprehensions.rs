//! The symbol-table rules of comprehensions: their scopes and iteration
//! variables, where a `:=` inside one binds (and the misuses CPython
//! refuses), and `yield` inside one.

use super::{Builder, ScopeKind};
use ruff_python_ast::visitor::Visitor;
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::TextRange;

impl Builder {
    pub(super) fn comprehension(
        &mut self,
        what: &'static str,
        range: TextRange,
        generators: &[ast::Comprehension],
        elements: &[&Expr],
    ) {
        // The first iterable is evaluated in the enclosing scope.
        if let Some(first) = generators.first() {
            self.iterable(&first.iter);
        }
        let outer = self.enter(ScopeKind::Comprehension, "<comprehension>", range);
        self.scope().comprehension = what;
        let slot = self.scope().slot(".0");
        self.scope().flags[slot].parameter = true;
        self.scope().parameters.push(".0".into());
        for (i, generator) in generators.iter().enumerate() {
            if i > 0 {
                self.iterable(&generator.iter);
            }
            self.iteration_target(&generator.target);
            for condition in &generator.ifs {
                self.visit_expr(condition);
            }
        }
        for element in elements {
            self.visit_expr(element);
        }
        self.current = outer;
    }

    fn iterable(&mut self, iter: &Expr) {
        self.iterables += 1;
        self.visit_expr(iter);
        self.iterables -= 1;
    }

    /// Binds a comprehension's `for` target; it may not rebind a `:=`
    /// target of the same comprehension.
    fn iteration_target(&mut self, target: &Expr) {
        match target {
            Expr::Name(name) => {
                let id = name.id.as_str();
                let slot = self.scope().slot(id);
                if self.scope().flags[slot].walrus_target {
                    return self.fail(
                        format!(
                            "comprehension inner loop cannot rebind assignment expression target '{id}'"
                        ),
                        name.range,
                    );
                }
                self.scope().flags[slot].iteration = true;
                self.visit_expr(target);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for element in elts {
                    self.iteration_target(element);
                }
            }
            Expr::Starred(starred) => self.iteration_target(&starred.value),
            _ => self.visit_expr(target),
        }
    }

    /// `target := value`: the target binds in the nearest enclosing scope
    /// that is not a comprehension (CPython's
    /// `symtable_extend_namedexpr_scope`), which may not be a class body,
    /// and may not be an iteration variable of a comprehension it leaves.
    pub(super) fn named(&mut self, named: &ast::ExprNamed) {
        if self.iterables > 0 {
            return self.fail(
                "assignment expression cannot be used in a comprehension iterable expression"
                    .into(),
                named.range,
            );
        }
        self.visit_expr(&named.value);
        let Expr::Name(target) = &*named.target else {
            return self.visit_expr(&named.target);
        };
        let name = target.id.as_str();
        let here = self.current;
        while self.scope().kind == ScopeKind::Comprehension {
            let slot = self.scope().slot(name);
            let flags = &mut self.scope().flags[slot];
            if flags.iteration {
                self.current = here;
                return self.fail(
                    format!(
                        "assignment expression cannot rebind comprehension iteration variable '{name}'"
                    ),
                    target.range,
                );
            }
            flags.walrus_target = true;
            flags.used = true;
            self.current = self.table.scopes[self.current].parent.unwrap_or(0);
        }
        if self.current != here && self.scope().kind == ScopeKind::Class {
            self.current = here;
            return self.fail(
                "assignment expression within a comprehension cannot be used in a class body"
                    .into(),
                target.range,
            );
        }
        self.bind(name);
        self.current = here;
    }

    /// `yield` and `yield from` may not appear in a comprehension's own
    /// scope (its first iterable belongs to the enclosing scope).
    pub(super) fn check_yield(&mut self, range: TextRange) {
        let what = self.scope().comprehension;
        if self.scope().kind == ScopeKind::Comprehension {
            self.fail(format!("'yield' inside {what}"), range);
        }
    }
}
