//! The host API: everything a program may import, from the module [`MODULE`]. A module that
//! imports anything else (another name, another signature, a memory, a table, a global) is an
//! invalid module.
//!
//! | import | signature | what it does |
//! |---|---|---|
//! | `input_len` | `() -> i32` | the input's length in bytes |
//! | `input_read` | `(offset: i32, ptr: i32, len: i32) -> i32` | copies up to `len` bytes of the input from `offset` to memory at `ptr`; returns how many (0 past the end) |
//! | `output_write` | `(ptr: i32, len: i32)` | appends `len` bytes at `ptr` to the output; past the output limit the run ends `OutputTooLarge` |
//! | `abort` | `(ptr: i32, len: i32)` | ends the run `Trapped(Aborted)` with the message at `ptr` (at most [`MAX_ABORT_MESSAGE`] bytes kept) as its output |
//!
//! Arguments are unsigned 32-bit values carried in `i32`. A range outside the memory traps with
//! `MemoryOutOfBounds`. Copies cost fuel: [`FUEL_PER_CALL`] per call plus one per
//! [`BYTES_PER_FUEL`] bytes, so a program cannot move data for free.

/// The module every import comes from.
pub const MODULE: &str = "compnet";
/// The function a program exports and the runner calls: `() -> ()`.
pub const ENTRY: &str = "run";
/// The memory a program exports.
pub const MEMORY: &str = "memory";
/// Longest abort message kept, in bytes.
pub const MAX_ABORT_MESSAGE: usize = 1024;
/// Fuel every host call costs.
pub const FUEL_PER_CALL: u64 = 16;
/// Bytes a host copy moves per unit of fuel.
pub const BYTES_PER_FUEL: u64 = 8;

/// A host function's parameter and result counts (all `i32`).
pub fn signature(name: &str) -> Option<(usize, usize)> {
	match name {
		"input_len" => Some((0, 1)),
		"input_read" => Some((3, 1)),
		"output_write" => Some((2, 0)),
		"abort" => Some((2, 0)),
		_ => None,
	}
}

/// What a host copy of `bytes` costs.
pub fn copy_fuel(bytes: u64) -> u64 {
	FUEL_PER_CALL + bytes.div_ceil(BYTES_PER_FUEL)
}
