//! The interpreters `pvm compare` runs and how: a fresh process per run,
//! with a timeout, classified as completed, wrong output, crashed or timed
//! out. In-process times come from one small driver written in plain
//! Python, the same for pvm, CPython and PyPy (for programs written for
//! pyperf, from the suite's `pyperf.py` stand-in: `pyperformance.rs`).

use super::suite::{Driver, Program};
use super::CompareArgs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One interpreter: a name for the tables and the command that runs a file.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Interpreter {
    pub name: String,
    pub command: Vec<String>,
    /// `sys.version` as the interpreter reports it.
    pub version: String,
    /// `sys.executable`, or the command's program.
    pub executable: String,
}

/// How one process ended.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    Completed {
        stdout: String,
        status: i32,
        seconds: f64,
    },
    WrongOutput {
        expected: String,
        got: String,
    },
    Crashed {
        status: Option<i32>,
        stderr_tail: String,
    },
    TimedOut {
        seconds: f64,
    },
}

impl Outcome {
    pub fn is_completed(&self) -> bool {
        matches!(self, Outcome::Completed { .. })
    }

    /// A short mark for tables.
    pub fn mark(&self) -> &'static str {
        match self {
            Outcome::Completed { .. } => "ok",
            Outcome::WrongOutput { .. } => "WRONG OUTPUT",
            Outcome::Crashed { .. } => "CRASHED",
            Outcome::TimedOut { .. } => "TIMED OUT",
        }
    }
}

fn which(program: &str) -> Option<PathBuf> {
    if program.contains('/') {
        return Path::new(program).is_file().then(|| PathBuf::from(program));
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|candidate| candidate.is_file())
    })
}

/// The interpreters to run: pvm's backends, CPython and PyPy when found,
/// and every `--interp`; filtered by `--backends`.
pub fn interpreters(args: &CompareArgs) -> Result<Vec<Interpreter>, String> {
    let timeout = Duration::from_secs_f64(args.timeout.clamp(0.1, 20.0));
    let exe = std::env::current_exe()
        .map_err(|e| format!("cannot find the pvm executable: {e}"))?
        .display()
        .to_string();
    let mut found = Vec::new();
    for backend in crate::runner::backends() {
        found.push((
            backend.name().to_string(),
            vec![
                exe.clone(),
                "run".into(),
                "--backend".into(),
                backend.name().into(),
            ],
        ));
    }
    let cpython = ["/usr/bin/python3.11", "python3.11", "python3"]
        .iter()
        .find_map(|p| which(p));
    if let Some(path) = cpython {
        found.push(("cpython".into(), vec![path.display().to_string()]));
    }
    if let Some(path) = which("pypy3") {
        found.push(("pypy".into(), vec![path.display().to_string()]));
    }
    for spec in &args.interps {
        let Some((name, command)) = spec.split_once('=') else {
            return Err(format!("--interp wants NAME=COMMAND, got '{spec}'"));
        };
        let words: Vec<String> = command.split_whitespace().map(String::from).collect();
        if words.is_empty() {
            return Err(format!("--interp {name}: empty command"));
        }
        found.retain(|(n, _)| n != name);
        found.push((name.to_string(), words));
    }
    if !args.backends.is_empty() {
        for wanted in &args.backends {
            if !found.iter().any(|(n, _)| n == wanted) {
                return Err(format!("unknown or missing backend '{wanted}'"));
            }
        }
        // An interpreter given with --interp runs too: naming it twice
        // should not be needed.
        let extra: Vec<&str> = args
            .interps
            .iter()
            .filter_map(|spec| spec.split_once('=').map(|(name, _)| name))
            .collect();
        found.retain(|(n, _)| args.backends.contains(n) || extra.contains(&n.as_str()));
    }
    Ok(found
        .into_iter()
        .map(|(name, command)| {
            let (version, executable) = describe(&command, timeout);
            Interpreter {
                name,
                executable: executable.unwrap_or_else(|| command[0].clone()),
                version,
                command,
            }
        })
        .collect())
}

