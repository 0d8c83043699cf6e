//! # Audit
//!
//! ## Overview
//!
//! Verification outcomes for CompNet jobs. A provider that ran a job **commits** to its result,
//! `commitment = blake2_256("compnet/commit/v1" ‖ provider ‖ job ‖ result_root ‖ salt)`, before its
//! commit deadline ([`Pallet::commit_result`]). Whether the job is **spot-checked** is then drawn
//! from BABE VRF randomness of a block after the commitment, with a probability that depends on
//! the job's sensitivity, the provider's quality score and its stake, never below the level that
//! makes cheating lose money: `p × slash ≥ (1 − p) × gain` (see `pallet_quality::model`).
//! **Auditors**, other providers of the same class and of another operator, re-execute the job and
//! commit the same way. Only when every party has committed do they **reveal** their result roots
//! and salts ([`Pallet::reveal`]); a missed reveal counts as a wrong result.
//!
//! Agreement settles the job. Disagreement opens a **dispute**: more auditors are drawn, and the
//! root with a strict plurality of at least two votes decides. The losing side is slashed through
//! `pallet-providers`; when the provider was wrong the consumer is refunded; auditors are paid from
//! the job's audit budget. **Canary jobs**: a privileged origin seals a job's answer in advance
//! ([`Pallet::seal_canary`]) without saying which job it is, and reveals it once the provider
//! revealed ([`Pallet::reveal_canary`]); a wrong answer is a failed audit, even after settlement.
//!
//! ## Design
//!
//! - Talks to the market through [`pallet_market::JobMarket`], to providers through
//!   [`pallet_providers::ProviderRegistry`] and [`pallet_providers::Slash`], to scores through
//!   [`pallet_quality::QualityScores`] and [`pallet_quality::QualityFeed`].
//! - **Bounded work.** A job has at most `MaxParties` parties. Auditors are drawn by random slot
//!   in the class's provider index, at most `MaxProbes` reads. Deadlines are filed per block and
//!   worked through by `on_idle` while its weight lasts; [`Pallet::advance`] lets anyone process a
//!   due job, for free.
//! - **Records** stay for `RecordRetention` blocks after the decision; events explain each step.
//! - **Invariants** (`do_try_state`): a decided record's market job is final and matches the
//!   decision (never settled and rejected at once); every slash sits with a losing party; the
//!   running slash total equals the slashes recorded since genesis.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod simulation;
#[cfg(test)]
mod tests;
mod types;
mod verify;
pub mod weights;

use compnet_primitives::{Commitment, JobId, ResultRoot, Salt};
use pallet_market::JobMarket;
use pallet_providers::{ProviderRegistry, Slash};
use pallet_quality::{QualityFeed, QualityScores};
use polkadot_sdk::{
	frame_support::{
		self,
		traits::{fungible, Randomness},
	},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_core::H256,
	sp_runtime::Perbill,
};

