//! The adversarial suite: each test performs one attack on the audit against the real provider,
//! quality, market and audit pallets, next to the honest control, and shows that the attack
//! fails or loses the attacker money. Every test ends with every pallet's invariants and the
//! issuance check (`build_and_execute`).

use crate::{mock::*, *};
use compnet_primitives::{RegionSet, Sensitivity, Workload};
use codec::Encode;
use frame_support::{assert_noop, assert_ok, traits::{fungible::{Inspect, InspectHold}, Get}};
use pallet_market::{JobState, Jobs};
use pallet_providers::SlashReason;
use polkadot_sdk::{frame_support, frame_system::RawOrigin};

fn record(job: JobId) -> AuditRecord<Test> {
	Audits::<Test>::get(job).expect("record exists")
}

fn decision(job: JobId) -> Option<Decision> {
	record(job).decision
}

fn live_auditors(job: JobId) -> Vec<AccountId> {
	record(job).live_auditors().map(|p| p.who).collect()
}

fn pending(job: JobId) -> Vec<AccountId> {
	record(job).live_auditors().filter(|p| p.commitment.is_none()).map(|p| p.who).collect()
}

/// Everything `who` owns: free and held (stake, deposits, escrow).
fn wealth(who: AccountId) -> Balance {
	Balances::total_balance(&who)
}

fn escrow_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Market(pallet_market::HoldReason::Escrow), &who)
}

/// A job for `consumer` assigned to provider 1 and committed with `root`; audited, since there
/// is no randomness. Returns the job.
fn committed(consumer: AccountId, root: ResultRoot) -> JobId {
	RandomnessAvailable::set(false);
	let (job, assigned) = submit(consumer, 20);
	assert_eq!(assigned, Some(1));
	assert_ok!(commit(1, job, root));
	job
}

/// Hole 1: ~100,000 cheap registrations filled the draw index, so that most draws found nobody.
/// Registration now holds a deposit, and only bonded, active providers are in the index: the
/// Sybils lock capital and are never drawn; every audit finds a real auditor at its first draw.
#[test]
fn sybil_registrations_neither_empty_the_draw_nor_come_free() {
	build_and_execute(|| {
		provider(1, 1, 9, 16);
		for who in 2..=4 {
			provider(who, who, 10, 8);
		}
		let attacker_before: Balance = (100..300).map(wealth).sum();
		for sybil in 100..300u64 {
			assert_ok!(Providers::register(RuntimeOrigin::signed(sybil), profile(HardwareClass::H100, sybil)));
		}
		// 200 deposits locked: the attack has a price, returned only when the Sybils leave.
		let locked: Balance = (100..300).map(|who| Balances::total_balance_on_hold(&who)).sum();
		assert_eq!(locked, 200 * REGISTRATION_DEPOSIT);
		assert_eq!((100..300).map(wealth).sum::<Balance>(), attacker_before, "held, not free");
		assert_eq!(<Providers as pallet_providers::ProviderRegistry<_>>::class_size(HardwareClass::H100), 4);
		for _ in 0..10 {
			let job = committed(CONSUMER, right(job_id()));
			run_blocks(2);
			let auditors = live_auditors(job);
			assert_eq!(auditors.len(), 1, "drawn at the first attempt");
			assert!((2..=4).contains(&auditors[0]), "only bonded providers are drawn");
			assert_eq!(record(job).attempts, 1);
			assert_ok!(commit(auditors[0], job, right(job)));
			assert_ok!(reveal(1, job, right(job)));
			assert_ok!(reveal(auditors[0], job, right(job)));
			assert_eq!(decision(job), Some(Decision::Agreed));
		}
	});
}

fn job_id() -> JobId {
	pallet_market::NextJobId::<Test>::get()
}

