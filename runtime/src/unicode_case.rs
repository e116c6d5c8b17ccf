//! The case mappings and case predicates of `str`, as CPython 3.11's
//! `unicodeobject.c` does them: `upper()`, `lower()` (with the final-sigma
//! rule), `title()`, `capitalize()`, `swapcase()`, `casefold()` and the
//! "uppercase", "lowercase", "titlecase" and "cased" properties. What Rust's
//! standard library lacks (titlecase, case folding, case-ignorable) comes
//! from CPython's own tables (`pvm_frontend::unicode_data`), and Rust's
//! mappings apply only to characters with case in Unicode 14.0, CPython
//! 3.11's version. Not handled: the few characters whose case changed after
//! 14.0 (`ƛ` and `ɤ` gained an uppercase, `ʕ` stopped being lowercase).
//! The methods' argument checks are the callers'.

use pvm_frontend::unicode_data::{
    in_ranges, CASEFOLD, CASE_IGNORABLE, HAS_CASE, TITLECASE, TITLECASE_LETTERS,
};

fn mapping(table: &'static [(u32, &'static str)], c: char) -> Option<&'static str> {
    table
        .binary_search_by_key(&(c as u32), |&(code, _)| code)
        .ok()
        .map(|i| table[i].1)
}

/// Whether `c` has any case property or mapping in Unicode 14.0.
fn has_case(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_ranges(HAS_CASE, c)
    }
}

pub fn is_uppercase(c: char) -> bool {
    has_case(c) && c.is_uppercase()
}

pub fn is_lowercase(c: char) -> bool {
    has_case(c) && c.is_lowercase()
}

fn push_upper(out: &mut String, c: char) {
    if has_case(c) {
        out.extend(c.to_uppercase());
    } else {
        out.push(c);
    }
}

/// Unicode's Cased property: upper, lower or titlecase.
pub fn is_cased(c: char) -> bool {
    is_lowercase(c) || is_uppercase(c) || is_titlecase_letter(c)
}

pub fn is_titlecase_letter(c: char) -> bool {
    TITLECASE_LETTERS.binary_search(&(c as u32)).is_ok()
}

fn is_case_ignorable(c: char) -> bool {
    in_ranges(CASE_IGNORABLE, c)
}

fn push_title(out: &mut String, c: char) {
    match mapping(TITLECASE, c) {
        Some(title) => out.push_str(title),
        None => push_upper(out, c),
    }
}

/// Lowercases `chars[i]`; a capital sigma becomes final (`ς`) after a
/// cased letter and not before one, case-ignorable characters skipped.
fn push_lower(out: &mut String, chars: &[char], i: usize) {
    let c = chars[i];
    if c != 'Σ' {
        if has_case(c) {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
        return;
    }
    let cased_before = chars[..i]
        .iter()
        .rev()
        .find(|c| !is_case_ignorable(**c))
        .is_some_and(|c| is_cased(*c));
    let cased_after = chars[i + 1..]
        .iter()
        .find(|c| !is_case_ignorable(**c))
        .is_some_and(|c| is_cased(*c));
    out.push(if cased_before && !cased_after {
        'ς'
    } else {
        'σ'
    });
}

/// `str.upper()`: full uppercase mappings (`ß` gives `SS`).
pub fn upper(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_uppercase();
    }
    let mut out = String::with_capacity(text.len());
    text.chars().for_each(|c| push_upper(&mut out, c));
    out
}

/// `str.lower()`: full lowercase mappings, the final-sigma rule.
pub fn lower(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    (0..chars.len()).for_each(|i| push_lower(&mut out, &chars, i));
    out
}

/// `str.title()`: titlecase after an uncased character, lowercase after a
/// cased one.
pub fn title(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut previous_cased = false;
    for (i, &c) in chars.iter().enumerate() {
        if previous_cased {
            push_lower(&mut out, &chars, i);
        } else {
            push_title(&mut out, c);
        }
        previous_cased = is_cased(c);
    }
    out
}

/// `str.capitalize()`: the first character titlecased, the rest lowercased.
pub fn capitalize(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if i == 0 {
            push_title(&mut out, c);
        } else {
            push_lower(&mut out, &chars, i);
        }
    }
    out
}

/// `str.swapcase()`: uppercase letters lowered, lowercase ones uppered,
/// everything else (titlecase letters too) kept.
pub fn swapcase(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if is_uppercase(c) {
            push_lower(&mut out, &chars, i);
        } else if is_lowercase(c) {
            push_upper(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// `str.casefold()`: full case folding, character by character.
pub fn casefold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match mapping(CASEFOLD, c) {
            Some(folded) => out.push_str(folded),
            None if has_case(c) => out.extend(c.to_lowercase()),
            None => out.push(c),
        }
    }
    out
}
