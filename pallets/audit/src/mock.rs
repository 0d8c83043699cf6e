//! A test runtime with the real pallets: System, Balances, Providers, Quality, Market, Audit.
//! Randomness is a hash of the subject and the block, or absent when a test says so.

use crate as pallet_audit;
use compnet_primitives::{commitment, HardwareClass, JobId, Region, RegionGroup, RegionSet, ResultRoot, Salt, Sensitivity, Workload};
use frame_support::{derive_impl, parameter_types, traits::Hooks, weights::Weight};
use polkadot_sdk::{
	frame_support, frame_system, pallet_balances, sp_core::H256, sp_io,
	sp_runtime::{BuildStorage, Perbill},
};

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
	#[runtime::pallet_index(4)]
	pub type Market = pallet_market;
	#[runtime::pallet_index(5)]
	pub type Audit = pallet_audit;
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
	/// The jobs a new offer takes at once: as many as it declares (64 per device), unless a
	/// test measures capacity with a lower start.
	pub static UnprovenConcurrency: u32 = 64;
	pub const NoAccount: Option<AccountId> = None;
	pub const ProtocolFee: Perbill = Perbill::from_percent(3);
	pub const AuditBudget: Perbill = Perbill::from_percent(10);
	pub const MissedCommitSlash: Perbill = Perbill::from_parts(1_000_000);
	pub const BaseProbability: Perbill = Perbill::from_percent(5);
	pub const WrongResultSlash: Perbill = Perbill::from_percent(10);
	pub const LostDisputeSlash: Perbill = Perbill::from_percent(10);
	/// Whether the randomness source answers (`false`: as if no VRF output existed).
	pub static RandomnessAvailable: bool = true;
	/// Which of the outputs a block could have is the one published (`0`: the usual one): a
	/// block author that withholds its block lets another author's output stand.
	pub static RandomnessFork: u64 = 0;
}

impl pallet_providers::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type StakePerH100 = frame_support::traits::ConstU64<10_000>;
	type MinStake = frame_support::traits::ConstU64<1_000>;
	type RegistrationDeposit = frame_support::traits::ConstU64<REGISTRATION_DEPOSIT>;
	type Lifecycle = (Market, Quality);
	type UnbondingPeriod = frame_support::traits::ConstU64<10>;
	type MaxUnlockingChunks = frame_support::traits::ConstU32<4>;
	type MaxEndpointLen = frame_support::traits::ConstU32<64>;
	type MaxDevices = frame_support::traits::ConstU32<1_000>;
	type SlashDestination = NoAccount;
	type OnHeartbeat = ();
	type WeightInfo = ();
}

impl pallet_quality::Config for Test {
	type Providers = Providers;
	type Period = frame_support::traits::ConstU64<100>;
	type MaxRankDiscount = frame_support::traits::ConstU32<200_000>;
	type SensitiveThreshold = frame_support::traits::ConstU32<700_000>;
	type SensitiveAudits = frame_support::traits::ConstU32<3>;
	type MaxLeaders = frame_support::traits::ConstU32<8>;
}

impl pallet_market::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Providers = Providers;
	type Slasher = Providers;
	type Quality = Quality;
	type ExpectedLatency = frame_support::traits::ConstU32<2>;
	type UnitsPerBlock = frame_support::traits::ConstU64<1_000>;
	type ProtocolFee = ProtocolFee;
	type FeeDestination = NoAccount;
	type AuditBudget = AuditBudget;
	type InputWindow = frame_support::traits::ConstU64<5>;
	type CommitWindow = frame_support::traits::ConstU64<10>;
	type ComputeSlack = frame_support::traits::ConstU32<2>;
	type MaxComputeBlocks = frame_support::traits::ConstU32<1_000>;
	type OfferDeposit = frame_support::traits::ConstU64<OFFER_DEPOSIT>;
	type JobDeposit = frame_support::traits::ConstU64<JOB_DEPOSIT>;
	type MaxJobLifetime = frame_support::traits::ConstU64<1_000>;
	type MaxAssignments = frame_support::traits::ConstU32<3>;
	type MaxConcurrent = frame_support::traits::ConstU32<64>;
	type UnprovenConcurrency = UnprovenConcurrency;
	type MaxProbes = frame_support::traits::ConstU32<16>;
	type MissedCommitSlash = MissedCommitSlash;
	type PricePeriod = frame_support::traits::ConstU64<100>;
	type JobRetention = frame_support::traits::ConstU64<50>;
	type ProgramLimits = MarketProgramLimits;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkSetup;
}

