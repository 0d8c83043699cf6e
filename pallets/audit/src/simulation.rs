//! The adversarial simulation: 100 providers over the real pallets, 20 of them dishonest, and
//! thousands of jobs. Prints the detection rate, jobs until each cheater is caught, honest
//! providers slashed and consumer funds lost, and fails when any misses its bound.
//!
//! Run alone with output: `cargo test --release -p pallet-audit simulation -- --nocapture`.

use crate::{mock::*, Decision, Event};
use compnet_primitives::{JobId, ResultRoot};
use frame_support::traits::fungible::{Inspect, InspectHold};
use polkadot_sdk::{frame_support, sp_core::H256};
use std::collections::{BTreeMap, BTreeSet};

const PROVIDERS: u64 = 100;
const JOBS: u64 = 3_000;
const JOBS_PER_BLOCK: u64 = 20;
const CONSUMERS: u64 = 10;

/// How a provider behaves, as provider and as auditor.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
	Honest,
	/// Commits a wrong root half the time.
	Wrong,
	/// Commits but never reveals.
	Silent,
	/// Copies another party's commitment instead of computing.
	Copier,
}

fn kind(who: u64) -> Kind {
	match who {
		81..=88 => Kind::Wrong,
		89..=94 => Kind::Silent,
		95..=100 => Kind::Copier,
		_ => Kind::Honest,
	}
}

/// A deterministic coin for `(who, job)`.
fn coin(who: u64, job: JobId) -> bool {
	polkadot_sdk::sp_crypto_hashing::blake2_256(&[who.to_le_bytes(), job.to_le_bytes()].concat())[0] & 1 == 1
}

fn wrong(who: u64, job: JobId) -> ResultRoot {
	ResultRoot::from_low_u64_be(1_000_000 + who * 100_000 + job)
}

#[derive(Default)]
struct Tally {
	cheated: BTreeSet<JobId>,
	caught: BTreeSet<JobId>,
	paid_wrong: u128,
	jobs_run: BTreeMap<u64, u32>,
	cheats_by: BTreeMap<u64, u32>,
	first_caught: BTreeMap<u64, u32>,
	provider_commitments: BTreeMap<JobId, H256>,
	decided: BTreeMap<JobId, Decision>,
	consumer_cost: u128,
}

