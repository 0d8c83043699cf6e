//! `train-mlp`: SGD on a two-layer perceptron, `input → hidden (ReLU) → output`, mean squared error.
//!
//! Every step is defined down to the order of its additions, so that any device reproduces the
//! final weights bit for bit:
//!
//! 1. The batch of step `s` is samples `(s·batch + r) mod samples` for `r = 0 … batch-1`.
//! 2. `Z = X·W1` (a [`Device::gemm_f32`] product), `H[r][j] = relu(Z[r][j] + b1[j])` where
//!    `relu(v) = v if v > 0, else 0`.
//! 3. `Ŷ = H·W2`, then `Ŷ[r][j] += b2[j]`.
//! 4. `G = (Ŷ − Y) × s` with `s = 2 / (batch · output)` rounded to f32 once.
//! 5. `dW2 = Hᵀ·G`, `db2[j] = Σ_r G[r][j]` (ascending `r`).
//! 6. `D = G·W2ᵀ`, then `D[r][j] = 0` where `H[r][j] ≤ 0`.
//! 7. `dW1 = Xᵀ·D`, `db1[j] = Σ_r D[r][j]` (ascending `r`).
//! 8. Every weight `w ← w − lr × dw` (multiply, then subtract).
//!
//! The products run on the device (the bulk of the work); the element-wise steps run on the CPU,
//! which every device shares, so they cannot differ.

use crate::{cpu::transpose, Device, DeviceError};

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

/// A network's shape.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
	/// Input features.
	pub input: usize,
	/// Hidden units.
	pub hidden: usize,
	/// Outputs.
	pub output: usize,
	/// Samples per step.
	pub batch: usize,
}

impl MlpInput {
	/// The initial weights, before any step.
	pub fn initial(&self) -> Trained {
		Trained { w1: self.w1.clone(), b1: self.b1.clone(), w2: self.w2.clone(), b2: self.b2.clone() }
	}
}

/// The weights after training.
#[derive(Clone, Debug, PartialEq)]
pub struct Trained {
	/// Hidden layer weights, `input × hidden`.
	pub w1: Vec<f32>,
	/// Hidden layer biases.
	pub b1: Vec<f32>,
	/// Output layer weights, `hidden × output`.
	pub w2: Vec<f32>,
	/// Output layer biases.
	pub b2: Vec<f32>,
}

impl Trained {
	/// The canonical result bytes: `W1 ‖ b1 ‖ W2 ‖ b2`, f32 little-endian, NaNs canonical.
	pub fn to_bytes(&self) -> Vec<u8> {
		let mut out = Vec::with_capacity(4 * (self.w1.len() + self.b1.len() + self.w2.len() + self.b2.len()));
		for part in [&self.w1, &self.b1, &self.w2, &self.b2] {
			out.extend_from_slice(&crate::layout::f32_bytes(part));
		}
		out
	}

	/// Reads result bytes back for a network `input → hidden → output`; `None` if the length is wrong.
	pub fn from_bytes(bytes: &[u8], shape: Shape) -> Option<Self> {
		let Shape { input: i, hidden: h, output: o, .. } = shape;
		if bytes.len() != 4 * (i * h + h + h * o + o) {
			return None;
		}
		let f = crate::layout::f32_values(bytes);
		let (w1, rest) = f.split_at(i * h);
		let (b1, rest) = rest.split_at(h);
		let (w2, b2) = rest.split_at(h * o);
		Some(Self { w1: w1.to_vec(), b1: b1.to_vec(), w2: w2.to_vec(), b2: b2.to_vec() })
	}
}

/// Runs `steps` SGD steps and returns the trained weights.
pub fn train(device: &dyn Device, shape: Shape, steps: u32, data: MlpInput) -> Result<Trained, DeviceError> {
	let Shape { input: ni, hidden: nh, output: no, batch: nb } = shape;
	let MlpInput { learning_rate: lr, mut w1, mut b1, mut w2, mut b2, x, y } = data;
	let samples = y.len() / no;
	let scale = 2.0f32 / (nb as f32 * no as f32);
	let mut xb = vec![0.0f32; nb * ni];
	let mut yb = vec![0.0f32; nb * no];
	for step in 0..steps as usize {
		for r in 0..nb {
			let s = (step * nb + r) % samples;
			xb[r * ni..(r + 1) * ni].copy_from_slice(&x[s * ni..(s + 1) * ni]);
			yb[r * no..(r + 1) * no].copy_from_slice(&y[s * no..(s + 1) * no]);
		}
		// Forward.
		let mut h = device.gemm_f32(nb, nh, ni, &xb, &w1)?;
		for row in h.chunks_exact_mut(nh) {
			for (v, bias) in row.iter_mut().zip(&b1) {
				let z = *v + *bias;
				*v = if z > 0.0 { z } else { 0.0 };
			}
		}
		let mut g = device.gemm_f32(nb, no, nh, &h, &w2)?;
		for (row, target) in g.chunks_exact_mut(no).zip(yb.chunks_exact(no)) {
			for ((v, bias), t) in row.iter_mut().zip(&b2).zip(target) {
				*v = ((*v + *bias) - *t) * scale;
			}
		}
		// Backward.
		let dw2 = device.gemm_f32(nh, no, nb, &transpose(nb, nh, &h), &g)?;
		let db2 = column_sums(&g, no);
		let mut d = device.gemm_f32(nb, nh, no, &g, &transpose(nh, no, &w2))?;
		for (dv, hv) in d.iter_mut().zip(&h) {
			if *hv <= 0.0 {
				*dv = 0.0;
			}
		}
		let dw1 = device.gemm_f32(ni, nh, nb, &transpose(nb, ni, &xb), &d)?;
		let db1 = column_sums(&d, nh);
		// Update.
		for (w, dw) in [(&mut w1, &dw1), (&mut b1, &db1), (&mut w2, &dw2), (&mut b2, &db2)] {
			for (wv, gv) in w.iter_mut().zip(dw.iter()) {
				*wv = *wv - lr * *gv;
			}
		}
	}
	Ok(Trained { w1, b1, w2, b2 })
}

/// `Σ_r m[r][j]` for each column `j`, rows in ascending order.
fn column_sums(m: &[f32], cols: usize) -> Vec<f32> {
	let mut sums = vec![0.0f32; cols];
	for row in m.chunks_exact(cols) {
		for (s, v) in sums.iter_mut().zip(row) {
			*s = *s + *v;
		}
	}
	sums
}

/// The mean squared error of a network over the samples `x`, `y`: how the demonstration shows that
/// training did something.
pub fn loss(shape: Shape, net: &Trained, x: &[f32], y: &[f32]) -> f64 {
	let Shape { input: ni, hidden: nh, output: no, .. } = shape;
	let Trained { w1, b1, w2, b2 } = net;
	let samples = y.len() / no;
	let mut total = 0.0f64;
	for s in 0..samples {
		let hidden: Vec<f32> = (0..nh)
			.map(|j| {
				let z = (0..ni).fold(0.0f32, |acc, p| acc + x[s * ni + p] * w1[p * nh + j]) + b1[j];
				z.max(0.0)
			})
			.collect();
		for j in 0..no {
			let out = (0..nh).fold(0.0f32, |acc, p| acc + hidden[p] * w2[p * no + j]) + b2[j];
			total += ((out - y[s * no + j]) as f64).powi(2);
		}
	}
	total / (samples * no) as f64
}
