//! Workloads, their shapes and their size in compute units.
//!
//! One **compute unit** is 10^9 multiply-accumulate operations (a GMAC). A job's units follow from
//! its shape alone, so the bill cannot be padded by running slowly.

use crate::HardwareClass;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::sp_core::H256;
use scale_info::TypeInfo;

/// Multiply-accumulates in one compute unit.
pub const MACS_PER_UNIT: u128 = 1_000_000_000;

/// The largest matrix dimension any workload accepts.
pub const MAX_DIM: u32 = 65_536;

/// The most SGD steps a `train-mlp` job may ask for.
pub const MAX_TRAIN_STEPS: u32 = 100_000;

/// How sensitive a job's data is.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Encode, Decode, DecodeWithMemTracking,
	MaxEncodedLen, TypeInfo,
)]
pub enum Sensitivity {
	/// Public data: ordinary spot-check rates.
	Low,
	/// Ordinary commercial data: higher spot-check rates.
	Standard,
	/// Must never be seen in plaintext: only encrypted workloads are accepted.
	High,
}

/// What a job computes, with its shape.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum Workload {
	/// `C[m×n] = A[m×k] · B[k×n]`, int8 inputs, int32 outputs: exact in any order.
	GemmI8 {
		/// Rows of A and C.
		m: u32,
		/// Columns of B and C.
		n: u32,
		/// Columns of A, rows of B.
		k: u32,
	},
	/// `C[m×n] = A[m×k] · B[k×n]` in fp32 with one fixed reduction order.
	GemmF32 {
		/// Rows of A and C.
		m: u32,
		/// Columns of B and C.
		n: u32,
		/// Columns of A, rows of B.
		k: u32,
	},
	/// `steps` steps of SGD on a two-layer MLP (`input → hidden → output`) over batches of `batch`.
	TrainMlp {
		/// Input features.
		input: u32,
		/// Hidden units.
		hidden: u32,
		/// Outputs.
		output: u32,
		/// Samples per step.
		batch: u32,
		/// SGD steps.
		steps: u32,
	},
	/// An encrypted linear layer `y = W·x`, optionally followed by a second one (`W₂·y`), over
	/// a batch of encrypted vectors.
	HeLinear {
		/// Output rows of W (at most [`HE_MAX_DIM`]).
		rows: u32,
		/// Input columns of W (at most [`HE_MAX_DIM`]).
		cols: u32,
		/// Encrypted vectors.
		batch: u32,
		/// Whether the weights are encrypted too (ciphertext × ciphertext products), or plaintext.
		encrypted_weights: bool,
		/// Rows of a second layer `W₂` (`second_rows × rows`, at most [`HE_MAX_DIM`]), if any.
		second_rows: Option<u32>,
	},
	/// A consumer's WebAssembly program (`docs/wasm.md`), run on the input under fuel metering.
	/// Its units are those of its fuel limit ([`fuel_units`]): the escrow covers the limit, the
	/// provider is paid for the fuel used, which it commits to with the result.
	Wasm {
		/// The module's blob root (`blake2_256` of its bytes): it travels as a blob, like the input.
		module: H256,
		/// The most fuel (executed instructions, weighted) the program may use.
		fuel: u64,
		/// The largest linear memory it may grow to, in MiB.
		memory_mib: u32,
		/// The largest output it may write, in KiB.
		output_kib: u32,
	},
}

/// Fuel per compute unit: what a `Cpu`-class device meters in the time it is rated to finish one
/// unit of the other workloads. A `Cpu` device is rated (`pallet-market`'s `UnitsPerBlock` ×
/// `h100_equivalent` / 1,000) at 2,000 units a 3-second block, 667 units a second; the worker's
/// benchmark `speed_of_the_example_programs_against_native` (`compnet-wasm`) measures 10.5 × 10⁹
/// fuel a second on the same class of machine (2 cores), so one unit buys 10.5 × 10⁹ / 667 =
/// 15.7 × 10⁶ fuel.
pub const FUEL_PER_UNIT: u64 = 15_700_000;

