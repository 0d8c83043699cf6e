//! Storage migrations of the audit pallet.

use crate::*;
use codec::{Decode, Encode};
use polkadot_sdk::frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};

/// Version 0 → 1: records gain the committee (its target, draws, the classes that can run the job,
/// the job's size) and parties their own commit deadline and why they left; the due lists per
/// block become the queue that never drops; canaries gain an expiry and a count.
///
/// A record in flight keeps its auditors: its committee is the auditors it has (none if it was
/// not audited), they were drawn from the provider's class, and its size is unknown (0 units: a
/// replacement gets the base commit window).
pub mod v1 {
	use super::*;
	use alloc::vec::Vec;
	use frame_system::pallet_prelude::BlockNumberFor;
	use pallet_market::due;
	use polkadot_sdk::sp_runtime::traits::Saturating;

	/// A party as version 0 stored it.
	#[derive(Encode, Decode)]
	pub struct OldParty<AccountId, Balance> {
		/// The account.
		pub who: AccountId,
		/// Its commitment.
		pub commitment: Option<Commitment>,
		/// Its revealed root.
		pub root: Option<ResultRoot>,
		/// Slashed for the job.
		pub slashed: Balance,
		/// Paid for the job.
		pub paid: Balance,
		/// Missed its commit window.
		pub dropped: bool,
	}

	/// A record as version 0 stored it.
	#[derive(Encode, Decode)]
	pub struct OldAuditRecord<T: Config> {
		/// Who pays.
		pub consumer: T::AccountId,
		/// The provider's class.
		pub class: HardwareClass,
		/// The sensitivity.
		pub sensitivity: compnet_primitives::Sensitivity,
		/// The provider's payment.
		pub payment: BalanceOf<T>,
		/// The commitment block.
		pub committed_at: BlockNumberFor<T>,
		/// The phase (`Committing { until }` then meant the last block for commitments).
		pub phase: Phase<BlockNumberFor<T>>,
		/// The round.
		pub round: u8,
		/// The probability drawn against.
		pub probability: u32,
		/// The parties.
		pub parties: Vec<OldParty<T::AccountId, BalanceOf<T>>>,
		/// The canary's answer.
		pub canary: Option<ResultRoot>,
		/// The decision.
		pub decision: Option<Decision>,
	}

	/// Version 0's due lists.
	#[frame_support::storage_alias]
	pub type Due<T: Config> = StorageMap<Pallet<T>, Twox64Concat, BlockNumberFor<T>, Vec<JobId>, ValueQuery>;

	/// Version 0's due cursor.
	#[frame_support::storage_alias]
	pub type DueCursor<T: Config> = StorageValue<Pallet<T>, BlockNumberFor<T>, OptionQuery>;

	fn record<T: Config>(old: OldAuditRecord<T>) -> AuditRecord<T> {
		let auditors = old.parties.len().saturating_sub(1);
		let (phase, window_end) = match old.phase {
			Phase::Committing { next: until } => (Phase::Committing { next: until.saturating_add(1u32.into()) }, until),
			phase => (phase, old.committed_at),
		};
		let parties: Vec<PartyOf<T>> = old
			.parties
			.into_iter()
			.enumerate()
			.map(|(index, p)| Party {
				who: p.who,
				commitment: p.commitment,
				root: p.root,
				slashed: p.slashed,
				paid: p.paid,
				commit_by: if index == 0 { old.committed_at } else { window_end },
				left: p.dropped.then_some(Left::MissedCommit),
			})
			.collect();
		AuditRecord {
			consumer: old.consumer,
			class: old.class,
			sensitivity: old.sensitivity,
			able: 1 << old.class.index(),
			units: 0,
			payment: old.payment,
			committed_at: old.committed_at,
			seed_from: old.committed_at,
			phase,
			round: old.round,
			probability: old.probability,
			target: auditors as u8,
			attempts: (auditors > 0) as u8,
			parties: BoundedVec::truncate_from(parties),
			canary: old.canary,
			decision: old.decision,
		}
	}

	/// The migration's logic, without the version check: use [`MigrateV0ToV1`].
	pub struct UncheckedMigrateV0ToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut reads, mut writes) = (0u64, 0u64);
			Audits::<T>::translate::<OldAuditRecord<T>, _>(|_, old| {
				reads += 1;
				writes += 1;
				Some(record::<T>(old))
			});
			let expires_at = frame_system::Pallet::<T>::block_number().saturating_add(T::CanaryLifetime::get());
			Canaries::<T>::translate::<H256, _>(|_, answer| {
				reads += 1;
				writes += 1;
				Some(CanarySeal { answer, expires_at })
			});
			reads += Canaries::<T>::initialize_counter() as u64;
			let lists: Vec<_> = Due::<T>::drain().collect();
			let (r, w) = due::move_lists::<verify::DueQueue<T>>(DueCursor::<T>::take(), lists);
			T::DbWeight::get().reads_writes(reads + r + 2, writes + w + 2)
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

	/// What the checks after the upgrade compare with: the numbers of records, canaries and due
	/// entries before.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn pre_upgrade_state<T: Config>() -> Vec<u8> {
		let records = Audits::<T>::iter_keys().count() as u32;
		let canaries = Canaries::<T>::iter_keys().count() as u32;
		let due: u32 = Due::<T>::iter_values().map(|jobs| jobs.len() as u32).sum();
		(records, canaries, due).encode()
	}

	/// The checks after the upgrade: every record and canary kept and decodable, the canary count
	/// right, every due entry in the new queue, and every invariant of the pallet.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn post_upgrade_check<T: Config>(state: Vec<u8>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let (records, canaries, due): (u32, u32, u32) =
			Decode::decode(&mut &state[..]).map_err(|_| "the pre-upgrade state decodes")?;
		ensure!(Audits::<T>::iter_values().count() as u32 == records, "every record decodes");
		ensure!(Canaries::<T>::iter_values().count() as u32 == canaries, "every canary decodes");
		ensure!(Canaries::<T>::count() == canaries, "the canary count is right");
		ensure!(Due::<T>::iter_keys().next().is_none(), "no old due list is left");
		ensure!(DueJobs::<T>::iter_values().count() as u32 == due, "every due entry moved to the queue");
		ensure!(StorageVersion::get::<Pallet<T>>() == 1, "the storage version is 1");
		Pallet::<T>::do_try_state()
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
