//! Benchmarks for `pallet_market`, each in its most expensive path: matching that reads
//! `MaxProbes` offers before it finds one, slots that serve waiting jobs as they free up, a missed
//! commitment that slashes and reassigns, an input that never came and frees a slot that reads
//! `MaxProbes` waiting jobs. Every search of the waiting book finds a bucket in each size tier of
//! both clearances (the providers bond enough to reach them all).

use super::*;
use alloc::vec::Vec;
use compnet_primitives::{Region, RegionGroup};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, Get, Hooks},
	weights::Weight,
};
use frame_system::RawOrigin;
use polkadot_sdk::{
	frame_benchmarking,
	sp_runtime::traits::{Bounded, One, Saturating},
};

const DE: Region = Region { country: *b"DE", group: RegionGroup::Europe };

/// A price large enough that prices a few units above it share its book level.
fn base_price<T: Config>() -> BalanceOf<T> {
	1_000_000_000u32.into()
}

/// A small workload every class can hold and finish in time.
fn workload() -> Workload {
	Workload::GemmI8 { m: 1024, n: 1024, k: 1024 }
}

/// A registered provider `index` in Germany with an offer at `price`, `slots` at once.
fn offer<T: Config>(index: u32, price: BalanceOf<T>, slots: u32) -> T::AccountId {
	let who: T::AccountId = account("provider", index, 0);
	T::BenchmarkHelper::register_provider(&who, HardwareClass::H100, DE);
	Pallet::<T>::do_set_offer(who.clone(), price, slots, true).expect("offer is valid");
	who
}

/// A funded consumer.
fn consumer<T: Config>(index: u32) -> T::AccountId {
	let who: T::AccountId = account("consumer", index, 0);
	// Many consumers: each gets a millionth of the balance type's range, so issuance never overflows.
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
	who
}

fn spec<T: Config>(bid: BalanceOf<T>, regions: RegionSet) -> JobSpec<BalanceOf<T>, BlockNumberFor<T>> {
	JobSpec {
		workload: workload(),
		max_price_per_unit: bid,
		// Room for a missed commitment and a reassignment.
		deadline: frame_system::Pallet::<T>::block_number()
			.saturating_add(T::CommitWindow::get().saturating_mul(4u32.into())),
		regions,
		sensitivity: Sensitivity::Standard,
		input_root: Default::default(),
	}
}

/// `count` jobs waiting in every region group, bids at `bid`.
fn waiting_jobs<T: Config>(count: u32, bid: BalanceOf<T>) -> Vec<JobId> {
	(0..count)
		.map(|i| Pallet::<T>::do_submit_job(consumer::<T>(1000 + i), spec::<T>(bid, RegionSet::ANY)).expect("submits"))
		.collect()
}

/// Offers in the same level as `base_price` but just above it, that every probe reads and passes.
fn offers_just_above_the_bid<T: Config>(count: u32) {
	for i in 0..count {
		offer::<T>(100 + i, base_price::<T>().saturating_add((i + 1).into()), 1);
	}
}

