//! Rational attackers against the real pallets (issue 17): each strategy is played with the
//! attacker's best choices, and its **expected profit** is
//!
//! `E = (1 − p) · g + p · Δ_audited`
//!
//! where `g` is what the attacker is paid for the jobs it cheats on when nobody checks them, `p`
//! the spot-check probability the audit pallet computes for those jobs (`Audit::probability`), and
//! `Δ_audited` the change in everything the attacker's accounts own (free and held) when the job
//! is audited, measured by playing that branch to its decision. A strategy that acts only once
//! an audit exists (timing a reveal, colluding, copying) changes only `Δ_audited`; one that
//! needs no audit to fail (a canary) has `p = 1`. The table also counts what honest providers
//! were slashed and what honest consumers paid for a wrong result that stood; the test asserts
//! `E ≤ 0`, `0` and `0`.
//!
//! Run alone with output: `cargo test --release -p pallet-audit --lib rational -- --nocapture`.

use crate::{mock::*, verify::{canary_answer, canary_seal}, Audits, Decision};
use codec::Encode;
use compnet_primitives::{ResultRoot, Sensitivity};
use frame_support::{assert_ok, traits::fungible::Inspect};
use frame_system::RawOrigin;
use pallet_market::{JobState, Jobs};
use polkadot_sdk::{frame_support, frame_system};
use std::collections::BTreeSet;

/// One strategy's figures.
struct Outcome {
	strategy: &'static str,
	/// The attacker's best play, in words.
	play: String,
	/// `p`, ppm.
	probability: u32,
	/// `g`.
	gain: i128,
	/// `Δ_audited`.
	audited: i128,
	honest_slashed: u128,
	consumer_lost: u128,
}

impl Outcome {
	/// A matching attack: no audit is involved (`p = 0`), `g` is what the attacker's accounts
	/// gained, and no consumer paid for a wrong result.
	fn unaudited(strategy: &'static str, play: String, gain: i128, honest_slashed: u128) -> Self {
		Self { strategy, play, probability: 0, gain, audited: 0, honest_slashed, consumer_lost: 0 }
	}

	fn expected(&self) -> i128 {
		let p = self.probability as i128;
		((1_000_000 - p) * self.gain + p * self.audited) / 1_000_000
	}
}

const WRONG: ResultRoot = ResultRoot::repeat_byte(0xee);

fn wealth(who: AccountId) -> i128 {
	Balances::total_balance(&who) as i128
}

fn wealth_of(accounts: &[AccountId]) -> i128 {
	accounts.iter().map(|who| wealth(*who)).sum()
}

fn pending(job: u64) -> Vec<AccountId> {
	Audits::<Test>::get(job).unwrap().live_auditors().filter(|p| p.commitment.is_none()).map(|p| p.who).collect()
}

fn decided(job: u64) -> bool {
	Audits::<Test>::get(job).is_some_and(|r| r.decision.is_some())
}

/// What providers outside `attackers` were slashed, from the events.
fn honest_slashed(attackers: &[AccountId]) -> u128 {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Providers(pallet_providers::Event::Slashed { who, amount, .. }) if !attackers.contains(&who) =>
				Some(amount as u128),
			_ => None,
		})
		.sum()
}

/// What an honest consumer paid for `jobs` whose wrong result stood.
fn consumer_lost(jobs: &[u64]) -> u128 {
	jobs.iter()
		.filter_map(|job| {
			let record = Audits::<Test>::get(job)?;
			let wrong = record.parties.first()?.root != Some(public(*job, right(*job)));
			match Jobs::<Test>::get(job)?.state {
				JobState::Settled { paid, fee, .. } if wrong => Some((paid + fee) as u128),
				_ => None,
			}
		})
		.sum()
}

