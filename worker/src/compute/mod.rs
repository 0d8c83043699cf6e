//! Running a job: a workload shape and its input bytes in, canonical result bytes out.
//!
//! The arithmetic is in [`compnet_kernels`]; this module checks the shape and the input against
//! the job, refuses jobs larger than the worker allows, and names the result: the **result root**
//! is [`blob_root`] of the result bytes, the same content address the blob service uses.

pub mod inputs;
pub mod program;

use compnet_kernels::{layout, mlp, Device, DeviceError, InputError};
use compnet_primitives::{ResultRoot, Workload};

/// The content address of a blob, and the result root of a result: `blake2_256(bytes)`.
pub fn blob_root(bytes: &[u8]) -> ResultRoot {
	ResultRoot::from(polkadot_sdk::sp_crypto_hashing::blake2_256(bytes))
}

/// Why a job could not be computed.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ComputeError {
	/// The input does not fit the job's shape.
	#[error(transparent)]
	Input(#[from] InputError),
	/// The shape is not valid (a zero or too large dimension).
	#[error("the workload's shape is invalid: {0:?}")]
	Shape(compnet_primitives::ShapeError),
	/// The job needs more memory than this worker allows.
	#[error("the job needs {needed} bytes of working memory, this worker allows {limit}")]
	TooLarge {
		/// Bytes the job would hold at once.
		needed: u128,
		/// The worker's limit.
		limit: u128,
	},
	/// An `he-linear` job needs its evaluation key: see [`run_he_linear`].
	#[error("an he-linear job is computed with its evaluation key")]
	Encrypted,
	/// An `he-linear` input, key or shape is refused.
	#[error("he-linear: {0}")]
	He(#[from] compnet_he::HeError),
	/// The device failed; the job may be retried on the CPU.
	#[error(transparent)]
	Device(#[from] DeviceError),
	/// A `wasm` job is run with its module: see [`program::run`].
	#[error("a wasm job is run with its module")]
	Program,
	/// The WebAssembly engine failed on this machine (not the program's doing: nothing is
	/// committed).
	#[error("wasm engine: {0}")]
	Engine(String),
}

impl ComputeError {
	/// Whether the error follows from the job's input bytes alone (the same on every worker, and
	/// the consumer's doing), rather than from this worker or its device.
	pub fn is_invalid_input(&self) -> bool {
		matches!(self, Self::Input(_) | Self::He(_))
	}
}

/// What the canonical result of a job with an invalid input starts with; the reason follows.
pub const INVALID_INPUT: &[u8] = b"CNERR1:";

/// The canonical result of a job whose input is invalid: every honest worker makes the same
/// bytes, so it is committed, audited and settled like any result (the provider is not slashed
/// for what the consumer sent), and the consumer reads the reason.
pub fn invalid_input_result(error: &ComputeError) -> Vec<u8> {
	[INVALID_INPUT, error.to_string().as_bytes()].concat()
}

/// The reason given by an invalid-input result, if `result` is one.
pub fn invalid_input_reason(result: &[u8]) -> Option<String> {
	result.strip_prefix(INVALID_INPUT).map(|reason| String::from_utf8_lossy(reason).into_owned())
}

/// Checks, without computing, that `input` fits a plaintext `workload`: what the provider would
/// refuse. The CLI runs it before submitting.
pub fn check_input(workload: &Workload, input: &[u8]) -> Result<(), ComputeError> {
	workload.validate().map_err(ComputeError::Shape)?;
	check_gemm_input(workload, input)?;
	match *workload {
		Workload::GemmI8 { .. } | Workload::GemmF32 { .. } => {},
		Workload::TrainMlp { input: i, hidden, output, .. } => {
			layout::parse_mlp(input, i as usize, hidden as usize, output as usize)?;
		},
		Workload::HeLinear { .. } => return Err(ComputeError::Encrypted),
		// Any bytes are an input to a program: what it makes of them is its outcome.
		Workload::Wasm { .. } => {},
	}
	Ok(())
}

/// Checks a gemm input's length against its shape (`A` then `B`, row-major); other workloads pass.
fn check_gemm_input(workload: &Workload, input: &[u8]) -> Result<(), InputError> {
	let operands = |m: u32, n: u32, k: u32| m as u128 * k as u128 + k as u128 * n as u128;
	match *workload {
		Workload::GemmI8 { m, n, k } => layout::expect_len("gemm-i8 input", input.len(), operands(m, n, k)),
		Workload::GemmF32 { m, n, k } => layout::expect_len("gemm-f32 input", input.len(), 4 * operands(m, n, k)),
		_ => Ok(()),
	}
}

/// The network shape of a `train-mlp` workload, if it is one.
pub fn mlp_shape(workload: &Workload) -> Option<mlp::Shape> {
	match *workload {
		Workload::TrainMlp { input, hidden, output, batch, .. } => Some(mlp::Shape {
			input: input as usize,
			hidden: hidden as usize,
			output: output as usize,
			batch: batch as usize,
		}),
		_ => None,
	}
}

/// Refuses an invalid shape, and a job whose working set exceeds `max_working_set` bytes.
fn check_size(workload: &Workload, max_working_set: u128) -> Result<(), ComputeError> {
	workload.validate().map_err(ComputeError::Shape)?;
	let needed = workload.working_set_bytes();
	if needed > max_working_set {
		return Err(ComputeError::TooLarge { needed, limit: max_working_set });
	}
	Ok(())
}

/// Computes `workload` over `input` on `device` and returns the canonical result bytes.
///
/// Refuses, before allocating anything large, an input whose size does not match the shape and a
/// job whose working set exceeds `max_working_set` bytes.
pub fn run(device: &dyn Device, workload: &Workload, input: &[u8], max_working_set: u128) -> Result<Vec<u8>, ComputeError> {
	check_size(workload, max_working_set)?;
	check_gemm_input(workload, input)?;
	match *workload {
		Workload::GemmI8 { m, n, k } => {
			let (m, n, k) = (m as usize, n as usize, k as usize);
			let (a, b) = input.split_at(m * k);
			let as_i8 = |v: &[u8]| v.iter().map(|x| *x as i8).collect::<Vec<i8>>();
			Ok(layout::i32_bytes(&device.gemm_i8(m, n, k, &as_i8(a), &as_i8(b))?))
		},
		Workload::GemmF32 { m, n, k } => {
			let (m, n, k) = (m as usize, n as usize, k as usize);
			let values = layout::f32_values(input);
			let (a, b) = values.split_at(m * k);
			Ok(layout::f32_bytes(&device.gemm_f32(m, n, k, a, b)?))
		},
		Workload::TrainMlp { steps, .. } => {
			let shape = mlp_shape(workload).expect("a train-mlp workload");
			let data = layout::parse_mlp(input, shape.input, shape.hidden, shape.output)?;
			Ok(mlp::train(device, shape, steps, data)?.to_bytes())
		},
		Workload::HeLinear { .. } => Err(ComputeError::Encrypted),
		Workload::Wasm { .. } => Err(ComputeError::Program),
	}
}

/// Computes an `he-linear` job: `input` is the job's input blob, `key_blob` the evaluation key it
/// names (checked against that root). The result is the encrypted outputs, never plaintext.
pub fn run_he_linear(workload: &Workload, input: &[u8], key_blob: &[u8], max_working_set: u128) -> Result<Vec<u8>, ComputeError> {
	use compnet_he::{blob, HeError};
	let layout = he_layout(workload)?;
	let Workload::HeLinear { batch, encrypted_weights, .. } = *workload else { unreachable!("he_layout checked the kind") };
	check_size(workload, max_working_set)?;
	let job = blob::parse_input(input, &layout, batch as usize, encrypted_weights)?;
	if blob_root(key_blob).0 != job.key_root {
		return Err(ComputeError::Input(InputError::BadInput("the evaluation key is not the one the input names")));
	}
	let key = blob::parse_key_blob(key_blob)?;
	if (key.ring, key.d) != (layout.ring, layout.d) {
		let (has, needs) = (key.ring.degree(), layout.ring.degree());
		return Err(HeError::Mismatch(format!("the evaluation key is for degree {has} and side {}, the layers need degree {needs} and side {}", key.d, layout.d)).into());
	}
	let outputs = compnet_he::evaluate(&key.key, &layout, &job.weights, &job.ciphertexts)?;
	Ok(blob::output_blob(&outputs))
}

/// The slot layout of an `he-linear` workload.
pub fn he_layout(workload: &Workload) -> Result<compnet_he::Layout, ComputeError> {
	let Workload::HeLinear { rows, cols, second_rows, .. } = *workload else {
		return Err(ComputeError::Input(InputError::BadInput("not an he-linear job")));
	};
	Ok(compnet_he::Layout::of(rows as usize, cols as usize, second_rows.map(|s| s as usize))?)
}

#[cfg(test)]
mod tests {
	use super::*;
	use compnet_kernels::CpuDevice;

	const LIMIT: u128 = 1 << 30;

	#[test]
	fn gemm_i8_result_is_the_product_as_little_endian_i32() {
		let w = Workload::GemmI8 { m: 2, n: 2, k: 3 };
		// A = [[1,2,3],[-1,0,1]], B = [[1,0],[0,1],[-128,127]]
		let input: Vec<u8> = [1i8, 2, 3, -1, 0, 1, 1, 0, 0, 1, -128, 127].iter().map(|v| *v as u8).collect();
		let out = run(&CpuDevice::default(), &w, &input, LIMIT).unwrap();
		assert_eq!(layout::i32_values(&out), vec![1 - 384, 2 + 381, -1 - 128, 127]);
	}

	#[test]
	fn wrong_sizes_and_oversized_jobs_are_refused_with_the_numbers() {
		let cpu = CpuDevice::default();
		let w = Workload::GemmF32 { m: 2, n: 2, k: 2 };
		assert_eq!(
			run(&cpu, &w, &[0u8; 31], LIMIT),
			Err(ComputeError::Input(InputError::InputSize { what: "gemm-f32 input", got: 31, expected: 32 }))
		);
		let huge = Workload::GemmI8 { m: 65_536, n: 65_536, k: 1 };
		assert!(matches!(run(&cpu, &huge, &[], LIMIT), Err(ComputeError::TooLarge { .. })));
		let w = Workload::TrainMlp { input: 2, hidden: 2, output: 1, batch: 1, steps: 1 };
		let mut bytes = inputs::generate(&w, 1).unwrap();
		bytes[..4].copy_from_slice(&f32::NAN.to_le_bytes());
		assert_eq!(
			run(&cpu, &w, &bytes, LIMIT),
			Err(ComputeError::Input(InputError::BadInput("the learning rate is not a finite number")))
		);
		assert_eq!(run(&cpu, &w, &bytes[..5], LIMIT).unwrap_err().to_string(), "train-mlp header is 5 bytes, the job's shape needs 8");
		let he = Workload::HeLinear { rows: 1, cols: 1, batch: 1, encrypted_weights: false, second_rows: None };
		assert_eq!(run(&cpu, &he, &[], LIMIT), Err(ComputeError::Encrypted));
	}

	#[test]
	fn an_invalid_input_has_one_canonical_result_and_a_worker_fault_has_none() {
		let cpu = CpuDevice::default();
		let w = Workload::GemmI8 { m: 2, n: 2, k: 3 };
		assert_eq!(check_input(&w, &[0; 12]), Ok(()));
		let short = run(&cpu, &w, &[0; 11], LIMIT).unwrap_err();
		assert_eq!(check_input(&w, &[0; 11]).unwrap_err().to_string(), short.to_string(), "the CLI refuses what the provider would");
		assert!(short.is_invalid_input());
		let result = invalid_input_result(&short);
		assert_eq!(invalid_input_reason(&result), Some(short.to_string()));
		assert_eq!(invalid_input_reason(&run(&cpu, &w, &[0; 12], LIMIT).unwrap()), None);
		// Not the consumer's doing: no canonical result, the job fails on this worker only.
		assert!(!run(&cpu, &w, &[0; 12], 1).unwrap_err().is_invalid_input(), "a worker's own memory limit");
		let mlp = Workload::TrainMlp { input: 2, hidden: 2, output: 1, batch: 1, steps: 1 };
		assert!(check_input(&mlp, &[0; 3]).unwrap_err().is_invalid_input());
	}

	#[test]
	fn nan_results_are_canonical() {
		let w = Workload::GemmF32 { m: 1, n: 1, k: 1 };
		let mut raw = layout::f32_bytes(&[0.0, 1.0]);
		// A signalling NaN with a payload and the sign bit set, which a device may pass through.
		raw[..4].copy_from_slice(&0xffa0_0001u32.to_le_bytes());
		let out = run(&CpuDevice::default(), &w, &raw, LIMIT).unwrap();
		assert_eq!(out, layout::CANONICAL_NAN.to_le_bytes());
	}

	#[test]
	fn training_lowers_the_loss_and_is_reproducible() {
		let w = Workload::TrainMlp { input: 16, hidden: 32, output: 4, batch: 8, steps: 200 };
		let shape = mlp_shape(&w).unwrap();
		let bytes = inputs::generate(&w, 42).unwrap();
		let data = layout::parse_mlp(&bytes, shape.input, shape.hidden, shape.output).unwrap();
		let before = mlp::loss(shape, &data.initial(), &data.x, &data.y);
		let one = run(&CpuDevice { threads: 1 }, &w, &bytes, LIMIT).unwrap();
		let many = run(&CpuDevice { threads: 4 }, &w, &bytes, LIMIT).unwrap();
		assert_eq!(blob_root(&one), blob_root(&many), "thread count never changes the bytes");
		let trained = mlp::Trained::from_bytes(&one, shape).expect("result has the network's size");
		let after = mlp::loss(shape, &trained, &data.x, &data.y);
		assert!(after.is_finite() && after < before / 2.0, "loss {before} → {after}");
	}
}