/// Hole 1: the draw read 16 consecutive slots from one random start, so an account placed after
/// 15 inactive ones was drawn about 16 times as often. Each probe is now an independent uniform
/// slot over the active providers only: the attacker gets its fair share.
#[test]
fn an_account_behind_inactive_ones_is_drawn_no_more_often_than_any_other() {
	build_and_execute(|| {
		provider(1, 1, 9, 8);
		// 15 registered, unbonded accounts, then the attacker, then 9 honest providers.
		for who in 100..115u64 {
			assert_ok!(Providers::register(RuntimeOrigin::signed(who), profile(HardwareClass::H100, who)));
		}
		let attacker = 200;
		provider(attacker, attacker, 10, 8);
		for who in 2..=10 {
			provider(who, who, 10, 8);
		}
		let job = committed(CONSUMER, right(job_id()));
		let mut base = record(job);
		base.target = 1;
		let draws = 4_000u32;
		let mut picked = std::collections::BTreeMap::<AccountId, u32>::new();
		for i in 0..draws {
			let mut rec = base.clone();
			let seed = polkadot_sdk::sp_crypto_hashing::blake2_256(&i.to_le_bytes());
			assert_eq!(Audit::draw_auditors(job, &mut rec, &seed, 1, System::block_number()), 1);
			*picked.entry(rec.parties[1].who).or_default() += 1;
		}
		assert_eq!(picked.len(), 10, "every active provider but the job's own is drawn");
		assert!(!picked.keys().any(|who| (100..115).contains(who)), "inactive accounts never are");
		// Uniform over 10: 400 each; a 16-fold bias would give the attacker about 2,500.
		let share = picked[&attacker];
		assert!((300..=500).contains(&share), "the attacker was drawn {share} times of {draws}");
		for (who, n) in &picked {
			assert!((300..=500).contains(n), "{who} drawn {n} times");
		}
	});
}

/// Hole 1: a drawn auditor that stays away let the result stand unaudited, and cost it 0.1% of a
/// minimum stake. Now its place is drawn again: bribing it to stay away only delays the audit,
/// which still catches the wrong result; the cheater and the absent auditor both lose stake.
#[test]
fn a_bribed_auditor_that_stays_away_is_replaced_and_the_cheat_still_caught() {
	build_and_execute(|| {
		provider(1, 1, 9, 8);
		let bribed = 2;
		provider(bribed, bribed, 10, 8);
		// The honest providers are away at the first draw: the bribed auditor is drawn.
		for who in 3..=6 {
			provider(who, who, 10, 8);
			assert_ok!(Providers::pause(RuntimeOrigin::signed(who)));
		}
		let attackers_before = wealth(1) + wealth(bribed);
		let consumer_before = wealth(CONSUMER);
		let wrong = ResultRoot::repeat_byte(0xee);
		let job = committed(CONSUMER, wrong);
		run_blocks(2);
		assert_eq!(live_auditors(job), vec![bribed]);
		for who in 3..=6 {
			assert_ok!(Providers::resume(RuntimeOrigin::signed(who)));
		}
		// The bribed auditor never commits: slashed at the end of its window, and replaced.
		let commit_by = record(job).parties[1].commit_by;
		run_to(commit_by + 1);
		assert_eq!(record(job).parties[1].left, Some(Left::MissedCommit));
		assert!(record(job).parties[1].slashed > 0);
		// Drawn from the randomness of the blocks after it left: the absent auditor could not
		// know whom its absence would bring in.
		run_blocks(2);
		let replacement = pending(job);
		assert_eq!(replacement.len(), 1);
		assert!((3..=6).contains(&replacement[0]));
		assert_ok!(commit(replacement[0], job, right(job)));
		assert_ok!(reveal(1, job, wrong));
		assert_ok!(reveal(replacement[0], job, right(job)));
		// Disagreement: the dispute adds two more honest auditors and convicts.
		run_blocks(2);
		for who in pending(job) {
			assert_ok!(commit(who, job, right(job)));
		}
		for who in live_auditors(job).into_iter().filter(|w| *w != replacement[0]) {
			assert_ok!(reveal(who, job, right(job)));
		}
		assert_eq!(decision(job), Some(Decision::Overturned));
		assert_eq!(Jobs::<Test>::get(job).unwrap().state, JobState::Refunded);
		// The attack cost both attackers stake and earned nothing.
		let provider_slash = record(job).parties[0].slashed;
		let bribe_slash = record(job).parties[1].slashed;
		assert!(provider_slash > 0 && bribe_slash > 0);
		assert_eq!(wealth(1) + wealth(bribed), attackers_before - provider_slash - bribe_slash);
		// The consumer paid only the honest auditors.
		let audit_paid: Balance = record(job).parties.iter().map(|p| p.paid).sum();
		assert!(audit_paid > 0);
		assert_eq!(wealth(CONSUMER), consumer_before - audit_paid);
	});
}