/// Plays every committed party of `job` honestly, except `liars` (who say `WRONG`) and `copiers`
/// (who copy the majority's root as round 0 revealed it), round after round, until the job is
/// decided.
fn play_out(job: u64, liars: &[AccountId], copiers: &[AccountId]) {
	for _ in 0..60 {
		if decided(job) {
			return;
		}
		let Some(record) = Audits::<Test>::get(job) else { return };
		for who in record.live_auditors().filter(|p| p.commitment.is_none()).map(|p| p.who).collect::<Vec<_>>() {
			if copiers.contains(&who) {
				let copied = public(job, right(job));
				let commitment = compnet_primitives::commitment(&who.encode(), job, &copied, &salt(who, job));
				let _ = crate::Pallet::<Test>::commit_result(RuntimeOrigin::signed(who), job, commitment);
			} else {
				let _ = commit(who, job, if liars.contains(&who) { WRONG } else { right(job) });
			}
		}
		let record = Audits::<Test>::get(job).unwrap();
		for party in record.parties.iter().filter(|p| p.live() && p.commitment.is_some() && p.root.is_none()) {
			let who = party.who;
			if copiers.contains(&who) {
				let _ = crate::Pallet::<Test>::reveal(RuntimeOrigin::signed(who), job, public(job, right(job)), salt(who, job));
			} else {
				let _ = reveal(who, job, if liars.contains(&who) || who == record.parties[0].who { WRONG } else { right(job) });
			}
		}
		run_blocks(1);
	}
	panic!("job {job} undecided");
}

/// A cheater (provider 1) and `others` honest providers; `before` is read once everyone is
/// registered. Returns the job, committed with `WRONG` and audited (no randomness: fail closed).
fn cheat(others: u64) -> u64 {
	provider(1, 1, 9, 8);
	for who in 2..=1 + others {
		provider(who, who, 10, 8);
	}
	RandomnessAvailable::set(false);
	let (job, by) = submit(CONSUMER, 20);
	assert_eq!(by, Some(1));
	assert_ok!(commit(1, job, WRONG));
	job
}

/// The spot-check probability the draw applies to `job` (with the probe of its pool) and what
/// the job pays its provider.
fn p_and_gain(job: u64) -> (u32, i128) {
	let record = Audits::<Test>::get(job).unwrap();
	(crate::Pallet::<Test>::audit_odds(&record, &[7; 32]), record.payment as i128)
}

/// A caught provider reveals `delay` blocks into the window, hoping for a dispute draw that finds
/// nobody or its own accounts.
fn dispute_timing() -> Outcome {
	let mut best: Option<(u64, i128, u32, i128, u128, u128)> = None;
	for delay in 0..=4 {
		build_and_execute(|| {
			let job = cheat(11);
			let (p, gain) = p_and_gain(job);
			let before = wealth(1);
			run_blocks(2);
			RandomnessAvailable::set(true);
			for who in pending(job) {
				assert_ok!(commit(who, job, right(job)));
			}
			for who in Audits::<Test>::get(job).unwrap().live_auditors().map(|p| p.who).collect::<Vec<_>>() {
				assert_ok!(reveal(who, job, right(job)));
			}
			run_blocks(delay);
			assert_ok!(reveal(1, job, WRONG));
			play_out(job, &[], &[]);
			let delta = wealth(1) - before;
			if best.is_none_or(|b| delta > b.1) {
				best = Some((delay, delta, p, gain, honest_slashed(&[1]), consumer_lost(&[job])));
			}
		});
	}
	let (delay, audited, probability, gain, honest_slashed, consumer_lost) = best.unwrap();
	Outcome {
		strategy: "dispute timing",
		play: format!("reveal {delay} blocks late (best of 0..=4)"),
		probability,
		gain,
		audited,
		honest_slashed,
		consumer_lost,
	}
}

/// The cheater's accomplice is drawn into the dispute and votes with it.
fn colluding_dispute_auditor() -> Outcome {
	let mut outcome = None;
	build_and_execute(|| {
		let job = cheat(3);
		let (probability, gain) = p_and_gain(job);
		run_blocks(2);
		let first = pending(job)[0];
		let colluder = (2..=4).find(|w| *w != first).unwrap();
		let attackers = [1, colluder];
		let before = wealth_of(&attackers);
		play_out(job, &[colluder], &[]);
		assert_eq!(Audits::<Test>::get(job).unwrap().decision, Some(Decision::Overturned));
		outcome = Some(Outcome {
			strategy: "colluding dispute auditor",
			play: "one accomplice in a dispute of two".into(),
			probability,
			gain,
			audited: wealth_of(&attackers) - before,
			honest_slashed: honest_slashed(&attackers),
			consumer_lost: consumer_lost(&[job]),
		});
	});
	outcome.unwrap()
}

