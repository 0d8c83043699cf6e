//! Placeholder weights, replaced by `bash scripts/benchmark-weights pallet_market`.

#![allow(missing_docs)]
use polkadot_sdk::frame_support::weights::{constants::ParityDbWeight, Weight};

/// Weight functions needed for `pallet_market`.
pub trait WeightInfo {
	fn set_offer() -> Weight;
	fn retract_offer() -> Weight;
	fn submit_job() -> Weight;
	fn cancel_job() -> Weight;
	fn commit_result() -> Weight;
	fn expire() -> Weight;
	fn set_reference_price() -> Weight;
	fn on_idle_base() -> Weight;
}

impl WeightInfo for () {
	fn set_offer() -> Weight { Weight::from_parts(100_000_000, 0).saturating_add(ParityDbWeight::get().reads_writes(60, 60)) }
	fn retract_offer() -> Weight { Weight::from_parts(20_000_000, 0).saturating_add(ParityDbWeight::get().reads_writes(5, 5)) }
	fn submit_job() -> Weight { Weight::from_parts(200_000_000, 0).saturating_add(ParityDbWeight::get().reads_writes(150, 20)) }
	fn cancel_job() -> Weight { Weight::from_parts(50_000_000, 0).saturating_add(ParityDbWeight::get().reads_writes(20, 20)) }
	fn commit_result() -> Weight { Weight::from_parts(150_000_000, 0).saturating_add(ParityDbWeight::get().reads_writes(80, 60)) }
	fn expire() -> Weight { Weight::from_parts(250_000_000, 0).saturating_add(ParityDbWeight::get().reads_writes(200, 60)) }
	fn set_reference_price() -> Weight { Weight::from_parts(10_000_000, 0).saturating_add(ParityDbWeight::get().writes(1)) }
	fn on_idle_base() -> Weight { Weight::from_parts(5_000_000, 0).saturating_add(ParityDbWeight::get().reads_writes(2, 2)) }
}
