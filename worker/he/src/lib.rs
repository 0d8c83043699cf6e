//! # compnet-he
//!
//! The `he-linear` workload: a provider evaluates `y = W·x` on vectors it only ever sees
//! encrypted, and returns ciphertexts that only the consumer can decrypt.
//!
//! ## Scheme
//!
//! BFV from the `fhe` crate, chosen over TFHE (`tfhe`) by measurement on the 2-core build machine
//! (`bash scripts/bench-he`, figures in `docs/he.md`): BFV packs 4,096 integers into one
//! ciphertext and computes a whole layer with a few dozen rotations, where TFHE pays a
//! programmable bootstrap per integer operation.
//!
//! ## Parameters ([`Params`])
//!
//! Ring degree 4,096, a 109-bit ciphertext modulus (three primes; 128-bit security by the
//! homomorphic encryption standard), plaintext modulus `t = 67,239,937` (a 26-bit prime ≡ 1 mod
//! 8,192, so every slot holds an integer mod `t`). Values are signed: `v` is stored as `v mod t`
//! and read back centred, so every input, weight and output must lie in `(−t/2, t/2)`.
//!
//! ## The layer ([`evaluate`])
//!
//! The 4,096 slots form two rows of 2,048 that rotate independently. `W` is padded to `d × d`,
//! `d` the next power of two of its rows and columns (at most [`MAX_DIM`]). Each vector takes a
//! block of `2d` slots holding `x ‖ x`, so a rotation by `i < d` inside the block reads
//! `x[(s + i) mod d]` at position `s`: `y = Σᵢ diagᵢ ⊙ rot(x, i)` (Halevi–Shoup). Written with
//! `i = g·a + b` (`g ≈ √d`) and the plaintext diagonals rotated back in the clear,
//! `y = Σₐ rot(Σ_b rot(rot(diagᵢ, −i) ⊙ x, b), g·a)`: every product multiplies the fresh
//! ciphertext, so key-switching noise (≈2⁴⁶) is only ever added, never multiplied by a
//! plaintext's 26-bit slots (multiplying a rotated ciphertext instead, as the textbook
//! baby-step giant-step does, leaves about one bit of the 83-bit budget). The cost: `d`
//! plaintext products and about `d + d/g` key switches per ciphertext, with only
//! `g − 1 + d/g − 1` rotation keys. No randomness: the same inputs give the same ciphertext
//! bytes on every machine, so auditors compare result roots exactly as for any other job.
//!
//! ## Encrypted weights
//!
//! With [`Weights::Encrypted`] the provider sees neither `x` nor `W`: the consumer encrypts the
//! `d` pre-rotated diagonals itself ([`ConsumerKey::encrypt_weights`]), and each plaintext product
//! above becomes a ciphertext product followed by a relinearization (the provider's
//! [`ServerKey`] then carries a relinearization key). Same layout, same rotations, same output.
//!
//! ## Blobs ([`blob`])
//!
//! The evaluation key (the rotation keys, and the relinearization key for encrypted weights) is
//! its own content-addressed blob, named by its root in the job's input, so a consumer uploads it
//! once for many jobs. The secret key never leaves the consumer.

pub mod blob;

use fhe::bfv::{
	BfvParameters, BfvParametersBuilder, Ciphertext, Encoding, EvaluationKey, EvaluationKeyBuilder, Multiplicator, Plaintext,
	RelinearizationKey, SecretKey,
};
use fhe_traits::{DeserializeParametrized, FheDecoder, FheDecrypter, FheEncoder, FheEncrypter, Serialize};
use rand::{CryptoRng, RngCore};
use std::sync::Arc;

/// Ring degree: slots per ciphertext.
pub const DEGREE: usize = 4096;
/// Slots in each of the two independently rotating rows.
pub const ROW: usize = DEGREE / 2;
/// Plaintext modulus: a 26-bit prime ≡ 1 mod 2·[`DEGREE`].
pub const PLAINTEXT_MODULUS: u64 = 67_239_937;
/// The largest magnitude an input, weight or output may have: values live in `(−t/2, t/2)`.
pub const MAX_MAGNITUDE: i64 = (PLAINTEXT_MODULUS / 2) as i64;
/// Largest row or column count of `W` (two copies of a padded vector fill a row).
pub const MAX_DIM: usize = ROW / 2;
/// The ciphertext moduli (as the `fhe` crate's 128-bit parameters for degree 4,096).
const MODULI: [u64; 3] = [0xffffee001, 0xffffc4001, 0x1ffffe0001];

