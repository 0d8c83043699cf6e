//! The quality model: pure fixed-point formulas, no storage.
//!
//! ## Evidence and score
//!
//! Each component keeps *evidence*: a weighted count of successes `s` and of failures `f`, in
//! millionths of one event. Its score is the mean of a Beta distribution with a prior of `s₀`
//! successes and `f₀` failures:
//!
//! ```text
//! score = (s + s₀) / (s + f + s₀ + f₀)                  in parts per million, 0..=1_000_000
//! ```
//!
//! - **Discounting.** Evidence decays by the factor `retain` per period (e.g. 0.95 per hour): after
//!   a period without news, `s ← s·retain`, `f ← f·retain`. Recent behaviour weighs more, and an old
//!   failure fades, so a provider can recover.
//! - **Failures weigh more.** A failure adds `k = failure_weight` events (e.g. 4) to `f`; a success
//!   adds one to `s`. With `n` events of evidence in all (prior included) and score `m`, a success
//!   raises the score by `(1 − m)/(n + 1)` and a failure lowers it by `m·k/(n + k)`, so the failure
//!   costs more exactly when `m > (n + k)/((k + 1)·n + 2k)`. That bound falls as `n` grows (towards
//!   `1/(k + 1)`), so it is largest for the least evidence, the prior's `n₀`:
//!   [`failure_dominance_threshold`] (1/3 for `k = 4`, `n₀ = 2`). From any score above it, one
//!   failure costs more than one success earns. (No bounded score can lose much more than it has:
//!   a provider below a third is already excluded from everything that matters.)
//! - **Capped gains.** At most `gain_cap` success events count per period, so a burst of tiny jobs
//!   cannot pump a score. Failures are never capped.
//! - **Partial outcomes.** A success may carry a weight below one: speed credits
//!   `expected / actual` of a success and the rest as a (weighted) failure.
//!
//! ## Effects
//!
//! - [`rank_price`]: matching ranks an offer at `price × (1 − d)`, with the discount `d` growing
//!   linearly from 0 at the neutral score (50%) to `max_rank_discount` at 100%. Never above the
//!   price (the market's `MatchRanking` contract).
//! - [`price_ceiling`]: the most a provider may ask per unit is the class's reference price times
//!   `score` (a provider at 100% may ask the full cloud price, one at 50% half of it).
//! - [`audit_probability`]: the chance a result is spot-checked; see the derivation there.
//! - [`eligible_for_sensitive`]: a composite score at or above a threshold, and passed audits.

use codec::{Decode, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// One, in parts per million.
pub const ONE: u32 = 1_000_000;

/// Periods after which evidence is treated as fully decayed (keeps the power bounded).
pub const MAX_DECAY_PERIODS: u32 = 4_096;

/// Tunables of the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
	/// The share of evidence kept per period, in ppm (`950_000`: 5% fades every period).
	pub retain: u32,
	/// Failure events one failure counts as.
	pub failure_weight: u32,
	/// Success events that count per period, in ppm of one event.
	pub gain_cap: u64,
	/// Prior successes, in ppm of one event.
	pub prior_successes: u64,
	/// Prior failures, in ppm of one event.
	pub prior_failures: u64,
}

impl Params {
	/// The runtime's choice: 5% decay per period, failures ×4, 20 successes per period, a prior of
	/// one success and one failure (a newcomer starts at 50%).
	pub const DEFAULT: Params = Params {
		retain: 950_000,
		failure_weight: 4,
		gain_cap: 20 * ONE as u64,
		prior_successes: ONE as u64,
		prior_failures: ONE as u64,
	};
}

/// The evidence behind one component.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Evidence {
	/// Weighted successes, ppm of one event.
	pub successes: u64,
	/// Weighted failures, ppm of one event.
	pub failures: u64,
	/// The period the evidence was last decayed to.
	pub period: u32,
	/// Success weight counted in `period`, ppm of one event.
	pub gained: u64,
}

/// `retain^periods` in ppm, by squaring; zero after [`MAX_DECAY_PERIODS`].
pub fn retained(retain: u32, periods: u32) -> u32 {
	if periods >= MAX_DECAY_PERIODS {
		return 0;
	}
	let (mut result, mut base, mut exp) = (ONE as u64, retain.min(ONE) as u64, periods);
	while exp > 0 {
		if exp & 1 == 1 {
			result = result * base / ONE as u64;
		}
		base = base * base / ONE as u64;
		exp >>= 1;
	}
	result as u32
}

