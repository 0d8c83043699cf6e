
//! Weights for `pallet_audit`: conservative placeholders until `scripts/benchmark-weights
//! pallet_audit` regenerates them from the benchmarks.

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
	fn seal_canary() -> Weight;
	fn reveal_canary() -> Weight;
	fn remove_canary() -> Weight;
	fn on_idle_base() -> Weight;
}

/// Weights for `pallet_audit` charged with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn commit_result() -> Weight {
		Weight::from_parts(60000000, 8000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn reveal() -> Weight {
		Weight::from_parts(1700000000, 250000)
			.saturating_add(T::DbWeight::get().reads(160_u64))
			.saturating_add(T::DbWeight::get().writes(140_u64))
	}
	fn advance_draw() -> Weight {
		Weight::from_parts(150000000, 20000)
			.saturating_add(T::DbWeight::get().reads(40_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn advance_commit_timeout() -> Weight {
		Weight::from_parts(400000000, 40000)
			.saturating_add(T::DbWeight::get().reads(60_u64))
			.saturating_add(T::DbWeight::get().writes(20_u64))
	}
	fn advance_decide() -> Weight {
		Weight::from_parts(1700000000, 250000)
			.saturating_add(T::DbWeight::get().reads(160_u64))
			.saturating_add(T::DbWeight::get().writes(140_u64))
	}
	fn report_input_unavailable() -> Weight {
		Weight::from_parts(150000000, 20000)
			.saturating_add(T::DbWeight::get().reads(40_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn seal_canary() -> Weight {
		Weight::from_parts(12000000, 3600)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn reveal_canary() -> Weight {
		Weight::from_parts(140000000, 8000)
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(11_u64))
	}
	fn remove_canary() -> Weight {
		Weight::from_parts(12000000, 3600)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn on_idle_base() -> Weight {
		Weight::from_parts(10000000, 8000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// For tests: the same figures with ParityDB's database weights.
impl WeightInfo for () {
	fn commit_result() -> Weight {
		Weight::from_parts(60000000, 8000)
			.saturating_add(ParityDbWeight::get().reads(8_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn reveal() -> Weight {
		Weight::from_parts(1700000000, 250000)
			.saturating_add(ParityDbWeight::get().reads(160_u64))
			.saturating_add(ParityDbWeight::get().writes(140_u64))
	}
	fn advance_draw() -> Weight {
		Weight::from_parts(150000000, 20000)
			.saturating_add(ParityDbWeight::get().reads(40_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn advance_commit_timeout() -> Weight {
		Weight::from_parts(400000000, 40000)
			.saturating_add(ParityDbWeight::get().reads(60_u64))
			.saturating_add(ParityDbWeight::get().writes(20_u64))
	}
	fn advance_decide() -> Weight {
		Weight::from_parts(1700000000, 250000)
			.saturating_add(ParityDbWeight::get().reads(160_u64))
			.saturating_add(ParityDbWeight::get().writes(140_u64))
	}
	fn report_input_unavailable() -> Weight {
		Weight::from_parts(150000000, 20000)
			.saturating_add(ParityDbWeight::get().reads(40_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn seal_canary() -> Weight {
		Weight::from_parts(12000000, 3600)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn reveal_canary() -> Weight {
		Weight::from_parts(140000000, 8000)
			.saturating_add(ParityDbWeight::get().reads(12_u64))
			.saturating_add(ParityDbWeight::get().writes(11_u64))
	}
	fn remove_canary() -> Weight {
		Weight::from_parts(12000000, 3600)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn on_idle_base() -> Weight {
		Weight::from_parts(10000000, 8000)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
}
