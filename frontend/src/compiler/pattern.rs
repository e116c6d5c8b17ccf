//! `match` statements: each `case` pattern becomes tests on the subject
//! with the match opcodes (`MATCH_SEQUENCE`, `MATCH_MAPPING`, `MATCH_KEYS`,
//! `MATCH_CLASS`, `GET_LEN`, `COPY_DICT_WITHOUT_KEYS`), as CPython 3.11
//! compiles them; what a subject is and how it is taken apart is the
//! runtime's.
//!
//! A pattern consumes the subject on top of the stack. When a test fails it
//! jumps to a label that pops what the pattern left on the stack and goes
//! on to the next case (`Fail`). Captured names are stored as soon as they
//! match, so a case that fails later may leave some bound (the language
//! allows it; CPython binds them at the end). CPython's compile-time
//! checks are made: cases made unreachable, names bound twice, and
//! alternatives that bind different names.

use super::{Access, Compiler};
use crate::assemble::Label;
use crate::code::Constant;
use crate::error::CompileError;
use crate::opcode::{CompareOperator, Opcode};
use ruff_python_ast::{self as ast, Pattern};
use ruff_text_size::{Ranged, TextRange};

type Result<T = ()> = std::result::Result<T, CompileError>;

/// Where a failing test goes: `pops[n]` pops `n` values, then falls
/// through to `pops[0]`, the next case (or alternative).
struct Fail {
    pops: Vec<Label>,
}

impl Fail {
    fn new() -> Fail {
        Fail { pops: Vec::new() }
    }

    /// The label that pops `n` values before going on.
    fn label(&mut self, compiler: &mut Compiler, n: usize) -> Label {
        while self.pops.len() <= n {
            self.pops.push(compiler.new_label());
        }
        self.pops[n]
    }

    /// Emits the popping labels, deepest first, ending at `pops[0]`.
    fn emit(mut self, compiler: &mut Compiler) {
        self.label(compiler, 0);
        for n in (1..self.pops.len()).rev() {
            compiler.bind(self.pops[n]);
            compiler.emit(Opcode::POP_TOP, 0);
        }
        compiler.bind(self.pops[0]);
    }
}

/// The names a case's pattern captures so far, and whether a pattern that
/// matches anything is allowed where the compiler is (CPython's
/// `allow_irrefutable`): the checks CPython's compiler makes.
struct Bindings {
    names: Vec<String>,
    /// Where the last name was captured (CPython reports alternatives
    /// that bind different names there).
    last: Option<TextRange>,
    irrefutable_ok: bool,
}

impl Bindings {
    /// The same names, inside a sequence, mapping or class pattern (where
    /// any sub-pattern may match anything).
    fn inner(&mut self) -> Bindings {
        Bindings {
            names: std::mem::take(&mut self.names),
            last: self.last,
            irrefutable_ok: true,
        }
    }

    fn bind(&mut self, name: Option<&ast::Identifier>, range: TextRange) -> Result {
        let Some(name) = name else { return Ok(()) };
        if self.names.iter().any(|n| n == name.as_str()) {
            return Err(CompileError::syntax(
                format!(
                    "multiple assignments to name '{}' in pattern",
                    name.as_str()
                ),
                TextRange::empty(range.start()),
            ));
        }
        self.names.push(name.as_str().to_string());
        self.last = Some(range);
        Ok(())
    }
}

