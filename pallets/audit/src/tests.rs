//! Unit tests of verification over the real provider, quality and market pallets; each ends
//! with every pallet's invariants checked.

use crate::{mock::*, verify::{canary_answer, canary_seal}, *};
use frame_support::{assert_noop, assert_ok};
use pallet_market::{JobState, Jobs};
use pallet_providers::SlashReason;
use polkadot_sdk::{frame_support, frame_system::RawOrigin};

fn record(job: JobId) -> AuditRecord<Test> {
	Audits::<Test>::get(job).expect("record exists")
}

fn decision(job: JobId) -> Option<Decision> {
	record(job).decision
}

fn auditors(job: JobId) -> Vec<AccountId> {
	record(job).live_auditors().map(|p| p.who).collect()
}

/// Providers 1..=n, each its own operator, offering at 10 with room for 8 jobs; provider 1
/// the cheapest so it gets the job.
fn providers(n: u64) {
	provider(1, 1, 9, 8);
	for who in 2..=n {
		provider(who, who, 10, 8);
	}
}

/// A job assigned to provider 1, committed with `root`, drawn for an audit (no randomness: the
/// draw audits), with its auditor committed to the right root.
fn audited_job(root: ResultRoot) -> (JobId, AccountId) {
	RandomnessAvailable::set(false);
	let (job, assigned) = submit(CONSUMER, 20);
	assert_eq!(assigned, Some(1));
	assert_ok!(commit(1, job, root));
	run_blocks(2);
	assert!(audit_events().contains(&Event::AuditDrawn { job, audited: true, probability: record(job).probability }));
	let auditor = auditors(job)[0];
	assert_ok!(commit(auditor, job, right(job)));
	(job, auditor)
}

#[test]
fn an_unaudited_result_stands_once_revealed_and_the_provider_is_paid() {
	build_and_execute(|| {
		providers(3);
		// Find a job the draw leaves unaudited (the probability is well below one).
		let job = loop {
			let (job, _) = submit(CONSUMER, 20);
			assert_ok!(commit(1, job, right(job)));
			run_blocks(2);
			if record(job).parties.len() == 1 {
				break job;
			}
			for auditor in auditors(job) {
				assert_ok!(commit(auditor, job, right(job)));
			}
			assert_ok!(reveal(1, job, right(job)));
			for auditor in auditors(job) {
				assert_ok!(reveal(auditor, job, right(job)));
			}
		};
		assert!(matches!(record(job).phase, Phase::Revealing { .. }));
		let before = Balances::free_balance(1);
		assert_ok!(reveal(1, job, right(job)));
		assert_eq!(decision(job), Some(Decision::Unaudited));
		assert!(matches!(Jobs::<Test>::get(job).unwrap().state, JobState::Settled { provider: 1, .. }));
		assert!(Balances::free_balance(1) > before);
		assert!(Quality::score(&1).speed > 500_000, "a completed job counts for speed");
	});
}

#[test]
fn the_probability_never_falls_below_the_unprofitable_cheating_floor() {
	build_and_execute(|| {
		providers(2);
		let (job, _) = submit(CONSUMER, 20);
		assert_ok!(commit(1, job, right(job)));
		let rec = record(job);
		let p = Audit::probability(&rec);
		let stake = Providers::min_stake(1_000) as u128;
		let slash = (stake / 10) as f64;
		let gain = rec.payment as f64;
		assert!(p as f64 / 1e6 * slash >= (1.0 - p as f64 / 1e6) * gain, "p = {p} ppm");
		// Standard sensitivity, 5% base doubled, at a 50% score: 10% × 1.5.
		assert!(p >= 150_000);
	});
}

#[test]
fn agreement_settles_and_pays_the_auditor_from_the_budget() {
	build_and_execute(|| {
		providers(3);
		let (job, auditor) = audited_job(right(job_id()));
		assert_ne!(auditor, 1);
		assert!(matches!(record(job).phase, Phase::Revealing { .. }));
		let auditor_before = Balances::free_balance(auditor);
		assert_ok!(reveal(1, job, right(job)));
		assert_eq!(decision(job), None, "waits for the auditor's reveal");
		assert_ok!(reveal(auditor, job, right(job)));
		assert_eq!(decision(job), Some(Decision::Agreed));
		assert!(Balances::free_balance(auditor) > auditor_before, "the auditor is paid");
		assert!(matches!(Jobs::<Test>::get(job).unwrap().state, JobState::Settled { .. }));
		assert!(Quality::score(&1).security > 500_000);
	});
}

