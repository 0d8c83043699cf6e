
//! Weights for `pallet_market`, generated from its benchmarks by `scripts/benchmark-weights`.
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
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(576), added: 3051, mode: `MaxEncodedLen`)
	/// Storage: `Market::Offers` (r:1 w:1)
	/// Proof: `Market::Offers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLinks` (r:1 w:1)
	/// Proof: `Market::OfferLinks` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLevels` (r:2 w:2)
	/// Proof: `Market::OfferLevels` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferMantissas` (r:2 w:2)
	/// Proof: `Market::OfferMantissas` (`max_values`: None, `max_size`: Some(19), added: 2494, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferExponents` (r:1 w:1)
	/// Proof: `Market::OfferExponents` (`max_values`: None, `max_size`: Some(26), added: 2501, mode: `MaxEncodedLen`)
	/// Storage: `Market::Totals` (r:1 w:1)
	/// Proof: `Market::Totals` (`max_values`: Some(1), `max_size`: Some(92), added: 587, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Scores` (r:1 w:0)
	/// Proof: `Quality::Scores` (`max_values`: None, `max_size`: Some(132), added: 2607, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingExponents` (r:6 w:6)
	/// Proof: `Market::WaitingExponents` (`max_values`: None, `max_size`: Some(25), added: 2500, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingMantissas` (r:6 w:6)
	/// Proof: `Market::WaitingMantissas` (`max_values`: None, `max_size`: Some(18), added: 2493, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingLevels` (r:6 w:6)
	/// Proof: `Market::WaitingLevels` (`max_values`: None, `max_size`: Some(27), added: 2502, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingLinks` (r:96 w:96)
	/// Proof: `Market::WaitingLinks` (`max_values`: None, `max_size`: Some(35), added: 2510, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:16 w:16)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(337), added: 2812, mode: `MaxEncodedLen`)
	/// Storage: UNKNOWN KEY `0x2a17cde447a37f16c85dd4ef7fc9dbbb` (r:1 w:0)
	/// Proof: UNKNOWN KEY `0x2a17cde447a37f16c85dd4ef7fc9dbbb` (r:1 w:0)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(4110), added: 6585, mode: `MaxEncodedLen`)
	fn set_offer() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `8077`
		//  Estimated: `241950`
		// Minimum execution time: 1_584_370_000 picoseconds.
		Weight::from_parts(1_635_085_000, 241950)
			.saturating_add(T::DbWeight::get().reads(142_u64))
			.saturating_add(T::DbWeight::get().writes(139_u64))
	}
	/// Storage: `Market::Offers` (r:1 w:1)
	/// Proof: `Market::Offers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLinks` (r:1 w:1)
	/// Proof: `Market::OfferLinks` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLevels` (r:1 w:1)
	/// Proof: `Market::OfferLevels` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferMantissas` (r:1 w:1)
	/// Proof: `Market::OfferMantissas` (`max_values`: None, `max_size`: Some(19), added: 2494, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferExponents` (r:1 w:1)
	/// Proof: `Market::OfferExponents` (`max_values`: None, `max_size`: Some(26), added: 2501, mode: `MaxEncodedLen`)
	/// Storage: `Market::Totals` (r:1 w:1)
	/// Proof: `Market::Totals` (`max_values`: Some(1), `max_size`: Some(92), added: 587, mode: `MaxEncodedLen`)
	fn retract_offer() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `587`
		//  Estimated: `3579`
		// Minimum execution time: 36_214_000 picoseconds.
		Weight::from_parts(38_117_000, 3579)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: UNKNOWN KEY `0x2a17cde447a37f16c85dd4ef7fc9dbbb` (r:1 w:0)
	/// Proof: UNKNOWN KEY `0x2a17cde447a37f16c85dd4ef7fc9dbbb` (r:1 w:0)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `Market::NextJobId` (r:1 w:1)
	/// Proof: `Market::NextJobId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Market::Totals` (r:1 w:1)
	/// Proof: `Market::Totals` (`max_values`: Some(1), `max_size`: Some(92), added: 587, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferExponents` (r:42 w:0)
	/// Proof: `Market::OfferExponents` (`max_values`: None, `max_size`: Some(26), added: 2501, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferMantissas` (r:1 w:0)
	/// Proof: `Market::OfferMantissas` (`max_values`: None, `max_size`: Some(19), added: 2494, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLevels` (r:1 w:1)
	/// Proof: `Market::OfferLevels` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLinks` (r:16 w:2)
	/// Proof: `Market::OfferLinks` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `Market::Offers` (r:16 w:1)
	/// Proof: `Market::Offers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Providers` (r:16 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(576), added: 3051, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(4110), added: 6585, mode: `MaxEncodedLen`)
	/// Storage: `Market::Jobs` (r:0 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(337), added: 2812, mode: `MaxEncodedLen`)
	fn submit_job() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `6707`
		//  Estimated: `106032`
		// Minimum execution time: 405_955_000 picoseconds.
		Weight::from_parts(416_470_000, 106032)
			.saturating_add(T::DbWeight::get().reads(98_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	/// Storage: `Market::Jobs` (r:1 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(337), added: 2812, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingLinks` (r:6 w:6)
	/// Proof: `Market::WaitingLinks` (`max_values`: None, `max_size`: Some(35), added: 2510, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingLevels` (r:6 w:6)
	/// Proof: `Market::WaitingLevels` (`max_values`: None, `max_size`: Some(27), added: 2502, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingMantissas` (r:6 w:6)
	/// Proof: `Market::WaitingMantissas` (`max_values`: None, `max_size`: Some(18), added: 2493, mode: `MaxEncodedLen`)
	/// Storage: `Market::WaitingExponents` (r:6 w:6)
	/// Proof: `Market::WaitingExponents` (`max_values`: None, `max_size`: Some(25), added: 2500, mode: `MaxEncodedLen`)
	/// Storage: `Market::Totals` (r:1 w:1)
	/// Proof: `Market::Totals` (`max_values`: Some(1), `max_size`: Some(92), added: 587, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(103), added: 2578, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(4110), added: 6585, mode: `MaxEncodedLen`)
	fn cancel_job() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1359`
		//  Estimated: `16050`
		// Minimum execution time: 181_450_000 picoseconds.
		Weight::from_parts(186_769_000, 16050)
			.saturating_add(T::DbWeight::get().reads(29_u64))
			.saturating_add(T::DbWeight::get().writes(29_u64))
	}
	/// Storage: `Market::Jobs` (r:1 w:1)
	/// Proof: `Market::Jobs` (`max_values`: None, `max_size`: Some(337), added: 2812, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Providers` (r:17 w:1)
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
	/// Storage: `Quality::Scores` (r:1 w:1)
	/// Proof: `Quality::Scores` (`max_values`: None, `max_size`: Some(132), added: 2607, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Leaders` (r:1 w:1)
	/// Proof: `Quality::Leaders` (`max_values`: None, `max_size`: Some(1162), added: 3637, mode: `MaxEncodedLen`)
	/// Storage: `Market::Offers` (r:17 w:2)
	/// Proof: `Market::Offers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Market::Totals` (r:1 w:1)
	/// Proof: `Market::Totals` (`max_values`: Some(1), `max_size`: Some(92), added: 587, mode: `MaxEncodedLen`)
	/// Storage: UNKNOWN KEY `0x2a17cde447a37f16c85dd4ef7fc9dbbb` (r:1 w:0)
	/// Proof: UNKNOWN KEY `0x2a17cde447a37f16c85dd4ef7fc9dbbb` (r:1 w:0)
	/// Storage: `Market::OfferExponents` (r:42 w:0)
	/// Proof: `Market::OfferExponents` (`max_values`: None, `max_size`: Some(26), added: 2501, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferMantissas` (r:1 w:0)
	/// Proof: `Market::OfferMantissas` (`max_values`: None, `max_size`: Some(19), added: 2494, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLevels` (r:1 w:1)
	/// Proof: `Market::OfferLevels` (`max_values`: None, `max_size`: Some(76), added: 2551, mode: `MaxEncodedLen`)
	/// Storage: `Market::OfferLinks` (r:16 w:2)
	/// Proof: `Market::OfferLinks` (`max_values`: None, `max_size`: Some(114), added: 2589, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(4110), added: 6585, mode: `MaxEncodedLen`)
	fn expire() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `7399`
		//  Estimated: `106032`
		// Minimum execution time: 439_495_000 picoseconds.
		Weight::from_parts(451_973_000, 106032)
			.saturating_add(T::DbWeight::get().reads(105_u64))
			.saturating_add(T::DbWeight::get().writes(16_u64))
	}
	fn expire_input_missing() -> Weight {
		Weight::from_parts(451_973_000, 106032)
			.saturating_add(T::DbWeight::get().reads(105_u64))
			.saturating_add(T::DbWeight::get().writes(16_u64))
	}
	fn acknowledge_input() -> Weight {
		Weight::from_parts(40_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Market::ReferencePrices` (r:0 w:1)
	/// Proof: `Market::ReferencePrices` (`max_values`: None, `max_size`: Some(25), added: 2500, mode: `MaxEncodedLen`)
	fn set_reference_price() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 6_700_000 picoseconds.
		Weight::from_parts(7_401_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Market::DeadlineCursor` (r:1 w:1)
	/// Proof: `Market::DeadlineCursor` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Market::Deadlines` (r:1 w:1)
	/// Proof: `Market::Deadlines` (`max_values`: None, `max_size`: Some(4110), added: 6585, mode: `MaxEncodedLen`)
	fn on_idle_base() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `137`
		//  Estimated: `7575`
		// Minimum execution time: 7_811_000 picoseconds.
		Weight::from_parts(8_532_000, 7575)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// For tests: the same figures with ParityDB's database weights.
impl WeightInfo for () {
	fn set_offer() -> Weight {
		Weight::from_parts(1_635_085_000, 241950)
			.saturating_add(ParityDbWeight::get().reads(142_u64))
			.saturating_add(ParityDbWeight::get().writes(139_u64))
	}
	fn retract_offer() -> Weight {
		Weight::from_parts(38_117_000, 3579)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn submit_job() -> Weight {
		Weight::from_parts(416_470_000, 106032)
			.saturating_add(ParityDbWeight::get().reads(98_u64))
			.saturating_add(ParityDbWeight::get().writes(10_u64))
	}
	fn cancel_job() -> Weight {
		Weight::from_parts(186_769_000, 16050)
			.saturating_add(ParityDbWeight::get().reads(29_u64))
			.saturating_add(ParityDbWeight::get().writes(29_u64))
	}
	fn expire() -> Weight {
		Weight::from_parts(451_973_000, 106032)
			.saturating_add(ParityDbWeight::get().reads(105_u64))
			.saturating_add(ParityDbWeight::get().writes(16_u64))
	}
	fn expire_input_missing() -> Weight {
		Weight::from_parts(451_973_000, 106032)
			.saturating_add(ParityDbWeight::get().reads(105_u64))
			.saturating_add(ParityDbWeight::get().writes(16_u64))
	}
	fn acknowledge_input() -> Weight {
		Weight::from_parts(40_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn set_reference_price() -> Weight {
		Weight::from_parts(7_401_000, 0)
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn on_idle_base() -> Weight {
		Weight::from_parts(8_532_000, 7575)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
}
