//! # Quality
//!
//! Provider quality scores for CompNet. A provider has three components, each a discounted Beta
//! estimate kept in fixed point (parts per million):
//!
//! - **speed**: completion time against the time expected for the job's size and class;
//! - **stability**: jobs completed against commit deadlines and heartbeats missed;
//! - **security**: audits passed against audits failed and slashes.
//!
//! The composite score ranks providers in matching, bounds the price they may ask, sets how often
//! their results are spot-checked, and decides whether they may take sensitive jobs.
//!
//! ## Design
//!
//! - The formulas are the pure, `no_std` [`model`], tested on their own. This pallet keeps the
//!   evidence per provider ([`Scores`]) and applies outcomes reported by other pallets through
//!   [`QualityFeed`]; other pallets read scores through [`QualityScores`]. Both traits have a
//!   neutral `()` implementation.
//! - **Self-dealing** never counts: an outcome of a job whose consumer is the provider's operator,
//!   or another provider of the same operator, is ignored.
//! - Evidence decays per period of `Period` blocks, applied lazily when a score is read or written:
//!   no hook walks over providers.
//! - The **best providers of a class** are kept in a bounded leaderboard ([`Leaders`], at most
//!   `MaxLeaders` entries), updated with each outcome in `O(MaxLeaders)`.
//! - **Storage is paid for**: a provider's evidence is kept under its registration deposit in
//!   `pallet-providers` and removed, with its leaderboard places, when it leaves the registry
//!   (`ProviderLifecycle`).
//! - No calls: scores change only through outcomes. The cost of an update is part of the weight
//!   of the market or audit call that reports it.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod model;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;

pub use pallet::*;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use compnet_primitives::{HardwareClass, Sensitivity};
use model::{Evidence, Params, ONE};
use pallet_providers::ProviderRegistry;
use polkadot_sdk::{
	frame_support::{self, pallet_prelude::*},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::{traits::Saturating, SaturatedConversion},
};
use scale_info::TypeInfo;

/// Scores other pallets read: ranking, eligibility and the composite.
pub trait QualityScores<AccountId> {
	/// The composite score of `who` in ppm (a newcomer has 50%).
	fn composite(who: &AccountId) -> u32;
	/// The price an offer of `price` ranks at in matching; never above `price`.
	fn rank_price(who: &AccountId, price: u128) -> u128;
	/// Whether `who` may take (or audit) jobs of `sensitivity`.
	fn eligible(who: &AccountId, sensitivity: Sensitivity) -> bool;
}

/// Outcomes other pallets report.
pub trait QualityFeed<AccountId> {
	/// Records `outcome` for `provider`. `consumer` is the job's consumer, when there is one: the
	/// outcome is ignored when the consumer belongs to the provider's operator.
	fn record(provider: &AccountId, consumer: Option<&AccountId>, outcome: Outcome);
}

impl<AccountId> QualityScores<AccountId> for () {
	fn composite(_: &AccountId) -> u32 {
		ONE / 2
	}
	fn rank_price(_: &AccountId, price: u128) -> u128 {
		price
	}
	fn eligible(_: &AccountId, _: Sensitivity) -> bool {
		true
	}
}

impl<AccountId> QualityFeed<AccountId> for () {
	fn record(_: &AccountId, _: Option<&AccountId>, _: Outcome) {}
}

/// What happened, as far as a score is concerned.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub enum Outcome {
	/// A job completed and was paid: `taken` blocks from assignment to commitment against
	/// `expected` for its size and class. Speed and stability.
	Completed {
		/// Blocks the job was expected to take.
		expected: u32,
		/// Blocks it took.
		taken: u32,
	},
	/// A commit deadline passed without a commitment. Stability.
	DeadlineMissed,
	/// A heartbeat came `late_by` blocks after it was due. Stability.
	HeartbeatLate {
		/// Blocks past the heartbeat interval.
		late_by: u32,
	},
	/// An audit agreed with the provider's result. Security.
	AuditPassed,
	/// An audit (or a canary) showed the result wrong, or it was never revealed. Security.
	AuditFailed,
}

/// A provider's evidence, one per component.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct ProviderScore {
	/// Completion time against the expected time.
	pub speed: Evidence,
	/// Completions against missed deadlines and heartbeats.
	pub stability: Evidence,
	/// Audits passed against audits failed.
	pub security: Evidence,
}

/// A score as read: each component and the composite, in ppm, decayed to the current period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub struct ScoreView {
	/// Speed component.
	pub speed: u32,
	/// Stability component.
	pub stability: u32,
	/// Security component.
	pub security: u32,
	/// The weighted composite ([`model::composite`]).
	pub composite: u32,
}

/// The model parameters the runtime uses.
pub const PARAMS: Params = Params::DEFAULT;