/// What goes wrong with keys, shapes and blobs.
#[derive(Debug, thiserror::Error, PartialEq, Eq, Clone)]
pub enum HeError {
	/// The layer's shape is empty or larger than [`MAX_DIM`].
	#[error("a {rows}×{cols} layer is out of bounds (1 … {MAX_DIM} on each side)")]
	Shape {
		/// Rows of W.
		rows: usize,
		/// Columns of W.
		cols: usize,
	},
	/// A vector, weight or count does not match the declared shape.
	#[error("{0}")]
	Mismatch(String),
	/// A value lies outside `(−t/2, t/2)`.
	#[error("{what} {value} is outside ±{MAX_MAGNITUDE}")]
	Magnitude {
		/// What the value is.
		what: &'static str,
		/// The value.
		value: i64,
	},
	/// Encrypted weights came without a relinearization key.
	#[error("encrypted weights need a relinearization key, and the evaluation key has none")]
	MissingRelinearization,
	/// The evaluation key lacks a rotation the layer needs (it was made for another size).
	#[error("the evaluation key has no rotation by {0}: it was made for another layer size")]
	MissingRotation(usize),
	/// A blob or key does not parse.
	#[error("corrupt {what}: {why}")]
	Corrupt {
		/// Which blob or part.
		what: &'static str,
		/// Why.
		why: String,
	},
	/// The `fhe` crate refused an operation.
	#[error("homomorphic operation failed: {0}")]
	Fhe(String),
}

fn fhe_error(e: fhe::Error) -> HeError {
	HeError::Fhe(e.to_string())
}

/// The one BFV parameter set of `he-linear` v1.
#[derive(Clone, Debug)]
pub struct Params(Arc<BfvParameters>);

impl Default for Params {
	/// The shared parameter set: one instance per process, since the `fhe` crate only combines
	/// values made under the same instance.
	fn default() -> Self {
		static SHARED: std::sync::OnceLock<Arc<BfvParameters>> = std::sync::OnceLock::new();
		let params = SHARED.get_or_init(|| {
			BfvParametersBuilder::new()
				.set_degree(DEGREE)
				.set_plaintext_modulus(PLAINTEXT_MODULUS)
				.set_moduli(&MODULI)
				.build_arc()
				.expect("the fixed parameters are valid")
		});
		Self(params.clone())
	}
}

impl Params {
	/// The `fhe` crate's parameters.
	pub fn bfv(&self) -> &Arc<BfvParameters> {
		&self.0
	}
}

/// `W` as the provider holds it.
#[derive(Clone, Debug)]
pub enum Weights {
	/// In the clear: `rows × cols`, row-major.
	Plain(Vec<i64>),
	/// Encrypted by the consumer ([`ConsumerKey::encrypt_weights`]): one ciphertext per
	/// diagonal of the padded `d × d` matrix.
	Encrypted(Vec<Ciphertext>),
}

/// What a provider evaluates a layer with: nothing in it decrypts anything.
#[derive(Debug)]
pub struct ServerKey {
	/// The rotation keys of the layer's side ([`Layout::rotations`]).
	pub rotations: EvaluationKey,
	/// The relinearization key, needed for encrypted weights only.
	pub relinearization: Option<RelinearizationKey>,
}

/// How a layer of `rows × cols` lays out in slots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
	/// Rows of W (outputs per vector).
	pub rows: usize,
	/// Columns of W (inputs per vector).
	pub cols: usize,
	/// The padded side: the next power of two of `rows` and `cols`.
	pub d: usize,
	/// Baby-step count `g` (a power of two, `g² ≥ d`).
	pub g: usize,
}

impl Layout {
	/// The layout of a `rows × cols` layer.
	pub fn new(rows: usize, cols: usize) -> Result<Self, HeError> {
		if rows == 0 || cols == 0 || rows > MAX_DIM || cols > MAX_DIM {
			return Err(HeError::Shape { rows, cols });
		}
		let d = rows.max(cols).next_power_of_two();
		let g = 1usize << d.trailing_zeros().div_ceil(2);
		Ok(Self { rows, cols, d, g })
	}

	/// Vectors one ciphertext carries (a block of `2d` slots each, in both rows).
	pub fn vectors_per_ciphertext(&self) -> usize {
		2 * ROW / (2 * self.d)
	}

