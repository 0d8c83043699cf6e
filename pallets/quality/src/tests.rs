//! Unit tests of the quality pallet: outcomes, self-dealing, effects, leaderboards, decay.

use crate::{mock::*, model::ONE, Event, Leaders, Outcome, QualityFeed, QualityScores, Scores};
use compnet_primitives::{HardwareClass, Sensitivity};
use frame_support::assert_ok;
use polkadot_sdk::frame_support;

const CONSUMER: AccountId = 100;

fn record(who: AccountId, outcome: Outcome) {
	<Quality as QualityFeed<AccountId>>::record(&who, Some(&CONSUMER), outcome);
}

fn composite(who: AccountId) -> u32 {
	<Quality as QualityScores<AccountId>>::composite(&who)
}

const ON_TIME: Outcome = Outcome::Completed { expected: 10, taken: 8 };

#[test]
fn a_newcomer_starts_at_the_neutral_score() {
	build_and_execute(|| {
		provider(1, 1, HardwareClass::H100);
		let score = Quality::score(&1);
		assert_eq!((score.speed, score.stability, score.security, score.composite), (ONE / 2, ONE / 2, ONE / 2, ONE / 2));
		assert!(!Scores::<Test>::contains_key(1));
	});
}

#[test]
fn completed_jobs_raise_speed_and_stability_slow_ones_less() {
	build_and_execute(|| {
		provider(1, 1, HardwareClass::H100);
		provider(2, 2, HardwareClass::H100);
		record(1, ON_TIME);
		record(2, Outcome::Completed { expected: 10, taken: 40 });
		let (fast, slow) = (Quality::score(&1), Quality::score(&2));
		assert!(fast.speed > ONE / 2 && fast.stability > ONE / 2);
		assert!(slow.speed < ONE / 2, "a job four times slower than expected lowers speed");
		assert_eq!(fast.stability, slow.stability, "both completed");
		assert_eq!(fast.security, ONE / 2);
		System::assert_last_event(Event::ScoreUpdated { provider: 2, outcome: Outcome::Completed { expected: 10, taken: 40 }, score: slow }.into());
	});
}

#[test]
fn self_dealing_never_counts() {
	build_and_execute(|| {
		provider(1, 7, HardwareClass::H100);
		provider(2, 7, HardwareClass::H100);
		// The operator itself as consumer, and a sister provider of the same operator.
		<Quality as QualityFeed<AccountId>>::record(&1, Some(&7), ON_TIME);
		<Quality as QualityFeed<AccountId>>::record(&1, Some(&2), ON_TIME);
		assert!(!Scores::<Test>::contains_key(1));
		System::assert_last_event(Event::SelfDealingIgnored { provider: 1, consumer: 2 }.into());
		// Another operator's job counts.
		record(1, ON_TIME);
		assert!(composite(1) > ONE / 2);
	});
}

#[test]
fn a_failed_audit_costs_more_than_a_passed_one_earns() {
	build_and_execute(|| {
		provider(1, 1, HardwareClass::H100);
		for _ in 0..5 {
			record(1, Outcome::AuditPassed);
		}
		let before = Quality::score(&1).security;
		record(1, Outcome::AuditPassed);
		let gained = Quality::score(&1).security - before;
		let peak = Quality::score(&1).security;
		record(1, Outcome::AuditFailed);
		let lost = peak - Quality::score(&1).security;
		assert!(lost > gained, "lost {lost} vs gained {gained}");
	});
}

#[test]
fn ranking_and_eligibility_follow_the_score() {
	build_and_execute(|| {
		provider(1, 1, HardwareClass::H100);
		provider(2, 2, HardwareClass::H100);
		for _ in 0..20 {
			record(1, ON_TIME);
			record(1, Outcome::AuditPassed);
		}
		record(2, Outcome::AuditFailed);
		let price = 1_000_000u128;
		let (good, bad) = (
			<Quality as QualityScores<AccountId>>::rank_price(&1, price),
			<Quality as QualityScores<AccountId>>::rank_price(&2, price),
		);
		assert!(good < price, "a good score ranks below its price");
		assert_eq!(bad, price, "a score below neutral gets no discount, and never a penalty above the price");
		assert!(<Quality as QualityScores<AccountId>>::eligible(&1, Sensitivity::High));
		assert!(!<Quality as QualityScores<AccountId>>::eligible(&2, Sensitivity::High));
		assert!(<Quality as QualityScores<AccountId>>::eligible(&2, Sensitivity::Standard));
	});
}