fn job_id() -> JobId {
	pallet_market::NextJobId::<Test>::get()
}

#[test]
fn nothing_is_revealed_before_every_party_committed() {
	build_and_execute(|| {
		providers(3);
		RandomnessAvailable::set(false);
		let (job, _) = submit(CONSUMER, 20);
		assert_ok!(commit(1, job, right(job)));
		run_blocks(2);
		assert!(matches!(record(job).phase, Phase::Committing { .. }));
		assert_noop!(reveal(1, job, right(job)), Error::<Test>::NotRevealing);
		// Someone who is not a party cannot commit.
		let outsider = (2..=3).find(|w| !auditors(job).contains(w)).unwrap();
		assert_noop!(commit(outsider, job, right(job)), Error::<Test>::NotExpectedToCommit);
	});
}

#[test]
fn a_wrong_result_is_caught_in_a_dispute_slashed_and_the_consumer_refunded() {
	build_and_execute(|| {
		providers(6);
		let consumer_before = Balances::free_balance(CONSUMER);
		let (job, auditor) = audited_job(ResultRoot::repeat_byte(0xee));
		assert_ok!(reveal(1, job, ResultRoot::repeat_byte(0xee)));
		assert_ok!(reveal(auditor, job, right(job)));
		// Disagreement: two more auditors.
		assert!(audit_events().contains(&Event::DisputeOpened { job, added: 2 }));
		// Drawn from the seeds of the blocks after the reveals opened.
		run_blocks(2);
		let more: Vec<_> = auditors(job).into_iter().filter(|a| *a != auditor).collect();
		assert_eq!(more.len(), 2);
		for a in &more {
			assert_ok!(commit(*a, job, right(job)));
		}
		for a in &more {
			assert_ok!(reveal(*a, job, right(job)));
		}
		assert_eq!(decision(job), Some(Decision::Overturned));
		let slashed = record(job).parties[0].slashed;
		assert!(slashed > 0);
		assert!(audit_events().contains(&Event::PartySlashed { job, who: 1, amount: slashed, reason: SlashReason::WrongResult }));
		assert_eq!(Jobs::<Test>::get(job).unwrap().state, JobState::Refunded);
		let audit_paid: Balance = record(job).parties.iter().map(|p| p.paid).sum();
		assert_eq!(Balances::free_balance(CONSUMER), consumer_before - audit_paid - JOB_DEPOSIT, "only the audit is paid for (the deposit is held with the record)");
		assert!(Quality::score(&1).security < 500_000);
	});
}

#[test]
fn an_honest_provider_against_a_lying_auditor_is_upheld_and_the_liar_slashed() {
	build_and_execute(|| {
		providers(6);
		RandomnessAvailable::set(false);
		let (job, _) = submit(CONSUMER, 20);
		assert_ok!(commit(1, job, right(job)));
		run_blocks(2);
		let liar = auditors(job)[0];
		assert_ok!(commit(liar, job, ResultRoot::repeat_byte(0x66)));
		assert_ok!(reveal(1, job, right(job)));
		assert_ok!(reveal(liar, job, ResultRoot::repeat_byte(0x66)));
		run_blocks(2);
		let more: Vec<_> = auditors(job).into_iter().filter(|a| *a != liar).collect();
		assert_eq!(more.len(), 2);
		for a in &more {
			assert_ok!(commit(*a, job, right(job)));
		}
		for a in &more {
			assert_ok!(reveal(*a, job, right(job)));
		}
		assert_eq!(decision(job), Some(Decision::UpheldInDispute));
		assert_eq!(record(job).parties[0].slashed, 0, "the honest provider is never slashed");
		let liar_party = record(job).parties.into_iter().find(|p| p.who == liar).unwrap();
		assert!(liar_party.slashed > 0 && liar_party.paid == 0);
		assert!(matches!(Jobs::<Test>::get(job).unwrap().state, JobState::Settled { provider: 1, .. }));
	});
}

