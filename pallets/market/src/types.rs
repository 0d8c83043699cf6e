//! The records the market keeps, and what its runtime API answers.

use crate::{BalanceOf, Config};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use compnet_primitives::{
	HardwareClass, JobId, Region, RegionGroup, RegionSet, ResultRoot, Sensitivity,
	Workload,
};
use polkadot_sdk::{
	frame_support::{BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound},
	frame_system::pallet_prelude::BlockNumberFor,
	sp_runtime::Perbill,
};
use scale_info::TypeInfo;

/// A provider's standing offer: its price and how many jobs it runs at once.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
pub struct Offer<T: Config> {
	/// The hardware class, from the provider's profile when the offer was made.
	pub class: HardwareClass,
	/// The region, from the provider's profile when the offer was made.
	pub region: Region,
	/// The asking price per compute unit.
	pub price_per_unit: BalanceOf<T>,
	/// How many jobs the provider declared it runs at once.
	pub max_concurrent: u32,
	/// How many jobs at once it has shown it completes: `UnprovenConcurrency` for a new offer,
	/// one more each time a job settles while the offer was full, halved (not below the start)
	/// when it misses a commitment. It takes at most [`Offer::capacity`] jobs at once.
	pub proven: u32,
	/// Jobs assigned to it and not yet settled or failed.
	pub running: u32,
	/// The total value of those jobs: price × units of each, what the provider would be paid for
	/// them. Never more than the provider's stake when a job is added.
	pub backing: BalanceOf<T>,
	/// Whether the provider takes new jobs.
	pub available: bool,
	/// The price level the offer is ranked at in the book, while it is listed (available, with a
	/// free slot, provider active).
	pub listed_at: Option<u16>,
	/// The deposit held from the provider for this offer.
	pub deposit: BalanceOf<T>,
}

impl<T: Config> Offer<T> {
	/// The jobs it takes at once: what it declared, as far as it has proven it.
	pub fn capacity(&self) -> u32 {
		self.max_concurrent.min(self.proven)
	}

	/// Whether it can take one more job.
	pub fn has_free_slot(&self) -> bool {
		self.running < self.capacity()
	}
}

/// What the consumer asks for, as given to `submit_job`.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct JobSpec<Balance, BlockNumber> {
	/// What to compute, with its shape.
	pub workload: Workload,
	/// The most the consumer pays per compute unit.
	pub max_price_per_unit: Balance,
	/// The last block at which the job may still be matched to a provider.
	pub deadline: BlockNumber,
	/// The region groups the job may run in.
	pub regions: RegionSet,
	/// How sensitive the data is.
	pub sensitivity: Sensitivity,
	/// The content hash of the input blob.
	pub input_root: ResultRoot,
}

/// Where a job is in its lifecycle (see DESIGN.md).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum JobState<AccountId, Balance, BlockNumber> {
	/// Waiting in the book for an offer.
	Queued,
	/// Matched to `provider` at `price_per_unit`; the consumer uploads the input, and the provider
	/// acknowledges it by `input_by`.
	Assigned {
		/// The provider running the job.
		provider: AccountId,
		/// The matched price per unit (the provider's ask).
		price_per_unit: Balance,
		/// The block it was assigned in.
		assigned_at: BlockNumber,
		/// The last block for the acknowledgement of the input.
		input_by: BlockNumber,
	},
	/// The provider holds the input and computes; its commitment is due by `commit_by`.
	Running {
		/// The provider running the job.
		provider: AccountId,
		/// The matched price per unit.
		price_per_unit: Balance,
		/// The block it acknowledged the input in: the start of its commit window.
		started_at: BlockNumber,
		/// The last block for its commitment.
		commit_by: BlockNumber,
	},
	/// The provider committed to a result; settlement waits for `pallet-audit`'s verdict.
	Committed {
		/// The provider that ran the job.
		provider: AccountId,
		/// The matched price per unit.
		price_per_unit: Balance,
		/// The block it acknowledged the input in.
		started_at: BlockNumber,
		/// The block of the commitment.
		committed_at: BlockNumber,
	},
	/// Paid: `paid` to the provider, `fee` to the protocol, the rest refunded.
	Settled {
		/// The provider that ran the job.
		provider: AccountId,
		/// What the provider received.
		paid: Balance,
		/// The protocol fee.
		fee: Balance,
	},
	/// The deadline passed before any provider took the job; the escrow was released.
	Expired,
	/// Cancelled, out of attempts or time after missed commitments, its input never delivered,
	/// or its result rejected or unverifiable; the escrow was released.
	Refunded,
}

