//! # Market
//!
//! ## Overview
//!
//! The CompNet market for compute time. Providers (registered and staked in `pallet-providers`)
//! publish an **offer**: a price per compute unit, how many jobs they run at once, and whether they
//! take work. Consumers **bid** with `submit_job`: a workload with its shape, the most they pay per
//! unit, a deadline, the region groups the job may run in, a sensitivity level and the hash of the
//! input. The job's size in compute units is computed on-chain from the shape; the escrow (bid ×
//! units plus an audit budget) goes on a hold on the consumer's account.
//!
//! Matching runs when a job is submitted and, for waiting jobs, whenever an offer gets a free slot.
//! A job goes to the best eligible offer: price not above the bid, a hardware class that holds the
//! workload, a region the job allows, a free slot, a provider not excluded for the job; ranked by
//! price adjusted by quality ([`QualityScores`]). The provider commits to a result (through
//! `pallet-audit`, which calls [`JobMarket::commit`]) before its commit deadline. When the audit
//! pallet has decided ([`JobMarket::conclude`]), auditors get their share of the audit budget and
//! the provider is paid the matched price × units minus the protocol fee, or, for a rejected
//! result, the consumer is refunded; the rest of the escrow returns to the consumer. A missed
//! commitment costs the provider a small slash and stability score, and the job is reassigned to
//! another provider (a bounded number of times) or refunded.
//!
//! **The commit clock starts with the input.** An assigned provider first acknowledges that it
//! holds the job's input ([`Pallet::acknowledge_input`], within `InputWindow`); its commit window
//! opens only then, and grows with the job's expected compute time on its hardware. A job whose
//! input never arrives ends without a slash for anyone: the escrow goes back, and the consumer's
//! job deposit is burnt (a consumer that names an input it never uploads pays for it, the
//! provider does not).
//!
//! ## Design
//!
//! - **Bounded work.** The offer book is bucketed by (hardware class, region group) and ordered by
//!   price levels with a bit index (`book.rs`): a match reads at most three index entries per
//!   bucket and then at most `MaxProbes` offers, whatever the number of providers. Waiting jobs sit
//!   in a second book by (class, region group, clearance, size tier), ordered by bid, read the
//!   same way; an offer reads only the tiers its free stake covers (and the next), and a
//!   high-sensitivity job reads only the sensitive offer book (offers of eligible providers), so
//!   jobs and offers that cannot fit each other never use up each other's probes. A provider
//!   with a free slot pulls waiting jobs with [`Pallet::take_waiting_jobs`].
//! - **Money.** The escrow is a `fungible` hold with [`HoldReason::Escrow`]; every currency
//!   operation is in `escrow.rs`. Invariant: each consumer's escrow hold equals the `escrow` of its
//!   open jobs, and every job ends with its escrow paid out or released (`do_try_state`).
//! - **Deadlines.** Each job's next deadline is filed under a block in a queue that never drops
//!   an entry ([`due`]). `on_idle` works through due blocks with whatever weight is left; `expire`
//!   lets anyone process a due job, for free, when the hook has not reached it yet.
//! - **Deposits.** An offer holds `OfferDeposit` from its provider until it is retracted (or the
//!   provider leaves the registry); a job holds `JobDeposit` from its consumer until its record is
//!   removed (`JobRetention` after it ends), both on [`HoldReason::Deposit`].
//! - **Size.** A job is refused when no class can hold it or finish it within `MaxComputeBlocks`
//!   (`TooLong`); classes too slow for it are not matched to it.
//! - **Statistics** are running totals: job counts and funds, and per hardware class the cleared
//!   price over a window of `PRICE_WINDOW_SLOTS` periods, next to a cloud reference price.
//!

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod book;
pub mod due;
mod escrow;
mod lifecycle;
mod matching;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod proptests;
pub mod runtime_api;
#[cfg(test)]
mod scale_bench;
mod stats;
mod storage_books;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

