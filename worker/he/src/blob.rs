//! The byte layouts of `he-linear` blobs. Integers are little-endian.
//!
//! - **Evaluation key**: `"CNHE-EK3"` ‖ ring degree u32 ‖ d u32 ‖ length u32 ‖ the `fhe` crate's
//!   rotation-key bytes ‖ the relinearization key's bytes (empty without encrypted weights).
//!   Content-addressed like any blob; reused across jobs of the same ring and padded size `d`.
//! - **Job input** (its root is the job's `input_root`): `"CNHE-IN3"` ‖ evaluation key root (32
//!   bytes) ‖ rows u32 ‖ cols u32 ‖ second u32 (rows of `W₂`, 0 for one layer) ‖ batch u32 ‖
//!   weights kind u32 ‖ the weights ‖ the vectors. Kind 0: every layer's weights as i32,
//!   row-major, `W₁` then `W₂`. Kind 1: each layer's `d` encrypted diagonals as ciphertexts.
//!   Ciphertexts are written as count u32 ‖ count × (length u32 ‖ ciphertext).
//! - **Result**: `"CNHE-OUT"` ‖ count u32 ‖ count × (length u32 ‖ ciphertext).

use crate::{ciphertext_from_bytes, evaluation_key_from_bytes, relinearization_key_from_bytes, HeError, Layout, Ring, ServerKey, Weights};
use fhe::bfv::Ciphertext;
use fhe_traits::Serialize;

const KEY_MAGIC: &[u8; 8] = b"CNHE-EK3";
const INPUT_MAGIC: &[u8; 8] = b"CNHE-IN3";
const PLAIN_WEIGHTS: usize = 0;
const ENCRYPTED_WEIGHTS: usize = 1;
const OUTPUT_MAGIC: &[u8; 8] = b"CNHE-OUT";

/// Bytes of a job input up to and including the evaluation key's root: enough for
/// [`input_key_root`].
pub const INPUT_HEADER_LEN: usize = 8 + 32;

/// A blob address: `blake2_256` of the blob's bytes.
pub type Root = [u8; 32];

/// A job's input, parsed.
pub struct JobInput {
	/// The root of the evaluation-key blob the provider needs.
	pub key_root: Root,
	/// Every layer's weights, in the clear or encrypted.
	pub weights: Weights,
	/// The encrypted vectors.
	pub ciphertexts: Vec<Ciphertext>,
}

struct Reader<'a> {
	what: &'static str,
	bytes: &'a [u8],
}

impl<'a> Reader<'a> {
	fn corrupt(&self, why: impl Into<String>) -> HeError {
		HeError::Corrupt { what: self.what, why: why.into() }
	}

	fn take(&mut self, n: usize) -> Result<&'a [u8], HeError> {
		if self.bytes.len() < n {
			return Err(self.corrupt(format!("truncated: {n} more bytes expected, {} left", self.bytes.len())));
		}
		let (head, rest) = self.bytes.split_at(n);
		self.bytes = rest;
		Ok(head)
	}

	fn magic(&mut self, magic: &[u8; 8]) -> Result<(), HeError> {
		if self.take(8)? != magic {
			return Err(self.corrupt(format!("does not start with {}", String::from_utf8_lossy(magic))));
		}
		Ok(())
	}

	fn u32(&mut self) -> Result<usize, HeError> {
		Ok(u32::from_le_bytes(self.take(4)?.try_into().expect("4 bytes")) as usize)
	}

	fn ciphertexts(&mut self, ring: Ring, expected: usize) -> Result<Vec<Ciphertext>, HeError> {
		let count = self.u32()?;
		if count != expected {
			return Err(self.corrupt(format!("{count} ciphertexts, the shape needs {expected}")));
		}
		(0..count)
			.map(|_| {
				let len = self.u32()?;
				ciphertext_from_bytes(ring, self.take(len)?)
			})
			.collect()
	}

	fn end(&self) -> Result<(), HeError> {
		if self.bytes.is_empty() {
			Ok(())
		} else {
			Err(self.corrupt(format!("{} trailing bytes", self.bytes.len())))
		}
	}
}

fn put_u32(out: &mut Vec<u8>, v: usize) {
	out.extend_from_slice(&u32::try_from(v).expect("sizes fit u32").to_le_bytes());
}

fn put_ciphertexts(out: &mut Vec<u8>, cts: &[Ciphertext]) {
	put_u32(out, cts.len());
	for ct in cts {
		let bytes = ct.to_bytes();
		put_u32(out, bytes.len());
		out.extend_from_slice(&bytes);
	}
}

/// An evaluation-key blob, parsed.
pub struct KeyBlob {
	/// The ring the key was made for.
	pub ring: Ring,
	/// The padded side it was made for.
	pub d: usize,
	/// The key.
	pub key: ServerKey,
}

