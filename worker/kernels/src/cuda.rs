//! The NVIDIA GPU as a [`Device`], through cudarc with the driver and NVRTC loaded at run time.
//!
//! Nothing of CUDA is needed to build: `libcuda` and `libnvrtc` are opened when a device is
//! opened, and [`CudaDevice::open`] returns an error (not a panic) on a machine without them, so
//! the worker falls back to the CPU. The kernels (`gemm.cu`) are compiled for the device's own
//! architecture with `--fmad=false --ftz=false` and compute the same bits as [`crate::cpu`].

use crate::{Device, DeviceError};
use cudarc::driver::{CudaContext, CudaFunction, CudaSlice, CudaStream, DeviceRepr, LaunchConfig, PushKernelArg, ValidAsZeroBits};
use cudarc::nvrtc::{compile_ptx_with_opts, CompileOptions};
use std::sync::{Arc, Mutex};

/// The kernels' CUDA source.
pub const SOURCE: &str = include_str!("gemm.cu");

/// Side of the output tile one block computes; must match `TILE` in `gemm.cu`.
const TILE: u32 = 64;
/// Threads per block side; must match `SIDE` in `gemm.cu`.
const SIDE: u32 = 16;

/// One NVIDIA GPU with CompNet's kernels loaded.
pub struct CudaDevice {
	ordinal: usize,
	name: String,
	capability: (i32, i32),
	/// One stream, taken for a whole product: concurrent jobs queue for the GPU.
	stream: Mutex<Arc<CudaStream>>,
	gemm_f32: CudaFunction,
	gemm_i8: CudaFunction,
}

fn driver(what: &str) -> impl Fn(cudarc::driver::DriverError) -> DeviceError + '_ {
	move |e| DeviceError(format!("{what}: {e}"))
}

impl CudaDevice {
	/// Opens GPU `ordinal` and compiles the kernels for it.
	///
	/// Fails with a readable reason when the driver or NVRTC library is missing, when there is no
	/// such GPU, or when compilation fails.
	pub fn open(ordinal: usize) -> Result<Self, DeviceError> {
		// SAFETY: only tries to open the shared libraries; no symbol is called.
		if !unsafe { cudarc::driver::sys::is_culib_present() } {
			return Err(DeviceError("no NVIDIA driver (libcuda) on this machine".into()));
		}
		if !unsafe { cudarc::nvrtc::sys::is_culib_present() } {
			return Err(DeviceError("no NVRTC library (libnvrtc); install the CUDA runtime or set LD_LIBRARY_PATH".into()));
		}
		let count = CudaContext::device_count().map_err(driver("counting GPUs"))?;
		if ordinal >= count.max(0) as usize {
			return Err(DeviceError(format!("no GPU {ordinal}: this machine has {count}")));
		}
		let ctx = CudaContext::new(ordinal).map_err(driver("opening the GPU"))?;
		let name = ctx.name().map_err(driver("reading the GPU's name"))?;
		let capability = ctx.compute_capability().map_err(driver("reading the compute capability"))?;
		let options = CompileOptions {
			fmad: Some(false),
			ftz: Some(false),
			prec_div: Some(true),
			prec_sqrt: Some(true),
			use_fast_math: Some(false),
			options: vec![format!("--gpu-architecture=compute_{}{}", capability.0, capability.1)],
			name: Some("compnet_gemm.cu".into()),
			..Default::default()
		};
		let ptx = compile_ptx_with_opts(SOURCE, options).map_err(|e| DeviceError(format!("compiling the kernels: {e}")))?;
		let module = ctx.load_module(ptx).map_err(driver("loading the kernels"))?;
		let gemm_f32 = module.load_function("compnet_gemm_f32").map_err(driver("compnet_gemm_f32"))?;
		let gemm_i8 = module.load_function("compnet_gemm_i8").map_err(driver("compnet_gemm_i8"))?;
		let stream = ctx.new_stream().map_err(driver("creating a stream"))?;
		Ok(Self { ordinal, name, capability, stream: Mutex::new(stream), gemm_f32, gemm_i8 })
	}

	/// The GPU's marketing name (`NVIDIA H100 80GB HBM3`).
	pub fn gpu_name(&self) -> &str {
		&self.name
	}

	/// The compute capability (`(9, 0)` for an H100).
	pub fn capability(&self) -> (i32, i32) {
		self.capability
	}