impl<A, B, N> JobState<A, B, N> {
	/// Whether the job is over: no escrow is held for it any more.
	pub fn is_final(&self) -> bool {
		matches!(self, Self::Settled { .. } | Self::Expired | Self::Refunded)
	}

	/// The provider holding one of its slots for the job: assigned, running or committed.
	pub fn provider(&self) -> Option<&A> {
		self.holder().map(|(provider, _)| provider)
	}

	/// The provider holding a slot for the job and the price it was matched at.
	pub fn holder(&self) -> Option<(&A, &B)> {
		match self {
			Self::Assigned { provider, price_per_unit, .. } |
			Self::Running { provider, price_per_unit, .. } |
			Self::Committed { provider, price_per_unit, .. } => Some((provider, price_per_unit)),
			_ => None,
		}
	}
}

/// A job's state, as the runtime configures it.
pub type JobStateOf<T> =
	JobState<<T as polkadot_sdk::frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// A consumer's job.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
pub struct Job<T: Config> {
	/// Who pays.
	pub consumer: T::AccountId,
	/// What was asked for.
	pub spec: JobSpec<BalanceOf<T>, BlockNumberFor<T>>,
	/// Its size in compute units, computed on-chain from the workload shape.
	pub units: u64,
	/// What is still on the consumer's escrow hold for this job (zero once final).
	pub escrow: BalanceOf<T>,
	/// The part of the escrow set aside to pay auditors.
	pub audit_budget: BalanceOf<T>,
	/// The consumer's deposit for this record, on `HoldReason::Deposit` until the record goes
	/// (zero once burnt).
	pub deposit: BalanceOf<T>,
	/// Where it is in its lifecycle.
	pub state: JobStateOf<T>,
	/// Providers that were assigned the job and missed their commitment; never assigned again.
	pub excluded: BoundedVec<T::AccountId, T::MaxAssignments>,
	/// The price level the job waits at in the book of each allowed region group, while queued.
	pub queued_at: Option<u16>,
	/// When it was submitted.
	pub submitted_at: BlockNumberFor<T>,
	/// When it reached a final state.
	pub finished_at: Option<BlockNumberFor<T>>,
}

/// Running totals over every job.
#[derive(
	Clone, Copy, Default, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
pub struct JobTotals<Balance> {
	/// Jobs waiting for an offer.
	pub queued: u32,
	/// Jobs assigned or committed, not yet final.
	pub running: u32,
	/// Jobs ever submitted.
	pub submitted: u64,
	/// Jobs settled.
	pub settled: u64,
	/// Jobs expired unmatched.
	pub expired: u64,
	/// Jobs cancelled or refunded after missed commitments.
	pub refunded: u64,
	/// Funds on escrow holds for open jobs.
	pub escrowed: Balance,
	/// Everything paid to providers.
	pub paid: Balance,
	/// Every protocol fee.
	pub fees: Balance,
	/// Job deposits burnt because the input never arrived.
	pub burnt_deposits: Balance,
	/// Jobs whose input never arrived.
	pub inputs_missing: u64,
	/// Offers listed in the book (available, with a free slot).
	pub listed_offers: u32,
}

/// Slots of the cleared-price window of one hardware class.
pub const PRICE_WINDOW_SLOTS: usize = 8;

/// Compute units and value cleared in one price period.
#[derive(
	Clone, Copy, Default, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
pub struct PriceSlot<Balance> {
	/// The period (block number / `PricePeriod`).
	pub period: u32,
	/// Units settled in it.
	pub units: u64,
	/// Their value: Σ price × units.
	pub value: Balance,
}

/// The cleared prices of one class over the last [`PRICE_WINDOW_SLOTS`] periods, as a ring.
#[derive(
	Clone, Copy, Default, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
pub struct PriceWindow<Balance> {
	/// One slot per period, at index `period % PRICE_WINDOW_SLOTS`.
	pub slots: [PriceSlot<Balance>; PRICE_WINDOW_SLOTS],
}

/// The market's best offer for a job spec, as the runtime API answers it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct Quote<AccountId, Balance> {
	/// The provider that would run it.
	pub provider: AccountId,
	/// Its hardware class.
	pub class: HardwareClass,
	/// Its region.
	pub region: Region,
	/// Its price per unit.
	pub price_per_unit: Balance,
	/// The job's size in compute units.
	pub units: u64,
	/// What the job would cost at that price: price × units.
	pub cost: Balance,
	/// What `submit_job` would hold: the bid × units plus the audit budget.
	pub escrow: Balance,
}

