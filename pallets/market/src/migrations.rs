//! Storage migrations of the market.

use crate::*;
use codec::{Decode, Encode};
use polkadot_sdk::frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};

/// Clears the waiting book and files every queued job again at its level, in the buckets of the
/// current layout; returns the reads and writes. The old entries share the maps' prefixes
/// whatever their key layout, so clearing the maps removes them. One pass over the jobs.
fn refile_waiting_jobs<T: Config>() -> (u64, u64) {
	let mut reads = 0u64;
	let mut writes = 0u64;
	let mut queued: alloc::vec::Vec<(compnet_primitives::JobId, Job<T>)> = alloc::vec::Vec::new();
	for (id, job) in Jobs::<T>::iter() {
		reads += 1;
		if job.queued_at.is_some() {
			queued.push((id, job));
		}
	}
	writes += WaitingExponents::<T>::clear(u32::MAX, None).unique as u64;
	writes += WaitingMantissas::<T>::clear(u32::MAX, None).unique as u64;
	writes += WaitingLevels::<T>::clear(u32::MAX, None).unique as u64;
	writes += WaitingLinks::<T>::clear(u32::MAX, None).unique as u64;
	writes += WaitingTiers::<T>::clear(u32::MAX, None).unique as u64;
	for (id, mut job) in queued {
		job.queued_at = None;
		Pallet::<T>::enqueue(id, &mut job);
		Jobs::<T>::insert(id, job);
		// Each bucket: its links, its level's ends, its index and tier bits.
		writes += 1 + 5 * HardwareClass::ALL.len() as u64 * 6;
	}
	(reads, writes)
}

/// Version 0 → 1: offers and jobs gain their deposits (zero for records made before deposits
/// existed: nothing was held for them); the job lifecycle gains the input acknowledgement (a job
/// assigned under version 0 was already on its commit clock, so it becomes `Running` with the
/// deadline it had); the deadline lists per block become the queue that never drops.
pub mod v1 {
	use super::*;
	use alloc::vec::Vec;
	use frame_system::pallet_prelude::BlockNumberFor;
	use polkadot_sdk::sp_runtime::traits::Zero;

	/// A job's state as version 0 stored it.
	#[derive(Encode, Decode)]
	pub enum OldJobState<AccountId, Balance, BlockNumber> {
		/// Waiting in the book.
		Queued,
		/// Assigned, the commitment due by `commit_by`.
		Assigned {
			/// The provider.
			provider: AccountId,
			/// The matched price.
			price_per_unit: Balance,
			/// The assignment block.
			assigned_at: BlockNumber,
			/// The commit deadline.
			commit_by: BlockNumber,
		},
		/// Committed.
		Committed {
			/// The provider.
			provider: AccountId,
			/// The matched price.
			price_per_unit: Balance,
			/// The assignment block.
			assigned_at: BlockNumber,
			/// The commitment block.
			committed_at: BlockNumber,
		},
		/// Paid.
		Settled {
			/// The provider.
			provider: AccountId,
			/// Its pay.
			paid: Balance,
			/// The fee.
			fee: Balance,
		},
		/// Expired unmatched.
		Expired,
		/// Refunded.
		Refunded,
	}

	/// A job as version 0 stored it.
	#[derive(Encode, Decode)]
	pub struct OldJob<T: Config> {
		/// Who pays.
		pub consumer: T::AccountId,
		/// What was asked for.
		pub spec: JobSpec<BalanceOf<T>, BlockNumberFor<T>>,
		/// Size in units.
		pub units: u64,
		/// Escrow still held.
		pub escrow: BalanceOf<T>,
		/// The audit budget.
		pub audit_budget: BalanceOf<T>,
		/// Its state.
		pub state: OldJobState<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>,
		/// Providers excluded.
		pub excluded: BoundedVec<T::AccountId, T::MaxAssignments>,
		/// Its waiting level.
		pub queued_at: Option<u16>,
		/// When it was submitted.
		pub submitted_at: BlockNumberFor<T>,
		/// When it ended.
		pub finished_at: Option<BlockNumberFor<T>>,
	}