/// A dispute auditor copies the root round 0 revealed instead of running the job: its gain is
/// the work it saves, its pay as an honest auditor (`g`); it is always in an audit (`p = 1`).
fn copying_dispute_auditor() -> Outcome {
	let mut outcome = None;
	build_and_execute(|| {
		let job = cheat(3);
		run_blocks(2);
		let first = pending(job)[0];
		let copier = (2..=4).find(|w| *w != first).unwrap();
		let before = wealth(copier);
		play_out(job, &[], &[copier]);
		let honest = (2..=4).find(|w| *w != first && *w != copier).unwrap();
		let paid_honest = Audits::<Test>::get(job).unwrap().parties.iter().find(|p| p.who == honest).unwrap().paid;
		outcome = Some(Outcome {
			strategy: "copying dispute auditor",
			play: "copy the majority's round-0 root".into(),
			probability: 1_000_000,
			gain: paid_honest as i128,
			audited: wealth(copier) - before,
			honest_slashed: honest_slashed(&[1, copier]),
			consumer_lost: consumer_lost(&[job]),
		});
	});
	outcome.unwrap()
}

/// A provider with the minimum stake takes as many jobs as it can and cheats on all of them;
/// `others` providers can audit it (each job's value needs a committee of 5).
fn exposure_beyond_stake(others: u64) -> Outcome {
	let mut outcome = None;
	build_and_execute(|| {
		provider(1, 1, 500, 4);
		for who in 2..=1 + others {
			provider(who, who, 5_000, 1);
		}
		RandomnessAvailable::set(false);
		let before = wealth(1);
		let mut jobs = Vec::new();
		for _ in 0..4 {
			if let (job, Some(1)) = submit(CONSUMER, 600) {
				jobs.push(job);
			}
		}
		for job in &jobs {
			assert_ok!(commit(1, *job, WRONG));
		}
		// Each job's probability against the stake not backing the others, all of them open.
		let odds: Vec<(u32, i128)> = jobs.iter().map(|job| p_and_gain(*job)).collect();
		jobs.iter().for_each(|job| play_out(*job, &[], &[]));
		// Per job: (1 − p)·g + p·(−its slash), summed; the audited figure is the slashes in all.
		let slashes: Vec<i128> = jobs.iter().map(|job| Audits::<Test>::get(job).unwrap().parties[0].slashed as i128).collect();
		let expected: i128 = odds.iter().zip(&slashes).map(|((p, g), s)| ((1_000_000 - *p as i128) * g - *p as i128 * s) / 1_000_000).sum();
		let gain: i128 = odds.iter().map(|(_, g)| g).sum();
		let audited = wealth(1) - before;
		// Express the sum as one (p, g, Δ): the p that gives the same expectation.
		let probability = if gain - audited == 0 { 0 } else { ((gain - expected) * 1_000_000 / (gain - audited)) as u32 };
		outcome = Some(Outcome {
			strategy: if others >= 5 { "exposure beyond stake" } else { "committee larger than the pool" },
			play: format!("{} jobs of 4 asked taken on the minimum stake, all wrong; {others} possible auditors", jobs.len()),
			probability,
			gain,
			audited,
			honest_slashed: honest_slashed(&[1]),
			consumer_lost: consumer_lost(&jobs),
		});
	});
	outcome.unwrap()
}

