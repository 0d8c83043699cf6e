
//! Weights for `pallet_validator_set`, generated from its benchmarks by `scripts/benchmark-weights`.
//!
//! CLI VERSION 64.0.0, DATE 2026-11-24, STEPS `50`, REPEAT `20`
//! HOSTNAME `vm`, CPU `AMD EPYC`, WASM-EXECUTION `Compiled`, CHAIN `Some("dev")`

// Executed Command:
// /root/.cache/compnet/target/release/compnet-node
// benchmark
// pallet
// --chain
// dev
// --pallet
// pallet_validator_set
// --extrinsic
// *
// --steps
// 50
// --repeat
// 20
// --wasm-execution
// compiled
// --template
// scripts/templates/pallet-weights.hbs
// --output
// pallets/validator-set/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{traits::Get, weights::{constants::ParityDbWeight, Weight}};

/// Weight functions needed for `pallet_validator_set`.
pub trait WeightInfo {
	fn add_validator() -> Weight;
	fn remove_validator() -> Weight;
}

/// Weights for `pallet_validator_set` charged with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `ValidatorSet::Validators` (r:1 w:1)
	/// Proof: `ValidatorSet::Validators` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	fn add_validator() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `3202`
		//  Estimated: `4687`
		// Minimum execution time: 11_678_000 picoseconds.
		Weight::from_parts(13_010_000, 4687)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `ValidatorSet::Validators` (r:1 w:1)
	/// Proof: `ValidatorSet::Validators` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	fn remove_validator() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `3234`
		//  Estimated: `4687`
		// Minimum execution time: 11_197_000 picoseconds.
		Weight::from_parts(12_569_000, 4687)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

/// For tests: the same figures with ParityDB's database weights.
impl WeightInfo for () {
	fn add_validator() -> Weight {
		Weight::from_parts(13_010_000, 4687)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn remove_validator() -> Weight {
		Weight::from_parts(12_569_000, 4687)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
}
