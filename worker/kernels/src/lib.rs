//! # compnet-kernels
//!
//! The arithmetic of CompNet's workloads, with nothing else attached, so that it can be tested,
//! benchmarked and ported to a GPU on its own.
//!
//! ## Overview
//!
//! - [`cpu`]: the reference matrix products (int8 → int32, fp32). Each output is one running sum
//!   over the depth in ascending order with separate multiply and add: that order is part of the
//!   workload's definition, so every device gives the same bits.
//! - [`mlp`]: SGD steps of a two-layer perceptron, defined down to the order of its additions.
//! - [`layout`]: the canonical bytes of inputs and results.
//! - [`Device`]: what a GPU implements to run the same workloads; [`CpuDevice`] is the reference.
//!
//! The benchmark against the `gemm` crate lives in `worker/kernels/bench` (its own workspace, so
//! that the baseline's dependencies never change the node's build).

pub mod cpu;
pub mod layout;
pub mod mlp;
pub mod rng;

/// An input that does not fit its workload's shape.
#[derive(Debug, thiserror::Error, PartialEq, Eq, Clone)]
pub enum InputError {
	/// The input's length does not match the workload's shape.
	#[error("{what} is {got} bytes, the job's shape needs {expected}")]
	InputSize {
		/// Which part was checked.
		what: &'static str,
		/// Its length.
		got: u128,
		/// The length the shape implies.
		expected: u128,
	},
	/// The input is the right size but not a valid input.
	#[error("bad input: {0}")]
	BadInput(&'static str),
}

/// A device failure (a GPU error): the job may be retried on the CPU.
#[derive(Debug, thiserror::Error, PartialEq, Eq, Clone)]
#[error("device error: {0}")]
pub struct DeviceError(pub String);

/// Something that computes the matrix products every workload is made of.
pub trait Device: Send + Sync {
	/// A short name for logs and metrics (`cpu`, `cuda:0`).
	fn name(&self) -> String;
	/// `C = A·B` for int8 inputs, row-major; exact.
	fn gemm_i8(&self, m: usize, n: usize, k: usize, a: &[i8], b: &[i8]) -> Result<Vec<i32>, DeviceError>;
	/// `C = A·B` in fp32, row-major, each output summed over the depth in ascending order without
	/// fused multiply-add.
	fn gemm_f32(&self, m: usize, n: usize, k: usize, a: &[f32], b: &[f32]) -> Result<Vec<f32>, DeviceError>;
}

/// The CPU: the reference kernels on all cores (or as many as configured).
#[derive(Clone, Debug)]
pub struct CpuDevice {
	/// Threads per product.
	pub threads: usize,
}

impl Default for CpuDevice {
	fn default() -> Self {
		Self { threads: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) }
	}
}

impl Device for CpuDevice {
	fn name(&self) -> String {
		"cpu".into()
	}

	fn gemm_i8(&self, m: usize, n: usize, k: usize, a: &[i8], b: &[i8]) -> Result<Vec<i32>, DeviceError> {
		let mut c = vec![0i32; m * n];
		cpu::gemm(m, n, k, a, b, &mut c, self.threads);
		Ok(c)
	}

	fn gemm_f32(&self, m: usize, n: usize, k: usize, a: &[f32], b: &[f32]) -> Result<Vec<f32>, DeviceError> {
		let mut c = vec![0f32; m * n];
		cpu::gemm(m, n, k, a, b, &mut c, self.threads);
		Ok(c)
	}
}
