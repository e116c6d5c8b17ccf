//! CPython's builtin hash modules `_md5`, `_sha1`, `_sha256` (`sha224`,
//! `sha256`) and `_sha512` (`sha384`, `sha512`), over the digests of
//! `digests.rs`: objects with `update`, `digest`, `hexdigest`, `copy`,
//! `name`, `digest_size` and `block_size`, as `hashlib` uses them.
//!
//! `_blake2` and `_sha3` exist so that `hashlib` imports, but their
//! constructors raise `NotImplementedError`: pvm has neither algorithm.
//! A hash object keeps the bytes it was given and digests them on demand.

use super::{digests, module};
use crate::call::Args;
use crate::exceptions::{type_error, PyResult};
use crate::native::{self, NativeObject};
use crate::types::{self, PyType, TypeKind};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Clone, Copy, PartialEq)]
enum Algorithm {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Algorithm {
    fn name(self) -> &'static str {
        match self {
            Algorithm::Md5 => "md5",
            Algorithm::Sha1 => "sha1",
            Algorithm::Sha224 => "sha224",
            Algorithm::Sha256 => "sha256",
            Algorithm::Sha384 => "sha384",
            Algorithm::Sha512 => "sha512",
        }
    }

    fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Algorithm::Md5 => digests::md5(data),
            Algorithm::Sha1 => digests::sha1(data),
            Algorithm::Sha224 => digests::sha256(data, true),
            Algorithm::Sha256 => digests::sha256(data, false),
            Algorithm::Sha384 => digests::sha512(data, true),
            Algorithm::Sha512 => digests::sha512(data, false),
        }
    }

    fn digest_size(self) -> i64 {
        match self {
            Algorithm::Md5 => 16,
            Algorithm::Sha1 => 20,
            Algorithm::Sha224 => 28,
            Algorithm::Sha256 => 32,
            Algorithm::Sha384 => 48,
            Algorithm::Sha512 => 64,
        }
    }

    fn block_size(self) -> i64 {
        match self {
            Algorithm::Sha384 | Algorithm::Sha512 => 128,
            _ => 64,
        }
    }

    fn type_of(self) -> &'static PyType {
        match self {
            Algorithm::Md5 => &MD5,
            Algorithm::Sha1 => &SHA1,
            Algorithm::Sha224 => &SHA224,
            Algorithm::Sha256 => &SHA256,
            Algorithm::Sha384 => &SHA384,
            Algorithm::Sha512 => &SHA512,
        }
    }
}

macro_rules! hash_type {
    ($static:ident, $name:literal) => {
        static $static: PyType = PyType {
            name: $name,
            base: Some(&types::OBJECT),
            kind: TypeKind::Opaque,
            class: None,
        };
    };
}

hash_type!(MD5, "md5");
hash_type!(SHA1, "sha1");
hash_type!(SHA224, "sha224");
hash_type!(SHA256, "sha256");
hash_type!(SHA384, "sha384");
hash_type!(SHA512, "sha512");

struct Hash {
    algorithm: Algorithm,
    data: RefCell<Vec<u8>>,
}

impl NativeObject for Hash {
    fn type_of(&self) -> &'static PyType {
        self.algorithm.type_of()
    }

    fn repr(&self, _: &mut Interp) -> PyResult<String> {
        Ok(format!("<{} hash object>", self.algorithm.name()))
    }

    fn method(&self, name: &str) -> Option<&'static Builtin> {
        HASH_METHODS.iter().find(|m| m.name == name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn attribute(&self, name: &str) -> Option<Value> {
        match name {
            "name" => Some(Value::str(self.algorithm.name())),
            "digest_size" => Some(Value::Int(self.algorithm.digest_size())),
            "block_size" => Some(Value::Int(self.algorithm.block_size())),
            _ => None,
        }
    }
}

builtin_table!(HASH_METHODS {
    "update" => hash_update,
    "digest" => hash_digest,
    "hexdigest" => hash_hexdigest,
    "copy" => hash_copy,
});

fn this(args: &[Value]) -> PyResult<&Hash> {
    args.first()
        .and_then(native::downcast::<Hash>)
        .ok_or_else(|| type_error("descriptor requires a hash object"))
}

