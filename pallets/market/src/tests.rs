//! Unit tests of the market; each ends with the invariants of both pallets checked.

use crate::{mock::*, *};
use compnet_primitives::{HardwareClass, RegionGroup, RegionSet, Sensitivity, Workload};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use pallet_providers::SlashReason;
use polkadot_sdk::{frame_support, sp_runtime::Perbill};

const CONSUMER: AccountId = 10;

fn state(id: JobId) -> JobStateOf<Test> {
	Jobs::<Test>::get(id).expect("job exists").state
}

fn assigned_to(id: JobId) -> Option<AccountId> {
	match state(id) {
		JobState::Assigned { provider, .. } | JobState::Running { provider, .. } => Some(provider),
		_ => None,
	}
}

fn escrow_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Market(HoldReason::Escrow), &who)
}

#[test]
fn a_job_goes_to_the_cheapest_offer_and_holds_its_escrow() {
	build_and_execute(|| {
		h100_offer(1, 10, 1);
		h100_offer(2, 8, 1);
		h100_offer(3, 12, 1);
		let job = submit(CONSUMER, GEMM, 15);
		assert_eq!(assigned_to(job), Some(2));
		let j = Jobs::<Test>::get(job).unwrap();
		assert_eq!(j.units, 9, "2048³ MACs = 8.6 GMAC, rounded up");
		// 15 × 9 = 135 plus a 10% audit budget.
		assert_eq!(j.escrow, 135 + 14);
		assert_eq!(escrow_held(CONSUMER), 149);
		assert!(market_events().contains(&Event::JobAssigned { job, provider: 2, price_per_unit: 8, input_by: 6 }));
		// Provider 2 had one slot: it left the book; the next job goes to the next cheapest.
		assert_eq!(Offers::<Test>::get(2).unwrap().listed_at, None);
		let second = submit(CONSUMER, GEMM, 15);
		assert_eq!(assigned_to(second), Some(1));
	});
}

#[test]
fn commitment_settles_price_times_units_minus_fee_and_refunds_the_rest() {
	build_and_execute(|| {
		h100_offer(1, 8, 1);
		let consumer_before = Balances::free_balance(CONSUMER);
		let provider_before = Balances::free_balance(1);
		let job = submit(CONSUMER, GEMM, 15);
		assert_ok!(commit_and_settle(1, job));
		// 8 × 9 = 72; a 5% fee of 3 (rounded down); 69 to the provider; 149 - 72 = 77 back.
		assert!(market_events().contains(&Event::JobSettled { job, provider: 1, paid: 69, fee: 3, refunded: 77 }));
		assert_eq!(Balances::free_balance(CONSUMER), consumer_before - 72 - JOB_DEPOSIT, "the deposit stays with the record");
		assert_eq!(Balances::free_balance(1), provider_before + 69);
		assert_eq!(Balances::free_balance(FEES), 1 + 3);
		assert_eq!(escrow_held(CONSUMER), 0);
		assert!(matches!(state(job), JobState::Settled { provider: 1, paid: 69, fee: 3 }));
		// The slot is free again: the offer is back in the book.
		assert!(Offers::<Test>::get(1).unwrap().listed_at.is_some());
		let totals = Totals::<Test>::get();
		assert_eq!((totals.settled, totals.running, totals.queued, totals.paid, totals.fees), (1, 0, 0, 69, 3));
	});
}

#[test]
fn only_the_assigned_provider_commits_and_only_in_time() {
	build_and_execute(|| {
		h100_offer(1, 8, 1);
		h100_offer(2, 9, 1);
		let job = submit(CONSUMER, GEMM, 15);
		assert_noop!(
			commit_and_settle(2, job),
			Error::<Test>::NotAssignedToCaller
		);
		System::set_block_number(12);
		assert_noop!(
			commit_and_settle(1, job),
			Error::<Test>::CommitTooLate
		);
		assert_noop!(
			commit_and_settle(1, 77),
			Error::<Test>::UnknownJob
		);
	});
}

#[test]
fn a_job_below_every_offer_waits_and_is_matched_when_a_cheap_offer_appears() {
	build_and_execute(|| {
		h100_offer(1, 20, 1);
		let job = submit(CONSUMER, GEMM, 10);
		assert_eq!(state(job), JobState::Queued);
		assert!(market_events().contains(&Event::JobQueued { job }));
		assert_eq!(
			Market::quote(GEMM, 10, RegionSet::ANY, Sensitivity::Standard),
			Err(NoMatch::PriceTooHigh { cheapest: 20 })
		);
		h100_offer(2, 10, 1);
		assert_eq!(assigned_to(job), Some(2));
		assert_eq!(Totals::<Test>::get().queued, 0);
	});
}

#[test]
fn a_freed_slot_serves_the_highest_waiting_bid_first() {
	build_and_execute(|| {
		h100_offer(1, 10, 1);
		let first = submit(CONSUMER, GEMM, 10);
		let low = submit(11, GEMM, 11);
		let high = submit(12, GEMM, 40);
		assert_eq!((state(low), state(high)), (JobState::Queued, JobState::Queued));
		assert_ok!(commit_and_settle(1, first));
		assert_eq!(assigned_to(high), Some(1), "the highest bid is served first");
		assert_eq!(state(low), JobState::Queued);
	});
}

#[test]
fn jobs_only_run_in_their_regions_on_hardware_that_holds_them() {
	build_and_execute(|| {
		provider(1, HardwareClass::H100, 1, US);
		assert_ok!(Market::set_offer(RuntimeOrigin::signed(1), 5, 1, true));
		h100_offer(2, 9, 4);
		// Stake to back the 2.5 million the big job below is worth.
		assert_ok!(Providers::bond(RuntimeOrigin::signed(2), 3_000_000));
		let europe = submit_in(CONSUMER, GEMM, 15, RegionSet::of(&[RegionGroup::Europe]));
		assert_eq!(assigned_to(europe), Some(2), "the cheaper US offer is outside the job's regions");
		let asia = submit_in(CONSUMER, GEMM, 15, RegionSet::of(&[RegionGroup::Asia]));
		assert_eq!(state(asia), JobState::Queued);

		// 48 GiB of fp32 operands do not fit a 24 GiB RTX 4090.
		provider(3, HardwareClass::Rtx4090, 1, DE);
		assert_ok!(Market::set_offer(RuntimeOrigin::signed(3), 1, 1, true));
		let big = Workload::GemmF32 { m: 65_536, n: 65_536, k: 65_536 };
		let job = submit_in(CONSUMER, big, 15, RegionSet::of(&[RegionGroup::Europe]));
		assert_eq!(assigned_to(job), Some(2), "the cheaper 4090 cannot hold the workload");
	});
}

#[test]
fn cancel_releases_the_whole_escrow_of_a_waiting_job_only() {
	build_and_execute(|| {
		let job = submit(CONSUMER, GEMM, 15);
		assert_eq!(escrow_held(CONSUMER), 149);
		assert_noop!(Market::cancel_job(RuntimeOrigin::signed(11), job), Error::<Test>::NotConsumer);
		assert_ok!(Market::cancel_job(RuntimeOrigin::signed(CONSUMER), job));
		assert_eq!(escrow_held(CONSUMER), 0);
		assert_eq!(state(job), JobState::Refunded);
		assert_noop!(Market::cancel_job(RuntimeOrigin::signed(CONSUMER), job), Error::<Test>::NotQueued);

		h100_offer(1, 8, 1);
		let running = submit(CONSUMER, GEMM, 15);
		assert_noop!(Market::cancel_job(RuntimeOrigin::signed(CONSUMER), running), Error::<Test>::NotQueued);
	});
}

