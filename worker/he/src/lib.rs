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
//! ## Parameters ([`Ring`])
//!
//! One layer: ring degree 4,096 and a 109-bit ciphertext modulus (three primes). Two layers:
//! degree 8,192 and a 174-bit modulus (four primes), because one layer spends about 50 bits of
//! noise and the degree-4,096 budget is 83. Both give 128-bit security by the homomorphic
//! encryption standard, and both use the plaintext modulus `t = 67,239,937` (a 26-bit prime
//! ≡ 1 mod 16,384, so every slot of either ring holds an integer mod `t`). Values are signed: `v`
//! is stored as `v mod t` and read back centred, so every input, weight and output must lie in
//! `(−t/2, t/2)` (intermediate values may wrap: the layers are exact mod `t`).
//!
//! ## The layer ([`evaluate`])
//!
//! A ciphertext's slots (4,096 or 8,192) form two rows that rotate independently. `W` is padded
//! to `d × d`, `d` the next power of two of its rows and columns (at most [`MAX_DIM`]). Each vector
//! takes a block of `2d` slots holding `x ‖ x`, so a rotation by `i < d` inside the block reads
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
//! ## A second layer
//!
//! [`Layout::of`] with a second layer computes `W₂·(W₁·x)` with no decryption in between. Both
//! layers share the padded side `d`; a layer's output block is `y ‖ 0`, so one rotation by `d`
//! and an addition give the `y ‖ y` block that the second layer reads as its input, with no
//! masking product. The second layer's products multiply the first layer's output, not a fresh
//! ciphertext, which is where the second ring's larger budget goes.
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
//! once for many jobs. The secret key never leaves the consumer: it is a 32-byte seed from which
//! the secret key of each ring is derived ([`ConsumerKey`]).

pub mod blob;

use fhe::bfv::{
	BfvParameters, BfvParametersBuilder, Ciphertext, Encoding, EvaluationKey, EvaluationKeyBuilder, Multiplicator, Plaintext,
	RelinearizationKey, SecretKey,
};
use fhe_traits::{DeserializeParametrized, FheDecoder, FheDecrypter, FheEncoder, FheEncrypter, Serialize};
use rand::{CryptoRng, RngCore, SeedableRng};
use std::sync::{Arc, OnceLock};

/// Plaintext modulus: a 26-bit prime ≡ 1 mod 2·8,192, valid for both rings.
pub const PLAINTEXT_MODULUS: u64 = 67_239_937;
/// The largest magnitude an input, weight or output may have: values live in `(−t/2, t/2)`.
pub const MAX_MAGNITUDE: i64 = (PLAINTEXT_MODULUS / 2) as i64;
/// Largest row or column count of a layer (two copies of a padded vector fill a row of the
/// smaller ring).
pub const MAX_DIM: usize = 1024;
/// Bytes of a consumer key file: a magic and the 32-byte seed.
pub const SECRET_KEY_BYTES: usize = 8 + 32;
const SECRET_MAGIC: &[u8; 8] = b"CNHE-SK1";

/// A BFV parameter set: its degree fixes the slots per ciphertext and its modulus the noise
/// budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ring {
	/// Degree 4,096, q of 109 bits (the `fhe` crate's 128-bit moduli): one layer.
	OneLayer,
	/// Degree 8,192, q of 174 bits (four of the `fhe` crate's 128-bit moduli): two layers.
	TwoLayers,
}

impl Ring {
	/// Slots per ciphertext.
	pub const fn degree(self) -> usize {
		match self {
			Self::OneLayer => 4096,
			Self::TwoLayers => 8192,
		}
	}

	/// Slots in each of the two independently rotating rows.
	pub const fn row(self) -> usize {
		self.degree() / 2
	}

	/// The ring of this degree.
	pub fn of_degree(degree: usize) -> Option<Self> {
		[Self::OneLayer, Self::TwoLayers].into_iter().find(|r| r.degree() == degree)
	}

	fn moduli(self) -> &'static [u64] {
		match self {
			Self::OneLayer => &[0xffffee001, 0xffffc4001, 0x1ffffe0001],
			Self::TwoLayers => &[0x7fffffd8001, 0x7fffffc8001, 0xfffffffc001, 0xffffff6c001],
		}
	}

	/// The `fhe` crate's parameters: one instance per ring and process, since the crate only
	/// combines values made under the same instance.
	pub fn bfv(self) -> &'static Arc<BfvParameters> {
		static SHARED: [OnceLock<Arc<BfvParameters>>; 2] = [OnceLock::new(), OnceLock::new()];
		SHARED[self as usize].get_or_init(|| {
			BfvParametersBuilder::new()
				.set_degree(self.degree())
				.set_plaintext_modulus(PLAINTEXT_MODULUS)
				.set_moduli(self.moduli())
				.build_arc()
				.expect("the fixed parameters are valid")
		})
	}
}

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