/// The cheater names the largest honest operator as its own, hoping that none of its machines
/// audit it (they are the only other machines); the operator never accepted the link.
fn operator_spoofing() -> Outcome {
	let mut outcome = None;
	build_and_execute(|| {
		provider(1, 2, 9, 8);
		provider(2, 2, 10, 8);
		for who in 3..=4 {
			provider(who, 2, 10, 8);
			assert_ok!(Providers::accept_provider(RuntimeOrigin::signed(2), who));
		}
		RandomnessAvailable::set(false);
		let (job, by) = submit(CONSUMER, 20);
		assert_eq!(by, Some(1));
		assert_ok!(commit(1, job, WRONG));
		let (probability, gain) = p_and_gain(job);
		let before = wealth(1);
		run_blocks(2);
		let drawn: BTreeSet<AccountId> = Audits::<Test>::get(job).unwrap().live_auditors().map(|p| p.who).collect();
		assert!(drawn.iter().any(|who| (2..=4).contains(who)), "the spoofed operator's machines still audit: {drawn:?}");
		play_out(job, &[], &[]);
		outcome = Some(Outcome {
			strategy: "operator spoofing",
			play: "declare the largest operator (3 machines) as its own".into(),
			probability,
			gain,
			audited: wealth(1) - before,
			honest_slashed: honest_slashed(&[1]),
			consumer_lost: consumer_lost(&[job]),
		});
	});
	outcome.unwrap()
}

/// What a provider sees of `job` when it must decide whether to cheat: the kinds of the events
/// that name it, its market record (with its consumer, input root and submission block set
/// aside, which differ between any two jobs) and whether the audit pallet keeps anything for it.
fn footprint(job: u64) -> (Vec<String>, Vec<u8>, bool) {
	let names_job = |text: &String| text.contains(&format!("job: {job},")) || text.contains(&format!("job: {job} }}"));
	let events = System::events()
		.into_iter()
		.map(|record| format!("{:?}", record.event))
		.filter(names_job)
		.map(|text| text.split('{').next().unwrap_or_default().trim().to_string())
		.collect();
	let mut record = Jobs::<Test>::get(job).expect("the job exists");
	record.consumer = 0;
	record.spec.input_root = ResultRoot::zero();
	record.submitted_at = 0;
	(events, record.encode(), Audits::<Test>::contains_key(job))
}

/// Canary detection: before it commits, the cheater compares what the chain shows of a job with
/// an ordinary job's (events, record, audit storage), to cheat only where it sees no canary. The
/// canary was sealed in a batch long before, names an input hash and no job, and is paid from a
/// payer account like any consumer: nothing differs, so the cheater cannot spare the canary. It
/// cheats on it, with the auditor drawn vouching for the wrong root, and both pay.
fn canary_detection() -> Outcome {
	let mut outcome = None;
	build_and_execute(|| {
		provider(1, 1, 9, 8);
		provider(2, 2, 10, 8);
		let canary_salt = [4u8; 32];
		let canary_input = ResultRoot::repeat_byte(0x5a);
		// The ordinary job comes first, the canary second.
		let canary = pallet_market::NextJobId::<Test>::get() + 1;
		let seals = vec![
			(canary_seal(&canary_input, &canary_salt), canary_answer(&right(canary), &canary_salt)),
			(canary_seal(&ResultRoot::repeat_byte(0x5b), &[5u8; 32]), canary_answer(&right(canary + 9), &[5u8; 32])),
		];
		assert_ok!(crate::Pallet::<Test>::seal_canaries(RawOrigin::Root.into(), seals.try_into().unwrap()));
		run_blocks(20);
		RandomnessAvailable::set(false);
		let (ordinary, by) = submit(CONSUMER, 20);
		assert_eq!(by, Some(1));
		assert_ok!(Market::submit_job(
			RuntimeOrigin::signed(CONSUMER + 2),
			GEMM,
			20,
			System::block_number() + 200,
			compnet_primitives::RegionSet::ANY,
			Sensitivity::Standard,
			canary_input,
		));
		let (seen_ordinary, seen_canary) = (footprint(ordinary), footprint(canary));
		assert_eq!(seen_ordinary, seen_canary, "a canary looks like any other job");
		assert_ok!(commit(1, canary, WRONG));
		let attackers = [1, 2];
		let before = wealth_of(&attackers);
		run_blocks(2);
		play_out(canary, &[2], &[]);
		assert_ok!(crate::Pallet::<Test>::reveal_canary(RawOrigin::Root.into(), canary, right(canary), canary_salt));
		assert_eq!(Audits::<Test>::get(canary).unwrap().decision, Some(Decision::CanaryFailed));
		outcome = Some(Outcome {
			strategy: "canary detection, auditor vouching",
			play: format!(
				"spare jobs that differ from an ordinary one ({} events, the record, the audit storage: none differs); \
				 provider and its auditor agree on a wrong root",
				seen_canary.0.len()
			),
			probability: 1_000_000,
			gain: 0,
			audited: wealth_of(&attackers) - before,
			honest_slashed: honest_slashed(&attackers),
			consumer_lost: 0,
		});
	});
	outcome.unwrap()
}