/// `sys.version` and `sys.executable`, asked of the interpreter itself.
fn describe(command: &[String], timeout: Duration) -> (String, Option<String>) {
    let Ok(dir) = tempfile::tempdir() else {
        return (String::new(), None);
    };
    let script = dir.path().join("describe.py");
    if std::fs::write(&script, "import sys\nprint(sys.version.replace('\\n', ' '))\nprint(getattr(sys, 'executable', ''))\n").is_err() {
        return (String::new(), None);
    }
    match run(
        command,
        &[script.display().to_string()],
        timeout,
        &Cache::Off,
    ) {
        Outcome::Completed { stdout, .. } => {
            let mut lines = stdout.lines();
            let version = lines.next().unwrap_or_default().to_string();
            let executable = lines.next().filter(|l| !l.is_empty()).map(String::from);
            (version, executable)
        }
        _ => (String::new(), None),
    }
}

/// What a run may do with bytecode cache files, said through the
/// environment variables pvm and CPython (and PyPy) both read.
pub enum Cache {
    /// Write none, so the suite's folder stays clean (`-B`).
    Off,
    /// Read and write them under this folder (`--pycache-prefix`).
    Under(PathBuf),
}

/// Runs `command args...`, with a deadline.
pub(super) fn run(
    command: &[String],
    args: &[String],
    timeout: Duration,
    cache: &Cache,
) -> Outcome {
    let start = Instant::now();
    let mut builder = Command::new(&command[0]);
    builder
        .args(&command[1..])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    match cache {
        Cache::Off => {
            builder
                .env("PVM_DONT_WRITE_BYTECODE", "1")
                .env("PYTHONDONTWRITEBYTECODE", "1")
                .env_remove("PVM_PYCACHE_PREFIX")
                .env_remove("PYTHONPYCACHEPREFIX");
        }
        Cache::Under(folder) => {
            builder
                .env_remove("PVM_DONT_WRITE_BYTECODE")
                .env_remove("PYTHONDONTWRITEBYTECODE")
                .env("PVM_PYCACHE_PREFIX", folder)
                .env("PYTHONPYCACHEPREFIX", folder);
        }
    }
    // Its own process group, so a timeout stops the interpreter and
    // anything it started (a shell script's children keep pipes open).
    let child = std::os::unix::process::CommandExt::process_group(&mut builder, 0).spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(error) => {
            return Outcome::Crashed {
                status: None,
                stderr_tail: format!("cannot start {}: {error}", command[0]),
            }
        }
    };
    // Drain the pipes on threads so a chatty child cannot block on them.
    let mut out_pipe = child.stdout.take();
    let mut err_pipe = child.stderr.take();
    let out_reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(pipe) = out_pipe.as_mut() {
            let _ = pipe.read_to_string(&mut text);
        }
        text
    });
    let err_reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(pipe) = err_pipe.as_mut() {
            let _ = pipe.read_to_string(&mut text);
        }
        text
    });
    // Wait on a thread, so the end is seen at once (no polling interval
    // in the wall times) while this thread keeps the deadline.
    let pid = child.id() as i32;
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(child.wait().ok());
    });
    let status = match receiver.recv_timeout(timeout) {
        Ok(status) => status,
        Err(_) => {
            // SAFETY: signals the process group this function created.
            unsafe { libc::kill(-pid, libc::SIGKILL) };
            let _ = receiver.recv();
            None
        }
    };
    let seconds = start.elapsed().as_secs_f64();
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    match status {
        None => Outcome::TimedOut { seconds },
        Some(status) if status.success() => Outcome::Completed {
            stdout,
            status: 0,
            seconds,
        },
        Some(status) => Outcome::Crashed {
            status: status.code(),
            stderr_tail: stderr
                .lines()
                .rev()
                .take(5)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect::<Vec<_>>()
                .join("\n"),
        },
    }
}

/// The program as a script with its arguments.
fn script(program: &Program) -> Vec<String> {
    std::iter::once(program.path.display().to_string())
        .chain(program.arguments.iter().cloned())
        .collect()
}