#[test]
fn a_missed_commitment_slashes_suspends_and_reassigns_never_to_the_same_provider() {
	build_and_execute(|| {
		h100_offer(1, 8, 4);
		h100_offer(2, 9, 4);
		let job = submit(CONSUMER, GEMM, 15);
		assert_eq!(assigned_to(job), Some(1));
		// The input arrived: 10 blocks plus twice the 1-block compute, from block 1.
		ack(1, job);
		assert!(market_events().contains(&Event::InputAcknowledged { job, provider: 1, commit_by: 13 }));
		let stake = pallet_providers::Providers::<Test>::get(1).unwrap().bonded;
		run_to_block(14);
		let slashed = Perbill::from_percent(1).mul_ceil(stake);
		assert!(market_events().contains(&Event::CommitMissed { job, provider: 1, slashed }));
		assert!(System::events().iter().any(|r| r.event ==
			RuntimeEvent::Providers(pallet_providers::Event::Slashed { who: 1, amount: slashed, reason: SlashReason::MissedDeadline })));
		assert_eq!(assigned_to(job), Some(2));
		assert!(market_events().contains(&Event::OfferSuspended { provider: 1 }));
		let offer = Offers::<Test>::get(1).unwrap();
		assert!(!offer.available && offer.listed_at.is_none() && offer.running == 0);
		assert_eq!(Jobs::<Test>::get(job).unwrap().excluded.to_vec(), vec![1]);

		// The slash left provider 1 below its minimum stake: inactive until it bonds again.
		assert_noop!(Market::set_offer(RuntimeOrigin::signed(1), 8, 4, true), Error::<Test>::ProviderInactive);
		assert_ok!(Providers::bond(RuntimeOrigin::signed(1), slashed));
		// Provider 1 comes back; 2 misses too; 1 is excluded, so the job waits for someone else.
		assert_ok!(Market::set_offer(RuntimeOrigin::signed(1), 8, 4, true));
		ack(2, job);
		run_to_block(27);
		assert_eq!(state(job), JobState::Queued);
		h100_offer(3, 9, 1);
		assert_eq!(assigned_to(job), Some(3));
		// The third miss uses up MaxAssignments = 3: the consumer gets everything back.
		ack(3, job);
		run_to_block(40);
		assert_eq!(state(job), JobState::Refunded);
		assert_eq!(escrow_held(CONSUMER), 0);
	});
}

#[test]
fn an_input_that_never_arrives_costs_the_consumer_its_deposit_and_the_provider_nothing() {
	build_and_execute(|| {
		h100_offer(1, 8, 1);
		let stake = pallet_providers::Providers::<Test>::get(1).unwrap().bonded;
		let consumer_before = Balances::free_balance(CONSUMER);
		let provider_before = Balances::free_balance(1);
		let job = submit(CONSUMER, GEMM, 15);
		assert!(market_events().contains(&Event::JobAssigned { job, provider: 1, price_per_unit: 8, input_by: 6 }));
		// The consumer never uploads; the provider never acknowledges. The input window closes.
		run_to_block(7);
		assert!(market_events().contains(&Event::InputMissing { job, provider: 1, deposit_burnt: JOB_DEPOSIT }));
		assert_eq!(state(job), JobState::Refunded);
		// Nobody is slashed and the provider keeps its offer, its slot and its stake.
		assert_eq!(pallet_providers::Providers::<Test>::get(1).unwrap().bonded, stake);
		assert!(!System::events().iter().any(|r| matches!(r.event, RuntimeEvent::Providers(pallet_providers::Event::Slashed { .. }))));
		let offer = Offers::<Test>::get(1).unwrap();
		assert!(offer.available && offer.running == 0 && offer.listed_at.is_some());
		assert_eq!(Balances::free_balance(1), provider_before);
		// The consumer got its escrow back and lost the deposit: griefing is not free.
		assert_eq!(escrow_held(CONSUMER), 0);
		assert_eq!(Balances::free_balance(CONSUMER), consumer_before - JOB_DEPOSIT);
		assert_eq!(Totals::<Test>::get().burnt_deposits, JOB_DEPOSIT);
		// A late acknowledgement or commitment changes nothing.
		assert_noop!(Market::acknowledge_input(RuntimeOrigin::signed(1), job), Error::<Test>::NotAwaitingInput);
		assert_noop!(commit_and_settle(1, job), Error::<Test>::NotAssignedToCaller);
	});
}

#[test]
fn only_the_assigned_provider_acknowledges_and_only_in_time() {
	build_and_execute(|| {
		h100_offer(1, 8, 1);
		h100_offer(2, 9, 1);
		let job = submit(CONSUMER, GEMM, 15);
		assert_noop!(Market::acknowledge_input(RuntimeOrigin::signed(2), job), Error::<Test>::NotAwaitingInput);
		System::set_block_number(7);
		assert_noop!(Market::acknowledge_input(RuntimeOrigin::signed(1), job), Error::<Test>::InputTooLate);
		System::set_block_number(6);
		ack(1, job);
		assert_noop!(Market::acknowledge_input(RuntimeOrigin::signed(1), job), Error::<Test>::NotAwaitingInput);
		assert!(matches!(state(job), JobState::Running { provider: 1, started_at: 6, commit_by: 18, .. }));
	});
}

#[test]
fn the_commit_window_grows_with_the_job_and_no_class_gets_a_job_it_cannot_finish() {
	build_and_execute(|| {
		// 2^48 MACs: 281,475 units; an H100 computes 1,000 per block, an RTX 4090 170, a 3090 72.
		let big = Workload::GemmI8 { m: 65_536, n: 65_536, k: 65_536 };
		h100_offer(1, 8, 1);
		// Stake to back the 2.25 million the job is worth.
		assert_ok!(Providers::bond(RuntimeOrigin::signed(1), 3_000_000));
		assert_ok!(Market::set_offer(RuntimeOrigin::signed(1), 8, 1, true));
		let job = submit(CONSUMER, big, 15);
		ack(1, job);
		let JobState::Running { commit_by, .. } = state(job) else { panic!("running") };
		assert_eq!(commit_by, 1 + 10 + 2 * 282, "10 blocks plus twice the 282-block compute");
		assert_eq!(Market::commit_blocks(281_475, HardwareClass::Rtx3090), 10 + 2 * 3_910);
		// A class that holds the job but would need more than MaxComputeBlocks is never matched.
		provider(2, HardwareClass::Rtx4090, 1, DE);
		assert_ok!(Market::set_offer(RuntimeOrigin::signed(2), 1, 1, true));
		let second = submit(CONSUMER, big, 15);
		assert_eq!(state(second), JobState::Queued, "the cheaper 4090 holds 24 GiB but needs 1,656 blocks");
		// A job no class can finish in time is refused outright.
		let huge = Workload::TrainMlp { input: 65_536, hidden: 4_096, output: 10, batch: 1_024, steps: 100_000 };
		assert_noop!(
			Market::submit_job(RuntimeOrigin::signed(CONSUMER), huge, 1, 50, RegionSet::ANY, Sensitivity::Standard, Default::default()),
			Error::<Test>::TooLong
		);
		assert_eq!(Market::quote(huge, 1, RegionSet::ANY, Sensitivity::Standard), Err(NoMatch::TooLong));
	});
}

#[test]
fn offers_and_jobs_hold_deposits_until_their_records_go() {
	build_and_execute(|| {
		let deposit_held = |who| Balances::balance_on_hold(&RuntimeHoldReason::Market(HoldReason::Deposit), &who);
		h100_offer(1, 8, 1);
		assert_eq!(deposit_held(1), OFFER_DEPOSIT);
		// Changing the offer keeps the one deposit.
		assert_ok!(Market::set_offer(RuntimeOrigin::signed(1), 9, 2, true));
		assert_eq!(deposit_held(1), OFFER_DEPOSIT);
		let job = submit(CONSUMER, GEMM, 15);
		assert_eq!(deposit_held(CONSUMER), JOB_DEPOSIT);
		assert_ok!(commit_and_settle(1, job));
		assert_eq!(deposit_held(CONSUMER), JOB_DEPOSIT, "held while the record stays readable");
		run_to_block(1 + 50);
		assert!(!Jobs::<Test>::contains_key(job));
		assert!(market_events().contains(&Event::JobRemoved { job, deposit: JOB_DEPOSIT }));
		assert_eq!(deposit_held(CONSUMER), 0);
		assert_ok!(Market::retract_offer(RuntimeOrigin::signed(1)));
		assert_eq!(deposit_held(1), 0);
	});
}

