//! Deterministic job inputs, generated from a seed: for demonstrations, tests and benchmarks.
//!
//! A consumer with real data uploads its own bytes in the layout [`super::layout`] describes; the
//! generator only saves writing them by hand. The same seed gives the same bytes on every machine.

use super::layout;
use compnet_primitives::Workload;

/// SplitMix64: a tiny, fixed pseudo-random sequence (not for secrets).
#[derive(Clone, Debug)]
pub struct SplitMix(pub u64);

impl SplitMix {
	/// The next 64 random bits.
	pub fn next(&mut self) -> u64 {
		self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
		z ^ (z >> 31)
	}

	/// A float in [-1, 1) with 24 random bits, exactly representable.
	pub fn f32_signed(&mut self) -> f32 {
		((self.next() >> 40) as f32) / (1u32 << 23) as f32 - 1.0
	}
}

/// The input of a `train-mlp` job, before it is laid out as bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct MlpInput {
	/// The SGD learning rate.
	pub learning_rate: f32,
	/// Initial weights of the hidden layer, `input × hidden`.
	pub w1: Vec<f32>,
	/// Initial biases of the hidden layer.
	pub b1: Vec<f32>,
	/// Initial weights of the output layer, `hidden × output`.
	pub w2: Vec<f32>,
	/// Initial biases of the output layer.
	pub b2: Vec<f32>,
	/// Samples, `samples × input`.
	pub x: Vec<f32>,
	/// Targets, `samples × output`.
	pub y: Vec<f32>,
}

/// The samples a generated `train-mlp` input carries: two batches, so that steps cycle through data.
pub const GENERATED_BATCHES: u32 = 2;

/// Input bytes for `workload`, derived from `seed`.
///
/// `gemm-i8` gets uniform int8 matrices, `gemm-f32` floats in [-1, 1), `train-mlp` a small
/// regression task (targets from a hidden linear map, small initial weights, learning rate 0.1).
/// Encrypted workloads are built by the consumer's keys, not here: `None`.
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
			super::cpu::gemm(samples, o, i, &x, &teacher, &mut y, 1);
			let input = MlpInput { learning_rate: 0.1, w1, b1: vec![0.0; h], w2, b2: vec![0.0; o], x, y };
			Some(layout::mlp_bytes(&input))
		},
		Workload::HeLinear { .. } => None,
	}
}
