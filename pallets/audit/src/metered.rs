//! Programs billed by their fuel (the `wasm` workload) over the real market, provider and quality
//! pallets: the provider is paid for the fuel it committed to, auditors must agree on that fuel
//! as well as on the output, and a provider that pads its fuel loses the dispute.
//!
//! The rule: a provider that reveals fuel `f′` above the `f` its run used gains
//! `g = price × (units(f′) − units(f))`, at most `price × units(limit)`, the job's value. That is
//! the gain of any wrong result, so the spot-check floor that prices a wrong result
//! (`p·slash ≥ (1 − p)·g`, docs/audit.md) prices padded fuel too.

use crate::{mock::*, *};
use compnet_primitives::{fuel_units, metered_root, RegionSet, Sensitivity, FUEL_PER_UNIT};
use frame_support::{assert_noop, assert_ok};
use pallet_market::{JobState, Jobs};
use pallet_providers::SlashReason;
use polkadot_sdk::{frame_support, frame_system::RawOrigin};

/// A program with a fuel limit of 10 units.
const LIMIT: u64 = 10 * FUEL_PER_UNIT;

/// What an honest run of the test program uses: 3 units and one fuel, billed as 4 units.
const USED: u64 = 3 * FUEL_PER_UNIT + 1;

fn program() -> compnet_primitives::Workload {
	compnet_primitives::Workload::Wasm { module: H256::repeat_byte(0x3a), fuel: LIMIT, memory_mib: 64, output_kib: 1024 }
}

fn record(job: JobId) -> AuditRecord<Test> {
	Audits::<Test>::get(job).expect("record exists")
}

/// Providers 1..=n, provider 1 the cheapest (9 a unit), the others at 10.
fn providers(n: u64) {
	provider(1, 1, 9, 8);
	for who in 2..=n {
		provider(who, who, 10, 8);
	}
}

/// `CONSUMER` submits the program at a bid of 20; returns the job, assigned to provider 1.
fn submit_program() -> JobId {
	let job = pallet_market::NextJobId::<Test>::get();
	assert_ok!(Market::submit_job(
		RuntimeOrigin::signed(CONSUMER),
		program(),
		20,
		System::block_number() + 200,
		RegionSet::ANY,
		Sensitivity::Standard,
		INPUT_ROOT,
	));
	assert!(matches!(Jobs::<Test>::get(job).unwrap().state, JobState::Assigned { provider: 1, .. }));
	job
}

/// `who` commits to output `root` and fuel `fuel` for `job`, in the current round.
fn commit_run(who: AccountId, job: JobId, root: ResultRoot, fuel: u64) -> polkadot_sdk::sp_runtime::DispatchResult {
	use codec::Encode;
	let value = metered_root(&sealed(job, root), fuel);
	Audit::commit_result(RuntimeOrigin::signed(who), job, compnet_primitives::commitment(&who.encode(), job, &value, &salt(who, job)))
}

/// `who` reveals output `root` and fuel `fuel` for `job`.
fn reveal_run(who: AccountId, job: JobId, root: ResultRoot, fuel: u64) -> polkadot_sdk::sp_runtime::DispatchResult {
	Audit::reveal_metered(RuntimeOrigin::signed(who), job, sealed(job, root), fuel, salt(who, job))
}

/// A program job committed by provider 1 with `fuel`, drawn for an audit, its committee
/// committed to the honest run. Returns the job and the committee.
fn audited_program(fuel: u64) -> (JobId, Vec<AccountId>) {
	RandomnessAvailable::set(false);
	let job = submit_program();
	assert_ok!(commit_run(1, job, right(job), fuel));
	run_blocks(2);
	let committee: Vec<_> = record(job).live_auditors().map(|p| p.who).collect();
	assert!(!committee.is_empty(), "without randomness the draw audits");
	for auditor in &committee {
		assert_ok!(commit_run(*auditor, job, right(job), USED));
	}
	(job, committee)
}

fn settled(job: JobId) -> Option<(Balance, Balance)> {
	System::events().into_iter().find_map(|r| match r.event {
		RuntimeEvent::Market(pallet_market::Event::JobSettled { job: j, paid, fee, .. }) if j == job => Some((paid, fee)),
		_ => None,
	})
}

#[test]
fn a_program_is_paid_for_the_fuel_it_used_and_the_rest_goes_back() {
	build_and_execute(|| {
		providers(3);
		let consumer_before = Balances::free_balance(CONSUMER);
		let (job, committee) = audited_program(USED);
		assert_eq!(Jobs::<Test>::get(job).unwrap().units, 10, "the escrow covered the fuel limit");
		assert_eq!(Market::backing(&1), 9 * 10, "until the reveal the limit backs the stake");
		assert_ok!(reveal_run(1, job, right(job), USED));
		assert_eq!(Jobs::<Test>::get(job).unwrap().units, fuel_units(USED));
		assert_eq!(Market::backing(&1), 9 * 4, "from the reveal only the fuel used does");
		assert!(System::events().iter().any(|r| r.event == RuntimeEvent::Market(pallet_market::Event::UsageMetered { job, fuel_used: USED, units: 4 })));
		for auditor in &committee {
			assert_ok!(reveal_run(*auditor, job, right(job), USED));
		}
		assert_eq!(record(job).decision, Some(Decision::Agreed));
		let (paid, fee) = settled(job).expect("settled");
		assert_eq!(paid + fee, 9 * 4, "price × the units of the fuel used");
		let audit_paid: Balance = record(job).parties.iter().map(|p| p.paid).sum();
		assert_eq!(
			Balances::free_balance(CONSUMER),
			consumer_before - 9 * 4 - audit_paid - JOB_DEPOSIT,
			"the consumer pays the fuel used and the audit; the rest of the escrow came back"
		);
		assert_eq!(Market::backing(&1), 0);
	});
}