/// Hole 1: with no auditor to be drawn, the decision was "unaudited" and the provider was paid.
/// Now the draw is retried, and an audit that cannot be staffed ends unverifiable: nothing is
/// paid for the result, the consumer gets everything back, and nobody is slashed for it.
#[test]
fn with_nobody_to_audit_a_result_is_never_paid() {
	build_and_execute(|| {
		// Provider 1 and two more machines of its own operator: none may audit it.
		provider(1, 1, 9, 8);
		provider(2, 1, 10, 8);
		provider(3, 1, 10, 8);
		assert_ok!(Providers::accept_provider(RuntimeOrigin::signed(1), 2));
		assert_ok!(Providers::accept_provider(RuntimeOrigin::signed(1), 3));
		let provider_before = wealth(1);
		let consumer_before = wealth(CONSUMER);
		let job = committed(CONSUMER, right(job_id()));
		run_blocks(2);
		assert!(audit_events().contains(&Event::AuditUnderstaffed { job, missing: 1, attempt: 1 }));
		assert!(matches!(record(job).phase, Phase::Committing { .. }), "drawn again later, not waived");
		// Four draws, three blocks apart, then the audit ends unverifiable.
		run_blocks(3 * 3);
		assert_eq!(record(job).attempts, 4);
		assert_eq!(decision(job), Some(Decision::Unverifiable));
		assert_eq!(Jobs::<Test>::get(job).unwrap().state, JobState::Refunded);
		assert_eq!(wealth(1), provider_before, "not paid, not slashed");
		assert_eq!(escrow_held(CONSUMER), 0);
		assert_eq!(wealth(CONSUMER), consumer_before, "the consumer got everything back");
		assert_eq!(Totals::<Test>::get().unverifiable, 1);
		// Control: an auditor of another operator appears, and the next job is verified and paid.
		provider(4, 4, 10, 8);
		let job = committed(CONSUMER, right(job_id()));
		run_blocks(2);
		assert_ok!(commit(4, job, right(job)));
		assert_ok!(reveal(1, job, right(job)));
		assert_ok!(reveal(4, job, right(job)));
		assert_eq!(decision(job), Some(Decision::Agreed));
		assert!(wealth(1) > provider_before);
	});
}

/// Hole 1: a job longer than the audit's fixed commit window could never be re-executed in time.
/// Every auditor's window now grows with the job's compute time on its own class.
#[test]
fn a_long_job_gives_every_auditor_time_to_rerun_it_on_its_hardware() {
	build_and_execute(|| {
		// 2^48 MACs: 281,475 units, 282 blocks on an H100, 880 on an A100.
		let big = Workload::GemmI8 { m: 65_536, n: 65_536, k: 65_536 };
		provider(1, 1, 1, 8);
		// Stake to back the 281,475 the job is worth.
		assert_ok!(Providers::bond(RuntimeOrigin::signed(1), 300_000));
		assert_ok!(Market::set_offer(RuntimeOrigin::signed(1), 1, 8, true));
		for who in 2..=6u64 {
			assert_ok!(Providers::register(RuntimeOrigin::signed(who), profile(HardwareClass::A100, who)));
			assert_ok!(Providers::bond(RuntimeOrigin::signed(who), Providers::min_stake(320)));
		}
		RandomnessAvailable::set(false);
		let job = job_id();
		assert_ok!(Market::submit_job(
			RuntimeOrigin::signed(CONSUMER),
			big,
			1,
			System::block_number() + 500,
			RegionSet::ANY,
			Sensitivity::Standard,
			ResultRoot::repeat_byte(1)
		));
		assert_ok!(Market::acknowledge_input(RuntimeOrigin::signed(1), job));
		let JobState::Running { commit_by, .. } = Jobs::<Test>::get(job).unwrap().state else { panic!("running") };
		assert_eq!(commit_by, System::block_number() + 10 + 2 * 282);
		run_to(commit_by - 10);
		assert_ok!(commit(1, job, right(job)));
		run_blocks(2);
		// The committee comes from the A100s, though the provider runs H100s: any class that can
		// run the job can audit it. Each has 10 blocks plus twice its 880-block compute.
		let drawn_at = System::block_number();
		let committee = pending(job);
		assert_eq!(committee.len(), 5, "a payment of 281,475 needs the largest committee");
		for party in record(job).parties.iter().skip(1) {
			assert_eq!(party.commit_by, drawn_at + 10 + 2 * 880);
		}
		run_to(drawn_at + 1_500);
		for who in &committee {
			assert_ok!(commit(*who, job, right(job)));
		}
		assert_ok!(reveal(1, job, right(job)));
		for who in &committee {
			assert_ok!(reveal(*who, job, right(job)));
		}
		assert_eq!(decision(job), Some(Decision::Agreed));
	});
}