	/// Ciphertexts a batch of `batch` vectors takes.
	pub fn ciphertexts(&self, batch: usize) -> usize {
		batch.div_ceil(self.vectors_per_ciphertext())
	}

	/// The rotations the evaluation key must support: baby steps `1 … g−1`, giant steps
	/// `g, 2g, … < d`.
	pub fn rotations(&self) -> Vec<usize> {
		let baby = 1..self.g.min(self.d);
		let giant = (1..self.d / self.g).map(|a| a * self.g);
		baby.chain(giant).collect()
	}

	/// The first slot of vector `v` of a ciphertext.
	fn block(&self, v: usize) -> usize {
		let per_row = ROW / (2 * self.d);
		(v / per_row) * ROW + (v % per_row) * 2 * self.d
	}
}

/// The consumer's secret key. Never leaves the consumer's machine.
pub struct ConsumerKey {
	params: Params,
	secret: SecretKey,
}

fn encode_signed(v: i64) -> u64 {
	v.rem_euclid(PLAINTEXT_MODULUS as i64) as u64
}

fn decode_signed(v: u64) -> i64 {
	if v > PLAINTEXT_MODULUS / 2 {
		v as i64 - PLAINTEXT_MODULUS as i64
	} else {
		v as i64
	}
}

fn check_magnitude(what: &'static str, values: &[i64]) -> Result<(), HeError> {
	match values.iter().find(|v| v.abs() > MAX_MAGNITUDE) {
		Some(&value) => Err(HeError::Magnitude { what, value }),
		None => Ok(()),
	}
}

/// Rotates one row-structured slot vector left by `k` (slot `j` takes slot `j + k` of its row).
fn rotate_slots(slots: &[u64], k: usize) -> Vec<u64> {
	let mut out = vec![0; DEGREE];
	for row in 0..2 {
		let base = row * ROW;
		for j in 0..ROW {
			out[base + j] = slots[base + (j + k) % ROW];
		}
	}
	out
}

impl ConsumerKey {
	/// A fresh secret key.
	pub fn generate<R: RngCore + CryptoRng>(rng: &mut R) -> Self {
		let params = Params::default();
		let secret = SecretKey::random(&params.0, rng);
		Self { params, secret }
	}

	/// The key's bytes, for the consumer's key file.
	pub fn to_bytes(&self) -> Vec<u8> {
		self.secret.to_bytes()
	}

	/// Reads a key file's bytes.
	pub fn from_bytes(bytes: &[u8]) -> Result<Self, HeError> {
		let params = Params::default();
		let secret = guarded("secret key", || SecretKey::from_bytes(bytes, &params.0))?;
		Ok(Self { params, secret })
	}

	/// The evaluation key a provider needs for `layout`: the rotation keys, nothing secret.
	pub fn evaluation_key<R: RngCore + CryptoRng>(&self, layout: &Layout, rng: &mut R) -> Result<EvaluationKey, HeError> {
		let mut builder = EvaluationKeyBuilder::new(&self.secret).map_err(fhe_error)?;
		for k in layout.rotations() {
			builder.enable_column_rotation(k).map_err(fhe_error)?;
		}
		builder.build(rng).map_err(fhe_error)
	}

	/// The relinearization key a provider needs to multiply by encrypted weights.
	pub fn relinearization_key<R: RngCore + CryptoRng>(&self, rng: &mut R) -> Result<RelinearizationKey, HeError> {
		RelinearizationKey::new(&self.secret, rng).map_err(fhe_error)
	}

	/// The provider's keys for `layout`: rotations, and relinearization if the weights are
	/// encrypted.
	pub fn server_key<R: RngCore + CryptoRng>(&self, layout: &Layout, encrypted_weights: bool, rng: &mut R) -> Result<ServerKey, HeError> {
		let rotations = self.evaluation_key(layout, rng)?;
		let relinearization = encrypted_weights.then(|| self.relinearization_key(rng)).transpose()?;
		Ok(ServerKey { rotations, relinearization })
	}

