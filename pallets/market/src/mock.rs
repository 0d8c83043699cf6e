//! A test runtime: System, Balances, the real provider registry and the market.

use crate as pallet_market;
use compnet_primitives::{HardwareClass, Region, RegionGroup, RegionSet, ResultRoot, Sensitivity, Workload};
use frame_support::{derive_impl, parameter_types, traits::Hooks, weights::Weight};
use polkadot_sdk::{
	frame_support, frame_system, pallet_balances, sp_io,
	sp_runtime::{BuildStorage, Perbill},
};

pub type AccountId = u64;
pub type Balance = u64;

/// Where protocol fees go.
pub const FEES: AccountId = 999;
/// A provider's registration deposit.
pub const REGISTRATION_DEPOSIT: Balance = 7;
/// An offer's deposit.
pub const OFFER_DEPOSIT: Balance = 5;
/// A job's deposit.
pub const JOB_DEPOSIT: Balance = 3;

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
	pub type Market = pallet_market;
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
	/// The jobs a new offer takes at once: as many as it declares (16 per device), unless a
	/// test measures capacity with a lower start.
	pub static UnprovenConcurrency: u32 = 16;
	pub const StakePerH100: Balance = 1_000;
	pub const MinStake: Balance = 100;
	pub const NoSlashAccount: Option<AccountId> = None;
	pub const FeeTo: Option<AccountId> = Some(FEES);
	pub const ProtocolFee: Perbill = Perbill::from_percent(5);
	pub const AuditBudget: Perbill = Perbill::from_percent(10);
	pub const MissedCommitSlash: Perbill = Perbill::from_percent(1);
}

impl pallet_providers::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type StakePerH100 = StakePerH100;
	type MinStake = MinStake;
	type RegistrationDeposit = frame_support::traits::ConstU64<REGISTRATION_DEPOSIT>;
	type Lifecycle = Market;
	type UnbondingPeriod = frame_support::traits::ConstU64<10>;
	type MaxUnlockingChunks = frame_support::traits::ConstU32<4>;
	type MaxEndpointLen = frame_support::traits::ConstU32<64>;
	type MaxDevices = frame_support::traits::ConstU32<1_000>;
	type SlashDestination = NoSlashAccount;
	type OnHeartbeat = ();
	type WeightInfo = ();
}

impl pallet_market::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Providers = Providers;
	type Slasher = Providers;
	type Quality = MockQuality;
	type ExpectedLatency = frame_support::traits::ConstU32<2>;
	type UnitsPerBlock = frame_support::traits::ConstU64<1_000>;
	type ProtocolFee = ProtocolFee;
	type FeeDestination = FeeTo;
	type AuditBudget = AuditBudget;
	type InputWindow = frame_support::traits::ConstU64<5>;
	type CommitWindow = frame_support::traits::ConstU64<10>;
	type ComputeSlack = frame_support::traits::ConstU32<2>;
	type MaxComputeBlocks = frame_support::traits::ConstU32<1_000>;
	type OfferDeposit = frame_support::traits::ConstU64<OFFER_DEPOSIT>;
	type JobDeposit = frame_support::traits::ConstU64<JOB_DEPOSIT>;
	type MaxJobLifetime = frame_support::traits::ConstU64<1_000>;
	type MaxAssignments = frame_support::traits::ConstU32<3>;
	type MaxConcurrent = frame_support::traits::ConstU32<16>;
	type UnprovenConcurrency = UnprovenConcurrency;
	type MaxProbes = frame_support::traits::ConstU32<8>;
	type MissedCommitSlash = MissedCommitSlash;
	type PricePeriod = frame_support::traits::ConstU64<100>;
	type JobRetention = frame_support::traits::ConstU64<50>;
	type ProgramLimits = MarketProgramLimits;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkProviders;
}

std::thread_local! {
	static SENSITIVE_ELIGIBLE: core::cell::RefCell<Vec<AccountId>> = const { core::cell::RefCell::new(Vec::new()) };
}

/// Quality scores for tests: everyone ranks at their price and may take low and standard jobs;
/// only the providers passed to [`MockQuality::allow_sensitive`] (the ones above the threshold)
/// may take high-sensitivity jobs.
pub struct MockQuality;

impl MockQuality {
	/// Lets `who` take high-sensitivity jobs.
	pub fn allow_sensitive(who: AccountId) {
		SENSITIVE_ELIGIBLE.with(|e| e.borrow_mut().push(who));
	}

	/// Takes back what [`MockQuality::allow_sensitive`] gave `who` (its score fell).
	pub fn revoke_sensitive(who: AccountId) {
		SENSITIVE_ELIGIBLE.with(|e| e.borrow_mut().retain(|a| *a != who));
	}
}

impl pallet_quality::QualityScores<AccountId> for MockQuality {
	fn composite(who: &AccountId) -> u32 {
		if Self::eligible(who, Sensitivity::High) { 800_000 } else { 500_000 }
	}
	fn rank_price(_: &AccountId, price: u128) -> u128 {
		price
	}
	fn eligible(who: &AccountId, sensitivity: Sensitivity) -> bool {
		sensitivity < Sensitivity::High || SENSITIVE_ELIGIBLE.with(|e| e.borrow().contains(who))
	}
}

impl pallet_quality::QualityFeed<AccountId> for MockQuality {
	fn record(_: &AccountId, _: Option<&AccountId>, _: pallet_quality::Outcome) {}
}

