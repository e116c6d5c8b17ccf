//! The front end's stages as `pvm explain` shows them: the tokens, a compact
//! syntax tree and the symbol table of a program, as plain lines of text.
//!
//! This is the one place outside the compiler that reads the parser's
//! tokens and nodes; callers get strings and pvm's own types, never the
//! parser library's. It compiles nothing and colours nothing: the caller
//! has already compiled the program (so it parses) and renders the lines.

use crate::symtable::{NameScope, ScopeKind, SymbolTable};
use crate::LocatedError;
use ruff_python_ast::token::TokenKind;
use ruff_python_ast::visitor::source_order::{self, SourceOrderVisitor, TraversalSignal};
use ruff_python_ast::{AnyNodeRef, Stmt};
use ruff_text_size::{Ranged, TextRange};

/// A parsed program, ready to be shown stage by stage.
pub struct Parsed {
    source: String,
    parsed: ruff_python_parser::Parsed<ruff_python_ast::ModModule>,
    line_starts: Vec<usize>,
    /// With `--function NAME`: the range of that function's `def`.
    focus: Option<TextRange>,
}

/// One token, as `python -m tokenize` lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Start and end as (line, column), columns counted in characters from 0.
    pub start: (u32, u32),
    pub end: (u32, u32),
    /// CPython's token type name (`NAME`, `OP`, `NUMBER`, `NEWLINE`, ...).
    pub kind: &'static str,
    pub text: String,
}

/// One line of the syntax tree: a node at a depth, its kind (CPython's
/// `ast` class name where there is one) and what distinguishes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub depth: usize,
    pub kind: String,
    pub detail: String,
    pub line: u32,
}

/// One scope of the symbol table and its names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    /// `module`, `function`, `class` or `comprehension`.
    pub kind: &'static str,
    pub name: String,
    pub line: u32,
    pub symbols: Vec<Symbol>,
}

/// A name in a scope: where it lives at run time, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    /// `local`, `global`, `global (declared)`, `free` or `cell`.
    pub scope: &'static str,
    pub why: &'static str,
}

impl Parsed {
    /// Parses `source`; with `function`, later stages show only the first
    /// `def` of that name (an error if there is none).
    pub fn new(source: &str, filename: &str, function: Option<&str>) -> Result<Parsed, String> {
        let parsed = ruff_python_parser::parse_module(source).map_err(|error| {
            let located: LocatedError =
                crate::parse_messages::from_parse_error(&error, source).locate(source, filename);
            located.render()
        })?;
        let mut line_starts = vec![0];
        line_starts.extend(source.match_indices('\n').map(|(at, _)| at + 1));
        let mut program = Parsed {
            source: source.to_string(),
            parsed,
            line_starts,
            focus: None,
        };
        if let Some(name) = function {
            // A qualified name (`C.method`) is looked for by its last part.
            let last = name.rsplit('.').next().unwrap_or(name);
            let mut finder = FindDef {
                name: last,
                found: None,
            };
            finder.visit_body(&program.parsed.syntax().body);
            program.focus = Some(
                finder
                    .found
                    .ok_or_else(|| format!("no function named '{name}' in {filename}"))?,
            );
        }
        Ok(program)
    }

    /// (line, column) of a byte offset, both as people count them in an
    /// editor (line from 1, column in characters from 0).
    fn position(&self, offset: usize) -> (u32, u32) {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = self
            .source
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        (line as u32, column as u32)
    }

    fn in_focus(&self, range: TextRange) -> bool {
        self.focus.is_none_or(|focus| focus.contains_range(range))
    }

    /// The tokens, in order (comments and non-logical newlines included,
    /// as the tokenizer sees them).
    pub fn tokens(&self) -> Vec<Token> {
        self.parsed
            .tokens()
            .iter()
            .filter(|token| self.in_focus(token.range()))
            .map(|token| Token {
                start: self.position(token.start().to_usize()),
                end: self.position(token.end().to_usize()),
                kind: token_type(token.kind()),
                text: self.source[token.range()].to_string(),
            })
            .collect()
    }