	/// Encrypts `weights` (`rows × cols`, row-major) for [`Weights::Encrypted`]: the `d`
	/// diagonals, each rotated back by its index, one ciphertext each.
	pub fn encrypt_weights<R: RngCore + CryptoRng>(&self, layout: &Layout, weights: &[i64], rng: &mut R) -> Result<Vec<Ciphertext>, HeError> {
		check_weights(layout, weights)?;
		(0..layout.d)
			.map(|i| {
				let plain = Plaintext::try_encode(&diagonal_slots(layout, weights, i), Encoding::simd(), &self.params.0).map_err(fhe_error)?;
				self.secret.try_encrypt(&plain, rng).map_err(fhe_error)
			})
			.collect()
	}

	/// Encrypts a batch of vectors of `layout.cols` values each.
	pub fn encrypt<R: RngCore + CryptoRng>(&self, layout: &Layout, vectors: &[Vec<i64>], rng: &mut R) -> Result<Vec<Ciphertext>, HeError> {
		let per = layout.vectors_per_ciphertext();
		vectors
			.chunks(per)
			.map(|chunk| {
				let mut slots = vec![0u64; DEGREE];
				for (v, x) in chunk.iter().enumerate() {
					if x.len() != layout.cols {
						return Err(HeError::Mismatch(format!("a vector has {} values, the layer takes {}", x.len(), layout.cols)));
					}
					check_magnitude("input", x)?;
					let base = layout.block(v);
					for (s, value) in x.iter().enumerate() {
						slots[base + s] = encode_signed(*value);
						slots[base + layout.d + s] = encode_signed(*value);
					}
				}
				let plain = Plaintext::try_encode(&slots, Encoding::simd(), &self.params.0).map_err(fhe_error)?;
				self.secret.try_encrypt(&plain, rng).map_err(fhe_error)
			})
			.collect()
	}

	/// Decrypts a layer's output: `batch` vectors of `layout.rows` values.
	pub fn decrypt(&self, layout: &Layout, outputs: &[Ciphertext], batch: usize) -> Result<Vec<Vec<i64>>, HeError> {
		if outputs.len() != layout.ciphertexts(batch) {
			return Err(HeError::Mismatch(format!("{} ciphertexts for {batch} vectors, expected {}", outputs.len(), layout.ciphertexts(batch))));
		}
		let per = layout.vectors_per_ciphertext();
		let mut out = Vec::with_capacity(batch);
		for (c, ct) in outputs.iter().enumerate() {
			let plain = self.secret.try_decrypt(ct).map_err(fhe_error)?;
			let slots = Vec::<u64>::try_decode(&plain, Encoding::simd()).map_err(fhe_error)?;
			for v in 0..per.min(batch - c * per) {
				let base = layout.block(v);
				out.push(slots[base..base + layout.rows].iter().map(|s| decode_signed(*s)).collect());
			}
		}
		Ok(out)
	}
}

/// Runs `f`, turning a panic inside the `fhe` crate (on malformed bytes) into an error.
fn guarded<T>(what: &'static str, f: impl FnOnce() -> Result<T, fhe::Error>) -> Result<T, HeError> {
	match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
		Ok(Ok(v)) => Ok(v),
		Ok(Err(e)) => Err(HeError::Corrupt { what, why: e.to_string() }),
		Err(_) => Err(HeError::Corrupt { what, why: "malformed encoding".into() }),
	}
}

/// Parses an evaluation key's bytes.
pub fn evaluation_key_from_bytes(bytes: &[u8]) -> Result<EvaluationKey, HeError> {
	let params = Params::default();
	guarded("evaluation key", || EvaluationKey::from_bytes(bytes, &params.0))
}

/// Parses a relinearization key's bytes.
pub fn relinearization_key_from_bytes(bytes: &[u8]) -> Result<RelinearizationKey, HeError> {
	let params = Params::default();
	guarded("relinearization key", || RelinearizationKey::from_bytes(bytes, &params.0))
}

/// Parses a ciphertext's bytes.
pub fn ciphertext_from_bytes(bytes: &[u8]) -> Result<Ciphertext, HeError> {
	let params = Params::default();
	guarded("ciphertext", || Ciphertext::from_bytes(bytes, &params.0))
}

/// Checks `weights` fits `layout` and `(−t/2, t/2)`.
fn check_weights(layout: &Layout, weights: &[i64]) -> Result<(), HeError> {
	if weights.len() != layout.rows * layout.cols {
		return Err(HeError::Mismatch(format!("{} weights for a {}×{} layer", weights.len(), layout.rows, layout.cols)));
	}
	check_magnitude("weight", weights)
}

