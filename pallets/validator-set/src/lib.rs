//! # Validator set
//!
//! ## Overview
//!
//! The set of accounts that author blocks (BABE) and vote on finality (GRANDPA) on a CompNet chain.
//! A governance origin (`Config::AddRemoveOrigin`, Sudo for now) adds or removes a validator without
//! a new chain; `pallet-session` picks the change up at the next session rotation.
//!
//! ## Design
//!
//! The pallet is the chain's [`pallet_session::SessionManager`]. At every new session it hands the
//! current set to `pallet-session`, which keeps only the validators whose session keys are set
//! (`Session::set_keys`) and activates them one session later, as BABE requires. The set is a single
//! bounded vector: every call does work bounded by `Config::MaxValidators`.
//!
//! ## Terms
//!
//! - *Validator*: an account whose node holds BABE and GRANDPA session keys and takes part in
//!   consensus.
//! - *Session*: the period over which the authority set is fixed; on CompNet, one BABE epoch.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

use alloc::vec::Vec;
use polkadot_sdk::{frame_support, frame_system, pallet_session, sp_staking::SessionIndex};

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Configuration of the validator set.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The origin that may add or remove validators (governance; Sudo for now).
		type AddRemoveOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The largest number of validators the set may hold.
		#[pallet::constant]
		type MaxValidators: Get<u32>;
		/// The smallest number of validators the set may shrink to; at least 1.
		#[pallet::constant]
		type MinValidators: Get<u32>;
		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The validators handed to `pallet-session` at the next rotation.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// The genesis validator set.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The accounts that validate from block 0. Their session keys go in `pallet-session`'s
		/// genesis. Empty only in a default genesis that no chain runs on: the calls never shrink
		/// the set below `MinValidators`.
		pub initial_validators: Vec<T::AccountId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let mut set: Vec<T::AccountId> = Vec::with_capacity(self.initial_validators.len());
			for v in &self.initial_validators {
				assert!(!set.contains(v), "duplicate genesis validator");
				set.push(v.clone());
			}
			let bounded: BoundedVec<_, T::MaxValidators> =
				set.try_into().expect("more genesis validators than MaxValidators");
			Validators::<T>::put(bounded);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A validator was added; it takes part from the session after next once its keys are set.
		ValidatorAdded {
			/// The validator's account.
			who: T::AccountId,
		},
		/// A validator was removed; it stops validating from the session after next.
		ValidatorRemoved {
			/// The validator's account.
			who: T::AccountId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a validator.
		AlreadyValidator,
		/// The account is not a validator.
		NotValidator,
		/// The set already holds `MaxValidators` validators.
		TooManyValidators,
		/// Removing the validator would leave fewer than `MinValidators`.
		TooFewValidators,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MinValidators::get() >= 1, "a chain needs at least one validator");
			assert!(T::MinValidators::get() <= T::MaxValidators::get());
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Add `who` to the validator set.
		///
		/// Origin: `AddRemoveOrigin`. The validator authors blocks from the session after next,
		/// once its operator has set session keys with `Session::set_keys`.
		#[pallet::call_index(0)]
		pub fn add_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AddRemoveOrigin::ensure_origin(origin)?;
			Self::do_add_validator(who)
		}

		/// Remove `who` from the validator set.
		///
		/// Origin: `AddRemoveOrigin`. The validator stops authoring from the session after next.
		#[pallet::call_index(1)]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AddRemoveOrigin::ensure_origin(origin)?;
			Self::do_remove_validator(who)
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Add a validator; fails if it is present or the set is full.
	pub fn do_add_validator(who: T::AccountId) -> frame_support::dispatch::DispatchResult {
		Validators::<T>::try_mutate(|set| {
			frame_support::ensure!(!set.contains(&who), Error::<T>::AlreadyValidator);
			set.try_push(who.clone()).map_err(|_| Error::<T>::TooManyValidators)?;
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::ValidatorAdded { who });
		Ok(())
	}

	/// Remove a validator; fails if it is absent or the set would fall below `MinValidators`.
	pub fn do_remove_validator(who: T::AccountId) -> frame_support::dispatch::DispatchResult {
		use frame_support::traits::Get;
		Validators::<T>::try_mutate(|set| {
			let pos = set.iter().position(|v| v == &who).ok_or(Error::<T>::NotValidator)?;
			frame_support::ensure!(
				set.len() as u32 > T::MinValidators::get(),
				Error::<T>::TooFewValidators
			);
			set.remove(pos);
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::ValidatorRemoved { who });
		Ok(())
	}

	/// The invariants of the set: no duplicates, and at least `MinValidators` once there are any.
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use frame_support::traits::Get;
		let set = Validators::<T>::get();
		for (i, v) in set.iter().enumerate() {
			frame_support::ensure!(!set[i + 1..].contains(v), "duplicate validator");
		}
		frame_support::ensure!(
			set.is_empty() || set.len() as u32 >= T::MinValidators::get(),
			"fewer validators than MinValidators"
		);
		Ok(())
	}
}

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	/// The set for the session after next; `None` (keep the current one) while the set is empty.
	fn new_session(_new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		let set = Validators::<T>::get();
		(!set.is_empty()).then(|| set.into_inner())
	}
	fn end_session(_end_index: SessionIndex) {}
	fn start_session(_start_index: SessionIndex) {}
}
