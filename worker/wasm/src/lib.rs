//! CompNet's `wasm` workload: a consumer's own WebAssembly program, run so that every provider and
//! every auditor gets the same output, the same fuel and the same outcome.
//!
//! - [`program`] checks a module against the rules (only the [`host`] API imported, its own
//!   memory within the limit, a `run` export, WebAssembly 1.0 only) and adds the stack limiter:
//!   call depth is counted in WebAssembly values, not native bytes, so stack exhaustion happens at
//!   the same call on every machine.
//!   [`nan`] makes every NaN whose bits can be seen canonical.
//! - [`runner`] compiles it with wasmtime (fuel on, no threads, SIMD or other
//!   post-1.0 proposals), caches the compiled module in memory and on disk (checked before it is
//!   loaded), and runs it with the input and the limits.
//! - [`outcome`] is what is committed and audited: the canonical [`Outcome`], the fuel used and
//!   the output, SCALE-encoded; [`billing`] turns fuel into compute units.

pub mod billing;
pub mod host;
pub mod nan;
pub mod outcome;
pub mod program;
pub mod runner;

pub use outcome::{Invalid, Outcome, Run, TrapCode};
pub use program::{Limits, Prepared};
pub use runner::{RunError, Runner};
