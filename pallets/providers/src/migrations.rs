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
			// Written in version 1's layout: [`v2`] adds the operator's acceptance.
			v2::layout::Providers::<T>::translate::<OldProviderInfo<T>, _>(|_, old| {
				records += 1;
				Some(v2::V1ProviderInfo::<T> {
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
			let active: Vec<_> = v2::layout::Providers::<T>::iter()
				.filter(|(_, info)| !info.paused && info.bonded >= Pallet::<T>::min_stake(info.profile.capacity))
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

	/// The checks after the upgrade: every record kept and decodable (in version 1's layout) with
	/// a zero deposit, and the index holding exactly the active providers. The pallet's invariants
	/// hold once [`v2`] ran too.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn post_upgrade_check<T: Config>(state: Vec<u8>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let (records, active): (u32, u32) =
			Decode::decode(&mut &state[..]).map_err(|_| "the pre-upgrade state decodes")?;
		ensure!(v2::layout::Providers::<T>::iter_values().count() as u32 == records, "every provider record decodes");
		ensure!(Providers::<T>::count() == records, "the record count is kept");
		ensure!(v2::layout::Providers::<T>::iter_values().all(|info| info.deposit.is_zero()), "no deposit was held before");
		let indexed: u32 = HardwareClass::ALL.into_iter().map(ClassSize::<T>::get).sum();
		ensure!(indexed == active, "the index holds the active providers");
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

/// Version 1 → 2: provider records gain `operator_accepted`. A provider that names itself is
/// accepted; one that names another account is not, until that account calls
/// `accept_provider`: a link one side declared alone never excluded anyone's auditors again.
pub mod v2 {
	use super::*;
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	use alloc::vec::Vec;
	use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;

	/// A provider record as version 1 stored it.
	#[derive(Encode, Decode)]
	pub struct V1ProviderInfo<T: Config> {
		/// What it declared.
		pub profile: ProfileOf<T>,
		/// Whether it stopped taking new work.
		pub paused: bool,
		/// Stake bonded on the hold.
		pub bonded: BalanceOf<T>,
		/// Stake unbonding.
		pub unlocking: BoundedVec<UnlockChunk<BalanceOf<T>, BlockNumberFor<T>>, T::MaxUnlockingChunks>,
		/// The registration deposit.
		pub deposit: BalanceOf<T>,
		/// When it registered.
		pub registered_at: BlockNumberFor<T>,
		/// Its last heartbeat.
		pub last_heartbeat: BlockNumberFor<T>,
	}

	/// Version 1's layout of the records, under their own storage name.
	pub mod layout {
		use super::*;

		/// The records as version 1 stored them.
		#[frame_support::storage_alias]
		pub type Providers<T: Config> = StorageMap<
			Pallet<T>,
			Blake2_128Concat,
			<T as polkadot_sdk::frame_system::Config>::AccountId,
			V1ProviderInfo<T>,
			OptionQuery,
		>;
	}

	/// The migration's logic, without the version check: use [`MigrateV1ToV2`].
	pub struct UncheckedMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut records = 0u64;
			Providers::<T>::translate::<V1ProviderInfo<T>, _>(|who, old| {
				records += 1;
				Some(ProviderInfo {
					operator_accepted: old.profile.operator == who,
					profile: old.profile,
					paused: old.paused,
					bonded: old.bonded,
					unlocking: old.unlocking,
					deposit: old.deposit,
					registered_at: old.registered_at,
					last_heartbeat: old.last_heartbeat,
				})
			});
			T::DbWeight::get().reads_writes(records, records)
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

	/// What the checks after the upgrade compare with: the number of records before.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn pre_upgrade_state<T: Config>() -> Vec<u8> {
		(layout::Providers::<T>::iter_keys().count() as u32).encode()
	}

	/// The checks after the upgrade: every record kept and decodable, accepted exactly when it
	/// names itself, and every invariant of the pallet.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn post_upgrade_check<T: Config>(state: Vec<u8>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let records: u32 = Decode::decode(&mut &state[..]).map_err(|_| "the pre-upgrade state decodes")?;
		ensure!(Providers::<T>::iter_values().count() as u32 == records, "every provider record decodes");
		ensure!(
			Providers::<T>::iter().all(|(who, info)| info.operator_accepted == (info.profile.operator == who)),
			"only self-named operators start accepted"
		);
		ensure!(StorageVersion::get::<Pallet<T>>() == 2, "the storage version is 2");
		Pallet::<T>::do_try_state()
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