#[test]
fn a_missed_reveal_counts_as_a_wrong_result() {
	build_and_execute(|| {
		providers(3);
		let (job, auditor) = audited_job(right(job_id()));
		assert_ok!(reveal(auditor, job, right(job)));
		run_blocks(6);
		assert_eq!(decision(job), Some(Decision::MissedReveal));
		assert!(record(job).parties[0].slashed > 0);
		assert_eq!(Jobs::<Test>::get(job).unwrap().state, JobState::Refunded);
	});
}

#[test]
fn a_copied_commitment_cannot_be_revealed_and_costs_the_copier() {
	build_and_execute(|| {
		providers(3);
		RandomnessAvailable::set(false);
		let (job, _) = submit(CONSUMER, 20);
		let provider_commitment = commitment_of(1, job, right(job));
		assert_ok!(Audit::commit_result(RuntimeOrigin::signed(1), job, provider_commitment));
		run_blocks(2);
		let copier = auditors(job)[0];
		assert_ok!(Audit::commit_result(RuntimeOrigin::signed(copier), job, provider_commitment));
		assert_ok!(reveal(1, job, right(job)));
		// The copier's account is inside the commitment: no root and salt open it for the copier.
		assert_noop!(reveal(copier, job, right(job)), Error::<Test>::BadReveal);
		assert_noop!(
			Audit::reveal(RuntimeOrigin::signed(copier), job, right(job), salt(1, job)),
			Error::<Test>::BadReveal
		);
		run_blocks(6);
		let copier_party = record(job).parties.into_iter().find(|p| p.who == copier).unwrap();
		assert!(copier_party.slashed > 0);
		assert_eq!(record(job).parties[0].slashed, 0);
		// No auditor revealed: no verdict, so the result is not paid (fail closed).
		assert_eq!(decision(job), Some(Decision::Unverifiable));
		assert_eq!(Jobs::<Test>::get(job).unwrap().state, JobState::Refunded);
	});
}

#[test]
fn an_auditor_that_misses_its_commit_window_is_slashed_and_replaced() {
	build_and_execute(|| {
		providers(3);
		RandomnessAvailable::set(false);
		let (job, _) = submit(CONSUMER, 20);
		assert_ok!(commit(1, job, right(job)));
		run_blocks(2);
		let lazy = auditors(job)[0];
		// 10 blocks plus twice the job's 1-block compute on an H100.
		let commit_by = record(job).parties[1].commit_by;
		assert_eq!(commit_by, System::block_number() + 12);
		run_to(commit_by + 1);
		let party = record(job).parties[1].clone();
		assert!(party.left == Some(Left::MissedCommit) && party.slashed > 0 && party.who == lazy);
		// Its place goes to the other provider, drawn from the blocks after it left; the audit
		// goes on.
		assert!(auditors(job).is_empty());
		run_blocks(2);
		let replacement = auditors(job);
		assert_eq!(replacement.len(), 1);
		assert_ne!(replacement[0], lazy);
		assert!(matches!(record(job).phase, Phase::Committing { .. }));
		assert_ok!(commit(replacement[0], job, right(job)));
		assert_ok!(reveal(1, job, right(job)));
		assert_ok!(reveal(replacement[0], job, right(job)));
		assert_eq!(decision(job), Some(Decision::Agreed));
		assert_eq!(record(job).parties[1].paid, 0, "the lazy auditor is not paid");
	});
}

#[test]
fn auditors_never_share_the_providers_operator() {
	build_and_execute(|| {
		// Providers 1..=4 all belong to operator 1, which accepted them; only 5 is independent.
		provider(1, 1, 9, 8);
		for who in 2..=4 {
			provider(who, 1, 10, 8);
			assert_ok!(Providers::accept_provider(RuntimeOrigin::signed(1), who));
		}
		provider(5, 5, 10, 8);
		RandomnessAvailable::set(false);
		let jobs: Vec<JobId> = (0..5).map(|_| submit(CONSUMER, 20).0).collect();
		for job in &jobs {
			assert_ok!(commit(1, *job, right(*job)));
		}
		run_blocks(2);
		for job in jobs {
			assert_eq!(auditors(job), vec![5]);
		}
	});
}