use compnet_primitives::{HardwareClass, JobId, RegionSet, ResultRoot, Sensitivity, Workload};
use pallet_providers::{ProviderRegistry, Slash};
use pallet_quality::{QualityFeed, QualityScores};
use polkadot_sdk::{
	frame_support::{self, traits::fungible},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::{DispatchError, Perbill},
};

/// The balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A committed job, as the audit pallet needs to know it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct CommittedJob<AccountId, Balance> {
	/// Who pays.
	pub consumer: AccountId,
	/// The hardware class of the provider that ran it (auditors are drawn from it).
	pub class: HardwareClass,
	/// The job's workload.
	pub workload: Workload,
	/// The job's sensitivity.
	pub sensitivity: Sensitivity,
	/// Its size in compute units.
	pub units: u64,
	/// What the provider is paid when the result stands: price × units.
	pub payment: Balance,
	/// The part of the escrow that pays auditors.
	pub audit_budget: Balance,
}

/// How a committed job ends.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Verdict {
	/// The result stands: the provider is paid.
	Correct,
	/// The result was wrong, missing or could not be decided: the consumer gets its escrow back.
	Rejected,
}

/// What the audit pallet does with jobs: take a provider's commitment, and end a committed job
/// with a verdict. The market implements it.
pub trait JobMarket<AccountId, Balance> {
	/// Marks job `job`, assigned to `provider` and within its commit deadline, as committed.
	fn commit(job: JobId, provider: &AccountId) -> Result<CommittedJob<AccountId, Balance>, DispatchError>;
	/// Ends committed job `job`: pays `auditors` equal shares of the audit budget, then pays the
	/// provider (`Correct`) or refunds the consumer (`Rejected`); the rest of the escrow goes back
	/// to the consumer. Returns each auditor's share.
	fn conclude(job: JobId, verdict: Verdict, auditors: &[AccountId]) -> Result<Balance, DispatchError>;
	/// Where job `job` stands, for invariant checks: `None` once its record is gone.
	fn status(job: JobId) -> Option<JobStatus>;
	/// The input root job `job` names: `None` once its record is gone.
	fn input_root(job: JobId) -> Option<ResultRoot>;
	/// Whether hardware of `class` can run `workload` of `units` compute units: it holds the
	/// working set and finishes within the market's compute limit. Exactly these classes can
	/// audit it (results are bit-identical across devices).
	fn able(workload: &Workload, units: u64, class: HardwareClass) -> bool;
	/// Blocks a party on hardware of `class` has to re-run a job of `units` and commit: the
	/// commit window plus the slack-scaled expected compute time.
	fn commit_window(units: u64, class: HardwareClass) -> u32;
	/// The total value of `provider`'s open jobs (price × units of each): the part of its stake
	/// that already backs them.
	fn backing(provider: &AccountId) -> Balance;
	/// The fuel limit of job `job` if it is a program (billed by the fuel it uses), else `None`.
	fn metered_fuel(job: JobId) -> Option<u64>;
	/// Committed program job `job` used `fuel_used` fuel, as its provider revealed: it is paid,
	/// and backs the provider's stake, for that from now on. An audit that disagrees rejects the
	/// job whole, so only a result that stands is paid by it.
	fn meter(job: JobId, fuel_used: u64) -> polkadot_sdk::sp_runtime::DispatchResult;
	/// The jobs waiting for a verdict (committed), for invariant checks.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	fn committed_jobs() -> alloc::vec::Vec<JobId>;
}

/// A job's standing, as [`JobMarket::status`] reports it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum JobStatus {
	/// Not final yet.
	Open,
	/// Settled: the provider was paid.
	Paid,
	/// Ended without paying the provider (refunded or expired).
	Unpaid,
}