/// The attacker queues 17 (more than `MaxProbes`) jobs of `workload` at a high bid (1,000 a
/// unit) until `deadline`; returns how many.
fn queue_blockers(attacker: AccountId, workload: compnet_primitives::Workload, deadline: u64) -> u32 {
	let blockers = 17;
	for _ in 0..blockers {
		assert_ok!(Market::submit_job(
			RuntimeOrigin::signed(attacker),
			workload,
			1_000,
			deadline,
			compnet_primitives::RegionSet::ANY,
			Sensitivity::Standard,
			INPUT_ROOT,
		));
	}
	blockers
}

/// A matching blocker: more than `MaxProbes` high-bid jobs only a GPU can run, queued ahead of an
/// honest job in a market whose only offer is a CPU, meant to keep the honest job waiting until
/// its deadline. The CPU offer reads only the jobs its class can run and takes the honest one; the
/// blockers wait for a GPU and are refunded at their deadline. `g` is what the attacker's
/// accounts gained by the time its jobs ended (no audit is involved: `p = 0`).
fn matching_blocker() -> Outcome {
	let mut outcome = None;
	build_and_execute(|| {
		use compnet_primitives::{HardwareClass, Workload};
		// A working set of 16.5 GiB: more than a CPU provider holds.
		let gpu_only = Workload::GemmI8 { m: 65_536, n: 65_536, k: 4_096 };
		let attacker = CONSUMER + 1;
		let before = wealth(attacker);
		let deadline = System::block_number() + 200;
		let blockers = queue_blockers(attacker, gpu_only, deadline);
		let (honest, by) = submit(CONSUMER, 20);
		assert_eq!(by, None, "no offer yet");
		let cpu = profile(HardwareClass::Cpu, 1);
		let stake = Providers::min_stake(cpu.capacity);
		assert_ok!(Providers::register(RuntimeOrigin::signed(1), cpu));
		assert_ok!(Providers::bond(RuntimeOrigin::signed(1), stake));
		assert_ok!(Market::set_offer(RuntimeOrigin::signed(1), 10, 2, true));
		let matched = matches!(Jobs::<Test>::get(honest).map(|j| j.state), Some(JobState::Assigned { provider: 1, .. }));
		assert!(matched, "the CPU offer takes the honest job past the blockers");
		run_to(deadline + 2);
		outcome = Some(Outcome::unaudited(
			"matching blocker",
			format!("{blockers} high-bid jobs only a GPU can run, ahead of an honest job, against a CPU offer"),
			wealth(attacker) - before,
			honest_slashed(&[]),
		));
	});
	outcome.unwrap()
}

/// A stake blocker: more than `MaxProbes` high-bid jobs worth more than any offer's free stake
/// (510 units; the offer's 10,000 at 20 a unit backs 500), queued ahead of an honest 9-unit job,
/// meant to use up the offer's search. The offer reads one of them, in the last size tier its stake
/// reaches, and takes the honest job; the blockers are refunded at their deadline.
fn stake_blocker() -> Outcome {
	let mut outcome = None;
	build_and_execute(|| {
		use compnet_primitives::Workload;
		let too_large = Workload::GemmI8 { m: 8192, n: 8192, k: 7600 };
		let attacker = CONSUMER + 1;
		let before = wealth(attacker);
		let deadline = System::block_number() + 200;
		let blockers = queue_blockers(attacker, too_large, deadline);
		let (honest, by) = submit(CONSUMER, 20);
		assert_eq!(by, None, "no offer yet");
		provider(1, 1, 20, 2);
		let matched = matches!(Jobs::<Test>::get(honest).map(|j| j.state), Some(JobState::Assigned { provider: 1, .. }));
		assert!(matched, "the offer takes the honest job past the jobs its stake cannot back");
		run_to(deadline + 2);
		outcome = Some(Outcome::unaudited(
			"stake blocker",
			format!("{blockers} high-bid jobs too large for the offer's stake, ahead of an honest job"),
			wealth(attacker) - before,
			honest_slashed(&[]),
		));
	});
	outcome.unwrap()
}

