
//! Weights for `pallet_market`, generated from its benchmarks by `scripts/benchmark-weights`.
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
// pallet_market
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
// pallets/market/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{traits::Get, weights::{constants::ParityDbWeight, Weight}};

/// Weight functions needed for `pallet_market`.
pub trait WeightInfo {
	fn set_offer() -> Weight;
	fn take_waiting_jobs() -> Weight;
	fn retract_offer() -> Weight;
	fn submit_job() -> Weight;
	fn cancel_job() -> Weight;
	fn expire() -> Weight;
	fn expire_input_missing() -> Weight;
	fn acknowledge_input() -> Weight;
	fn set_reference_price() -> Weight;
	fn on_idle_base() -> Weight;
}

/// Weights for `pallet_market` charged with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Providers::Providers` (r:1 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(593), added: 3068, mode: `MaxEncodedLen`)
	/// Storage: `Market::Offers` (r:1 w:1)
	/// Proof: `Market::Offers` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLinks` (r:1 w:1)
	/// Proof: `Market::OfferLinks` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLevels` (r:2 w:2)
	/// Proof: `Market::OfferLevels` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferMantissas` (r:2 w:2)
	/// Proof: `Market::OfferMantissas` (`max_values`: None, `max_size`: Some(19), added: 2494, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferExponents` (r:1 w:1)
	/// Proof: `Market::OfferExponents` (`max_values`: None, `max_size`: Some(26), added: 2501, mode: `MaxEncodedLen`)
	/// Storage: `Market::SensitiveOfferLinks` (r:1 w:1)
	/// Proof: `Market::SensitiveOfferLinks` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `Market::SensitiveOfferLevels` (r:2 w:2)
	/// Proof: `Market::SensitiveOfferLevels` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `Market::SensitiveOfferMantissas` (r:2 w:2)
	/// Proof: `Market::SensitiveOfferMantissas` (`max_values`: None, `max_size`: Some(19), added: 2494, mode: `MaxEncodedLen`)
	/// Storage: `Market::SensitiveOfferExponents` (r:1 w:1)
	/// Proof: `Market::SensitiveOfferExponents` (`max_values`: None, `max_size`: Some(26), added: 2501, mode: `MaxEncodedLen`)
	/// Storage: `Market::Totals` (r:1 w:1)
	/// Proof: `Market::Totals` (`max_values`: Some(1), `max_size`: Some(116), added: 611, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Scores` (r:1 w:0)
	/// Proof: `Quality::Scores` (`max_values`: None, `max_size`: Some(132), added: 2607, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingTiers` (r:43 w:42)
	/// Proof: `Market::WaitingTiers` (`max_values`: None, `max_size`: Some(27), added: 2502, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingExponents` (r:125 w:42)
	/// Proof: `Market::WaitingExponents` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingMantissas` (r:125 w:42)
	/// Proof: `Market::WaitingMantissas` (`max_values`: None, `max_size`: Some(21), added: 2496, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingLevels` (r:42 w:42)
	/// Proof: `Market::WaitingLevels` (`max_values`: None, `max_size`: Some(30), added: 2505, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingLinks` (r:672 w:672)
	/// Proof: `Market::WaitingLinks` (`max_values`: None, `max_size`: Some(38), added: 2513, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:16 w:16)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(353), added: 2828, mode: `MaxEncodedLen`)
	/// Storage: UNKNOWN KEY `0x30cf098e30decf8540255ac971432bd9` (r:1 w:0)
	/// Proof: UNKNOWN KEY `0x30cf098e30decf8540255ac971432bd9` (r:1 w:0)
	/// Storage: `Market::DeadlineQueueCursor` (r:1 w:0)
	/// Proof: `Market::DeadlineQueueCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineCount` (r:1 w:1)
	/// Proof: `Market::DeadlineCount` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineJobs` (r:0 w:16)
	/// Proof: `Market::DeadlineJobs` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	fn set_offer() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `51615`
		//  Estimated: `1689726`
		// Minimum execution time: 8_080_304_000 picoseconds.
		Weight::from_parts(8_538_669_000, 1689726)
			.saturating_add(T::DbWeight::get().reads(1042_u64))
			.saturating_add(T::DbWeight::get().writes(887_u64))
	}
	/// Storage: `Market::Offers` (r:1 w:1)
	/// Proof: `Market::Offers` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Providers` (r:1 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(593), added: 3068, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Scores` (r:1 w:0)
	/// Proof: `Quality::Scores` (`max_values`: None, `max_size`: Some(132), added: 2607, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingTiers` (r:43 w:42)
	/// Proof: `Market::WaitingTiers` (`max_values`: None, `max_size`: Some(27), added: 2502, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingExponents` (r:125 w:42)
	/// Proof: `Market::WaitingExponents` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingMantissas` (r:125 w:42)
	/// Proof: `Market::WaitingMantissas` (`max_values`: None, `max_size`: Some(21), added: 2496, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingLevels` (r:42 w:42)
	/// Proof: `Market::WaitingLevels` (`max_values`: None, `max_size`: Some(30), added: 2505, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingLinks` (r:672 w:672)
	/// Proof: `Market::WaitingLinks` (`max_values`: None, `max_size`: Some(38), added: 2513, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:16 w:16)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(353), added: 2828, mode: `MaxEncodedLen`)
	/// Storage: UNKNOWN KEY `0x30cf098e30decf8540255ac971432bd9` (r:1 w:0)
	/// Proof: UNKNOWN KEY `0x30cf098e30decf8540255ac971432bd9` (r:1 w:0)
	/// Storage: `Market::SensitiveOfferLinks` (r:1 w:1)
	/// Proof: `Market::SensitiveOfferLinks` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `Market::Totals` (r:1 w:1)
	/// Proof: `Market::Totals` (`max_values`: Some(1), `max_size`: Some(116), added: 611, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineQueueCursor` (r:1 w:0)
	/// Proof: `Market::DeadlineQueueCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineCount` (r:1 w:1)
	/// Proof: `Market::DeadlineCount` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLinks` (r:1 w:1)
	/// Proof: `Market::OfferLinks` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLevels` (r:1 w:1)
	/// Proof: `Market::OfferLevels` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferMantissas` (r:1 w:1)
	/// Proof: `Market::OfferMantissas` (`max_values`: None, `max_size`: Some(19), added: 2494, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferExponents` (r:1 w:1)
	/// Proof: `Market::OfferExponents` (`max_values`: None, `max_size`: Some(26), added: 2501, mode: `MaxEncodedLen`)
	/// Storage: `Market::SensitiveOfferLevels` (r:1 w:1)
	/// Proof: `Market::SensitiveOfferLevels` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `Market::SensitiveOfferMantissas` (r:1 w:1)
	/// Proof: `Market::SensitiveOfferMantissas` (`max_values`: None, `max_size`: Some(19), added: 2494, mode: `MaxEncodedLen`)
	/// Storage: `Market::SensitiveOfferExponents` (r:1 w:1)
	/// Proof: `Market::SensitiveOfferExponents` (`max_values`: None, `max_size`: Some(26), added: 2501, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineJobs` (r:0 w:16)
	/// Proof: `Market::DeadlineJobs` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	fn take_waiting_jobs() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `51615`
		//  Estimated: `1689726`
		// Minimum execution time: 8_138_511_000 picoseconds.
		Weight::from_parts(8_499_380_000, 1689726)
			.saturating_add(T::DbWeight::get().reads(1038_u64))
			.saturating_add(T::DbWeight::get().writes(883_u64))
	}
	/// Storage: `Market::Offers` (r:1 w:1)
	/// Proof: `Market::Offers` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLinks` (r:1 w:1)
	/// Proof: `Market::OfferLinks` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
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
	/// Storage: `Market::Totals` (r:1 w:1)
	/// Proof: `Market::Totals` (`max_values`: Some(1), `max_size`: Some(116), added: 611, mode: `MaxEncodedLen`)
	fn retract_offer() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1144`
		//  Estimated: `3604`
		// Minimum execution time: 78_417_000 picoseconds.
		Weight::from_parts(82_383_000, 3604)
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(12_u64))
	}
	/// Storage: UNKNOWN KEY `0x2a17cde447a37f16c85dd4ef7fc9dbbb` (r:1 w:0)
	/// Proof: UNKNOWN KEY `0x2a17cde447a37f16c85dd4ef7fc9dbbb` (r:1 w:0)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Market::NextJobId` (r:1 w:1)
	/// Proof: `Market::NextJobId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Market::Totals` (r:1 w:1)
	/// Proof: `Market::Totals` (`max_values`: Some(1), `max_size`: Some(116), added: 611, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferExponents` (r:42 w:0)
	/// Proof: `Market::OfferExponents` (`max_values`: None, `max_size`: Some(26), added: 2501, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferMantissas` (r:1 w:0)
	/// Proof: `Market::OfferMantissas` (`max_values`: None, `max_size`: Some(19), added: 2494, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLevels` (r:1 w:0)
	/// Proof: `Market::OfferLevels` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLinks` (r:16 w:0)
	/// Proof: `Market::OfferLinks` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `Market::Offers` (r:16 w:0)
	/// Proof: `Market::Offers` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Providers` (r:16 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(593), added: 3068, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingLevels` (r:42 w:42)
	/// Proof: `Market::WaitingLevels` (`max_values`: None, `max_size`: Some(30), added: 2505, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingMantissas` (r:42 w:42)
	/// Proof: `Market::WaitingMantissas` (`max_values`: None, `max_size`: Some(21), added: 2496, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingExponents` (r:42 w:42)
	/// Proof: `Market::WaitingExponents` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingTiers` (r:42 w:42)
	/// Proof: `Market::WaitingTiers` (`max_values`: None, `max_size`: Some(27), added: 2502, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineQueueCursor` (r:1 w:0)
	/// Proof: `Market::DeadlineQueueCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineCount` (r:1 w:1)
	/// Proof: `Market::DeadlineCount` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(353), added: 2828, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineJobs` (r:0 w:1)
	/// Proof: `Market::DeadlineJobs` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingLinks` (r:0 w:42)
	/// Proof: `Market::WaitingLinks` (`max_values`: None, `max_size`: Some(38), added: 2513, mode: `MaxEncodedLen`)
	fn submit_job() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `7904`
		//  Estimated: `106200`
		// Minimum execution time: 847_926_000 picoseconds.
		Weight::from_parts(879_944_000, 106200)
			.saturating_add(T::DbWeight::get().reads(267_u64))
			.saturating_add(T::DbWeight::get().writes(217_u64))
	}
	/// Storage: `Market::Jobs` (r:1 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(353), added: 2828, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingLinks` (r:42 w:42)
	/// Proof: `Market::WaitingLinks` (`max_values`: None, `max_size`: Some(38), added: 2513, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingLevels` (r:42 w:42)
	/// Proof: `Market::WaitingLevels` (`max_values`: None, `max_size`: Some(30), added: 2505, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingMantissas` (r:42 w:42)
	/// Proof: `Market::WaitingMantissas` (`max_values`: None, `max_size`: Some(21), added: 2496, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingExponents` (r:42 w:42)
	/// Proof: `Market::WaitingExponents` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingTiers` (r:42 w:42)
	/// Proof: `Market::WaitingTiers` (`max_values`: None, `max_size`: Some(27), added: 2502, mode: `MaxEncodedLen`)
	/// Storage: `Market::Totals` (r:1 w:1)
	/// Proof: `Market::Totals` (`max_values`: Some(1), `max_size`: Some(116), added: 611, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineQueueCursor` (r:1 w:0)
	/// Proof: `Market::DeadlineQueueCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineCount` (r:1 w:1)
	/// Proof: `Market::DeadlineCount` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineJobs` (r:0 w:1)
	/// Proof: `Market::DeadlineJobs` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	fn cancel_job() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `7078`
		//  Estimated: `106536`
		// Minimum execution time: 827_686_000 picoseconds.
		Weight::from_parts(873_384_000, 106536)
			.saturating_add(T::DbWeight::get().reads(216_u64))
			.saturating_add(T::DbWeight::get().writes(216_u64))
	}
	/// Storage: `Market::Jobs` (r:1 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(353), added: 2828, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Providers` (r:17 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(593), added: 3068, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Providers::SlashedTotal` (r:1 w:1)
	/// Proof: `Providers::SlashedTotal` (`max_values`: Some(1), `max_size`: Some(16), added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Scores` (r:1 w:1)
	/// Proof: `Quality::Scores` (`max_values`: None, `max_size`: Some(132), added: 2607, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Leaders` (r:1 w:1)
	/// Proof: `Quality::Leaders` (`max_values`: None, `max_size`: Some(1162), added: 3637, mode: `MaxEncodedLen`)
	/// Storage: `Market::Offers` (r:17 w:2)
	/// Proof: `Market::Offers` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `Market::Totals` (r:1 w:1)
	/// Proof: `Market::Totals` (`max_values`: Some(1), `max_size`: Some(116), added: 611, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferExponents` (r:42 w:0)
	/// Proof: `Market::OfferExponents` (`max_values`: None, `max_size`: Some(26), added: 2501, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferMantissas` (r:1 w:0)
	/// Proof: `Market::OfferMantissas` (`max_values`: None, `max_size`: Some(19), added: 2494, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLevels` (r:1 w:1)
	/// Proof: `Market::OfferLevels` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLinks` (r:16 w:2)
	/// Proof: `Market::OfferLinks` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: UNKNOWN KEY `0x30cf098e30decf8540255ac971432bd9` (r:1 w:0)
	/// Proof: UNKNOWN KEY `0x30cf098e30decf8540255ac971432bd9` (r:1 w:0)
	/// Storage: `Market::SensitiveOfferLinks` (r:2 w:2)
	/// Proof: `Market::SensitiveOfferLinks` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `Market::SensitiveOfferLevels` (r:1 w:1)
	/// Proof: `Market::SensitiveOfferLevels` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineQueueCursor` (r:1 w:0)
	/// Proof: `Market::DeadlineQueueCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineCount` (r:1 w:1)
	/// Proof: `Market::DeadlineCount` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineJobs` (r:0 w:1)
	/// Proof: `Market::DeadlineJobs` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	fn expire() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `10486`
		//  Estimated: `106032`
		// Minimum execution time: 355_611_000 picoseconds.
		Weight::from_parts(375_100_000, 106032)
			.saturating_add(T::DbWeight::get().reads(110_u64))
			.saturating_add(T::DbWeight::get().writes(21_u64))
	}
	/// Storage: `Market::Jobs` (r:17 w:17)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(353), added: 2828, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Market::Totals` (r:1 w:1)
	/// Proof: `Market::Totals` (`max_values`: Some(1), `max_size`: Some(116), added: 611, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineQueueCursor` (r:1 w:0)
	/// Proof: `Market::DeadlineQueueCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineCount` (r:2 w:2)
	/// Proof: `Market::DeadlineCount` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	/// Storage: `Market::Offers` (r:1 w:1)
	/// Proof: `Market::Offers` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Providers` (r:1 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(593), added: 3068, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Scores` (r:1 w:0)
	/// Proof: `Quality::Scores` (`max_values`: None, `max_size`: Some(132), added: 2607, mode: `MaxEncodedLen`)
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
	/// Storage: `Market::WaitingTiers` (r:43 w:42)
	/// Proof: `Market::WaitingTiers` (`max_values`: None, `max_size`: Some(27), added: 2502, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingExponents` (r:125 w:42)
	/// Proof: `Market::WaitingExponents` (`max_values`: None, `max_size`: Some(28), added: 2503, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingMantissas` (r:167 w:84)
	/// Proof: `Market::WaitingMantissas` (`max_values`: None, `max_size`: Some(21), added: 2496, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingLevels` (r:84 w:84)
	/// Proof: `Market::WaitingLevels` (`max_values`: None, `max_size`: Some(30), added: 2505, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingLinks` (r:672 w:672)
	/// Proof: `Market::WaitingLinks` (`max_values`: None, `max_size`: Some(38), added: 2513, mode: `MaxEncodedLen`)
	/// Storage: UNKNOWN KEY `0x30cf098e30decf8540255ac971432bd9` (r:1 w:0)
	/// Proof: UNKNOWN KEY `0x30cf098e30decf8540255ac971432bd9` (r:1 w:0)
	/// Storage: `Market::DeadlineJobs` (r:0 w:2)
	/// Proof: `Market::DeadlineJobs` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLinks` (r:0 w:1)
	/// Proof: `Market::OfferLinks` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	fn expire_input_missing() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `54200`
		//  Estimated: `1689726`
		// Minimum execution time: 7_972_002_000 picoseconds.
		Weight::from_parts(8_421_944_000, 1689726)
			.saturating_add(T::DbWeight::get().reads(1125_u64))
			.saturating_add(T::DbWeight::get().writes(957_u64))
	}
	/// Storage: `Market::Jobs` (r:1 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(353), added: 2828, mode: `MaxEncodedLen`)
	/// Storage: `Market::Offers` (r:1 w:0)
	/// Proof: `Market::Offers` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: UNKNOWN KEY `0x2a17cde447a37f16c85dd4ef7fc9dbbb` (r:1 w:0)
	/// Proof: UNKNOWN KEY `0x2a17cde447a37f16c85dd4ef7fc9dbbb` (r:1 w:0)
	/// Storage: `Market::DeadlineQueueCursor` (r:1 w:0)
	/// Proof: `Market::DeadlineQueueCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineCount` (r:1 w:1)
	/// Proof: `Market::DeadlineCount` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineJobs` (r:0 w:1)
	/// Proof: `Market::DeadlineJobs` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	fn acknowledge_input() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `651`
		//  Estimated: `4116`
		// Minimum execution time: 21_142_000 picoseconds.
		Weight::from_parts(22_754_000, 4116)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Market::ReferencePrices` (r:0 w:1)
	/// Proof: `Market::ReferencePrices` (`max_values`: None, `max_size`: Some(25), added: 2500, mode: `MaxEncodedLen`)
	fn set_reference_price() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 4_727_000 picoseconds.
		Weight::from_parts(5_177_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Market::DeadlineQueueCursor` (r:1 w:1)
	/// Proof: `Market::DeadlineQueueCursor` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Market::DeadlineCount` (r:1 w:1)
	/// Proof: `Market::DeadlineCount` (`max_values`: None, `max_size`: Some(16), added: 2491, mode: `MaxEncodedLen`)
	fn on_idle_base() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `275`
		//  Estimated: `3481`
		// Minimum execution time: 8_382_000 picoseconds.
		Weight::from_parts(9_083_000, 3481)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// For tests: the same figures with ParityDB's database weights.
