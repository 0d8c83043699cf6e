//! # Providers
//!
//! ## Overview
//!
//! The registry of CompNet providers and their stakes. A provider declares its hardware (class,
//! device count, capacity in H100-equivalents), its region and its worker endpoint, and bonds a
//! stake that grows with the capacity it declares: claiming a thousand GPUs costs a thousand times
//! the stake of one. The stake sits on a hold; it can be unbonded (it stays slashable while it
//! unbonds) and withdrawn after `UnbondingPeriod` blocks. Other pallets slash it through [`Slash`]
//! and read the registry through [`ProviderRegistry`].
//!
//! ## Design
//!
//! - Money: `fungible` holds with [`HoldReason::Stake`]; every currency operation is in `stake.rs`.
//! - A provider is **active** when it is not paused and its bond covers the minimum stake for its
//!   declared capacity. Running totals (registered, active, active capacity; overall, per hardware
//!   class and per region group) are adjusted on every change of one provider, never recomputed by
//!   iteration: every call touches one provider's record and a fixed number of totals.
//! - Slashing reaches the bond first, then unbonding chunks, newest first. Slashed funds go to
//!   `SlashDestination` (an account), or are burnt when it is `None`; [`SlashedTotal`] counts them.
//! - **Deposits.** Registering holds `RegistrationDeposit` ([`HoldReason::Deposit`]) for the
//!   records a provider makes the chain keep (its record, its slot in the draw index, its quality
//!   score); deregistering releases it. Leaving needs every unit of stake withdrawn and the consent
//!   of the pallets that keep records for the provider ([`ProviderLifecycle`]: no running jobs).
//! - **The draw index** ([`ClassMembers`]) holds only *active* providers of each class, in dense
//!   slots: a uniform slot is a uniform active provider, so auditors are drawn uniformly over the
//!   providers that are bonded and working, and unbonded or paused accounts are never drawn.
//!
//! ## Terms
//!
//! - *Capacity*: thousandths of one H100 ([`compnet_primitives::Capacity`]).
//! - *Bond*: stake on hold that backs the provider's work.
//! - *Unlocking chunk*: stake leaving the bond, withdrawable at a block number.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
pub mod migrations;
#[cfg(test)]
mod mock;
mod stake;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

use compnet_primitives::{Capacity, HardwareClass, RegionGroup};
use polkadot_sdk::{
	frame_support::{self, traits::fungible},
	frame_system,
	sp_runtime::Perbill,
};