/// Randomness: `blake2(subject ‖ block)`, known from the parent block, like BABE's
/// `ParentBlockRandomness`.
pub struct TestRandomness;

impl frame_support::traits::Randomness<Option<H256>, u64> for TestRandomness {
	fn random(subject: &[u8]) -> (Option<H256>, u64) {
		let block = System::block_number();
		let fork = RandomnessFork::get();
		let seed = RandomnessAvailable::get().then(|| {
			let mut material = [subject, &block.to_le_bytes()].concat();
			if fork != 0 {
				material.extend_from_slice(&fork.to_le_bytes());
			}
			H256(polkadot_sdk::sp_crypto_hashing::blake2_256(&material))
		});
		(seed, block.saturating_sub(1))
	}
}

impl pallet_audit::Config for Test {
	type Currency = Balances;
	type Market = Market;
	type Providers = Providers;
	type Slasher = Providers;
	type Quality = Quality;
	type Randomness = TestRandomness;
	type CanaryOrigin = frame_system::EnsureRoot<AccountId>;
	type SeedBlocks = frame_support::traits::ConstU32<1>;
	type DrawDelay = frame_support::traits::ConstU64<2>;
	type RedrawDelay = frame_support::traits::ConstU64<3>;
	type MaxDrawAttempts = frame_support::traits::ConstU32<4>;
	type RevealWindow = frame_support::traits::ConstU64<5>;
	type BaseProbability = BaseProbability;
	type WrongResultSlash = WrongResultSlash;
	type LostDisputeSlash = LostDisputeSlash;
	type MissedCommitSlash = MissedCommitSlash;
	type MinAuditors = frame_support::traits::ConstU32<1>;
	type MaxAuditors = frame_support::traits::ConstU32<5>;
	type DisputeAuditors = frame_support::traits::ConstU32<2>;
	type MaxReplacements = frame_support::traits::ConstU32<4>;
	type MaxParties = frame_support::traits::ConstU32<14>;
	type MaxProbes = frame_support::traits::ConstU32<16>;
	type RecordRetention = frame_support::traits::ConstU64<50>;
	type MaxCanaries = frame_support::traits::ConstU32<8>;
	type CanaryLifetime = frame_support::traits::ConstU64<100>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkSetup;
}

/// Consumers are accounts 1_000 and up; providers below.
pub const CONSUMER: AccountId = 1_000;
/// A provider's registration deposit.
pub const REGISTRATION_DEPOSIT: Balance = 50;
/// An offer's deposit.
pub const OFFER_DEPOSIT: Balance = 20;
/// A job's deposit.
pub const JOB_DEPOSIT: Balance = 10;