#[test]
fn a_canary_catches_a_wrong_answer_even_after_settlement_and_the_auditors_who_vouched_for_it() {
	build_and_execute(|| {
		providers(3);
		let canary_salt = [9u8; 32];
		let job = job_id();
		// Sealed in a batch with decoys, well before the job; no event names them.
		let decoys = [(H256::repeat_byte(1), H256::repeat_byte(2)), (H256::repeat_byte(3), H256::repeat_byte(4))];
		let batch = vec![decoys[0], (canary_seal(&INPUT_ROOT, &canary_salt), canary_answer(&right(job), &canary_salt)), decoys[1]];
		assert_ok!(Audit::seal_canaries(RawOrigin::Root.into(), batch.try_into().unwrap()));
		assert!(audit_events().contains(&Event::CanariesSealed { count: 3 }));
		assert_noop!(
			Audit::seal_canaries(RuntimeOrigin::signed(1), vec![].try_into().unwrap()),
			polkadot_sdk::sp_runtime::DispatchError::BadOrigin
		);
		RandomnessAvailable::set(false);
		let (job, _) = submit(CONSUMER, 20);
		let wrong = ResultRoot::repeat_byte(0xbb);
		assert_ok!(commit(1, job, wrong));
		assert_noop!(
			Audit::reveal_canary(RawOrigin::Root.into(), job, right(job), canary_salt),
			Error::<Test>::CanaryTooEarly
		);
		run_blocks(2);
		// A colluding auditor vouches for the wrong root.
		let colluder = auditors(job)[0];
		assert_ok!(commit(colluder, job, wrong));
		assert_ok!(reveal(1, job, wrong));
		assert_ok!(reveal(colluder, job, wrong));
		assert!(decision(job).is_some_and(|d| d.stands()), "everyone agreed on the wrong root");
		let paid = record(job).parties[1].paid;
		assert!(paid > 0);
		assert_noop!(
			Audit::reveal_canary(RawOrigin::Root.into(), job, ResultRoot::repeat_byte(1), canary_salt),
			Error::<Test>::NoSuchCanary
		);
		assert_ok!(Audit::reveal_canary(RawOrigin::Root.into(), job, right(job), canary_salt));
		assert_eq!(decision(job), Some(Decision::CanaryFailed));
		assert!(record(job).parties[0].slashed > 0);
		assert!(audit_events().contains(&Event::CanaryChecked { job, provider: 1, passed: false }));
		assert!(Quality::score(&1).security < 500_000);
		// The auditor shares the provider's fate: its slash outweighs its pay.
		let slashed = record(job).parties[1].slashed;
		assert!(slashed > paid, "slashed {slashed} against {paid} paid");
		assert!(Quality::score(&colluder).security < 500_000);
	});
}

#[test]
fn a_reveal_with_the_wrong_salt_is_refused_and_changes_nothing() {
	build_and_execute(|| {
		providers(3);
		let (job, auditor) = audited_job(right(job_id()));
		assert_noop!(
			Audit::reveal(RuntimeOrigin::signed(1), job, right(job), [0u8; 32]),
			Error::<Test>::BadReveal
		);
		assert_noop!(reveal(42, job, right(job)), Error::<Test>::NothingToReveal);
		assert_noop!(reveal(1, 777, right(job)), Error::<Test>::UnknownJob);
		assert_ok!(reveal(1, job, right(job)));
		assert_ok!(reveal(auditor, job, right(job)));
	});
}

#[test]
fn records_are_removed_after_their_retention_and_slashes_stay_accounted() {
	build_and_execute(|| {
		providers(3);
		let (job, auditor) = audited_job(right(job_id()));
		assert_ok!(reveal(auditor, job, right(job)));
		run_blocks(6);
		assert!(record(job).parties[0].slashed > 0);
		run_blocks(60);
		assert!(!Audits::<Test>::contains_key(job));
		assert!(audit_events().contains(&Event::RecordRemoved { job }));
		assert_eq!(PrunedSlashes::<Test>::get(), Totals::<Test>::get().slashed);
	});
}

