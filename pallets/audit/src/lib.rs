//! # Audit
//!
//! ## Overview
//!
//! Verification outcomes for CompNet jobs. A provider that ran a job **commits** to its result,
//! `commitment = blake2_256("compnet/commit/v1" ‖ provider ‖ job ‖ result_root ‖ salt)`, before its
//! commit deadline ([`Pallet::commit_result`]). Whether the job is **spot-checked** is then drawn
//! from a seed that combines the BABE VRF outputs of `SeedBlocks` consecutive blocks after the
//! commitment ([`BlockSeeds`]), so no single block author knows or chooses it when the provider
//! commits, with a probability that depends on
//! the job's sensitivity, the provider's quality score and its stake, never below the level that
//! makes cheating lose money: `p × slash ≥ (1 − p) × gain` (see `pallet_quality::model`).
//!
//! A spot-checked job gets a **committee** of auditors whose size grows with the payment at stake
//! (odd, from `MinAuditors` to `MaxAuditors`), drawn **uniformly** over the active providers of every
//! class that can run the job (results are bit-identical across devices), other than the provider's
//! operator. Auditors re-execute the job and commit the same way. Only when the whole committee has
//! committed do the parties **reveal** their result roots and salts ([`Pallet::reveal`]); a missed
//! reveal counts as a wrong result.
//!
//! Agreement settles the job. Disagreement opens a **dispute**: `DisputeAuditors` (an even number)
//! more auditors are drawn from a seed of the blocks after the disagreeing reveals opened, so the
//! committee stays odd, and the root that more than half of the auditors revealed decides (the
//! provider, the accused, has no vote); without such a majority a second dispute round is drawn,
//! and only after it does the job end inconclusive. The losing side is slashed through
//! `pallet-providers`; when the provider was wrong the consumer is refunded; auditors are paid from
//! the job's audit budget. **Canary jobs**: a privileged origin seals a job's answer in advance
//! ([`Pallet::seal_canaries`]) without saying which job it is, and reveals it once the provider
//! revealed ([`Pallet::reveal_canary`]); a wrong answer is a failed audit, even after settlement,
//! and the auditors who revealed the same wrong root are slashed with the provider.
//!
//! ## Fail closed
//!
//! A result is paid only if it was not drawn for an audit, or its audit reached a verdict.
//! - An auditor that misses its commit deadline is slashed and **replaced** by a new draw; one that
//!   cannot get the input from anyone says so ([`Pallet::report_input_unavailable`]), is excused
//!   without a slash and replaced too. A provider that withholds the input therefore only delays
//!   its own audit.
//! - A draw that finds too few auditors is **retried** `RedrawDelay` blocks later, up to
//!   `MaxDrawAttempts` draws per round and `MaxReplacements` replacements.
//! - When the committee still cannot be filled, or no auditor revealed, the decision is
//!   [`Decision::Unverifiable`]: the consumer gets its whole escrow back, the provider is not paid
//!   and nobody is slashed for the result. That is the safe outcome for both honest sides: the
//!   consumer never pays for an unchecked result, an honest provider loses its compute time but
//!   no stake, and a cheating one gains nothing by making its audit impossible.
//!
//! ## Design
//!
//! - Talks to the market through [`pallet_market::JobMarket`], to providers through
//!   [`pallet_providers::ProviderRegistry`] and [`pallet_providers::Slash`], to scores through
//!   [`pallet_quality::QualityScores`] and [`pallet_quality::QualityFeed`].
//! - **Bounded work.** A job has at most `MaxParties` parties. A draw reads the draw-index size of
//!   the seven classes and at most `MaxProbes` random slots. Deadlines go into a queue that never
//!   drops an entry ([`pallet_market::due`]) and are worked through by `on_idle` while its weight
//!   lasts; [`Pallet::advance`] lets anyone process a due job, for free.
//! - **Records** stay for `RecordRetention` blocks after the decision (the job's deposit in the
//!   market pays for them); canaries are bounded by `MaxCanaries` and anyone may remove one after
//!   `CanaryLifetime`.
//! - **Invariants** (`do_try_state`): a decided record's market job is final and matches the
//!   decision (never settled and rejected at once); every committed job has a record; every slash
//!   sits with a losing party; the running slash total equals the slashes recorded since genesis.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod attacks;
#[cfg(test)]
mod metered;
#[cfg(test)]
mod rational;
#[cfg(test)]
mod simulation;
#[cfg(test)]
mod tests;
mod types;
mod verify;
pub mod weights;