impl ProviderScore {
	/// Decays all components to `period`.
	pub fn decay_to(&mut self, period: u32) {
		for evidence in [&mut self.speed, &mut self.stability, &mut self.security] {
			evidence.decay_to(period, &PARAMS);
		}
	}

	/// The components and composite, as they stand.
	pub fn view(&self) -> ScoreView {
		let (speed, stability, security) =
			(self.speed.score(&PARAMS), self.stability.score(&PARAMS), self.security.score(&PARAMS));
		ScoreView { speed, stability, security, composite: model::composite(speed, stability, security) }
	}

	/// Applies `outcome` in `period`.
	pub fn apply(&mut self, outcome: Outcome, period: u32) {
		match outcome {
			Outcome::Completed { expected, taken } => {
				self.speed.record(model::speed_credit(expected as u64, taken as u64), period, &PARAMS);
				self.stability.success(period, &PARAMS);
			},
			Outcome::DeadlineMissed | Outcome::HeartbeatLate { .. } => self.stability.failure(period, &PARAMS),
			Outcome::AuditPassed => self.security.success(period, &PARAMS),
			Outcome::AuditFailed => self.security.failure(period, &PARAMS),
		}
	}
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Configuration of the quality scores.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The provider registry: classes and operators.
		type Providers: ProviderRegistry<Self::AccountId>;
		/// Blocks per decay period: evidence keeps `model::Params::retain` of its weight per period.
		#[pallet::constant]
		type Period: Get<BlockNumberFor<Self>>;
		/// The largest rank discount in matching (ppm), reached at a score of 100%.
		#[pallet::constant]
		type MaxRankDiscount: Get<u32>;
		/// The composite score (ppm) a provider needs for high-sensitivity jobs.
		#[pallet::constant]
		type SensitiveThreshold: Get<u32>;
		/// The passed audits (decayed like all evidence) a provider needs for high-sensitivity jobs
		/// besides the score: a score alone can be bought with self-dealt jobs, audits cannot.
		#[pallet::constant]
		type SensitiveAudits: Get<u32>;
		/// The length of each class's leaderboard.
		#[pallet::constant]
		type MaxLeaders: Get<u32>;
	}

	/// Evidence per provider; absent means the prior (50% everywhere).
	#[pallet::storage]
	pub type Scores<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, ProviderScore, OptionQuery>;

	/// The best providers of each class by composite score at their last update, best first.
	#[pallet::storage]
	pub type Leaders<T: Config> = StorageMap<
		_,
		Twox64Concat,
		HardwareClass,
		BoundedVec<(T::AccountId, u32), T::MaxLeaders>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A provider's score changed because of `outcome`.
		ScoreUpdated { provider: T::AccountId, outcome: Outcome, score: ScoreView },
		/// An outcome of a job between accounts of one operator was ignored.
		SelfDealingIgnored { provider: T::AccountId, consumer: T::AccountId },
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::Period::get().saturated_into::<u64>() != 0, "Period must be positive");
			assert!(T::MaxLeaders::get() > 0, "MaxLeaders must be positive");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The current decay period.
	pub fn period() -> u32 {
		let period = T::Period::get().saturated_into::<u64>().max(1);
		(frame_system::Pallet::<T>::block_number().saturated_into::<u64>() / period).saturated_into()
	}

	/// `who`'s score now (the prior for a provider without evidence).
	pub fn score(who: &T::AccountId) -> ScoreView {
		let mut score = Scores::<T>::get(who).unwrap_or_default();
		score.decay_to(Self::period());
		score.view()
	}

	/// The best `n` providers of `class` (at most `MaxLeaders`), with their scores now. Providers
	/// that left the class since their last update are skipped.
	pub fn best(class: HardwareClass, n: u32) -> alloc::vec::Vec<(T::AccountId, ScoreView)> {
		let mut best: alloc::vec::Vec<_> = Leaders::<T>::get(class)
			.into_iter()
			.filter(|(who, _)| T::Providers::provider(who).is_some_and(|p| p.class == class))
			.map(|(who, _)| {
				let score = Self::score(&who);
				(who, score)
			})
			.collect();
		best.sort_by(|a, b| b.1.composite.cmp(&a.1.composite));
		best.truncate(n.min(T::MaxLeaders::get()) as usize);
		best
	}

	/// Whether `consumer` belongs to the operator of `provider`: is it, is the operator its
	/// profile names, or is another provider of that operator. Declared links count here whether
	/// accepted or not: claiming one only keeps the claimant's own jobs out of its score.
	fn same_operator(provider: &T::AccountId, consumer: &T::AccountId) -> bool {
		let Some(view) = T::Providers::provider(provider) else { return false };
		&view.operator == consumer ||
			&view.declared_operator == consumer ||
			T::Providers::provider(consumer).is_some_and(|other| {
				other.operator == view.operator || other.declared_operator == view.declared_operator
			})
	}

	/// Moves `who` to its place in its class's leaderboard for `composite`.
	fn rank(who: &T::AccountId, class: HardwareClass, composite: u32) {
		Leaders::<T>::mutate(class, |board| {
			board.retain(|(account, _)| account != who);
			let at = board.iter().position(|(_, score)| *score < composite).unwrap_or(board.len());
			if at < T::MaxLeaders::get() as usize {
				if board.is_full() {
					board.pop();
				}
				// Room was made above; `at` is at most the length.
				let _ = board.try_insert(at, (who.clone(), composite));
			}
		});
	}

	/// Checks that each leaderboard is sorted, without duplicates, and that scored providers
	/// exist. For tests and try-runtime only.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		for class in HardwareClass::ALL {
			let board = Leaders::<T>::get(class);
			frame_support::ensure!(
				board.windows(2).all(|w| w[0].1 >= w[1].1),
				"a leaderboard is out of order"
			);
			let mut seen = alloc::collections::BTreeSet::new();
			frame_support::ensure!(
				board.iter().all(|(who, _)| seen.insert(who.encode())),
				"a provider appears twice on a leaderboard"
			);
		}
		for (_, score) in Scores::<T>::iter() {
			let view = score.view();
			frame_support::ensure!(
				[view.speed, view.stability, view.security, view.composite].iter().all(|c| *c <= ONE),
				"a score is out of bounds"
			);
		}
		Ok(())
	}
}

