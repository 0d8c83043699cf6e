//! What a program costs: fuel in compute units, so one offer price serves every workload.
//!
//! The rate is the chain's ([`compnet_primitives::FUEL_PER_UNIT`], where its measurement is
//! written down); `speed_of_the_example_programs_against_native` (`tests/examples.rs`) prints
//! the fuel per second this machine reaches and the rate it implies on each run.

pub use compnet_primitives::{fuel_units as units, FUEL_PER_UNIT};