use compnet_primitives::{Commitment, HardwareClass, JobId, ResultRoot, Salt};
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
	sp_runtime::{traits::{Saturating, Zero}, Perbill},
};

/// Blocks whose randomness is kept ([`BlockSeeds`]).
pub const SEED_RING: u32 = 256;

/// Dispute rounds at most: a second one only when the first left no majority. Below
/// [`compnet_primitives::SEAL_LAYERS`]: every round, the last included, reveals a sealed root.
pub const MAX_DISPUTE_ROUNDS: u8 = 2;
const _: () = assert!(MAX_DISPUTE_ROUNDS < compnet_primitives::SEAL_LAYERS);

/// Auditors that must agree, as a strict majority of those who revealed, for the earlier rounds
/// to decide a dispute whose round cannot be staffed: never one auditor's word alone.
pub const MIN_UNFILLED_MAJORITY: u32 = 2;

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
	/// Has `consumer` submit `count` jobs like [`Self::assigned_job`]'s that wait in the book
	/// (the provider's slots are full): a slot freed by a settlement takes them.
	fn waiting_jobs(count: u32, consumer: &AccountId);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The storage layout: 1 added committees with replacements, the deadline queue that never
	/// drops, and expiring canaries ([`crate::migrations::v1`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
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
		/// One block's randomness: BABE's VRF output of the parent block, recorded every block
		/// ([`BlockSeeds`]). Returns `None` when unavailable, and the block it became known.
		type Randomness: Randomness<Option<Self::Hash>, BlockNumberFor<Self>>;
		/// How many consecutive blocks' randomness make one seed: a draw's seed combines the VRF
		/// outputs of `SeedBlocks` blocks after the commitments it follows, so no single block
		/// author knows or chooses it.
		#[pallet::constant]
		type SeedBlocks: Get<u32>;
		/// Who may seal and reveal canary jobs.
		type CanaryOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Blocks between a provider's commitment and the draw: more than `SeedBlocks`, so that the
		/// seed's blocks all come after the commitment.
		#[pallet::constant]
		type DrawDelay: Get<BlockNumberFor<Self>>;
		/// Blocks between two draws for a committee with empty places.
		#[pallet::constant]
		type RedrawDelay: Get<BlockNumberFor<Self>>;
		/// Draws per round before an audit that cannot be staffed ends unverifiable.
		#[pallet::constant]
		type MaxDrawAttempts: Get<u32>;
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
		/// The smallest committee of a spot-check.
		#[pallet::constant]
		type MinAuditors: Get<u32>;
		/// The largest committee of a spot-check (odd): reached when the payment needs that many
		/// auditors' stakes at risk to back it.
		#[pallet::constant]
		type MaxAuditors: Get<u32>;
		/// Auditors added by each dispute round (even: the committee stays odd).
		#[pallet::constant]
		type DisputeAuditors: Get<u32>;
		/// Auditors that may be drawn in place of ones that left (missed commitments, unavailable
		/// inputs) over a job's life.
		#[pallet::constant]
		type MaxReplacements: Get<u32>;
		/// The most parties of one job: 1 + `MaxAuditors` + 2 × `DisputeAuditors` + `MaxReplacements`.
		#[pallet::constant]
		type MaxParties: Get<u32>;
		/// The most provider records one auditor draw reads.
		#[pallet::constant]
		type MaxProbes: Get<u32>;
		/// Blocks a decided record stays (and a canary can still be revealed against it).
		#[pallet::constant]
		type RecordRetention: Get<BlockNumberFor<Self>>;
		/// The most canaries sealed and not yet revealed or removed.
		#[pallet::constant]
		type MaxCanaries: Get<u32>;
		/// Blocks after which anyone may remove a sealed canary.
		#[pallet::constant]
		type CanaryLifetime: Get<BlockNumberFor<Self>>;
		/// Weights of this pallet's calls and hooks, from its benchmarks.
		type WeightInfo: WeightInfo;
		/// Sets up providers and jobs for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Audit records of committed jobs.
	#[pallet::storage]
	pub type Audits<T: Config> = StorageMap<_, Twox64Concat, JobId, AuditRecord<T>, OptionQuery>;

	/// The due queue ([`pallet_market::due`]): job `index` to look at from a block (draws, window
	/// ends, record removal).
	#[pallet::storage]
	pub type DueJobs<T: Config> =
		StorageDoubleMap<_, Twox64Concat, BlockNumberFor<T>, Twox64Concat, u32, JobId, OptionQuery>;

	/// The due queue: how many jobs were filed under a block.
	#[pallet::storage]
	pub type DueCount<T: Config> = StorageMap<_, Twox64Concat, BlockNumberFor<T>, u32, ValueQuery>;

	/// The due queue: the first `(block, index)` not looked at yet.
	#[pallet::storage]
	pub type DueQueueCursor<T: Config> = StorageValue<_, (BlockNumberFor<T>, u32), OptionQuery>;

	/// Sealed canaries: `blake2_256(job ‖ salt)` → the sealed answer `blake2_256(result_root ‖
	/// salt)`. The key hides which job is a canary until its owner reveals it.
	#[pallet::storage]
	pub type Canaries<T: Config> =
		CountedStorageMap<_, Identity, H256, CanarySeal<BlockNumberFor<T>>, OptionQuery>;

	/// Running counts.
	#[pallet::storage]
	pub type Totals<T: Config> = StorageValue<_, AuditTotals<BalanceOf<T>>, ValueQuery>;

	/// The randomness of recent blocks (`SEED_RING` of them, by `block % SEED_RING`): each block's
	/// number and the hash of its author's VRF output. Seeds combine `SeedBlocks` of them.
	#[pallet::storage]
	pub type BlockSeeds<T: Config> = StorageMap<_, Twox64Concat, u32, (BlockNumberFor<T>, H256), OptionQuery>;

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
		/// A draw left `missing` places of the committee empty; another draw follows unless this
		/// was the last `attempt`.
		AuditUnderstaffed { job: JobId, missing: u32, attempt: u32 },
		/// A drawn auditor could not get the job's input from anyone: excused and replaced.
		InputUnavailable { job: JobId, auditor: T::AccountId },
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
		/// `count` canaries were sealed (which jobs they stand for stays hidden).
		CanariesSealed { count: u32 },
		/// An expired canary was removed unrevealed.
		CanaryRemoved { sealed: H256 },
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
		/// `MaxCanaries` canaries are sealed already.
		TooManyCanaries,
		/// The canary has not expired yet.
		CanaryNotExpired,
		/// The caller is not an auditor of the job waiting to commit.
		NotPendingAuditor,
		/// A program job is revealed with the fuel its run used (`reveal_metered`), any other
		/// job without (`reveal`).
		WrongRevealForWorkload,
		/// The fuel revealed is beyond the job's fuel limit.
		FuelBeyondLimit,
		/// Canaries are jobs billed by their shape: a program job is never a canary.
		MeteredCanary,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Records the parent block's randomness for later seeds.
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::record_block_seed(now);
			// The benchmark's chain has no VRF output to keep: the ring's write is added here.
			T::WeightInfo::on_initialize().saturating_add(T::DbWeight::get().writes(1))
		}

		fn on_idle(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::process_due_blocks(now, remaining)
		}

		fn integrity_test() {
			assert!(
				T::DrawDelay::get() > T::SeedBlocks::get().into(),
				"the draw must use randomness from blocks after the commitment"
			);
			assert!(
				(1..SEED_RING / 4).contains(&T::SeedBlocks::get()),
				"a seed's blocks stay in the ring while draws wait for them"
			);
			assert!(
				T::MaxParties::get() >=
					1 + T::MaxAuditors::get() +
						MAX_DISPUTE_ROUNDS as u32 * T::DisputeAuditors::get() +
						T::MaxReplacements::get(),
				"MaxParties must hold the provider, every auditor and every replacement"
			);
			assert!(
				T::MaxAuditors::get() % 2 == 1 && T::DisputeAuditors::get() % 2 == 0,
				"committees stay odd through disputes"
			);
			assert!((1..=T::MaxAuditors::get()).contains(&T::MinAuditors::get()));
			assert!(T::MaxParties::get() < 256, "party counts fit a byte");
			assert!(T::MaxDrawAttempts::get() >= 1 && T::MaxDrawAttempts::get() < 256);
			assert!(!T::RedrawDelay::get().is_zero());
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

		/// Reveal the sealed result root and salt behind the caller's commitment: a party of
		/// dispute round `k` reveals its root under `SEAL_LAYERS − k` layers
		/// ([`compnet_primitives::sealed_for_round`]), and the record keeps the public form. When
		/// every committed party has revealed, the job is decided in the same call.
		///
		/// Origin: signed, a party with a commitment, during the reveal phase.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::reveal())]
		pub fn reveal(origin: OriginFor<T>, job: JobId, result_root: ResultRoot, salt: Salt) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reveal(who, job, result_root, salt, None)
		}

		/// Process a job with something due (the draw, the end of a window, the removal of its
		/// record), when `on_idle` has not yet. Free when it does something.
		///
		/// Origin: signed, anyone.
		#[pallet::call_index(2)]
		#[pallet::weight(Pallet::<T>::advance_weight())]
		pub fn advance(origin: OriginFor<T>, job: JobId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::process_job(job, frame_system::Pallet::<T>::block_number())?;
			Ok(Pays::No.into())
		}

		/// Seal canaries, in a batch sealed well before the jobs they stand for: each
		/// `sealed = blake2_256(input_root ‖ salt)` names the canary job's input (fresh, known
		/// only to the sealer) without revealing it, `answer = blake2_256(root ‖ salt)` commits
		/// to its right result root. Neither names a job id, so seals can be made up to
		/// `CanaryLifetime` before their jobs are submitted; no event names them, so nothing on
		/// chain ties a seal to a job until it is revealed.
		///
		/// Origin: `CanaryOrigin`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::seal_canaries(canaries.len() as u32))]
		pub fn seal_canaries(
			origin: OriginFor<T>,
			canaries: BoundedVec<(H256, H256), T::MaxCanaries>,
		) -> DispatchResult {
			T::CanaryOrigin::ensure_origin(origin)?;
			let count = canaries.len() as u32;
			ensure!(
				Canaries::<T>::count().saturating_add(count) <= T::MaxCanaries::get(),
				Error::<T>::TooManyCanaries
			);
			let expires_at = frame_system::Pallet::<T>::block_number().saturating_add(T::CanaryLifetime::get());
			for (sealed, answer) in canaries {
				ensure!(!Canaries::<T>::contains_key(sealed), Error::<T>::CanaryExists);
				Canaries::<T>::insert(sealed, CanarySeal { answer, expires_at });
			}
			Self::deposit_event(Event::CanariesSealed { count });
			Ok(())
		}

		/// Reveal a canary's answer (its right result root; the pallet compares the public form
		/// for the job) once its provider has revealed: a different root is a failed
		/// audit (slash, and a refund if the job is not yet paid).
		///
		/// Origin: `CanaryOrigin`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::reveal_canary())]
		pub fn reveal_canary(origin: OriginFor<T>, job: JobId, result_root: ResultRoot, salt: Salt) -> DispatchResult {
			T::CanaryOrigin::ensure_origin(origin)?;
			Self::do_reveal_canary(job, result_root, salt)
		}

		/// Say that the caller, a drawn auditor, cannot get job `job`'s input from anyone (the
		/// provider, the consumer, other auditors): it leaves the job without a slash and without
		/// pay, and another auditor is drawn in its place.
		///
		/// Origin: signed, an auditor of the job that has not committed yet.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::report_input_unavailable())]
		pub fn report_input_unavailable(origin: OriginFor<T>, job: JobId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_report_input_unavailable(who, job)
		}

		/// Reveal the result of a program job (a WebAssembly workload) with the fuel its run used:
		/// like [`Pallet::reveal`], for the commitment
		/// `blake2_256("compnet/commit/v1" ‖ who ‖ job ‖ metered_root(result_root, fuel_used) ‖ salt)`
		/// ([`compnet_primitives::metered_root`]). Parties agree only on the same output and the
		/// same fuel; the provider's reveal bills the job by its fuel.
		///
		/// Origin: signed, a party with a commitment, during the reveal phase.
		#[pallet::call_index(7)]
		// `reveal`'s benchmark is a dispute's last reveal, which decides it; the provider's reveal
		// (round 0, so never that one) adds the metering: the job and the offer, read and written.
		#[pallet::weight(T::WeightInfo::reveal().saturating_add(T::DbWeight::get().reads_writes(2, 2)))]
		pub fn reveal_metered(
			origin: OriginFor<T>,
			job: JobId,
			result_root: ResultRoot,
			fuel_used: u64,
			salt: Salt,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reveal(who, job, result_root, salt, Some(fuel_used))
		}

		/// Remove an expired canary that was never revealed. Free when it does.
		///
		/// Origin: signed, anyone.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::remove_canary())]
		pub fn remove_canary(origin: OriginFor<T>, sealed: H256) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let seal = Canaries::<T>::get(sealed).ok_or(Error::<T>::NoSuchCanary)?;
			ensure!(frame_system::Pallet::<T>::block_number() >= seal.expires_at, Error::<T>::CanaryNotExpired);
			Canaries::<T>::remove(sealed);
			Self::deposit_event(Event::CanaryRemoved { sealed });
			Ok(Pays::No.into())
		}
	}
}