/// Why nothing matches a job spec now.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub enum NoMatch<Balance> {
	/// A dimension of the workload is zero or beyond the bounds.
	BadShape,
	/// No hardware class can hold the workload's working set.
	NoCapableClass,
	/// The region set is empty or names unknown groups.
	BadRegions,
	/// A high-sensitivity job must use an encrypted workload.
	PlaintextForSensitive,
	/// No offer with a free slot in any able class and allowed region.
	NoOffers,
	/// Offers exist, but the cheapest costs more than the bid.
	PriceTooHigh {
		/// The cheapest eligible asking price per unit.
		cheapest: Balance,
	},
	/// The offers looked at (a bounded number) were not eligible for this job.
	NoEligibleOffer,
	/// No hardware class can finish the job within the market's compute limit.
	TooLong,
	/// A program's limits are beyond the runtime's `ProgramLimits`.
	ProgramTooLarge,
}

/// Market figures for one hardware class.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct ClassStats<Balance> {
	/// The class.
	pub class: HardwareClass,
	/// Providers of the class, registered and active, with capacity.
	pub providers: pallet_providers::ProviderTotals,
	/// The average price per unit cleared over the window, if anything settled.
	pub average_price: Option<Balance>,
	/// Units settled over the window.
	pub window_units: u64,
	/// The cloud reference price per unit, if configured.
	pub reference_price: Option<Balance>,
	/// How far below the reference the average is (the discount the market offers).
	pub discount: Option<Perbill>,
}

/// Market figures, from running totals.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct MarketStats<Balance> {
	/// Providers over all classes, with their capacity in thousandths of an H100.
	pub providers: pallet_providers::ProviderTotals,
	/// Job counts and funds.
	pub jobs: JobTotals<Balance>,
	/// Blocks in one slot of the price window.
	pub price_period: u32,
	/// Per hardware class.
	pub classes: alloc::vec::Vec<ClassStats<Balance>>,
}

/// A bucket of the offer book: one hardware class in one region group.
pub type BookKey = (HardwareClass, RegionGroup);

/// Which providers a waiting job may go to, as far as its sensitivity is concerned.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub enum Clearance {
	/// Any provider (low and standard sensitivity).
	Open,
	/// Only providers eligible for high-sensitivity jobs.
	Sensitive,
}

impl Clearance {
	/// The clearance a job of `sensitivity` needs.
	pub fn of(sensitivity: Sensitivity) -> Self {
		if sensitivity == Sensitivity::High { Clearance::Sensitive } else { Clearance::Open }
	}
}

/// The jobs one hardware class can run in one region group, with one clearance: a job waits in
/// every such group of a class able to run it, so an offer reads only jobs its class can run and,
/// unless it is cleared, no sensitive ones. Within it, jobs are split by [`SizeTier`].
pub type WaitingGroup = (HardwareClass, RegionGroup, Clearance);

/// A job's size tier: `⌈log₂ units⌉` (0 for one unit, at most 64), so every job in tier `t` has at
/// most `2^t` units. An offer whose free stake covers `2^t` units at its price can take every job
/// of tiers up to `t`, and reads no others but the next one: jobs too large for its stake are not
/// read.
pub type SizeTier = u8;

/// The size tier of a job of `units`.
pub fn size_tier(units: u64) -> SizeTier {
	(u64::BITS - units.saturating_sub(1).leading_zeros()) as SizeTier
}

/// The highest tier whose every job fits `capacity` units (`⌊log₂ capacity⌋`), if any does.
pub fn fitting_tier(capacity: u64) -> Option<SizeTier> {
	capacity.checked_ilog2().map(|t| t as SizeTier)
}

/// A bucket of the waiting book: one [`WaitingGroup`] and one [`SizeTier`].
pub type WaitingKey = (HardwareClass, RegionGroup, Clearance, SizeTier);

/// The two ends of the list of one price level.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Ends<Item> {
	/// The oldest entry: served first.
	pub head: Item,
	/// The newest entry.
	pub tail: Item,
}

/// An entry's neighbours in its price level's list.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Links<Item> {
	/// The entry before (older).
	pub prev: Option<Item>,
	/// The entry after (newer).
	pub next: Option<Item>,
}

impl<Item> Default for Links<Item> {
	fn default() -> Self {
		Self { prev: None, next: None }
	}
}

/// The job a queued entry stands for, to name it in the waiting book.
pub type WaitingItem = JobId;