/// The balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::fungible::MutateHold};
	use frame_system::pallet_prelude::*;

	/// The storage layout: 1 added registration deposits, the active-only draw index and the
	/// slash total ([`crate::migrations::v1`]); 2 the operator's acceptance
	/// ([`crate::migrations::v2`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the provider registry.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency stakes are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::Mutate<Self::AccountId>;
		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;
		/// The stake required per H100-equivalent of declared capacity.
		#[pallet::constant]
		type StakePerH100: Get<BalanceOf<Self>>;
		/// The smallest stake any provider must bond, whatever its capacity.
		#[pallet::constant]
		type MinStake: Get<BalanceOf<Self>>;
		/// Held from a provider while it is registered: pays for the records it makes the chain
		/// keep (its record, its draw-index slot, its quality score).
		#[pallet::constant]
		type RegistrationDeposit: Get<BalanceOf<Self>>;
		/// Pallets that keep records per provider: asked before a provider leaves, told after.
		type Lifecycle: ProviderLifecycle<Self::AccountId>;
		/// Blocks between `unbond` and the moment the funds can be withdrawn.
		#[pallet::constant]
		type UnbondingPeriod: Get<BlockNumberFor<Self>>;
		/// The most unlocking chunks a provider may have at once.
		#[pallet::constant]
		type MaxUnlockingChunks: Get<u32>;
		/// The longest worker endpoint, in bytes.
		#[pallet::constant]
		type MaxEndpointLen: Get<u32>;
		/// The most devices one provider record may declare.
		#[pallet::constant]
		type MaxDevices: Get<u32>;
		/// Where slashed stake goes; `None` burns it.
		type SlashDestination: Get<Option<Self::AccountId>>;
		/// Told of every heartbeat, with the blocks since the previous one (quality scores count
		/// late heartbeats).
		type OnHeartbeat: HeartbeatObserver<Self::AccountId, BlockNumberFor<Self>>;
		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Reasons this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A provider's bonded or unbonding stake.
		#[codec(index = 0)]
		Stake,
		/// A provider's registration deposit.
		#[codec(index = 1)]
		Deposit,
	}

	/// Registered providers, by account.
	#[pallet::storage]
	pub type Providers<T: Config> =
		CountedStorageMap<_, Blake2_128Concat, T::AccountId, ProviderOf<T>, OptionQuery>;

	/// Totals over all providers.
	#[pallet::storage]
	pub type Totals<T: Config> = StorageValue<_, ProviderTotals, ValueQuery>;

	/// Totals per hardware class.
	#[pallet::storage]
	pub type ClassTotals<T: Config> =
		StorageMap<_, Twox64Concat, HardwareClass, ProviderTotals, ValueQuery>;

	/// The draw index: the *active* providers of each class, in slots `0..ClassSize`. A uniform
	/// draw by slot is one read and picks every active provider with the same chance.
	#[pallet::storage]
	pub type ClassMembers<T: Config> =
		StorageMap<_, Twox64Concat, (HardwareClass, u32), T::AccountId, OptionQuery>;

	/// How many active providers each class's draw index holds.
	#[pallet::storage]
	pub type ClassSize<T: Config> = StorageMap<_, Twox64Concat, HardwareClass, u32, ValueQuery>;

	/// Everything slashed since genesis (burnt or sent to `SlashDestination`).
	#[pallet::storage]
	pub type SlashedTotal<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// Each active provider's slot in its class's draw index.
	#[pallet::storage]
	pub type MemberSlot<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, OptionQuery>;

	/// Totals per region group.
	#[pallet::storage]
	pub type RegionTotals<T: Config> =
		StorageMap<_, Twox64Concat, RegionGroup, ProviderTotals, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A provider registered.
		Registered {
			/// The provider's account.
			who: T::AccountId,
			/// Its hardware class.
			class: HardwareClass,
			/// Its declared capacity, in thousandths of an H100.
			capacity: Capacity,
			/// The registration deposit held until it leaves.
			deposit: BalanceOf<T>,
		},
		/// A provider changed its profile.
		ProfileUpdated {
			/// The provider's account.
			who: T::AccountId,
		},
		/// A provider paused: it takes no new work.
		Paused {
			/// The provider's account.
			who: T::AccountId,
		},
		/// A provider resumed taking work.
		Resumed {
			/// The provider's account.
			who: T::AccountId,
		},
		/// A provider left the registry.
		Deregistered {
			/// The provider's account.
			who: T::AccountId,
			/// The registration deposit released.
			deposit: BalanceOf<T>,
		},
		/// Stake was bonded.
		Bonded {
			/// The provider's account.
			who: T::AccountId,
			/// The amount added to the bond.
			amount: BalanceOf<T>,
		},
		/// Stake started unbonding.
		Unbonded {
			/// The provider's account.
			who: T::AccountId,
			/// The amount leaving the bond.
			amount: BalanceOf<T>,
			/// The block from which it can be withdrawn.
			unlocks_at: BlockNumberFor<T>,
		},
		/// Unbonded stake was released to the provider.
		Withdrawn {
			/// The provider's account.
			who: T::AccountId,
			/// The amount released.
			amount: BalanceOf<T>,
		},
		/// Stake was slashed.
		Slashed {
			/// The provider's account.
			who: T::AccountId,
			/// The amount taken from bond and unbonding stake.
			amount: BalanceOf<T>,
			/// Why.
			reason: SlashReason,
		},
		/// A provider reported that it is alive.
		Heartbeat {
			/// The provider's account.
			who: T::AccountId,
		},
		/// An operator accepted a provider that names it: they no longer audit each other.
		OperatorAccepted {
			/// The provider's account.
			provider: T::AccountId,
			/// The operator's account.
			operator: T::AccountId,
		},
		/// An operator released a provider: it is its own operator again.
		OperatorReleased {
			/// The provider's account.
			provider: T::AccountId,
			/// The operator's account.
			operator: T::AccountId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a registered provider.
		AlreadyRegistered,
		/// The account is not a registered provider.
		NotRegistered,
		/// The profile is malformed: no devices, too many, a bad country code or capacity.
		BadProfile,
		/// The endpoint is longer than `MaxEndpointLen`.
		EndpointTooLong,
		/// The amount is zero.
		ZeroAmount,
		/// More than the bond was asked to unbond.
		InsufficientBond,
		/// An active provider may not unbond below the minimum stake for its capacity; pause first.
		BelowMinimumStake,
		/// The provider already has `MaxUnlockingChunks` unbonding chunks; withdraw first.
		TooManyUnlockingChunks,
		/// Nothing has finished unbonding yet.
		NothingToWithdraw,
		/// Stake is still bonded or unbonding; unbond and withdraw before deregistering.
		StakeStillHeld,
		/// The provider is already paused.
		AlreadyPaused,
		/// The provider is not paused.
		NotPaused,
		/// The provider's profile does not name the caller as its operator.
		NotNamedOperator,
		/// The operator already accepted the provider.
		AlreadyAccepted,
		/// The operator has not accepted the provider.
		NotAccepted,
		/// The provider runs a job: its operator link stays as it is until the job ends.
		OperatorLinkFrozen,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(!T::RegistrationDeposit::get().is_zero(), "registrations must not be free");
			assert!(T::MaxUnlockingChunks::get() >= 1);
			assert!(T::MaxDevices::get() >= 1);
			assert!(!T::StakePerH100::get().is_zero() || !T::MinStake::get().is_zero());
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Register the caller as a provider with `profile`. Bond stake with `bond` afterwards.
		///
		/// Origin: signed, the provider's account.
		#[pallet::call_index(0)]
		pub fn register(origin: OriginFor<T>, profile: ProfileOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register(who, profile)
		}

		/// Replace the caller's profile. Capacity may only grow as far as the bond covers.
		///
		/// A changed `operator` is refused while the provider runs a job, and counts only once
		/// the new operator accepts it.
		///
		/// Origin: signed, a registered provider.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::update_profile().saturating_add(T::Lifecycle::leave_weight()))]
		pub fn update_profile(origin: OriginFor<T>, profile: ProfileOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_profile(who, profile)
		}

		/// Stop taking new work; running jobs are unaffected.
		///
		/// Origin: signed, a registered provider.
		#[pallet::call_index(2)]
		pub fn pause(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_paused(who, true)
		}

		/// Take new work again.
		///
		/// Origin: signed, a paused provider.
		#[pallet::call_index(3)]
		pub fn resume(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_paused(who, false)
		}

		/// Leave the registry and get the registration deposit back. Every unit of stake must be
		/// withdrawn first, and no job may be running (its offer goes with it).
		///
		/// Origin: signed, a registered provider.
		#[pallet::call_index(4)]
		#[pallet::weight(<T as Config>::WeightInfo::deregister().saturating_add(T::Lifecycle::leave_weight()))]
		pub fn deregister(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deregister(who)
		}

		/// Add `amount` to the caller's bond (a hold on its free balance).
		///
		/// Origin: signed, a registered provider.
		#[pallet::call_index(5)]
		pub fn bond(origin: OriginFor<T>, #[pallet::compact] amount: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond(who, amount)
		}

		/// Move `amount` from the bond into an unlocking chunk, withdrawable after
		/// `UnbondingPeriod` blocks; it stays slashable until then.
		///
		/// Origin: signed, a registered provider.
		#[pallet::call_index(6)]
		pub fn unbond(origin: OriginFor<T>, #[pallet::compact] amount: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unbond(who, amount)
		}

		/// Release every unlocking chunk whose period has passed.
		///
		/// Origin: signed, a registered provider.
		#[pallet::call_index(7)]
		#[pallet::weight(<T as Config>::WeightInfo::withdraw_unbonded(T::MaxUnlockingChunks::get()))]
		pub fn withdraw_unbonded(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_unbonded(who)
		}

		/// Record that the caller's worker is alive.
		///
		/// Origin: signed, a registered provider.
		#[pallet::call_index(8)]
		pub fn heartbeat(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_heartbeat(who)
		}

		/// Accept `provider`, whose profile names the caller as its operator: from now on the
		/// caller's providers never audit it, nor it them. Refused while the provider runs a job.
		///
		/// Origin: signed, the operator the provider's profile names.
		#[pallet::call_index(9)]
		#[pallet::weight(<T as Config>::WeightInfo::accept_provider().saturating_add(T::Lifecycle::leave_weight()))]
		pub fn accept_provider(origin: OriginFor<T>, provider: T::AccountId) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Self::do_set_accepted(operator, provider, true)
		}

		/// Stop being `provider`'s operator: it is its own operator again. Refused while the
		/// provider runs a job.
		///
		/// Origin: signed, the operator that accepted the provider.
		#[pallet::call_index(10)]
		#[pallet::weight(<T as Config>::WeightInfo::release_provider().saturating_add(T::Lifecycle::leave_weight()))]
		pub fn release_provider(origin: OriginFor<T>, provider: T::AccountId) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Self::do_set_accepted(operator, provider, false)
		}
	}
}