/// Hole 2: a provider that answered auditors with 404 got them slashed and its own result
/// unaudited. An auditor that cannot get the input now says so, is excused without a slash and
/// replaced; when nobody can get it, the result is unverifiable and not paid: withholding gains
/// the provider nothing.
#[test]
fn a_provider_that_withholds_the_input_from_auditors_gains_nothing() {
	build_and_execute(|| {
		provider(1, 1, 9, 8);
		for who in 2..=4 {
			provider(who, who, 10, 8);
		}
		let auditors_before: Vec<Balance> = (2..=4).map(wealth).collect();
		let provider_before = wealth(1);
		let consumer_before = wealth(CONSUMER);
		let wrong = ResultRoot::repeat_byte(0xee);
		let job = committed(CONSUMER, wrong);
		run_blocks(2);
		// Every auditor drawn finds the input nowhere and says so; each is replaced from the
		// randomness of the blocks after its report.
		let mut excused = Vec::new();
		while let Some(auditor) = pending(job).first().copied() {
			assert_ok!(Audit::report_input_unavailable(RuntimeOrigin::signed(auditor), job));
			assert!(audit_events().contains(&Event::InputUnavailable { job, auditor }));
			excused.push(auditor);
			run_blocks(2);
		}
		excused.sort();
		assert_eq!(excused, vec![2, 3, 4]);
		run_blocks(3 * 3);
		assert_eq!(decision(job), Some(Decision::Unverifiable));
		assert_eq!(Jobs::<Test>::get(job).unwrap().state, JobState::Refunded);
		// No auditor lost anything; the provider was not paid; the consumer got everything back.
		assert_eq!((2..=4).map(wealth).collect::<Vec<_>>(), auditors_before);
		assert_eq!(wealth(1), provider_before);
		assert_eq!(wealth(CONSUMER), consumer_before);
		// An excused auditor cannot come back to commit (it could have copied nothing anyway).
		assert_noop!(commit(excused[0], job, right(job)), Error::<Test>::NotExpectedToCommit);

		// Control: the input is available, the auditor computes, and the honest result is paid.
		let job = committed(CONSUMER, right(job_id()));
		run_blocks(2);
		let auditor = pending(job)[0];
		assert_ok!(commit(auditor, job, right(job)));
		assert_ok!(reveal(1, job, right(job)));
		assert_ok!(reveal(auditor, job, right(job)));
		assert_eq!(decision(job), Some(Decision::Agreed));
		assert!(wealth(1) > provider_before);
	});
}

/// Hole 3: a consumer that never uploaded the input got the provider slashed, its stability
/// score lowered and its offer taken out of the book, and the job moved on to more victims. Now
/// the commit clock starts only with the provider's acknowledgement of the input: the provider
/// loses nothing, the job ends, and the griefing consumer pays its deposit.
#[test]
fn a_consumer_that_never_uploads_pays_for_it_and_harms_no_provider() {
	build_and_execute(|| {
		provider(1, 1, 9, 1);
		provider(2, 2, 10, 1);
		let griefer = CONSUMER + 1;
		let griefer_before = wealth(griefer);
		let victim_before = wealth(1);
		let score_before = Quality::score(&1);
		let (job, assigned) = submit(griefer, 20);
		assert_eq!(assigned, Some(1));
		// No upload: the provider never acknowledges, and the input window closes.
		run_blocks(6);
		assert!(System::events().iter().any(|r| r.event ==
			RuntimeEvent::Market(pallet_market::Event::InputMissing { job, provider: 1, deposit_burnt: JOB_DEPOSIT })));
		assert_eq!(Jobs::<Test>::get(job).unwrap().state, JobState::Refunded);
		// The victim: no slash, the same score, still in the book with its slot free.
		assert_eq!(wealth(1), victim_before);
		assert_eq!(Quality::score(&1), score_before);
		let offer = pallet_market::Offers::<Test>::get(1).unwrap();
		assert!(offer.available && offer.running == 0 && offer.listed_at.is_some());
		// Nobody else was made to wait for it: the job was not passed on.
		assert!(!System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Market(pallet_market::Event::JobAssigned { job: j, provider: 2, .. }) if j == job
		)));
		// The griefer: its deposit is gone, the rest came back. Griefing costs the griefer more
		// than the victim (a deposit against nothing at stake).
		assert_eq!(wealth(griefer), griefer_before - JOB_DEPOSIT);
		assert!(!System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Providers(pallet_providers::Event::Slashed { reason: SlashReason::MissedDeadline, .. })
		)));
		// Control: the input arrives, and the same provider runs, commits and is paid.
		let (job, _) = submit(CONSUMER, 20);
		assert_ok!(Market::acknowledge_input(RuntimeOrigin::signed(1), job));
		assert!(matches!(Jobs::<Test>::get(job).unwrap().state, JobState::Running { .. }));
	});
}