/// The compute units `fuel` costs: rounded up, at least 1.
pub const fn fuel_units(fuel: u64) -> u64 {
	let units = fuel.div_ceil(FUEL_PER_UNIT);
	if units == 0 { 1 } else { units }
}

/// The bounds on WebAssembly programs, a runtime constant (`pallet-market`'s `ProgramLimits`).
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct ProgramLimits {
	/// The largest module, in bytes (enforced by every worker before it compiles one).
	pub module_bytes: u32,
	/// The largest fuel limit a job may ask for.
	pub fuel: u64,
	/// The largest memory limit, in MiB.
	pub memory_mib: u32,
	/// The largest output limit, in KiB.
	pub output_kib: u32,
}

impl ProgramLimits {
	/// The defaults: 8 MiB modules, 10¹³ fuel (636,943 units, about 16 minutes of a `Cpu`
	/// device), 4 GiB of memory, 64 MiB of output.
	pub const DEFAULT: Self = Self { module_bytes: 8 << 20, fuel: 10_000_000_000_000, memory_mib: 4096, output_kib: 64 << 10 };

	/// What any runtime may allow at most: 64 MiB modules, 10¹⁵ fuel, the 4 GiB a 32-bit memory
	/// addresses, 1 GiB of output. [`Workload::validate`] refuses programs beyond.
	pub const MAX: Self = Self { module_bytes: 64 << 20, fuel: 1_000_000_000_000_000, memory_mib: 4096, output_kib: 1 << 20 };

	/// Whether `workload`, if a program, is within these bounds (other workloads always are).
	pub fn admit(&self, workload: &Workload) -> bool {
		match *workload {
			Workload::Wasm { fuel, memory_mib, output_kib, .. } =>
				fuel <= self.fuel && memory_mib <= self.memory_mib && output_kib <= self.output_kib,
			_ => true,
		}
	}
}

/// Why a workload shape is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShapeError {
	/// A dimension is zero.
	Empty,
	/// A dimension exceeds [`MAX_DIM`] or the step count exceeds [`MAX_TRAIN_STEPS`].
	TooLarge,
}

/// Homomorphic evaluation costs this many plaintext multiply-accumulates per encrypted one.
pub const HE_MAC_FACTOR: u128 = 10_000;

/// Encrypted weights multiply the cost of an encrypted layer by this (ciphertext products and
/// relinearizations instead of plaintext products; `scripts/bench-he` measures 5.3–6.6×).
pub const HE_ENCRYPTED_WEIGHTS_FACTOR: u128 = 6;

/// A second layer runs in a ring of twice the degree and a larger modulus: each
/// multiply-accumulate of a two-layer job costs this many tenths of one of a one-layer job
/// (`scripts/bench-he` measures 1.5–1.7× at n ≥ 64, up to 1.85× in noisier runs at n = 16).
pub const HE_TWO_LAYER_FACTOR_TENTHS: u128 = 17;

/// The largest row or column count of an encrypted layer (two copies of a padded vector fill a
/// 2,048-slot row of the BFV ring).
pub const HE_MAX_DIM: u32 = 1_024;

/// Bytes one BFV ciphertext takes in memory, an upper bound (2 × 3 × 4,096 × 8 = 192 KiB).
pub const HE_CIPHERTEXT_BYTES: u128 = 256 * 1024;

/// Bytes one ciphertext of the two-layer ring takes in memory, an upper bound (2 × 4 × 8,192 ×
/// 8 = 512 KiB).
pub const HE_TWO_LAYER_CIPHERTEXT_BYTES: u128 = 640 * 1024;

