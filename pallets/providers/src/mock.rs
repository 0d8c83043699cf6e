//! A test runtime: System, Balances and the provider registry.

use crate as pallet_providers;
use compnet_primitives::{HardwareClass, Region, RegionGroup};
use frame_support::{derive_impl, parameter_types};
use polkadot_sdk::{
	frame_support, frame_system, pallet_balances, sp_io,
	sp_runtime::BuildStorage,
};

pub type AccountId = u64;
pub type Balance = u64;

/// The account slashed stake goes to, unless a test sets `SlashTo` to `None` (burn).
pub const TREASURY: AccountId = 99;

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
	pub static SlashTo: Option<AccountId> = Some(TREASURY);
	/// Providers a test says still have running jobs elsewhere: they may not leave.
	pub static Busy: Vec<AccountId> = Vec::new();
	/// Providers that left, as the lifecycle hook heard of it.
	pub static Left: Vec<AccountId> = Vec::new();
}

/// The registration deposit.
pub const DEPOSIT: Balance = 10;

/// A lifecycle hook standing in for the market and quality pallets.
pub struct TestLifecycle;

impl crate::ProviderLifecycle<AccountId> for TestLifecycle {
	fn can_leave(who: &AccountId) -> polkadot_sdk::sp_runtime::DispatchResult {
		if Busy::get().contains(who) {
			return Err(polkadot_sdk::sp_runtime::DispatchError::Other("running jobs"));
		}
		Ok(())
	}
	fn left(who: &AccountId) {
		Left::mutate(|left| left.push(*who));
	}
	fn leave_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

impl pallet_providers::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type StakePerH100 = StakePerH100;
	type MinStake = MinStake;
	type RegistrationDeposit = frame_support::traits::ConstU64<DEPOSIT>;
	type Lifecycle = TestLifecycle;
	type UnbondingPeriod = UnbondingPeriod;
	type MaxUnlockingChunks = MaxUnlockingChunks;
	type MaxEndpointLen = MaxEndpointLen;
	type MaxDevices = MaxDevices;
	type SlashDestination = SlashTo;
	type OnHeartbeat = ();
	type WeightInfo = ();
}

/// Accounts 1..=5 hold 1,000,000 each; the treasury exists with 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut balances: Vec<(AccountId, Balance)> = (1..=5).map(|a| (a, 1_000_000)).collect();
	balances.push((TREASURY, 1));
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut t)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test`, then checks the pallet's invariants and that no funds were created.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		let issuance = pallet_balances::TotalIssuance::<Test>::get();
		test();
		Providers::do_try_state().expect("provider invariants hold");
		assert!(pallet_balances::TotalIssuance::<Test>::get() <= issuance, "no funds created");
	});
}

/// `devices` H100s in Germany, operated by the provider itself.
pub fn h100s(operator: AccountId, devices: u32) -> crate::ProfileOf<Test> {
	crate::Profile {
		class: HardwareClass::H100,
		devices,
		memory_gib: 80,
		capacity: devices as u64 * 1_000,
		region: Region { country: *b"DE", group: RegionGroup::Europe },
		endpoint: b"https://gpu.example.org:8443".to_vec().try_into().unwrap(),
		operator,
	}
}

/// Advances to block `n`.
pub fn run_to_block(n: u64) {
	System::set_block_number(n);
}