impl WeightInfo for () {
	fn set_offer() -> Weight {
		Weight::from_parts(8_538_669_000, 1689726)
			.saturating_add(ParityDbWeight::get().reads(1042_u64))
			.saturating_add(ParityDbWeight::get().writes(887_u64))
	}
	fn take_waiting_jobs() -> Weight {
		Weight::from_parts(8_499_380_000, 1689726)
			.saturating_add(ParityDbWeight::get().reads(1038_u64))
			.saturating_add(ParityDbWeight::get().writes(883_u64))
	}
	fn retract_offer() -> Weight {
		Weight::from_parts(82_383_000, 3604)
			.saturating_add(ParityDbWeight::get().reads(12_u64))
			.saturating_add(ParityDbWeight::get().writes(12_u64))
	}
	fn submit_job() -> Weight {
		Weight::from_parts(879_944_000, 106200)
			.saturating_add(ParityDbWeight::get().reads(267_u64))
			.saturating_add(ParityDbWeight::get().writes(217_u64))
	}
	fn cancel_job() -> Weight {
		Weight::from_parts(873_384_000, 106536)
			.saturating_add(ParityDbWeight::get().reads(216_u64))
			.saturating_add(ParityDbWeight::get().writes(216_u64))
	}
	fn expire() -> Weight {
		Weight::from_parts(375_100_000, 106032)
			.saturating_add(ParityDbWeight::get().reads(110_u64))
			.saturating_add(ParityDbWeight::get().writes(21_u64))
	}
	fn expire_input_missing() -> Weight {
		Weight::from_parts(8_421_944_000, 1689726)
			.saturating_add(ParityDbWeight::get().reads(1125_u64))
			.saturating_add(ParityDbWeight::get().writes(957_u64))
	}
	fn acknowledge_input() -> Weight {
		Weight::from_parts(22_754_000, 4116)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn set_reference_price() -> Weight {
		Weight::from_parts(5_177_000, 0)
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn on_idle_base() -> Weight {
		Weight::from_parts(9_083_000, 3481)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
}