fn scale(value: u64, ppm: u32) -> u64 {
	(value as u128 * ppm as u128 / ONE as u128) as u64
}

impl Evidence {
	/// Decays the evidence to `period` (no-op for the same or an earlier period).
	pub fn decay_to(&mut self, period: u32, params: &Params) {
		if period <= self.period {
			return;
		}
		let keep = retained(params.retain, period - self.period);
		self.successes = scale(self.successes, keep);
		self.failures = scale(self.failures, keep);
		self.period = period;
		self.gained = 0;
	}

	/// Records an outcome in `period` that was `weight` ppm a success and the rest a failure (a full
	/// success is `ONE`, a full failure `0`). The success part counts up to the period's gain cap.
	pub fn record(&mut self, weight: u32, period: u32, params: &Params) {
		self.decay_to(period, params);
		let weight = weight.min(ONE) as u64;
		let credit = weight.min(params.gain_cap.saturating_sub(self.gained));
		self.gained = self.gained.saturating_add(credit);
		self.successes = self.successes.saturating_add(credit);
		let miss = (ONE as u64 - weight).saturating_mul(params.failure_weight as u64);
		self.failures = self.failures.saturating_add(miss);
	}

	/// A full success.
	pub fn success(&mut self, period: u32, params: &Params) {
		self.record(ONE, period, params)
	}

	/// A full failure.
	pub fn failure(&mut self, period: u32, params: &Params) {
		self.record(0, period, params)
	}

	/// The Beta mean with the prior, in ppm.
	pub fn score(&self, params: &Params) -> u32 {
		let s = self.successes as u128 + params.prior_successes as u128;
		let total = s + self.failures as u128 + params.prior_failures as u128;
		if total == 0 {
			return ONE / 2;
		}
		(s * ONE as u128 / total) as u32
	}
}

/// The score above which one failure always costs more than one success earns:
/// `(n₀ + k)/((k + 1)·n₀ + 2k)` with `n₀` the prior's events and `k` the failure weight, in ppm
/// (rounded up).
pub fn failure_dominance_threshold(params: &Params) -> u32 {
	let n0 = params.prior_successes as u128 + params.prior_failures as u128;
	let k = params.failure_weight as u128 * ONE as u128;
	let num = (n0 + k) * ONE as u128;
	let den = (params.failure_weight as u128 + 1) * n0 + 2 * k;
	if den == 0 {
		return ONE;
	}
	num.div_ceil(den).min(ONE as u128) as u32
}

/// Speed credit for a job that took `actual` against `expected` (any unit): `expected / actual`,
/// at most one.
pub fn speed_credit(expected: u64, actual: u64) -> u32 {
	if actual <= expected {
		return ONE;
	}
	(expected as u128 * ONE as u128 / actual as u128) as u32
}

/// Weights of the components in the composite, in ppm (sum `ONE`): security counts most.
pub const COMPOSITE_WEIGHTS: (u32, u32, u32) = (200_000, 300_000, 500_000);

/// The composite score: the weighted mean of speed, stability and security, in ppm.
pub fn composite(speed: u32, stability: u32, security: u32) -> u32 {
	let (ws, wst, wse) = COMPOSITE_WEIGHTS;
	((speed.min(ONE) as u64 * ws as u64 +
		stability.min(ONE) as u64 * wst as u64 +
		security.min(ONE) as u64 * wse as u64) /
		ONE as u64) as u32
}

/// The price an offer ranks at: `price × (1 − d)`, `d` from 0 at a score of 50% to
/// `max_discount` (ppm) at 100%. Never above `price`.
pub fn rank_price(price: u128, score: u32, max_discount: u32) -> u128 {
	let above_neutral = score.min(ONE).saturating_sub(ONE / 2) as u128;
	let discount = above_neutral * max_discount.min(ONE) as u128 / (ONE / 2) as u128;
	price - price * discount / ONE as u128
}

/// The most a provider with `score` may ask per unit: `reference × score`.
pub fn price_ceiling(reference: u128, score: u32) -> u128 {
	reference * score.min(ONE) as u128 / ONE as u128
}