/// Hole 3: a job too long for the commit window cost its provider a slash. It is now refused.
#[test]
fn a_job_no_hardware_can_finish_in_time_is_refused_at_submission() {
	build_and_execute(|| {
		provider(1, 1, 9, 8);
		let huge = Workload::TrainMlp { input: 65_536, hidden: 4_096, output: 10, batch: 1_024, steps: 100_000 };
		assert_noop!(
			Market::submit_job(
				RuntimeOrigin::signed(CONSUMER),
				huge,
				1,
				System::block_number() + 100,
				RegionSet::ANY,
				Sensitivity::Standard,
				ResultRoot::repeat_byte(1)
			),
			pallet_market::Error::<Test>::TooLong
		);
	});
}

/// Hole 4: `schedule` dropped deadlines silently when a block's list was full. Six hundred
/// commitments in one block are all drawn, through the hook alone.
#[test]
fn no_audit_deadline_is_dropped_when_many_fall_in_one_block() {
	build_and_execute(|| {
		for who in 1..=12 {
			provider(who, who, 10, 64);
		}
		let jobs: Vec<JobId> = (0..600).map(|i| {
			let (job, provider) = submit(CONSUMER + i % 10, 20);
			assert_ok!(commit(provider.expect("matched"), job, right(job)));
			job
		}).collect();
		run_blocks(2);
		assert!(jobs.iter().all(|job| !matches!(record(*job).phase, Phase::Drawing { .. })), "every draw happened");
	});
}

/// Canaries are bounded and cannot be left in storage for ever.
#[test]
fn canaries_are_bounded_and_expire() {
	build_and_execute(|| {
		let root = || RawOrigin::Root.into();
		let seal = |bytes: &[u8]| -> frame_support::BoundedVec<(H256, H256), <Test as crate::Config>::MaxCanaries> {
			bytes.iter().map(|b| (H256::repeat_byte(*b), H256::zero())).collect::<Vec<_>>().try_into().unwrap()
		};
		assert_ok!(Audit::seal_canaries(root(), seal(&[0, 1, 2, 3, 4, 5])));
		assert_noop!(Audit::seal_canaries(root(), seal(&[6, 7, 8])), Error::<Test>::TooManyCanaries);
		assert_noop!(Audit::seal_canaries(root(), seal(&[6, 0])), Error::<Test>::CanaryExists);
		assert_ok!(Audit::seal_canaries(root(), seal(&[6, 7])));
		assert_noop!(Audit::remove_canary(RuntimeOrigin::signed(5), H256::repeat_byte(0)), Error::<Test>::CanaryNotExpired);
		System::set_block_number(101);
		let info = Audit::remove_canary(RuntimeOrigin::signed(5), H256::repeat_byte(0)).unwrap();
		assert_eq!(info.pays_fee, frame_support::dispatch::Pays::No);
		assert_eq!(Canaries::<Test>::count(), 7);
		assert_ok!(Audit::seal_canaries(root(), seal(&[9])));
	});
}

/// The committee grows with the payment: bribing one auditor is not enough to pass a wrong result
/// worth more than one auditor's stake at risk.
#[test]
fn the_committee_grows_with_the_value_at_stake() {
	// 10% of a 1,000 minimum stake: 100 at risk per auditor.
	assert_eq!(verify::committee_size(81, 100, 1, 5), 1);
	assert_eq!(verify::committee_size(101, 100, 1, 5), 3, "two are needed, and committees are odd");
	assert_eq!(verify::committee_size(300, 100, 1, 5), 3);
	assert_eq!(verify::committee_size(301, 100, 1, 5), 5);
	assert_eq!(verify::committee_size(u128::MAX, 100, 1, 5), 5, "capped");
	assert_eq!(verify::committee_size(0, 0, 1, 5), 5, "no stake at risk: the largest committee");
	build_and_execute(|| {
		provider(1, 1, 50, 8);
		for who in 2..=7 {
			provider(who, who, 60, 8);
		}
		// 50 × 9 units = 450 to the provider: five auditors must be bribed to pass a wrong root.
		let (job, _) = submit(CONSUMER, 60);
		RandomnessAvailable::set(false);
		assert_ok!(commit(1, job, right(job)));
		run_blocks(2);
		assert_eq!(record(job).target, 5);
		assert_eq!(live_auditors(job).len(), 5);
	});
}

// Issue 17: attackers with money, several accounts or a validator seat.

/// A provider caught by its auditor (who revealed the right root) runs the decision: the dispute
/// opens at its own reveal, which it may put in any block of the reveal window.
struct CaughtInDispute {
	/// The dispute auditors drawn.
	drawn: Vec<AccountId>,
}

