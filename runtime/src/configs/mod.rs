//! One `Config` implementation per pallet of the CompNet runtime.

use crate::*;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU128, ConstU32, ConstU64, ConstU8, VariantCountOf},
	weights::{
		constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		IdentityFee, Weight,
	},
};
use frame_system::EnsureRoot;
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use polkadot_sdk::{
	sp_core::Void,
	sp_runtime::traits::{ConvertInto, One},
};

/// Normal transactions may fill this share of a block; the rest is kept for operational ones.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

parameter_types! {
	/// The runtime version, as `frame_system` reports it.
	pub const Version: RuntimeVersion = VERSION;
	/// One second of compute per 3-second block.
	pub RuntimeBlockWeights: frame_system::limits::BlockWeights =
		frame_system::limits::BlockWeights::with_sensible_defaults(
			Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
			NORMAL_DISPATCH_RATIO,
		);
	/// At most 5 MiB of extrinsics per block.
	pub RuntimeBlockLength: frame_system::limits::BlockLength =
		frame_system::limits::BlockLength::builder()
			.max_length(5 * 1024 * 1024)
			.modify_max_length_for_class(frame_support::dispatch::DispatchClass::Normal, |max| {
				*max = NORMAL_DISPATCH_RATIO * *max
			})
			.build();
	/// The SS58 prefix of addresses.
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = ConstU32<2400>;
	/// The node stores state in ParityDB; its measured costs are the ones to charge.
	type DbWeight = ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Babe;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

parameter_types! {
	/// Epochs (and sessions) last `EPOCH_DURATION_IN_SLOTS` slots.
	pub const EpochDuration: u64 = EPOCH_DURATION_IN_SLOTS;
	/// The expected time between blocks.
	pub const ExpectedBlockTime: u64 = MILLI_SECS_PER_BLOCK;
	/// The most validators BABE and GRANDPA accept.
	pub const MaxAuthorities: u32 = 100;
}

impl pallet_babe::Config for Runtime {
	type EpochDuration = EpochDuration;
	type ExpectedBlockTime = ExpectedBlockTime;
	/// Epochs change when the session pallet rotates the validator set.
	type EpochChangeTrigger = pallet_babe::ExternalTrigger;
	type DisabledValidators = Session;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = ConstU32<0>;
	/// Equivocation reports are not enabled yet: no key-ownership proof can be built.
	type KeyOwnerProof = Void;
	type EquivocationReportSystem = ();
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = Void;
	type EquivocationReportSystem = ();
}

parameter_types! {
	/// No deposit for session keys: only governance-approved validators are activated.
	pub const SessionKeyDeposit: Balance = 0;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = Babe;
	type NextSessionRotation = Babe;
	type SessionManager = ValidatorSet;
	type SessionHandler = <SessionKeys as polkadot_sdk::sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = ();
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

impl pallet_validator_set::Config for Runtime {
	type AddRemoveOrigin = EnsureRoot<AccountId>;
	type MaxValidators = MaxAuthorities;
	type MinValidators = ConstU32<1>;
	type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
}

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<0>;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

parameter_types! {
	/// A constant fee multiplier: fees follow weight and length only.
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Fees are burnt.
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = IdentityFee<Balance>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Stake per H100-equivalent of declared capacity: 100 CNET.
	pub const StakePerH100: Balance = 100 * UNIT;
	/// The smallest stake of any provider: 10 CNET.
	pub const ProviderMinStake: Balance = 10 * UNIT;
	/// Unbonding stake stays slashable for 7 days, longer than any job's audit window.
	pub const ProviderUnbondingPeriod: BlockNumber = 7 * DAYS;
	/// Slashed stake is burnt: consumers are refunded from their escrow and auditors paid from
	/// the audit budget, so nobody profits from a slash.
	pub const ProviderSlashDestination: Option<AccountId> = None;
	/// Workers send a heartbeat every 10 minutes; a later one costs stability score.
	pub const HeartbeatInterval: BlockNumber = 10 * MINUTES;
	/// Held while a provider is registered: its record, its draw-index slot and its quality
	/// score (about 1 KiB in all).
	pub const ProviderRegistrationDeposit: Balance = deposit(4, 1_024);
}

/// A deposit for `items` storage entries of `bytes` in all: 0.1 CNET an entry and 0.1 milli-CNET
/// a byte, so that a million records cost whoever leaves them at least 100,000 CNET while they
/// stay.
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	items as Balance * 100 * MILLI_UNIT + bytes as Balance * MILLI_UNIT / 10
}

parameter_types! {
	/// Quality evidence keeps 95% of its weight per hour.
	pub const QualityPeriod: BlockNumber = HOURS;
	/// A provider at 100% ranks 20% below its price in matching.
	pub const QualityMaxRankDiscount: u32 = 200_000;
	/// High-sensitivity jobs need a composite score of 70%...
	pub const QualitySensitiveThreshold: u32 = 700_000;
	/// ...and 3 passed audits' worth of (decayed) security evidence.
	pub const QualitySensitiveAudits: u32 = 3;
}

impl pallet_quality::Config for Runtime {
	type Providers = Providers;
	type Period = QualityPeriod;
	type MaxRankDiscount = QualityMaxRankDiscount;
	type SensitiveThreshold = QualitySensitiveThreshold;
	type SensitiveAudits = QualitySensitiveAudits;
	type MaxLeaders = ConstU32<32>;
}

parameter_types! {
	/// A draw's seed combines the VRF outputs of 3 consecutive blocks after the commitment...
	pub const AuditSeedBlocks: u32 = 3;
	/// ...so it comes 4 blocks after the commitment.
	pub const AuditDrawDelay: BlockNumber = 4;
	/// A round's draws: 8 at most, then an audit whose committee has empty places ends
	/// unverifiable (not paid, refunded).
	pub const AuditMaxDrawAttempts: u32 = 8;
	/// Every party has 5 minutes to reveal.
	pub const AuditRevealWindow: BlockNumber = 5 * MINUTES;
	/// A wrong or unrevealed result costs 10% of stake.
	pub const AuditWrongResultSlash: Perbill = Perbill::from_percent(10);
	/// An auditor on the losing side of a dispute loses 10% of stake.
	pub const AuditLostDisputeSlash: Perbill = Perbill::from_percent(10);
	/// An auditor that misses its commit window loses 1% (and is replaced).
	pub const AuditMissedCommitSlash: Perbill = Perbill::from_percent(1);
	/// Decided records stay a day (a canary can be revealed against them until then).
	pub const AuditRecordRetention: BlockNumber = DAYS;
	/// Sealed canaries anyone may remove after two days.
	pub const AuditCanaryLifetime: BlockNumber = 2 * DAYS;
}

parameter_types! {
	/// 5% of low-sensitivity results from a provider at 100% are checked; more for lower scores,
	/// higher sensitivity, and wherever the stake is small against the payment. A runtime
	/// parameter kept in storage at `twox_128(":AuditBaseProbability:")`: root may raise it
	/// (`system.set_storage`) without an upgrade, for instance to audit every job.
	pub storage AuditBaseProbability: Perbill = Perbill::from_percent(5);
	/// A committee with empty places is drawn again every 30 seconds. Kept in storage at
	/// `twox_128(":AuditRedrawDelay:")`, like the spot-check rate.
	pub storage AuditRedrawDelay: BlockNumber = 10;
}

impl pallet_audit::Config for Runtime {
	type Currency = Balances;
	type Market = Market;
	type Providers = Providers;
	type Slasher = Providers;
	type Quality = Quality;
	type Randomness = pallet_babe::ParentBlockRandomness<Runtime>;
	type CanaryOrigin = frame_system::EnsureRoot<AccountId>;
	type SeedBlocks = AuditSeedBlocks;
	type DrawDelay = AuditDrawDelay;
	type RedrawDelay = AuditRedrawDelay;
	type MaxDrawAttempts = AuditMaxDrawAttempts;
	type RevealWindow = AuditRevealWindow;
	type BaseProbability = AuditBaseProbability;
	type WrongResultSlash = AuditWrongResultSlash;
	type LostDisputeSlash = AuditLostDisputeSlash;
	type MissedCommitSlash = AuditMissedCommitSlash;
	/// One auditor for payments up to 1 CNET (10% of a 10 CNET minimum stake at risk), three up
	/// to 3 CNET, five above.
	type MinAuditors = ConstU32<1>;
	type MaxAuditors = ConstU32<5>;
	type DisputeAuditors = ConstU32<2>;
	type MaxReplacements = ConstU32<4>;
	type MaxParties = ConstU32<14>;
	type MaxProbes = ConstU32<16>;
	type RecordRetention = AuditRecordRetention;
	type MaxCanaries = ConstU32<64>;
	type CanaryLifetime = AuditCanaryLifetime;
	type WeightInfo = pallet_audit::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MarketBenchmarkHelper;
}

impl pallet_providers::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type StakePerH100 = StakePerH100;
	type MinStake = ProviderMinStake;
	type RegistrationDeposit = ProviderRegistrationDeposit;
	/// The market's offer and the quality score go when a provider leaves.
	type Lifecycle = (Market, Quality);
	type UnbondingPeriod = ProviderUnbondingPeriod;
	type MaxUnlockingChunks = ConstU32<16>;
	type MaxEndpointLen = ConstU32<128>;
	type MaxDevices = ConstU32<10_000>;
	type SlashDestination = ProviderSlashDestination;
	type OnHeartbeat = pallet_quality::LateHeartbeats<Runtime, HeartbeatInterval>;
	type WeightInfo = pallet_providers::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// 3% of each payment is the protocol's fee; it is burnt, like transaction fees.
	pub const MarketProtocolFee: Perbill = Perbill::from_percent(3);
	/// Protocol fees are burnt.
	pub const MarketFeeDestination: Option<AccountId> = None;
	/// 10% of bid × units is held with each escrow to pay auditors; what they do not use is refunded.
	pub const MarketAuditBudget: Perbill = Perbill::from_percent(10);
	/// A job may wait 2 days for a match. With the input window, a commit window of at most
	/// 2 × `MarketMaxComputeBlocks` and the audit after it, it ends well within the 7-day
	/// unbonding period, so its provider and auditors stay slashable (`a_job_ends_within_the_unbonding_period`).
	pub const MarketMaxJobLifetime: BlockNumber = 2 * DAYS;
	/// The longest expected compute of a job on the class it runs on: 2 hours (longer work is for
	/// jobs verified in segments).
	pub const MarketMaxComputeBlocks: u32 = 2 * HOURS;
	/// An offer holds its record and book entries (about 0.5 KiB).
	pub const MarketOfferDeposit: Balance = deposit(3, 512);
	/// A job holds its record and its audit record (about 2 KiB) until they are removed.
	pub const MarketJobDeposit: Balance = deposit(2, 2_048);
	/// A missed commitment costs 0.1% of the provider's stake.
	pub const MarketMissedCommitSlash: Perbill = Perbill::from_parts(1_000_000);
	/// Cleared prices are kept per hour, over an 8-hour window.
	pub const MarketPricePeriod: BlockNumber = HOURS;
	/// Finished jobs stay readable for a day.
	pub const MarketJobRetention: BlockNumber = DAYS;
	/// Programs: 8 MiB modules, 10¹³ fuel, 4 GiB of memory, 64 MiB of output.
	pub const MarketProgramLimits: compnet_primitives::ProgramLimits = compnet_primitives::ProgramLimits::DEFAULT;
}