#[test]
fn a_provider_leaving_the_registry_takes_its_offer_and_deposits_with_it() {
	build_and_execute(|| {
		h100_offer(1, 8, 1);
		let free = Balances::free_balance(1);
		let stake = pallet_providers::Providers::<Test>::get(1).unwrap().bonded;
		let job = submit(CONSUMER, GEMM, 15);
		ack(1, job);
		assert_ok!(Providers::pause(RuntimeOrigin::signed(1)));
		assert_ok!(Providers::unbond(RuntimeOrigin::signed(1), stake));
		System::set_block_number(11);
		assert_ok!(Providers::withdraw_unbonded(RuntimeOrigin::signed(1)));
		// A running job keeps it registered: its offer has a slot taken.
		assert_noop!(Providers::deregister(RuntimeOrigin::signed(1)), Error::<Test>::OfferBusy);
		assert_ok!(commit_and_settle(1, job));
		assert_ok!(Providers::deregister(RuntimeOrigin::signed(1)));
		assert!(!Offers::<Test>::contains_key(1));
		assert_eq!(Totals::<Test>::get().listed_offers, 0);
		let paid = match state(job) { JobState::Settled { paid, .. } => paid, _ => panic!("settled") };
		assert_eq!(Balances::free_balance(1), free + stake + paid + OFFER_DEPOSIT + REGISTRATION_DEPOSIT);
	});
}

#[test]
fn deadlines_are_never_dropped_however_many_fall_in_one_block() {
	build_and_execute(|| {
		// 300 jobs waiting, all due at block 102: the old lists held 64 per block and dropped
		// what did not fit in the 16 blocks after.
		for _ in 0..300 {
			submit(CONSUMER, GEMM, 15);
		}
		assert_eq!(DeadlineCount::<Test>::get(102), 300);
		run_to_block(102);
		assert!(Jobs::<Test>::iter_values().all(|j| j.state == JobState::Expired));
		assert_eq!(Totals::<Test>::get().expired, 300);
		assert_eq!(escrow_held(CONSUMER), 0);
	});
}

#[test]
fn unmatched_jobs_expire_through_the_hook_or_anyone_s_call() {
	build_and_execute(|| {
		let job = submit(CONSUMER, GEMM, 15);
		assert_noop!(Market::expire(RuntimeOrigin::signed(5), job), Error::<Test>::NotDue);
		run_to_block(102);
		assert_eq!(state(job), JobState::Expired);
		assert_eq!(escrow_held(CONSUMER), 0);

		// Without the hook, a permissionless call does it, for free.
		let other = submit(CONSUMER, GEMM, 15);
		System::set_block_number(300);
		let info = Market::expire(RuntimeOrigin::signed(5), other).unwrap();
		assert_eq!(info.pays_fee, frame_support::dispatch::Pays::No);
		assert_eq!(state(other), JobState::Expired);
		assert_eq!(Totals::<Test>::get().expired, 2);
	});
}

#[test]
fn finished_jobs_are_removed_after_the_retention_period() {
	build_and_execute(|| {
		let job = submit(CONSUMER, GEMM, 15);
		assert_ok!(Market::cancel_job(RuntimeOrigin::signed(CONSUMER), job));
		run_to_block(50);
		assert!(Jobs::<Test>::contains_key(job));
		run_to_block(52);
		assert!(!Jobs::<Test>::contains_key(job), "removed 50 blocks after it finished");
	});
}

#[test]
fn inactive_providers_lose_their_place_in_the_book() {
	build_and_execute(|| {
		h100_offer(1, 5, 1);
		h100_offer(2, 9, 1);
		assert_ok!(Providers::pause(RuntimeOrigin::signed(1)));
		let job = submit(CONSUMER, GEMM, 15);
		assert_eq!(assigned_to(job), Some(2), "the paused provider is skipped");
		assert_eq!(Offers::<Test>::get(1).unwrap().listed_at, None, "and taken out of the book");
		assert_noop!(Market::set_offer(RuntimeOrigin::signed(1), 5, 1, true), Error::<Test>::ProviderInactive);
		assert_ok!(Providers::resume(RuntimeOrigin::signed(1)));
		assert_ok!(Market::set_offer(RuntimeOrigin::signed(1), 5, 1, true));
		assert!(Offers::<Test>::get(1).unwrap().listed_at.is_some());
	});
}

#[test]
fn a_sensitive_job_goes_only_to_a_provider_above_the_quality_threshold() {
	build_and_execute(|| {
		let he = Workload::HeLinear { rows: 64, cols: 64, batch: 8, encrypted_weights: false, second_rows: Some(10) };
		let submit_at = |sensitivity| {
			let id = NextJobId::<Test>::get();
			let deadline = System::block_number() + 100;
			assert_ok!(Market::submit_job(RuntimeOrigin::signed(CONSUMER), he, 15, deadline, RegionSet::ANY, sensitivity, Default::default()));
			id
		};
		// The cheapest provider is below the threshold: a quote finds no one, and the job waits.
		h100_offer(1, 5, 2);
		assert_eq!(Market::quote(he, 15, RegionSet::ANY, Sensitivity::High), Err(NoMatch::NoEligibleOffer));
		let waiting = submit_at(Sensitivity::High);
		assert_eq!(assigned_to(waiting), None);
		// A dearer provider above the threshold offers: the waiting job is its, not the cheaper one's.
		MockQuality::allow_sensitive(2);
		h100_offer(2, 8, 2);
		assert_eq!(assigned_to(waiting), Some(2));
		assert_eq!(assigned_to(submit_at(Sensitivity::High)), Some(2), "a new sensitive job too");
		// The same encrypted workload at standard sensitivity goes to the cheapest.
		let standard = submit_at(Sensitivity::Standard);
		assert_eq!(assigned_to(standard), Some(1));
	});
}