/// Provider 1 commits to a wrong root; providers 2 to `last` (each its own operator) can audit
/// it. Two blocks later the first auditor is drawn. Returns the job, the wrong root and that
/// auditor.
fn wrong_result_before_auditors(last: AccountId) -> (JobId, ResultRoot, AccountId) {
	provider(1, 1, 9, 8);
	for who in 2..=last {
		provider(who, who, 10, 8);
	}
	let wrong = ResultRoot::repeat_byte(0xee);
	let job = committed(CONSUMER, wrong);
	run_blocks(2);
	(job, wrong, pending(job)[0])
}

/// Plays issue 17's dispute-timing attack: the caught provider reveals `delay` blocks into the
/// reveal window, then the dispute committee is drawn.
fn caught_provider_reveals_after(delay: u64) -> CaughtInDispute {
	let mut drawn = Vec::new();
	build_and_execute(|| {
		let (job, wrong, auditor) = wrong_result_before_auditors(12);
		// From here on every block records its author's randomness, as on the real chain.
		RandomnessAvailable::set(true);
		assert_ok!(commit(auditor, job, right(job)));
		assert_ok!(reveal(auditor, job, right(job)));
		run_blocks(delay);
		assert_ok!(reveal(1, job, wrong));
		assert!(audit_events().contains(&Event::DisputeOpened { job, added: 2 }));
		run_blocks(3);
		drawn = pending(job);
		assert_eq!(drawn.len(), 2);
	});
	CaughtInDispute { drawn }
}

/// Hole 1 of issue 17: the last reveal triggered the dispute draw, seeded from its parent block,
/// so a caught provider could pick the block whose draw suited it. The dispute's seed now comes
/// from the blocks right after the reveals opened: whichever block the provider reveals in, the
/// same auditors are drawn.
#[test]
fn a_caught_provider_cannot_pick_its_dispute_committee_by_timing_its_reveal() {
	let reference = caught_provider_reveals_after(0).drawn;
	for delay in 1..=4 {
		assert_eq!(caught_provider_reveals_after(delay).drawn, reference, "revealing {delay} blocks later");
	}
}

/// Hole 1 of issue 17: a 2–2 tie (the provider's vote and one colluder against two honest
/// auditors) was inconclusive, so one colluder saved a cheater. The provider has no vote now and
/// committees stay odd: the honest majority convicts, and both the cheater and the colluder pay.
#[test]
fn one_colluding_dispute_auditor_cannot_save_a_cheater() {
	build_and_execute(|| {
		let (job, wrong, first) = wrong_result_before_auditors(4);
		// Of the two providers left for the dispute, one is the cheater's accomplice.
		let colluder = (2..=4).find(|w| *w != first).unwrap();
		let before = (wealth(1), wealth(colluder));
		assert_ok!(commit(first, job, right(job)));
		assert_ok!(reveal(1, job, wrong));
		assert_ok!(reveal(first, job, right(job)));
		run_blocks(2);
		let dispute = pending(job);
		assert_eq!(dispute.len(), 2);
		assert!(dispute.contains(&colluder));
		for who in &dispute {
			let root = if *who == colluder { wrong } else { right(job) };
			assert_ok!(commit(*who, job, root));
		}
		for who in &dispute {
			let root = if *who == colluder { wrong } else { right(job) };
			assert_ok!(reveal(*who, job, root));
		}
		// Two wrong votes (the provider's and the colluder's) against two right ones: once a tie,
		// now two of three auditors.
		assert_eq!(decision(job), Some(Decision::Overturned));
		assert_eq!(Jobs::<Test>::get(job).unwrap().state, JobState::Refunded);
		assert!(wealth(1) < before.0, "the cheater lost stake");
		assert!(wealth(colluder) < before.1, "the colluder lost stake");
		let committee = record(job).live_auditors().count();
		assert_eq!(committee % 2, 1, "an odd committee: {committee}");
	});
}