parameter_types! {
	/// An assigned provider has 10 minutes to commit to a result, or the job is reassigned. A
	/// runtime parameter kept in storage at `twox_128(":MarketCommitWindow:")`, so root can tune it
	/// (`system.set_storage`) without an upgrade; it applies to assignments made afterwards.
	pub storage MarketCommitWindow: BlockNumber = 10 * MINUTES;
	/// An assigned provider has 5 minutes to acknowledge the input, or the job ends without a
	/// slash and the consumer's job deposit is burnt. Kept in storage at
	/// `twox_128(":MarketInputWindow:")`, like the commit window.
	pub storage MarketInputWindow: BlockNumber = 5 * MINUTES;
}

impl pallet_market::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Providers = Providers;
	type Slasher = Providers;
	type Quality = Quality;
	/// Any job is expected to need 5 blocks (15 s) beyond its compute: fetch, commit.
	type ExpectedLatency = ConstU32<5>;
	/// One H100 is expected to finish 10^6 units (10^15 MAC) per 3-second block: a third of its
	/// dense int8 peak.
	type UnitsPerBlock = ConstU64<1_000_000>;
	type ProtocolFee = MarketProtocolFee;
	type FeeDestination = MarketFeeDestination;
	type AuditBudget = MarketAuditBudget;
	type InputWindow = MarketInputWindow;
	type CommitWindow = MarketCommitWindow;
	/// A commit window allows twice the expected compute time.
	type ComputeSlack = ConstU32<2>;
	type MaxComputeBlocks = MarketMaxComputeBlocks;
	type OfferDeposit = MarketOfferDeposit;
	type JobDeposit = MarketJobDeposit;
	type MaxJobLifetime = MarketMaxJobLifetime;
	type MaxAssignments = ConstU32<3>;
	/// 16 jobs at once per declared device (small jobs queue on a GPU); the value of open jobs
	/// is bounded by the bonded stake besides.
	type MaxConcurrent = ConstU32<16>;
	type UnprovenConcurrency = ConstU32<2>;
	type MaxProbes = ConstU32<16>;
	type MissedCommitSlash = MarketMissedCommitSlash;
	type PricePeriod = MarketPricePeriod;
	type JobRetention = MarketJobRetention;
	type ProgramLimits = MarketProgramLimits;
	type WeightInfo = pallet_market::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MarketBenchmarkHelper;
}