impl Workload {
	/// Multiply-accumulate operations the workload performs.
	pub fn macs(&self) -> u128 {
		match *self {
			Self::GemmI8 { m, n, k } | Self::GemmF32 { m, n, k } => m as u128 * n as u128 * k as u128,
			// Forward, backward for weights and for activations: three products per layer.
			Self::TrainMlp { input, hidden, output, batch, steps } =>
				3 * batch as u128 * (input as u128 * hidden as u128 + hidden as u128 * output as u128) *
					steps as u128,
			Self::HeLinear { rows, cols, batch, encrypted_weights, second_rows } => {
				let (rows, cols, second) = (rows as u128, cols as u128, second_rows.unwrap_or(0) as u128);
				let ring_tenths = if second_rows.is_some() { HE_TWO_LAYER_FACTOR_TENTHS } else { 10 };
				let weights = if encrypted_weights { HE_ENCRYPTED_WEIGHTS_FACTOR } else { 1 };
				(rows * cols + second * rows) * batch as u128 * HE_MAC_FACTOR * weights * ring_tenths / 10
			},
			// The multiply-accumulates of the other workloads that take a `Cpu` device as long.
			Self::Wasm { fuel, .. } => fuel_units(fuel) as u128 * MACS_PER_UNIT,
		}
	}

	/// Checks every dimension is within bounds.
	pub fn validate(&self) -> Result<(), ShapeError> {
		let (dims, steps): (&[u32], u32) = match self {
			Self::GemmI8 { m, n, k } | Self::GemmF32 { m, n, k } => (&[*m, *n, *k][..], 1),
			Self::TrainMlp { input, hidden, output, batch, steps } =>
				(&[*input, *hidden, *output, *batch][..], *steps),
			Self::HeLinear { rows, cols, batch, second_rows, .. } =>
				(&[*rows, *cols, *batch, second_rows.unwrap_or(1)][..], 1),
			Self::Wasm { fuel, memory_mib, output_kib, .. } => {
				if *fuel == 0 || *memory_mib == 0 || *output_kib == 0 {
					return Err(ShapeError::Empty);
				}
				let max = ProgramLimits::MAX;
				if *fuel > max.fuel || *memory_mib > max.memory_mib || *output_kib > max.output_kib {
					return Err(ShapeError::TooLarge);
				}
				return Ok(());
			},
		};
		if dims.contains(&0) || steps == 0 {
			return Err(ShapeError::Empty);
		}
		if let Self::HeLinear { rows, cols, second_rows, .. } = self {
			if *rows > HE_MAX_DIM || *cols > HE_MAX_DIM || second_rows.unwrap_or(1) > HE_MAX_DIM {
				return Err(ShapeError::TooLarge);
			}
		}
		if dims.iter().any(|d| *d > MAX_DIM) || steps > MAX_TRAIN_STEPS {
			return Err(ShapeError::TooLarge);
		}
		Ok(())
	}

	/// The job's size in compute units: MACs / 10^9, rounded up, at least 1.
	pub fn compute_units(&self) -> Result<u64, ShapeError> {
		self.validate()?;
		let units = self.macs().div_ceil(MACS_PER_UNIT).max(1);
		u64::try_from(units).map_err(|_| ShapeError::TooLarge)
	}

	/// The fuel limit of a program, which is billed by the fuel it uses; `None` for the workloads
	/// billed by their shape.
	pub const fn metered_fuel(&self) -> Option<u64> {
		match self {
			Self::Wasm { fuel, .. } => Some(*fuel),
			_ => None,
		}
	}

	/// Whether the data stays encrypted on the provider.
	pub const fn is_encrypted(&self) -> bool {
		matches!(self, Self::HeLinear { .. })
	}