impl Compiler<'_> {
    pub(super) fn match_stmt(&mut self, s: &ast::StmtMatch) -> Result {
        self.expr(&s.subject)?;
        let end = self.new_label();
        let last = s.cases.len().saturating_sub(1);
        for (i, case) in s.cases.iter().enumerate() {
            let is_last = i == last;
            let saved = self.set_position(case.pattern.range());
            // Every case but the last tests a copy and keeps the subject.
            if !is_last {
                self.emit(Opcode::COPY, 1);
            }
            let mut fail = Fail::new();
            let mut scope = Bindings {
                names: Vec::new(),
                last: None,
                // Only the last case, or one with a guard, may match anything.
                irrefutable_ok: is_last || case.guard.is_some(),
            };
            self.pattern(&case.pattern, &mut fail, 0, &mut scope)?;
            self.restore_position(saved);
            if let Some(guard) = &case.guard {
                let otherwise = fail.label(self, 0);
                self.condition(guard, otherwise)?;
            }
            if !is_last {
                self.emit(Opcode::POP_TOP, 0);
            }
            self.body(&case.body)?;
            self.emit_jump(Opcode::JUMP, end);
            fail.emit(self);
        }
        if s.cases.is_empty() {
            self.emit(Opcode::POP_TOP, 0);
        }
        self.bind(end);
        Ok(())
    }

    /// Tests the subject on top of the stack against `pattern`, consuming
    /// it; `below` values of the enclosing patterns are under it, which a
    /// failure pops too.
    fn pattern(
        &mut self,
        pattern: &Pattern,
        fail: &mut Fail,
        below: usize,
        scope: &mut Bindings,
    ) -> Result {
        match pattern {
            Pattern::MatchValue(p) => {
                self.expr(&p.value)?;
                self.emit(Opcode::COMPARE_OP, CompareOperator::Eq as u32);
                self.jump_unless(fail, below);
            }
            Pattern::MatchSingleton(p) => {
                self.emit_const(match p.value {
                    ast::Singleton::None => Constant::None,
                    ast::Singleton::True => Constant::Bool(true),
                    ast::Singleton::False => Constant::Bool(false),
                });
                self.emit(Opcode::IS_OP, 0);
                self.jump_unless(fail, below);
            }
            Pattern::MatchAs(p) => {
                match &p.pattern {
                    Some(inner) => {
                        self.emit(Opcode::COPY, 1);
                        self.pattern(inner, fail, below + 1, scope)?;
                    }
                    None if !scope.irrefutable_ok => {
                        let message = match &p.name {
                            Some(name) => format!(
                                "name capture '{}' makes remaining patterns unreachable",
                                name.as_str()
                            ),
                            None => "wildcard makes remaining patterns unreachable".to_string(),
                        };
                        return Err(CompileError::syntax(
                            message,
                            TextRange::empty(p.range.start()),
                        ));
                    }
                    None => {}
                }
                scope.bind(p.name.as_ref(), p.range)?;
                self.capture(p.name.as_ref(), p.range);
            }
            Pattern::MatchStar(p) => {
                scope.bind(p.name.as_ref(), p.range)?;
                self.capture(p.name.as_ref(), p.range);
            }
            Pattern::MatchOr(p) => self.or_pattern(&p.patterns, fail, below, scope)?,
            Pattern::MatchSequence(p) => {
                let mut inner = scope.inner();
                self.sequence_pattern(&p.patterns, fail, below, &mut inner)?;
                (scope.names, scope.last) = (inner.names, inner.last);
            }
            Pattern::MatchMapping(p) => {
                let mut inner = scope.inner();
                self.mapping_pattern(p, fail, below, &mut inner)?;
                (scope.names, scope.last) = (inner.names, inner.last);
            }
            Pattern::MatchClass(p) => {
                let mut inner = scope.inner();
                self.class_pattern(p, fail, below, &mut inner)?;
                (scope.names, scope.last) = (inner.names, inner.last);
            }
        }
        Ok(())
    }

    /// Pops a test result and goes to the failure path, popping `depth`
    /// values, when it is false.
    fn jump_unless(&mut self, fail: &mut Fail, depth: usize) {
        let target = fail.label(self, depth);
        self.emit_jump(Opcode::POP_JUMP_IF_FALSE, target);
    }

    /// Stores the subject under `name`, or drops it for `_`.
    fn capture(&mut self, name: Option<&ast::Identifier>, range: TextRange) {
        match name {
            Some(name) => self.name_op(name.as_str(), Access::Store, range),
            None => self.emit(Opcode::POP_TOP, 0),
        }
    }

    /// `p1 | p2 | ...`: each alternative but the last tests a copy, and
    /// failing goes on to the next with the subject back on top.
    fn or_pattern(
        &mut self,
        patterns: &[Pattern],
        fail: &mut Fail,
        below: usize,
        scope: &mut Bindings,
    ) -> Result {
        let end = self.new_label();
        let Some((last, first)) = patterns.split_last() else {
            return Ok(());
        };
        let before = scope.names.len();
        let mut first_names: Option<Vec<String>> = None;
        for (i, alternative) in patterns.iter().enumerate() {
            let is_last = i + 1 == patterns.len();
            let mut alternative_scope = Bindings {
                names: scope.names[..before].to_vec(),
                last: None,
                irrefutable_ok: is_last && scope.irrefutable_ok,
            };
            if is_last {
                self.pattern(last, fail, below, &mut alternative_scope)?;
            } else {
                self.emit(Opcode::COPY, 1);
                let mut next = Fail::new();
                self.pattern(alternative, &mut next, 0, &mut alternative_scope)?;
                self.emit(Opcode::POP_TOP, 0);
                self.emit_jump(Opcode::JUMP, end);
                next.emit(self);
            }
            let mut bound = alternative_scope.names[before..].to_vec();
            bound.sort();
            match &first_names {
                None => first_names = Some(bound),
                Some(names) if *names != bound => {
                    let at = alternative_scope.last.unwrap_or(alternative.range());
                    return Err(CompileError::syntax(
                        "alternative patterns bind different names",
                        TextRange::empty(at.start()),
                    ));
                }
                Some(_) => {}
            }
        }
        let _ = first;
        scope.names.extend(first_names.unwrap_or_default());
        self.bind(end);
        Ok(())
    }

    /// `[p1, *rest, p2]`: a sequence of the right length, then each item.
    fn sequence_pattern(
        &mut self,
        patterns: &[Pattern],
        fail: &mut Fail,
        below: usize,
        scope: &mut Bindings,
    ) -> Result {
        let star = patterns
            .iter()
            .position(|p| matches!(p, Pattern::MatchStar(_)));
        let fixed = patterns.len() - usize::from(star.is_some());
        self.emit(Opcode::MATCH_SEQUENCE, 0);
        self.jump_unless(fail, below + 1);
        let only_star = star.is_some() && fixed == 0;
        if !only_star {
            self.emit(Opcode::GET_LEN, 0);
            self.emit_const(Constant::Int(fixed as i64));
            let test = if star.is_some() {
                CompareOperator::Ge
            } else {
                CompareOperator::Eq
            };
            self.emit(Opcode::COMPARE_OP, test as u32);
            self.jump_unless(fail, below + 1);
        }
        match star {
            Some(at) => {
                let after = patterns.len() - at - 1;
                self.emit(Opcode::UNPACK_EX, (at | (after << 8)) as u32);
            }
            None if patterns.is_empty() => {
                self.emit(Opcode::POP_TOP, 0);
                return Ok(());
            }
            None => self.emit(Opcode::UNPACK_SEQUENCE, patterns.len() as u32),
        }
        self.item_patterns(patterns, fail, below, scope)
    }

    /// Tests the unpacked items on the stack (the first on top) in order.
    fn item_patterns(
        &mut self,
        patterns: &[Pattern],
        fail: &mut Fail,
        below: usize,
        scope: &mut Bindings,
    ) -> Result {
        for (i, pattern) in patterns.iter().enumerate() {
            let remaining = patterns.len() - i - 1;
            self.pattern(pattern, fail, below + remaining, scope)?;
        }
        Ok(())
    }

    /// `{key: p, ..., **rest}`: a mapping holding every key, then each
    /// value, then the rest.
    fn mapping_pattern(
        &mut self,
        p: &ast::PatternMatchMapping,
        fail: &mut Fail,
        below: usize,
        scope: &mut Bindings,
    ) -> Result {
        self.emit(Opcode::MATCH_MAPPING, 0);
        self.jump_unless(fail, below + 1);
        if p.keys.is_empty() {
            scope.bind(p.rest.as_ref(), p.range)?;
            match &p.rest {
                Some(rest) => {
                    self.emit_const(Constant::Tuple(Vec::new().into()));
                    self.emit(Opcode::COPY_DICT_WITHOUT_KEYS, 0);
                    self.emit(Opcode::SWAP, 2);
                    self.emit(Opcode::POP_TOP, 0);
                    self.name_op(rest.as_str(), Access::Store, p.range);
                }
                None => self.emit(Opcode::POP_TOP, 0),
            }
            return Ok(());
        }
        self.emit(Opcode::GET_LEN, 0);
        self.emit_const(Constant::Int(p.keys.len() as i64));
        self.emit(Opcode::COMPARE_OP, CompareOperator::Ge as u32);
        self.jump_unless(fail, below + 1);
        for key in &p.keys {
            self.expr(key)?;
        }
        self.emit(Opcode::BUILD_TUPLE, p.keys.len() as u32);
        self.emit(Opcode::MATCH_KEYS, 0);
        self.emit(Opcode::COPY, 1);
        self.emit_const(Constant::None);
        self.emit(Opcode::IS_OP, 1);
        self.jump_unless(fail, below + 3);
        self.emit(Opcode::UNPACK_SEQUENCE, p.keys.len() as u32);
        self.item_patterns(&p.patterns, fail, below + 2, scope)?;
        // CPython reports a rest name bound twice at the last value pattern.
        let rest_at = p.patterns.last().map_or(p.range, |last| last.range());
        scope.bind(p.rest.as_ref(), rest_at)?;
        match &p.rest {
            Some(rest) => {
                self.emit(Opcode::COPY_DICT_WITHOUT_KEYS, 0);
                self.emit(Opcode::SWAP, 2);
                self.emit(Opcode::POP_TOP, 0);
                self.name_op(rest.as_str(), Access::Store, p.range);
            }
            None => {
                self.emit(Opcode::POP_TOP, 0);
                self.emit(Opcode::POP_TOP, 0);
            }
        }
        Ok(())
    }

    /// `Class(p1, name=p2)`: an instance, then its positional (through
    /// `__match_args__`) and keyword attributes.
    fn class_pattern(
        &mut self,
        p: &ast::PatternMatchClass,
        fail: &mut Fail,
        below: usize,
        scope: &mut Bindings,
    ) -> Result {
        self.expr(&p.cls)?;
        let names: Vec<Constant> = p
            .arguments
            .keywords
            .iter()
            .map(|k| Constant::Str(k.attr.as_str().into()))
            .collect();
        self.emit_const(Constant::Tuple(names.into()));
        let positional = p.arguments.patterns.len();
        self.emit(Opcode::MATCH_CLASS, positional as u32);
        self.emit(Opcode::COPY, 1);
        self.emit_const(Constant::None);
        self.emit(Opcode::IS_OP, 1);
        self.jump_unless(fail, below + 1);
        let count = positional + p.arguments.keywords.len();
        if count == 0 {
            self.emit(Opcode::POP_TOP, 0);
            return Ok(());
        }
        self.emit(Opcode::UNPACK_SEQUENCE, count as u32);
        let all: Vec<&Pattern> = p
            .arguments
            .patterns
            .iter()
            .chain(p.arguments.keywords.iter().map(|k| &k.pattern))
            .collect();
        for (i, pattern) in all.iter().enumerate() {
            self.pattern(pattern, fail, below + count - i - 1, scope)?;
        }
        Ok(())
    }
}