/// Every account from 1 to 400 and the consumers 1_000..1_010 hold 10^12.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let balances: Vec<(AccountId, Balance)> =
		(1..=400).chain(CONSUMER..CONSUMER + 10).map(|a| (a, 1_000_000_000_000)).collect();
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut t)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test`, then checks every pallet's invariants, and that total issuance changed only by
/// the recorded slashes, burnt deposits and protocol fees (all burnt here).
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		let issuance = pallet_balances::TotalIssuance::<Test>::get();
		test();
		check_invariants();
		assert_eq!(pallet_balances::TotalIssuance::<Test>::get(), issuance - burnt(), "issuance changes only by recorded burns");
	});
}

/// Everything burnt so far: slashes, job deposits of inputs that never came, protocol fees.
pub fn burnt() -> Balance {
	let market = pallet_market::Totals::<Test>::get();
	pallet_providers::SlashedTotal::<Test>::get() + market.burnt_deposits + market.fees
}

/// All pallets' invariants, and that no account without an open job holds escrow.
pub fn check_invariants() {
	use frame_support::traits::fungible::InspectHold;
	Audit::do_try_state().expect("audit invariants hold");
	Market::do_try_state().expect("market invariants hold");
	Providers::do_try_state().expect("provider invariants hold");
	Quality::do_try_state().expect("quality invariants hold");
	for (who, _) in pallet_balances::Holds::<Test>::iter() {
		let held = Balances::balance_on_hold(&RuntimeHoldReason::Market(pallet_market::HoldReason::Escrow), &who);
		let open = pallet_market::Jobs::<Test>::iter_values().any(|j| j.consumer == who && !j.state.is_final());
		assert!(held == 0 || open, "{who} holds escrow without an open job");
	}
}

/// One device of `class` in Germany, operated by `operator`.
pub fn profile(class: HardwareClass, operator: AccountId) -> pallet_providers::ProfileOf<Test> {
	pallet_providers::Profile {
		class,
		devices: 1,
		memory_gib: class.memory_gib().max(1),
		capacity: class.h100_equivalent(),
		region: Region { country: *b"DE", group: RegionGroup::Europe },
		endpoint: b"https://gpu.example.org:8443".to_vec().try_into().unwrap(),
		operator,
	}
}

/// Registers `who` (its own operator unless `operator` says otherwise) with one H100, bonds the
/// minimum stake and offers at `price`, `slots` at once.
pub fn provider(who: AccountId, operator: AccountId, price: Balance, slots: u32) {
	let origin = RuntimeOrigin::signed(who);
	Providers::register(origin.clone(), profile(HardwareClass::H100, operator)).unwrap();
	Providers::bond(origin.clone(), Providers::min_stake(1_000)).unwrap();
	Market::set_offer(origin, price, slots, true).unwrap();
}

/// A 2048³ int8 product: 9 compute units.
pub const GEMM: Workload = Workload::GemmI8 { m: 2048, n: 2048, k: 2048 };

/// The input every job of [`submit`] names.
pub const INPUT_ROOT: ResultRoot = ResultRoot::repeat_byte(1);

/// `consumer` submits a gemm at bid `bid`, any region; returns the job and its provider.
pub fn submit(consumer: AccountId, bid: Balance) -> (JobId, Option<AccountId>) {
	let id = pallet_market::NextJobId::<Test>::get();
	Market::submit_job(
		RuntimeOrigin::signed(consumer),
		GEMM,
		bid,
		System::block_number() + 200,
		RegionSet::ANY,
		Sensitivity::Standard,
		INPUT_ROOT,
	)
	.unwrap();
	let provider = match pallet_market::Jobs::<Test>::get(id).map(|j| j.state) {
		Some(pallet_market::JobState::Assigned { provider, .. }) => Some(provider),
		_ => None,
	};
	(id, provider)
}

/// The salt `who` uses for `job`.
pub fn salt(who: AccountId, job: JobId) -> Salt {
	let mut salt = [0u8; 32];
	salt[..8].copy_from_slice(&who.to_le_bytes());
	salt[8..16].copy_from_slice(&job.to_le_bytes());
	salt
}

/// The right result root of `job`.
pub fn right(job: JobId) -> ResultRoot {
	ResultRoot::from_low_u64_be(job + 1)
}

/// What a party of `job`'s current round commits to and reveals for the result `root`: the root
/// under the round's seal layers ([`compnet_primitives::sealed_for_round`]).
pub fn sealed(job: JobId, root: ResultRoot) -> ResultRoot {
	let round = crate::Audits::<Test>::get(job).map_or(0, |record| record.round);
	compnet_primitives::sealed_for_round(job, &root, round).expect("a round that reveals")
}

/// The form the chain keeps of a result `root` of `job`.
pub fn public(job: JobId, root: ResultRoot) -> ResultRoot {
	compnet_primitives::public_root(job, &root)
}

/// `who`'s commitment to the result `root` for `job`, in the current round.
pub fn commitment_of(who: AccountId, job: JobId, root: ResultRoot) -> H256 {
	use codec::Encode;
	commitment(&who.encode(), job, &sealed(job, root), &salt(who, job))
}

/// `who` commits to `root` for `job`.
pub fn commit(who: AccountId, job: JobId, root: ResultRoot) -> polkadot_sdk::sp_runtime::DispatchResult {
	Audit::commit_result(RuntimeOrigin::signed(who), job, commitment_of(who, job, root))
}

/// `who` reveals the result `root` for `job`, sealed for the current round.
pub fn reveal(who: AccountId, job: JobId, root: ResultRoot) -> polkadot_sdk::sp_runtime::DispatchResult {
	Audit::reveal(RuntimeOrigin::signed(who), job, sealed(job, root), salt(who, job))
}

/// Advances one block, running the audit's `on_initialize` and both pallets' `on_idle` with
/// ample weight.
pub fn next_block() {
	let next = System::block_number() + 1;
	System::set_block_number(next);
	Audit::on_initialize(next);
	Market::on_idle(next, Weight::MAX);
	Audit::on_idle(next, Weight::MAX);
}

/// Advances `n` blocks.
pub fn run_blocks(n: u64) {
	for _ in 0..n {
		next_block();
	}
}

/// Advances to block `n`.
pub fn run_to(n: u64) {
	while System::block_number() < n {
		next_block();
	}
}

/// The audit events emitted so far.
pub fn audit_events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Audit(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// Sets up benchmark providers and jobs through the real pallets.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkSetup;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_market::BenchmarkHelper<AccountId> for BenchmarkSetup {
	fn register_provider(who: &AccountId, class: HardwareClass, region: Region) {
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(who, 1_000_000_000_000);
		let profile = pallet_providers::Profile {
			class,
			devices: 1,
			memory_gib: class.memory_gib().max(1),
			capacity: class.h100_equivalent(),
			region,
			endpoint: b"https://gpu.example.org:8443".to_vec().try_into().unwrap(),
			operator: *who,
		};
		Providers::register(RuntimeOrigin::signed(*who), profile).unwrap();
		Providers::bond(RuntimeOrigin::signed(*who), Providers::min_stake(class.h100_equivalent())).unwrap();
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for BenchmarkSetup {
	fn provider(who: &AccountId) {
		// Like the runtime's benchmarks (no VRF output): every job is audited.
		RandomnessAvailable::set(false);
		<Self as pallet_market::BenchmarkHelper<AccountId>>::register_provider(
			who,
			HardwareClass::H100,
			Region { country: *b"DE", group: RegionGroup::Europe },
		);
	}

	fn assigned_job(provider: &AccountId, consumer: &AccountId) -> JobId {
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(consumer, 1_000_000_000_000);
		Market::set_offer(RuntimeOrigin::signed(*provider), 10, 1, true).unwrap();
		submit(*consumer, 10).0
	}

	fn waiting_jobs(count: u32, consumer: &AccountId) {
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(consumer, 1_000_000_000_000);
		for _ in 0..count {
			submit(*consumer, 10);
		}
		Market::fill_waiting_tiers(HardwareClass::H100, compnet_primitives::RegionGroup::Europe);
	}
}

frame_support::parameter_types! {
	/// The runtime's bounds on programs.
	pub const MarketProgramLimits: compnet_primitives::ProgramLimits = compnet_primitives::ProgramLimits::DEFAULT;
}
