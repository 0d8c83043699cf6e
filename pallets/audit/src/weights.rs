//! Weights for `pallet_audit`.
//!
//! Placeholder figures until `bash scripts/benchmark-weights pallet_audit` regenerates this file
//! from the benchmarks in `benchmarking.rs`.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use polkadot_sdk::frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_audit`.
pub trait WeightInfo {
	fn commit_result() -> Weight;
	fn reveal() -> Weight;
	fn advance() -> Weight;
	fn seal_canary() -> Weight;
	fn reveal_canary() -> Weight;
	fn on_idle_base() -> Weight;
}

/// Weights for `pallet_audit` using the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn commit_result() -> Weight {
		Weight::from_parts(500_000_000, 8_000).saturating_add(T::DbWeight::get().reads_writes(8, 6))
	}
	fn reveal() -> Weight {
		Weight::from_parts(2_000_000_000, 20_000).saturating_add(T::DbWeight::get().reads_writes(40, 30))
	}
	fn advance() -> Weight {
		Weight::from_parts(2_000_000_000, 20_000).saturating_add(T::DbWeight::get().reads_writes(40, 30))
	}
	fn seal_canary() -> Weight {
		Weight::from_parts(20_000_000, 1_000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn reveal_canary() -> Weight {
		Weight::from_parts(500_000_000, 8_000).saturating_add(T::DbWeight::get().reads_writes(8, 8))
	}
	fn on_idle_base() -> Weight {
		Weight::from_parts(10_000_000, 1_000).saturating_add(T::DbWeight::get().reads_writes(2, 1))
	}
}

impl WeightInfo for () {
	fn commit_result() -> Weight {
		Weight::from_parts(500_000_000, 8_000).saturating_add(RocksDbWeight::get().reads_writes(8, 6))
	}
	fn reveal() -> Weight {
		Weight::from_parts(2_000_000_000, 20_000).saturating_add(RocksDbWeight::get().reads_writes(40, 30))
	}
	fn advance() -> Weight {
		Weight::from_parts(2_000_000_000, 20_000).saturating_add(RocksDbWeight::get().reads_writes(40, 30))
	}
	fn seal_canary() -> Weight {
		Weight::from_parts(20_000_000, 1_000).saturating_add(RocksDbWeight::get().reads_writes(1, 1))
	}
	fn reveal_canary() -> Weight {
		Weight::from_parts(500_000_000, 8_000).saturating_add(RocksDbWeight::get().reads_writes(8, 8))
	}
	fn on_idle_base() -> Weight {
		Weight::from_parts(10_000_000, 1_000).saturating_add(RocksDbWeight::get().reads_writes(2, 1))
	}
}