/// The slots of diagonal `i` of `W` (`diag[i][s] = W[s][(s + i) mod d]` in every vector's block),
/// rotated back by `i`, so that it multiplies the unrotated input.
fn diagonal_slots(layout: &Layout, weights: &[i64], i: usize) -> Vec<u64> {
	let Layout { rows, cols, d, .. } = *layout;
	let mut slots = vec![0u64; DEGREE];
	for v in 0..layout.vectors_per_ciphertext() {
		let base = layout.block(v);
		for s in 0..rows {
			let col = (s + i) % d;
			if col < cols {
				slots[base + s] = encode_signed(weights[s * cols + col]);
			}
		}
	}
	rotate_slots(&slots, (ROW - i % ROW) % ROW)
}

/// Evaluates `y = W·x` for every vector of every ciphertext, with plaintext or encrypted
/// weights. Deterministic: the same inputs give the same output bytes.
pub fn evaluate(key: &ServerKey, layout: &Layout, weights: &Weights, inputs: &[Ciphertext]) -> Result<Vec<Ciphertext>, HeError> {
	if let Some(k) = layout.rotations().into_iter().find(|k| !key.rotations.supports_column_rotation_by(*k)) {
		return Err(HeError::MissingRotation(k));
	}
	let params = Params::default();
	match weights {
		Weights::Plain(w) => {
			check_weights(layout, w)?;
			let diags = (0..layout.d)
				.map(|i| Plaintext::try_encode(&diagonal_slots(layout, w, i), Encoding::simd(), &params.0).map_err(fhe_error))
				.collect::<Result<Vec<_>, _>>()?;
			inputs.iter().map(|ct| evaluate_one(&key.rotations, layout, |i| Ok(ct * &diags[i]))).collect()
		},
		Weights::Encrypted(diags) => {
			if diags.len() != layout.d {
				return Err(HeError::Mismatch(format!("{} encrypted diagonals, a side-{} layer has {}", diags.len(), layout.d, layout.d)));
			}
			let rk = key.relinearization.as_ref().ok_or(HeError::MissingRelinearization)?;
			let multiplicator = Multiplicator::default(rk).map_err(fhe_error)?;
			inputs
				.iter()
				.map(|ct| evaluate_one(&key.rotations, layout, |i| multiplicator.multiply(ct, &diags[i]).map_err(fhe_error)))
				.collect()
		},
	}
}

fn rotate(key: &EvaluationKey, ct: &Ciphertext, k: usize) -> Result<Ciphertext, HeError> {
	if k == 0 {
		Ok(ct.clone())
	} else {
		key.rotates_columns_by(ct, k).map_err(fhe_error)
	}
}

/// One ciphertext's layer: `product(i)` is the input times the pre-rotated diagonal `i`.
fn evaluate_one(
	key: &EvaluationKey,
	layout: &Layout,
	product: impl Fn(usize) -> Result<Ciphertext, HeError>,
) -> Result<Ciphertext, HeError> {
	let Layout { d, g, .. } = *layout;
	let mut total: Option<Ciphertext> = None;
	for a in 0..d.div_ceil(g) {
		let mut inner: Option<Ciphertext> = None;
		for b in 0..g.min(d - a * g) {
			// Multiply the fresh ciphertext first, then rotate: a key switch's noise is only
			// added, never multiplied by a plaintext's (26-bit) slots.
			let term = rotate(key, &product(a * g + b)?, b)?;
			match inner.as_mut() {
				Some(sum) => *sum += &term,
				None => inner = Some(term),
			}
		}
		let shifted = rotate(key, &inner.expect("g ≥ 1 terms"), a * g)?;
		match total.as_mut() {
			Some(sum) => *sum += &shifted,
			None => total = Some(shifted),
		}
	}
	Ok(total.expect("d ≥ 1 gives at least one term"))
}

/// `y = W·x` in the clear (`weights` is `rows × cols`, row-major): what a decrypted layer must
/// equal, for the consumer's own check and for tests and benchmarks.
pub fn plain_layer(rows: usize, cols: usize, weights: &[i64], x: &[i64]) -> Vec<i64> {
	(0..rows).map(|r| (0..cols).map(|c| weights[r * cols + c] * x[c]).sum()).collect()
}

/// Serialized sizes, for reports.
pub fn size_of(value: &impl Serialize) -> usize {
	value.to_bytes().len()
}

#[cfg(test)]
mod tests;
