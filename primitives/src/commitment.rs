//! The commitment scheme: a provider binds itself to a result before anyone reveals one.

use polkadot_sdk::{sp_core::H256, sp_crypto_hashing::blake2_256};

/// A 32-byte hash over a result's canonical bytes.
pub type ResultRoot = H256;

/// A commitment to a result, posted before the reveal.
pub type Commitment = H256;

/// A secret the committer picks, revealed with the result root, so that a result with few possible
/// values cannot be guessed from its commitment.
pub type Salt = [u8; 32];

/// `blake2_256(domain ‖ provider ‖ job ‖ result_root ‖ salt)`. The provider's account is inside, so
/// a commitment copied from another provider does not verify for the copier.
pub fn commitment(provider: &[u8], job: crate::JobId, result_root: &ResultRoot, salt: &Salt) -> Commitment {
	let mut data = alloc::vec::Vec::with_capacity(17 + provider.len() + 8 + 32 + 32);
	data.extend_from_slice(b"compnet/commit/v1");
	data.extend_from_slice(provider);
	data.extend_from_slice(&job.to_le_bytes());
	data.extend_from_slice(result_root.as_bytes());
	data.extend_from_slice(salt);
	H256(blake2_256(&data))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn commitment_binds_provider_job_result_and_salt() {
		let root = ResultRoot::repeat_byte(7);
		let salt = [1u8; 32];
		let base = commitment(b"alice", 1, &root, &salt);
		assert_eq!(base, commitment(b"alice", 1, &root, &salt), "deterministic");
		assert_ne!(base, commitment(b"bob", 1, &root, &salt), "a copied commitment fails for the copier");
		assert_ne!(base, commitment(b"alice", 2, &root, &salt), "bound to the job");
		assert_ne!(base, commitment(b"alice", 1, &ResultRoot::repeat_byte(8), &salt), "bound to the result");
		assert_ne!(base, commitment(b"alice", 1, &root, &[2u8; 32]), "bound to the salt");
	}
}
