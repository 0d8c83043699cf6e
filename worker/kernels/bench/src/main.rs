//! Kernel benchmark: CompNet's CPU `gemm-i8` and `gemm-f32` against the `gemm` crate's f32 product
//! on the same shapes, in the same run; then, where a GPU opens, the NVRTC kernels against cuBLAS
//! and against the device's peak. Prints figures; asserts nothing.
//!
//! `bash scripts/bench-kernels [SIZE ...]` (CPU sizes; the GPU takes `COMPNET_GPU_SIZES`,
//! default `1024 2048 4096 8192`)

mod gpu;

use compnet_kernels::{cpu, rng::SplitMix};
use std::time::Instant;

/// Runs `f` until at least 0.5 s have passed (at least twice) and returns the best seconds per call.
fn best_of(mut f: impl FnMut()) -> f64 {
	let start = Instant::now();
	let mut best = f64::MAX;
	let mut runs = 0;
	while runs < 2 || start.elapsed().as_secs_f64() < 0.5 {
		let t = Instant::now();
		f();
		best = best.min(t.elapsed().as_secs_f64());
		runs += 1;
	}
	best
}

fn main() {
	let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|s| s.parse().ok()).collect();
	let sizes = if sizes.is_empty() { vec![256, 512, 1024] } else { sizes };
	let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
	println!("threads: {threads}");
	println!("{:>6} {:>14} {:>14} {:>14} {:>10} {:>10}", "n", "gemm-i8 GOP/s", "gemm-f32 GF/s", "gemm crate", "i8/crate", "f32/crate");
	let mut rng = SplitMix(1);
	for n in sizes {
		let a8: Vec<i8> = (0..n * n).map(|_| rng.next() as i8).collect();
		let b8: Vec<i8> = (0..n * n).map(|_| rng.next() as i8).collect();
		let a: Vec<f32> = (0..n * n).map(|_| rng.f32_signed()).collect();
		let b: Vec<f32> = (0..n * n).map(|_| rng.f32_signed()).collect();
		let mut c8 = vec![0i32; n * n];
		let mut c = vec![0f32; n * n];
		let ops = 2.0 * (n as f64).powi(3);
		let t_i8 = best_of(|| cpu::gemm(n, n, n, &a8, &b8, &mut c8, threads));
		let t_f32 = best_of(|| cpu::gemm(n, n, n, &a, &b, &mut c, threads));
		let t_ref = best_of(|| unsafe {
			gemm::gemm(
				n, n, n,
				c.as_mut_ptr(), 1, n as isize,
				false,
				a.as_ptr(), 1, n as isize,
				b.as_ptr(), 1, n as isize,
				0.0, 1.0,
				false, false, false,
				gemm::Parallelism::Rayon(threads),
			)
		});
		let rate = |t: f64| ops / t / 1e9;
		println!(
			"{n:>6} {:>14.2} {:>14.2} {:>14.2} {:>10.2} {:>10.2}",
			rate(t_i8), rate(t_f32), rate(t_ref), t_ref / t_i8, t_ref / t_f32
		);
	}
	let gpu_sizes: Vec<usize> = std::env::var("COMPNET_GPU_SIZES")
		.ok()
		.map(|v| v.split_whitespace().filter_map(|s| s.parse().ok()).collect())
		.unwrap_or_else(|| vec![1024, 2048, 4096, 8192]);
	gpu::run(&gpu_sizes);
}
