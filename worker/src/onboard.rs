//! Onboarding a provider: measure the machine, then register, bond and offer on chain.
//!
//! Everything here can also be done from polkadot.js (`providers.register`, `providers.bond`,
//! `market.setOffer`); these are the same calls with the worker's key.

use crate::chain::{runtime, Chain, ChainError};
use compnet_kernels::{rng::SplitMix, Device};
use compnet_primitives::{Capacity, HardwareClass, Region, RegionGroup, H100_EQUIVALENT};
use std::time::Instant;
use subxt::utils::Static;

/// Dense int8 tensor throughput of one H100 SXM, operations per second: the reference the measured
/// rate is divided by.
pub const H100_INT8_OPS: f64 = 1.979e15;

/// What `benchmark` measured.
#[derive(Clone, Debug)]
pub struct Measurement {
	/// The device measured.
	pub device: String,
	/// The square matrix size used.
	pub size: usize,
	/// int8 matrix-product rate, operations per second (2 per multiply-accumulate).
	pub int8_ops: f64,
	/// fp32 matrix-product rate, operations per second.
	pub f32_ops: f64,
}

impl Measurement {
	/// The machine's capacity in thousandths of an H100, from its int8 rate; at least 1.
	pub fn capacity(&self) -> Capacity {
		((self.int8_ops / H100_INT8_OPS * H100_EQUIVALENT as f64).round() as Capacity).max(1)
	}
}

/// Measures `device`'s int8 and fp32 matrix-product rates on `size × size` matrices (best of
/// several runs, at least `min_secs` each).
pub fn measure(device: &dyn Device, size: usize, min_secs: f64) -> Result<Measurement, compnet_kernels::DeviceError> {
	let mut rng = SplitMix(0xC0FFEE);
	let a8: Vec<i8> = (0..size * size).map(|_| rng.next() as i8).collect();
	let b8: Vec<i8> = (0..size * size).map(|_| rng.next() as i8).collect();
	let a: Vec<f32> = (0..size * size).map(|_| rng.f32_signed()).collect();
	let b: Vec<f32> = (0..size * size).map(|_| rng.f32_signed()).collect();
	let ops = 2.0 * (size as f64).powi(3);
	let best = |f: &mut dyn FnMut() -> Result<(), compnet_kernels::DeviceError>| -> Result<f64, compnet_kernels::DeviceError> {
		let start = Instant::now();
		let mut best = f64::MAX;
		let mut runs = 0;
		while runs < 2 || start.elapsed().as_secs_f64() < min_secs {
			let t = Instant::now();
			f()?;
			best = best.min(t.elapsed().as_secs_f64());
			runs += 1;
		}
		Ok(best)
	};
	let t8 = best(&mut || device.gemm_i8(size, size, size, &a8, &b8).map(drop))?;
	let t32 = best(&mut || device.gemm_f32(size, size, size, &a, &b).map(drop))?;
	Ok(Measurement { device: device.name(), size, int8_ops: ops / t8, f32_ops: ops / t32 })
}

/// Parses a hardware class name (`h100`, `rtx4090`, `cpu`, …), case-insensitively.
pub fn parse_class(name: &str) -> Result<HardwareClass, String> {
	HardwareClass::ALL
		.into_iter()
		.find(|c| format!("{c:?}").eq_ignore_ascii_case(name))
		.ok_or_else(|| {
			let names: Vec<String> = HardwareClass::ALL.iter().map(|c| format!("{c:?}").to_lowercase()).collect();
			format!("unknown hardware class `{name}`; one of {}", names.join(", "))
		})
}

/// Parses a region group name (`north-america`, `europe`, …).
pub fn parse_group(name: &str) -> Result<RegionGroup, String> {
	let normal = name.replace(['-', '_', ' '], "").to_lowercase();
	RegionGroup::ALL
		.into_iter()
		.find(|g| format!("{g:?}").to_lowercase() == normal)
		.ok_or_else(|| format!("unknown region group `{name}`"))
}

/// Parses a two-letter country code.
pub fn parse_country(code: &str) -> Result<[u8; 2], String> {
	let bytes = code.as_bytes();
	if bytes.len() != 2 || !bytes.iter().all(u8::is_ascii_alphabetic) {
		return Err(format!("`{code}` is not a two-letter country code"));
	}
	Ok([bytes[0].to_ascii_uppercase(), bytes[1].to_ascii_uppercase()])
}

/// The profile a provider registers.
#[derive(Clone, Debug)]
pub struct ProfileArgs {
	/// The GPU model or CPU.
	pub class: HardwareClass,
	/// Devices of that class.
	pub devices: u32,
	/// Memory per device in GiB.
	pub memory_gib: u32,
	/// Capacity in thousandths of an H100.
	pub capacity: Capacity,
	/// Country and group.
	pub region: Region,
	/// The blob service's public URL.
	pub endpoint: String,
	/// The operator account (defaults to the provider itself).
	pub operator: Option<crate::chain::AccountId>,
}

/// `providers.register(profile)`.
pub async fn register(chain: &Chain, args: ProfileArgs) -> Result<(), ChainError> {
	use runtime::runtime_types::{bounded_collections::bounded_vec::BoundedVec, pallet_providers::types::Profile};
	let profile = Profile {
		class: Static(args.class),
		devices: args.devices,
		memory_gib: args.memory_gib,
		capacity: args.capacity,
		region: Static(args.region),
		endpoint: BoundedVec(args.endpoint.into_bytes()),
		operator: args.operator.unwrap_or_else(|| chain.account().clone()),
	};
	chain.submit("providers.register", &runtime::tx().providers().register(profile)).await.map(drop)
}

/// `providers.accept_provider(provider)`, signed by the operator the provider names.
pub async fn accept_provider(chain: &Chain, provider: crate::chain::AccountId) -> Result<(), ChainError> {
	chain.submit("providers.accept_provider", &runtime::tx().providers().accept_provider(provider)).await.map(drop)
}

/// `providers.bond(amount)`.
pub async fn bond(chain: &Chain, amount: u128) -> Result<(), ChainError> {
	chain.submit("providers.bond", &runtime::tx().providers().bond(amount)).await.map(drop)
}

/// `market.set_offer(price, max_concurrent, available)`.
pub async fn offer(chain: &Chain, price_per_unit: u128, max_concurrent: u32, available: bool) -> Result<(), ChainError> {
	chain
		.submit("market.set_offer", &runtime::tx().market().set_offer(price_per_unit, max_concurrent, available))
		.await
		.map(drop)
}