/// Slashing, for the pallets that decide a provider was wrong.
pub trait Slash<AccountId, Balance> {
	/// Takes `fraction` of `who`'s stake (bond and unbonding chunks) for `reason`; returns the
	/// amount taken. A provider without stake loses nothing.
	fn slash(who: &AccountId, fraction: Perbill, reason: SlashReason) -> Balance;
}

/// What the market and the audit pallets read about providers.
pub trait ProviderRegistry<AccountId> {
	/// The provider's profile and state, if it is registered.
	fn provider(who: &AccountId) -> Option<ProviderView<AccountId>>;
	/// Whether the provider may take new work: registered, not paused, bond covering its capacity.
	fn is_active(who: &AccountId) -> bool {
		Self::provider(who).is_some_and(|p| p.active)
	}
	/// Running totals over every provider.
	fn totals() -> ProviderTotals;
	/// Running totals over the providers of one hardware class.
	fn class_totals(class: HardwareClass) -> ProviderTotals;
	/// How many *active* providers of `class` are in the draw index (the slots of
	/// [`Self::class_member`]).
	fn class_size(class: HardwareClass) -> u32;
	/// The active provider of `class` in slot `index` (`0..class_size`), for uniform random draws.
	fn class_member(class: HardwareClass, index: u32) -> Option<AccountId>;
	/// The smallest stake an active provider has: what any auditor puts at risk, at least.
	fn minimum_stake() -> u128;
}