/// What benchmarks need from the runtime: registered, active providers.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Funds `who`, registers it with one device of `class` in `region` and bonds enough stake to
	/// make it active.
	fn register_provider(who: &AccountId, class: HardwareClass, region: compnet_primitives::Region);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::MutateHold,
	};
	use frame_system::pallet_prelude::*;

	/// The storage layout: 1 added deposits, the input acknowledgement and the deadline queue that
	/// never drops ([`crate::migrations::v1`]); 2 each offer's backing ([`crate::migrations::v2`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(5);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the market.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency escrows are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::Mutate<Self::AccountId>;
		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;
		/// The provider registry.
		type Providers: ProviderRegistry<Self::AccountId>;
		/// Slashes providers that miss their commitments.
		type Slasher: Slash<Self::AccountId, BalanceOf<Self>>;
		/// Quality scores: read for ranking and eligibility, fed with completed jobs and missed
		/// deadlines.
		type Quality: QualityScores<Self::AccountId> + QualityFeed<Self::AccountId>;
		/// Blocks any job is expected to take beyond its compute (fetching, committing).
		#[pallet::constant]
		type ExpectedLatency: Get<u32>;
		/// Compute units one H100-equivalent is expected to finish per block.
		#[pallet::constant]
		type UnitsPerBlock: Get<u64>;
		/// The share of each payment kept by the protocol.
		#[pallet::constant]
		type ProtocolFee: Get<Perbill>;
		/// Where protocol fees go; `None` burns them.
		type FeeDestination: Get<Option<Self::AccountId>>;
		/// The audit budget held with each escrow, as a share of bid × units.
		#[pallet::constant]
		type AuditBudget: Get<Perbill>;
		/// Blocks an assigned provider has to acknowledge that it holds the job's input.
		#[pallet::constant]
		type InputWindow: Get<BlockNumberFor<Self>>;
		/// Blocks a provider has to commit to a result once it acknowledged the input, beyond the
		/// job's expected compute time.
		#[pallet::constant]
		type CommitWindow: Get<BlockNumberFor<Self>>;
		/// How many times its expected compute time a job's commit window allows for the compute.
		#[pallet::constant]
		type ComputeSlack: Get<u32>;
		/// The longest expected compute time (blocks) of a job on the hardware it runs on: longer
		/// jobs are refused, slower classes are not matched.
		#[pallet::constant]
		type MaxComputeBlocks: Get<u32>;
		/// Held from a provider while it has an offer (the offer's record and book entries).
		#[pallet::constant]
		type OfferDeposit: Get<BalanceOf<Self>>;
		/// Held from a consumer for each job until its record is removed; burnt when the input
		/// never arrives.
		#[pallet::constant]
		type JobDeposit: Get<BalanceOf<Self>>;
		/// The furthest a job's deadline may be from its submission.
		#[pallet::constant]
		type MaxJobLifetime: Get<BlockNumberFor<Self>>;
		/// The most providers a job is assigned to over its life (the first and reassignments).
		#[pallet::constant]
		type MaxAssignments: Get<u32>;
		/// The most jobs one offer may run at once per device its provider declared.
		#[pallet::constant]
		type MaxConcurrent: Get<u32>;
		/// The jobs a new offer takes at once before it has proven more (see `Offer::proven`):
		/// declared capacity is a claim, settled jobs are a measurement.
		#[pallet::constant]
		type UnprovenConcurrency: Get<u32>;
		/// The most offers (or waiting jobs) one match looks at.
		#[pallet::constant]
		type MaxProbes: Get<u32>;
		/// The share of stake slashed when an assigned provider misses its commit deadline.
		#[pallet::constant]
		type MissedCommitSlash: Get<Perbill>;
		/// Blocks per slot of the cleared-price window.
		#[pallet::constant]
		type PricePeriod: Get<BlockNumberFor<Self>>;
		/// Blocks a finished job's record stays readable before it is removed.
		#[pallet::constant]
		type JobRetention: Get<BlockNumberFor<Self>>;
		/// The bounds on WebAssembly programs: module size (which workers enforce), fuel, memory
		/// and output limits.
		#[pallet::constant]
		type ProgramLimits: Get<compnet_primitives::ProgramLimits>;
		/// Weights of this pallet's calls and hooks, from its benchmarks.
		type WeightInfo: WeightInfo;
		/// Sets up providers for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Reasons this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A consumer's escrow for its open jobs.
		#[codec(index = 0)]
		Escrow,
		/// Deposits for records: a provider's offer, a consumer's jobs.
		#[codec(index = 1)]
		Deposit,
	}

	/// Offers, by provider.
	#[pallet::storage]
	pub type Offers<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Offer<T>, OptionQuery>;

	/// Offer book: exponents with listed offers, per (class, region group).
	#[pallet::storage]
	pub type OfferExponents<T: Config> = StorageMap<_, Twox64Concat, BookKey, u128, ValueQuery>;

	/// Offer book: mantissa levels with listed offers, per (class, region group) and exponent.
	#[pallet::storage]
	pub type OfferMantissas<T: Config> = StorageMap<_, Twox64Concat, (BookKey, u8), u64, ValueQuery>;

	/// Offer book: the list of offers at each price level.
	#[pallet::storage]
	pub type OfferLevels<T: Config> =
		StorageMap<_, Twox64Concat, (BookKey, u16), Ends<T::AccountId>, OptionQuery>;

	/// Offer book: each listed offer's neighbours.
	#[pallet::storage]
	pub type OfferLinks<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Links<T::AccountId>, OptionQuery>;

	/// Sensitive offer book: the listed offers whose provider was eligible for high-sensitivity
	/// jobs when listed (each also stays in the offer book), per (class, region group). High jobs
	/// are matched from this book only, so offers that may not take them cost them no probe.
	#[pallet::storage]
	pub type SensitiveOfferExponents<T: Config> = StorageMap<_, Twox64Concat, BookKey, u128, ValueQuery>;

	/// Sensitive offer book: mantissa levels, per (class, region group) and exponent.
	#[pallet::storage]
	pub type SensitiveOfferMantissas<T: Config> =
		StorageMap<_, Twox64Concat, (BookKey, u8), u64, ValueQuery>;

	/// Sensitive offer book: the list of offers at each price level.
	#[pallet::storage]
	pub type SensitiveOfferLevels<T: Config> =
		StorageMap<_, Twox64Concat, (BookKey, u16), Ends<T::AccountId>, OptionQuery>;

	/// Sensitive offer book: each listed offer's neighbours.
	#[pallet::storage]
	pub type SensitiveOfferLinks<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Links<T::AccountId>, OptionQuery>;

	/// Jobs, by id.
	#[pallet::storage]
	pub type Jobs<T: Config> = StorageMap<_, Twox64Concat, JobId, Job<T>, OptionQuery>;

	/// The id the next job gets.
	#[pallet::storage]
	pub type NextJobId<T: Config> = StorageValue<_, JobId, ValueQuery>;

	/// Waiting book: the size tiers with waiting jobs, a bit per tier, per (class, region group,
	/// clearance).
	#[pallet::storage]
	pub type WaitingTiers<T: Config> = StorageMap<_, Twox64Concat, WaitingGroup, u128, ValueQuery>;

	/// Waiting book: exponents with waiting jobs, per (class, region group, clearance, size tier)
	/// (levels ranked by bid, highest first).
	#[pallet::storage]
	pub type WaitingExponents<T: Config> = StorageMap<_, Twox64Concat, WaitingKey, u128, ValueQuery>;

	/// Waiting book: mantissa levels with waiting jobs, per bucket and exponent.
	#[pallet::storage]
	pub type WaitingMantissas<T: Config> =
		StorageMap<_, Twox64Concat, (WaitingKey, u8), u64, ValueQuery>;

	/// Waiting book: the list of jobs at each bid level.
	#[pallet::storage]
	pub type WaitingLevels<T: Config> =
		StorageMap<_, Twox64Concat, (WaitingKey, u16), Ends<JobId>, OptionQuery>;

	/// Waiting book: each waiting job's neighbours, per bucket it waits in.
	#[pallet::storage]
	pub type WaitingLinks<T: Config> =
		StorageMap<_, Twox64Concat, (WaitingKey, JobId), Links<JobId>, OptionQuery>;

	/// The deadline queue ([`due`]): job `index` filed under a block (commit, input or expiry
	/// deadline, record removal).
	#[pallet::storage]
	pub type DeadlineJobs<T: Config> =
		StorageDoubleMap<_, Twox64Concat, BlockNumberFor<T>, Twox64Concat, u32, JobId, OptionQuery>;

	/// The deadline queue: how many jobs were filed under a block.
	#[pallet::storage]
	pub type DeadlineCount<T: Config> = StorageMap<_, Twox64Concat, BlockNumberFor<T>, u32, ValueQuery>;

	/// The deadline queue: the first `(block, index)` not looked at yet.
	#[pallet::storage]
	pub type DeadlineQueueCursor<T: Config> = StorageValue<_, (BlockNumberFor<T>, u32), OptionQuery>;

	/// Running totals over all jobs.
	#[pallet::storage]
	pub type Totals<T: Config> = StorageValue<_, JobTotals<BalanceOf<T>>, ValueQuery>;

	/// Cleared prices per hardware class over the recent window.
	#[pallet::storage]
	pub type ClearedPrices<T: Config> =
		StorageMap<_, Twox64Concat, HardwareClass, PriceWindow<BalanceOf<T>>, ValueQuery>;

	/// The cloud reference price per compute unit of each class.
	#[pallet::storage]
	pub type ReferencePrices<T: Config> =
		StorageMap<_, Twox64Concat, HardwareClass, BalanceOf<T>, OptionQuery>;

	/// Genesis: the cloud reference prices.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Price per compute unit of comparable cloud capacity, per class.
		pub reference_prices: alloc::vec::Vec<(HardwareClass, BalanceOf<T>)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (class, price) in &self.reference_prices {
				ReferencePrices::<T>::insert(class, price);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A provider set its offer.
		OfferSet {
			/// The provider.
			provider: T::AccountId,
			/// Its class.
			class: HardwareClass,
			/// Its price per compute unit.
			price_per_unit: BalanceOf<T>,
			/// Jobs it runs at once.
			max_concurrent: u32,
			/// Whether it takes new jobs.
			available: bool,
		},
		/// A provider withdrew its offer.
		OfferRetracted {
			/// The provider.
			provider: T::AccountId,
		},
		/// The jobs an offer has proven it runs at once changed: up after a job settled while the
		/// offer was full, down after a missed commitment.
		CapacityMeasured {
			/// The provider.
			provider: T::AccountId,
			/// Its new proven concurrency.
			proven: u32,
			/// What it takes at once now: the smaller of that and its declared `max_concurrent`.
			capacity: u32,
		},
		/// A provider that missed a commitment stops getting jobs until it sets its offer again.
		OfferSuspended {
			/// The provider.
			provider: T::AccountId,
		},
		/// A job was submitted and its escrow held.
		JobSubmitted {
			/// The job.
			job: JobId,
			/// Who pays.
			consumer: T::AccountId,
			/// Its size in compute units.
			units: u64,
			/// What was held.
			escrow: BalanceOf<T>,
		},
		/// A job waits in the book for an offer.
		JobQueued {
			/// The job.
			job: JobId,
		},
		/// A job was matched to a provider; the consumer uploads the input to it now.
		JobAssigned {
			/// The job.
			job: JobId,
			/// The provider.
			provider: T::AccountId,
			/// The price per unit it will be paid.
			price_per_unit: BalanceOf<T>,
			/// The last block for its acknowledgement of the input.
			input_by: BlockNumberFor<T>,
		},
		/// The provider holds the job's input: its commit window runs from here.
		InputAcknowledged {
			/// The job.
			job: JobId,
			/// The provider.
			provider: T::AccountId,
			/// The last block for its commitment.
			commit_by: BlockNumberFor<T>,
		},
		/// The provider never acknowledged the input: nobody is slashed, the escrow went back to
		/// the consumer and its job deposit was burnt.
		InputMissing {
			/// The job.
			job: JobId,
			/// The provider that waited for it.
			provider: T::AccountId,
			/// The consumer's deposit, burnt.
			deposit_burnt: BalanceOf<T>,
		},
		/// A finished job's record was removed and its deposit released.
		JobRemoved {
			/// The job.
			job: JobId,
			/// The deposit released to the consumer.
			deposit: BalanceOf<T>,
		},
		/// The assigned provider committed to a result; settlement waits for verification.
		JobCommitted {
			/// The job.
			job: JobId,
			/// The provider.
			provider: T::AccountId,
		},
		/// Auditors were paid from a job's audit budget.
		AuditorsPaid {
			/// The job.
			job: JobId,
			/// How many auditors.
			auditors: u32,
			/// What each received.
			each: BalanceOf<T>,
		},
		/// A committed job's result was rejected; the consumer got its escrow back.
		JobRejected {
			/// The job.
			job: JobId,
			/// The provider whose result was rejected.
			provider: T::AccountId,
			/// What went back to the consumer.
			refunded: BalanceOf<T>,
		},
		/// A job was paid for.
		JobSettled {
			/// The job.
			job: JobId,
			/// The provider.
			provider: T::AccountId,
			/// What the provider received.
			paid: BalanceOf<T>,
			/// The protocol fee.
			fee: BalanceOf<T>,
			/// What went back to the consumer.
			refunded: BalanceOf<T>,
		},
		/// An assigned provider missed its commit deadline.
		CommitMissed {
			/// The job.
			job: JobId,
			/// The provider.
			provider: T::AccountId,
			/// The stake slashed for it.
			slashed: BalanceOf<T>,
		},
		/// The consumer cancelled a waiting job.
		JobCancelled {
			/// The job.
			job: JobId,
		},
		/// A job expired unmatched; its escrow was released.
		JobExpired {
			/// The job.
			job: JobId,
			/// What went back to the consumer.
			refunded: BalanceOf<T>,
		},
		/// A job ran out of assignments or time; its escrow was released.
		JobRefunded {
			/// The job.
			job: JobId,
			/// What went back to the consumer.
			refunded: BalanceOf<T>,
		},
		/// A cloud reference price was set or cleared.
		ReferencePriceSet {
			/// The class.
			class: HardwareClass,
			/// The price per unit, if set.
			price: Option<BalanceOf<T>>,
		},
		/// The provider of a program job revealed the fuel its run used: the job is billed, and
		/// backs the provider's stake, for these units from now on.
		UsageMetered {
			/// The job.
			job: JobId,
			/// The fuel the run used.
			fuel_used: u64,
			/// The units it costs (at most the units of the fuel limit).
			units: u64,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The caller is not a registered provider.
		NotProvider,
		/// The provider is paused, or its bond does not cover its capacity.
		ProviderInactive,
		/// A price of zero.
		ZeroPrice,
		/// `max_concurrent` is zero or above `MaxConcurrent` per declared device.
		BadConcurrency,
		/// The caller has no offer.
		NoOffer,
		/// The offer still has running jobs; set it unavailable and wait for them.
		OfferBusy,
		/// A dimension of the workload is zero or beyond the bounds.
		BadShape,
		/// No hardware class can hold the workload's working set.
		NoCapableClass,
		/// The region set is empty or names unknown groups.
		BadRegions,
		/// A high-sensitivity job must use an encrypted workload.
		PlaintextForSensitive,
		/// The deadline leaves less than one commit window.
		DeadlineTooSoon,
		/// The deadline is further than `MaxJobLifetime`.
		DeadlineTooFar,
		/// bid × units overflows the balance type.
		EscrowOverflow,
		/// No job with that id.
		UnknownJob,
		/// Only the job's consumer may do that.
		NotConsumer,
		/// The job is not waiting in the book.
		NotQueued,
		/// The job is not assigned to the caller.
		NotAssignedToCaller,
		/// The commit deadline has passed.
		CommitTooLate,
		/// The job is not committed.
		NotCommitted,
		/// The job has no deadline due yet.
		NotDue,
		/// The job is not waiting for the caller's acknowledgement of its input.
		NotAwaitingInput,
		/// The acknowledgement window has passed.
		InputTooLate,
		/// No hardware class can finish the job within `MaxComputeBlocks`.
		TooLong,
		/// The caller's offer is not in the book (unavailable, full, or without free stake).
		NotListed,
		/// A program's fuel, memory or output limit is beyond `ProgramLimits`.
		ProgramTooLarge,
		/// The fuel reported is beyond the job's fuel limit, or the job is not a program.
		BadUsage,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::process_deadlines(now, remaining)
		}

		fn integrity_test() {
			assert!(T::MaxAssignments::get() >= 1);
			assert!(T::MaxProbes::get() >= 1);
			assert!(T::MaxConcurrent::get() >= 1);
			assert!(T::UnprovenConcurrency::get() >= 1, "a new offer takes at least one job");
			assert!(T::ComputeSlack::get() >= 1, "a job needs at least its expected compute time");
			assert!(!T::InputWindow::get().is_zero() && !T::CommitWindow::get().is_zero());
			assert!(!T::JobDeposit::get().is_zero(), "jobs must not be free to leave in storage");
			assert!(!T::OfferDeposit::get().is_zero(), "offers must not be free to leave in storage");
			assert!(!T::PricePeriod::get().is_zero());
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Publish or change the caller's offer: `price_per_unit` for its hardware class, up to
		/// `max_concurrent` jobs at once (at most `MaxConcurrent` per declared device), taking new
		/// jobs if `available`. The offer takes a job only while the value of its open jobs
		/// (price × units each) fits the provider's bonded stake. Waiting jobs the offer can serve
		/// are matched at once.
		///
		/// Origin: signed, an active provider.
		#[pallet::call_index(0)]
		pub fn set_offer(
			origin: OriginFor<T>,
			#[pallet::compact] price_per_unit: BalanceOf<T>,
			max_concurrent: u32,
			available: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_offer(who, price_per_unit, max_concurrent, available)
		}

		/// Withdraw the caller's offer. It must have no running jobs.
		///
		/// Origin: signed, a provider with an offer.
		#[pallet::call_index(1)]
		pub fn retract_offer(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_retract_offer(who)
		}

		/// Bid for compute: hold `max_price_per_unit` × units plus the audit budget, and match the
		/// job to the best eligible offer now, or queue it until `deadline`.
		///
		/// Origin: signed, the consumer.
		#[pallet::call_index(2)]
		pub fn submit_job(
			origin: OriginFor<T>,
			workload: Workload,
			#[pallet::compact] max_price_per_unit: BalanceOf<T>,
			deadline: BlockNumberFor<T>,
			regions: RegionSet,
			sensitivity: Sensitivity,
			input_root: ResultRoot,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let spec = JobSpec { workload, max_price_per_unit, deadline, regions, sensitivity, input_root };
			Self::do_submit_job(who, spec).map(|_| ())
		}

		/// Cancel a job still waiting in the book; its whole escrow is released.
		///
		/// Origin: signed, the job's consumer.
		#[pallet::call_index(3)]
		pub fn cancel_job(origin: OriginFor<T>, job: JobId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_job(who, job)
		}

		/// Process a job whose deadline has passed (expire it, end it when its input never came,
		/// reassign or refund it after a missed commitment, or remove its finished record), when
		/// `on_idle` has not yet. Free when it does something.
		///
		/// Origin: signed, anyone.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::expire().max(T::WeightInfo::expire_input_missing()))]
		pub fn expire(origin: OriginFor<T>, job: JobId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::process_due(job, frame_system::Pallet::<T>::block_number())?;
			Ok(Pays::No.into())
		}

		/// Set or clear the cloud reference price per compute unit of `class`.
		///
		/// Origin: root.
		#[pallet::call_index(6)]
		pub fn set_reference_price(
			origin: OriginFor<T>,
			class: HardwareClass,
			price: Option<BalanceOf<T>>,
		) -> DispatchResult {
			ensure_root(origin)?;
			match price {
				Some(p) => ReferencePrices::<T>::insert(class, p),
				None => ReferencePrices::<T>::remove(class),
			}
			Self::deposit_event(Event::ReferencePriceSet { class, price });
			Ok(())
		}

		/// Acknowledge that the caller holds job `job`'s input (checked against its root): the
		/// commit window opens now. Within `InputWindow` of the assignment.
		///
		/// Origin: signed, the provider the job is assigned to.
		#[pallet::call_index(7)]
		pub fn acknowledge_input(origin: OriginFor<T>, job: JobId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_acknowledge_input(who, job)
		}

		/// Take waiting jobs into the caller's free slots: the same search a slot that frees up
		/// makes (highest bids first, only jobs the offer's class, clearance and free stake can
		/// take, at most `MaxProbes` read). A worker with a free slot calls it when a job it could
		/// run waits, so a job that found no offer on submission (every probe passed over offers
		/// too small for it) is served by an idle offer within blocks.
		///
		/// Origin: signed, a provider with a listed offer.
		#[pallet::call_index(8)]
		pub fn take_waiting_jobs(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let offer = Offers::<T>::get(&who).ok_or(Error::<T>::NoOffer)?;
			ensure!(offer.listed_at.is_some(), Error::<T>::NotListed);
			Self::match_waiting(&who);
			Ok(())
		}
	}
}