/// An offer-side blocker: `MaxProbes` offers on the minimum stake, cheaper than an honest one, so
/// that a job worth more than their stake finds none at submission and waits while the honest
/// offer is idle. The honest provider pulls it (`take_waiting_jobs`); the blockers earn nothing.
fn small_offer_blocker() -> Outcome {
	let mut outcome = None;
	build_and_execute(|| {
		use compnet_primitives::{RegionSet, Sensitivity, Workload};
		let blockers: Vec<AccountId> = (2..=17).collect();
		let before = wealth_of(&blockers);
		provider(1, 1, 9, 2);
		assert_ok!(Providers::bond(RuntimeOrigin::signed(1), 4 * Providers::min_stake(1_000)));
		for who in &blockers {
			provider(*who, *who, 5, 2);
		}
		let job = pallet_market::NextJobId::<Test>::get();
		assert_ok!(Market::submit_job(
			RuntimeOrigin::signed(CONSUMER),
			Workload::GemmI8 { m: 8192, n: 8192, k: 32_768 },
			20,
			System::block_number() + 200,
			RegionSet::ANY,
			Sensitivity::Standard,
			INPUT_ROOT,
		));
		assert_eq!(Jobs::<Test>::get(job).map(|j| j.state), Some(JobState::Queued), "every probe read a small offer");
		assert_ok!(Market::take_waiting_jobs(RuntimeOrigin::signed(1)));
		let matched = matches!(Jobs::<Test>::get(job).map(|j| j.state), Some(JobState::Assigned { provider: 1, .. }));
		assert!(matched, "the idle honest offer pulls the job");
		// The job runs on the honest offer: the consumer's escrow waits for its result.
		outcome = Some(Outcome::unaudited(
			"small-offer blocker",
			format!("{} cheaper offers on the minimum stake, too small for a 2,200-unit job", blockers.len()),
			wealth_of(&blockers) - before,
			honest_slashed(&blockers),
		));
	});
	outcome.unwrap()
}

/// Plays `jobs` honestly, every party committing and revealing the right root, until each ended.
fn play_honestly(jobs: &[u64]) {
	for _ in 0..200 {
		let open: Vec<u64> =
			jobs.iter().copied().filter(|job| Jobs::<Test>::get(job).is_some_and(|j| !j.state.is_final())).collect();
		if open.is_empty() {
			return;
		}
		for job in open {
			let Some(record) = Audits::<Test>::get(job) else {
				if let Some(JobState::Assigned { provider, .. }) = Jobs::<Test>::get(job).map(|j| j.state) {
					let _ = commit(provider, job, right(job));
				}
				continue;
			};
			for party in record.parties.iter().filter(|p| p.live()) {
				if party.commitment.is_none() {
					let _ = commit(party.who, job, right(job));
				} else if party.root.is_none() {
					let _ = reveal(party.who, job, right(job));
				}
			}
		}
		run_blocks(1);
	}
	panic!("jobs {jobs:?} never ended");
}

