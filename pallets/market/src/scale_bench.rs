//! Benchmark: does the cost of submitting and matching a job grow with the number of providers?
//!
//! Populates the real provider registry and the market with 1,000 and then 100,000 registered,
//! bonded providers with offers (every class, every region group, prices spread over a range),
//! commits that state into the storage trie, and times `submit_job` (which matches) and
//! commitment and settlement (which, relists the offer and looks for waiting jobs) against it.
//! Prints both costs and their ratio; the goal is a ratio within 1.10.
//!
//! Run with `bash scripts/bench-market` (an ignored test: it takes a minute).

use crate::{mock::*, *};
use compnet_primitives::{HardwareClass, Region, RegionGroup, RegionSet, Sensitivity};
use frame_support::traits::fungible::Mutate;
use polkadot_sdk::frame_support;
use std::time::{Duration, Instant};

/// Jobs submitted and committed per measurement round.
const JOBS: u64 = 2_000;
/// Rounds; the median is reported.
const ROUNDS: usize = 5;

/// A provider account index well above the mock's funded accounts.
fn account(i: u32) -> AccountId {
	100_000 + i as AccountId
}

fn populate(providers: u32) {
	for i in 0..providers {
		let who = account(i);
		let class = HardwareClass::ALL[i as usize % HardwareClass::ALL.len()];
		let group = RegionGroup::ALL[(i as usize / HardwareClass::ALL.len()) % RegionGroup::ALL.len()];
		Balances::set_balance(&who, 1_000_000);
		provider(who, class, 1, Region { country: *b"XX", group });
		// Prices 50..=149, spread so every bucket has many levels.
		let price = 50 + (i.wrapping_mul(2_654_435_761) % 100) as Balance;
		Market::set_offer(RuntimeOrigin::signed(who), price, 1, true).expect("offer");
	}
}

/// Median time of one `submit_job` and of one commitment and settlement, against `providers` providers.
fn measure(providers: u32) -> (Duration, Duration) {
	let mut ext = new_test_ext();
	ext.execute_with(|| populate(providers));
	// Move the population from the overlay into the trie, as a real chain's state would be.
	ext.commit_all().expect("state commits");
	let mut submits = Vec::new();
	let mut commits = Vec::new();
	for _ in 0..ROUNDS {
		ext.execute_with(|| {
			let (mut submit, mut commit) = (Duration::ZERO, Duration::ZERO);
			for _ in 0..JOBS {
				// One job per block, as deadlines are filed per block.
				System::set_block_number(System::block_number() + 1);
				let id = NextJobId::<Test>::get();
				let deadline = System::block_number() + 100;
				let t = Instant::now();
				Market::submit_job(
					RuntimeOrigin::signed(11),
					GEMM,
					150,
					deadline,
					RegionSet::ANY,
					Sensitivity::Standard,
					Default::default(),
				)
				.expect("submits");
				submit += t.elapsed();
				let Some(JobState::Assigned { provider, .. }) = Jobs::<Test>::get(id).map(|j| j.state) else {
					panic!("job {id} was not matched");
				};
				let t = Instant::now();
				commit_and_settle(provider, id).expect("settles");
				commit += t.elapsed();
			}
			submits.push(submit / JOBS as u32);
			commits.push(commit / JOBS as u32);
		});
	}
	submits.sort();
	commits.sort();
	(submits[ROUNDS / 2], commits[ROUNDS / 2])
}

#[test]
#[ignore = "benchmark: run with scripts/bench-market"]
fn submit_and_match_cost_does_not_grow_with_providers() {
	let (small_submit, small_commit) = measure(1_000);
	let (large_submit, large_commit) = measure(100_000);
	let ratio = |large: Duration, small: Duration| large.as_secs_f64() / small.as_secs_f64();
	println!("providers      submit_job (match)   commit + settle (relist)");
	println!("1,000          {:>10.1} µs        {:>10.1} µs", small_submit.as_secs_f64() * 1e6, small_commit.as_secs_f64() * 1e6);
	println!("100,000        {:>10.1} µs        {:>10.1} µs", large_submit.as_secs_f64() * 1e6, large_commit.as_secs_f64() * 1e6);
	println!(
		"ratio 100k/1k  {:>10.3}           {:>10.3}      (goal: within 1.10)",
		ratio(large_submit, small_submit),
		ratio(large_commit, small_commit)
	);
}