/// Hole 6 of issue 17: a block author knew its own VRF output ahead of time, and the draw used
/// one block's output, so a validator that is also a provider could know the draw when it
/// committed. The seed now needs the outputs of the `SeedBlocks` blocks after the commitment: it
/// does not exist when the provider commits, and every one of those blocks' authors changes it.
#[test]
fn a_block_author_cannot_know_the_draw_when_it_commits() {
	build_and_execute(|| {
		provider(1, 1, 9, 8);
		provider(2, 2, 10, 8);
		run_blocks(3);
		let (job, _) = submit(CONSUMER, 20);
		let committed_at = System::block_number();
		assert_ok!(commit(1, job, right(job)));
		let subject = (b"compnet/audit", job).encode();
		assert_eq!(Audit::seed_after(committed_at, &subject), None, "no seed at the commitment");
		let seed_blocks = u64::from(<<Test as Config>::SeedBlocks as Get<u32>>::get());
		for _ in 0..seed_blocks {
			next_block();
			assert_eq!(Audit::seed_after(committed_at, &subject), None, "not before all its blocks exist");
		}
		// The block that records the last output is the draw's block.
		assert_eq!(record(job).phase, Phase::Drawing { at: committed_at + seed_blocks + 1 });
		next_block();
		let seed = Audit::seed_after(committed_at, &subject).expect("every block after the commitment recorded");
		// Another author for any one of those blocks gives another seed.
		let slot = ((committed_at + 1) % SEED_RING as u64) as u32;
		let (at, output) = BlockSeeds::<Test>::get(slot).unwrap();
		assert_eq!(at, committed_at + 1);
		BlockSeeds::<Test>::insert(slot, (at, H256::repeat_byte(0x5a)));
		assert_ne!(Audit::seed_after(committed_at, &subject), Some(seed));
		BlockSeeds::<Test>::insert(slot, (at, output));
		assert_eq!(Audit::seed_after(committed_at, &subject), Some(seed));
		// The job was drawn with it, not before.
		assert!(audit_events().iter().any(|e| matches!(e, Event::AuditDrawn { job: j, .. } if *j == job)));
	});
}

/// Hole 1 of issue 17: round-0 roots were public before the dispute auditors committed, so a
/// dispute auditor could copy the majority's root without running the job. Each round now reveals
/// its root under one seal layer fewer ([`compnet_primitives::sealed_for_round`]): what round 0
/// revealed is a hash of what round 1 must reveal. The copier's vote lands on a root nobody
/// computed, and it is slashed with the cheater; the auditor that ran the job is paid.
#[test]
fn a_dispute_auditor_cannot_copy_the_roots_revealed_before_it() {
	build_and_execute(|| {
		let (job, wrong, first) = wrong_result_before_auditors(4);
		assert_ok!(commit(first, job, right(job)));
		assert_ok!(reveal(1, job, wrong));
		assert_ok!(reveal(first, job, right(job)));
		// Everything round 0 put on chain: the values revealed, which are the stored roots.
		let seen: Vec<ResultRoot> = record(job).parties.iter().filter_map(|p| p.root).collect();
		assert!(seen.contains(&public(job, right(job))) && seen.contains(&public(job, wrong)));
		run_blocks(2);
		let dispute = pending(job);
		assert_eq!(dispute.len(), 2);
		let (copier, honest) = (dispute[0], dispute[1]);
		let before = (wealth(1), wealth(copier), wealth(honest));
		// The copier commits to and reveals the majority's value as round 0 revealed it.
		let copied = public(job, right(job));
		let copied_commitment = compnet_primitives::commitment(&copier.encode(), job, &copied, &salt(copier, job));
		assert_ok!(Audit::commit_result(RuntimeOrigin::signed(copier), job, copied_commitment));
		assert_ok!(commit(honest, job, right(job)));
		assert_ok!(Audit::reveal(RuntimeOrigin::signed(copier), job, copied, salt(copier, job)));
		assert_ok!(reveal(honest, job, right(job)));
		let stored = |who: AccountId| record(job).parties.iter().find(|p| p.who == who).and_then(|p| p.root);
		assert_eq!(stored(honest), Some(public(job, right(job))), "the auditor that ran the job agrees");
		assert_ne!(stored(copier), Some(public(job, right(job))), "the copied value is not this round's");
		assert_eq!(decision(job), Some(Decision::Overturned));
		assert!(wealth(1) < before.0, "the cheater lost stake");
		assert!(wealth(copier) < before.1, "the copier lost stake");
		assert!(wealth(honest) > before.2, "the auditor that ran the job was paid");
	});
}

