//! A CompNet program: the price of a European option by Monte Carlo, with the spot following
//! geometric Brownian motion, `S_T = S·exp((r − σ²/2)·T + σ·√T·Z)`, and antithetic pairs.
//!
//! Input (text, any order, defaults in brackets):
//! `spot=100 strike=105 rate=0.05 volatility=0.2 years=1 paths=1000000 seed=1 kind=call`.
//! Output (text): `price=… standard_error=… paths=…`, and the Black–Scholes closed form to compare.
//! The normal draws come from SplitMix64 and Box–Muller (`libm`), so the same input gives the same
//! price to the last bit on every machine.
#![no_std]

use compnet_guest::{format, String};

/// What is priced.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Contract {
	/// Spot price now.
	pub spot: f64,
	/// Strike.
	pub strike: f64,
	/// Risk-free rate, continuously compounded.
	pub rate: f64,
	/// Volatility per year.
	pub volatility: f64,
	/// Time to expiry in years.
	pub years: f64,
	/// A call (else a put).
	pub call: bool,
}

/// A Monte Carlo estimate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
	/// The discounted mean payoff.
	pub price: f64,
	/// Its standard error.
	pub standard_error: f64,
}

/// SplitMix64: a small, fast generator with a full 64-bit period.
struct SplitMix64(u64);

impl SplitMix64 {
	fn next(&mut self) -> u64 {
		self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
		z ^ (z >> 31)
	}

	/// Uniform in (0, 1].
	fn uniform(&mut self) -> f64 {
		((self.next() >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
	}
}

/// Prices `contract` over `paths` paths (rounded up to pairs) drawn from `seed`.
pub fn price(contract: &Contract, paths: u64, seed: u64) -> Estimate {
	let mut rng = SplitMix64(seed);
	let drift = (contract.rate - 0.5 * contract.volatility * contract.volatility) * contract.years;
	let diffusion = contract.volatility * libm::sqrt(contract.years);
	let payoff = |z: f64| {
		let end = contract.spot * libm::exp(drift + diffusion * z);
		if contract.call { (end - contract.strike).max(0.0) } else { (contract.strike - end).max(0.0) }
	};
	let pairs = paths.div_ceil(2).max(1);
	let (mut sum, mut sum_squares) = (0.0f64, 0.0f64);
	for _ in 0..pairs {
		let (u1, u2) = (rng.uniform(), rng.uniform());
		let radius = libm::sqrt(-2.0 * libm::log(u1));
		let z = radius * libm::cos(core::f64::consts::TAU * u2);
		// An antithetic pair counts as one sample: the mean of the two payoffs.
		let sample = 0.5 * (payoff(z) + payoff(-z));
		sum += sample;
		sum_squares += sample * sample;
	}
	let n = pairs as f64;
	let mean = sum / n;
	let variance = (sum_squares / n - mean * mean).max(0.0);
	let discount = libm::exp(-contract.rate * contract.years);
	Estimate { price: discount * mean, standard_error: discount * libm::sqrt(variance / n) }
}

/// The Black–Scholes price of `contract`.
pub fn black_scholes(contract: &Contract) -> f64 {
	let Contract { spot, strike, rate, volatility, years, call } = *contract;
	let root = volatility * libm::sqrt(years);
	let d1 = (libm::log(spot / strike) + (rate + 0.5 * volatility * volatility) * years) / root;
	let d2 = d1 - root;
	let normal = |x: f64| 0.5 * libm::erfc(-x / core::f64::consts::SQRT_2);
	let discounted = strike * libm::exp(-rate * years);
	if call {
		spot * normal(d1) - discounted * normal(d2)
	} else {
		discounted * normal(-d2) - spot * normal(-d1)
	}
}

/// Parses the input text into the contract, the number of paths and the seed.
pub fn parse(input: &str) -> Result<(Contract, u64, u64), String> {
	let mut contract = Contract { spot: 100.0, strike: 105.0, rate: 0.05, volatility: 0.2, years: 1.0, call: true };
	let (mut paths, mut seed) = (1_000_000u64, 1u64);
	for field in input.split_whitespace() {
		let (key, value) = field.split_once('=').ok_or_else(|| format!("`{field}` is not key=value"))?;
		let number = || value.parse::<f64>().map_err(|_| format!("{key}: `{value}` is not a number"));
		match key {
			"spot" => contract.spot = number()?,
			"strike" => contract.strike = number()?,
			"rate" => contract.rate = number()?,
			"volatility" => contract.volatility = number()?,
			"years" => contract.years = number()?,
			"paths" => paths = value.parse().map_err(|_| format!("paths: `{value}` is not a count"))?,
			"seed" => seed = value.parse().map_err(|_| format!("seed: `{value}` is not a count"))?,
			"kind" => contract.call = match value {
				"call" => true,
				"put" => false,
				_ => return Err(format!("kind: `{value}` is neither call nor put")),
			},
			_ => return Err(format!("unknown field `{key}`")),
		}
	}
	let positive = [contract.spot, contract.strike, contract.volatility, contract.years];
	if positive.iter().any(|v| !(*v > 0.0 && v.is_finite())) || !contract.rate.is_finite() {
		return Err("spot, strike, volatility and years must be positive and finite".into());
	}
	Ok((contract, paths, seed))
}

/// The program: parse, price, write the result line.
pub fn main() {
	let input = compnet_guest::input();
	let text = core::str::from_utf8(&input).unwrap_or_else(|_| compnet_guest::fail("the input is not UTF-8"));
	let (contract, paths, seed) = parse(text).unwrap_or_else(|e| compnet_guest::fail(&e));
	let estimate = price(&contract, paths, seed);
	let line = format!(
		"price={:.6} standard_error={:.6} paths={} black_scholes={:.6}\n",
		estimate.price,
		estimate.standard_error,
		paths.div_ceil(2).max(1) * 2,
		black_scholes(&contract)
	);
	compnet_guest::write(line.as_bytes());
}

compnet_guest::entry!(main);
