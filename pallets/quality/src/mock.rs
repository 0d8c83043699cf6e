//! A test runtime: System, Balances, the provider registry and the quality scores.

use crate as pallet_quality;
use compnet_primitives::{HardwareClass, Region, RegionGroup};
use frame_support::{derive_impl, parameter_types};
use polkadot_sdk::{frame_support, frame_system, pallet_balances, sp_io, sp_runtime::BuildStorage};

pub type AccountId = u64;
pub type Balance = u64;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeTask,
		RuntimeHoldReason,
		RuntimeFreezeReason,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type Providers = pallet_providers;
	#[runtime::pallet_index(3)]
	pub type Quality = pallet_quality;
}

type Block = frame_system::mocking::MockBlock<Test>;

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

parameter_types! {
	pub const StakePerH100: Balance = 100;
	pub const MinStake: Balance = 50;
	pub const UnbondingPeriod: u64 = 10;
	pub const MaxUnlockingChunks: u32 = 3;
	pub const MaxEndpointLen: u32 = 64;
	pub const MaxDevices: u32 = 1_000;
	pub const NoSlashAccount: Option<AccountId> = None;
	pub const HeartbeatInterval: u64 = 10;
	pub const Period: u64 = 10;
	pub const MaxRankDiscount: u32 = 200_000;
	pub const SensitiveThreshold: u32 = 700_000;
	pub const MaxLeaders: u32 = 4;
}

impl pallet_providers::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type StakePerH100 = StakePerH100;
	type MinStake = MinStake;
	type RegistrationDeposit = frame_support::traits::ConstU64<1>;
	type Lifecycle = Quality;
	type UnbondingPeriod = UnbondingPeriod;
	type MaxUnlockingChunks = MaxUnlockingChunks;
	type MaxEndpointLen = MaxEndpointLen;
	type MaxDevices = MaxDevices;
	type SlashDestination = NoSlashAccount;
	type OnHeartbeat = crate::LateHeartbeats<Test, HeartbeatInterval>;
	type WeightInfo = ();
}

impl pallet_quality::Config for Test {
	type Providers = Providers;
	type Period = Period;
	type MaxRankDiscount = MaxRankDiscount;
	type SensitiveThreshold = SensitiveThreshold;
	type SensitiveAudits = frame_support::traits::ConstU32<3>;
	type MaxLeaders = MaxLeaders;
}

/// Runs `test` from block 1, then checks both pallets' invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	let t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| {
		System::set_block_number(1);
		test();
		Providers::do_try_state().expect("provider invariants hold");
		Quality::do_try_state().expect("quality invariants hold");
	});
}

/// Registers `who` with one device of `class`, operated by `operator` (funded for the deposit).
pub fn provider(who: AccountId, operator: AccountId, class: HardwareClass) {
	use frame_support::traits::fungible::Mutate;
	Balances::set_balance(&who, 100);
	let profile = pallet_providers::Profile {
		class,
		devices: 1,
		memory_gib: class.memory_gib(),
		capacity: class.h100_equivalent(),
		region: Region { country: *b"DE", group: RegionGroup::Europe },
		endpoint: b"https://gpu.example.org".to_vec().try_into().unwrap(),
		operator,
	};
	Providers::register(RuntimeOrigin::signed(who), profile).unwrap();
}
