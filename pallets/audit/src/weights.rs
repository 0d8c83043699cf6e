
//! Weights for `pallet_audit`, generated from its benchmarks by `scripts/benchmark-weights`.
//!
//! CLI VERSION 64.0.0, DATE 2026-12-07, STEPS `50`, REPEAT `20`
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
	fn advance_draw() -> Weight;
	fn advance_commit_timeout() -> Weight;
	fn advance_decide() -> Weight;
	fn report_input_unavailable() -> Weight;
	fn seal_canaries(c: u32, ) -> Weight;
	fn reveal_canary() -> Weight;
	fn remove_canary() -> Weight;
	fn on_initialize() -> Weight;
	fn on_idle_base() -> Weight;
}

/// Weights for `pallet_audit` charged with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Audit::Audits` (r:1 w:1)
	/// Proof: `Audit::Audits` (`max_values`: None, `max_size`: Some(2035), added: 4510, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:1 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(381), added: 2856, mode: `MaxEncodedLen`)
	/// Storage: `Market::Offers` (r:1 w:0)
	/// Proof: `Market::Offers` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `Audit::DueQueueCursor` (r:1 w:0)
	/// Proof: `Audit::DueQueueCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Audit::DueCount` (r:1 w:1)
	/// Proof: `Audit::DueCount` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	/// Storage: `Audit::Totals` (r:1 w:1)
	/// Proof: `Audit::Totals` (`max_values`: Some(1), `max_size`: Some(80), added: 575, mode: `MaxEncodedLen`)
	/// Storage: `Audit::DueJobs` (r:0 w:1)
	/// Proof: `Audit::DueJobs` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	fn commit_result() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `617`
		//  Estimated: `5500`
		// Minimum execution time: 27_892_000 picoseconds.
		Weight::from_parts(30_055_000, 5500)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Audit::Audits` (r:1 w:1)
	/// Proof: `Audit::Audits` (`max_values`: None, `max_size`: Some(2035), added: 4510, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:2 w:2)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(381), added: 2856, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Providers` (r:9 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(593), added: 3068, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Scores` (r:8 w:8)
	/// Proof: `Quality::Scores` (`max_values`: None, `max_size`: Some(132), added: 2607, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Leaders` (r:1 w:1)
	/// Proof: `Quality::Leaders` (`max_values`: None, `max_size`: Some(1162), added: 3637, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:9 w:9)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Providers::SlashedTotal` (r:1 w:1)
	/// Proof: `Providers::SlashedTotal` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Audit::Totals` (r:1 w:1)
	/// Proof: `Audit::Totals` (`max_values`: Some(1), `max_size`: Some(80), added: 575, mode: `MaxEncodedLen`)
	/// Storage: `Market::Totals` (r:1 w:1)
	/// Proof: `Market::Totals` (`max_values`: Some(1), `max_size`: Some(116), added: 611, mode: `MaxEncodedLen`)
	/// Storage: `Market::Offers` (r:1 w:1)
	/// Proof: `Market::Offers` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `Market::ClearedPrices` (r:1 w:1)
	/// Proof: `Market::ClearedPrices` (`max_values`: None, `max_size`: Some(233), added: 2708, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineQueueCursor` (r:1 w:0)
	/// Proof: `Market::DeadlineQueueCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineCount` (r:2 w:2)
	/// Proof: `Market::DeadlineCount` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLevels` (r:1 w:1)
	/// Proof: `Market::OfferLevels` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferMantissas` (r:1 w:1)
	/// Proof: `Market::OfferMantissas` (`max_values`: None, `max_size`: Some(19), added: 2494, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferExponents` (r:1 w:1)
	/// Proof: `Market::OfferExponents` (`max_values`: None, `max_size`: Some(26), added: 2501, mode: `MaxEncodedLen`)
	/// Storage: `Market::SensitiveOfferLinks` (r:1 w:1)
	/// Proof: `Market::SensitiveOfferLinks` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `Market::SensitiveOfferLevels` (r:1 w:1)
	/// Proof: `Market::SensitiveOfferLevels` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `Market::SensitiveOfferMantissas` (r:1 w:1)
	/// Proof: `Market::SensitiveOfferMantissas` (`max_values`: None, `max_size`: Some(19), added: 2494, mode: `MaxEncodedLen`)
	/// Storage: `Market::SensitiveOfferExponents` (r:1 w:1)
	/// Proof: `Market::SensitiveOfferExponents` (`max_values`: None, `max_size`: Some(26), added: 2501, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingTiers` (r:2 w:0)
	/// Proof: `Market::WaitingTiers` (`max_values`: None, `max_size`: Some(27), added: 2502, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingExponents` (r:66 w:0)
	/// Proof: `Market::WaitingExponents` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingMantissas` (r:66 w:0)
	/// Proof: `Market::WaitingMantissas` (`max_values`: None, `max_size`: Some(21), added: 2496, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingLevels` (r:42 w:42)
	/// Proof: `Market::WaitingLevels` (`max_values`: None, `max_size`: Some(30), added: 2505, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingLinks` (r:84 w:84)
	/// Proof: `Market::WaitingLinks` (`max_values`: None, `max_size`: Some(38), added: 2513, mode: `MaxEncodedLen`)
	/// Storage: UNKNOWN KEY `0x30cf098e30decf8540255ac971432bd9` (r:1 w:0)
	/// Proof: UNKNOWN KEY `0x30cf098e30decf8540255ac971432bd9` (r:1 w:0)
	/// Storage: `Audit::DueQueueCursor` (r:1 w:0)
	/// Proof: `Audit::DueQueueCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Audit::DueCount` (r:1 w:1)
	/// Proof: `Audit::DueCount` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineJobs` (r:0 w:2)
	/// Proof: `Market::DeadlineJobs` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLinks` (r:0 w:1)
	/// Proof: `Market::OfferLinks` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `Audit::DueJobs` (r:0 w:1)
	/// Proof: `Audit::DueJobs` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	fn reveal() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `38264`
		//  Estimated: `212082`
		// Minimum execution time: 1_905_425_000 picoseconds.
		Weight::from_parts(2_024_112_000, 212082)
			.saturating_add(T::DbWeight::get().reads(313_u64))
			.saturating_add(T::DbWeight::get().writes(172_u64))
	}
	/// Storage: `Audit::Audits` (r:1 w:1)
	/// Proof: `Audit::Audits` (`max_values`: None, `max_size`: Some(2035), added: 4510, mode: `MaxEncodedLen`)
	/// Storage: `Audit::BlockSeeds` (r:1 w:0)
	/// Proof: `Audit::BlockSeeds` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// Storage: UNKNOWN KEY `0x8eac6011d7980ac0cdbe8a41a64ce49a` (r:1 w:0)
	/// Proof: UNKNOWN KEY `0x8eac6011d7980ac0cdbe8a41a64ce49a` (r:1 w:0)
	/// Storage: `Providers::Providers` (r:6 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(593), added: 3068, mode: `MaxEncodedLen`)
	/// Storage: `Market::Offers` (r:1 w:0)
	/// Proof: `Market::Offers` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Scores` (r:1 w:0)
	/// Proof: `Quality::Scores` (`max_values`: None, `max_size`: Some(132), added: 2607, mode: `MaxEncodedLen`)
	/// Storage: `Audit::Totals` (r:1 w:1)
	/// Proof: `Audit::Totals` (`max_values`: Some(1), `max_size`: Some(80), added: 575, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassSize` (r:7 w:0)
	/// Proof: `Providers::ClassSize` (`max_values`: None, `max_size`: Some(13), added: 2488, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassMembers` (r:5 w:0)
	/// Proof: `Providers::ClassMembers` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	/// Storage: UNKNOWN KEY `0x2a17cde447a37f16c85dd4ef7fc9dbbb` (r:1 w:0)
	/// Proof: UNKNOWN KEY `0x2a17cde447a37f16c85dd4ef7fc9dbbb` (r:1 w:0)
	/// Storage: UNKNOWN KEY `0x36f26b673e072e5c35db2d8a4cbed1bd` (r:1 w:0)
	/// Proof: UNKNOWN KEY `0x36f26b673e072e5c35db2d8a4cbed1bd` (r:1 w:0)
	/// Storage: `Audit::DueQueueCursor` (r:1 w:0)
	/// Proof: `Audit::DueQueueCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Audit::DueCount` (r:1 w:1)
	/// Proof: `Audit::DueCount` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	/// Storage: `Audit::DueJobs` (r:0 w:1)
	/// Proof: `Audit::DueJobs` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	fn advance_draw() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `3361`
		//  Estimated: `19398`
		// Minimum execution time: 138_447_000 picoseconds.
		Weight::from_parts(170_184_000, 19398)
			.saturating_add(T::DbWeight::get().reads(28_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Audit::Audits` (r:1 w:1)
	/// Proof: `Audit::Audits` (`max_values`: None, `max_size`: Some(2035), added: 4510, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Providers` (r:5 w:5)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(593), added: 3068, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:5 w:5)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:5 w:5)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Providers::SlashedTotal` (r:1 w:1)
	/// Proof: `Providers::SlashedTotal` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Audit::Totals` (r:1 w:1)
	/// Proof: `Audit::Totals` (`max_values`: Some(1), `max_size`: Some(80), added: 575, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Scores` (r:5 w:5)
	/// Proof: `Quality::Scores` (`max_values`: None, `max_size`: Some(132), added: 2607, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Leaders` (r:1 w:1)
	/// Proof: `Quality::Leaders` (`max_values`: None, `max_size`: Some(1162), added: 3637, mode: `MaxEncodedLen`)
	/// Storage: `Audit::DueQueueCursor` (r:1 w:0)
	/// Proof: `Audit::DueQueueCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Audit::DueCount` (r:1 w:1)
	/// Proof: `Audit::DueCount` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	/// Storage: `Audit::DueJobs` (r:0 w:1)
	/// Proof: `Audit::DueJobs` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	fn advance_commit_timeout() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `5215`
		//  Estimated: `16330`
		// Minimum execution time: 339_096_000 picoseconds.
		Weight::from_parts(368_821_000, 16330)
			.saturating_add(T::DbWeight::get().reads(29_u64))
			.saturating_add(T::DbWeight::get().writes(29_u64))
	}
	/// Storage: `Audit::Audits` (r:1 w:1)
	/// Proof: `Audit::Audits` (`max_values`: None, `max_size`: Some(2035), added: 4510, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Providers` (r:9 w:2)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(593), added: 3068, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:3 w:3)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:9 w:9)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Providers::SlashedTotal` (r:1 w:1)
	/// Proof: `Providers::SlashedTotal` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Audit::Totals` (r:1 w:1)
	/// Proof: `Audit::Totals` (`max_values`: Some(1), `max_size`: Some(80), added: 575, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Scores` (r:8 w:8)
	/// Proof: `Quality::Scores` (`max_values`: None, `max_size`: Some(132), added: 2607, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Leaders` (r:1 w:1)
	/// Proof: `Quality::Leaders` (`max_values`: None, `max_size`: Some(1162), added: 3637, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:2 w:2)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(381), added: 2856, mode: `MaxEncodedLen`)
	/// Storage: `Market::Totals` (r:1 w:1)
	/// Proof: `Market::Totals` (`max_values`: Some(1), `max_size`: Some(116), added: 611, mode: `MaxEncodedLen`)
	/// Storage: `Market::Offers` (r:1 w:1)
	/// Proof: `Market::Offers` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `Market::ClearedPrices` (r:1 w:1)
	/// Proof: `Market::ClearedPrices` (`max_values`: None, `max_size`: Some(233), added: 2708, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineQueueCursor` (r:1 w:0)
	/// Proof: `Market::DeadlineQueueCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineCount` (r:2 w:2)
	/// Proof: `Market::DeadlineCount` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLevels` (r:1 w:1)
	/// Proof: `Market::OfferLevels` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferMantissas` (r:1 w:1)
	/// Proof: `Market::OfferMantissas` (`max_values`: None, `max_size`: Some(19), added: 2494, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferExponents` (r:1 w:1)
	/// Proof: `Market::OfferExponents` (`max_values`: None, `max_size`: Some(26), added: 2501, mode: `MaxEncodedLen`)
	/// Storage: `Market::SensitiveOfferLinks` (r:1 w:1)
	/// Proof: `Market::SensitiveOfferLinks` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `Market::SensitiveOfferLevels` (r:1 w:1)
	/// Proof: `Market::SensitiveOfferLevels` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `Market::SensitiveOfferMantissas` (r:1 w:1)
	/// Proof: `Market::SensitiveOfferMantissas` (`max_values`: None, `max_size`: Some(19), added: 2494, mode: `MaxEncodedLen`)
	/// Storage: `Market::SensitiveOfferExponents` (r:1 w:1)
	/// Proof: `Market::SensitiveOfferExponents` (`max_values`: None, `max_size`: Some(26), added: 2501, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingTiers` (r:2 w:0)
	/// Proof: `Market::WaitingTiers` (`max_values`: None, `max_size`: Some(27), added: 2502, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingExponents` (r:66 w:0)
	/// Proof: `Market::WaitingExponents` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingMantissas` (r:66 w:0)
	/// Proof: `Market::WaitingMantissas` (`max_values`: None, `max_size`: Some(21), added: 2496, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingLevels` (r:42 w:42)
	/// Proof: `Market::WaitingLevels` (`max_values`: None, `max_size`: Some(30), added: 2505, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingLinks` (r:84 w:84)
	/// Proof: `Market::WaitingLinks` (`max_values`: None, `max_size`: Some(38), added: 2513, mode: `MaxEncodedLen`)
	/// Storage: UNKNOWN KEY `0x30cf098e30decf8540255ac971432bd9` (r:1 w:0)
	/// Proof: UNKNOWN KEY `0x30cf098e30decf8540255ac971432bd9` (r:1 w:0)
	/// Storage: `Audit::DueQueueCursor` (r:1 w:0)
	/// Proof: `Audit::DueQueueCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Audit::DueCount` (r:1 w:1)
	/// Proof: `Audit::DueCount` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineJobs` (r:0 w:2)
	/// Proof: `Market::DeadlineJobs` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLinks` (r:0 w:1)
	/// Proof: `Market::OfferLinks` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `Audit::DueJobs` (r:0 w:1)
	/// Proof: `Audit::DueJobs` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	fn advance_decide() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `38383`
		//  Estimated: `212082`
		// Minimum execution time: 1_840_598_000 picoseconds.
		Weight::from_parts(1_953_827_000, 212082)
			.saturating_add(T::DbWeight::get().reads(314_u64))
			.saturating_add(T::DbWeight::get().writes(174_u64))
	}
	/// Storage: `Audit::Audits` (r:1 w:1)
	/// Proof: `Audit::Audits` (`max_values`: None, `max_size`: Some(2035), added: 4510, mode: `MaxEncodedLen`)
	/// Storage: `Audit::Totals` (r:1 w:1)
	/// Proof: `Audit::Totals` (`max_values`: Some(1), `max_size`: Some(80), added: 575, mode: `MaxEncodedLen`)
	/// Storage: `Audit::DueQueueCursor` (r:1 w:0)
	/// Proof: `Audit::DueQueueCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Audit::DueCount` (r:1 w:1)
	/// Proof: `Audit::DueCount` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	/// Storage: `Audit::DueJobs` (r:0 w:1)
	/// Proof: `Audit::DueJobs` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	fn report_input_unavailable() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `783`
		//  Estimated: `5500`
		// Minimum execution time: 28_122_000 picoseconds.
		Weight::from_parts(37_105_000, 5500)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Audit::CounterForCanaries` (r:1 w:1)
	/// Proof: `Audit::CounterForCanaries` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Audit::Canaries` (r:64 w:64)
	/// Proof: `Audit::Canaries` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// The range of component `c` is `[1, 64]`.
	fn seal_canaries(c: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `6`
		//  Estimated: `1489 + c * (2543 ±0)`
		// Minimum execution time: 10_055_000 picoseconds.
		Weight::from_parts(4_858_618, 1489)
			.saturating_add(Weight::from_parts(4_345_717, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(c.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(c.into())))
			.saturating_add(Weight::from_parts(0, 2543).saturating_mul(c.into()))
	}
	/// Storage: `Market::Jobs` (r:1 w:0)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(381), added: 2856, mode: `MaxEncodedLen`)
	/// Storage: `Audit::Canaries` (r:1 w:1)
	/// Proof: `Audit::Canaries` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `Audit::Audits` (r:1 w:1)
	/// Proof: `Audit::Audits` (`max_values`: None, `max_size`: Some(2035), added: 4510, mode: `MaxEncodedLen`)
	/// Storage: `Audit::CounterForCanaries` (r:1 w:1)
	/// Proof: `Audit::CounterForCanaries` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Providers` (r:7 w:6)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(593), added: 3068, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:6 w:6)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:6 w:6)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Providers::SlashedTotal` (r:1 w:1)
	/// Proof: `Providers::SlashedTotal` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Audit::Totals` (r:1 w:1)
	/// Proof: `Audit::Totals` (`max_values`: Some(1), `max_size`: Some(80), added: 575, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Scores` (r:6 w:6)
	/// Proof: `Quality::Scores` (`max_values`: None, `max_size`: Some(132), added: 2607, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Leaders` (r:1 w:1)
	/// Proof: `Quality::Leaders` (`max_values`: None, `max_size`: Some(1162), added: 3637, mode: `MaxEncodedLen`)
	fn reveal_canary() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `7150`
		//  Estimated: `22466`
		// Minimum execution time: 421_530_000 picoseconds.
		Weight::from_parts(457_673_000, 22466)
			.saturating_add(T::DbWeight::get().reads(35_u64))
			.saturating_add(T::DbWeight::get().writes(33_u64))
	}
	/// Storage: `Audit::Canaries` (r:1 w:1)
	/// Proof: `Audit::Canaries` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `Audit::CounterForCanaries` (r:1 w:1)
	/// Proof: `Audit::CounterForCanaries` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn remove_canary() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `124`
		//  Estimated: `3533`
		// Minimum execution time: 12_058_000 picoseconds.
		Weight::from_parts(13_039_000, 3533)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Babe::AuthorVrfRandomness` (r:1 w:0)
	/// Proof: `Babe::AuthorVrfRandomness` (`max_values`: Some(1), `max_size`: Some(33), added: 528, mode: `MaxEncodedLen`)
	fn on_initialize() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `136`
		//  Estimated: `1518`
		// Minimum execution time: 4_156_000 picoseconds.
		Weight::from_parts(4_617_000, 1518)
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
	/// Storage: `Audit::DueQueueCursor` (r:1 w:1)
	/// Proof: `Audit::DueQueueCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Audit::DueCount` (r:1 w:1)
	/// Proof: `Audit::DueCount` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	fn on_idle_base() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `37`
		//  Estimated: `3481`
		// Minimum execution time: 5_198_000 picoseconds.
		Weight::from_parts(5_698_000, 3481)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// For tests: the same figures with ParityDB's database weights.
impl WeightInfo for () {
	fn commit_result() -> Weight {
		Weight::from_parts(30_055_000, 5500)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn reveal() -> Weight {
		Weight::from_parts(2_024_112_000, 212082)
			.saturating_add(ParityDbWeight::get().reads(313_u64))
			.saturating_add(ParityDbWeight::get().writes(172_u64))
	}
	fn advance_draw() -> Weight {
		Weight::from_parts(170_184_000, 19398)
			.saturating_add(ParityDbWeight::get().reads(28_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn advance_commit_timeout() -> Weight {
		Weight::from_parts(368_821_000, 16330)
			.saturating_add(ParityDbWeight::get().reads(29_u64))
			.saturating_add(ParityDbWeight::get().writes(29_u64))
	}
	fn advance_decide() -> Weight {
		Weight::from_parts(1_953_827_000, 212082)
			.saturating_add(ParityDbWeight::get().reads(314_u64))
			.saturating_add(ParityDbWeight::get().writes(174_u64))
	}
	fn report_input_unavailable() -> Weight {
		Weight::from_parts(37_105_000, 5500)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn seal_canaries(c: u32, ) -> Weight {
		Weight::from_parts(4_858_618, 1489)
			.saturating_add(Weight::from_parts(4_345_717, 0).saturating_mul(c.into()))
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(c.into())))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(c.into())))
			.saturating_add(Weight::from_parts(0, 2543).saturating_mul(c.into()))
	}
	fn reveal_canary() -> Weight {
		Weight::from_parts(457_673_000, 22466)
			.saturating_add(ParityDbWeight::get().reads(35_u64))
			.saturating_add(ParityDbWeight::get().writes(33_u64))
	}
	fn remove_canary() -> Weight {
		Weight::from_parts(13_039_000, 3533)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn on_initialize() -> Weight {
		Weight::from_parts(4_617_000, 1518)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
	}
	fn on_idle_base() -> Weight {
		Weight::from_parts(5_698_000, 3481)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
}
