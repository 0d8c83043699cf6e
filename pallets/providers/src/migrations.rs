//! Storage migrations of the provider registry.

use crate::*;
use polkadot_sdk::frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};

/// Version 0 → 1: provider records gain their registration deposit (zero for providers that
/// registered before deposits existed: nothing was held from them), the draw index keeps only
/// active providers, and the slash total starts.
pub mod v1 {
	use super::*;
	use alloc::vec::Vec;
	use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;

	/// A provider record as version 0 stored it.
	#[derive(Encode, Decode)]
	pub struct OldProviderInfo<T: Config> {
		/// What it declared.
		pub profile: ProfileOf<T>,
		/// Whether it stopped taking new work.
		pub paused: bool,
		/// Stake bonded on the hold.
		pub bonded: BalanceOf<T>,
		/// Stake unbonding.
		pub unlocking: BoundedVec<UnlockChunk<BalanceOf<T>, BlockNumberFor<T>>, T::MaxUnlockingChunks>,
		/// When it registered.
		pub registered_at: BlockNumberFor<T>,
		/// Its last heartbeat.
		pub last_heartbeat: BlockNumberFor<T>,
	}

	/// The migration's logic, without the version check: use [`MigrateV0ToV1`].
	pub struct UncheckedMigrateV0ToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut records = 0u64;
			Providers::<T>::translate::<OldProviderInfo<T>, _>(|_, old| {
				records += 1;
				Some(ProviderInfo {
					profile: old.profile,
					paused: old.paused,
					bonded: old.bonded,
					unlocking: old.unlocking,
					registered_at: old.registered_at,
					last_heartbeat: old.last_heartbeat,
					deposit: Zero::zero(),
				})
			});
			// The old index held every registered provider; rebuild it with the active ones.
			let cleared = ClassMembers::<T>::clear(u32::MAX, None).unique as u64 +
				MemberSlot::<T>::clear(u32::MAX, None).unique as u64 +
				ClassSize::<T>::clear(u32::MAX, None).unique as u64;
			let active: Vec<_> = Providers::<T>::iter()
				.filter(|(_, info)| Pallet::<T>::is_record_active(info))
				.map(|(who, info)| (who, info.profile.class))
				.collect();
			for (who, class) in &active {
				Pallet::<T>::index_add(who, *class);
			}
			T::DbWeight::get().reads_writes(2 * records + 1, records + cleared + 3 * active.len() as u64)
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

	/// What the checks after the upgrade compare with: the number of provider records and of
	/// active ones, before.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn pre_upgrade_state<T: Config>() -> Vec<u8> {
		let keys: Vec<_> = Providers::<T>::iter_keys().collect();
		let active = keys
			.iter()
			.filter_map(|who| {
				frame_support::storage::unhashed::get::<OldProviderInfo<T>>(&Providers::<T>::hashed_key_for(who))
			})
			.filter(|old| !old.paused && old.bonded >= Pallet::<T>::min_stake(old.profile.capacity))
			.count() as u32;
		let records = keys.len() as u32;
		(records, active).encode()
	}

	/// The checks after the upgrade: every record kept and decodable with a zero deposit, the
	/// index holding exactly the active providers, and every invariant of the pallet.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn post_upgrade_check<T: Config>(state: Vec<u8>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let (records, active): (u32, u32) =
			Decode::decode(&mut &state[..]).map_err(|_| "the pre-upgrade state decodes")?;
		ensure!(Providers::<T>::iter_values().count() as u32 == records, "every provider record decodes");
		ensure!(Providers::<T>::count() == records, "the record count is kept");
		ensure!(Providers::<T>::iter_values().all(|info| info.deposit.is_zero()), "no deposit was held before");
		let indexed: u32 = HardwareClass::ALL.into_iter().map(ClassSize::<T>::get).sum();
		ensure!(indexed == active, "the index holds the active providers");
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
