//! Random sequences of provider and market operations. After every step both pallets'
//! invariants hold; no job is ever assigned outside its regions or to hardware that cannot hold
//! it, or to hardware too slow for it; at the end, once every deadline has passed, nothing is held
//! in escrow and the funds add up: issuance fell by exactly what was slashed and the deposits of
//! inputs that never arrived.

use crate::{mock::*, *};
use compnet_primitives::{HardwareClass, Region, RegionGroup, RegionSet, Workload};
use frame_support::traits::{fungible::InspectHold, Hooks};
use pallet_providers::SlashReason;
use polkadot_sdk::{frame_support, pallet_balances, sp_runtime::Perbill};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
	Onboard { provider: u64, class: usize, group: usize, price: u64, slots: u32 },
	Register { provider: u64, class: usize, group: usize },
	Bond { provider: u64, amount: u64 },
	Offer { provider: u64, price: u64, slots: u32, available: bool },
	Pause { provider: u64 },
	Resume { provider: u64 },
	Submit { consumer: u64, workload: usize, bid: u64, regions: u8 },
	Cancel { job: u64 },
	Commit { job: u64 },
	Ack { job: u64 },
	Expire { job: u64 },
	Slash { provider: u64, percent: u32 },
	Advance { blocks: u64 },
}

const WORKLOADS: [Workload; 3] = [
	GEMM,
	Workload::TrainMlp { input: 256, hidden: 512, output: 10, batch: 64, steps: 100 },
	// 48 GiB of operands: only 80 GiB and larger devices hold it.
	Workload::GemmF32 { m: 65_536, n: 65_536, k: 65_536 },
];

fn op() -> impl Strategy<Value = Op> {
	let provider = 1..=8u64;
	prop_oneof![
		3 => (provider.clone(), 0..HardwareClass::ALL.len(), 0..3usize, 1..60u64, 1..4u32).prop_map(
			|(provider, class, group, price, slots)| Op::Onboard { provider, class, group, price, slots }
		),
		1 => (provider.clone(), 0..HardwareClass::ALL.len(), 0..3usize)
			.prop_map(|(provider, class, group)| Op::Register { provider, class, group }),
		1 => (provider.clone(), 1..3_000u64).prop_map(|(provider, amount)| Op::Bond { provider, amount }),
		1 => (provider.clone(), 1..60u64, 1..4u32, prop::bool::weighted(0.8))
			.prop_map(|(provider, price, slots, available)| Op::Offer { provider, price, slots, available }),
		1 => provider.clone().prop_map(|provider| Op::Pause { provider }),
		1 => provider.clone().prop_map(|provider| Op::Resume { provider }),
		3 => (11..=14u64, 0..WORKLOADS.len(), 1..60u64, 1..8u8)
			.prop_map(|(consumer, workload, bid, regions)| Op::Submit { consumer, workload, bid, regions }),
		1 => (0..16u64).prop_map(|job| Op::Cancel { job }),
		3 => (0..16u64).prop_map(|job| Op::Commit { job }),
		2 => (0..16u64).prop_map(|job| Op::Ack { job }),
		1 => (0..16u64).prop_map(|job| Op::Expire { job }),
		1 => (provider, 1..50u32).prop_map(|(provider, percent)| Op::Slash { provider, percent }),
		1 => (1..15u64).prop_map(|blocks| Op::Advance { blocks }),
	]
}

fn apply(op: &Op) {
	let now = System::block_number();
	// Errors are expected (bad state for the op); they must change nothing, which the
	// invariants below would catch.
	let register = |provider: u64, class: usize, group: usize| {
		let class = HardwareClass::ALL[class];
		let profile = pallet_providers::Profile {
			class,
			devices: 1,
			memory_gib: class.memory_gib().max(1),
			capacity: class.h100_equivalent(),
			region: Region { country: *b"XX", group: RegionGroup::ALL[group] },
			endpoint: Default::default(),
			operator: provider,
		};
		Providers::register(RuntimeOrigin::signed(provider), profile)
	};
	let _ = match *op {
		Op::Onboard { provider, class, group, price, slots } => register(provider, class, group)
			.and_then(|_| Providers::bond(RuntimeOrigin::signed(provider), 1_000))
			.and_then(|_| Market::set_offer(RuntimeOrigin::signed(provider), price, slots, true)),
		Op::Register { provider, class, group } => register(provider, class, group),
		Op::Bond { provider, amount } => Providers::bond(RuntimeOrigin::signed(provider), amount),
		Op::Offer { provider, price, slots, available } =>
			Market::set_offer(RuntimeOrigin::signed(provider), price, slots, available),
		Op::Pause { provider } => Providers::pause(RuntimeOrigin::signed(provider)),
		Op::Resume { provider } => Providers::resume(RuntimeOrigin::signed(provider)),
		Op::Submit { consumer, workload, bid, regions } => Market::submit_job(
			RuntimeOrigin::signed(consumer),
			WORKLOADS[workload],
			bid,
			now + 40,
			RegionSet(regions & RegionSet::of(&RegionGroup::ALL[..3]).0),
			compnet_primitives::Sensitivity::Low,
			Default::default(),
		),
		Op::Cancel { job } => {
			let consumer = Jobs::<Test>::get(job).map(|j| j.consumer).unwrap_or(11);
			Market::cancel_job(RuntimeOrigin::signed(consumer), job)
		},
		Op::Commit { job } => match Jobs::<Test>::get(job).and_then(|j| j.state.provider().copied()) {
			Some(provider) => commit_and_settle(provider, job),
			_ => Ok(()),
		},
		Op::Ack { job } => match Jobs::<Test>::get(job).and_then(|j| j.state.provider().copied()) {
			Some(provider) => Market::acknowledge_input(RuntimeOrigin::signed(provider), job),
			_ => Ok(()),
		},
		Op::Expire { job } => Market::expire(RuntimeOrigin::signed(20), job).map(|_| ()).map_err(|e| e.error),
		Op::Slash { provider, percent } => {
			<Providers as pallet_providers::Slash<_, _>>::slash(
				&provider,
				Perbill::from_percent(percent),
				SlashReason::WrongResult,
			);
			Ok(())
		},
		Op::Advance { blocks } => {
			run_to_block(now + blocks);
			Ok(())
		},
	};
}