/// Runs a program as a script (its `__main__` prints `bench()`, or what
/// the benchmark function a pyperf program times returned).
pub fn run_plain(interpreter: &Interpreter, program: &Program, timeout: Duration) -> Outcome {
    run(&interpreter.command, &script(program), timeout, &Cache::Off)
}

/// Whole-process wall time of a plain run, in milliseconds.
pub fn wall_time(interpreter: &Interpreter, program: &Program, timeout: Duration) -> Option<f64> {
    match run_plain(interpreter, program, timeout) {
        Outcome::Completed { seconds, .. } => Some(seconds * 1000.0),
        _ => None,
    }
}

/// The driver: imports the program as a module and prints the
/// `time.perf_counter_ns()` delta of each of `iterations` calls of `bench()`.
const DRIVER: &str = r#"import sys
import time
sys.path.insert(0, sys.argv[1])
import PROGRAM as program
iterations = int(sys.argv[2])
for _ in range(iterations):
    start = time.perf_counter_ns()
    program.bench()
    end = time.perf_counter_ns()
    print(end - start)
"#;

/// The `iterations` times a driver printed. pvm's driver prints exactly
/// that many. A pyperf program may time several benchmark functions one
/// after the other (scimark's five kernels), each `iterations` times:
/// iteration i is then the sum of each one's i-th time.
fn iteration_times(printed: &[f64], iterations: usize, driver: Driver) -> Option<Vec<f64>> {
    let functions = printed.len() / iterations.max(1);
    let whole = iterations > 0 && printed.len() == functions * iterations;
    let allowed = match driver {
        Driver::Bench => functions == 1,
        Driver::Pyperf => functions >= 1,
    };
    (whole && allowed).then(|| {
        (0..iterations)
            .map(|i| printed.iter().skip(i).step_by(iterations).sum())
            .collect()
    })
}

/// One timed process: `iterations` in-process times in nanoseconds.
pub fn run_timed(
    interpreter: &Interpreter,
    program: &Program,
    iterations: usize,
    scratch: &Path,
    timeout: Duration,
) -> Result<Vec<f64>, Outcome> {
    let arguments = match program.driver {
        Driver::Bench => {
            let driver = scratch.join(format!("drive_{}.py", program.name));
            if !driver.exists() {
                let text = DRIVER.replace("PROGRAM", &program.name);
                std::fs::write(&driver, text).map_err(|e| Outcome::Crashed {
                    status: None,
                    stderr_tail: format!("cannot write the driver: {e}"),
                })?;
            }
            let folder = program
                .path
                .parent()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            vec![driver.display().to_string(), folder, iterations.to_string()]
        }
        // pyperf's own option: that many values (in-process iterations).
        Driver::Pyperf => {
            let mut arguments = script(program);
            arguments.extend(["--values".to_string(), iterations.to_string()]);
            arguments
        }
    };
    let outcome = run(&interpreter.command, &arguments, timeout, &Cache::Off);
    match outcome {
        Outcome::Completed { stdout, .. } => {
            let printed: Vec<f64> = stdout
                .lines()
                .filter_map(|l| l.trim().parse::<f64>().ok())
                .collect();
            let times = iteration_times(&printed, iterations, program.driver);
            if let Some(times) = times {
                Ok(times)
            } else {
                Err(Outcome::Crashed {
                    status: Some(0),
                    stderr_tail: format!(
                        "the driver printed {} times, not {iterations}",
                        printed.len()
                    ),
                })
            }
        }
        other => Err(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_benchmark_functions_are_summed_iteration_by_iteration() {
        let printed = [1.0, 2.0, 3.0, 10.0, 20.0, 30.0];
        assert_eq!(
            iteration_times(&printed, 3, Driver::Pyperf),
            Some(vec![11.0, 22.0, 33.0])
        );
        assert_eq!(iteration_times(&printed, 3, Driver::Bench), None);
        assert_eq!(
            iteration_times(&printed[..3], 3, Driver::Bench),
            Some(vec![1.0, 2.0, 3.0])
        );
        assert_eq!(iteration_times(&printed[..4], 3, Driver::Pyperf), None);
        assert_eq!(iteration_times(&[], 3, Driver::Pyperf), None);
    }
}