	/// Bytes the workload keeps in device memory at once: inputs, outputs and, for training,
	/// weights, gradients and activations (fp32).
	pub fn working_set_bytes(&self) -> u128 {
		match *self {
			Self::GemmI8 { m, n, k } => {
				let (m, n, k) = (m as u128, n as u128, k as u128);
				m * k + k * n + 4 * m * n
			},
			Self::GemmF32 { m, n, k } => {
				let (m, n, k) = (m as u128, n as u128, k as u128);
				4 * (m * k + k * n + m * n)
			},
			Self::TrainMlp { input, hidden, output, batch, .. } => {
				let (i, h, o, b) = (input as u128, hidden as u128, output as u128, batch as u128);
				let weights = i * h + h * o;
				// weights + gradients, one batch of inputs, activations and their gradients
				4 * (2 * weights + b * (i + 2 * h + 2 * o))
			},
			// Ciphertexts are large: a few KiB per encrypted value, bounded per batch element
			// and layer, plus, for encrypted weights, one ciphertext per diagonal of each padded
			// matrix.
			Self::HeLinear { rows, cols, batch, encrypted_weights, second_rows } => {
				let second = second_rows.unwrap_or(0);
				let side = rows.max(cols).max(second).next_power_of_two() as u128;
				let (layers, ciphertext) = match second_rows {
					Some(_) => (2, HE_TWO_LAYER_CIPHERTEXT_BYTES),
					None => (1, HE_CIPHERTEXT_BYTES),
				};
				(rows as u128 + cols as u128 + second as u128) * batch as u128 * HE_BYTES_PER_VALUE +
					if encrypted_weights { layers * side * ciphertext } else { 0 }
			},
			// The linear memory, the output and the input's copy the host keeps (at most the
			// memory: a program reads only what fits).
			Self::Wasm { memory_mib, output_kib, .. } =>
				2 * ((memory_mib as u128) << 20) + ((output_kib as u128) << 10),
		}
	}

	/// Whether hardware of `class` can hold this workload: its working set fits in the device's
	/// memory (for CPU-only providers, in [`CPU_WORKING_SET_BYTES`]).
	pub fn runs_on(&self, class: HardwareClass) -> bool {
		let limit = match class {
			HardwareClass::Cpu => CPU_WORKING_SET_BYTES,
			gpu => gpu.memory_gib() as u128 * (1 << 30),
		};
		self.working_set_bytes() <= limit
	}
}

/// Bytes of ciphertext per encrypted value, an upper bound for the schemes the worker uses.
pub const HE_BYTES_PER_VALUE: u128 = 32 * 1024;