/// The weights of every layer as the provider holds them.
#[derive(Clone, Debug)]
pub enum Weights {
	/// In the clear: `W₁` (`rows × cols`) and then, with a second layer, `W₂` (`second ×
	/// rows`), each row-major.
	Plain(Vec<i64>),
	/// Encrypted by the consumer ([`ConsumerKey::encrypt_weights`]): one ciphertext per
	/// diagonal of each padded `d × d` matrix, `W₁`'s `d` and then `W₂`'s.
	Encrypted(Vec<Ciphertext>),
}

/// What a provider evaluates a layer with: nothing in it decrypts anything.
#[derive(Debug)]
pub struct ServerKey {
	/// The rotation keys of the layout ([`Layout::rotations`]).
	pub rotations: EvaluationKey,
	/// The relinearization key, needed for encrypted weights only.
	pub relinearization: Option<RelinearizationKey>,
}

/// How one or two layers lay out in slots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
	/// Rows of `W₁` (its outputs per vector).
	pub rows: usize,
	/// Columns of `W₁` (inputs per vector).
	pub cols: usize,
	/// Rows of `W₂` (`second × rows`), if there is a second layer.
	pub second: Option<usize>,
	/// The padded side: the next power of two of every dimension.
	pub d: usize,
	/// Baby-step count `g` (a power of two, `g² ≥ d`).
	pub g: usize,
	/// The parameter set: [`Ring::TwoLayers`] with a second layer.
	pub ring: Ring,
}

impl Layout {
	/// The layout of one `rows × cols` layer.
	pub fn new(rows: usize, cols: usize) -> Result<Self, HeError> {
		Self::of(rows, cols, None)
	}

	/// The layout of `W₁` (`rows × cols`), followed by `W₂` (`second × rows`) if `second` is
	/// given.
	pub fn of(rows: usize, cols: usize, second: Option<usize>) -> Result<Self, HeError> {
		let in_bounds = |n: usize| (1..=MAX_DIM).contains(&n);
		if !in_bounds(rows) || !in_bounds(cols) {
			return Err(HeError::Shape { rows, cols });
		}
		if let Some(s) = second.filter(|s| !in_bounds(*s)) {
			return Err(HeError::Shape { rows: s, cols: rows });
		}
		let d = rows.max(cols).max(second.unwrap_or(1)).next_power_of_two();
		let g = 1usize << d.trailing_zeros().div_ceil(2);
		let ring = if second.is_some() { Ring::TwoLayers } else { Ring::OneLayer };
		Ok(Self { rows, cols, second, d, g, ring })
	}

	/// Outputs per vector: the last layer's rows.
	pub fn outputs(&self) -> usize {
		self.second.unwrap_or(self.rows)
	}

	/// The number of layers: 1 or 2.
	pub fn depth(&self) -> usize {
		1 + usize::from(self.second.is_some())
	}

	/// Each layer's `(rows, cols)`, first to last.
	pub fn layers(&self) -> Vec<(usize, usize)> {
		let mut layers = vec![(self.rows, self.cols)];
		layers.extend(self.second.map(|s| (s, self.rows)));
		layers
	}

	/// Plaintext weights over all layers.
	pub fn weight_count(&self) -> usize {
		self.layers().iter().map(|(r, c)| r * c).sum()
	}

	/// Vectors one ciphertext carries (a block of `2d` slots each, in both rows).
	pub fn vectors_per_ciphertext(&self) -> usize {
		self.ring.row() / self.d
	}

	/// Ciphertexts a batch of `batch` vectors takes.
	pub fn ciphertexts(&self, batch: usize) -> usize {
		batch.div_ceil(self.vectors_per_ciphertext())
	}

	/// The rotations the evaluation key must support: baby steps `1 … g−1`, giant steps
	/// `g, 2g, … < d` and, with a second layer, `row − d` (a rotation right by `d`).
	pub fn rotations(&self) -> Vec<usize> {
		let baby = 1..self.g.min(self.d);
		let giant = (1..self.d / self.g).map(|a| a * self.g);
		let duplicate = self.second.map(|_| self.ring.row() - self.d);
		baby.chain(giant).chain(duplicate).collect()
	}