	/// An offer as version 0 stored it.
	#[derive(Encode, Decode)]
	pub struct OldOffer<T: Config> {
		/// Class.
		pub class: HardwareClass,
		/// Region.
		pub region: compnet_primitives::Region,
		/// Price.
		pub price_per_unit: BalanceOf<T>,
		/// Slots.
		pub max_concurrent: u32,
		/// Running jobs.
		pub running: u32,
		/// Taking jobs.
		pub available: bool,
		/// Book level.
		pub listed_at: Option<u16>,
	}

	/// Version 0's deadline lists: the jobs due at each block.
	#[frame_support::storage_alias]
	pub type Deadlines<T: Config> =
		StorageMap<Pallet<T>, Twox64Concat, BlockNumberFor<T>, Vec<JobId>, ValueQuery>;

	/// Version 0's deadline cursor.
	#[frame_support::storage_alias]
	pub type DeadlineCursor<T: Config> = StorageValue<Pallet<T>, BlockNumberFor<T>, OptionQuery>;

	fn state<T: Config>(old: OldJobState<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>) -> JobStateOf<T> {
		match old {
			OldJobState::Queued => JobState::Queued,
			OldJobState::Assigned { provider, price_per_unit, assigned_at, commit_by } =>
				JobState::Running { provider, price_per_unit, started_at: assigned_at, commit_by },
			OldJobState::Committed { provider, price_per_unit, assigned_at, committed_at } =>
				JobState::Committed { provider, price_per_unit, started_at: assigned_at, committed_at },
			OldJobState::Settled { provider, paid, fee } => JobState::Settled { provider, paid, fee },
			OldJobState::Expired => JobState::Expired,
			OldJobState::Refunded => JobState::Refunded,
		}
	}

	/// The migration's logic, without the version check: use [`MigrateV0ToV1`].
	pub struct UncheckedMigrateV0ToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut reads, mut writes) = (0u64, 0u64);
			// Written in version 1's layout: [`v2`] adds the backing.
			v2::layout::Offers::<T>::translate::<OldOffer<T>, _>(|_, old| {
				reads += 1;
				writes += 1;
				Some(v2::V1Offer::<T> {
					class: old.class,
					region: old.region,
					price_per_unit: old.price_per_unit,
					max_concurrent: old.max_concurrent,
					running: old.running,
					available: old.available,
					listed_at: old.listed_at,
					deposit: Zero::zero(),
				})
			});
			Jobs::<T>::translate::<OldJob<T>, _>(|_, old| {
				reads += 1;
				writes += 1;
				Some(Job {
					consumer: old.consumer,
					spec: old.spec,
					units: old.units,
					escrow: old.escrow,
					audit_budget: old.audit_budget,
					deposit: Zero::zero(),
					state: state::<T>(old.state),
					excluded: old.excluded,
					queued_at: old.queued_at,
					submitted_at: old.submitted_at,
					finished_at: old.finished_at,
				})
			});
			// The queue starts where the old cursor was; every filed deadline moves over.
			let lists: Vec<_> = Deadlines::<T>::drain().collect();
			let (r, w) = due::move_lists::<lifecycle::DeadlineQueue<T>>(DeadlineCursor::<T>::take(), lists);
			T::DbWeight::get().reads_writes(reads + r + 2, writes + w + 1)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, polkadot_sdk::sp_runtime::TryRuntimeError> {
			Ok(pre_upgrade_state::<T>())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			post_upgrade_check::<T>(state)
		}
	}

	/// What the checks after the upgrade compare with: the numbers of offers, jobs and filed
	/// deadlines before.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn pre_upgrade_state<T: Config>() -> Vec<u8> {
		let offers = Offers::<T>::iter_keys().count() as u32;
		let jobs = Jobs::<T>::iter_keys().count() as u32;
		let deadlines: u32 = Deadlines::<T>::iter_values().map(|ids| ids.len() as u32).sum();
		(offers, jobs, deadlines).encode()
	}

	/// The checks after the upgrade: every offer (in version 1's layout) and job kept and
	/// decodable, every deadline in the new queue and none left in the old lists. The pallet's
	/// invariants hold once [`v2`] ran too.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn post_upgrade_check<T: Config>(state: Vec<u8>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let (offers, jobs, deadlines): (u32, u32, u32) =
			Decode::decode(&mut &state[..]).map_err(|_| "the pre-upgrade state decodes")?;
		ensure!(v2::layout::Offers::<T>::iter_values().count() as u32 == offers, "every offer decodes");
		ensure!(Jobs::<T>::iter_values().count() as u32 == jobs, "every job decodes");
		ensure!(Deadlines::<T>::iter_keys().next().is_none(), "no old deadline list is left");
		ensure!(DeadlineJobs::<T>::iter_values().count() as u32 == deadlines, "every deadline moved to the queue");
		ensure!(
			DeadlineCount::<T>::iter_values().sum::<u32>() == deadlines,
			"the queue's counts cover its entries"
		);
		ensure!(StorageVersion::get::<Pallet<T>>() == 1, "the storage version is 1");
		Ok(())
	}

	/// Version 0 → 1, run only when the stored version is 0.
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		UncheckedMigrateV0ToV1<T>,
		Pallet<T>,
		<T as polkadot_sdk::frame_system::Config>::DbWeight,
	>;
}