/// Accounts 1..=20 hold 1,000,000,000 each; the fee account exists with 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut balances: Vec<(AccountId, Balance)> = (1..=20).map(|a| (a, 1_000_000_000)).collect();
	balances.push((FEES, 1));
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut t)
		.unwrap();
	pallet_market::GenesisConfig::<Test> { reference_prices: vec![(HardwareClass::H100, 100)] }
		.assimilate_storage(&mut t)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test`, then checks both pallets' invariants and that issuance changed only by the
/// recorded slashes and burnt deposits (fees go to an account here).
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		let issuance = pallet_balances::TotalIssuance::<Test>::get();
		test();
		check_invariants();
		let burnt = pallet_providers::SlashedTotal::<Test>::get() + crate::Totals::<Test>::get().burnt_deposits;
		assert_eq!(pallet_balances::TotalIssuance::<Test>::get(), issuance - burnt, "issuance changes only by slashes and burnt deposits");
	});
}

/// Both pallets' invariants, and that only open jobs hold escrow (over every hold of the test
/// accounts).
pub fn check_invariants() {
	use frame_support::traits::fungible::InspectHold;
	Market::do_try_state().expect("market invariants hold");
	Providers::do_try_state().expect("provider invariants hold");
	for who in (1..=20).chain([FEES]) {
		let open = crate::Jobs::<Test>::iter_values().any(|j| j.consumer == who && !j.state.is_final());
		let held = Balances::balance_on_hold(&RuntimeHoldReason::Market(crate::HoldReason::Escrow), &who);
		assert!(open || held == 0, "{who} holds escrow without an open job");
	}
}

/// The assigned provider acknowledges it holds the input of `job`.
pub fn ack(provider: AccountId, job: u64) {
	Market::acknowledge_input(RuntimeOrigin::signed(provider), job).expect("acknowledges");
}

/// Germany, in Europe.
pub const DE: Region = Region { country: *b"DE", group: RegionGroup::Europe };
/// The United States, in North America.
pub const US: Region = Region { country: *b"US", group: RegionGroup::NorthAmerica };

/// Registers `who` with `devices` devices of `class` in `region` and bonds the minimum stake.
pub fn provider(who: AccountId, class: HardwareClass, devices: u32, region: Region) {
	let profile = pallet_providers::Profile {
		class,
		devices,
		memory_gib: class.memory_gib().max(1),
		capacity: devices as u64 * class.h100_equivalent(),
		region,
		endpoint: b"https://gpu.example.org:8443".to_vec().try_into().unwrap(),
		operator: who,
	};
	let origin = RuntimeOrigin::signed(who);
	Providers::register(origin.clone(), profile).unwrap();
	let stake = Providers::min_stake(devices as u64 * class.h100_equivalent());
	Providers::bond(origin, stake).unwrap();
}

/// A provider of one H100 in Germany with an offer at `price`, `slots` jobs at once.
pub fn h100_offer(who: AccountId, price: Balance, slots: u32) {
	provider(who, HardwareClass::H100, 1, DE);
	Market::set_offer(RuntimeOrigin::signed(who), price, slots, true).unwrap();
}

/// A 2048³ int8 product: 9 compute units.
pub const GEMM: Workload = Workload::GemmI8 { m: 2048, n: 2048, k: 2048 };

/// Submits `workload` for `consumer` with bid `bid`, deadline 100 blocks away, any region.
pub fn submit(consumer: AccountId, workload: Workload, bid: Balance) -> crate::JobId {
	submit_in(consumer, workload, bid, RegionSet::ANY)
}

/// Submits `workload` for `consumer` with bid `bid` in `regions`.
pub fn submit_in(consumer: AccountId, workload: Workload, bid: Balance, regions: RegionSet) -> crate::JobId {
	let id = crate::NextJobId::<Test>::get();
	Market::submit_job(
		RuntimeOrigin::signed(consumer),
		workload,
		bid,
		System::block_number() + 100,
		regions,
		Sensitivity::Standard,
		ResultRoot::repeat_byte(1),
	)
	.unwrap();
	id
}

/// Advances to block `n`, running the market's `on_idle` with ample weight at each block.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Market::on_idle(next, Weight::MAX);
	}
}

/// The market events emitted so far.
pub fn market_events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Market(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// Registers benchmark providers through the real registry.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkProviders;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for BenchmarkProviders {
	fn register_provider(who: &AccountId, class: HardwareClass, region: Region) {
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(who, 10_000_000_000_000_000);
		provider(*who, class, 1, region);
		// Stake to back every job the benchmarks give one offer (priced at 10⁹ per unit), and
		// 2²¹ units of it: the waiting book's searches reach every tier an H100 job can be in.
		Providers::bond(RuntimeOrigin::signed(*who), 3_000_000_000_000_000).unwrap();
	}
}

/// The assigned provider commits to job `job` and the result stands: what `pallet-audit` does
/// for an unaudited job.
pub fn commit_and_settle(provider: AccountId, job: u64) -> polkadot_sdk::sp_runtime::DispatchResult {
	use crate::{JobMarket, Verdict};
	<Market as JobMarket<AccountId, Balance>>::commit(job, &provider)?;
	<Market as JobMarket<AccountId, Balance>>::conclude(job, Verdict::Correct, &[]).map(|_| ())
}

frame_support::parameter_types! {
	/// The runtime's bounds on programs.
	pub const MarketProgramLimits: compnet_primitives::ProgramLimits = compnet_primitives::ProgramLimits::DEFAULT;
}