/// The working set a CPU-only provider is expected to hold: 16 GiB.
pub const CPU_WORKING_SET_BYTES: u128 = 16 << 30;

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	fn any_workload() -> impl Strategy<Value = Workload> {
		let dim = 1..=MAX_DIM;
		prop_oneof![
			(dim.clone(), dim.clone(), dim.clone()).prop_map(|(m, n, k)| Workload::GemmI8 { m, n, k }),
			(dim.clone(), dim.clone(), dim.clone()).prop_map(|(m, n, k)| Workload::GemmF32 { m, n, k }),
			(dim.clone(), dim.clone(), dim.clone(), dim.clone(), 1..=MAX_TRAIN_STEPS).prop_map(
				|(input, hidden, output, batch, steps)| Workload::TrainMlp { input, hidden, output, batch, steps }
			),
			(1..=HE_MAX_DIM, 1..=HE_MAX_DIM, dim, any::<bool>(), proptest::option::of(1..=HE_MAX_DIM)).prop_map(
				|(rows, cols, batch, encrypted_weights, second_rows)| {
					Workload::HeLinear { rows, cols, batch, encrypted_weights, second_rows }
				}
			),
			(1..=ProgramLimits::MAX.fuel, 1..=ProgramLimits::MAX.memory_mib, 1..=ProgramLimits::MAX.output_kib).prop_map(
				|(fuel, memory_mib, output_kib)| Workload::Wasm { module: H256::repeat_byte(1), fuel, memory_mib, output_kib }
			),
		]
	}

	proptest! {
		/// Every valid shape has a size of at least one unit that covers its operation count.
		#[test]
		fn units_cover_the_work(w in any_workload()) {
			let units = w.compute_units().expect("in-bounds shapes are valid");
			prop_assert!(units >= 1);
			prop_assert!(units as u128 * MACS_PER_UNIT >= w.macs());
			prop_assert!((units as u128 - 1) * MACS_PER_UNIT < w.macs().max(1));
		}

		/// Growing any gemm dimension never shrinks the bill.
		#[test]
		fn units_are_monotone_in_shape(m in 1..MAX_DIM, n in 1..MAX_DIM, k in 1..MAX_DIM) {
			let small = Workload::GemmF32 { m, n, k }.compute_units().unwrap();
			let bigger = Workload::GemmF32 { m: m + 1, n, k }.compute_units().unwrap();
			prop_assert!(bigger >= small);
		}

		/// A workload that fits a smaller device fits every larger one.
		#[test]
		fn memory_fit_is_monotone(w in any_workload()) {
			if w.runs_on(HardwareClass::Rtx4090) {
				prop_assert!(w.runs_on(HardwareClass::H100));
				prop_assert!(w.runs_on(HardwareClass::H200));
			}
		}
	}

	#[test]
	fn big_products_need_big_devices() {
		let w = Workload::GemmF32 { m: 65_536, n: 65_536, k: 65_536 };
		assert_eq!(w.working_set_bytes(), 3 * 4 * (1u128 << 32));
		assert!(!w.runs_on(HardwareClass::Rtx4090), "48 GiB does not fit in 24 GiB");
		assert!(w.runs_on(HardwareClass::H100));
		assert!(Workload::GemmI8 { m: 64, n: 64, k: 64 }.runs_on(HardwareClass::Cpu));
	}

	#[test]
	fn gemm_units_follow_the_operation_count() {
		let w = Workload::GemmF32 { m: 1024, n: 1024, k: 1024 };
		assert_eq!(w.macs(), 1 << 30);
		assert_eq!(w.compute_units(), Ok(2), "1.07 GMAC rounds up to 2 units");
		assert_eq!(Workload::GemmI8 { m: 1, n: 1, k: 1 }.compute_units(), Ok(1), "at least one unit");
	}

	#[test]
	fn shapes_are_bounded() {
		assert_eq!(Workload::GemmI8 { m: 0, n: 1, k: 1 }.compute_units(), Err(ShapeError::Empty));
		assert_eq!(
			Workload::GemmI8 { m: MAX_DIM + 1, n: 1, k: 1 }.compute_units(),
			Err(ShapeError::TooLarge)
		);
		let biggest = Workload::TrainMlp {
			input: MAX_DIM,
			hidden: MAX_DIM,
			output: MAX_DIM,
			batch: MAX_DIM,
			steps: MAX_TRAIN_STEPS,
		};
		assert!(biggest.compute_units().is_ok(), "the largest shape still fits in u64 units");
		let he = |rows, cols, second_rows| Workload::HeLinear { rows, cols, batch: 1, encrypted_weights: false, second_rows };
		assert_eq!(he(HE_MAX_DIM + 1, 1, None).compute_units(), Err(ShapeError::TooLarge), "the BFV ring holds 1,024");
		assert!(he(HE_MAX_DIM, HE_MAX_DIM, None).compute_units().is_ok());
		assert_eq!(he(1, 1, Some(HE_MAX_DIM + 1)).compute_units(), Err(ShapeError::TooLarge), "the second layer too");
		assert_eq!(he(1, 1, Some(0)).compute_units(), Err(ShapeError::Empty), "a second layer of no rows");
		assert!(he(HE_MAX_DIM, HE_MAX_DIM, Some(HE_MAX_DIM)).compute_units().is_ok());
	}

	const PROGRAM: Workload = Workload::Wasm { module: H256::repeat_byte(3), fuel: 3 * FUEL_PER_UNIT + 1, memory_mib: 64, output_kib: 1024 };

	#[test]
	fn a_program_is_billed_by_its_fuel_and_runs_on_every_class() {
		assert_eq!(PROGRAM.compute_units(), Ok(4), "3 units and one fuel round up to 4");
		assert_eq!(fuel_units(1), 1, "at least one unit");
		assert_eq!(fuel_units(FUEL_PER_UNIT), 1);
		assert_eq!(PROGRAM.metered_fuel(), Some(3 * FUEL_PER_UNIT + 1));
		assert_eq!(Workload::GemmI8 { m: 1, n: 1, k: 1 }.metered_fuel(), None, "shapes are billed by shape");
		assert!(!PROGRAM.is_encrypted());
		assert!(HardwareClass::ALL.into_iter().all(|class| PROGRAM.runs_on(class)));
		let huge = Workload::Wasm { module: H256::zero(), fuel: 1, memory_mib: 4096, output_kib: 1 << 20 };
		assert_eq!(huge.working_set_bytes(), 9 << 30, "twice the 4 GiB memory and 1 GiB of output");
		assert!(HardwareClass::ALL.into_iter().all(|class| huge.runs_on(class)), "the largest program fits every class");
	}

	#[test]
	fn program_limits_are_checked() {
		let with = |fuel, memory_mib, output_kib| Workload::Wasm { module: H256::zero(), fuel, memory_mib, output_kib };
		assert_eq!(with(0, 1, 1).compute_units(), Err(ShapeError::Empty), "no fuel");
		assert_eq!(with(1, 0, 1).compute_units(), Err(ShapeError::Empty), "no memory");
		assert_eq!(with(1, 1, 0).compute_units(), Err(ShapeError::Empty), "no output");
		assert_eq!(with(1, 4097, 1).compute_units(), Err(ShapeError::TooLarge), "beyond 32-bit memory");
		assert_eq!(with(ProgramLimits::MAX.fuel + 1, 1, 1).compute_units(), Err(ShapeError::TooLarge));
		assert!(with(ProgramLimits::MAX.fuel, 4096, ProgramLimits::MAX.output_kib).compute_units().is_ok());
		let limits = ProgramLimits::DEFAULT;
		assert!(limits.admit(&PROGRAM));
		assert!(!limits.admit(&with(limits.fuel + 1, 1, 1)), "more fuel than the runtime allows");
		assert!(!limits.admit(&with(1, 1, limits.output_kib + 1)), "more output than the runtime allows");
		assert!(limits.admit(&Workload::GemmI8 { m: 1, n: 1, k: 1 }));
	}

	#[test]
	fn encrypted_weights_cost_more_and_hold_their_ciphertexts() {
		let plain = Workload::HeLinear { rows: 100, cols: 200, batch: 8, encrypted_weights: false, second_rows: None };
		let sealed = Workload::HeLinear { rows: 100, cols: 200, batch: 8, encrypted_weights: true, second_rows: None };
		assert_eq!(sealed.macs(), plain.macs() * HE_ENCRYPTED_WEIGHTS_FACTOR);
		assert_eq!(sealed.working_set_bytes() - plain.working_set_bytes(), 256 * HE_CIPHERTEXT_BYTES, "d = 256 diagonals");
	}

	#[test]
	fn a_second_layer_adds_its_products_and_its_diagonals() {
		let one = Workload::HeLinear { rows: 100, cols: 200, batch: 8, encrypted_weights: false, second_rows: None };
		let two = Workload::HeLinear { rows: 100, cols: 200, batch: 8, encrypted_weights: false, second_rows: Some(300) };
		assert_eq!(two.macs(), (100 * 200 + 300 * 100) * 8 * HE_MAC_FACTOR * HE_TWO_LAYER_FACTOR_TENTHS / 10);
		assert!(two.macs() > one.macs());
		let sealed = Workload::HeLinear { rows: 100, cols: 200, batch: 8, encrypted_weights: true, second_rows: Some(300) };
		// The second layer widens the padded side to 512, and each layer has its own diagonals.
		assert_eq!(sealed.working_set_bytes() - two.working_set_bytes(), 2 * 512 * HE_TWO_LAYER_CIPHERTEXT_BYTES);
	}
}