/// Issue 17's attack: a provider pays for its own jobs from a fresh account that is no provider
/// (so the self-dealing filter cannot see it) and lets them complete unaudited until its composite
/// passes the 70% threshold. The score is bought, the audits are not: it stays out of sensitive
/// jobs until other operators' auditors passed three of its results.
#[test]
fn a_score_bought_with_self_dealt_jobs_does_not_unlock_sensitive_jobs() {
	build_and_execute(|| {
		provider(1, 1, HardwareClass::H100);
		let sock_puppet: AccountId = 555;
		let eligible = |who| <Quality as QualityScores<AccountId>>::eligible(&who, Sensitivity::High);
		let mut jobs = 0;
		while composite(1) < SensitiveThreshold::get() {
			<Quality as QualityFeed<AccountId>>::record(&1, Some(&sock_puppet), ON_TIME);
			jobs += 1;
			assert!(jobs < 100, "the composite never passed the threshold");
		}
		assert!(jobs <= 20, "cheap: {jobs} self-dealt jobs reach {}", composite(1));
		println!("{jobs} self-dealt jobs reach a composite of {}", composite(1));
		assert!(!eligible(1), "a bought score alone does not unlock sensitive jobs");
		// Passed audits do: two are not enough, the third is.
		for passed in 1..=3 {
			record(1, Outcome::AuditPassed);
			assert_eq!(eligible(1), passed == 3, "after {passed} passed audits");
		}
		assert!(<Quality as QualityScores<AccountId>>::eligible(&1, Sensitivity::Standard));
	});
}

#[test]
fn the_leaderboard_keeps_the_best_of_a_class_bounded() {
	build_and_execute(|| {
		for who in 1..=6 {
			provider(who, who, HardwareClass::H100);
			for _ in 0..who {
				record(who, Outcome::AuditPassed);
			}
		}
		provider(9, 9, HardwareClass::A100);
		record(9, Outcome::AuditPassed);
		let board = Leaders::<Test>::get(HardwareClass::H100);
		assert_eq!(board.iter().map(|(who, _)| *who).collect::<Vec<_>>(), vec![6, 5, 4, 3], "MaxLeaders = 4");
		let best = Quality::best(HardwareClass::H100, 2);
		assert_eq!(best.iter().map(|(who, _)| *who).collect::<Vec<_>>(), vec![6, 5]);
		assert_eq!(Quality::best(HardwareClass::H100, 100).len(), 4, "bounded by the leaderboard");
		assert_eq!(Quality::best(HardwareClass::A100, 5)[0].0, 9);
		// A fall moves a provider down; one that leaves the class is skipped.
		for _ in 0..3 {
			record(6, Outcome::AuditFailed);
		}
		assert_eq!(Quality::best(HardwareClass::H100, 1)[0].0, 5);
		assert_ok!(Providers::deregister(RuntimeOrigin::signed(5)));
		assert_eq!(Quality::best(HardwareClass::H100, 1)[0].0, 4);
		// Its evidence and its place went with it: nothing stays behind that no deposit pays for.
		assert!(crate::Scores::<Test>::get(5).is_none());
		assert!(!Leaders::<Test>::get(HardwareClass::H100).iter().any(|(who, _)| *who == 5));
	});
}

#[test]
fn late_heartbeats_cost_stability_on_time_ones_nothing() {
	build_and_execute(|| {
		provider(1, 1, HardwareClass::H100);
		System::set_block_number(11);
		assert_ok!(Providers::heartbeat(RuntimeOrigin::signed(1)));
		assert!(!Scores::<Test>::contains_key(1), "10 blocks: on time");
		System::set_block_number(40);
		assert_ok!(Providers::heartbeat(RuntimeOrigin::signed(1)));
		assert!(Quality::score(&1).stability < ONE / 2);
		System::assert_has_event(Event::ScoreUpdated { provider: 1, outcome: Outcome::HeartbeatLate { late_by: 19 }, score: Quality::score(&1) }.into());
	});
}

#[test]
fn old_failures_fade_and_the_score_recovers() {
	build_and_execute(|| {
		provider(1, 1, HardwareClass::H100);
		for _ in 0..3 {
			record(1, Outcome::AuditFailed);
		}
		let fallen = Quality::score(&1).security;
		assert!(fallen < 200_000);
		// Good behaviour over the following periods (10 blocks each).
		for period in 1..=100u64 {
			System::set_block_number(period * 10);
			for _ in 0..3 {
				record(1, Outcome::AuditPassed);
			}
		}
		assert!(Quality::score(&1).security > 900_000, "recovered to {}", Quality::score(&1).security);
		// Read-time decay: with no news for long, evidence fades back to the prior.
		System::set_block_number(1_000_000);
		assert_eq!(Quality::score(&1).security, ONE / 2);
	});
}
