//! The GPU gives the CPU's bytes.
//!
//! Runs wherever `cuda:0` opens; elsewhere it says why and checks only that `auto` falls back to
//! the CPU with that reason. Set `COMPNET_REQUIRE_GPU=1` (as on a GPU machine) to make a GPU that
//! does not open a failure instead of a skip.
#![cfg(feature = "cuda")]

use compnet_kernels::{
	cpu::gemm_naive,
	cuda::CudaDevice,
	layout,
	mlp::{self, MlpInput, Shape},
	open,
	rng::SplitMix,
	CpuDevice, Device, DeviceChoice,
};

fn gpu() -> Option<CudaDevice> {
	match CudaDevice::open(0) {
		Ok(gpu) => {
			eprintln!("GPU: {} (compute {}.{})", gpu.gpu_name(), gpu.capability().0, gpu.capability().1);
			Some(gpu)
		},
		Err(why) if std::env::var_os("COMPNET_REQUIRE_GPU").is_some() => panic!("COMPNET_REQUIRE_GPU is set and {why}"),
		Err(why) => {
			eprintln!("skipped: {why}");
			None
		},
	}
}

/// Shapes that cross the 64×64 output tile and the 16-deep slices on every side.
const SHAPES: &[(usize, usize, usize)] =
	&[(1, 1, 1), (1, 7, 3), (3, 5, 17), (63, 65, 15), (64, 64, 16), (65, 129, 33), (130, 70, 1000), (256, 256, 256), (17, 300, 513)];

#[test]
fn auto_falls_back_to_the_cpu_with_a_reason_when_no_gpu_opens() {
	let opened = open(DeviceChoice::Auto).expect("auto always opens something");
	match CudaDevice::open(0) {
		Ok(_) => assert_eq!(opened.device.name(), "cuda:0"),
		Err(why) => {
			assert_eq!(opened.device.name(), "cpu");
			assert_eq!(opened.no_gpu.as_deref(), Some(why.0.as_str()));
			assert!(open(DeviceChoice::Cuda(0)).is_err(), "an explicit cuda:0 must fail, not fall back");
		},
	}
}

#[test]
fn gpu_gemm_f32_bits_equal_the_cpu() {
	let Some(gpu) = gpu() else { return };
	let mut rng = SplitMix(11);
	for &(m, n, k) in SHAPES {
		let mut a: Vec<f32> = (0..m * k).map(|_| rng.f32_signed()).collect();
		let mut b: Vec<f32> = (0..k * n).map(|_| rng.f32_signed()).collect();
		// Values whose handling differs between careless implementations: signed zeros (a sum of
		// −0 terms stays −0 only if no +0 is ever added), subnormals (flushed under FTZ), huge
		// values (overflow to ∞ and ∞ − ∞ = NaN).
		a[0] = -0.0;
		b[0] = 0.0;
		if a.len() > 2 {
			a[1] = f32::from_bits(1);
			a[2] = 3.0e38;
		}
		if b.len() > 2 {
			b[1] = 1.0e-30;
			b[2] = -3.0e38;
		}
		let cpu = gemm_naive(m, n, k, &a, &b);
		let on_gpu = gpu.gemm_f32(m, n, k, &a, &b).expect("the GPU product");
		assert_eq!(layout::f32_bytes(&on_gpu), layout::f32_bytes(&cpu), "gemm-f32 {m}×{n}×{k}");
	}
	// All-negative-zero products: every output must stay −0.
	let (m, n, k) = (5, 70, 40);
	let out = gpu.gemm_f32(m, n, k, &vec![-0.0; m * k], &vec![1.0; k * n]).unwrap();
	assert!(out.iter().all(|v| v.to_bits() == (-0.0f32).to_bits()), "a slice past the depth added +0");
}

#[test]
fn gpu_gemm_i8_equals_the_cpu() {
	let Some(gpu) = gpu() else { return };
	let mut rng = SplitMix(12);
	for &(m, n, k) in SHAPES.iter().chain(&[(2, 2, 65_536)]) {
		let a: Vec<i8> = (0..m * k).map(|_| rng.next() as i8).collect();
		let b: Vec<i8> = (0..k * n).map(|_| rng.next() as i8).collect();
		assert_eq!(gpu.gemm_i8(m, n, k, &a, &b).unwrap(), gemm_naive(m, n, k, &a, &b), "gemm-i8 {m}×{n}×{k}");
	}
	// The extremes: −128 · −128 summed over the largest depth.
	let k = 65_536;
	let out = gpu.gemm_i8(1, 1, k, &vec![-128; k], &vec![-128; k]).unwrap();
	assert_eq!(out, vec![16_384 * 65_536]);
}

#[test]
fn gpu_training_gives_the_cpu_weights() {
	let Some(gpu) = gpu() else { return };
	let shape = Shape { input: 33, hidden: 70, output: 5, batch: 20 };
	let mut rng = SplitMix(13);
	let mut values = |len: usize| (0..len).map(|_| rng.f32_signed() * 0.5).collect::<Vec<f32>>();
	let samples = 50;
	let data = MlpInput {
		learning_rate: 0.05,
		w1: values(shape.input * shape.hidden),
		b1: values(shape.hidden),
		w2: values(shape.hidden * shape.output),
		b2: values(shape.output),
		x: values(samples * shape.input),
		y: values(samples * shape.output),
	};
	let cpu = mlp::train(&CpuDevice::default(), shape, 25, data.clone()).unwrap();
	let on_gpu = mlp::train(&gpu, shape, 25, data).unwrap();
	assert_eq!(on_gpu.to_bytes(), cpu.to_bytes());
}
