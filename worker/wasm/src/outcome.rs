//! What a run of a program ends in. Every variant is canonical: the same module, input and limits
//! give the same outcome, fuel and output on every machine, so providers and auditors can commit
//! to it and compare.

use codec::{Decode, Encode};

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub enum Outcome {
	/// `run` returned; the output is what it wrote.
	Finished,
	/// The program trapped.
	Trapped(TrapCode),
	/// The fuel limit was reached.
	OutOfFuel,
	/// The module breaks a rule; it never ran.
	InvalidModule(Invalid),
	/// The program wrote more than the output limit.
	OutputTooLarge,
}

/// Which trap ended a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode)]
pub enum TrapCode {
	/// `unreachable` was executed.
	Unreachable,
	/// A load, store or host copy outside the memory.
	MemoryOutOfBounds,
	/// A table access outside the table.
	TableOutOfBounds,
	/// `call_indirect` to an empty table slot.
	IndirectCallToNull,
	/// `call_indirect` with the wrong signature.
	BadSignature,
	/// Signed division overflow.
	IntegerOverflow,
	/// Division or remainder by zero.
	IntegerDivisionByZero,
	/// A float to integer conversion out of range or NaN.
	BadConversionToInteger,
	/// The call depth exceeded the stack limit (counted in WebAssembly values).
	StackExhausted,
	/// The program called `abort`; the output is its message.
	Aborted,
}

/// Why a module is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode)]
pub enum Invalid {
	/// Larger than the module size limit.
	TooLarge,
	/// Not a WebAssembly 1.0 binary, or it fails validation.
	Malformed,
	/// Imports something the host API does not offer, or with another signature.
	ForbiddenImport,
	/// No `run: () -> ()` export, or no exported memory.
	NoEntry,
	/// Its memory starts larger than the memory limit.
	MemoryTooLarge,
	/// Has a start function (it would run before the limits apply).
	StartFunction,
}

/// A finished run: what a provider commits to and an auditor reproduces.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct Run {
	/// How it ended.
	pub outcome: Outcome,
	/// Fuel used (the whole limit when it ran out; 0 for an invalid module).
	pub fuel_used: u64,
	/// What it wrote (the abort message for `Trapped(Aborted)`, empty when it wrote too much).
	pub output: Vec<u8>,
}

impl Run {
	/// A module refused before it ran.
	pub fn invalid(reason: Invalid) -> Self {
		Self { outcome: Outcome::InvalidModule(reason), fuel_used: 0, output: Vec::new() }
	}
}