/// The probability (ppm) that a result is spot-checked.
///
/// A provider that skips a job's work saves at most what it is paid, `gain`; when audited it loses
/// `slash`. Cheating loses money in expectation when `q × slash ≥ (1 − q) × gain`, i.e.
/// `q ≥ gain / (slash + gain)`, where `q` is the chance it is caught. A provider that is also a
/// block author holding the last slot of its draw's seed can choose between two draws (publish
/// its block, or withhold it and let another author's output stand) and is caught only when both
/// audit it: `q = p²`. The floor covers that attacker: `p ≥ √(gain / (slash + gain))`, so
/// `p² × slash ≥ (1 − p²) × gain`. The probability is that floor, raised for sensitivity
/// (`base`) and for a lower score: `max(floor, base × (2 − score))`, at most one. A provider at
/// 100% is checked at `base`, one at 0% at twice that, and never below the floor that makes
/// cheating unprofitable, with or without a withheld block.
pub fn audit_probability(base: u32, score: u32, slash: u128, gain: u128) -> u32 {
	let by_score = base as u64 * (2 * ONE as u64 - score.min(ONE) as u64) / ONE as u64;
	cheating_floor(slash, gain).max(by_score.min(ONE as u64) as u32).min(ONE)
}

/// `⌈√(gain / (slash + gain))⌉` in ppm: the lowest spot-check probability `p` with
/// `p² × slash ≥ (1 − p²) × gain` (see [`audit_probability`]).
pub fn cheating_floor(slash: u128, gain: u128) -> u32 {
	let total = slash.saturating_add(gain);
	if total == 0 {
		return 0;
	}
	// The ratio in ppm², rounded up, with the precision a u128 allows: scale the operands down
	// first when `gain × 10¹²` would overflow.
	let square = ONE as u128 * ONE as u128;
	let shift = (128 - gain.leading_zeros()).saturating_sub(88);
	let (gain, total) = (gain >> shift, (total >> shift).max(1));
	let ratio = (gain * square).div_ceil(total);
	let root = ratio.isqrt();
	let root = if root * root < ratio { root + 1 } else { root };
	root.min(ONE as u128) as u32
}

