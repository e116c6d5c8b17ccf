//! Runtime semantics checked against values CPython 3.11 produces (each
//! expected value below was printed by `/usr/bin/python3.11`).

use pvm_runtime::construct::{parse_float, parse_int};
use pvm_runtime::hash::hash;
use pvm_runtime::numbers::{float_divmod, round_float};
use pvm_runtime::{Interp, PyResult, Value};

fn interp() -> Interp {
    Interp::new(Box::new(std::io::sink()))
}

fn repr(value: &Value) -> PyResult<String> {
    pvm_runtime::repr::repr(&mut interp(), value)
}

fn format(value: &Value, spec: &str) -> PyResult<String> {
    pvm_runtime::format::format(&mut interp(), value, spec)
}

fn int(text: &str) -> Value {
    parse_int(text, 10).expect("valid int literal")
}

#[test]
fn numeric_hashes_match_cpython() {
    let cases: &[(Value, i64)] = &[
        (Value::Int(1), 1),
        (Value::Float(1.0), 1),
        (Value::Bool(true), 1),
        (Value::Int(-1), -2),
        (Value::Float(0.5), 1152921504606846976),
        (Value::Float(-2.5), -1152921504606846978),
        (int("2305843009213693952"), 1),  // 2**61
        (int("-2305843009213693951"), 0), // -(2**61 - 1)
        (Value::Float(1e100), 1822893315824342674),
        (Value::Float(f64::INFINITY), 314159),
    ];
    for (value, expected) in cases {
        assert_eq!(
            hash(value).expect("hashable"),
            *expected,
            "hash({})",
            repr(value).unwrap()
        );
    }
    assert_eq!(
        hash(&Value::tuple(vec![Value::Int(1), Value::Int(2)])).unwrap(),
        -3550055125485641917
    );
    assert!(hash(&Value::list(vec![])).is_err(), "lists are unhashable");
}

#[test]
fn int_parsing_follows_python_rules() {
    assert_eq!(repr(&parse_int(" -1_000 ", 10).unwrap()).unwrap(), "-1000");
    assert_eq!(repr(&parse_int("0x_ff", 16).unwrap()).unwrap(), "255");
    assert_eq!(repr(&parse_int("0b101", 0).unwrap()).unwrap(), "5");
    assert_eq!(repr(&parse_int("z", 36).unwrap()).unwrap(), "35");
    assert_eq!(
        repr(&parse_int("99999999999999999999", 10).unwrap()).unwrap(),
        "99999999999999999999"
    );
    for bad in ["", "1__0", "_1", "1_", "0x", "12a", "--1"] {
        assert!(parse_int(bad, 10).is_none(), "int({bad:?}) must fail");
    }
    assert_eq!(parse_float(" 1_0.5e1 "), Some(105.0));
    assert_eq!(parse_float("-Infinity"), Some(f64::NEG_INFINITY));
    assert!(parse_float("1e").is_none() && parse_float("x").is_none());
}

#[test]
fn float_floor_division_and_rounding() {
    assert_eq!(float_divmod(-7.5, 2.0), (-4.0, 0.5));
    assert_eq!(float_divmod(7.5, -2.0), (-4.0, -0.5));
    let (_, zero) = float_divmod(-0.0, 5.0);
    assert!(zero == 0.0 && zero.is_sign_positive());
    assert_eq!(repr(&round_float(2.675, Some(2)).unwrap()).unwrap(), "2.67");
    assert_eq!(repr(&round_float(2.5, None).unwrap()).unwrap(), "2");
    assert_eq!(repr(&round_float(-0.5, None).unwrap()).unwrap(), "0");
    assert_eq!(
        repr(&round_float(1234.5678, Some(-2)).unwrap()).unwrap(),
        "1200.0"
    );
}

#[test]
fn format_specs_match_cpython() {
    let cases: &[(Value, &str, &str)] = &[
        (Value::Float(3.14159), ".2f", "3.14"),
        (Value::Int(12345678), ",", "12,345,678"),
        (Value::Int(255), "#x", "0xff"),
        (Value::Int(5), "08b", "00000101"),
        (Value::Int(-42), "+d", "-42"),
        (Value::Int(42), "+d", "+42"),
        (Value::Float(1e-5), "g", "1e-05"),
        (Value::Float(123456789.0), "g", "1.23457e+08"),
        (Value::Float(0.25), "%", "25.000000%"),
        (Value::Float(3.5), "e", "3.500000e+00"),
        (Value::Float(1234.5), ",.1f", "1,234.5"),
        (Value::Float(1e20), ".3g", "1e+20"),
        (Value::Float(1.0), ".3", "1.0"),
        (Value::Float(1234.5), ".2", "1.2e+03"),
        (Value::str("abc"), ".2", "ab"),
        (Value::str("x"), "^5", "  x  "),
        (Value::str("x"), "*>4", "***x"),
        (Value::Int(7), "03", "007"),
        (Value::Int(-7), "05", "-0007"),
    ];
    for (value, spec, expected) in cases {
        assert_eq!(
            format(value, spec).unwrap(),
            *expected,
            "format({}, {spec:?})",
            repr(value).unwrap()
        );
    }
    assert!(format(&Value::str("x"), "d").is_err());
}