	/// The stream the products run on (for benchmarks that time device-resident data).
	pub fn stream(&self) -> Arc<CudaStream> {
		self.stream.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
	}

	/// Queues `C = A·B` in fp32 on `stream` over buffers already on the GPU.
	pub fn launch_gemm_f32(&self, stream: &CudaStream, dims: (usize, usize, usize), a: &CudaSlice<f32>, b: &CudaSlice<f32>, c: &mut CudaSlice<f32>) -> Result<(), DeviceError> {
		self.launch(&self.gemm_f32, stream, dims, a, b, c)
	}

	/// Queues `C = A·B` for int8 on `stream` over buffers already on the GPU.
	pub fn launch_gemm_i8(&self, stream: &CudaStream, dims: (usize, usize, usize), a: &CudaSlice<i8>, b: &CudaSlice<i8>, c: &mut CudaSlice<i32>) -> Result<(), DeviceError> {
		self.launch(&self.gemm_i8, stream, dims, a, b, c)
	}

	fn launch<In: DeviceRepr, Acc: DeviceRepr>(
		&self,
		f: &CudaFunction,
		stream: &CudaStream,
		(m, n, k): (usize, usize, usize),
		a: &CudaSlice<In>,
		b: &CudaSlice<In>,
		c: &mut CudaSlice<Acc>,
	) -> Result<(), DeviceError> {
		if a.len() != m * k || b.len() != k * n || c.len() != m * n {
			return Err(DeviceError(format!("buffers of {}, {} and {} elements do not fit {m}×{n}×{k}", a.len(), b.len(), c.len())));
		}
		if m == 0 || n == 0 || k == 0 {
			// Nothing to add: C keeps its zeros (k = 0) or is empty.
			return Ok(());
		}
		let dim = |v: usize| i32::try_from(v).map_err(|_| DeviceError(format!("dimension {v} exceeds the GPU kernel's range")));
		let (mi, ni, ki) = (dim(m)?, dim(n)?, dim(k)?);
		let grid = |v: usize| u32::try_from(v.div_ceil(TILE as usize)).map_err(|_| DeviceError(format!("dimension {v} exceeds the grid")));
		let config = LaunchConfig { grid_dim: (grid(n)?, grid(m)?, 1), block_dim: (SIDE, SIDE, 1), shared_mem_bytes: 0 };
		let mut launch = stream.launch_builder(f);
		launch.arg(&mi).arg(&ni).arg(&ki).arg(a).arg(b).arg(c);
		// SAFETY: the kernel's signature is (int, int, int, const In*, const In*, Acc*), the buffers
		// hold m×k, k×n and m×n elements (checked above), and the grid covers C exactly once.
		unsafe { launch.launch(config) }.map_err(driver("running the kernel"))?;
		Ok(())
	}

	fn product<In, Acc>(&self, f: &CudaFunction, m: usize, n: usize, k: usize, a: &[In], b: &[In]) -> Result<Vec<Acc>, DeviceError>
	where
		In: DeviceRepr,
		Acc: DeviceRepr + ValidAsZeroBits,
	{
		assert_eq!(a.len(), m * k, "A is m×k");
		assert_eq!(b.len(), k * n, "B is k×n");
		if m == 0 || n == 0 {
			return Ok(Vec::new());
		}
		let stream = self.stream.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		let a_dev = stream.clone_htod(a).map_err(driver("copying A"))?;
		let b_dev = stream.clone_htod(b).map_err(driver("copying B"))?;
		let mut c_dev = stream.alloc_zeros::<Acc>(m * n).map_err(driver("allocating C"))?;
		self.launch(f, &stream, (m, n, k), &a_dev, &b_dev, &mut c_dev)?;
		let c = stream.clone_dtoh(&c_dev).map_err(driver("copying C back"))?;
		stream.synchronize().map_err(driver("synchronising"))?;
		Ok(c)
	}
}

impl Device for CudaDevice {
	fn name(&self) -> String {
		format!("cuda:{}", self.ordinal)
	}

	fn gemm_i8(&self, m: usize, n: usize, k: usize, a: &[i8], b: &[i8]) -> Result<Vec<i32>, DeviceError> {
		self.product(&self.gemm_i8, m, n, k, a, b)
	}

	fn gemm_f32(&self, m: usize, n: usize, k: usize, a: &[f32], b: &[f32]) -> Result<Vec<f32>, DeviceError> {
		self.product(&self.gemm_f32, m, n, k, a, b)
	}
}
