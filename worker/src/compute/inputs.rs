//! Deterministic job inputs, generated from a seed: for demonstrations, tests and benchmarks.
//!
//! A consumer with real data uploads its own bytes in the layout [`compnet_kernels::layout`] describes; the
//! generator only saves writing them by hand. The same seed gives the same bytes on every machine.

use compnet_kernels::{cpu, layout, mlp::MlpInput, rng::SplitMix};
use compnet_primitives::Workload;

/// The samples a generated `train-mlp` input carries: two batches, so that steps cycle through data.
pub const GENERATED_BATCHES: u32 = 2;

/// Input bytes for `workload`, derived from `seed`.
///
/// `gemm-i8` gets uniform int8 matrices, `gemm-f32` floats in [-1, 1), `train-mlp` a small
/// regression task (targets from a hidden linear map, small initial weights, learning rate 0.1).
/// Encrypted workloads are built by the consumer's keys, and a program's input is whatever it
/// reads: `None`.
pub fn generate(workload: &Workload, seed: u64) -> Option<Vec<u8>> {
	let mut rng = SplitMix(seed);
	match *workload {
		Workload::GemmI8 { m, n, k } => {
			let len = (m as usize * k as usize) + (k as usize * n as usize);
			Some((0..len).map(|_| rng.next() as u8).collect())
		},
		Workload::GemmF32 { m, n, k } => {
			let len = (m as usize * k as usize) + (k as usize * n as usize);
			let values: Vec<f32> = (0..len).map(|_| rng.f32_signed()).collect();
			Some(layout::f32_bytes(&values))
		},
		Workload::TrainMlp { input, hidden, output, batch, .. } => {
			let (i, h, o) = (input as usize, hidden as usize, output as usize);
			let samples = (batch * GENERATED_BATCHES) as usize;
			let mut small = |len: usize, scale: f32| -> Vec<f32> { (0..len).map(|_| rng.f32_signed() * scale).collect() };
			let w1 = small(i * h, 0.5 / (i as f32).sqrt());
			let w2 = small(h * o, 0.5 / (h as f32).sqrt());
			let teacher = small(i * o, 1.0 / (i as f32).sqrt());
			let x = small(samples * i, 1.0);
			let mut y = vec![0.0f32; samples * o];
			cpu::gemm(samples, o, i, &x, &teacher, &mut y, 1);
			let input = MlpInput { learning_rate: 0.1, w1, b1: vec![0.0; h], w2, b2: vec![0.0; o], x, y };
			Some(layout::mlp_bytes(&input))
		},
		Workload::HeLinear { .. } | Workload::Wasm { .. } => None,
	}
}
