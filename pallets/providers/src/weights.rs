
//! Weights for `pallet_providers`, generated from its benchmarks by `scripts/benchmark-weights`.
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
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(576), added: 3051, mode: `MaxEncodedLen`)
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
		//  Estimated: `4041`
		// Minimum execution time: 20_620_000 picoseconds.
		Weight::from_parts(22_294_000, 4041)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(576), added: 3051, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	fn update_profile() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `466`
		//  Estimated: `4041`
		// Minimum execution time: 31_607_000 picoseconds.
		Weight::from_parts(34_582_000, 4041)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(576), added: 3051, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	fn pause() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `466`
		//  Estimated: `4041`
		// Minimum execution time: 31_497_000 picoseconds.
		Weight::from_parts(34_231_000, 4041)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(576), added: 3051, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	fn resume() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `466`
		//  Estimated: `4041`
		// Minimum execution time: 31_336_000 picoseconds.
		Weight::from_parts(34_722_000, 4041)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(576), added: 3051, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::CounterForProviders` (r:1 w:1)
	/// Proof: `Providers::CounterForProviders` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn deregister() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `466`
		//  Estimated: `4041`
		// Minimum execution time: 27_662_000 picoseconds.
		Weight::from_parts(30_776_000, 4041)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(576), added: 3051, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(85), added: 2560, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	fn bond() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `521`
		//  Estimated: `4041`
		// Minimum execution time: 80_390_000 picoseconds.
		Weight::from_parts(85_767_000, 4041)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(576), added: 3051, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	fn unbond() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `466`
		//  Estimated: `4041`
		// Minimum execution time: 33_000_000 picoseconds.
		Weight::from_parts(35_983_000, 4041)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(576), added: 3051, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(85), added: 2560, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Totals` (r:1 w:1)
	/// Proof: `Providers::Totals` (`max_values`: Some(1), `max_size`: Some(24), added: 519, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ClassTotals` (r:1 w:1)
	/// Proof: `Providers::ClassTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// Storage: `Providers::RegionTotals` (r:1 w:1)
	/// Proof: `Providers::RegionTotals` (`max_values`: None, `max_size`: Some(33), added: 2508, mode: `MaxEncodedLen`)
	/// The range of component `c` is `[1, 16]`.
	fn withdraw_unbonded(c: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `521 + c * (20 ±0)`
		//  Estimated: `4041`
		// Minimum execution time: 75_853_000 picoseconds.
		Weight::from_parts(80_819_890, 4041)
			.saturating_add(Weight::from_parts(54_774, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(576), added: 3051, mode: `MaxEncodedLen`)
	fn heartbeat() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `390`
		//  Estimated: `4041`
		// Minimum execution time: 12_669_000 picoseconds.
		Weight::from_parts(14_091_000, 4041)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

/// For tests: the same figures with ParityDB's database weights.
impl WeightInfo for () {
	fn register() -> Weight {
		Weight::from_parts(22_294_000, 4041)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn update_profile() -> Weight {
		Weight::from_parts(34_582_000, 4041)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn pause() -> Weight {
		Weight::from_parts(34_231_000, 4041)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn resume() -> Weight {
		Weight::from_parts(34_722_000, 4041)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn deregister() -> Weight {
		Weight::from_parts(30_776_000, 4041)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn bond() -> Weight {
		Weight::from_parts(85_767_000, 4041)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn unbond() -> Weight {
		Weight::from_parts(35_983_000, 4041)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn withdraw_unbonded(c: u32, ) -> Weight {
		Weight::from_parts(80_819_890, 4041)
			.saturating_add(Weight::from_parts(54_774, 0).saturating_mul(c.into()))
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn heartbeat() -> Weight {
		Weight::from_parts(14_091_000, 4041)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
}
