
//! Weights for `pallet_audit`, generated from its benchmarks by `scripts/benchmark-weights`.
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
// pallet_audit
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
// pallets/audit/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{traits::Get, weights::{constants::ParityDbWeight, Weight}};

/// Weight functions needed for `pallet_audit`.
pub trait WeightInfo {
	fn commit_result() -> Weight;
	fn reveal() -> Weight;
	fn advance() -> Weight;
	fn seal_canary() -> Weight;
	fn reveal_canary() -> Weight;
	fn on_idle_base() -> Weight;
}

/// Weights for `pallet_audit` charged with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Audit::Audits` (r:1 w:1)
	/// Proof: `Audit::Audits` (`max_values`: None, `max_size`: Some(640), added: 3115, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:1 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(337), added: 2812, mode: `MaxEncodedLen`)
	/// Storage: `Market::Offers` (r:1 w:0)
	/// Proof: `Market::Offers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Audit::Due` (r:1 w:1)
	/// Proof: `Audit::Due` (`max_values`: None, `max_size`: Some(4110), added: 6585, mode: `MaxEncodedLen`)
	/// Storage: `Audit::Totals` (r:1 w:1)
	/// Proof: `Audit::Totals` (`max_values`: Some(1), `max_size`: Some(64), added: 559, mode: `MaxEncodedLen`)
	fn commit_result() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `696`
		//  Estimated: `7575`
		// Minimum execution time: 33_079_000 picoseconds.
		Weight::from_parts(35_502_000, 7575)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Audit::Audits` (r:1 w:1)
	/// Proof: `Audit::Audits` (`max_values`: None, `max_size`: Some(640), added: 3115, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Providers` (r:3 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(576), added: 3051, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Scores` (r:2 w:2)
	/// Proof: `Quality::Scores` (`max_values`: None, `max_size`: Some(132), added: 2607, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Leaders` (r:1 w:1)
	/// Proof: `Quality::Leaders` (`max_values`: None, `max_size`: Some(1162), added: 3637, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:1 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(337), added: 2812, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:3 w:3)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Market::Totals` (r:1 w:1)
	/// Proof: `Market::Totals` (`max_values`: Some(1), `max_size`: Some(92), added: 587, mode: `MaxEncodedLen`)
	/// Storage: `Market::Offers` (r:1 w:1)
	/// Proof: `Market::Offers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Market::ClearedPrices` (r:1 w:1)
	/// Proof: `Market::ClearedPrices` (`max_values`: None, `max_size`: Some(233), added: 2708, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(4110), added: 6585, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLinks` (r:1 w:1)
	/// Proof: `Market::OfferLinks` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLevels` (r:2 w:2)
	/// Proof: `Market::OfferLevels` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferMantissas` (r:1 w:1)
	/// Proof: `Market::OfferMantissas` (`max_values`: None, `max_size`: Some(19), added: 2494, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferExponents` (r:1 w:1)
	/// Proof: `Market::OfferExponents` (`max_values`: None, `max_size`: Some(26), added: 2501, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingExponents` (r:1 w:0)
	/// Proof: `Market::WaitingExponents` (`max_values`: None, `max_size`: Some(25), added: 2500, mode: `MaxEncodedLen`)
	/// Storage: `Audit::Totals` (r:1 w:1)
	/// Proof: `Audit::Totals` (`max_values`: Some(1), `max_size`: Some(64), added: 559, mode: `MaxEncodedLen`)
	/// Storage: `Audit::Due` (r:1 w:1)
	/// Proof: `Audit::Due` (`max_values`: None, `max_size`: Some(4110), added: 6585, mode: `MaxEncodedLen`)
	fn reveal() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `3094`
		//  Estimated: `10143`
		// Minimum execution time: 312_395_000 picoseconds.
		Weight::from_parts(319_606_000, 10143)
			.saturating_add(T::DbWeight::get().reads(24_u64))
			.saturating_add(T::DbWeight::get().writes(20_u64))
	}
	/// Storage: `Audit::Audits` (r:1 w:1)
	/// Proof: `Audit::Audits` (`max_values`: None, `max_size`: Some(640), added: 3115, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Providers` (r:2 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(576), added: 3051, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Scores` (r:1 w:0)
	/// Proof: `Quality::Scores` (`max_values`: None, `max_size`: Some(132), added: 2607, mode: `MaxEncodedLen`)
	/// Storage: `Babe::AuthorVrfRandomness` (r:1 w:0)
	/// Proof: `Babe::AuthorVrfRandomness` (`max_values`: Some(1), `max_size`: Some(33), added: 528, mode: `MaxEncodedLen`)
	/// Storage: `Audit::Totals` (r:1 w:1)
	/// Proof: `Audit::Totals` (`max_values`: Some(1), `max_size`: Some(64), added: 559, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassSize` (r:1 w:0)
	/// Proof: `Providers::ClassSize` (`max_values`: None, `max_size`: Some(13), added: 2488, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassMembers` (r:1 w:0)
	/// Proof: `Providers::ClassMembers` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	/// Storage: `Audit::Due` (r:1 w:1)
	/// Proof: `Audit::Due` (`max_values`: None, `max_size`: Some(4110), added: 6585, mode: `MaxEncodedLen`)
	fn advance() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1692`
		//  Estimated: `7575`
		// Minimum execution time: 64_156_000 picoseconds.
		Weight::from_parts(67_400_000, 7575)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Audit::Canaries` (r:1 w:1)
	/// Proof: `Audit::Canaries` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn seal_canary() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `6`
		//  Estimated: `3529`
		// Minimum execution time: 8_964_000 picoseconds.
		Weight::from_parts(9_865_000, 3529)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Audit::Canaries` (r:1 w:1)
	/// Proof: `Audit::Canaries` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Audit::Audits` (r:1 w:1)
	/// Proof: `Audit::Audits` (`max_values`: None, `max_size`: Some(640), added: 3115, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Providers` (r:2 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(576), added: 3051, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Audit::Totals` (r:1 w:1)
	/// Proof: `Audit::Totals` (`max_values`: Some(1), `max_size`: Some(64), added: 559, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Scores` (r:1 w:1)
	/// Proof: `Quality::Scores` (`max_values`: None, `max_size`: Some(132), added: 2607, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Leaders` (r:1 w:1)
	/// Proof: `Quality::Leaders` (`max_values`: None, `max_size`: Some(1162), added: 3637, mode: `MaxEncodedLen`)
	fn reveal_canary() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `2206`
		//  Estimated: `7092`
		// Minimum execution time: 125_537_000 picoseconds.
		Weight::from_parts(129_563_000, 7092)
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(11_u64))
	}
	/// Storage: `Audit::DueCursor` (r:1 w:1)
	/// Proof: `Audit::DueCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Audit::Due` (r:1 w:1)
	/// Proof: `Audit::Due` (`max_values`: None, `max_size`: Some(4110), added: 6585, mode: `MaxEncodedLen`)
	fn on_idle_base() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `32`
		//  Estimated: `7575`
		// Minimum execution time: 6_220_000 picoseconds.
		Weight::from_parts(6_820_000, 7575)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// For tests: the same figures with ParityDB's database weights.
impl WeightInfo for () {
	fn commit_result() -> Weight {
		Weight::from_parts(35_502_000, 7575)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn reveal() -> Weight {
		Weight::from_parts(319_606_000, 10143)
			.saturating_add(ParityDbWeight::get().reads(24_u64))
			.saturating_add(ParityDbWeight::get().writes(20_u64))
	}
	fn advance() -> Weight {
		Weight::from_parts(67_400_000, 7575)
			.saturating_add(ParityDbWeight::get().reads(9_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn seal_canary() -> Weight {
		Weight::from_parts(9_865_000, 3529)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn reveal_canary() -> Weight {
		Weight::from_parts(129_563_000, 7092)
			.saturating_add(ParityDbWeight::get().reads(12_u64))
			.saturating_add(ParityDbWeight::get().writes(11_u64))
	}
	fn on_idle_base() -> Weight {
		Weight::from_parts(6_820_000, 7575)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
}
