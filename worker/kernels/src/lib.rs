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
//! - `cuda` (feature `cuda`): the same products on an NVIDIA GPU, through cudarc with the driver
//!   and NVRTC loaded at run time, so a build without CUDA still runs on the CPU.
//! - [`open`]: picks the device a worker runs on (`auto`, `cpu`, `cuda:N`).
//!
//! The benchmark against the `gemm` crate lives in `worker/kernels/bench` (its own workspace, so
//! that the baseline's dependencies never change the node's build).

pub mod cpu;
#[cfg(feature = "cuda")]
pub mod cuda;
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

use std::sync::Arc;

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

/// Which device runs a worker's products.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceChoice {
	/// GPU 0 when one opens, the CPU otherwise.
	Auto,
	/// The CPU on all cores.
	Cpu,
	/// NVIDIA GPU number N; an error when it does not open.
	Cuda(usize),
}

impl std::str::FromStr for DeviceChoice {
	type Err = String;

	fn from_str(s: &str) -> Result<Self, String> {
		match s {
			"auto" => Ok(Self::Auto),
			"cpu" => Ok(Self::Cpu),
			"cuda" => Ok(Self::Cuda(0)),
			other => other
				.strip_prefix("cuda:")
				.and_then(|n| n.parse().ok())
				.map(Self::Cuda)
				.ok_or_else(|| format!("unknown device `{other}`: use auto, cpu, cuda or cuda:N")),
		}
	}
}

impl std::fmt::Display for DeviceChoice {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		match self {
			Self::Auto => f.write_str("auto"),
			Self::Cpu => f.write_str("cpu"),
			Self::Cuda(n) => write!(f, "cuda:{n}"),
		}
	}
}

/// The device that was opened, and, when `auto` settled for the CPU, why no GPU was used.
pub struct Opened {
	/// The device.
	pub device: Arc<dyn Device>,
	/// Why `auto` did not take a GPU (no driver, no NVRTC, a build without the `cuda` feature).
	pub no_gpu: Option<String>,
}

/// Opens the device `choice` names.
pub fn open(choice: DeviceChoice) -> Result<Opened, DeviceError> {
	let cpu = || Arc::new(CpuDevice::default()) as Arc<dyn Device>;
	match choice {
		DeviceChoice::Cpu => Ok(Opened { device: cpu(), no_gpu: None }),
		DeviceChoice::Cuda(ordinal) => Ok(Opened { device: open_cuda(ordinal)?, no_gpu: None }),
		DeviceChoice::Auto => Ok(match open_cuda(0) {
			Ok(device) => Opened { device, no_gpu: None },
			Err(DeviceError(why)) => Opened { device: cpu(), no_gpu: Some(why) },
		}),
	}
}

#[cfg(feature = "cuda")]
fn open_cuda(ordinal: usize) -> Result<Arc<dyn Device>, DeviceError> {
	Ok(Arc::new(cuda::CudaDevice::open(ordinal)?))
}

#[cfg(not(feature = "cuda"))]
fn open_cuda(_ordinal: usize) -> Result<Arc<dyn Device>, DeviceError> {
	Err(DeviceError("built without the `cuda` feature".into()))
}