/// Version 1 → 2: each offer gains its backing, the total value (price × units) of its open
/// jobs, which bounds what the provider may take on against its bonded stake. Computed from the
/// job records in one pass: the jobs that exist (open ones and final ones kept for
/// `JobRetention`) are bounded by what their deposits pay for.
pub mod v2 {
	use super::*;
	use alloc::collections::BTreeMap;
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	use alloc::vec::Vec;
	use polkadot_sdk::sp_runtime::traits::Saturating;

	/// An offer as version 1 stored it.
	#[derive(Encode, Decode)]
	pub struct V1Offer<T: Config> {
		/// Class.
		pub class: HardwareClass,
		/// Region.
		pub region: compnet_primitives::Region,
		/// Price.
		pub price_per_unit: BalanceOf<T>,
		/// Slots.
		pub max_concurrent: u32,
		/// Running jobs.
		pub running: u32,
		/// Taking jobs.
		pub available: bool,
		/// Book level.
		pub listed_at: Option<u16>,
		/// Its deposit.
		pub deposit: BalanceOf<T>,
	}

	/// Version 1's layout of the records, under their own storage name.
	pub mod layout {
		use super::*;

		/// The records as version 1 stored them.
		#[frame_support::storage_alias]
		pub type Offers<T: Config> =
			StorageMap<Pallet<T>, Blake2_128Concat, <T as frame_system::Config>::AccountId, V1Offer<T>, OptionQuery>;
	}

	/// The migration's logic, without the version check: use [`MigrateV1ToV2`].
	pub struct UncheckedMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut backing = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
			let mut reads = 0u64;
			for job in Jobs::<T>::iter_values() {
				reads += 1;
				if let Some((provider, price_per_unit)) = job.state.holder() {
					let value = backing.entry(provider.clone()).or_default();
					value.saturating_accrue(Pallet::<T>::exposure(*price_per_unit, job.units));
				}
			}
			let mut writes = 0u64;
			crate::migrations::v4::layout::Offers::<T>::translate::<V1Offer<T>, _>(|provider, old| {
				reads += 1;
				writes += 1;
				Some(crate::migrations::v4::V3Offer {
					class: old.class,
					region: old.region,
					price_per_unit: old.price_per_unit,
					max_concurrent: old.max_concurrent,
					running: old.running,
					backing: backing.get(&provider).copied().unwrap_or_default(),
					available: old.available,
					listed_at: old.listed_at,
					deposit: old.deposit,
				})
			});
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, polkadot_sdk::sp_runtime::TryRuntimeError> {
			Ok(pre_upgrade_state::<T>())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			post_upgrade_check::<T>(state)
		}
	}

	/// What the checks after the upgrade compare with: the number of offers before.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn pre_upgrade_state<T: Config>() -> Vec<u8> {
		(layout::Offers::<T>::iter_keys().count() as u32).encode()
	}

	/// The checks after the upgrade: every offer kept and decodable, with the backing of its open
	/// jobs. The pallet's invariants hold once [`v3`] ran too.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn post_upgrade_check<T: Config>(state: Vec<u8>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let offers: u32 = Decode::decode(&mut &state[..]).map_err(|_| "the pre-upgrade state decodes")?;
		ensure!(crate::migrations::v4::layout::Offers::<T>::iter_values().count() as u32 == offers, "every offer decodes");
		for (provider, offer) in crate::migrations::v4::layout::Offers::<T>::iter() {
			let backing = Jobs::<T>::iter_values()
				.filter_map(|job| match job.state.holder() {
					Some((holder, price)) if *holder == provider => Some(Pallet::<T>::exposure(*price, job.units)),
					_ => None,
				})
				.fold(BalanceOf::<T>::default(), |a, b| a.saturating_add(b));
			ensure!(offer.backing == backing, "an offer's backing differs from its open jobs' value");
		}
		ensure!(StorageVersion::get::<Pallet<T>>() == 2, "the storage version is 2");
		Ok(())
	}

	/// Version 1 → 2, run only when the stored version is 1.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		UncheckedMigrateV1ToV2<T>,
		Pallet<T>,
		<T as polkadot_sdk::frame_system::Config>::DbWeight,
	>;
}