/// Every assignment so far respected the job's regions and the hardware's memory.
fn assignments_respect_regions_and_hardware() {
	for event in market_events() {
		if let Event::JobAssigned { job, provider, .. } = event {
			let Some(job) = Jobs::<Test>::get(job) else { continue };
			let offer = Offers::<Test>::get(provider).expect("an assigned provider has an offer");
			assert!(job.spec.regions.contains(offer.region.group), "job matched outside its regions");
			assert!(job.spec.workload.runs_on(offer.class), "job matched to hardware that cannot hold it");
			assert!(Market::class_able(&job.spec.workload, job.units, offer.class), "job matched to hardware too slow for it");
		}
	}
}

/// Across both pallets: everything on hold is an open job's escrow, a provider's stake, or the
/// deposit of a record that exists (provider, offer, job).
fn held_funds_are_escrows_stakes_and_deposits() {
	let held: u64 = (1..=20u64).map(|who| Balances::total_balance_on_hold(&who)).sum();
	let providers: u64 =
		pallet_providers::Providers::<Test>::iter_values().map(|p| Providers::total_stake(&p) + p.deposit).sum();
	let jobs: u64 = Jobs::<Test>::iter_values().map(|j| j.escrow + j.deposit).sum();
	let offers: u64 = Offers::<Test>::iter_values().map(|o| o.deposit).sum();
	assert_eq!(held, jobs + providers + offers, "held funds differ from escrows, stakes and deposits");
	assert_eq!(Totals::<Test>::get().escrowed, Jobs::<Test>::iter_values().map(|j| j.escrow).sum::<u64>());
}

fn slashed_total() -> u64 {
	let slashed: u64 = System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Providers(pallet_providers::Event::Slashed { amount, .. }) => Some(amount),
			_ => None,
		})
		.sum();
	assert_eq!(slashed, pallet_providers::SlashedTotal::<Test>::get(), "the running slash total");
	slashed
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

	#[test]
	fn random_market_sequences_keep_every_invariant(ops in prop::collection::vec(op(), 1..120)) {
		new_test_ext().execute_with(|| {
			let issuance = pallet_balances::TotalIssuance::<Test>::get();
			for op in &ops {
				apply(op);
				check_invariants();
				assignments_respect_regions_and_hardware();
				held_funds_are_escrows_stakes_and_deposits();
			}
			// Let every deadline pass (three assignments, each with an input window and a commit
			// window of at most 10 + 2 × 1,000 blocks); the hook ends every job.
			let end = System::block_number() + 8_000;
			run_to_block(end);
			Market::on_idle(end, frame_support::weights::Weight::MAX);
			Market::do_try_state().expect("market invariants hold at the end");
			for job in Jobs::<Test>::iter_values() {
				assert!(job.state.is_final(), "job still open after every deadline: {:?}", job.state);
			}
			for consumer in 11..=14u64 {
				assert_eq!(
					Balances::balance_on_hold(&RuntimeHoldReason::Market(HoldReason::Escrow), &consumer),
					0,
					"escrow left on hold"
				);
			}
			assert_eq!(Totals::<Test>::get().escrowed, 0);
			assert_eq!(
				pallet_balances::TotalIssuance::<Test>::get(),
				issuance - slashed_total() - Totals::<Test>::get().burnt_deposits,
				"issuance changes only by slashes and burnt deposits (fees go to an account)"
			);
		});
	}
}