	/// The first slot of vector `v` of a ciphertext.
	fn block(&self, v: usize) -> usize {
		let row = self.ring.row();
		let per_row = row / (2 * self.d);
		(v / per_row) * row + (v % per_row) * 2 * self.d
	}

	fn encode(&self, slots: &[u64]) -> Result<Plaintext, HeError> {
		Plaintext::try_encode(slots, Encoding::simd(), self.ring.bfv()).map_err(fhe_error)
	}
}

impl std::fmt::Display for Layout {
	/// The layers' shapes, first to last: `64×64 then 10×64`.
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		write!(f, "{}×{}", self.rows, self.cols)?;
		match self.second {
			Some(second) => write!(f, " then {second}×{}", self.rows),
			None => Ok(()),
		}
	}
}

/// The consumer's secret: a 32-byte seed, from which the BFV secret key of each [`Ring`] is
/// derived (ChaCha20, one stream per ring). Never leaves the consumer's machine.
pub struct ConsumerKey {
	seed: [u8; 32],
	secrets: [SecretKey; 2],
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
fn rotate_slots(ring: Ring, slots: &[u64], k: usize) -> Vec<u64> {
	let row = ring.row();
	let mut out = vec![0; ring.degree()];
	for half in 0..2 {
		let base = half * row;
		for j in 0..row {
			out[base + j] = slots[base + (j + k) % row];
		}
	}
	out
}

impl ConsumerKey {
	/// A fresh secret.
	pub fn generate<R: RngCore + CryptoRng>(rng: &mut R) -> Self {
		let mut seed = [0u8; 32];
		rng.fill_bytes(&mut seed);
		Self::from_seed(seed)
	}

	fn from_seed(seed: [u8; 32]) -> Self {
		let derive = |ring: Ring| {
			let mut stream = rand_chacha::ChaCha20Rng::from_seed(seed);
			stream.set_stream(ring as u64);
			SecretKey::random(ring.bfv(), &mut stream)
		};
		Self { seed, secrets: [derive(Ring::OneLayer), derive(Ring::TwoLayers)] }
	}

	fn secret(&self, ring: Ring) -> &SecretKey {
		&self.secrets[ring as usize]
	}

	/// The key file's bytes ([`SECRET_KEY_BYTES`]).
	pub fn to_bytes(&self) -> Vec<u8> {
		[&SECRET_MAGIC[..], &self.seed].concat()
	}

	/// Reads a key file's bytes.
	pub fn from_bytes(bytes: &[u8]) -> Result<Self, HeError> {
		let corrupt = |why: &str| HeError::Corrupt { what: "secret key", why: why.into() };
		if bytes.len() != SECRET_KEY_BYTES {
			return Err(corrupt(&format!("{} bytes, a key file has {SECRET_KEY_BYTES}", bytes.len())));
		}
		if &bytes[..8] != SECRET_MAGIC {
			return Err(corrupt("does not start with CNHE-SK1"));
		}
		Ok(Self::from_seed(bytes[8..].try_into().expect("32 bytes")))
	}

	/// The evaluation key a provider needs for `layout`: the rotation keys, nothing secret.
	pub fn evaluation_key<R: RngCore + CryptoRng>(&self, layout: &Layout, rng: &mut R) -> Result<EvaluationKey, HeError> {
		let mut builder = EvaluationKeyBuilder::new(self.secret(layout.ring)).map_err(fhe_error)?;
		for k in layout.rotations() {
			builder.enable_column_rotation(k).map_err(fhe_error)?;
		}
		builder.build(rng).map_err(fhe_error)
	}

	/// The relinearization key a provider needs to multiply by encrypted weights.
	pub fn relinearization_key<R: RngCore + CryptoRng>(&self, ring: Ring, rng: &mut R) -> Result<RelinearizationKey, HeError> {
		RelinearizationKey::new(self.secret(ring), rng).map_err(fhe_error)
	}

	/// The provider's keys for `layout`: rotations, and relinearization if the weights are
	/// encrypted.
	pub fn server_key<R: RngCore + CryptoRng>(&self, layout: &Layout, encrypted_weights: bool, rng: &mut R) -> Result<ServerKey, HeError> {
		let rotations = self.evaluation_key(layout, rng)?;
		let relinearization = encrypted_weights.then(|| self.relinearization_key(layout.ring, rng)).transpose()?;
		Ok(ServerKey { rotations, relinearization })
	}