/// Version 2 → 3: the waiting book is keyed by (class, region group, clearance) instead of by
/// region group, so an offer reads only the waiting jobs its class can run and, unless its
/// provider is cleared, no high-sensitivity ones; and the sensitive offer book lists the offers of
/// providers eligible for high-sensitivity jobs. The old book is cleared and every queued job is
/// filed again at its level; every listed offer of an eligible provider enters the sensitive book.
/// One pass over the jobs and one over the offers: the jobs that exist are bounded by what their
/// deposits pay for, the offers by theirs.
pub mod v3 {
	use super::*;
	use crate::{book, storage_books::SensitiveOfferBook};
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	use alloc::vec::Vec;
	use compnet_primitives::{JobId, RegionGroup, Sensitivity};
	use pallet_quality::QualityScores;

	/// Version 2's waiting book, keyed by region group, under its own storage names.
	pub mod layout {
		use super::*;

		/// Exponents with waiting jobs, per region group.
		#[frame_support::storage_alias]
		pub type WaitingExponents<T: Config> = StorageMap<Pallet<T>, Twox64Concat, RegionGroup, u128, ValueQuery>;
		/// Mantissa levels, per region group and exponent.
		#[frame_support::storage_alias]
		pub type WaitingMantissas<T: Config> =
			StorageMap<Pallet<T>, Twox64Concat, (RegionGroup, u8), u64, ValueQuery>;
		/// The list of jobs at each bid level.
		#[frame_support::storage_alias]
		pub type WaitingLevels<T: Config> =
			StorageMap<Pallet<T>, Twox64Concat, (RegionGroup, u16), Ends<JobId>, OptionQuery>;
		/// Each waiting job's neighbours, per region group.
		#[frame_support::storage_alias]
		pub type WaitingLinks<T: Config> =
			StorageMap<Pallet<T>, Twox64Concat, (RegionGroup, JobId), Links<JobId>, OptionQuery>;
	}

	/// The migration's logic, without the version check: use [`MigrateV2ToV3`].
	pub struct UncheckedMigrateV2ToV3<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV2ToV3<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut reads, mut writes) = refile_waiting_jobs::<T>();
			for (provider, offer) in crate::migrations::v4::layout::Offers::<T>::iter() {
				reads += 2;
				let Some(level) = offer.listed_at else { continue };
				if T::Quality::eligible(&provider, Sensitivity::High) &&
					!SensitiveOfferLinks::<T>::contains_key(&provider)
				{
					book::push_back::<SensitiveOfferBook<T>>((offer.class, offer.region.group), level, &provider);
					writes += 4;
				}
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, polkadot_sdk::sp_runtime::TryRuntimeError> {
			Ok(pre_upgrade_state::<T>())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			post_upgrade_check::<T>(state)
		}
	}

	/// What the checks after the upgrade compare with: the queued jobs in the old book.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn pre_upgrade_state<T: Config>() -> Vec<u8> {
		let mut ids: Vec<JobId> = layout::WaitingLinks::<T>::iter_keys().map(|(_, id)| id).collect();
		ids.sort();
		ids.dedup();
		ids.encode()
	}

	/// The checks after the upgrade: every job that waited still waits, in the new book. The
	/// pallet's invariants (among them: each queued job is in the bucket of every class able to
	/// run it) hold once [`v4`] ran too.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn post_upgrade_check<T: Config>(state: Vec<u8>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let ids: Vec<JobId> = Decode::decode(&mut &state[..]).map_err(|_| "the pre-upgrade state decodes")?;
		for id in ids {
			let job = Jobs::<T>::get(id).ok_or("a waiting job is gone")?;
			ensure!(job.queued_at.is_some(), "a waiting job left the book");
		}
		ensure!(StorageVersion::get::<Pallet<T>>() == 3, "the storage version is 3");
		Ok(())
	}

	/// Version 2 → 3, run only when the stored version is 2.
	pub type MigrateV2ToV3<T> = VersionedMigration<
		2,
		3,
		UncheckedMigrateV2ToV3<T>,
		Pallet<T>,
		<T as polkadot_sdk::frame_system::Config>::DbWeight,
	>;
}

