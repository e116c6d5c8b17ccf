//! The calendar half of `time`: `struct_time` (a tuple subclass with the
//! `tm_*` fields), `gmtime`, `localtime`, `mktime`, `strftime`, `asctime`,
//! `ctime`, `time_ns` and the time-zone constants, over the C library as
//! CPython's are (so `strftime` formats exactly as CPython's does).
//!
//! Not offered: `strptime` (CPython's is `_strptime.py`, which needs
//! locale support pvm lacks), `tzset`, `get_clock_info`, `clock_*`.

use crate::call::no_keywords;
use crate::exceptions::{overflow_error, type_error, value_error, PyResult};
use crate::types::{self, PyType};
use crate::value::{Builtin, Descriptor, MethodDescriptor, PyDict, PyStr, Value};
use crate::{intern, Interp};
use std::cell::OnceCell;
use std::rc::Rc;

const FIELDS: [&str; 9] = [
    "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst",
];

thread_local! {
    static STRUCT_TIME: OnceCell<&'static PyType> = const { OnceCell::new() };
}

macro_rules! field_getters {
    ($($fn:ident = $index:literal;)*) => {
        $(fn $fn(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
            field(args, $index)
        })*
        static GETTERS: &[Builtin] = &[$(Builtin { name: FIELDS[$index], func: $fn }),*];
    };
}

field_getters! {
    get_year = 0;
    get_mon = 1;
    get_mday = 2;
    get_hour = 3;
    get_min = 4;
    get_sec = 5;
    get_wday = 6;
    get_yday = 7;
    get_isdst = 8;
}

fn field(args: &[Value], index: usize) -> PyResult<Value> {
    match args.first().and_then(crate::subclass::part) {
        Some(Value::Tuple(t)) => Ok(t.items.get(index).cloned().unwrap_or_default()),
        _ => Err(type_error(
            "descriptor requires a 'time.struct_time' object",
        )),
    }
}

static REPR: Builtin = Builtin {
    name: "__repr__",
    func: struct_repr,
};

fn struct_repr(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let Some(Value::Tuple(t)) = args.first().and_then(crate::subclass::part) else {
        return Err(type_error(
            "descriptor requires a 'time.struct_time' object",
        ));
    };
    let mut parts = Vec::new();
    for (name, value) in FIELDS.iter().zip(t.items.iter()) {
        parts.push(format!("{name}={}", crate::repr::repr(interp, value)?));
    }
    Ok(Value::str(format!(
        "time.struct_time({})",
        parts.join(", ")
    )))
}

/// The `time.struct_time` class (made once per thread).
pub fn struct_time() -> PyResult<&'static PyType> {
    if let Some(class) = STRUCT_TIME.with(|c| c.get().copied()) {
        return Ok(class);
    }
    let namespace = PyDict::new();
    for getter in GETTERS {
        namespace.set_str(
            &intern(getter.name),
            Value::Descriptor(Rc::new(Descriptor::Property {
                getter: Value::Builtin(getter),
                setter: Value::None,
                deleter: Value::None,
                name: Some(intern(getter.name)),
            })),
        );
    }
    namespace.set_str(&intern("n_sequence_fields"), Value::Int(9));
    namespace.set_str(&intern("n_fields"), Value::Int(11));
    let class = crate::classes::make_class(
        "struct_time",
        vec![&types::TUPLE],
        &namespace,
        Value::str("time"),
    )?;
    if let Some(data) = &class.class {
        data.dict.set_str(
            &intern("__repr__"),
            Value::MethodDescriptor(Rc::new(MethodDescriptor {
                owner: class,
                method: &REPR,
            })),
        );
    }
    STRUCT_TIME.with(|c| c.set(class).ok());
    Ok(class)
}

/// A `struct_time` of a C `tm`, with `tm_zone` and `tm_gmtoff`.
fn from_tm(tm: &libc::tm) -> PyResult<Value> {
    let items = vec![
        Value::Int(tm.tm_year as i64 + 1900),
        Value::Int(tm.tm_mon as i64 + 1),
        Value::Int(tm.tm_mday as i64),
        Value::Int(tm.tm_hour as i64),
        Value::Int(tm.tm_min as i64),
        Value::Int(tm.tm_sec as i64),
        Value::Int((tm.tm_wday as i64 + 6) % 7),
        Value::Int(tm.tm_yday as i64 + 1),
        Value::Int(tm.tm_isdst as i64),
    ];
    let zone = if tm.tm_zone.is_null() {
        String::new()
    } else {
        // SAFETY: the C library set `tm_zone` to a NUL-terminated string
        // that lives as long as the time-zone data.
        unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
            .to_string_lossy()
            .into_owned()
    };
    let instance = Value::Instance(Rc::new(crate::value::PyInstance {
        class: struct_time()?,
        dict: PyDict::new(),
        base: Value::tuple(items),
        hash: std::cell::Cell::new(-1),
    }));
    if let Value::Instance(i) = &instance {
        i.dict.set_str(&intern("tm_zone"), Value::str(zone));
        i.dict
            .set_str(&intern("tm_gmtoff"), Value::Int(tm.tm_gmtoff as i64));
    }
    Ok(instance)
}