#[test]
fn a_provider_that_pads_its_fuel_loses_the_dispute_and_is_slashed() {
	build_and_execute(|| {
		providers(6);
		let consumer_before = Balances::free_balance(CONSUMER);
		// The same output, but the whole limit claimed: 10 units instead of 4.
		let (job, committee) = audited_program(LIMIT);
		assert_ok!(reveal_run(1, job, right(job), LIMIT));
		for auditor in &committee {
			assert_ok!(reveal_run(*auditor, job, right(job), USED));
		}
		// Disagreement on the fuel alone is a dispute; the new auditors ran the program too.
		run_blocks(2);
		let more: Vec<_> = record(job).live_auditors().map(|p| p.who).filter(|a| !committee.contains(a)).collect();
		assert!(!more.is_empty(), "a dispute was opened");
		for a in &more {
			assert_ok!(commit_run(*a, job, right(job), USED));
		}
		for a in &more {
			assert_ok!(reveal_run(*a, job, right(job), USED));
		}
		assert_eq!(record(job).decision, Some(Decision::Overturned));
		let slashed = record(job).parties[0].slashed;
		assert!(slashed > 0);
		assert!(audit_events().contains(&Event::PartySlashed { job, who: 1, amount: slashed, reason: SlashReason::WrongResult }));
		assert_eq!(Jobs::<Test>::get(job).unwrap().state, JobState::Refunded, "the padded bill is not paid at all");
		let audit_paid: Balance = record(job).parties.iter().map(|p| p.paid).sum();
		assert_eq!(Balances::free_balance(CONSUMER), consumer_before - audit_paid - JOB_DEPOSIT);
		assert!(slashed > 9 * 10 - 9 * 4, "the slash ({slashed}) exceeds what padding would have won");
	});
}

#[test]
fn a_program_is_revealed_with_its_fuel_within_its_limit_and_other_jobs_without() {
	build_and_execute(|| {
		providers(3);
		let (job, _) = audited_program(USED);
		assert_noop!(reveal(1, job, right(job)), Error::<Test>::WrongRevealForWorkload);
		assert_noop!(reveal_run(1, job, right(job), LIMIT + 1), Error::<Test>::FuelBeyondLimit);
		assert_noop!(reveal_run(1, job, right(job), USED + 1), Error::<Test>::BadReveal);
		assert_ok!(reveal_run(1, job, right(job), USED));
		// A job billed by its shape has no fuel to reveal.
		let (gemm, _) = submit(CONSUMER, 20);
		assert_ok!(commit(1, gemm, right(gemm)));
		run_blocks(2);
		let auditors: Vec<_> = record(gemm).live_auditors().map(|p| p.who).collect();
		for a in &auditors {
			assert_ok!(commit(*a, gemm, right(gemm)));
		}
		assert_noop!(reveal_run(1, gemm, right(gemm), 5), Error::<Test>::WrongRevealForWorkload);
		assert_ok!(reveal(1, gemm, right(gemm)));
	});
}

#[test]
fn a_program_beyond_the_runtime_s_limits_is_refused_and_holds_nothing() {
	build_and_execute(|| {
		providers(1);
		let limits = MarketProgramLimits::get();
		let too_long = compnet_primitives::Workload::Wasm { module: H256::zero(), fuel: limits.fuel + 1, memory_mib: 1, output_kib: 1 };
		let submit = |workload| Market::submit_job(RuntimeOrigin::signed(CONSUMER), workload, 20, System::block_number() + 200, RegionSet::ANY, Sensitivity::Standard, INPUT_ROOT);
		assert_noop!(submit(too_long), pallet_market::Error::<Test>::ProgramTooLarge);
		let no_memory = compnet_primitives::Workload::Wasm { module: H256::zero(), fuel: 1, memory_mib: 0, output_kib: 1 };
		assert_noop!(submit(no_memory), pallet_market::Error::<Test>::BadShape);
		let plaintext = Market::submit_job(RuntimeOrigin::signed(CONSUMER), program(), 20, System::block_number() + 200, RegionSet::ANY, Sensitivity::High, INPUT_ROOT);
		assert_noop!(plaintext, pallet_market::Error::<Test>::PlaintextForSensitive);
	});
}

#[test]
fn a_program_job_is_never_taken_for_a_canary() {
	build_and_execute(|| {
		providers(3);
		let canary_salt = [9u8; 32];
		let job = pallet_market::NextJobId::<Test>::get();
		let seal = (crate::verify::canary_seal(&INPUT_ROOT, &canary_salt), crate::verify::canary_answer(&right(job), &canary_salt));
		assert_ok!(Audit::seal_canaries(RawOrigin::Root.into(), vec![seal].try_into().unwrap()));
		let (job, committee) = audited_program(USED);
		assert_ok!(reveal_run(1, job, right(job), USED));
		for auditor in &committee {
			assert_ok!(reveal_run(*auditor, job, right(job), USED));
		}
		assert_noop!(Audit::reveal_canary(RawOrigin::Root.into(), job, right(job), canary_salt), Error::<Test>::MeteredCanary);
		assert_eq!(record(job).parties[0].slashed, 0, "an honest program run is never convicted by a canary");
	});
}
