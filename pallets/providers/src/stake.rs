//! Every currency operation of the pallet: stake goes on a hold, comes off it, or is slashed;
//! the registration deposit is held and released.
//!
//! Invariants: for every provider, the balance on `HoldReason::Stake` equals its bond plus its
//! unlocking chunks, and the balance on `HoldReason::Deposit` equals its record's deposit
//! (`Pallet::do_try_state` checks both).

use crate::{BalanceOf, Config, HoldReason};
use polkadot_sdk::{
	frame_support::traits::{
		fungible::MutateHold,
		Get,
		tokens::{Fortitude, Precision, Restriction},
	},
	sp_runtime::DispatchResult,
};

/// Holds the registration deposit from `who`'s free balance.
pub(crate) fn hold_deposit<T: Config>(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	T::Currency::hold(&HoldReason::Deposit.into(), who, amount)
}

/// Releases `who`'s registration deposit.
pub(crate) fn release_deposit<T: Config>(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	T::Currency::release(&HoldReason::Deposit.into(), who, amount, Precision::Exact).map(|_| ())
}

/// The balance on `who`'s deposit hold.
#[cfg(any(feature = "std", feature = "try-runtime"))]
pub(crate) fn deposit_held<T: Config>(who: &T::AccountId) -> BalanceOf<T> {
	use polkadot_sdk::frame_support::traits::fungible::InspectHold;
	T::Currency::balance_on_hold(&HoldReason::Deposit.into(), who)
}

/// Puts `amount` of `who`'s free balance on the stake hold.
pub(crate) fn hold<T: Config>(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	T::Currency::hold(&HoldReason::Stake.into(), who, amount)
}

/// Releases `amount` of `who`'s stake hold back to its free balance.
pub(crate) fn release<T: Config>(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	T::Currency::release(&HoldReason::Stake.into(), who, amount, Precision::Exact).map(|_| ())
}

/// Takes up to `amount` from `who`'s stake hold, to `SlashDestination` or burnt; returns what was
/// taken.
pub(crate) fn slash<T: Config>(who: &T::AccountId, amount: BalanceOf<T>) -> BalanceOf<T> {
	let reason = HoldReason::Stake.into();
	let taken = match T::SlashDestination::get() {
		Some(dest) => T::Currency::transfer_on_hold(
			&reason,
			who,
			&dest,
			amount,
			Precision::BestEffort,
			Restriction::Free,
			Fortitude::Force,
		),
		None => T::Currency::burn_held(&reason, who, amount, Precision::BestEffort, Fortitude::Force),
	};
	// Best effort never fails for an amount within the hold; report nothing taken otherwise.
	taken.unwrap_or_default()
}

/// The balance on `who`'s stake hold.
pub(crate) fn held<T: Config>(who: &T::AccountId) -> BalanceOf<T> {
	use polkadot_sdk::frame_support::traits::fungible::InspectHold;
	T::Currency::balance_on_hold(&HoldReason::Stake.into(), who)
}