    /// The syntax tree, one line per node, in source order.
    pub fn tree(&self) -> Vec<Node> {
        let mut tree = Tree {
            program: self,
            depth: 0,
            nodes: Vec::new(),
            shown: Vec::new(),
        };
        let module = AnyNodeRef::from(self.parsed.syntax());
        match self.focus {
            None => {
                tree.enter_node(module);
                source_order::walk_body(&mut tree, &self.parsed.syntax().body);
            }
            Some(_) => source_order::walk_body(&mut tree, &self.parsed.syntax().body),
        }
        tree.nodes
    }

    /// The symbol table: every scope (only the focused function's with
    /// `--function`) and each of its names.
    pub fn symbols(&self) -> Result<Vec<Scope>, String> {
        let table =
            SymbolTable::build(&self.parsed.syntax().body).map_err(|error| error.message)?;
        Ok(table
            .scopes
            .iter()
            .filter(|scope| {
                scope.kind == ScopeKind::Module && self.focus.is_none() || {
                    scope.kind != ScopeKind::Module && self.in_focus(scope.range)
                }
            })
            .map(|scope| Scope {
                kind: match scope.kind {
                    ScopeKind::Module => "module",
                    ScopeKind::Function => "function",
                    ScopeKind::Class => "class",
                    ScopeKind::Comprehension => "comprehension",
                },
                name: scope.name.clone(),
                line: if scope.kind == ScopeKind::Module {
                    1
                } else {
                    self.position(scope.range.start().to_usize()).0
                },
                symbols: scope
                    .symbols
                    .iter()
                    .enumerate()
                    .map(|(index, (name, resolved))| Symbol {
                        name: name.clone(),
                        scope: match resolved {
                            NameScope::Local => "local",
                            NameScope::GlobalExplicit => "global (declared)",
                            NameScope::GlobalImplicit => "global",
                            NameScope::Free => "free",
                            NameScope::Cell => "cell",
                        },
                        why: scope.why(index),
                    })
                    .collect(),
            })
            .collect())
    }
}

/// The token type CPython's tokenizer gives a token of this kind.
fn token_type(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::Name => "NAME",
        _ if kind.is_keyword() => "NAME",
        TokenKind::Int | TokenKind::Float | TokenKind::Complex => "NUMBER",
        TokenKind::String => "STRING",
        TokenKind::FStringStart => "FSTRING_START",
        TokenKind::FStringMiddle => "FSTRING_MIDDLE",
        TokenKind::FStringEnd => "FSTRING_END",
        TokenKind::Comment => "COMMENT",
        TokenKind::Newline => "NEWLINE",
        TokenKind::NonLogicalNewline => "NL",
        TokenKind::Indent => "INDENT",
        TokenKind::Dedent => "DEDENT",
        TokenKind::EndOfFile => "ENDMARKER",
        _ if kind.is_operator() => "OP",
        TokenKind::Ellipsis => "OP",
        _ => "OTHER",
    }
}

/// Finds the first `def NAME`, at any depth.
struct FindDef<'n> {
    name: &'n str,
    found: Option<TextRange>,
}

impl<'a> SourceOrderVisitor<'a> for FindDef<'_> {
    fn enter_node(&mut self, node: AnyNodeRef<'a>) -> TraversalSignal {
        if self.found.is_some() {
            return TraversalSignal::Skip;
        }
        if let AnyNodeRef::StmtFunctionDef(def) = node {
            if def.name.as_str() == self.name {
                self.found = Some(def.range);
                return TraversalSignal::Skip;
            }
        }
        TraversalSignal::Traverse
    }
}

/// Collects the nodes worth a line, skipping the wrappers the parser keeps
/// that CPython's `ast` has no node for (their children move up a level).
struct Tree<'p> {
    program: &'p Parsed,
    depth: usize,
    nodes: Vec<Node>,
    /// Whether each entered node got a line (and so a level of depth).
    shown: Vec<bool>,
}