/// Registers benchmark providers through the real registry.
#[cfg(feature = "runtime-benchmarks")]
pub struct MarketBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_market::BenchmarkHelper<AccountId> for MarketBenchmarkHelper {
	fn register_provider(
		who: &AccountId,
		class: compnet_primitives::HardwareClass,
		region: compnet_primitives::Region,
	) {
		use frame_support::traits::fungible::Mutate;
		let capacity = class.h100_equivalent();
		// Enough stake for 2³¹ units at 1 CNET (any H100 job's size tier is at most 31), so the
		// waiting book's searches reach every tier; and the audits that clear it for
		// high-sensitivity jobs, so they read the sensitive buckets too.
		let stake = Providers::min_stake(capacity).saturating_add((1u128 << 31) * UNIT);
		Balances::set_balance(who, stake.saturating_add(1_000_000 * UNIT));
		let profile = pallet_providers::Profile {
			class,
			devices: 1,
			memory_gib: class.memory_gib().max(1),
			capacity,
			region,
			endpoint: Default::default(),
			operator: who.clone(),
		};
		let origin = RuntimeOrigin::signed(who.clone());
		Providers::register(origin.clone(), profile).expect("registers");
		Providers::bond(origin, stake).expect("bonds");
		for _ in 0..QualitySensitiveAudits::get() * 4 {
			<Quality as pallet_quality::QualityFeed<AccountId>>::record(who, None, pallet_quality::Outcome::AuditPassed);
			<Quality as pallet_quality::QualityFeed<AccountId>>::record(
				who,
				None,
				pallet_quality::Outcome::Completed { expected: 10, taken: 10 },
			);
		}
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_audit::BenchmarkHelper<AccountId> for MarketBenchmarkHelper {
	fn provider(who: &AccountId) {
		<Self as pallet_market::BenchmarkHelper<AccountId>>::register_provider(
			who,
			compnet_primitives::HardwareClass::H100,
			compnet_primitives::Region { country: *b"DE", group: compnet_primitives::RegionGroup::Europe },
		);
	}

	fn assigned_job(provider: &AccountId, consumer: &AccountId) -> compnet_primitives::JobId {
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(consumer, 1_000_000 * UNIT);
		Market::set_offer(RuntimeOrigin::signed(provider.clone()), UNIT, 1, true).expect("offers");
		benchmark_job(consumer)
	}

	fn waiting_jobs(count: u32, consumer: &AccountId) {
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(consumer, 1_000_000 * UNIT);
		for _ in 0..count {
			benchmark_job(consumer);
		}
		Market::fill_waiting_tiers(
			compnet_primitives::HardwareClass::H100,
			compnet_primitives::RegionGroup::Europe,
		);
	}
}

/// A 9-unit job at 1 CNET a unit: a payment that needs the largest committee.
#[cfg(feature = "runtime-benchmarks")]
fn benchmark_job(consumer: &AccountId) -> compnet_primitives::JobId {
	let job = pallet_market::NextJobId::<Runtime>::get();
	Market::submit_job(
		RuntimeOrigin::signed(consumer.clone()),
		compnet_primitives::Workload::GemmI8 { m: 2048, n: 2048, k: 2048 },
		UNIT,
		frame_system::Pallet::<Runtime>::block_number() + HOURS,
		compnet_primitives::RegionSet::ANY,
		compnet_primitives::Sensitivity::Standard,
		Default::default(),
	)
	.expect("submits");
	job
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}


#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::traits::Get;

	/// Every job ends (and every slash for it is taken) while its provider's and auditors' stake
	/// is still bonded or unbonding: the longest wait for a match, the input window, the
	/// provider's longest commit window, then the audit's longest path (two rounds, each with
	/// its draws, the initial committee's window and every replacement's, and a reveal window)
	/// fit in the unbonding period.
	#[test]
	fn a_job_ends_within_the_unbonding_period() {
		// The windows kept in storage read their defaults here.
		polkadot_sdk::sp_io::TestExternalities::default().execute_with(a_job_ends_within);
	}

	fn a_job_ends_within() {
		let get = |value: u32| -> BlockNumber { value };
		let max_window = get(<Runtime as pallet_market::Config>::CommitWindow::get()) +
			get(<<Runtime as pallet_market::Config>::ComputeSlack as Get<u32>>::get()) * MarketMaxComputeBlocks::get();
		// The first round and each dispute round: a commit window, its draws (the first waiting for
		// its seed's blocks) and a reveal window; every replacement may add a window of its own.
		let rounds = 1 + pallet_audit::MAX_DISPUTE_ROUNDS as u32;
		let windows = rounds + get(<<Runtime as pallet_audit::Config>::MaxReplacements as Get<u32>>::get());
		let audit = get(AuditDrawDelay::get()) +
			windows * max_window +
			rounds * (AuditMaxDrawAttempts::get() * get(AuditRedrawDelay::get()) + AuditSeedBlocks::get() + 1) +
			rounds * get(AuditRevealWindow::get());
		let life: BlockNumber = get(MarketMaxJobLifetime::get()) + get(MarketInputWindow::get()) + max_window + audit;
		let unbonding = get(ProviderUnbondingPeriod::get());
		println!("longest job life: {life} blocks ({:.2} days) against {unbonding}", life as f64 / DAYS as f64);
		assert!(life <= unbonding, "{life} blocks against {unbonding}");
	}

	/// Deposits are worth having: leaving a million job records costs more than 100,000 CNET.
	#[test]
	fn deposits_make_storage_costly() {
		assert!(MarketJobDeposit::get() * 1_000_000 >= 100_000 * UNIT);
		assert!(ProviderRegistrationDeposit::get() >= MarketOfferDeposit::get());
	}
}
