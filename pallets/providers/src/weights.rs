
//! Weights for `pallet_providers`, generated from its benchmarks by `scripts/benchmark-weights`.
//!
//! CLI VERSION 64.0.0, DATE 2026-12-06, STEPS `50`, REPEAT `20`
//! HOSTNAME `vm`, CPU `AMD EPYC`, WASM-EXECUTION `Compiled`, CHAIN `Some("dev")`

// Executed Command:
// /root/.cache/compnet/target/release/compnet-node
// benchmark
// pallet
// --chain
// dev
// --pallet
// pallet_providers
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
// pallets/providers/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{traits::Get, weights::{constants::ParityDbWeight, Weight}};

/// Weight functions needed for `pallet_providers`.
pub trait WeightInfo {
	fn register() -> Weight;
	fn update_profile() -> Weight;
	fn accept_provider() -> Weight;
	fn release_provider() -> Weight;
	fn pause() -> Weight;
	fn resume() -> Weight;
	fn deregister() -> Weight;
	fn bond() -> Weight;
	fn unbond() -> Weight;
	fn withdraw_unbonded(c: u32, ) -> Weight;
	fn heartbeat() -> Weight;
}

/// Weights for `pallet_providers` charged with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(593), added: 3068, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::CounterForProviders` (r:1 w:1)
	/// Proof: `Providers::CounterForProviders` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn register() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `6`
		//  Estimated: `4058`
		// Minimum execution time: 64_706_000 picoseconds.
		Weight::from_parts(70_505_000, 4058)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(593), added: 3068, mode: `MaxEncodedLen`)
	/// Storage: `Market::Offers` (r:1 w:0)
	/// Proof: `Market::Offers` (`max_values`: None, `max_size`: Some(112), added: 2587, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	fn update_profile() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `700`
		//  Estimated: `4058`
		// Minimum execution time: 36_754_000 picoseconds.
		Weight::from_parts(48_262_000, 4058)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(593), added: 3068, mode: `MaxEncodedLen`)
	/// Storage: `Market::Offers` (r:1 w:0)
	/// Proof: `Market::Offers` (`max_values`: None, `max_size`: Some(112), added: 2587, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	fn accept_provider() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `700`
		//  Estimated: `4058`
		// Minimum execution time: 36_383_000 picoseconds.
		Weight::from_parts(48_833_000, 4058)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(593), added: 3068, mode: `MaxEncodedLen`)
	/// Storage: `Market::Offers` (r:1 w:0)
	/// Proof: `Market::Offers` (`max_values`: None, `max_size`: Some(112), added: 2587, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	fn release_provider() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `700`
		//  Estimated: `4058`
		// Minimum execution time: 36_784_000 picoseconds.
		Weight::from_parts(61_080_000, 4058)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(593), added: 3068, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::MemberSlot` (r:1 w:1)
	/// Proof: `Providers::MemberSlot` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassSize` (r:1 w:1)
	/// Proof: `Providers::ClassSize` (`max_values`: None, `max_size`: Some(13), added: 2488, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassMembers` (r:1 w:1)
	/// Proof: `Providers::ClassMembers` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	fn pause() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `658`
		//  Estimated: `4058`
		// Minimum execution time: 43_013_000 picoseconds.
		Weight::from_parts(74_110_000, 4058)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(593), added: 3068, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassSize` (r:1 w:1)
	/// Proof: `Providers::ClassSize` (`max_values`: None, `max_size`: Some(13), added: 2488, mode: `MaxEncodedLen`)
	/// Storage: `Providers::MemberSlot` (r:0 w:1)
	/// Proof: `Providers::MemberSlot` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassMembers` (r:0 w:1)
	/// Proof: `Providers::ClassMembers` (`max_values`: None, `max_size`: Some(45), added: 2520, mode: `MaxEncodedLen`)
	fn resume() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `516`
		//  Estimated: `4058`
		// Minimum execution time: 37_435_000 picoseconds.
		Weight::from_parts(43_774_000, 4058)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(593), added: 3068, mode: `MaxEncodedLen`)
	/// Storage: `Market::Offers` (r:1 w:0)
	/// Proof: `Market::Offers` (`max_values`: None, `max_size`: Some(112), added: 2587, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::CounterForProviders` (r:1 w:1)
	/// Proof: `Providers::CounterForProviders` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Providers::MemberSlot` (r:1 w:0)
	/// Proof: `Providers::MemberSlot` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Leaders` (r:7 w:7)
	/// Proof: `Quality::Leaders` (`max_values`: None, `max_size`: Some(1162), added: 3637, mode: `MaxEncodedLen`)
	/// Storage: `Quality::Scores` (r:0 w:1)
	/// Proof: `Quality::Scores` (`max_values`: None, `max_size`: Some(132), added: 2607, mode: `MaxEncodedLen`)
	fn deregister() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `655`
		//  Estimated: `26449`
		// Minimum execution time: 94_380_000 picoseconds.
		Weight::from_parts(106_337_000, 26449)
			.saturating_add(T::DbWeight::get().reads(15_u64))
			.saturating_add(T::DbWeight::get().writes(14_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(593), added: 3068, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	fn bond() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `661`
		//  Estimated: `4058`
		// Minimum execution time: 79_988_000 picoseconds.
		Weight::from_parts(128_701_000, 4058)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(593), added: 3068, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	fn unbond() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `586`
		//  Estimated: `4058`
		// Minimum execution time: 32_849_000 picoseconds.
		Weight::from_parts(53_970_000, 4058)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(593), added: 3068, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(139), added: 2614, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// The range of component `c` is `[1, 16]`.
	fn withdraw_unbonded(_c: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `591 + c * (20 ±0)`
		//  Estimated: `4058`
		// Minimum execution time: 72_868_000 picoseconds.
		Weight::from_parts(98_499_182, 4058)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(593), added: 3068, mode: `MaxEncodedLen`)
	fn heartbeat() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `509`
		//  Estimated: `4058`
		// Minimum execution time: 13_811_000 picoseconds.
		Weight::from_parts(24_286_000, 4058)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

/// For tests: the same figures with ParityDB's database weights.
impl WeightInfo for () {
	fn register() -> Weight {
		Weight::from_parts(70_505_000, 4058)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn update_profile() -> Weight {
		Weight::from_parts(48_262_000, 4058)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn accept_provider() -> Weight {
		Weight::from_parts(48_833_000, 4058)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn release_provider() -> Weight {
		Weight::from_parts(61_080_000, 4058)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn pause() -> Weight {
		Weight::from_parts(74_110_000, 4058)
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(7_u64))
	}
	fn resume() -> Weight {
		Weight::from_parts(43_774_000, 4058)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(7_u64))
	}
	fn deregister() -> Weight {
		Weight::from_parts(106_337_000, 26449)
			.saturating_add(ParityDbWeight::get().reads(15_u64))
			.saturating_add(ParityDbWeight::get().writes(14_u64))
	}
	fn bond() -> Weight {
		Weight::from_parts(128_701_000, 4058)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn unbond() -> Weight {
		Weight::from_parts(53_970_000, 4058)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn withdraw_unbonded(_c: u32, ) -> Weight {
		Weight::from_parts(98_499_182, 4058)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn heartbeat() -> Weight {
		Weight::from_parts(24_286_000, 4058)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
}