/// A self-dealing ring: the cheater pays for its own jobs from a fresh account that is no
/// provider (the self-dealing filter cannot link it) and runs them honestly, audited or not, until
/// its score qualifies it for high-sensitivity jobs; then it cheats on an honest consumer's job,
/// hoping its score lowered the spot-check rate. The score bought costs the ring the protocol fee
/// and the auditors' pay of every job; the spot-check floor does not depend on the score.
fn self_dealing_ring(target: Sensitivity) -> Outcome {
	use pallet_quality::QualityScores;
	let mut outcome = None;
	build_and_execute(|| {
		provider(1, 1, 9, 8);
		for who in 2..=12 {
			provider(who, who, 10, 8);
		}
		// The other rows ran with no randomness (the thread keeps the setting).
		RandomnessAvailable::set(true);
		let payer = CONSUMER + 5;
		let ring = [1, payer];
		let before = wealth_of(&ring);
		let score_before = <Quality as QualityScores<AccountId>>::composite(&1);
		let mut jobs = Vec::new();
		while !<Quality as QualityScores<AccountId>>::eligible(&1, Sensitivity::High) {
			let batch: Vec<u64> = (0..4)
				.map(|_| {
					let (job, by) = submit(payer, 20);
					assert_eq!(by, Some(1), "the ring's offer is the cheapest");
					job
				})
				.collect();
			play_honestly(&batch);
			jobs.extend(batch);
			assert!(jobs.len() < 400, "never eligible");
		}
		let ring_cost = before - wealth_of(&ring);
		let decisions: Vec<Decision> = audit_events()
			.into_iter()
			.filter_map(|e| match e {
				crate::Event::Decided { job, decision, .. } if jobs.contains(&job) => Some(decision),
				_ => None,
			})
			.collect();
		assert_eq!(decisions.len(), jobs.len(), "every ring job decided");
		let audited = decisions.iter().filter(|d| **d != Decision::Unaudited).count();
		let points = (<Quality as QualityScores<AccountId>>::composite(&1) - score_before) as i128 / 10_000;
		// The honest providers' own history, as good as the ring's (fed to the real quality
		// pallet): they may audit sensitive jobs too.
		for who in 2..=12 {
			use pallet_quality::{Outcome::*, QualityFeed};
			for outcome in [[Completed { expected: 10, taken: 8 }; 8].as_slice(), &[AuditPassed; 3]].concat() {
				<Quality as QualityFeed<AccountId>>::record(&who, None, outcome);
			}
			assert!(<Quality as QualityScores<AccountId>>::eligible(&who, Sensitivity::High));
		}
		RandomnessAvailable::set(false);
		let job = pallet_market::NextJobId::<Test>::get();
		let workload = match target {
			Sensitivity::High => compnet_primitives::Workload::HeLinear {
				rows: 64,
				cols: 64,
				batch: 8,
				encrypted_weights: false,
				second_rows: None,
			},
			_ => GEMM,
		};
		assert_ok!(Market::submit_job(
			RuntimeOrigin::signed(CONSUMER),
			workload,
			20,
			System::block_number() + 200,
			compnet_primitives::RegionSet::ANY,
			target,
			INPUT_ROOT,
		));
		assert!(matches!(Jobs::<Test>::get(job).map(|j| j.state), Some(JobState::Assigned { provider: 1, .. })));
		assert_ok!(commit(1, job, WRONG));
		let (probability, payment) = p_and_gain(job);
		run_blocks(2);
		play_out(job, &[], &[]);
		outcome = Some(Outcome {
			strategy: if target == Sensitivity::High { "self-dealing ring, high sensitivity" } else { "self-dealing ring" },
			play: format!(
				"{} self-paid jobs ({audited} audited) from an unlinked account buy {points} points of score and high-sensitivity eligibility for {ring_cost}, {} per point; then one {target:?} cheat",
				jobs.len(),
				ring_cost / points.max(1),
			),
			probability,
			gain: payment - ring_cost,
			audited: wealth_of(&ring) - before,
			honest_slashed: honest_slashed(&ring),
			consumer_lost: consumer_lost(&[job]),
		});
	});
	outcome.unwrap()
}

/// Whether `job`'s draw audits it, stepping block by block until the draw.
fn drawn_audited(job: u64) -> bool {
	for _ in 0..10 {
		next_block();
		let drawn = audit_events().into_iter().find_map(|e| match e {
			crate::Event::AuditDrawn { job: j, audited, .. } if j == job => Some(audited),
			_ => None,
		});
		if let Some(audited) = drawn {
			return audited;
		}
	}
	panic!("job {job} never drawn");
}

