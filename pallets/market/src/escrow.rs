//! Every currency operation of the market: escrow goes on a hold on the consumer's account, and
//! leaves it as payment to the provider, a protocol fee, or a refund.
//!
//! Invariant: for every consumer, the balance on `HoldReason::Escrow` equals the sum of `escrow`
//! over its jobs that are not final (`Pallet::do_try_state` checks it).

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

/// The balance on the consumer's escrow hold.
#[cfg(any(feature = "std", feature = "try-runtime"))]
pub(crate) fn held<T: Config>(consumer: &T::AccountId) -> BalanceOf<T> {
	use polkadot_sdk::frame_support::traits::fungible::InspectHold;
	T::Currency::balance_on_hold(&HoldReason::Escrow.into(), consumer)
}
