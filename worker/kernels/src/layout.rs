//! The canonical byte layouts of job inputs and results.
//!
//! Every number is little-endian; matrices are row-major.
//!
//! | workload | input | result |
//! |---|---|---|
//! | `gemm-i8 {m,n,k}` | `A` (m·k × i8) ‖ `B` (k·n × i8) | `C` (m·n × i32) |
//! | `gemm-f32 {m,n,k}` | `A` (m·k × f32) ‖ `B` (k·n × f32) | `C` (m·n × f32) |
//! | `train-mlp {input i, hidden h, output o, batch, steps}` | `lr` f32 ‖ `samples` u32 ‖ `W1` (i·h) ‖ `b1` (h) ‖ `W2` (h·o) ‖ `b2` (o) ‖ `X` (samples·i) ‖ `Y` (samples·o), all f32 | `W1` ‖ `b1` ‖ `W2` ‖ `b2` after training, f32 |
//!
//! Float results are canonical: every NaN is written as `0x7fc00000`, whatever its payload, since
//! devices disagree on NaN payloads and nothing else.

use crate::{mlp::MlpInput, InputError};

/// The one NaN a result may contain.
pub const CANONICAL_NAN: u32 = 0x7fc0_0000;

/// Floats as little-endian bytes, NaNs canonical.
pub fn f32_bytes(values: &[f32]) -> Vec<u8> {
	let mut out = Vec::with_capacity(values.len() * 4);
	for v in values {
		let bits = if v.is_nan() { CANONICAL_NAN } else { v.to_bits() };
		out.extend_from_slice(&bits.to_le_bytes());
	}
	out
}

/// 32-bit integers as little-endian bytes.
pub fn i32_bytes(values: &[i32]) -> Vec<u8> {
	values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// Little-endian bytes as floats. The length must be a multiple of 4.
pub fn f32_values(bytes: &[u8]) -> Vec<f32> {
	bytes.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()
}

/// Little-endian bytes as 32-bit integers. The length must be a multiple of 4.
pub fn i32_values(bytes: &[u8]) -> Vec<i32> {
	bytes.chunks_exact(4).map(|b| i32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()
}

/// Checks that an input is exactly `expected` bytes.
pub fn expect_len(what: &'static str, got: usize, expected: u128) -> Result<(), InputError> {
	if got as u128 != expected {
		return Err(InputError::InputSize { what, got: got as u128, expected });
	}
	Ok(())
}

/// The header of a `train-mlp` input: learning rate and sample count.
const MLP_HEADER: usize = 8;

/// A `train-mlp` input as bytes.
pub fn mlp_bytes(input: &MlpInput) -> Vec<u8> {
	let samples = (input.y.len() / input.b2.len().max(1)) as u32;
	let mut out = Vec::new();
	out.extend_from_slice(&input.learning_rate.to_le_bytes());
	out.extend_from_slice(&samples.to_le_bytes());
	for part in [&input.w1, &input.b1, &input.w2, &input.b2, &input.x, &input.y] {
		out.extend_from_slice(&f32_bytes(part));
	}
	out
}

/// Reads a `train-mlp` input for a network `i → h → o`, with clear errors for a wrong size or a
/// learning rate that is not a finite number.
pub fn parse_mlp(bytes: &[u8], i: usize, h: usize, o: usize) -> Result<MlpInput, InputError> {
	if bytes.len() < MLP_HEADER {
		return Err(InputError::InputSize { what: "train-mlp header", got: bytes.len() as u128, expected: MLP_HEADER as u128 });
	}
	let learning_rate = f32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
	let samples = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as u128;
	if !learning_rate.is_finite() {
		return Err(InputError::BadInput("the learning rate is not a finite number"));
	}
	if samples == 0 {
		return Err(InputError::BadInput("the data set has no samples"));
	}
	let (i128_, h128, o128) = (i as u128, h as u128, o as u128);
	let floats = i128_ * h128 + h128 + h128 * o128 + o128 + samples * (i128_ + o128);
	expect_len("train-mlp input", bytes.len(), MLP_HEADER as u128 + 4 * floats)?;
	let samples = samples as usize;
	let mut rest = &bytes[MLP_HEADER..];
	let mut take = |len: usize| {
		let (head, tail) = rest.split_at(len * 4);
		rest = tail;
		f32_values(head)
	};
	Ok(MlpInput {
		learning_rate,
		w1: take(i * h),
		b1: take(h),
		w2: take(h * o),
		b2: take(o),
		x: take(samples * i),
		y: take(samples * o),
	})
}