/// Hole 1 of issue 17: a class with fewer than two other providers could never convict anyone,
/// and a job the spot-check passed by was paid: a cheater in such a pool earned `(1 − p)·g` and
/// never lost stake. The draw now probes the pool first: when it cannot find enough auditors to
/// convict (the committee, and at least two), the job is audited for certain, and an audit that
/// cannot convict ends unverifiable, paid nothing. The honest control in the same pool is
/// audited, agreed with, and paid.
#[test]
fn a_pool_too_small_to_convict_makes_the_audit_certain_and_cheating_worthless() {
	build_and_execute(|| {
		// Provider 1 and one machine of another operator: one auditor, no dispute possible.
		provider(1, 1, 9, 8);
		provider(2, 2, 10, 8);
		RandomnessAvailable::set(true);
		run_blocks(4);
		let before = wealth(1);
		let (job, by) = submit(CONSUMER, 20);
		assert_eq!(by, Some(1));
		assert_ok!(commit(1, job, ResultRoot::repeat_byte(0xee)));
		run_blocks(4);
		assert!(audit_events().contains(&Event::AuditDrawn { job, audited: true, probability: 1_000_000 }));
		assert_ok!(commit(2, job, right(job)));
		assert_ok!(reveal(1, job, ResultRoot::repeat_byte(0xee)));
		assert_ok!(reveal(2, job, right(job)));
		// The dispute finds nobody; one auditor's word alone convicts nobody: no verdict.
		run_blocks(40);
		assert_eq!(decision(job), Some(Decision::Unverifiable));
		assert_eq!(Jobs::<Test>::get(job).unwrap().state, JobState::Refunded);
		assert_eq!(wealth(1), before, "the cheater earned nothing");
		// The honest control: audited for certain as well, agreed with, paid.
		let (job, by) = submit(CONSUMER, 20);
		assert_eq!(by, Some(1));
		assert_ok!(commit(1, job, right(job)));
		run_blocks(4);
		assert!(audit_events().contains(&Event::AuditDrawn { job, audited: true, probability: 1_000_000 }));
		assert_ok!(commit(2, job, right(job)));
		assert_ok!(reveal(1, job, right(job)));
		assert_ok!(reveal(2, job, right(job)));
		assert_eq!(decision(job), Some(Decision::Agreed));
		assert!(wealth(1) > before, "the honest provider was paid");
	});
}

/// Hole 5 of issue 17: a canary was sealed under its job id, known only just before the job is
/// submitted, so the seal's block marked the next job as the canary. A seal now names the canary's
/// input: sealed long before, with other jobs submitted in between (which take the ids a seal by
/// id would have had to guess), it catches the cheat on whatever id the canary job gets, and the
/// auditor that vouched for the wrong root pays with the provider.
#[test]
fn a_canary_sealed_long_before_its_job_names_no_job_and_still_catches_the_cheat() {
	build_and_execute(|| {
		provider(1, 1, 9, 8);
		for who in 2..=3 {
			provider(who, who, 10, 8);
		}
		let salt = [5u8; 32];
		let canary_input = ResultRoot::repeat_byte(0x5a);
		let canary_right = ResultRoot::repeat_byte(0x77);
		let seal = (verify::canary_seal(&canary_input, &salt), verify::canary_answer(&canary_right, &salt));
		assert_ok!(Audit::seal_canaries(RawOrigin::Root.into(), vec![seal].try_into().unwrap()));
		// Many blocks and ordinary jobs later, the canary job is submitted like any other.
		run_blocks(100);
		let ordinary: Vec<JobId> = (0..3).map(|_| submit(CONSUMER, 20).0).collect();
		RandomnessAvailable::set(false);
		let job = pallet_market::NextJobId::<Test>::get();
		assert!(ordinary.iter().all(|id| *id < job));
		assert_ok!(Market::submit_job(
			RuntimeOrigin::signed(CONSUMER + 1),
			GEMM,
			20,
			System::block_number() + 200,
			RegionSet::ANY,
			Sensitivity::Standard,
			canary_input,
		));
		let wrong = ResultRoot::repeat_byte(0xbb);
		assert_ok!(commit(1, job, wrong));
		run_blocks(2);
		let colluder = pending(job)[0];
		assert_ok!(commit(colluder, job, wrong));
		assert_ok!(reveal(1, job, wrong));
		assert_ok!(reveal(colluder, job, wrong));
		assert!(decision(job).is_some_and(|d| d.stands()), "everyone agreed on the wrong root");
		let before = (wealth(1), wealth(colluder));
		// The seal fits no ordinary job (their input is another), only the canary's.
		for id in ordinary {
			assert_noop!(
				Audit::reveal_canary(RawOrigin::Root.into(), id, canary_right, salt),
				Error::<Test>::NoSuchCanary
			);
		}
		assert_ok!(Audit::reveal_canary(RawOrigin::Root.into(), job, canary_right, salt));
		assert_eq!(decision(job), Some(Decision::CanaryFailed));
		assert!(wealth(1) < before.0, "the provider is slashed");
		assert!(wealth(colluder) < before.1, "so is the auditor that vouched for its root");
	});
}