/// Whether a provider may take sensitive jobs: a composite `score` at or above `threshold`, **and**
/// `audits_passed` (its decayed security successes, ppm of one audit) worth at least `min_audits`
/// passed audits. A score can be built with jobs a provider's own accounts pay for, without a
/// single audit; passed audits cannot: auditors are drawn from other operators.
pub fn eligible_for_sensitive(score: u32, threshold: u32, audits_passed: u64, min_audits: u32) -> bool {
	score >= threshold && audits_passed >= min_audits as u64 * ONE as u64
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	const P: Params = Params::DEFAULT;

	/// Any evidence a provider can have built: up to 50 outcomes over as many periods, mostly
	/// successes (as for most providers), some partial, some failures.
	fn any_evidence() -> impl Strategy<Value = Evidence> {
		let outcome = prop_oneof![3 => Just(ONE), 1 => 0..=ONE, 1 => Just(0)];
		prop::collection::vec((outcome, 0..3u32), 0..50).prop_map(|outcomes| {
			let mut e = Evidence::default();
			let mut period = 0;
			for (weight, gap) in outcomes {
				period += gap;
				e.record(weight, period, &P);
			}
			e
		})
	}

	proptest! {
		/// Scores stay within 0..=100%, whatever happened.
		#[test]
		fn scores_are_bounded(e in any_evidence(), w in 0..=ONE, later in 0..10_000u32) {
			let mut e = e;
			prop_assert!(e.score(&P) <= ONE);
			e.record(w, e.period + later, &P);
			prop_assert!(e.score(&P) <= ONE);
			prop_assert!(composite(e.score(&P), ONE, 0) <= ONE);
		}

		/// A success never lowers a score; a failure never raises it.
		#[test]
		fn monotone_in_outcomes(e in any_evidence()) {
			let (mut up, mut down) = (e, e);
			up.success(e.period, &P);
			down.failure(e.period, &P);
			prop_assert!(up.score(&P) >= e.score(&P));
			prop_assert!(down.score(&P) <= e.score(&P));
		}

		/// From any score above the dominance threshold, one failure costs more than one success
		/// earns.
		#[test]
		fn a_failure_costs_more_than_a_success_earns(e in any_evidence()) {
			let before = e.score(&P);
			// A margin for the fixed-point rounding of both steps.
			prop_assume!(before > failure_dominance_threshold(&P) + 10);
			let (mut up, mut down) = (e, e);
			up.success(e.period, &P);
			down.failure(e.period, &P);
			let gain = up.score(&P) - before;
			let loss = before - down.score(&P);
			prop_assert!(loss > gain, "loss {loss} vs gain {gain} at {before}");
		}

		/// After any history, good behaviour brings the score back above 90% within a bounded time.
		#[test]
		fn recovers_after_good_behaviour(e in any_evidence()) {
			let mut e = e;
			let start = e.period;
			let mut periods = 0;
			while e.score(&P) < 900_000 {
				periods += 1;
				prop_assert!(periods <= 200, "no recovery after 200 good periods");
				for _ in 0..5 {
					e.success(start + periods, &P);
				}
			}
		}

		/// The ranking price is never above the price, and falls as the score rises.
		#[test]
		fn rank_price_never_exceeds_price(price in any::<u64>(), a in 0..=ONE, b in 0..=ONE) {
			let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
			let price = price as u128;
			prop_assert!(rank_price(price, hi, 200_000) <= rank_price(price, lo, 200_000));
			prop_assert!(rank_price(price, hi, 200_000) <= price);
			prop_assert!(rank_price(price, hi, 200_000) >= price * 8 / 10);
		}

		/// The audit probability always makes skipping the work lose money in expectation.
		#[test]
		fn audits_make_cheating_unprofitable(base in 0..=ONE, score in 0..=ONE, slash in 1..u64::MAX, gain in 0..u64::MAX) {
			let p = audit_probability(base, score, slash as u128, gain as u128) as u128;
			prop_assert!(p <= ONE as u128);
			// p² × slash ≥ (1 − p²) × gain, in ppm²: unprofitable even for an author that picks
			// the better of two draws by withholding its block.
			let q = p * p;
			let square = ONE as u128 * ONE as u128;
			prop_assert!(q * slash as u128 >= (square - q) * gain as u128, "p = {}", p);
		}

		/// The floor is the lowest such probability: one ppm less would not do.
		#[test]
		fn the_cheating_floor_is_tight(slash in 1..u32::MAX, gain in 1..u32::MAX) {
			let p = cheating_floor(slash as u128, gain as u128) as u128;
			let square = ONE as u128 * ONE as u128;
			let below = p.saturating_sub(1) * p.saturating_sub(1);
			prop_assert!(p == 0 || p == ONE as u128 || below * (slash as u128) < (square - below) * gain as u128);
		}
	}

	#[test]
	fn gains_are_capped_per_period() {
		let mut e = Evidence::default();
		for _ in 0..100 {
			e.success(1, &P);
		}
		assert_eq!(e.successes, P.gain_cap, "only 20 successes count in one period");
		e.success(2, &P);
		assert!(e.successes > P.gain_cap * 9 / 10, "the next period counts again");
	}

	#[test]
	fn newcomers_start_neutral_and_old_news_fades() {
		let mut e = Evidence::default();
		assert_eq!(e.score(&P), ONE / 2);
		e.failure(0, &P);
		let fresh = e.score(&P);
		e.decay_to(100, &P);
		assert!(e.score(&P) > fresh, "a failure 100 periods old weighs less");
		assert_eq!(retained(P.retain, 0), ONE);
		assert_eq!(retained(P.retain, 1), P.retain);
		assert_eq!(retained(P.retain, MAX_DECAY_PERIODS), 0);
	}

	#[test]
	fn effects_follow_the_documented_formulas() {
		assert_eq!(speed_credit(10, 20), ONE / 2);
		assert_eq!(speed_credit(10, 5), ONE);
		assert_eq!(composite(ONE, ONE, ONE), ONE);
		assert_eq!(failure_dominance_threshold(&P), 333_334, "(2 + 4)/(5·2 + 8) = 1/3");
		assert_eq!(rank_price(1_000, ONE, 200_000), 800);
		assert_eq!(rank_price(1_000, ONE / 2, 200_000), 1_000);
		assert_eq!(price_ceiling(1_667, ONE / 2), 833);
		// Slash 99 for a gain of 1: at least √1% = 10% of results are checked (1% of draws
		// audit both ways for an author choosing between two).
		assert_eq!(audit_probability(0, ONE, 99, 1), 100_000);
		assert_eq!(audit_probability(0, ONE, 9, 1), 316_228, "√10%");
		assert_eq!(audit_probability(50_000, 0, 1_000_000, 1), 100_000, "base doubled at score 0");
		let passed = 3 * ONE as u64;
		assert!(eligible_for_sensitive(800_000, 800_000, passed, 3) && !eligible_for_sensitive(799_999, 800_000, passed, 3));
		assert!(!eligible_for_sensitive(ONE, 800_000, passed - 1, 3), "a perfect score without the audits");
	}
}
