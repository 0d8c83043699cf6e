//! Every currency operation of the market: escrow goes on a hold on the consumer's account, and
//! leaves it as payment to the provider, a protocol fee, or a refund; record deposits (offers,
//! jobs) go on a second hold and come back when the record goes, or are burnt.
//!
//! Invariants (`Pallet::do_try_state` checks them): for every consumer, the balance on
//! `HoldReason::Escrow` equals the sum of `escrow` over its jobs that are not final; for every
//! account, the balance on `HoldReason::Deposit` equals its offer's deposit plus its jobs'.

use crate::{BalanceOf, Config, HoldReason};
use polkadot_sdk::{
	frame_support::traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
		Get,
	},
	sp_runtime::DispatchResult,
};

/// Puts `amount` of the consumer's free balance on the escrow hold.
pub(crate) fn hold<T: Config>(consumer: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	T::Currency::hold(&HoldReason::Escrow.into(), consumer, amount)
}

/// Releases `amount` of the consumer's escrow back to its free balance.
pub(crate) fn release<T: Config>(consumer: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	T::Currency::release(&HoldReason::Escrow.into(), consumer, amount, Precision::Exact).map(|_| ())
}

/// Moves `amount` of the consumer's escrow to the provider's free balance.
pub(crate) fn pay<T: Config>(
	consumer: &T::AccountId,
	provider: &T::AccountId,
	amount: BalanceOf<T>,
) -> DispatchResult {
	T::Currency::transfer_on_hold(
		&HoldReason::Escrow.into(),
		consumer,
		provider,
		amount,
		Precision::Exact,
		Restriction::Free,
		Fortitude::Force,
	)
	.map(|_| ())
}

/// Takes the protocol fee out of the consumer's escrow, to `FeeDestination` or burnt.
pub(crate) fn take_fee<T: Config>(consumer: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	let reason = HoldReason::Escrow.into();
	match T::FeeDestination::get() {
		Some(dest) => T::Currency::transfer_on_hold(
			&reason,
			consumer,
			&dest,
			amount,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Force,
		),
		None => T::Currency::burn_held(&reason, consumer, amount, Precision::Exact, Fortitude::Force),
	}
	.map(|_| ())
}

/// Holds a record deposit from `who`.
pub(crate) fn hold_deposit<T: Config>(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	T::Currency::hold(&HoldReason::Deposit.into(), who, amount)
}

/// Releases a record deposit of `who`.
pub(crate) fn release_deposit<T: Config>(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	T::Currency::release(&HoldReason::Deposit.into(), who, amount, Precision::Exact).map(|_| ())
}

/// Burns a record deposit of `who`.
pub(crate) fn burn_deposit<T: Config>(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	T::Currency::burn_held(&HoldReason::Deposit.into(), who, amount, Precision::Exact, Fortitude::Force).map(|_| ())
}

/// The balance on `who`'s deposit hold.
#[cfg(any(feature = "std", feature = "try-runtime"))]
pub(crate) fn deposit_held<T: Config>(who: &T::AccountId) -> BalanceOf<T> {
	use polkadot_sdk::frame_support::traits::fungible::InspectHold;
	T::Currency::balance_on_hold(&HoldReason::Deposit.into(), who)
}

/// The balance on the consumer's escrow hold.
#[cfg(any(feature = "std", feature = "try-runtime"))]
pub(crate) fn held<T: Config>(consumer: &T::AccountId) -> BalanceOf<T> {
	use polkadot_sdk::frame_support::traits::fungible::InspectHold;
	T::Currency::balance_on_hold(&HoldReason::Escrow.into(), consumer)
}