	/// Encrypts `weights` (as [`Weights::Plain`] holds them) for [`Weights::Encrypted`]: the `d`
	/// diagonals of each layer, each rotated back by its index, one ciphertext each.
	pub fn encrypt_weights<R: RngCore + CryptoRng>(&self, layout: &Layout, weights: &[i64], rng: &mut R) -> Result<Vec<Ciphertext>, HeError> {
		diagonals(layout, weights)?
			.iter()
			.map(|slots| self.secret(layout.ring).try_encrypt(&layout.encode(slots)?, rng).map_err(fhe_error))
			.collect()
	}

	/// Encrypts a batch of vectors of `layout.cols` values each.
	pub fn encrypt<R: RngCore + CryptoRng>(&self, layout: &Layout, vectors: &[Vec<i64>], rng: &mut R) -> Result<Vec<Ciphertext>, HeError> {
		let per = layout.vectors_per_ciphertext();
		vectors
			.chunks(per)
			.map(|chunk| {
				let mut slots = vec![0u64; layout.ring.degree()];
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
				self.secret(layout.ring).try_encrypt(&layout.encode(&slots)?, rng).map_err(fhe_error)
			})
			.collect()
	}

	/// Decrypts the output: `batch` vectors of [`Layout::outputs`] values.
	pub fn decrypt(&self, layout: &Layout, outputs: &[Ciphertext], batch: usize) -> Result<Vec<Vec<i64>>, HeError> {
		if outputs.len() != layout.ciphertexts(batch) {
			return Err(HeError::Mismatch(format!("{} ciphertexts for {batch} vectors, expected {}", outputs.len(), layout.ciphertexts(batch))));
		}
		let per = layout.vectors_per_ciphertext();
		let mut out = Vec::with_capacity(batch);
		for (c, ct) in outputs.iter().enumerate() {
			let plain = self.secret(layout.ring).try_decrypt(ct).map_err(fhe_error)?;
			let slots = Vec::<u64>::try_decode(&plain, Encoding::simd()).map_err(fhe_error)?;
			for v in 0..per.min(batch - c * per) {
				let base = layout.block(v);
				out.push(slots[base..base + layout.outputs()].iter().map(|s| decode_signed(*s)).collect());
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

/// Parses an evaluation key's bytes, made for `ring`.
pub fn evaluation_key_from_bytes(ring: Ring, bytes: &[u8]) -> Result<EvaluationKey, HeError> {
	guarded("evaluation key", || EvaluationKey::from_bytes(bytes, ring.bfv()))
}

/// Parses a relinearization key's bytes, made for `ring`.
pub fn relinearization_key_from_bytes(ring: Ring, bytes: &[u8]) -> Result<RelinearizationKey, HeError> {
	guarded("relinearization key", || RelinearizationKey::from_bytes(bytes, ring.bfv()))
}

/// Parses a ciphertext's bytes, made for `ring`.
pub fn ciphertext_from_bytes(ring: Ring, bytes: &[u8]) -> Result<Ciphertext, HeError> {
	guarded("ciphertext", || Ciphertext::from_bytes(bytes, ring.bfv()))
}

/// Checks `weights` holds every layer's and fits `(−t/2, t/2)`.
fn check_weights(layout: &Layout, weights: &[i64]) -> Result<(), HeError> {
	if weights.len() != layout.weight_count() {
		return Err(HeError::Mismatch(format!("{} weights for layers of {layout}", weights.len())));
	}
	check_magnitude("weight", weights)
}

/// The slots of every diagonal of every layer, `d` per layer: diagonal `i` of a `rows × cols`
/// layer holds `W[s][(s + i) mod d]` at position `s` of every vector's block, rotated back by `i`
/// so that it multiplies the unrotated input.
fn diagonals(layout: &Layout, weights: &[i64]) -> Result<Vec<Vec<u64>>, HeError> {
	check_weights(layout, weights)?;
	let (d, row) = (layout.d, layout.ring.row());
	let mut out = Vec::with_capacity(layout.depth() * d);
	let mut offset = 0;
	for (rows, cols) in layout.layers() {
		let w = &weights[offset..offset + rows * cols];
		offset += rows * cols;
		for i in 0..d {
			let mut slots = vec![0u64; layout.ring.degree()];
			for v in 0..layout.vectors_per_ciphertext() {
				let base = layout.block(v);
				for s in 0..rows {
					let col = (s + i) % d;
					if col < cols {
						slots[base + s] = encode_signed(w[s * cols + col]);
					}
				}
			}
			out.push(rotate_slots(layout.ring, &slots, (row - i % row) % row));
		}
	}
	Ok(out)
}

/// Evaluates every layer for every vector of every ciphertext, with plaintext or encrypted
/// weights. Deterministic: the same inputs give the same output bytes.
pub fn evaluate(key: &ServerKey, layout: &Layout, weights: &Weights, inputs: &[Ciphertext]) -> Result<Vec<Ciphertext>, HeError> {
	if let Some(k) = layout.rotations().into_iter().find(|k| !key.rotations.supports_column_rotation_by(*k)) {
		return Err(HeError::MissingRotation(k));
	}
	let d = layout.d;
	match weights {
		Weights::Plain(w) => {
			let diags = diagonals(layout, w)?.iter().map(|slots| layout.encode(slots)).collect::<Result<Vec<_>, _>>()?;
			inputs.iter().map(|ct| evaluate_layers(&key.rotations, layout, ct, |l, x, i| Ok(x * &diags[l * d + i]))).collect()
		},
		Weights::Encrypted(diags) => {
			let expected = layout.depth() * d;
			if diags.len() != expected {
				return Err(HeError::Mismatch(format!("{} encrypted diagonals, these side-{d} layers have {expected}", diags.len())));
			}
			let rk = key.relinearization.as_ref().ok_or(HeError::MissingRelinearization)?;
			let multiplicator = Multiplicator::default(rk).map_err(fhe_error)?;
			inputs
				.iter()
				.map(|ct| evaluate_layers(&key.rotations, layout, ct, |l, x, i| multiplicator.multiply(x, &diags[l * d + i]).map_err(fhe_error)))
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

/// One ciphertext through every layer: `product(l, x, i)` is `x` times the pre-rotated diagonal
/// `i` of layer `l`. Between layers the output block `y ‖ 0` becomes the next input `y ‖ y`.
fn evaluate_layers(
	key: &EvaluationKey,
	layout: &Layout,
	input: &Ciphertext,
	product: impl Fn(usize, &Ciphertext, usize) -> Result<Ciphertext, HeError>,
) -> Result<Ciphertext, HeError> {
	let mut x = evaluate_layer(key, layout, |i| product(0, input, i))?;
	for l in 1..layout.depth() {
		let mut doubled = rotate(key, &x, layout.ring.row() - layout.d)?;
		doubled += &x;
		x = evaluate_layer(key, layout, |i| product(l, &doubled, i))?;
	}
	Ok(x)
}

/// One layer: `product(i)` is the layer's input times its pre-rotated diagonal `i`.
fn evaluate_layer(key: &EvaluationKey, layout: &Layout, product: impl Fn(usize) -> Result<Ciphertext, HeError>) -> Result<Ciphertext, HeError> {
	let Layout { d, g, .. } = *layout;
	let mut total: Option<Ciphertext> = None;
	for a in 0..d.div_ceil(g) {
		let mut inner: Option<Ciphertext> = None;
		for b in 0..g.min(d - a * g) {
			// Multiply the input first, then rotate: a key switch's noise is only added, never
			// multiplied by a plaintext's (26-bit) slots.
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

/// `y = W·x` in the clear (`weights` is `rows × cols`, row-major).
pub fn plain_layer(rows: usize, cols: usize, weights: &[i64], x: &[i64]) -> Vec<i64> {
	(0..rows).map(|r| (0..cols).map(|c| weights[r * cols + c] * x[c]).sum()).collect()
}

/// Every layer of `layout` in the clear, exactly (in 128-bit integers): what a decrypted output
/// must equal, for the consumer's own check and for tests and benchmarks. Refuses an output
/// outside `(−t/2, t/2)`, which the encrypted layers could not return.
pub fn plain_layers(layout: &Layout, weights: &[i64], x: &[i64]) -> Result<Vec<i64>, HeError> {
	check_weights(layout, weights)?;
	if x.len() != layout.cols {
		return Err(HeError::Mismatch(format!("a vector has {} values, the layer takes {}", x.len(), layout.cols)));
	}
	let mut y: Vec<i128> = x.iter().map(|v| *v as i128).collect();
	let mut offset = 0;
	for (rows, cols) in layout.layers() {
		let w = &weights[offset..offset + rows * cols];
		offset += rows * cols;
		y = (0..rows).map(|r| (0..cols).map(|c| w[r * cols + c] as i128 * y[c]).sum()).collect();
	}
	y.into_iter()
		.map(|v| match i64::try_from(v) {
			Ok(v) if v.abs() <= MAX_MAGNITUDE => Ok(v),
			_ => Err(HeError::Magnitude { what: "output", value: v.clamp(i64::MIN as i128, i64::MAX as i128) as i64 }),
		})
		.collect()
}

/// Serialized sizes, for reports.
pub fn size_of(value: &impl Serialize) -> usize {
	value.to_bytes().len()
}

#[cfg(test)]
mod tests;