/// A C `tm` from a `struct_time` or 9-tuple (what `mktime`, `strftime` and
/// `asctime` take).
fn to_tm(value: &Value, function: &str) -> PyResult<libc::tm> {
    let items = match crate::subclass::part(value).unwrap_or(value) {
        Value::Tuple(t) => t.items.to_vec(),
        other => {
            return Err(type_error(format!(
                "Tuple or struct_time argument required, not {}",
                other.type_name()
            )))
        }
    };
    if items.len() != 9 {
        return Err(type_error(format!(
            "{function}(): illegal time tuple argument"
        )));
    }
    let mut n = [0i64; 9];
    for (slot, item) in n.iter_mut().zip(&items) {
        *slot = match item {
            Value::Int(i) => *i,
            Value::Bool(b) => *b as i64,
            other => {
                return Err(type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    other.type_name()
                )));
            }
        };
    }
    // SAFETY: `tm` is plain data; all-zero is a valid value.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    tm.tm_year = (n[0] - 1900) as i32;
    tm.tm_mon = (n[1] - 1) as i32;
    tm.tm_mday = n[2] as i32;
    tm.tm_hour = n[3] as i32;
    tm.tm_min = n[4] as i32;
    tm.tm_sec = n[5] as i32;
    tm.tm_wday = ((n[6] + 1) % 7) as i32;
    tm.tm_yday = (n[7] - 1) as i32;
    tm.tm_isdst = n[8] as i32;
    Ok(tm)
}

/// The seconds argument of `gmtime`/`localtime`/`ctime` (now when absent).
fn seconds(args: &[Value]) -> PyResult<libc::time_t> {
    match args.first() {
        None | Some(Value::None) => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as libc::time_t)),
        Some(Value::Int(i)) => Ok(*i as libc::time_t),
        Some(Value::Bool(b)) => Ok(*b as libc::time_t),
        Some(Value::Float(f)) if f.is_finite() => Ok(f.floor() as libc::time_t),
        Some(Value::Float(f)) if f.is_nan() => Err(value_error("Invalid value NaN (not a number)")),
        Some(Value::Float(_) | Value::BigInt(_)) => {
            Err(overflow_error("timestamp out of range for platform time_t"))
        }
        Some(other) => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

fn broken_down(args: &[Value], local: bool) -> PyResult<Value> {
    let secs = seconds(args)?;
    // SAFETY: both calls fill the `tm` they are given from a valid time_t.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let ok = unsafe {
        if local {
            !libc::localtime_r(&secs, &mut tm).is_null()
        } else {
            !libc::gmtime_r(&secs, &mut tm).is_null()
        }
    };
    if !ok {
        return Err(overflow_error("timestamp out of range for platform time_t"));
    }
    from_tm(&tm)
}

fn gmtime(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("gmtime", kw)?;
    broken_down(args, false)
}

fn localtime(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("localtime", kw)?;
    broken_down(args, true)
}