#[test]
fn simulation_catches_cheaters_and_never_slashes_the_honest() {
	build_and_execute(|| {
		// Registration in a shuffled order, so the dishonest are spread through the book.
		let mut order: Vec<u64> = (1..=PROVIDERS).collect();
		order.sort_by_key(|w| polkadot_sdk::sp_crypto_hashing::blake2_256(&w.to_le_bytes()));
		for who in order {
			provider(who, who, 10, 1);
		}
		// Free and held: the job deposits stay held while the records are kept, then come back.
		let consumers_before: u128 = (0..CONSUMERS).map(|c| Balances::total_balance(&(CONSUMER + c)) as u128).sum();
		let mut t = Tally::default();
		let mut submitted = 0;
		for _block in 0..2_000 {
			if submitted < JOBS {
				for _ in 0..JOBS_PER_BLOCK.min(JOBS - submitted) {
					submit(CONSUMER + submitted % CONSUMERS, 20);
					submitted += 1;
				}
			}
			// Everything paid out before this block's events were read: they are the last.
			let done = submitted == JOBS && pallet_market::Totals::<Test>::get().escrowed == 0;
			let events = System::events();
			System::reset_events();
			for record in events {
				match record.event {
					RuntimeEvent::Market(pallet_market::Event::JobAssigned { job, provider, .. }) => {
						*t.jobs_run.entry(provider).or_default() += 1;
						let commitment = match kind(provider) {
							Kind::Honest | Kind::Silent => commitment_of(provider, job, right(job)),
							Kind::Wrong if coin(provider, job) => commitment_of(provider, job, wrong(provider, job)),
							Kind::Wrong => commitment_of(provider, job, right(job)),
							// Nothing to copy from for its own job: another job's commitment.
							Kind::Copier => t.provider_commitments.values().last().copied().unwrap_or_default(),
						};
						let cheats = matches!(kind(provider), Kind::Silent | Kind::Copier) ||
							(kind(provider) == Kind::Wrong && coin(provider, job));
						if cheats {
							t.cheated.insert(job);
							*t.cheats_by.entry(provider).or_default() += 1;
						}
						t.provider_commitments.insert(job, commitment);
						Audit::commit_result(RuntimeOrigin::signed(provider), job, commitment).expect("in time");
					},
					RuntimeEvent::Audit(Event::AuditorAssigned { job, auditor, .. }) => {
						let commitment = match kind(auditor) {
							Kind::Wrong if coin(auditor, job) => commitment_of(auditor, job, wrong(auditor, job)),
							Kind::Copier => t.provider_commitments[&job],
							_ => commitment_of(auditor, job, right(job)),
						};
						Audit::commit_result(RuntimeOrigin::signed(auditor), job, commitment).expect("in time");
					},
					RuntimeEvent::Audit(Event::RevealOpened { job, .. }) => {
						let parties = crate::Audits::<Test>::get(job).expect("record").parties;
						for party in parties.iter().filter(|p| p.commitment.is_some() && p.root.is_none()) {
							let who = party.who;
							let root = match kind(who) {
								Kind::Silent | Kind::Copier => continue,
								Kind::Wrong if coin(who, job) => wrong(who, job),
								_ => right(job),
							};
							// Decided already when the last party revealed.
							if crate::Audits::<Test>::get(job).is_some_and(|r| r.decision.is_none()) {
								reveal(who, job, root).expect("reveals its own commitment");
							}
						}
					},
					RuntimeEvent::Audit(Event::Decided { job, provider, decision, .. }) => {
						t.decided.insert(job, decision);
						if t.cheated.contains(&job) {
							if matches!(decision, Decision::Overturned | Decision::MissedReveal | Decision::CanaryFailed) {
								t.caught.insert(job);
								let run = t.jobs_run[&provider];
								t.first_caught.entry(provider).or_insert(run);
							} else if decision.stands() {
								t.paid_wrong += 1;
							}
						}
					},
					RuntimeEvent::Audit(Event::PartySlashed { who, reason, .. }) => {
						assert!(kind(who) != Kind::Honest, "honest provider {who} slashed for {reason:?}");
					},
					RuntimeEvent::Market(pallet_market::Event::JobSettled { paid, fee, .. }) => {
						t.consumer_cost += (paid + fee) as u128;
					},
					RuntimeEvent::Market(pallet_market::Event::AuditorsPaid { auditors, each, .. }) => {
						t.consumer_cost += auditors as u128 * each as u128;
					},
					_ => {},
				}
			}
			if done {
				break;
			}
			next_block();
		}
		check_invariants();

		let totals = pallet_market::Totals::<Test>::get();
		let finished = totals.settled + totals.refunded + totals.expired;
		let cheats = t.cheated.len() as f64;
		let detection = t.caught.len() as f64 / cheats.max(1.0);
		let cheaters: Vec<u64> = (81..=PROVIDERS).filter(|w| t.jobs_run.get(w).is_some_and(|n| *n > 0)).collect();
		let uncaught: Vec<u64> = cheaters.iter().copied().filter(|w| !t.first_caught.contains_key(w)).collect();
		let until: Vec<u32> = t.first_caught.values().copied().collect();
		let mean_until = until.iter().sum::<u32>() as f64 / until.len().max(1) as f64;
		let max_until = until.iter().copied().max().unwrap_or(0);
		let honest_slashed = (1..=80).filter(|w| Providers::min_stake(1_000) > pallet_providers::Providers::<Test>::get(w).unwrap().bonded).count();
		let consumers_after: u128 = (0..CONSUMERS).map(|c| Balances::total_balance(&(CONSUMER + c)) as u128).sum();
		let held: u128 = (0..CONSUMERS)
			.map(|c| Balances::balance_on_hold(&pallet_market::HoldReason::Escrow.into(), &(CONSUMER + c)) as u128)
			.sum();
		// What left the consumers' accounts beyond what they paid for, plus escrow still held.
		let lost = (consumers_before - consumers_after).saturating_sub(t.consumer_cost) + held;
		let audit = crate::Totals::<Test>::get();
		println!("adversarial simulation: {PROVIDERS} providers (80 honest, 8 wrong half the time, 6 silent, 6 copiers), {JOBS} jobs");
		println!("  jobs finished            {finished} (settled {}, refunded {})", totals.settled, totals.refunded);
		println!("  audited / disputes       {} / {}", audit.audited, audit.disputes);
		println!("  cheating jobs            {}", t.cheated.len());
		println!("  detection rate           {:.1}% ({} caught)", detection * 100.0, t.caught.len());
		println!("  wrong results paid       {} (undetected: the residual risk)", t.paid_wrong);
		println!("  cheaters caught          {}/{} (jobs until caught: mean {:.1}, max {})", t.first_caught.len(), cheaters.len(), mean_until, max_until);
		println!("  honest providers slashed {honest_slashed}");
		println!("  consumer funds lost      {lost}");
		println!("  stake slashed            {}", audit.slashed);

		assert_eq!(finished, JOBS, "every job ends");
		assert_eq!(honest_slashed, 0, "no honest provider is slashed");
		assert_eq!(lost, 0, "consumers pay only for results that stood and for audits");
		// A cheater escapes n cheating jobs with probability at most (1 − 0.15)^n: 4% for n = 20.
		let escaped: Vec<(u64, u32)> = uncaught.iter().map(|w| (*w, t.cheats_by.get(w).copied().unwrap_or(0))).collect();
		println!("  uncaught (cheater, cheating jobs) {escaped:?}");
		assert!(escaped.iter().all(|(_, n)| *n < 20), "a cheater escaped 20 cheating jobs: {escaped:?}");
		// At least the lowest spot-check probability (15% at standard sensitivity and a neutral
		// score); missed reveals and copies are always caught.
		assert!(detection >= 0.15, "detection rate {detection}");
		assert!(mean_until <= 10.0, "mean jobs until caught {mean_until}");
	});
}