/// The evaluation-key blob for `layout`'s ring and padded side.
pub fn key_blob(layout: &Layout, key: &ServerKey) -> Vec<u8> {
	let mut out = KEY_MAGIC.to_vec();
	put_u32(&mut out, layout.ring.degree());
	put_u32(&mut out, layout.d);
	let rotations = key.rotations.to_bytes();
	put_u32(&mut out, rotations.len());
	out.extend_from_slice(&rotations);
	if let Some(rk) = &key.relinearization {
		out.extend_from_slice(&rk.to_bytes());
	}
	out
}

/// Parses an evaluation-key blob.
pub fn parse_key_blob(bytes: &[u8]) -> Result<KeyBlob, HeError> {
	let mut r = Reader { what: "evaluation key blob", bytes };
	r.magic(KEY_MAGIC)?;
	let degree = r.u32()?;
	let ring = Ring::of_degree(degree).ok_or_else(|| r.corrupt(format!("no ring of degree {degree}")))?;
	let d = r.u32()?;
	let len = r.u32()?;
	let rotations = evaluation_key_from_bytes(ring, r.take(len)?)?;
	let relinearization = (!r.bytes.is_empty()).then(|| relinearization_key_from_bytes(ring, r.bytes)).transpose()?;
	Ok(KeyBlob { ring, d, key: ServerKey { rotations, relinearization } })
}

/// The job-input blob.
pub fn input_blob(key_root: &Root, layout: &Layout, batch: usize, weights: &Weights, cts: &[Ciphertext]) -> Vec<u8> {
	let mut out = INPUT_MAGIC.to_vec();
	out.extend_from_slice(key_root);
	for v in [layout.rows, layout.cols, layout.second.unwrap_or(0), batch] {
		put_u32(&mut out, v);
	}
	match weights {
		Weights::Plain(w) => {
			put_u32(&mut out, PLAIN_WEIGHTS);
			for w in w {
				out.extend_from_slice(&(*w as i32).to_le_bytes());
			}
		},
		Weights::Encrypted(diags) => {
			put_u32(&mut out, ENCRYPTED_WEIGHTS);
			put_ciphertexts(&mut out, diags);
		},
	}
	put_ciphertexts(&mut out, cts);
	out
}

/// Reads only the evaluation-key root of a job input (to fetch the key before parsing the rest).
pub fn input_key_root(bytes: &[u8]) -> Result<Root, HeError> {
	let mut r = Reader { what: "he-linear input", bytes };
	r.magic(INPUT_MAGIC)?;
	Ok(r.take(32)?.try_into().expect("32 bytes"))
}

/// Parses a job input and checks it against the job: its layers, its batch and whether its
/// weights are encrypted.
pub fn parse_input(bytes: &[u8], layout: &Layout, batch: usize, encrypted_weights: bool) -> Result<JobInput, HeError> {
	let mut r = Reader { what: "he-linear input", bytes };
	r.magic(INPUT_MAGIC)?;
	let key_root: Root = r.take(32)?.try_into().expect("32 bytes");
	let declared = (r.u32()?, r.u32()?, r.u32()?, r.u32()?);
	let shape = (layout.rows, layout.cols, layout.second.unwrap_or(0), batch);
	if declared != shape {
		return Err(r.corrupt(format!("declares {declared:?} (rows, cols, second, batch), the job says {shape:?}")));
	}
	let weights = match (r.u32()?, encrypted_weights) {
		(PLAIN_WEIGHTS, false) => {
			let raw = r.take(4 * layout.weight_count())?;
			Weights::Plain(raw.chunks_exact(4).map(|w| i32::from_le_bytes(w.try_into().expect("4 bytes")) as i64).collect())
		},
		(ENCRYPTED_WEIGHTS, true) => Weights::Encrypted(r.ciphertexts(layout.ring, layout.depth() * layout.d)?),
		(kind @ (PLAIN_WEIGHTS | ENCRYPTED_WEIGHTS), _) => {
			let has = if kind == ENCRYPTED_WEIGHTS { "encrypted" } else { "plaintext" };
			let wants = if encrypted_weights { "encrypted" } else { "plaintext" };
			return Err(r.corrupt(format!("holds {has} weights, the job says {wants}")));
		},
		(kind, _) => return Err(r.corrupt(format!("unknown weights kind {kind}"))),
	};
	let ciphertexts = r.ciphertexts(layout.ring, layout.ciphertexts(batch))?;
	r.end()?;
	Ok(JobInput { key_root, weights, ciphertexts })
}

/// The result blob.
pub fn output_blob(cts: &[Ciphertext]) -> Vec<u8> {
	let mut out = OUTPUT_MAGIC.to_vec();
	put_ciphertexts(&mut out, cts);
	out
}

/// Parses the result blob of `batch` vectors through `layout`.
pub fn parse_output(bytes: &[u8], layout: &Layout, batch: usize) -> Result<Vec<Ciphertext>, HeError> {
	let mut r = Reader { what: "he-linear result", bytes };
	r.magic(OUTPUT_MAGIC)?;
	let cts = r.ciphertexts(layout.ring, layout.ciphertexts(batch))?;
	r.end()?;
	Ok(cts)
}