fn mktime(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("mktime", kw)?;
    let [t] = args else {
        return Err(type_error(format!(
            "time.mktime() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    let mut tm = to_tm(t, "mktime")?;
    tm.tm_wday = -1;
    // SAFETY: `tm` is a valid, initialised C struct.
    let secs = unsafe { libc::mktime(&mut tm) };
    if secs == -1 && tm.tm_wday == -1 {
        return Err(overflow_error("mktime argument out of range"));
    }
    Ok(Value::Float(secs as f64))
}

/// C `strftime` of `format` at `tm`.
fn format_tm(format: &str, tm: &libc::tm) -> PyResult<String> {
    if format.is_empty() {
        return Ok(String::new());
    }
    let c_format =
        std::ffi::CString::new(format).map_err(|_| value_error("embedded null character"))?;
    let mut size = 1024;
    loop {
        let mut buffer = vec![0u8; size];
        // SAFETY: the buffer holds `size` bytes; the format is NUL-terminated.
        let written = unsafe {
            libc::strftime(
                buffer.as_mut_ptr() as *mut libc::c_char,
                size,
                c_format.as_ptr(),
                tm,
            )
        };
        if written > 0 || size > 256 * format.len() + 4096 {
            buffer.truncate(written);
            return Ok(String::from_utf8_lossy(&buffer).into_owned());
        }
        size *= 4;
    }
}

fn strftime(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("strftime", kw)?;
    let format = match args.first() {
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(other) => {
            return Err(type_error(format!(
                "strftime() argument 1 must be str, not {}",
                other.type_name()
            )))
        }
        None => return Err(type_error("strftime() takes at least 1 argument (0 given)")),
    };
    let tm = match args.get(1) {
        Some(t) => {
            let mut tm = to_tm(t, "strftime")?;
            if !(0..=11).contains(&tm.tm_mon) && tm.tm_mon != -1 {
                return Err(value_error("month out of range"));
            }
            tm.tm_mon = tm.tm_mon.max(0);
            tm.tm_mday = tm.tm_mday.max(1);
            tm.tm_yday = tm.tm_yday.max(0);
            check_ranges(&tm)?;
            tm
        }
        None => to_tm(&broken_down(&[], true)?, "strftime")?,
    };
    Ok(Value::str(format_tm(&format, &tm)?))
}

fn asctime(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("asctime", kw)?;
    let tm = match args.first() {
        Some(t) => to_tm(t, "asctime")?,
        None => to_tm(&broken_down(&[], true)?, "asctime")?,
    };
    check_ranges(&tm)?;
    let text = format_tm("%a %b %d %H:%M:%S %Y", &tm)?;
    // CPython pads the day with a space, not a zero.
    let day = format!("{:>2}", tm.tm_mday);
    match (text.get(..8), text.get(10..)) {
        (Some(head), Some(tail)) => Ok(Value::str(format!("{head}{day}{tail}"))),
        _ => Ok(Value::str(text)),
    }
}

/// CPython's `checktm`: each field of a time tuple within its range.
fn check_ranges(tm: &libc::tm) -> PyResult<()> {
    let checks = [
        (tm.tm_mon, 0, 11, "month out of range"),
        (tm.tm_mday, 1, 31, "day of month out of range"),
        (tm.tm_hour, 0, 23, "hour out of range"),
        (tm.tm_min, 0, 59, "minute out of range"),
        (tm.tm_sec, 0, 61, "seconds out of range"),
        (tm.tm_wday, 0, 6, "day of week out of range"),
        (tm.tm_yday, 0, 365, "day of year out of range"),
    ];
    for (value, low, high, message) in checks {
        if value < low || value > high {
            return Err(value_error(message));
        }
    }
    Ok(())
}

fn ctime(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("ctime", kw)?;
    let local = broken_down(args, true)?;
    asctime(interp, &[local], &[])
}

fn time_ns(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    Ok(Value::from_bigint(num_bigint::BigInt::from(nanos)))
}

builtin_table!(pub FUNCTIONS {
    "gmtime" => gmtime,
    "localtime" => localtime,
    "mktime" => mktime,
    "strftime" => strftime,
    "asctime" => asctime,
    "ctime" => ctime,
    "time_ns" => time_ns,
});

extern "C" {
    /// POSIX `tzset` (not bound by the `libc` crate): reads `TZ`.
    fn tzset();
}

/// `struct_time`, `timezone`, `altzone`, `daylight` and `tzname`, from the
/// C library's view of the local zone in January and July.
pub fn constants() -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    if let Ok(class) = struct_time() {
        out.push(("struct_time", Value::Type(class)));
    }
    // SAFETY: `tzset` reads the environment; `localtime_r` fills `tm`.
    let zone_at = |month: i32| unsafe {
        tzset();
        let mut tm: libc::tm = std::mem::zeroed();
        tm.tm_year = 124;
        tm.tm_mon = month;
        tm.tm_mday = 1;
        tm.tm_isdst = -1;
        let mut t = tm;
        let secs = libc::timegm(&mut t);
        let mut local: libc::tm = std::mem::zeroed();
        libc::localtime_r(&secs, &mut local);
        let name = if local.tm_zone.is_null() {
            String::new()
        } else {
            std::ffi::CStr::from_ptr(local.tm_zone)
                .to_string_lossy()
                .into_owned()
        };
        (-(local.tm_gmtoff as i64), name, local.tm_isdst > 0)
    };
    let (january, february_name, january_dst) = zone_at(0);
    let (july, july_name, july_dst) = zone_at(6);
    let (standard, daylight, standard_name, daylight_name) = if january_dst && !july_dst {
        (july, january, july_name, february_name)
    } else {
        (january, july, february_name, july_name)
    };
    out.push(("timezone", Value::Int(standard)));
    out.push(("altzone", Value::Int(daylight)));
    out.push(("daylight", Value::Int((standard != daylight) as i64)));
    out.push((
        "tzname",
        Value::tuple(vec![Value::str(standard_name), Value::str(daylight_name)]),
    ));
    out
}