/// Lists or unlists the offer of `who`, without the search of the waiting book a new listing makes.
fn set_available<T: Config>(who: &T::AccountId, available: bool) {
	let mut offer = Offers::<T>::get(who).expect("offered");
	offer.available = available;
	Pallet::<T>::refresh_listing(who, &mut offer);
	Offers::<T>::insert(who, offer);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// An offer that was listed moves level and fills `MaxProbes` slots from waiting jobs.
	#[benchmark]
	fn set_offer() {
		let probes = T::MaxProbes::get().min(T::MaxConcurrent::get());
		let who = offer::<T>(0, base_price::<T>().saturating_mul(4u32.into()), 1);
		// An offer that has proven it runs that many jobs at once.
		Offers::<T>::mutate(&who, |o| o.as_mut().expect("offered").proven = probes);
		waiting_jobs::<T>(probes, base_price::<T>().saturating_mul(2u32.into()));
		Pallet::<T>::fill_waiting_tiers(HardwareClass::H100, RegionGroup::Europe);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), base_price::<T>(), probes, true);
		assert_eq!(Offers::<T>::get(&who).unwrap().running, probes);
	}

	/// An idle offer pulls `MaxProbes` waiting jobs into its slots.
	#[benchmark]
	fn take_waiting_jobs() {
		let probes = T::MaxProbes::get().min(T::MaxConcurrent::get());
		let who = offer::<T>(0, base_price::<T>(), probes);
		Offers::<T>::mutate(&who, |o| o.as_mut().expect("offered").proven = probes);
		// Jobs that wait while the offer is listed (their searches passed over other offers).
		set_available::<T>(&who, false);
		waiting_jobs::<T>(probes, base_price::<T>().saturating_mul(2u32.into()));
		set_available::<T>(&who, true);
		Pallet::<T>::fill_waiting_tiers(HardwareClass::H100, RegionGroup::Europe);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert_eq!(Offers::<T>::get(&who).unwrap().running, probes);
	}

	#[benchmark]
	fn retract_offer() {
		let who = offer::<T>(0, base_price::<T>(), 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(!Offers::<T>::contains_key(&who));
	}

	/// Matching reads `MaxProbes` offers priced just above the bid and finds none; the job then
	/// waits in the bucket of every class in every region group (heavier than taking an offer).
	#[benchmark]
	fn submit_job() {
		offers_just_above_the_bid::<T>(T::MaxProbes::get());
		let who = consumer::<T>(0);
		let s = spec::<T>(base_price::<T>(), RegionSet::ANY);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), s.workload, s.max_price_per_unit, s.deadline, s.regions, s.sensitivity, s.input_root);
		let job = Jobs::<T>::get(0).unwrap();
		assert_eq!(job.state, JobState::Queued);
		assert_eq!(Pallet::<T>::waiting_keys(&job).count(), HardwareClass::ALL.len() * 6);
	}

	/// A job waiting in every region group.
	#[benchmark]
	fn cancel_job() {
		let who = consumer::<T>(0);
		let id = Pallet::<T>::do_submit_job(who.clone(), spec::<T>(base_price::<T>(), RegionSet::ANY)).unwrap();
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id);
		assert_eq!(Jobs::<T>::get(id).unwrap().state, JobState::Refunded);
	}

	/// A missed commitment: slash, suspension, and a reassignment that probes `MaxProbes` offers.
	#[benchmark]
	fn expire() {
		let late = offer::<T>(0, base_price::<T>(), 1);
		let id = Pallet::<T>::do_submit_job(consumer::<T>(0), spec::<T>(base_price::<T>(), RegionSet::ANY)).unwrap();
		Pallet::<T>::do_acknowledge_input(late.clone(), id).expect("acknowledges");
		offers_just_above_the_bid::<T>(T::MaxProbes::get() - 1);
		let next = offer::<T>(1, base_price::<T>(), 1);
		let JobState::Running { commit_by, .. } = Jobs::<T>::get(id).unwrap().state else { panic!("running") };
		frame_system::Pallet::<T>::set_block_number(commit_by.saturating_add(One::one()));
		#[extrinsic_call]
		_(RawOrigin::Signed(late), id);
		assert!(matches!(Jobs::<T>::get(id).unwrap().state, JobState::Assigned { provider, .. } if provider == next));
	}

	/// An input that never came: the deposit is burnt, the escrow released, and the freed slot
	/// reads `MaxProbes` waiting jobs (all but the last past their deadline) and takes the last.
	#[benchmark]
	fn expire_input_missing() {
		let provider = offer::<T>(0, base_price::<T>(), 1);
		let id = Pallet::<T>::do_submit_job(consumer::<T>(0), spec::<T>(base_price::<T>(), RegionSet::ANY)).unwrap();
		let JobState::Assigned { input_by, .. } = Jobs::<T>::get(id).unwrap().state else { panic!("assigned") };
		let now = frame_system::Pallet::<T>::block_number();
		// Waiting jobs at a higher bid, served first, that are past their deadline by `input_by`.
		for i in 0..T::MaxProbes::get() - 1 {
			let mut stale = spec::<T>(base_price::<T>().saturating_mul(2u32.into()), RegionSet::ANY);
			stale.deadline = now.saturating_add(T::CommitWindow::get());
			Pallet::<T>::do_submit_job(consumer::<T>(1 + i), stale).expect("submits");
		}
		let waiting = Pallet::<T>::do_submit_job(consumer::<T>(100), {
			let mut s = spec::<T>(base_price::<T>(), RegionSet::ANY);
			s.deadline = input_by.saturating_add(T::CommitWindow::get());
			s
		})
		.expect("submits");
		Pallet::<T>::fill_waiting_tiers(HardwareClass::H100, RegionGroup::Europe);
		let late = input_by.saturating_add(One::one()).max(now.saturating_add(T::CommitWindow::get()).saturating_add(One::one()));
		frame_system::Pallet::<T>::set_block_number(late);
		#[extrinsic_call]
		expire(RawOrigin::Signed(provider.clone()), id);
		assert_eq!(Jobs::<T>::get(id).unwrap().state, JobState::Refunded);
		assert!(matches!(Jobs::<T>::get(waiting).unwrap().state, JobState::Assigned { provider: p, .. } if p == provider));
	}

	/// The provider holds the input: the commit window opens.
	#[benchmark]
	fn acknowledge_input() {
		let provider = offer::<T>(0, base_price::<T>(), 1);
		let id = Pallet::<T>::do_submit_job(consumer::<T>(0), spec::<T>(base_price::<T>(), RegionSet::ANY)).unwrap();
		#[extrinsic_call]
		_(RawOrigin::Signed(provider), id);
		assert!(matches!(Jobs::<T>::get(id).unwrap().state, JobState::Running { .. }));
	}

	#[benchmark]
	fn set_reference_price() {
		#[extrinsic_call]
		_(RawOrigin::Root, HardwareClass::H100, Some(base_price::<T>()));
		assert_eq!(ReferencePrices::<T>::get(HardwareClass::H100), Some(base_price::<T>()));
	}

	/// `on_idle` looking at one block with nothing due.
	#[benchmark]
	fn on_idle_base() {
		let now = frame_system::Pallet::<T>::block_number();
		DeadlineQueueCursor::<T>::put((now, 0));
		#[block]
		{
			Pallet::<T>::on_idle(now, Weight::MAX);
		}
		assert_eq!(DeadlineQueueCursor::<T>::get(), Some((now.saturating_add(One::one()), 0)));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
