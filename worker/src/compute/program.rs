//! Program jobs (the `wasm` workload): a module and an input in, a canonical [`Run`] out
//! (outcome, fuel used, output), and the values a party commits to and the chain compares, which
//! carry the fuel ([`compnet_primitives::metered_root`]).
//!
//! The result blob of a program job is the SCALE encoding of its [`Run`]; its blob root is the
//! job's raw result root, as for every workload.

use super::ComputeError;
use codec::{Decode, Encode};
use compnet_primitives::{JobId, ProgramLimits, ResultRoot, Workload};
use compnet_wasm::{Limits, Run, Runner};

/// Runs the program of `workload` (its `module` bytes, already checked against its root) on
/// `input` under the job's limits and the chain's `program` bounds.
pub fn run(runner: &Runner, workload: &Workload, program: &ProgramLimits, module: &[u8], input: &[u8]) -> Result<Run, ComputeError> {
	workload.validate().map_err(ComputeError::Shape)?;
	let limits = Limits::of_job(workload, program).ok_or(ComputeError::Program)?;
	runner.run(module, input, &limits).map_err(|e| ComputeError::Engine(e.to_string()))
}

/// A run's result blob.
pub fn result_bytes(run: &Run) -> Vec<u8> {
	run.encode()
}

/// The run a result blob holds, if it is one (whole: nothing may follow it).
pub fn parse_result(bytes: &[u8]) -> Option<Run> {
	Run::decode(&mut &bytes[..]).ok().filter(|run| run.encoded_size() == bytes.len())
}

/// What a party of dispute round `round` commits to and reveals (before the fuel is bound in,
/// for a program): the raw root under the round's seal layers.
pub fn sealed(job: JobId, raw: &ResultRoot, round: u8) -> Option<ResultRoot> {
	compnet_primitives::sealed_for_round(job, raw, round)
}

/// The value that goes into a party's commitment: the sealed root, bound to the fuel for a
/// program (`fuel` is `Some`).
pub fn committed_value(job: JobId, raw: &ResultRoot, round: u8, fuel: Option<u64>) -> Option<ResultRoot> {
	let sealed = sealed(job, raw, round)?;
	Some(fuel.map_or(sealed, |fuel| compnet_primitives::metered_root(&sealed, fuel)))
}

/// The form the chain keeps of a result with raw root `raw`: the public root, bound to the fuel
/// for a program.
pub fn public_value(job: JobId, raw: &ResultRoot, fuel: Option<u64>) -> ResultRoot {
	let public = compnet_primitives::public_root(job, raw);
	fuel.map_or(public, |fuel| compnet_primitives::metered_root(&public, fuel))
}

/// Whether `bytes`, with blob root `raw`, are the result the chain names by `public` for `job`:
/// its public root, or for a program's run, that root bound to the run's own fuel.
pub fn names_result(job: JobId, raw: &ResultRoot, bytes: &[u8], public: &ResultRoot) -> bool {
	&public_value(job, raw, None) == public ||
		parse_result(bytes).is_some_and(|run| &public_value(job, raw, Some(run.fuel_used)) == public)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::compute::blob_root;

	#[test]
	fn a_program_result_is_named_by_its_root_and_its_fuel() {
		let run = Run { outcome: compnet_wasm::Outcome::Finished, fuel_used: 1234, output: b"42".to_vec() };
		let bytes = result_bytes(&run);
		assert_eq!(parse_result(&bytes), Some(run.clone()));
		assert_eq!(parse_result(&[bytes.as_slice(), b"x"].concat()), None, "trailing bytes are not a run");
		let raw = blob_root(&bytes);
		let public = public_value(9, &raw, Some(1234));
		assert!(names_result(9, &raw, &bytes, &public));
		assert!(!names_result(9, &raw, &bytes, &public_value(9, &raw, Some(1235))), "another fuel is another result");
		assert!(!names_result(8, &raw, &bytes, &public), "bound to the job");
		assert!(names_result(9, &raw, &bytes, &public_value(9, &raw, None)), "an unmetered result by its public root");
		// What is committed in round 0 and what the chain keeps after the reveal agree.
		let committed = committed_value(9, &raw, 0, Some(1234)).unwrap();
		let revealed = sealed(9, &raw, 0).unwrap();
		assert_eq!(committed, compnet_primitives::metered_root(&revealed, 1234));
		assert_eq!(compnet_primitives::metered_root(&compnet_primitives::publish_reveal(9, &revealed, 0), 1234), public);
	}

	#[test]
	fn a_program_job_runs_within_its_limits() {
		let runner = Runner::new(None).unwrap();
		// (module (memory (export "memory") 1) (func (export "run") (loop (br 0))))
		let wat_free_loop: &[u8] = &[
			0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 7, 16, 2, 6, 109, 101, 109, 111, 114, 121, 2,
			0, 3, 114, 117, 110, 0, 0, 10, 9, 1, 7, 0, 3, 64, 12, 0, 11, 11,
		];
		let workload = Workload::Wasm { module: blob_root(wat_free_loop), fuel: 10_000, memory_mib: 1, output_kib: 1 };
		let run = run(&runner, &workload, &ProgramLimits::DEFAULT, wat_free_loop, b"").unwrap();
		assert_eq!(run.outcome, compnet_wasm::Outcome::OutOfFuel);
		assert_eq!(run.fuel_used, 10_000, "the whole limit");
		let gemm = Workload::GemmI8 { m: 1, n: 1, k: 1 };
		assert_eq!(super::run(&runner, &gemm, &ProgramLimits::DEFAULT, wat_free_loop, b""), Err(ComputeError::Program));
	}
}
