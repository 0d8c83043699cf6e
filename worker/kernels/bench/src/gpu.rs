//! The GPU half: CompNet's NVRTC kernels against cuBLAS on device-resident data, and both as a
//! fraction of the device's peak.

use compnet_kernels::{cpu::transpose, cuda::CudaDevice, rng::SplitMix};
use cudarc::cublas::{sys, CudaBlas, Gemm, GemmConfig};
use cudarc::driver::{sys::CUdevice_attribute, CudaContext, CudaStream, DevicePtr, DevicePtrMut};

/// H100 SXM dense int8 tensor-core peak, the unit of the market's capacity.
const H100_INT8_OPS: f64 = 1.979e15;

/// Best seconds per call of `f` (which queues work on `stream`), each call waited for, after one
/// warm-up call: [`crate::best_of`] with the stream synchronized.
fn best_of(stream: &CudaStream, mut f: impl FnMut()) -> f64 {
	f();
	stream.synchronize().unwrap();
	crate::best_of(|| {
		f();
		stream.synchronize().unwrap();
	})
}

/// Runs the GPU comparison, or says why there is none.
pub fn run(sizes: &[usize]) {
	let gpu = match CudaDevice::open(0) {
		Ok(gpu) => gpu,
		Err(why) => {
			println!("\nGPU: skipped ({why})");
			return;
		},
	};
	let ctx = CudaContext::new(0).unwrap();
	let sms = ctx.attribute(CUdevice_attribute::CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT).unwrap() as f64;
	let clock_khz = ctx.attribute(CUdevice_attribute::CU_DEVICE_ATTRIBUTE_CLOCK_RATE).unwrap() as f64;
	// 128 fp32 lanes per SM (compute 8.x and 9.x), two flops per fused multiply-add.
	let fp32_peak = sms * 128.0 * 2.0 * clock_khz * 1e3;
	println!(
		"\nGPU: {} (compute {}.{}), {sms} SMs at {:.2} GHz: fp32 FMA peak {:.1} TFLOP/s (without FMA at most half)",
		gpu.gpu_name(),
		gpu.capability().0,
		gpu.capability().1,
		clock_khz / 1e6,
		fp32_peak / 1e12
	);
	let stream = gpu.stream();
	let blas = CudaBlas::new(stream.clone()).expect("cuBLAS");
	println!(
		"{:>6} {:>12} {:>12} {:>9} {:>8} {:>12} {:>12} {:>9} {:>9} {:>6}",
		"n", "f32 TF/s", "cuBLAS f32", "ratio", "% peak", "i8 TOP/s", "cuBLAS i8", "ratio", "% H100", "same"
	);
	let mut rng = SplitMix(2);
	for &n in sizes {
		let a: Vec<f32> = (0..n * n).map(|_| rng.f32_signed()).collect();
		let b: Vec<f32> = (0..n * n).map(|_| rng.f32_signed()).collect();
		let a8: Vec<i8> = (0..n * n).map(|_| rng.next() as i8).collect();
		let b8: Vec<i8> = (0..n * n).map(|_| rng.next() as i8).collect();
		let (a_d, b_d) = (stream.clone_htod(&a).unwrap(), stream.clone_htod(&b).unwrap());
		let mut c_d = stream.alloc_zeros::<f32>(n * n).unwrap();
		let mut c_blas = stream.alloc_zeros::<f32>(n * n).unwrap();
		let (a8_d, b8_d) = (stream.clone_htod(&a8).unwrap(), stream.clone_htod(&b8).unwrap());
		// cuBLAS's int8 path wants op(A) transposed: hand it Bᵀ (the layout is not timed).
		let b8t_d = stream.clone_htod(&transpose(n, n, &b8)).unwrap();
		let mut c8_d = stream.alloc_zeros::<i32>(n * n).unwrap();
		let mut c8_blas = stream.alloc_zeros::<i32>(n * n).unwrap();
		let ni = n as i32;
		let ops = 2.0 * (n as f64).powi(3);

		let t_f32 = best_of(&stream, || gpu.launch_gemm_f32(&stream, (n, n, n), &a_d, &b_d, &mut c_d).unwrap());
		// Row-major C = A·B is column-major Cᵀ = Bᵀ·Aᵀ.
		let cfg = GemmConfig {
			transa: sys::cublasOperation_t::CUBLAS_OP_N,
			transb: sys::cublasOperation_t::CUBLAS_OP_N,
			m: ni,
			n: ni,
			k: ni,
			alpha: 1.0f32,
			lda: ni,
			ldb: ni,
			beta: 0.0f32,
			ldc: ni,
		};
		let t_blas = best_of(&stream, || unsafe { blas.gemm(cfg, &b_d, &a_d, &mut c_blas) }.unwrap());

		let t_i8 = best_of(&stream, || gpu.launch_gemm_i8(&stream, (n, n, n), &a8_d, &b8_d, &mut c8_d).unwrap());
		let mut blas_i8 = || {
			let (alpha, beta) = (1i32, 0i32);
			let (x, _rx) = b8t_d.device_ptr(&stream);
			let (y, _ry) = a8_d.device_ptr(&stream);
			let (c, _rc) = c8_blas.device_ptr_mut(&stream);
			unsafe {
				cudarc::cublas::result::gemm_ex(
					*blas.handle(),
					sys::cublasOperation_t::CUBLAS_OP_T,
					sys::cublasOperation_t::CUBLAS_OP_N,
					ni,
					ni,
					ni,
					&alpha as *const i32 as *const _,
					x as *const _,
					sys::cudaDataType_t::CUDA_R_8I,
					ni,
					y as *const _,
					sys::cudaDataType_t::CUDA_R_8I,
					ni,
					&beta as *const i32 as *const _,
					c as *mut _,
					sys::cudaDataType_t::CUDA_R_32I,
					ni,
					sys::cublasComputeType_t::CUBLAS_COMPUTE_32I,
					sys::cublasGemmAlgo_t::CUBLAS_GEMM_DEFAULT,
				)
			}
		};
		let (t_blas_i8, same) = match blas_i8() {
			Ok(()) => {
				let t = best_of(&stream, || blas_i8().unwrap());
				let same = stream.clone_dtoh(&c8_d).unwrap() == stream.clone_dtoh(&c8_blas).unwrap();
				(t, if same { "yes" } else { "NO" })
			},
			Err(e) => {
				println!("cuBLAS int8 refused {n}: {e}");
				(f64::NAN, "-")
			},
		};
		let rate = |t: f64| ops / t / 1e12;
		println!(
			"{n:>6} {:>12.2} {:>12.2} {:>9.3} {:>7.1}% {:>12.2} {:>12.2} {:>9.3} {:>8.2}% {same:>6}",
			rate(t_f32),
			rate(t_blas),
			t_blas / t_f32,
			100.0 * ops / t_f32 / fp32_peak,
			rate(t_i8),
			rate(t_blas_i8),
			t_blas_i8 / t_i8,
			100.0 * ops / t_i8 / H100_INT8_OPS,
		);
	}
}