impl<T: Config> JobMarket<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn commit(job: JobId, provider: &T::AccountId) -> Result<CommittedJob<T::AccountId, BalanceOf<T>>, DispatchError> {
		Self::do_commit(provider, job)
	}

	fn conclude(job: JobId, verdict: Verdict, auditors: &[T::AccountId]) -> Result<BalanceOf<T>, DispatchError> {
		Self::do_conclude(job, verdict, auditors)
	}

	fn input_root(job: JobId) -> Option<ResultRoot> {
		Jobs::<T>::get(job).map(|job| job.spec.input_root)
	}

	fn status(job: JobId) -> Option<JobStatus> {
		Jobs::<T>::get(job).map(|job| match job.state {
			JobState::Settled { .. } => JobStatus::Paid,
			JobState::Expired | JobState::Refunded => JobStatus::Unpaid,
			_ => JobStatus::Open,
		})
	}

	fn able(workload: &Workload, units: u64, class: HardwareClass) -> bool {
		Self::class_able(workload, units, class)
	}

	fn commit_window(units: u64, class: HardwareClass) -> u32 {
		Self::commit_blocks(units, class)
	}

	fn backing(provider: &T::AccountId) -> BalanceOf<T> {
		Offers::<T>::get(provider).map(|offer| offer.backing).unwrap_or_default()
	}

	fn metered_fuel(job: JobId) -> Option<u64> {
		Jobs::<T>::get(job).and_then(|job| job.spec.workload.metered_fuel())
	}

	fn meter(job: JobId, fuel_used: u64) -> polkadot_sdk::sp_runtime::DispatchResult {
		Self::do_meter(job, fuel_used)
	}

	#[cfg(any(feature = "std", feature = "try-runtime"))]
	fn committed_jobs() -> alloc::vec::Vec<JobId> {
		Jobs::<T>::iter()
			.filter(|(_, job)| matches!(job.state, JobState::Committed { .. }))
			.map(|(id, _)| id)
			.collect()
	}
}