impl<T: Config> QualityFeed<T::AccountId> for Pallet<T> {
	fn record(provider: &T::AccountId, consumer: Option<&T::AccountId>, outcome: Outcome) {
		if let Some(consumer) = consumer {
			if Self::same_operator(provider, consumer) {
				Self::deposit_event(Event::SelfDealingIgnored {
					provider: provider.clone(),
					consumer: consumer.clone(),
				});
				return;
			}
		}
		let period = Self::period();
		let mut score = Scores::<T>::get(provider).unwrap_or_default();
		score.apply(outcome, period);
		Scores::<T>::insert(provider, score);
		let view = score.view();
		if let Some(info) = T::Providers::provider(provider) {
			Self::rank(provider, info.class, view.composite);
		}
		Self::deposit_event(Event::ScoreUpdated { provider: provider.clone(), outcome, score: view });
	}
}

impl<T: Config> QualityScores<T::AccountId> for Pallet<T> {
	fn composite(who: &T::AccountId) -> u32 {
		Self::score(who).composite
	}

	fn rank_price(who: &T::AccountId, price: u128) -> u128 {
		model::rank_price(price, Self::composite(who), T::MaxRankDiscount::get())
	}

	fn eligible(who: &T::AccountId, sensitivity: Sensitivity) -> bool {
		if sensitivity < Sensitivity::High {
			return true;
		}
		let mut score = Scores::<T>::get(who).unwrap_or_default();
		score.decay_to(Self::period());
		model::eligible_for_sensitive(
			score.view().composite,
			T::SensitiveThreshold::get(),
			score.security.successes,
			T::SensitiveAudits::get(),
		)
	}
}

impl<T: Config> pallet_providers::ProviderLifecycle<T::AccountId> for Pallet<T> {
	fn can_leave(_: &T::AccountId) -> polkadot_sdk::sp_runtime::DispatchResult {
		Ok(())
	}

	/// A provider left the registry: its evidence and leaderboard places go (the registration
	/// deposit paid for them). Bounded: one record and `MaxLeaders` entries per class.
	/// One score removed, every class's bounded leaderboard read and written.
	fn leave_weight() -> Weight {
		let boards = HardwareClass::ALL.len() as u64;
		T::DbWeight::get().reads_writes(boards, 1 + boards)
	}

	fn left(who: &T::AccountId) {
		Scores::<T>::remove(who);
		for class in HardwareClass::ALL {
			Leaders::<T>::mutate_exists(class, |board| {
				if let Some(entries) = board {
					entries.retain(|(account, _)| account != who);
					if entries.is_empty() {
						*board = None;
					}
				}
			});
		}
	}
}

/// A heartbeat observer for `pallet-providers`: a heartbeat more than `Interval` blocks after the
/// previous one counts as late.
pub struct LateHeartbeats<T, Interval>(core::marker::PhantomData<(T, Interval)>);

impl<T: Config, Interval: Get<BlockNumberFor<T>>>
	pallet_providers::HeartbeatObserver<T::AccountId, BlockNumberFor<T>> for LateHeartbeats<T, Interval>
{
	fn heartbeat(who: &T::AccountId, since_last: BlockNumberFor<T>) {
		let late_by = since_last.saturating_sub(Interval::get());
		if late_by > 0u32.into() {
			<Pallet<T> as QualityFeed<T::AccountId>>::record(
				who,
				None,
				Outcome::HeartbeatLate { late_by: late_by.saturated_into() },
			);
		}
	}
}
