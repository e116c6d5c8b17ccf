//! Chooses how the threaded VM's handlers chain: by tail calls (optimised
//! builds, where LLVM turns them into jumps) or through a trampoline loop
//! (unoptimised builds, where tail calls would grow the Rust stack).

fn main() {
    println!("cargo:rustc-check-cfg=cfg(pvm_tail_calls)");
    println!("cargo:rerun-if-env-changed=OPT_LEVEL");
    let optimised =
        std::env::var("OPT_LEVEL").is_ok_and(|level| matches!(level.as_str(), "2" | "3"));
    let debug_assertions = std::env::var("CARGO_CFG_DEBUG_ASSERTIONS").is_ok();
    if optimised && !debug_assertions {
        println!("cargo:rustc-cfg=pvm_tail_calls");
    }
}