/// The bytes of a bytes-like argument; `str` is refused as CPython does.
fn data_of(value: &Value) -> PyResult<Vec<u8>> {
    if let Some(bytes) = crate::bytes::buffer(value) {
        return Ok(bytes);
    }
    Err(type_error(match value {
        Value::Str(_) => "Strings must be encoded before hashing",
        _ => "object supporting the buffer API required",
    }))
}

fn hash_update(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("update", kw)?;
    let hash = this(args)?;
    let [_, data] = args else {
        return Err(type_error(format!(
            "update() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        )));
    };
    let bytes = data_of(data)?;
    hash.data.borrow_mut().extend_from_slice(&bytes);
    Ok(Value::None)
}

fn hash_digest(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let hash = this(args)?;
    let digest = hash.algorithm.digest(&hash.data.borrow());
    Ok(crate::bytes::new(digest))
}

fn hash_hexdigest(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let hash = this(args)?;
    let digest = hash.algorithm.digest(&hash.data.borrow());
    Ok(Value::str(
        digest
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>(),
    ))
}

fn hash_copy(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let hash = this(args)?;
    Ok(native::new(Hash {
        algorithm: hash.algorithm,
        data: RefCell::new(hash.data.borrow().clone()),
    }))
}

/// `_sha256.sha256(data=b'', *, usedforsecurity=True, string=None)` and
/// the other constructors.
fn construct(
    algorithm: Algorithm,
    args: &[Value],
    kw: &[Rc<PyStr>],
    function: &'static str,
) -> PyResult<Value> {
    let mut call = Args::new(function, args, kw);
    let string = call.keyword("string").cloned();
    let _ = call.keyword("usedforsecurity");
    let given = call.keyword("data").cloned();
    call.finish()?;
    call.arity(0, 1)?;
    let initial = call.positional.first().cloned().or(given);
    let data = match (initial, string) {
        (Some(value), _) | (None, Some(value)) if !matches!(value, Value::None) => data_of(&value)?,
        (Some(value), _) => data_of(&value)?,
        (None, _) => Vec::new(),
    };
    Ok(native::new(Hash {
        algorithm,
        data: RefCell::new(data),
    }))
}

macro_rules! constructor {
    ($fn:ident, $algorithm:expr, $name:literal) => {
        fn $fn(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
            construct($algorithm, args, kw, $name)
        }
    };
}

constructor!(new_md5, Algorithm::Md5, "md5");
constructor!(new_sha1, Algorithm::Sha1, "sha1");
constructor!(new_sha224, Algorithm::Sha224, "sha224");
constructor!(new_sha256, Algorithm::Sha256, "sha256");
constructor!(new_sha384, Algorithm::Sha384, "sha384");
constructor!(new_sha512, Algorithm::Sha512, "sha512");

builtin_table!(MD5_FUNCTIONS { "md5" => new_md5, });
builtin_table!(SHA1_FUNCTIONS { "sha1" => new_sha1, });
builtin_table!(SHA256_FUNCTIONS { "sha224" => new_sha224, "sha256" => new_sha256, });
builtin_table!(SHA512_FUNCTIONS { "sha384" => new_sha384, "sha512" => new_sha512, });

fn missing(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Err(crate::exceptions::not_implemented_error(
        "BLAKE2 and SHA-3 hashes are not supported by pvm yet",
    ))
}

builtin_table!(BLAKE2_FUNCTIONS { "blake2b" => missing, "blake2s" => missing, });
builtin_table!(SHA3_FUNCTIONS {
    "sha3_224" => missing,
    "sha3_256" => missing,
    "sha3_384" => missing,
    "sha3_512" => missing,
    "shake_128" => missing,
    "shake_256" => missing,
});

/// The module `name` (`_md5`, `_sha1`, `_sha256`, `_sha512`, `_blake2`,
/// `_sha3`), if it is one of these.
pub fn create(name: &str) -> Option<Value> {
    let functions = match name {
        "_md5" => MD5_FUNCTIONS,
        "_sha1" => SHA1_FUNCTIONS,
        "_sha256" => SHA256_FUNCTIONS,
        "_sha512" => SHA512_FUNCTIONS,
        "_blake2" => BLAKE2_FUNCTIONS,
        "_sha3" => SHA3_FUNCTIONS,
        _ => return None,
    };
    let functions: Vec<&'static Builtin> = functions.iter().collect();
    Some(module(name, &functions, Vec::new()))
}