#[test]
fn migration_v1_keeps_records_and_canaries_and_moves_every_due_entry() {
	use crate::migrations::v1;
	use codec::Encode;
	use frame_support::traits::{Get, GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	build_and_execute(|| {
		providers(3);
		RandomnessAvailable::set(false);
		// A job audited under version 0: one auditor drawn, committing until block 8.
		let (job, _) = submit(CONSUMER, 20);
		assert_ok!(commit(1, job, right(job)));
		run_blocks(2);
		let auditor = auditors(job)[0];
		let current = record(job);
		let old = v1::OldAuditRecord::<Test> {
			consumer: current.consumer,
			class: current.class,
			sensitivity: current.sensitivity,
			payment: current.payment,
			committed_at: current.committed_at,
			phase: Phase::Committing { next: 8 },
			round: 0,
			probability: current.probability,
			parties: vec![
				v1::OldParty { who: 1, commitment: current.parties[0].commitment, root: None, slashed: 0, paid: 0, dropped: false },
				v1::OldParty { who: auditor, commitment: None, root: None, slashed: 0, paid: 0, dropped: false },
			],
			canary: None,
			decision: None,
		};
		StorageVersion::new(0).put::<Audit>();
		frame_support::storage::unhashed::put_raw(&Audits::<Test>::hashed_key_for(job), &old.encode());
		let sealed = H256::repeat_byte(5);
		frame_support::storage::unhashed::put_raw(&Canaries::<Test>::hashed_key_for(sealed), &H256::repeat_byte(6).encode());
		let _ = DueJobs::<Test>::clear(u32::MAX, None);
		let _ = DueCount::<Test>::clear(u32::MAX, None);
		DueQueueCursor::<Test>::kill();
		v1::Due::<Test>::insert(9, vec![job]);
		v1::DueCursor::<Test>::put(System::block_number());

		let state_before = v1::pre_upgrade_state::<Test>();
		v1::MigrateV0ToV1::<Test>::on_runtime_upgrade();
		v1::post_upgrade_check::<Test>(state_before).expect("the migration checks pass");
		assert_eq!(Audit::on_chain_storage_version(), 1);
		let migrated = record(job);
		assert_eq!((migrated.target, migrated.attempts, migrated.able), (1, 1, 1 << HardwareClass::H100.index()));
		assert_eq!(migrated.phase, Phase::Committing { next: 9 });
		assert_eq!(migrated.parties[1].commit_by, 8);
		assert_eq!(Canaries::<Test>::get(sealed).map(|c| c.answer), Some(H256::repeat_byte(6)));
		assert_eq!(Canaries::<Test>::count(), 1);
		// The moved entry fires: the auditor missed its window, is slashed and replaced.
		run_to(9);
		assert_eq!(record(job).parties[1].left, Some(Left::MissedCommit));
		run_blocks(2);
		assert_eq!(auditors(job).len(), 1, "a replacement was drawn");
		assert_eq!(v1::MigrateV0ToV1::<Test>::on_runtime_upgrade(), <<Test as polkadot_sdk::frame_system::Config>::DbWeight as Get<polkadot_sdk::frame_support::weights::RuntimeDbWeight>>::get().reads(1));
		Canaries::<Test>::remove(sealed);
	});
}

#[test]
fn a_canary_convicts_a_wrong_root_the_audit_could_not_decide() {
	build_and_execute(|| {
		// Two providers: a dispute can never be staffed, so the audit ends unverifiable.
		providers(2);
		let canary_salt = [4u8; 32];
		let job = job_id();
		let canary = (canary_seal(&INPUT_ROOT, &canary_salt), canary_answer(&right(job), &canary_salt));
		assert_ok!(Audit::seal_canaries(RawOrigin::Root.into(), vec![canary].try_into().unwrap()));
		let wrong = ResultRoot::repeat_byte(0xcc);
		let (job, auditor) = audited_job(wrong);
		assert_ok!(reveal(1, job, wrong));
		assert_ok!(reveal(auditor, job, right(job)));
		assert!(audit_events().contains(&Event::DisputeOpened { job, added: 2 }));
		run_blocks(3 * 4);
		assert_eq!(decision(job), Some(Decision::Unverifiable));
		assert_eq!(Jobs::<Test>::get(job).unwrap().state, JobState::Refunded);
		// Refunded, but the provider's wrong root is on record: the canary convicts it.
		assert_ok!(Audit::reveal_canary(RawOrigin::Root.into(), job, right(job), canary_salt));
		assert_eq!(decision(job), Some(Decision::CanaryFailed));
		assert!(record(job).parties[0].slashed > 0);
		let totals = Totals::<Test>::get();
		assert_eq!((totals.unverifiable, totals.caught), (0, 1));
	});
}

#[test]
fn the_probability_counts_only_the_stake_not_backing_other_jobs() {
	build_and_execute(|| {
		// 10,000 bonded; each job is worth 500 × 9 = 4,500 to the provider.
		provider(1, 1, 500, 4);
		provider(2, 2, 5_000, 1);
		let (first, by) = submit(CONSUMER, 600);
		assert_eq!(by, Some(1));
		assert_ok!(commit(1, first, right(first)));
		let alone = Audit::probability(&record(first));
		let (_second, by) = submit(CONSUMER, 600);
		assert_eq!(by, Some(1), "9,000 of open jobs fit the 10,000 bonded");
		let (_third, by) = submit(CONSUMER, 600);
		assert_eq!(by, None, "13,500 would not");
		// With a second job open, only 5,500 of the stake is left to lose on the first.
		let shared = Audit::probability(&record(first));
		let gain = record(first).payment as f64;
		let free = Providers::min_stake(1_000) as f64 - gain;
		let p = shared as f64 / 1e6;
		assert!(shared > alone, "{shared} ppm with another job open, {alone} ppm alone");
		assert!(p * free / 10.0 >= (1.0 - p) * gain, "p = {shared} ppm against the free stake");
	});
}

#[test]
fn naming_another_operator_removes_none_of_its_machines_from_the_auditors() {
	build_and_execute(|| {
		// Operator 2 runs providers 2..=4; provider 1 names it as its own operator to keep them
		// all out of its committees, so that only its own account 5 is left to audit it.
		provider(1, 2, 9, 8);
		for who in 2..=4 {
			provider(who, 2, 10, 8);
		}
		provider(5, 5, 10, 8);
		assert_noop!(
			Providers::accept_provider(RuntimeOrigin::signed(5), 1),
			pallet_providers::Error::<Test>::NotNamedOperator
		);
		RandomnessAvailable::set(false);
		let jobs: Vec<JobId> = (0..6).map(|_| submit(CONSUMER, 20).0).collect();
		for job in &jobs {
			assert_ok!(commit(1, *job, right(*job)));
		}
		run_blocks(2);
		// Operator 2 never accepted provider 1: its machines are drawn like anyone's.
		let drawn: Vec<AccountId> = jobs.iter().flat_map(|job| auditors(*job)).collect();
		assert!(drawn.iter().any(|who| (2..=4).contains(who)), "drawn: {drawn:?}");
	});
}

#[test]
fn an_operator_link_is_frozen_while_the_provider_runs_a_job() {
	build_and_execute(|| {
		provider(1, 2, 9, 8);
		provider(2, 2, 10, 8);
		provider(3, 3, 10, 8);
		let (job, by) = submit(CONSUMER, 20);
		assert_eq!(by, Some(1));
		// Accepting, releasing or renaming the operator waits for the job to end.
		assert_noop!(
			Providers::accept_provider(RuntimeOrigin::signed(2), 1),
			pallet_providers::Error::<Test>::OperatorLinkFrozen
		);
		assert_noop!(
			Providers::update_profile(RuntimeOrigin::signed(1), profile(HardwareClass::H100, 3)),
			pallet_providers::Error::<Test>::OperatorLinkFrozen
		);
		assert_ok!(commit(1, job, right(job)));
		run_blocks(2);
		for auditor in auditors(job) {
			assert_ok!(commit(auditor, job, right(job)));
		}
		assert_ok!(reveal(1, job, right(job)));
		for auditor in auditors(job) {
			assert_ok!(reveal(auditor, job, right(job)));
		}
		assert!(decision(job).is_some(), "the job ended");
		assert_ok!(Providers::accept_provider(RuntimeOrigin::signed(2), 1));
		assert_ok!(Providers::release_provider(RuntimeOrigin::signed(2), 1));
		assert_noop!(
			Providers::release_provider(RuntimeOrigin::signed(2), 1),
			pallet_providers::Error::<Test>::NotAccepted
		);
	});
}
