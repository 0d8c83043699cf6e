//! A small, fixed pseudo-random sequence for generated inputs and tests (not for secrets).

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