/// The balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// What benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Funds `who` and makes it an active provider of the H100 class with its own operator.
	fn provider(who: &AccountId);
	/// Has `consumer` submit a job that is assigned to the active provider `provider` (which must
	/// be the only one with an offer); returns the job.
	fn assigned_job(provider: &AccountId, consumer: &AccountId) -> JobId;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Configuration of verification.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency (for its balance type).
		type Currency: fungible::Inspect<Self::AccountId>;
		/// The market whose committed jobs are verified and concluded.
		type Market: JobMarket<Self::AccountId, BalanceOf<Self>>;
		/// The provider registry: classes, operators, stakes, the class index auditors come from.
		type Providers: ProviderRegistry<Self::AccountId>;
		/// Slashes the losing side.
		type Slasher: Slash<Self::AccountId, BalanceOf<Self>>;
		/// Quality scores: read for audit probability and auditor eligibility, fed with outcomes.
		type Quality: QualityScores<Self::AccountId> + QualityFeed<Self::AccountId>;
		/// Randomness that nobody knew at commit time: BABE's VRF output of the parent block.
		/// Returns `None` when unavailable, and the block it became known.
		type Randomness: Randomness<Option<Self::Hash>, BlockNumberFor<Self>>;
		/// Who may seal and reveal canary jobs.
		type CanaryOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Blocks between a provider's commitment and the draw (at least 2: the randomness comes
		/// from a block after the commitment).
		#[pallet::constant]
		type DrawDelay: Get<BlockNumberFor<Self>>;
		/// Blocks auditors have to commit.
		#[pallet::constant]
		type AuditCommitWindow: Get<BlockNumberFor<Self>>;
		/// Blocks every party has to reveal.
		#[pallet::constant]
		type RevealWindow: Get<BlockNumberFor<Self>>;
		/// The spot-check probability of a low-sensitivity job from a provider at 100%; doubled for
		/// standard and quadrupled for high sensitivity, raised for lower scores and to the floor
		/// that makes cheating unprofitable.
		#[pallet::constant]
		type BaseProbability: Get<Perbill>;
		/// The share of stake slashed for a wrong or unrevealed result.
		#[pallet::constant]
		type WrongResultSlash: Get<Perbill>;
		/// The share of stake slashed from an auditor on the losing side of a dispute.
		#[pallet::constant]
		type LostDisputeSlash: Get<Perbill>;
		/// The share of stake slashed from an auditor that misses its commit window.
		#[pallet::constant]
		type MissedCommitSlash: Get<Perbill>;
		/// Auditors drawn for a spot-check.
		#[pallet::constant]
		type InitialAuditors: Get<u32>;
		/// Auditors added when a spot-check disagrees.
		#[pallet::constant]
		type DisputeAuditors: Get<u32>;
		/// The most parties of one job: 1 + `InitialAuditors` + `DisputeAuditors`.
		#[pallet::constant]
		type MaxParties: Get<u32>;
		/// The most provider records one auditor draw reads.
		#[pallet::constant]
		type MaxProbes: Get<u32>;
		/// The most deadlines filed under one block; more spill to the following blocks.
		#[pallet::constant]
		type MaxDuePerBlock: Get<u32>;
		/// Blocks a decided record stays (and a canary can still be revealed against it).
		#[pallet::constant]
		type RecordRetention: Get<BlockNumberFor<Self>>;
		/// Weights of this pallet's calls and hooks, from its benchmarks.
		type WeightInfo: WeightInfo;
		/// Sets up providers and jobs for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Audit records of committed jobs.
	#[pallet::storage]
	pub type Audits<T: Config> = StorageMap<_, Twox64Concat, JobId, AuditRecord<T>, OptionQuery>;

	/// Jobs to look at from each block on (draws, window ends, record removal).
	#[pallet::storage]
	pub type Due<T: Config> =
		StorageMap<_, Twox64Concat, BlockNumberFor<T>, BoundedVec<JobId, T::MaxDuePerBlock>, ValueQuery>;

	/// The first block whose due jobs `on_idle` has not finished.
	#[pallet::storage]
	pub type DueCursor<T: Config> = StorageValue<_, BlockNumberFor<T>, OptionQuery>;

	/// Sealed canaries: `blake2_256(job ‖ salt)` → `blake2_256(result_root ‖ salt)`. The key hides
	/// which job is a canary until its owner reveals it.
	#[pallet::storage]
	pub type Canaries<T: Config> = StorageMap<_, Identity, H256, H256, OptionQuery>;

	/// Running counts.
	#[pallet::storage]
	pub type Totals<T: Config> = StorageValue<_, AuditTotals<BalanceOf<T>>, ValueQuery>;

	/// Slashes of records that were removed after their retention (for `do_try_state`).
	#[pallet::storage]
	pub type PrunedSlashes<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A party committed to a job's result.
		ResultCommitted { job: JobId, who: T::AccountId, commitment: Commitment },
		/// Whether the job is spot-checked was drawn, with the probability used (ppm).
		AuditDrawn { job: JobId, audited: bool, probability: u32 },
		/// An auditor was drawn; it re-executes the job and commits by `commit_by`.
		AuditorAssigned { job: JobId, auditor: T::AccountId, commit_by: BlockNumberFor<T> },
		/// A spot-check found no eligible auditor; the job goes on unaudited.
		NoAuditorAvailable { job: JobId },
		/// Every party has committed (or the window closed): reveals are open until `until`.
		RevealOpened { job: JobId, until: BlockNumberFor<T> },
		/// A party revealed its result root.
		ResultRevealed { job: JobId, who: T::AccountId, root: ResultRoot },
		/// An auditor missed its commit window and was dropped from the job.
		AuditorMissedCommit { job: JobId, auditor: T::AccountId, slashed: BalanceOf<T> },
		/// The provider and an auditor disagree: `added` more auditors were drawn.
		DisputeOpened { job: JobId, added: u32 },
		/// A party was slashed for this job, and why.
		PartySlashed { job: JobId, who: T::AccountId, amount: BalanceOf<T>, reason: pallet_providers::SlashReason },
		/// The job was decided: the provider's result stands or not, `auditors` were paid `each`.
		Decided { job: JobId, provider: T::AccountId, decision: Decision, auditors: u32, each: BalanceOf<T> },
		/// A canary was sealed.
		CanarySealed { sealed: H256 },
		/// A canary's answer was revealed and compared with the provider's.
		CanaryChecked { job: JobId, provider: T::AccountId, passed: bool },
		/// A decided record was removed after its retention.
		RecordRemoved { job: JobId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No commitment or audit for that job.
		UnknownJob,
		/// The caller is not a party of the job, or already committed.
		NotExpectedToCommit,
		/// The job is not in its reveal phase.
		NotRevealing,
		/// The caller has no commitment to reveal, or already revealed.
		NothingToReveal,
		/// The root and salt do not match the caller's commitment.
		BadReveal,
		/// The job has nothing due yet.
		NotDue,
		/// The deadline list is full for this and the following blocks; try again later.
		DeadlinesFull,
		/// That canary was sealed already.
		CanaryExists,
		/// No canary matches this job, root and salt.
		NoSuchCanary,
		/// The provider has not revealed yet; reveal the canary after it does.
		CanaryTooEarly,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::process_due_blocks(now, remaining)
		}

		fn integrity_test() {
			assert!(T::DrawDelay::get() >= 2u32.into(), "the draw must use randomness from after the commitment");
			assert!(
				T::MaxParties::get() >= 1 + T::InitialAuditors::get() + T::DisputeAuditors::get(),
				"MaxParties must hold the provider and every auditor"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Commit to a job's result: the assigned provider before its commit deadline, or a drawn
		/// auditor within its commit window.
		/// `commitment = blake2_256("compnet/commit/v1" ‖ who ‖ job ‖ result_root ‖ salt)`.
		///
		/// Origin: signed, the job's provider or one of its auditors.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::commit_result())]
		pub fn commit_result(origin: OriginFor<T>, job: JobId, commitment: Commitment) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit(who, job, commitment)
		}

		/// Reveal the result root and salt behind the caller's commitment. When every committed
		/// party has revealed, the job is decided in the same call.
		///
		/// Origin: signed, a party with a commitment, during the reveal phase.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::reveal())]
		pub fn reveal(origin: OriginFor<T>, job: JobId, result_root: ResultRoot, salt: Salt) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reveal(who, job, result_root, salt)
		}

		/// Process a job with something due (the draw, the end of a window, the removal of its
		/// record), when `on_idle` has not yet. Free when it does something.
		///
		/// Origin: signed, anyone.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::advance())]
		pub fn advance(origin: OriginFor<T>, job: JobId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::process_job(job, frame_system::Pallet::<T>::block_number())?;
			Ok(Pays::No.into())
		}

		/// Seal a canary: `sealed = blake2_256(job ‖ salt)` names the job without revealing it,
		/// `answer = blake2_256(result_root ‖ salt)` commits to the right answer.
		///
		/// Origin: `CanaryOrigin`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::seal_canary())]
		pub fn seal_canary(origin: OriginFor<T>, sealed: H256, answer: H256) -> DispatchResult {
			T::CanaryOrigin::ensure_origin(origin)?;
			ensure!(!Canaries::<T>::contains_key(sealed), Error::<T>::CanaryExists);
			Canaries::<T>::insert(sealed, answer);
			Self::deposit_event(Event::CanarySealed { sealed });
			Ok(())
		}

		/// Reveal a canary's answer once its provider has revealed: a different root is a failed
		/// audit (slash, and a refund if the job is not yet paid).
		///
		/// Origin: `CanaryOrigin`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::reveal_canary())]
		pub fn reveal_canary(origin: OriginFor<T>, job: JobId, result_root: ResultRoot, salt: Salt) -> DispatchResult {
			T::CanaryOrigin::ensure_origin(origin)?;
			Self::do_reveal_canary(job, result_root, salt)
		}
	}
}
