//! Attribute semantics: lookup through classes (`user`) and the inline
//! caches of `LOAD_ATTR`, `STORE_ATTR` and `LOAD_METHOD` (`cache`).

pub mod cache;
pub mod user;