impl<'a> SourceOrderVisitor<'a> for Tree<'_> {
    fn enter_node(&mut self, node: AnyNodeRef<'a>) -> TraversalSignal {
        if !self.program.in_focus(node.range()) {
            self.shown.push(false);
            return TraversalSignal::Skip;
        }
        let Some((kind, detail)) = describe(node, &self.program.source) else {
            self.shown.push(false);
            return TraversalSignal::Traverse;
        };
        self.nodes.push(Node {
            depth: self.depth,
            kind,
            detail,
            line: self.program.position(node.start().to_usize()).0,
        });
        self.shown.push(true);
        self.depth += 1;
        // A literal's parts (its string pieces) say nothing more.
        if matches!(
            node,
            AnyNodeRef::ExprStringLiteral(_) | AnyNodeRef::ExprBytesLiteral(_)
        ) {
            return TraversalSignal::Skip;
        }
        TraversalSignal::Traverse
    }

    fn leave_node(&mut self, _node: AnyNodeRef<'a>) {
        if self.shown.pop() == Some(true) {
            self.depth -= 1;
        }
    }

    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        source_order::walk_stmt(self, stmt);
    }
}

/// A node's line: CPython's `ast` name and what tells it apart, or `None`
/// for a wrapper that gets no line.
fn describe(node: AnyNodeRef, source: &str) -> Option<(String, String)> {
    use AnyNodeRef as N;
    let none = String::new;
    let (kind, detail) = match node {
        N::ModModule(_) => ("Module", none()),
        N::StmtFunctionDef(def) => ("FunctionDef", def.name.to_string()),
        N::StmtClassDef(class) => ("ClassDef", class.name.to_string()),
        N::StmtAugAssign(assign) => ("AugAssign", format!("{}=", assign.op.as_str())),
        N::ExprBinOp(binary) => ("BinOp", binary.op.as_str().to_string()),
        N::ExprUnaryOp(unary) => ("UnaryOp", unary.op.as_str().to_string()),
        N::ExprBoolOp(boolean) => ("BoolOp", boolean.op.as_str().to_string()),
        N::ExprCompare(compare) => (
            "Compare",
            compare
                .ops
                .iter()
                .map(|op| op.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        ),
        N::ExprName(name) => (
            "Name",
            format!(
                "{} ({})",
                name.id,
                match name.ctx {
                    ruff_python_ast::ExprContext::Store => "store",
                    ruff_python_ast::ExprContext::Del => "delete",
                    _ => "load",
                }
            ),
        ),
        N::ExprAttribute(attribute) => ("Attribute", format!(".{}", attribute.attr)),
        N::ExprNumberLiteral(_)
        | N::ExprStringLiteral(_)
        | N::ExprBytesLiteral(_)
        | N::ExprBooleanLiteral(_)
        | N::ExprNoneLiteral(_)
        | N::ExprEllipsisLiteral(_) => ("Constant", literal(source, node.range())),
        N::Parameter(parameter) => ("arg", parameter.name.to_string()),
        N::Keyword(keyword) => (
            "keyword",
            keyword
                .arg
                .as_ref()
                .map_or("**".to_string(), |arg| arg.to_string()),
        ),
        N::Alias(alias) => ("alias", alias.name.to_string()),
        N::Identifier(_)
        | N::Parameters(_)
        | N::ParameterWithDefault(_)
        | N::Arguments(_)
        | N::StringLiteral(_)
        | N::BytesLiteral(_)
        | N::FString(_) => return None,
        N::ElifElseClause(clause) if clause.test.is_some() => ("elif", none()),
        N::ElifElseClause(_) => ("else", none()),
        other => return Some((kind_name(other), none())),
    };
    Some((kind.to_string(), detail))
}

/// The parser's name for a node kind, without its `Stmt`/`Expr` prefix.
fn kind_name(node: AnyNodeRef) -> String {
    let name = format!("{:?}", node.kind());
    ["Stmt", "Expr", "ExceptHandler", "Pattern"]
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix).filter(|rest| !rest.is_empty()))
        .unwrap_or(&name)
        .to_string()
}

/// A literal as written, shortened past 40 characters.
fn literal(source: &str, range: TextRange) -> String {
    let text = source
        .get(range.start().to_usize()..range.end().to_usize())
        .unwrap_or("");
    let first_line = text.lines().next().unwrap_or("");
    if first_line.chars().count() > 40 || first_line.len() < text.len() {
        let short: String = first_line.chars().take(37).collect();
        format!("{short}...")
    } else {
        text.to_string()
    }
}
