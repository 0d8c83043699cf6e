//! The records the provider registry keeps.

use crate::{BalanceOf, Config};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use compnet_primitives::{Capacity, HardwareClass, Region};
use polkadot_sdk::{
	frame_support::{traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound},
	frame_system::pallet_prelude::BlockNumberFor,
};
use scale_info::TypeInfo;

/// What a provider declares about its machines.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, DecodeWithMemTracking,
	MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxEndpointLen))]
pub struct Profile<AccountId: Clone + PartialEq + Eq + core::fmt::Debug, MaxEndpointLen: Get<u32>> {
	/// The GPU model (or CPU-only).
	pub class: HardwareClass,
	/// How many devices of that class.
	pub devices: u32,
	/// Memory per device, in GiB; at most the class's memory.
	pub memory_gib: u32,
	/// Declared capacity in thousandths of an H100; at most `devices` × the class's throughput.
	pub capacity: Capacity,
	/// Where the machines are.
	pub region: Region,
	/// The worker's public endpoint (e.g. `https://gpu1.example.org:8443`).
	pub endpoint: BoundedVec<u8, MaxEndpointLen>,
	/// The operator the provider names: the person or company behind the machines. The link
	/// counts only once the operator account accepted it (`accept_provider`); then providers of
	/// one operator never audit each other.
	pub operator: AccountId,
}

/// A provider's profile, as the runtime configures it.
pub type ProfileOf<T> = Profile<<T as polkadot_sdk::frame_system::Config>::AccountId, <T as Config>::MaxEndpointLen>;

/// Stake leaving the bond.
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct UnlockChunk<Balance, BlockNumber> {
	/// The amount.
	pub amount: Balance,
	/// The block from which it can be withdrawn.
	pub unlocks_at: BlockNumber,
}

/// A registered provider.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
pub struct ProviderInfo<T: Config> {
	/// What it declared.
	pub profile: ProfileOf<T>,
	/// Whether it stopped taking new work.
	pub paused: bool,
	/// Stake bonded on the hold.
	pub bonded: BalanceOf<T>,
	/// Stake unbonding, oldest first; still on the hold and slashable.
	pub unlocking: BoundedVec<UnlockChunk<BalanceOf<T>, BlockNumberFor<T>>, T::MaxUnlockingChunks>,
	/// The registration deposit held for this record, released when the provider leaves.
	pub deposit: BalanceOf<T>,
	/// When it registered.
	pub registered_at: BlockNumberFor<T>,
	/// Its last heartbeat (or registration).
	pub last_heartbeat: BlockNumberFor<T>,
	/// Whether the operator its profile names accepted it (always so for a provider that names
	/// itself). Changes only while the provider runs no job.
	pub operator_accepted: bool,
}

/// A provider record, as the runtime configures it.
pub type ProviderOf<T> = ProviderInfo<T>;

/// Running totals over a set of providers.
#[derive(
	Clone, Copy, Default, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
pub struct ProviderTotals {
	/// Registered providers.
	pub registered: u32,
	/// Providers that may take new work.
	pub active: u32,
	/// Declared capacity of every registered provider, thousandths of an H100.
	pub registered_capacity: Capacity,
	/// Declared capacity of the active providers, thousandths of an H100.
	pub active_capacity: Capacity,
}

/// Why stake was slashed.
#[derive(
	Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum SlashReason {
	/// A result that an audit showed to be wrong.
	WrongResult,
	/// A result commitment that was never revealed.
	MissedReveal,
	/// A commit deadline that passed without a commitment.
	MissedDeadline,
	/// The losing side of a dispute.
	LostDispute,
}

/// What other pallets read about a provider.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ProviderView<AccountId> {
	/// Its hardware class.
	pub class: HardwareClass,
	/// Its declared capacity.
	pub capacity: Capacity,
	/// How many devices it declared.
	pub devices: u32,
	/// Its region.
	pub region: Region,
	/// Its operator: the one its profile names, once that account accepted it; the provider
	/// itself otherwise. Providers of one operator never audit each other.
	pub operator: AccountId,
	/// The operator its profile names, accepted or not: a job paid by that account is
	/// self-dealing.
	pub declared_operator: AccountId,
	/// Whether it may take new work.
	pub active: bool,
	/// Its stake (bond and unbonding chunks), which slashes take a share of.
	pub stake: u128,
	/// The part of the stake not unbonding: it stays slashable for the whole life of a job taken
	/// now (jobs end within the unbonding period), so it is what backs new jobs.
	pub bonded: u128,
}