/// Pallets that keep records for a provider (an offer, a quality score): asked before the
/// provider leaves the registry, and told once it has, so that nothing it made the chain keep
/// stays behind.
pub trait ProviderLifecycle<AccountId> {
	/// Whether `who` may leave now; the error says what still needs it (running jobs).
	fn can_leave(who: &AccountId) -> polkadot_sdk::sp_runtime::DispatchResult;
	/// `who` left the registry: remove what was kept for it, release its deposits.
	fn left(who: &AccountId);
	/// The most [`Self::can_leave`] and [`Self::left`] cost together, charged with `deregister`.
	fn leave_weight() -> frame_support::weights::Weight;
}

impl<AccountId> ProviderLifecycle<AccountId> for () {
	fn can_leave(_: &AccountId) -> polkadot_sdk::sp_runtime::DispatchResult {
		Ok(())
	}
	fn left(_: &AccountId) {}
	fn leave_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

impl<AccountId, A: ProviderLifecycle<AccountId>, B: ProviderLifecycle<AccountId>> ProviderLifecycle<AccountId>
	for (A, B)
{
	fn can_leave(who: &AccountId) -> polkadot_sdk::sp_runtime::DispatchResult {
		A::can_leave(who)?;
		B::can_leave(who)
	}
	fn left(who: &AccountId) {
		A::left(who);
		B::left(who);
	}
	fn leave_weight() -> frame_support::weights::Weight {
		A::leave_weight().saturating_add(B::leave_weight())
	}
}

/// Hears of provider heartbeats.
pub trait HeartbeatObserver<AccountId, BlockNumber> {
	/// `who` sent a heartbeat `since_last` blocks after its previous one (or its registration).
	fn heartbeat(who: &AccountId, since_last: BlockNumber);
}

impl<AccountId, BlockNumber> HeartbeatObserver<AccountId, BlockNumber> for () {
	fn heartbeat(_: &AccountId, _: BlockNumber) {}
}