/// Version 3 → 4: each offer gains `proven`, the jobs at once it has shown it completes, which
/// caps what it takes alongside its declared `max_concurrent`. An offer made before it was
/// measured starts where a new one does, `UnprovenConcurrency`, or at the jobs it runs now if
/// that is more (none of them is taken away). One pass over the offers, bounded by their
/// deposits.
pub mod v4 {
	use super::*;
	use alloc::vec::Vec;

	/// An offer as versions 2 and 3 stored it.
	#[derive(Encode, Decode)]
	pub struct V3Offer<T: Config> {
		/// Class.
		pub class: HardwareClass,
		/// Region.
		pub region: compnet_primitives::Region,
		/// Price.
		pub price_per_unit: BalanceOf<T>,
		/// Declared slots.
		pub max_concurrent: u32,
		/// Running jobs.
		pub running: u32,
		/// Their value.
		pub backing: BalanceOf<T>,
		/// Taking jobs.
		pub available: bool,
		/// Book level.
		pub listed_at: Option<u16>,
		/// Its deposit.
		pub deposit: BalanceOf<T>,
	}

	/// The layout of versions 2 and 3, under their own storage name.
	pub mod layout {
		use super::*;

		/// The offers as versions 2 and 3 stored them.
		#[frame_support::storage_alias]
		pub type Offers<T: Config> =
			StorageMap<Pallet<T>, Blake2_128Concat, <T as frame_system::Config>::AccountId, V3Offer<T>, OptionQuery>;
	}

	/// The migration's logic, without the version check: use [`MigrateV3ToV4`].
	pub struct UncheckedMigrateV3ToV4<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV3ToV4<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut count = 0u64;
			let start = T::UnprovenConcurrency::get();
			let mut full = Vec::new();
			Offers::<T>::translate::<V3Offer<T>, _>(|who, old| {
				count += 1;
				if old.listed_at.is_some() && old.running >= start.max(old.running).min(old.max_concurrent) {
					full.push(who.clone());
				}
				Some(Offer {
					class: old.class,
					region: old.region,
					price_per_unit: old.price_per_unit,
					max_concurrent: old.max_concurrent,
					proven: start.max(old.running),
					running: old.running,
					backing: old.backing,
					available: old.available,
					listed_at: old.listed_at,
					deposit: old.deposit,
				})
			});
			// An offer now at its capacity leaves the book (its listing, index bits, counts).
			let refreshed = full.len() as u64;
			for who in full {
				if let Some(mut offer) = Offers::<T>::get(&who) {
					Pallet::<T>::refresh_listing(&who, &mut offer);
					Offers::<T>::insert(&who, offer);
				}
			}
			T::DbWeight::get().reads_writes(count + 4 * refreshed, count + 8 * refreshed)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, polkadot_sdk::sp_runtime::TryRuntimeError> {
			Ok(pre_upgrade_state::<T>())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			post_upgrade_check::<T>(state)
		}
	}

	/// What the checks after the upgrade compare with: each offer's declared and running jobs.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn pre_upgrade_state<T: Config>() -> Vec<u8> {
		let offers: Vec<(T::AccountId, u32, u32)> =
			layout::Offers::<T>::iter().map(|(who, o)| (who, o.max_concurrent, o.running)).collect();
		offers.encode()
	}

	/// The checks after the upgrade: every offer kept, with its declared and running jobs, a
	/// proven concurrency of at least the start and of its running jobs; every invariant holds.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn post_upgrade_check<T: Config>(state: Vec<u8>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let offers: Vec<(T::AccountId, u32, u32)> =
			Decode::decode(&mut &state[..]).map_err(|_| "the pre-upgrade state decodes")?;
		ensure!(Offers::<T>::iter_keys().count() == offers.len(), "every offer decodes");
		for (who, declared, running) in offers {
			let offer = Offers::<T>::get(&who).ok_or("an offer is gone")?;
			ensure!(offer.max_concurrent == declared && offer.running == running, "an offer changed");
			ensure!(offer.proven >= T::UnprovenConcurrency::get().max(running), "an offer's proven concurrency is too low");
		}
		ensure!(StorageVersion::get::<Pallet<T>>() == 4, "the storage version is 4");
		Pallet::<T>::do_try_state()
	}

	/// Version 3 → 4, run only when the stored version is 3.
	pub type MigrateV3ToV4<T> = VersionedMigration<
		3,
		4,
		UncheckedMigrateV3ToV4<T>,
		Pallet<T>,
		<T as polkadot_sdk::frame_system::Config>::DbWeight,
	>;
}

