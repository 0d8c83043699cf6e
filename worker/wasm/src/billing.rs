//! What a program costs: fuel in compute units, so one offer price serves every workload.
//!
//! A compute unit is what the market's other workloads count: 10⁹ multiply-accumulates, of which
//! a `Cpu`-class device is rated (`pallet-market`'s `UnitsPerBlock` × `h100_equivalent` / 1,000)
//! at 1,000,000 × 2 / 1,000 = 2,000 units a 6-second block, 333 units a second. The rate of fuel
//! is measured the same way on the same class: `speed_of_the_example_programs_against_native`
//! prints the fuel per second a program reaches under metering on this machine (2 cores, the
//! `Cpu` class): 10.5 × 10⁹ for the option pricer, so one unit of `Cpu` time buys 10.5 × 10⁹ /
//! 333 = 31.4 × 10⁶ fuel. [`FUEL_PER_UNIT`] is that figure, rounded.

/// Fuel per compute unit (see the module documentation for how it was measured).
pub const FUEL_PER_UNIT: u64 = 31_400_000;

/// The compute units `fuel` costs: rounded up, at least 1.
pub fn units(fuel: u64) -> u64 {
	fuel.div_ceil(FUEL_PER_UNIT).max(1)
}
