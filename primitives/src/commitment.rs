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

/// How many times a round-0 party seals its result root before revealing it. Each dispute round
/// reveals one layer less, so no round's reveals let a later round's auditors write theirs
/// without computing: a party drawn in round `k` reveals [`sealed_for_round`]`(job, root, k)`,
/// and the chain hashes it forward to the public form, [`public_root`]. Larger than the number of
/// dispute rounds, so the raw root never appears on chain.
pub const SEAL_LAYERS: u8 = 3;

/// `root` under `layers` layers of `blake2_256(domain ‖ job ‖ ·)`.
pub fn seal_root(job: crate::JobId, root: &ResultRoot, layers: u8) -> ResultRoot {
	let mut sealed = *root;
	for _ in 0..layers {
		let mut data = [0u8; 18 + 8 + 32];
		data[..18].copy_from_slice(b"compnet/sealed/v1/");
		data[18..26].copy_from_slice(&job.to_le_bytes());
		data[26..].copy_from_slice(sealed.as_bytes());
		sealed = H256(blake2_256(&data));
	}
	sealed
}

/// What a party drawn in dispute round `round` (0: the provider and the first committee) commits
/// to and reveals for a result with root `root`: `SEAL_LAYERS − round` layers. `None` past the
/// last round.
pub fn sealed_for_round(job: crate::JobId, root: &ResultRoot, round: u8) -> Option<ResultRoot> {
	SEAL_LAYERS.checked_sub(round).filter(|layers| *layers > 0).map(|layers| seal_root(job, root, layers))
}

/// The form the chain keeps and compares: `SEAL_LAYERS` layers. A consumer checks a downloaded
/// result against it; a canary's answer is sealed in this form.
pub fn public_root(job: crate::JobId, root: &ResultRoot) -> ResultRoot {
	seal_root(job, root, SEAL_LAYERS)
}

/// The public form of a value revealed in round `round`: the layers the round took off, put back.
pub fn publish_reveal(job: crate::JobId, revealed: &ResultRoot, round: u8) -> ResultRoot {
	seal_root(job, revealed, round)
}

/// The value a party commits to and the chain compares for a metered job (a WebAssembly
/// program): `blake2_256("compnet/metered/v1" ‖ value ‖ fuel_used)`, where `value` is what it
/// would commit to or publish for an unmetered job. Parties agree only when they agree on the
/// fuel too, and the fuel the provider is paid for is the one it committed to.
pub fn metered_root(value: &ResultRoot, fuel_used: u64) -> ResultRoot {
	let mut data = [0u8; 19 + 32 + 8];
	data[..19].copy_from_slice(b"compnet/metered/v1/");
	data[19..51].copy_from_slice(value.as_bytes());
	data[51..].copy_from_slice(&fuel_used.to_le_bytes());
	H256(blake2_256(&data))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn every_round_reveals_a_preimage_of_the_rounds_before() {
		let root = ResultRoot::repeat_byte(9);
		let public = public_root(4, &root);
		for round in 0..SEAL_LAYERS {
			let revealed = sealed_for_round(4, &root, round).unwrap();
			assert_eq!(publish_reveal(4, &revealed, round), public, "round {round} publishes the same form");
			// What earlier rounds revealed is one or more hashes further: it does not give this one.
			for earlier in 0..round {
				assert_ne!(sealed_for_round(4, &root, earlier).unwrap(), revealed);
			}
		}
		assert_eq!(sealed_for_round(4, &root, SEAL_LAYERS), None, "no round reveals the raw root");
		assert_ne!(public_root(5, &root), public, "bound to the job");
	}

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

	#[test]
	fn a_metered_root_binds_the_fuel() {
		let root = ResultRoot::repeat_byte(7);
		assert_eq!(metered_root(&root, 10), metered_root(&root, 10));
		assert_ne!(metered_root(&root, 10), metered_root(&root, 11), "another fuel is another value");
		assert_ne!(metered_root(&root, 10), metered_root(&ResultRoot::repeat_byte(8), 10));
		assert_ne!(metered_root(&root, 0), root);
	}
}