/// Version 4 → 5: the waiting book's buckets gain the jobs' size tier, so an offer reads only the
/// jobs its free stake can cover (and one tier more); `WaitingTiers` records which tiers have
/// jobs. The old book is cleared and every queued job is filed again at its level, in its tier.
/// One pass over the jobs, bounded by their deposits.
pub mod v5 {
	use super::*;
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	use alloc::vec::Vec;
	use compnet_primitives::JobId;

	/// Version 4's waiting book, keyed by (class, region group, clearance), under its own storage
	/// names.
	pub mod layout {
		use super::*;

		/// Exponents with waiting jobs, per bucket.
		#[frame_support::storage_alias]
		pub type WaitingExponents<T: Config> = StorageMap<Pallet<T>, Twox64Concat, WaitingGroup, u128, ValueQuery>;
		/// Mantissa levels, per bucket and exponent.
		#[frame_support::storage_alias]
		pub type WaitingMantissas<T: Config> =
			StorageMap<Pallet<T>, Twox64Concat, (WaitingGroup, u8), u64, ValueQuery>;
		/// The list of jobs at each bid level.
		#[frame_support::storage_alias]
		pub type WaitingLevels<T: Config> =
			StorageMap<Pallet<T>, Twox64Concat, (WaitingGroup, u16), Ends<JobId>, OptionQuery>;
		/// Each waiting job's neighbours, per bucket.
		#[frame_support::storage_alias]
		pub type WaitingLinks<T: Config> =
			StorageMap<Pallet<T>, Twox64Concat, (WaitingGroup, JobId), Links<JobId>, OptionQuery>;
	}

	/// The migration's logic, without the version check: use [`MigrateV4ToV5`].
	pub struct UncheckedMigrateV4ToV5<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV4ToV5<T> {
		fn on_runtime_upgrade() -> Weight {
			let (reads, writes) = refile_waiting_jobs::<T>();
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, polkadot_sdk::sp_runtime::TryRuntimeError> {
			Ok(pre_upgrade_state::<T>())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			post_upgrade_check::<T>(state)
		}
	}

	/// What the checks after the upgrade compare with: the jobs in the waiting book.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn pre_upgrade_state<T: Config>() -> Vec<u8> {
		let ids: Vec<JobId> = Jobs::<T>::iter().filter(|(_, job)| job.queued_at.is_some()).map(|(id, _)| id).collect();
		ids.encode()
	}

	/// The checks after the upgrade: every job that waited still waits, in its tier's buckets,
	/// and every invariant holds (among them: the tier bits are exactly the non-empty buckets).
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn post_upgrade_check<T: Config>(state: Vec<u8>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let ids: Vec<JobId> = Decode::decode(&mut &state[..]).map_err(|_| "the pre-upgrade state decodes")?;
		for id in ids {
			let job = Jobs::<T>::get(id).ok_or("a waiting job is gone")?;
			ensure!(job.queued_at.is_some(), "a waiting job left the book");
			for key in Pallet::<T>::waiting_keys(&job) {
				ensure!(WaitingLinks::<T>::contains_key((key, id)), "a waiting job is missing from its tier");
			}
		}
		ensure!(StorageVersion::get::<Pallet<T>>() == 5, "the storage version is 5");
		Pallet::<T>::do_try_state()
	}

	/// Version 4 → 5, run only when the stored version is 4.
	pub type MigrateV4ToV5<T> = VersionedMigration<
		4,
		5,
		UncheckedMigrateV4ToV5<T>,
		Pallet<T>,
		<T as polkadot_sdk::frame_system::Config>::DbWeight,
	>;
}