/// A validator that is also a provider, holding the last block of its draw's seed (the mock's
/// seed is one block: the attacker's). It sees the draw its block would give; when that audits
/// it, it withholds the block so that another author's output stands, and is audited only when
/// both draws audit it. Played over `TRIALS` jobs with independent seeds; `p` is the pallet's
/// probability squared (what the floor is computed for), and the rate measured in the trials
/// is checked against it.
fn validator_also_provider() -> Outcome {
	use frame_support::storage::{with_transaction, TransactionOutcome};
	const TRIALS: u64 = 600;
	let (mut caught, mut probability, mut gain, mut audited) = (0u64, 0u32, 0i128, 0i128);
	let mut honest = 0;
	for trial in 0..TRIALS {
		build_and_execute(|| {
			RandomnessAvailable::set(true);
			provider(1, 1, 9, 8);
			for who in 2..=6 {
				provider(who, who, 10, 8);
			}
			let (job, by) = submit(CONSUMER, 20);
			assert_eq!(by, Some(1));
			assert_ok!(commit(1, job, WRONG));
			let (p, g) = p_and_gain(job);
			(probability, gain) = (p, g);
			RandomnessFork::set(2 * trial + 1);
			let published: Result<bool, polkadot_sdk::sp_runtime::DispatchError> =
				with_transaction(|| TransactionOutcome::Rollback(Ok(drawn_audited(job))));
			if published.unwrap() {
				RandomnessFork::set(2 * trial + 2);
				if drawn_audited(job) {
					caught += 1;
					let before = wealth(1);
					play_out(job, &[], &[]);
					audited = wealth(1) - before;
					honest += honest_slashed(&[1]);
				}
			}
		});
	}
	RandomnessFork::set(0);
	let p = probability as u64;
	let both = p * p / 1_000_000;
	let measured = caught * 1_000_000 / TRIALS;
	// Independent draws: the rate caught is p², within four standard deviations.
	let sigma = ((both * (1_000_000 - both)) as f64 / TRIALS as f64).sqrt() as u64;
	assert!(measured.abs_diff(both) <= 4 * sigma, "caught {measured} ppm, p² = {both} ppm, σ = {sigma}");
	Outcome {
		strategy: "validator also a provider",
		play: format!(
			"withhold its seed block whenever publishing it would audit the cheat: caught in {caught} of {TRIALS} jobs ({measured} ppm; p = {probability}, p² = {both}), and the withheld blocks forfeit their fees"
		),
		probability: both as u32,
		gain,
		audited,
		honest_slashed: honest,
		consumer_lost: 0,
	}
}

#[test]
fn rational_attackers_never_profit() {
	let outcomes = [
		dispute_timing(),
		colluding_dispute_auditor(),
		copying_dispute_auditor(),
		exposure_beyond_stake(5),
		exposure_beyond_stake(3),
		operator_spoofing(),
		canary_detection(),
		matching_blocker(),
		stake_blocker(),
		small_offer_blocker(),
		self_dealing_ring(Sensitivity::Standard),
		self_dealing_ring(Sensitivity::High),
		validator_also_provider(),
	];
	println!("| strategy | best play | p (ppm) | g | Δ audited | E = (1−p)·g + p·Δ | honest slashed | consumer lost |");
	println!("|---|---|---|---|---|---|---|---|");
	for o in &outcomes {
		println!(
			"| {} | {} | {} | {} | {} | {} | {} | {} |",
			o.strategy,
			o.play,
			o.probability,
			o.gain,
			o.audited,
			o.expected(),
			o.honest_slashed,
			o.consumer_lost
		);
	}
	for o in &outcomes {
		assert!(o.expected() <= 0, "{}: expected profit {}", o.strategy, o.expected());
		assert_eq!(o.honest_slashed, 0, "{}: honest providers slashed", o.strategy);
		assert_eq!(o.consumer_lost, 0, "{}: consumer funds lost", o.strategy);
	}
}