#[test]
fn bad_input_is_refused_and_holds_nothing() {
	build_and_execute(|| {
		let submit_with = |who: AccountId, w: Workload, bid: Balance, deadline: u64, regions: RegionSet, s: Sensitivity| {
			Market::submit_job(RuntimeOrigin::signed(who), w, bid, deadline, regions, s, Default::default())
		};
		let std = Sensitivity::Standard;
		let empty = Workload::GemmI8 { m: 0, n: 1, k: 1 };
		assert_noop!(submit_with(CONSUMER, empty, 10, 50, RegionSet::ANY, std), Error::<Test>::BadShape);
		assert_noop!(submit_with(CONSUMER, GEMM, 0, 50, RegionSet::ANY, std), Error::<Test>::ZeroPrice);
		assert_noop!(submit_with(CONSUMER, GEMM, 10, 50, RegionSet(0), std), Error::<Test>::BadRegions);
		assert_noop!(
			submit_with(CONSUMER, GEMM, 10, 50, RegionSet::ANY, Sensitivity::High),
			Error::<Test>::PlaintextForSensitive
		);
		assert_noop!(submit_with(CONSUMER, GEMM, 10, 5, RegionSet::ANY, std), Error::<Test>::DeadlineTooSoon);
		assert_noop!(submit_with(CONSUMER, GEMM, 10, 5_000, RegionSet::ANY, std), Error::<Test>::DeadlineTooFar);
		assert_noop!(
			submit_with(CONSUMER, GEMM, Balance::MAX / 2, 50, RegionSet::ANY, std),
			Error::<Test>::EscrowOverflow
		);
		// An account without the funds: the hold fails, nothing changes.
		assert_noop!(
			submit_with(77, GEMM, 10, 50, RegionSet::ANY, std),
			polkadot_sdk::sp_runtime::TokenError::FundsUnavailable
		);
		assert_noop!(Market::set_offer(RuntimeOrigin::signed(CONSUMER), 5, 1, true), Error::<Test>::NotProvider);
		provider(1, HardwareClass::H100, 1, DE);
		assert_noop!(Market::set_offer(RuntimeOrigin::signed(1), 0, 1, true), Error::<Test>::ZeroPrice);
		assert_noop!(Market::set_offer(RuntimeOrigin::signed(1), 5, 0, true), Error::<Test>::BadConcurrency);
		assert_noop!(Market::set_offer(RuntimeOrigin::signed(1), 5, 17, true), Error::<Test>::BadConcurrency);
		assert_noop!(Market::retract_offer(RuntimeOrigin::signed(1)), Error::<Test>::NoOffer);
		assert_noop!(
			Market::set_reference_price(RuntimeOrigin::signed(1), HardwareClass::H100, Some(1)),
			polkadot_sdk::sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_busy_offer_cannot_be_retracted() {
	build_and_execute(|| {
		h100_offer(1, 8, 2);
		let job = submit(CONSUMER, GEMM, 15);
		assert_noop!(Market::retract_offer(RuntimeOrigin::signed(1)), Error::<Test>::OfferBusy);
		assert_ok!(commit_and_settle(1, job));
		assert_ok!(Market::retract_offer(RuntimeOrigin::signed(1)));
		assert!(!Offers::<Test>::contains_key(1));
	});
}

#[test]
fn statistics_show_cleared_prices_against_the_cloud_reference() {
	build_and_execute(|| {
		h100_offer(1, 30, 4);
		let job = submit(CONSUMER, GEMM, 40);
		assert_ok!(commit_and_settle(1, job));
		let stats = Market::stats();
		assert_eq!(stats.providers.registered, 1);
		assert_eq!(stats.jobs.settled, 1);
		assert_eq!(stats.jobs.listed_offers, 1);
		let h100 = stats.classes.iter().find(|c| c.class == HardwareClass::H100).unwrap();
		assert_eq!(h100.average_price, Some(30));
		assert_eq!(h100.window_units, 9);
		assert_eq!(h100.reference_price, Some(100));
		assert_eq!(h100.discount, Some(Perbill::from_percent(70)), "30 against a cloud price of 100");
		// Eight periods later the window no longer holds that settlement.
		System::set_block_number(1 + 8 * 100);
		assert_eq!(Market::average_price(HardwareClass::H100), (None, 0));
	});
}

#[test]
fn quote_names_the_offer_or_the_reason() {
	build_and_execute(|| {
		assert_eq!(Market::quote(GEMM, 10, RegionSet::ANY, Sensitivity::Standard), Err(NoMatch::NoOffers));
		assert_eq!(
			Market::quote(GEMM, 10, RegionSet::ANY, Sensitivity::High),
			Err(NoMatch::PlaintextForSensitive)
		);
		h100_offer(1, 8, 1);
		let quote = Market::quote(GEMM, 10, RegionSet::ANY, Sensitivity::Standard).unwrap();
		assert_eq!((quote.provider, quote.price_per_unit, quote.units, quote.cost, quote.escrow), (1, 8, 9, 72, 99));
		assert_eq!(Totals::<Test>::get().submitted, 0, "a quote changes nothing");
	});
}

#[test]
fn on_idle_stops_when_its_weight_runs_out_and_resumes_later() {
	use frame_support::traits::Hooks;
	build_and_execute(|| {
		let jobs: Vec<JobId> = (0..3).map(|_| submit(CONSUMER, GEMM, 15)).collect();
		// All three expire at block 102; `on_idle` there has weight for one of them.
		System::set_block_number(102);
		DeadlineQueueCursor::<Test>::put((102, 0));
		let one = <() as WeightInfo>::on_idle_base() +
			<() as WeightInfo>::expire().max(<() as WeightInfo>::expire_input_missing());
		assert_eq!(Market::on_idle(102, one), one);
		let expired = |ids: &[JobId]| ids.iter().filter(|id| state(**id) == JobState::Expired).count();
		assert_eq!(expired(&jobs), 1);
		assert_eq!(DeadlineJobs::<Test>::iter_prefix(102).count(), 2, "the rest stay filed");
		assert_eq!(DeadlineQueueCursor::<Test>::get(), Some((102, 1)));
		Market::on_idle(102, frame_support::weights::Weight::MAX);
		assert_eq!(expired(&jobs), 3);
	});
}

#[test]
fn a_rejected_result_refunds_the_consumer_and_pays_the_auditors_from_the_budget() {
	build_and_execute(|| {
		h100_offer(1, 8, 1);
		h100_offer(2, 9, 1);
		h100_offer(3, 9, 1);
		let consumer_before = Balances::free_balance(CONSUMER);
		let (one, two, three) = (Balances::free_balance(1), Balances::free_balance(2), Balances::free_balance(3));
		let job = submit(CONSUMER, GEMM, 15);
		let committed = <Market as JobMarket<AccountId, Balance>>::commit(job, &1).unwrap();
		// 15 × 9 = 135 and a 10% audit budget of 14 (rounded up).
		assert_eq!((committed.payment, committed.audit_budget, committed.class, committed.units), (72, 14, HardwareClass::H100, 9));
		assert!(matches!(state(job), JobState::Committed { provider: 1, .. }));
		assert_noop!(<Market as JobMarket<AccountId, Balance>>::commit(job, &1), Error::<Test>::NotAssignedToCaller);
		let each = <Market as JobMarket<AccountId, Balance>>::conclude(job, Verdict::Rejected, &[2, 3]).unwrap();
		assert_eq!(each, 7);
		assert_eq!(Balances::free_balance(CONSUMER), consumer_before - 14 - JOB_DEPOSIT, "only the audit is paid for");
		assert_eq!((Balances::free_balance(1), Balances::free_balance(2), Balances::free_balance(3)), (one, two + 7, three + 7));
		assert_eq!(escrow_held(CONSUMER), 0);
		assert_eq!(state(job), JobState::Refunded);
		assert!(market_events().contains(&Event::JobRejected { job, provider: 1, refunded: 149 - 14 }));
		assert_eq!(Totals::<Test>::get().running, 0);
		// The provider's slot is free again.
		assert_eq!(Offers::<Test>::get(1).unwrap().running, 0);
		assert_noop!(
			<Market as JobMarket<AccountId, Balance>>::conclude(job, Verdict::Correct, &[]),
			Error::<Test>::NotCommitted
		);
	});
}

#[test]
fn migrations_keep_offers_and_jobs_move_every_deadline_and_compute_backing() {
	use crate::migrations::{v1, v2};
	use codec::Encode;
	use frame_support::traits::{Get, GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	build_and_execute(|| {
		// A version-0 market: an offer with a job assigned, a queued job, and their deadlines.
		h100_offer(1, 8, 2);
		let assigned = submit(CONSUMER, GEMM, 15);
		let queued = submit(CONSUMER, GEMM, 5);
		assert_eq!(state(queued), JobState::Queued, "a bid below every offer waits");
		StorageVersion::new(0).put::<Market>();
		let offer = Offers::<Test>::get(1).unwrap();
		let old_offer = v1::OldOffer::<Test> {
			class: offer.class,
			region: offer.region,
			price_per_unit: offer.price_per_unit,
			max_concurrent: offer.max_concurrent,
			running: offer.running,
			available: offer.available,
			listed_at: offer.listed_at,
		};
		frame_support::storage::unhashed::put_raw(&Offers::<Test>::hashed_key_for(1), &old_offer.encode());
		for id in [assigned, queued] {
			let job = Jobs::<Test>::get(id).unwrap();
			let old_state = match job.state {
				JobState::Assigned { provider, price_per_unit, assigned_at, .. } =>
					v1::OldJobState::Assigned { provider, price_per_unit, assigned_at, commit_by: assigned_at + 10 },
				_ => v1::OldJobState::Queued,
			};
			let old = v1::OldJob::<Test> {
				consumer: job.consumer,
				spec: job.spec,
				units: job.units,
				escrow: job.escrow,
				audit_budget: job.audit_budget,
				state: old_state,
				excluded: job.excluded,
				queued_at: job.queued_at,
				submitted_at: job.submitted_at,
				finished_at: job.finished_at,
			};
			frame_support::storage::unhashed::put_raw(&Jobs::<Test>::hashed_key_for(id), &old.encode());
		}
		// Version 0 held no deposits for these records.
		let reason = RuntimeHoldReason::Market(HoldReason::Deposit);
		use frame_support::traits::{fungible::MutateHold, tokens::Precision};
		Balances::release(&reason, &1, OFFER_DEPOSIT, Precision::Exact).unwrap();
		Balances::release(&reason, &CONSUMER, 2 * JOB_DEPOSIT, Precision::Exact).unwrap();
		// Its deadline lists: the queue's entries move back into them.
		let _ = DeadlineJobs::<Test>::clear(u32::MAX, None);
		let _ = DeadlineCount::<Test>::clear(u32::MAX, None);
		DeadlineQueueCursor::<Test>::kill();
		v1::Deadlines::<Test>::insert(12, vec![assigned]);
		v1::Deadlines::<Test>::insert(102, vec![queued]);
		v1::DeadlineCursor::<Test>::put(1);

		let state_before = v1::pre_upgrade_state::<Test>();
		v1::MigrateV0ToV1::<Test>::on_runtime_upgrade();
		v1::post_upgrade_check::<Test>(state_before).expect("the migration checks pass");
		assert_eq!(Market::on_chain_storage_version(), 1);
		// Version 2 adds the backing: the assigned job's value.
		let state_before = v2::pre_upgrade_state::<Test>();
		v2::MigrateV1ToV2::<Test>::on_runtime_upgrade();
		v2::post_upgrade_check::<Test>(state_before).expect("the migration checks pass");
		assert_eq!(Market::on_chain_storage_version(), 2);
		// Versions 3 and 4 follow: the waiting book by class, the proven concurrency.
		crate::migrations::v3::MigrateV2ToV3::<Test>::on_runtime_upgrade();
		let state_before = crate::migrations::v4::pre_upgrade_state::<Test>();
		crate::migrations::v4::MigrateV3ToV4::<Test>::on_runtime_upgrade();
		crate::migrations::v4::post_upgrade_check::<Test>(state_before).expect("the migration checks pass");
		let state_before = crate::migrations::v5::pre_upgrade_state::<Test>();
		crate::migrations::v5::MigrateV4ToV5::<Test>::on_runtime_upgrade();
		crate::migrations::v5::post_upgrade_check::<Test>(state_before).expect("the migration checks pass");
		assert_eq!(Market::on_chain_storage_version(), 5);
		let job = Jobs::<Test>::get(assigned).unwrap();
		assert_eq!(Offers::<Test>::get(1).unwrap().backing, 8 * job.units);
		// The assigned job was on its commit clock: it is running, with the deadline it had.
		assert!(matches!(state(assigned), JobState::Running { provider: 1, commit_by: 11, .. }));
		assert_eq!(Jobs::<Test>::get(assigned).unwrap().deposit, 0);
		assert_eq!(Offers::<Test>::get(1).unwrap().deposit, 0);
		assert_eq!(DeadlineQueueCursor::<Test>::get(), Some((1, 0)));
		// The moved deadlines still fire: the missed commitment, then the expiry.
		run_to_block(12);
		assert!(market_events().iter().any(|e| matches!(e, Event::CommitMissed { job, .. } if *job == assigned)));
		run_to_block(102);
		assert_eq!(state(queued), JobState::Expired);
		// A second run is a no-op.
		assert_eq!(v1::MigrateV0ToV1::<Test>::on_runtime_upgrade(), <<Test as polkadot_sdk::frame_system::Config>::DbWeight as Get<polkadot_sdk::frame_support::weights::RuntimeDbWeight>>::get().reads(1));
	});
}

#[test]
fn the_value_of_open_jobs_never_exceeds_the_bonded_stake() {
	build_and_execute(|| {
		// An attacker bonds the minimum (1,000 for one H100) and asks for 16 jobs at once at 50 a
		// unit: each 9-unit job is worth 450, so cheating on all 16 would win 7,200.
		h100_offer(1, 50, 16);
		let jobs: Vec<JobId> = (0..5).map(|_| submit(CONSUMER, GEMM, 60)).collect();
		// Two fit the stake (900 ≤ 1,000); a third would make 1,350.
		assert_eq!(assigned_to(jobs[0]), Some(1));
		assert_eq!(assigned_to(jobs[1]), Some(1));
		for id in &jobs[2..] {
			assert_eq!(state(*id), JobState::Queued, "job {id} waits: the stake backs no more");
		}
		let offer = Offers::<Test>::get(1).unwrap();
		assert_eq!((offer.running, offer.backing), (2, 900));
		assert!(offer.listed_at.is_some(), "a 1-unit job (50) still fits the 100 left");
		// A settled job frees its value: the next waiting job takes it.
		assert_ok!(commit_and_settle(1, jobs[0]));
		assert_eq!(assigned_to(jobs[2]), Some(1));
		assert_eq!(Offers::<Test>::get(1).unwrap().backing, 900);
		// A provider with the stake takes the rest: value follows stake, not slots.
		provider(2, HardwareClass::H100, 2, DE);
		assert_ok!(Market::set_offer(RuntimeOrigin::signed(2), 50, 16, true));
		assert_eq!(assigned_to(jobs[3]), Some(2));
		assert_eq!(assigned_to(jobs[4]), Some(2));
		assert_eq!(Offers::<Test>::get(2).unwrap().backing, 900);
	});
}

#[test]
fn stake_leaving_the_bond_backs_no_new_job() {
	build_and_execute(|| {
		// One H100 with 2,000 bonded, of which 1,000 is the minimum.
		provider(1, HardwareClass::H100, 1, DE);
		assert_ok!(Providers::bond(RuntimeOrigin::signed(1), 1_000));
		assert_ok!(Market::set_offer(RuntimeOrigin::signed(1), 50, 8, true));
		let first = submit(CONSUMER, GEMM, 60);
		assert_eq!(assigned_to(first), Some(1));
		// Unbonding stake is slashable only until it unlocks, maybe before a new job ends.
		assert_ok!(Providers::unbond(RuntimeOrigin::signed(1), 1_000));
		let second = submit(CONSUMER, GEMM, 60);
		assert_eq!(assigned_to(second), Some(1), "450 + 450 ≤ the 1,000 still bonded");
		let third = submit(CONSUMER, GEMM, 60);
		assert_eq!(state(third), JobState::Queued, "the 1,000 unbonding backs nothing new");
	});
}

#[test]
fn concurrency_follows_the_declared_devices() {
	build_and_execute(|| {
		// 16 jobs at once per device in the mock.
		provider(1, HardwareClass::H100, 2, DE);
		assert_noop!(Market::set_offer(RuntimeOrigin::signed(1), 5, 33, true), Error::<Test>::BadConcurrency);
		assert_ok!(Market::set_offer(RuntimeOrigin::signed(1), 5, 32, true));
	});
}

/// Submits an encrypted `workload` at high sensitivity for `CONSUMER`, bid `bid`, any region.
fn submit_sensitive(workload: Workload, bid: Balance) -> JobId {
	let id = NextJobId::<Test>::get();
	let deadline = System::block_number() + 100;
	assert_ok!(Market::submit_job(
		RuntimeOrigin::signed(CONSUMER),
		workload,
		bid,
		deadline,
		RegionSet::ANY,
		Sensitivity::High,
		Default::default()
	));
	id
}

/// A working set of 16.5 GiB: more than a CPU provider holds, so only GPU classes run it.
const GPU_ONLY: Workload = Workload::GemmI8 { m: 65_536, n: 65_536, k: 4_096 };

#[test]
fn jobs_no_offer_of_a_class_can_run_do_not_block_its_waiting_jobs() {
	build_and_execute(|| {
		assert!(!GPU_ONLY.runs_on(HardwareClass::Cpu) && GPU_ONLY.runs_on(HardwareClass::H200));
		assert!(GEMM.runs_on(HardwareClass::Cpu));
		// The attacker: twice `MaxProbes` waiting jobs at a high bid that only a GPU can run, in a
		// market whose only offers are CPUs; they wait until their deadline.
		let blockers: Vec<JobId> = (0..16).map(|_| submit(CONSUMER + 1, GPU_ONLY, 1_000)).collect();
		// An honest job a CPU can run, at a lower bid, waits too: there is no offer yet.
		let honest = submit(CONSUMER, GEMM, 20);
		assert_eq!(state(honest), JobState::Queued);
		// A CPU offer appears: it reads only the jobs its class can run, so the honest job is its.
		provider(1, HardwareClass::Cpu, 1, DE);
		assert_ok!(Market::set_offer(RuntimeOrigin::signed(1), 10, 2, true));
		assert_eq!(assigned_to(honest), Some(1));
		for id in blockers {
			assert_eq!(state(id), JobState::Queued, "job {id} waits for a GPU");
		}
	});
}

#[test]
fn offers_that_may_not_take_sensitive_jobs_do_not_block_them() {
	build_and_execute(|| {
		let he = Workload::HeLinear { rows: 64, cols: 64, batch: 8, encrypted_weights: false, second_rows: None };
		// The attacker: more than `MaxProbes` (8 here) cheap offers from providers below the
		// sensitivity threshold, ahead of every other offer in the book.
		for who in 11..=19 {
			h100_offer(who, 1, 4);
		}
		// One dearer provider is eligible.
		MockQuality::allow_sensitive(2);
		h100_offer(2, 8, 2);
		assert_eq!(Market::quote(he, 15, RegionSet::ANY, Sensitivity::High).map(|q| q.provider), Ok(2));
		let id = submit_sensitive(he, 15);
		assert_eq!(assigned_to(id), Some(2), "the high-sensitivity job reads only eligible offers");
		// A standard job still goes to the cheapest.
		assert_eq!(assigned_to(submit(CONSUMER, GEMM, 15)), Some(11));
	});
}

#[test]
fn a_provider_whose_eligibility_lapsed_leaves_the_sensitive_book_when_read() {
	build_and_execute(|| {
		let he = Workload::HeLinear { rows: 64, cols: 64, batch: 8, encrypted_weights: false, second_rows: None };
		MockQuality::allow_sensitive(1);
		h100_offer(1, 5, 2);
		assert!(SensitiveOfferLinks::<Test>::contains_key(1));
		MockQuality::revoke_sensitive(1);
		let id = submit_sensitive(he, 15);
		assert_eq!(state(id), JobState::Queued, "an offer no longer eligible takes no sensitive job");
		assert!(!SensitiveOfferLinks::<Test>::contains_key(1), "it left the sensitive book");
		assert!(OfferLinks::<Test>::contains_key(1), "and stays in the offer book");
	});
}

#[test]
fn a_waiting_job_read_past_its_deadline_leaves_the_book_and_is_refunded() {
	build_and_execute(|| {
		let stale = submit(CONSUMER, GEMM, 20);
		let deadline = Jobs::<Test>::get(stale).unwrap().spec.deadline;
		run_to_block(2);
		// Past the deadline, before the deadline queue reached the job, an offer reads it.
		System::set_block_number(deadline + 1);
		h100_offer(1, 10, 2);
		assert_eq!(state(stale), JobState::Queued);
		assert_eq!(Jobs::<Test>::get(stale).unwrap().queued_at, None, "it left the book");
		check_invariants();
		run_to_block(deadline + 3);
		assert_eq!(state(stale), JobState::Expired);
	});
}

#[test]
fn migration_v3_files_waiting_jobs_by_class_and_lists_eligible_offers_as_sensitive() {
	use crate::migrations::v3;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	build_and_execute(|| {
		// A version-2 market: a waiting job filed by region group, an eligible listed offer that
		// is not in the sensitive book.
		let waiting = submit_in(CONSUMER, GEMM, 5, RegionSet::ANY);
		MockQuality::allow_sensitive(1);
		h100_offer(1, 8, 2);
		let level = Jobs::<Test>::get(waiting).unwrap().queued_at.unwrap();
		let _ = WaitingExponents::<Test>::clear(u32::MAX, None);
		let _ = WaitingMantissas::<Test>::clear(u32::MAX, None);
		let _ = WaitingLevels::<Test>::clear(u32::MAX, None);
		let _ = WaitingLinks::<Test>::clear(u32::MAX, None);
		let (exp, mantissa) = (level / 64, level % 64);
		for group in RegionSet::ANY.iter() {
			v3::layout::WaitingExponents::<Test>::insert(group, 1u128 << exp);
			v3::layout::WaitingMantissas::<Test>::insert((group, exp as u8), 1u64 << mantissa);
			v3::layout::WaitingLevels::<Test>::insert((group, level), Ends { head: waiting, tail: waiting });
			v3::layout::WaitingLinks::<Test>::insert((group, waiting), Links::default());
		}
		let _ = SensitiveOfferExponents::<Test>::clear(u32::MAX, None);
		let _ = SensitiveOfferMantissas::<Test>::clear(u32::MAX, None);
		let _ = SensitiveOfferLevels::<Test>::clear(u32::MAX, None);
		let _ = SensitiveOfferLinks::<Test>::clear(u32::MAX, None);
		offers_as_version_3();
		StorageVersion::new(2).put::<Market>();
		assert!(Market::do_try_state().is_err(), "the old layout breaks the new invariants");

		let state_before = v3::pre_upgrade_state::<Test>();
		v3::MigrateV2ToV3::<Test>::on_runtime_upgrade();
		v3::post_upgrade_check::<Test>(state_before).expect("the migration checks pass");
		assert_eq!(Market::on_chain_storage_version(), 3);
		let state_before = crate::migrations::v4::pre_upgrade_state::<Test>();
		crate::migrations::v4::MigrateV3ToV4::<Test>::on_runtime_upgrade();
		crate::migrations::v4::post_upgrade_check::<Test>(state_before).expect("the migration checks pass");
		assert!(SensitiveOfferLinks::<Test>::contains_key(1));
		// The job waits in the bucket of every class able to run it, and is served from there.
		let job = Jobs::<Test>::get(waiting).unwrap();
		let buckets = Market::waiting_keys(&job).count();
		assert!(buckets > RegionSet::ANY.iter().count(), "more than one class per group");
		assert_eq!(WaitingLinks::<Test>::iter_keys().count(), buckets);
		provider(2, HardwareClass::Cpu, 1, DE);
		assert_ok!(Market::set_offer(RuntimeOrigin::signed(2), 5, 2, true));
		assert_eq!(assigned_to(waiting), Some(2));
	});
}

/// Rewrites every offer in the layout of versions 2 and 3 (no proven concurrency).
fn offers_as_version_3() {
	use crate::migrations::v4::{layout, V3Offer};
	let offers: Vec<_> = Offers::<Test>::iter().collect();
	for (who, o) in offers {
		layout::Offers::<Test>::insert(
			who,
			V3Offer::<Test> {
				class: o.class,
				region: o.region,
				price_per_unit: o.price_per_unit,
				max_concurrent: o.max_concurrent,
				running: o.running,
				backing: o.backing,
				available: o.available,
				listed_at: o.listed_at,
				deposit: o.deposit,
			},
		);
	}
}

#[test]
fn migration_v4_starts_every_offer_at_the_unproven_level_or_its_running_jobs() {
	use crate::migrations::v4;
	use frame_support::traits::{Get, GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	build_and_execute(|| {
		UnprovenConcurrency::set(2);
		// A version-3 market: one offer declared 8 and runs 3 (taken before capacity was
		// measured), another declared 8 and runs none.
		h100_offer(1, 8, 8);
		Offers::<Test>::mutate(1, |o| o.as_mut().unwrap().proven = 8);
		let jobs: Vec<JobId> = (0..3).map(|_| submit(CONSUMER, GEMM, 15)).collect();
		assert!(jobs.iter().all(|j| assigned_to(*j) == Some(1)));
		h100_offer(2, 9, 8);
		offers_as_version_3();
		StorageVersion::new(3).put::<Market>();

		let state_before = v4::pre_upgrade_state::<Test>();
		v4::MigrateV3ToV4::<Test>::on_runtime_upgrade();
		v4::post_upgrade_check::<Test>(state_before).expect("the migration checks pass");
		assert_eq!(Market::on_chain_storage_version(), 4);
		let (one, two) = (Offers::<Test>::get(1).unwrap(), Offers::<Test>::get(2).unwrap());
		assert_eq!((one.proven, one.running, one.max_concurrent), (3, 3, 8), "none of its jobs is taken away");
		assert!(!one.has_free_slot(), "full until it proves more");
		assert_eq!((two.proven, two.capacity()), (2, 2));
		// The running jobs still settle, and the first one proves a fourth slot.
		assert_ok!(commit_and_settle(1, jobs[0]));
		assert_eq!(Offers::<Test>::get(1).unwrap().proven, 4);
		// A second run is a no-op.
		assert_eq!(
			v4::MigrateV3ToV4::<Test>::on_runtime_upgrade(),
			<<Test as polkadot_sdk::frame_system::Config>::DbWeight as Get<polkadot_sdk::frame_support::weights::RuntimeDbWeight>>::get().reads(1)
		);
	});
}

/// Issue 17: `max_concurrent` is a claim; what an offer takes at once follows what it has shown.
/// A provider that declares 8 slots on one device gets 2 jobs at once until jobs settle while it
/// is full, one more slot each time; a missed commitment halves what it proved (not below the
/// start). Declared capacity still caps it.
#[test]
fn an_offer_takes_what_it_has_proven_not_only_what_it_declares() {
	build_and_execute(|| {
		UnprovenConcurrency::set(2);
		h100_offer(1, 10, 8);
		let offer = Offers::<Test>::get(1).unwrap();
		assert_eq!((offer.max_concurrent, offer.proven, offer.capacity()), (8, 2, 2));
		let jobs: Vec<JobId> = (0..6).map(|_| submit(CONSUMER, GEMM, 15)).collect();
		let on_1 = |jobs: &[JobId]| jobs.iter().filter(|j| assigned_to(**j) == Some(1)).count();
		assert_eq!(on_1(&jobs), 2, "two at once, whatever it declared");
		assert_eq!(state(jobs[2]), JobState::Queued);
		// A job settles while the offer was full: it proved 3, and takes two of the waiting jobs.
		assert_ok!(commit_and_settle(1, jobs[0]));
		assert!(market_events().contains(&Event::CapacityMeasured { provider: 1, proven: 3, capacity: 3 }));
		assert_eq!(Offers::<Test>::get(1).unwrap().running, 3);
		assert_eq!(on_1(&jobs[1..]), 3);
		// Settling while full again and again: 4, 5 — then the book runs dry.
		assert_ok!(commit_and_settle(1, jobs[1]));
		assert_ok!(commit_and_settle(1, jobs[2]));
		let offer = Offers::<Test>::get(1).unwrap();
		assert_eq!((offer.proven, offer.running), (5, 3), "the last waiting job is running");
		// Settling below its proven level proves nothing new.
		assert_ok!(commit_and_settle(1, jobs[3]));
		assert_eq!(Offers::<Test>::get(1).unwrap().proven, 5);
		// A missed commitment halves it, never below the start; and suspends the offer.
		ack(1, jobs[4]);
		run_to_block(30);
		let offer = Offers::<Test>::get(1).unwrap();
		assert!(market_events().iter().any(|e| matches!(e, Event::CommitMissed { job, .. } if *job == jobs[4])));
		assert_eq!(offer.proven, 2, "5 / 2 = 2");
		assert!(!offer.available);
		check_invariants();
	});
}

#[test]
fn proven_capacity_never_exceeds_what_the_offer_declares() {
	build_and_execute(|| {
		UnprovenConcurrency::set(1);
		h100_offer(1, 10, 2);
		for _ in 0..6 {
			let job = submit(CONSUMER, GEMM, 15);
			assert_eq!(assigned_to(job), Some(1));
			assert_ok!(commit_and_settle(1, job));
		}
		assert_eq!(Offers::<Test>::get(1).unwrap().proven, 2, "declared 2: proven stops there");
		let jobs: Vec<JobId> = (0..3).map(|_| submit(CONSUMER, GEMM, 15)).collect();
		assert_eq!(state(jobs[2]), JobState::Queued, "two at once");
		for job in &jobs {
			assert_ok!(commit_and_settle(1, *job));
		}
		assert_eq!(Offers::<Test>::get(1).unwrap().proven, 2);
		// Declaring fewer lowers the capacity at once; the proof is kept for when it declares more.
		assert_ok!(Market::set_offer(RuntimeOrigin::signed(1), 10, 1, true));
		let offer = Offers::<Test>::get(1).unwrap();
		assert_eq!((offer.proven, offer.capacity()), (2, 1));
	});
}

/// 4096 × 4096 × 7168 int8: 121 compute units (size tier 7: 65 to 128 units).
const GEMM_121: Workload = Workload::GemmI8 { m: 4096, n: 4096, k: 7168 };
/// 4096 × 4096 × 8192 int8: 138 compute units (size tier 8).
const GEMM_138: Workload = Workload::GemmI8 { m: 4096, n: 4096, k: 8192 };

/// Issue 17, matching blockers beyond stake: an attacker fills the top of the waiting book with
/// high bids for jobs worth more than a provider's free stake. Before size tiers, every probe of
/// the provider's search read them and passed over them, and the job it could take waited. Now
/// the search reads only the tiers its stake reaches: one probe for the tier it may not fit, none
/// for the tiers beyond.
#[test]
fn jobs_too_large_for_an_offer_s_stake_do_not_delay_the_jobs_it_can_take() {
	build_and_execute(|| {
		const ATTACKER: AccountId = 11;
		assert_eq!(size_tier(Workload::compute_units(&GEMM_121).unwrap()), 7);
		assert_eq!(size_tier(Workload::compute_units(&GEMM_138).unwrap()), 8);
		// MaxProbes (8) jobs in the tier just above what the offer's stake covers, and MaxProbes
		// beyond, all bidding more than the job the offer can take.
		let blockers: Vec<JobId> = (0..16)
			.map(|i| submit(ATTACKER, if i % 2 == 0 { GEMM_121 } else { GEMM_138 }, 50))
			.collect();
		let victim = submit(CONSUMER, GEMM, 20);
		assert_eq!(state(victim), JobState::Queued, "no offer yet");
		// 1,000 bonded at 10 a unit: 100 units fit, tiers 0 to 6 entirely; a 121-unit job does not.
		h100_offer(1, 10, 16);
		assert_eq!(assigned_to(victim), Some(1), "served past the jobs it cannot back");
		assert!(blockers.iter().all(|j| state(*j) == JobState::Queued));
		// The blockers wait for a provider with the stake: 2 devices and 100,000 bonded.
		provider(2, HardwareClass::H100, 2, DE);
		assert_ok!(Providers::bond(RuntimeOrigin::signed(2), 100_000));
		assert_ok!(Market::set_offer(RuntimeOrigin::signed(2), 10, 16, true));
		let taken = || blockers.iter().filter(|j| assigned_to(**j) == Some(2)).count();
		assert_eq!(taken(), 8, "one search reads MaxProbes (8) jobs");
		assert_ok!(Market::take_waiting_jobs(RuntimeOrigin::signed(2)));
		assert_eq!(taken(), 16);
		check_invariants();
	});
}

/// The tiers an offer reads shrink as its jobs take its stake: a job it could back alone but not
/// next to the ones it just took waits, and is taken when stake frees up.
#[test]
fn an_offer_stops_reading_a_tier_once_its_stake_no_longer_covers_it() {
	build_and_execute(|| {
		// 1,000 at 10 a unit: one 69-unit job (690), then 310 free: 31 units.
		let big: Vec<JobId> = (0..2).map(|_| submit(CONSUMER, Workload::GemmI8 { m: 4096, n: 4096, k: 4096 }, 30)).collect();
		let small = submit(CONSUMER, GEMM, 20);
		h100_offer(1, 10, 16);
		assert_eq!(assigned_to(big[0]), Some(1));
		assert_eq!(state(big[1]), JobState::Queued, "690 + 690 > 1,000");
		assert_eq!(assigned_to(small), Some(1), "9 units still fit the 310 left");
		assert_ok!(commit_and_settle(1, big[0]));
		assert_eq!(assigned_to(big[1]), Some(1));
	});
}

/// Issue 17, matching blockers on the offer side: offers too small for a job come first in the
/// book, so its search at submission passes over them and the job waits while an offer that could
/// run it is idle. The idle offer's provider pulls it with `take_waiting_jobs` (its worker does so
/// when a job it could run is queued).
#[test]
fn offers_too_small_for_a_job_cannot_keep_it_from_an_idle_offer() {
	build_and_execute(|| {
		// The honest offer: 5,000 bonded at 9 a unit covers 555 units.
		provider(1, HardwareClass::H100, 1, DE);
		assert_ok!(Providers::bond(RuntimeOrigin::signed(1), 4_000));
		assert_ok!(Market::set_offer(RuntimeOrigin::signed(1), 9, 4, true));
		// MaxProbes (8) cheaper offers on the minimum bond: 1,000 at 5 a unit covers 200 units.
		for who in 11..=18 {
			h100_offer(who, 5, 4);
		}
		let job = submit(CONSUMER, Workload::GemmI8 { m: 8192, n: 8192, k: 4096 }, 20);
		assert_eq!(Jobs::<Test>::get(job).unwrap().units, 275);
		assert_eq!(state(job), JobState::Queued, "every probe passed over an offer too small");
		assert!(market_events().contains(&Event::JobQueued { job }));
		// The idle provider pulls it.
		assert_ok!(Market::take_waiting_jobs(RuntimeOrigin::signed(1)));
		assert_eq!(assigned_to(job), Some(1));
		// Pulling needs a listed offer.
		assert_noop!(Market::take_waiting_jobs(RuntimeOrigin::signed(19)), Error::<Test>::NoOffer);
		assert_ok!(Market::set_offer(RuntimeOrigin::signed(11), 5, 4, false));
		assert_noop!(Market::take_waiting_jobs(RuntimeOrigin::signed(11)), Error::<Test>::NotListed);
		check_invariants();
	});
}

#[test]
fn size_tiers_hold_every_job_their_offers_read() {
	for units in [1u64, 2, 3, 4, 5, 9, 16, 17, 121, 128, 129, u64::MAX] {
		let tier = size_tier(units);
		assert!(units <= 1u64.checked_shl(tier as u32).unwrap_or(u64::MAX), "{units} in tier {tier}");
		assert!(tier == 0 || units > 1u64 << (tier - 1), "{units} above tier {}", tier - 1);
	}
	// An offer covering `c` units takes every job of tiers up to ⌊log₂ c⌋.
	for capacity in [1u64, 2, 3, 100, 128, 1 << 40] {
		let tier = fitting_tier(capacity).unwrap();
		assert!(1u64 << tier <= capacity && (tier == 63 || 1u64 << (tier + 1) > capacity));
	}
	assert_eq!(fitting_tier(0), None);
}

#[test]
fn migration_v5_files_every_waiting_job_in_its_size_tier() {
	use crate::migrations::v5;
	use frame_support::traits::{Get, GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	build_and_execute(|| {
		// A version-4 market: two waiting jobs of different sizes, filed without tiers.
		let jobs = [submit(CONSUMER, GEMM, 20), submit(CONSUMER, GEMM_121, 30)];
		let entries = WaitingLinks::<Test>::iter_keys().collect::<Vec<_>>();
		let _ = WaitingExponents::<Test>::clear(u32::MAX, None);
		let _ = WaitingMantissas::<Test>::clear(u32::MAX, None);
		let _ = WaitingLevels::<Test>::clear(u32::MAX, None);
		let _ = WaitingLinks::<Test>::clear(u32::MAX, None);
		let _ = WaitingTiers::<Test>::clear(u32::MAX, None);
		let mut old_entries = 0;
		for key in entries {
			let ((class, group, clearance, _), id) = key;
			let level = Jobs::<Test>::get(id).unwrap().queued_at.unwrap();
			let (exp, mantissa) = (level / 64, level % 64);
			let bucket = (class, group, clearance);
			v5::layout::WaitingExponents::<Test>::mutate(bucket, |b| *b |= 1u128 << exp);
			v5::layout::WaitingMantissas::<Test>::mutate((bucket, exp as u8), |b| *b |= 1u64 << mantissa);
			v5::layout::WaitingLevels::<Test>::insert((bucket, level), Ends { head: id, tail: id });
			v5::layout::WaitingLinks::<Test>::insert((bucket, id), Links::default());
			old_entries += 1;
		}
		// The old entries share the new maps' prefixes: they are all that version 4 left.
		assert_eq!(v5::layout::WaitingLinks::<Test>::iter_keys().count(), old_entries);
		StorageVersion::new(4).put::<Market>();
		assert!(Market::do_try_state().is_err(), "the old layout breaks the new invariants");

		let state_before = v5::pre_upgrade_state::<Test>();
		v5::MigrateV4ToV5::<Test>::on_runtime_upgrade();
		v5::post_upgrade_check::<Test>(state_before).expect("the migration checks pass");
		assert_eq!(Market::on_chain_storage_version(), 5);
		// Only the new buckets are left: one entry per job and bucket, each in the job's tier.
		let mut filed = 0;
		for id in jobs {
			let job = Jobs::<Test>::get(id).unwrap();
			assert!(Market::waiting_keys(&job).all(|key| key.3 == size_tier(job.units)));
			filed += Market::waiting_keys(&job).count();
		}
		assert_eq!(WaitingLinks::<Test>::iter_keys().count(), filed);
		// And they are served from there.
		h100_offer(1, 10, 16);
		assert_eq!(assigned_to(jobs[0]), Some(1));
		assert_eq!(state(jobs[1]), JobState::Queued, "121 units do not fit 1,000 at 10");
		// A second run is a no-op.
		assert_eq!(
			v5::MigrateV4ToV5::<Test>::on_runtime_upgrade(),
			<<Test as polkadot_sdk::frame_system::Config>::DbWeight as Get<polkadot_sdk::frame_support::weights::RuntimeDbWeight>>::get().reads(1)
		);
	});
}
