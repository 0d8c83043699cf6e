//! Benchmarks for `pallet_providers`: each call on a registered provider with the most state it
//! can carry (a full unlocking queue where it matters).

use super::*;
use alloc::vec;
use compnet_primitives::{Region, RegionGroup};
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, Get};
use frame_system::RawOrigin;
use polkadot_sdk::{
	frame_benchmarking,
	sp_runtime::traits::{Bounded, Saturating},
};

fn profile<T: Config>(who: &T::AccountId, devices: u32) -> ProfileOf<T> {
	Profile {
		class: HardwareClass::H100,
		devices,
		memory_gib: 80,
		capacity: devices as Capacity * 1_000,
		region: Region { country: *b"DE", group: RegionGroup::Europe },
		endpoint: vec![b'x'; T::MaxEndpointLen::get() as usize].try_into().expect("bounded"),
		operator: who.clone(),
	}
}

/// A funded, registered and bonded provider.
fn provider<T: Config>() -> T::AccountId {
	let who: T::AccountId = whitelisted_caller();
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 4u32.into());
	Pallet::<T>::do_register(who.clone(), profile::<T>(&who, 1)).expect("registers");
	let stake = Pallet::<T>::min_stake(2_000).saturating_mul(4u32.into());
	Pallet::<T>::do_bond(who.clone(), stake).expect("bonds");
	who
}

/// A provider whose profile names another account as its operator, not yet accepted.
fn naming_an_operator<T: Config>() -> (T::AccountId, T::AccountId) {
	let who = provider::<T>();
	let operator: T::AccountId = account("operator", 0, 0);
	let mut p = profile::<T>(&who, 1);
	p.operator = operator.clone();
	Pallet::<T>::do_update_profile(who.clone(), p).expect("names the operator");
	(who, operator)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register() {
		let who: T::AccountId = whitelisted_caller();
		T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 4u32.into());
		let p = profile::<T>(&who, T::MaxDevices::get());
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), p);
		assert!(Providers::<T>::contains_key(&who));
	}

	/// A new capacity and a new operator (whose acceptance is dropped; the check that no job runs
	/// is charged with `Lifecycle::leave_weight`).
	#[benchmark]
	fn update_profile() {
		let who = provider::<T>();
		let mut p = profile::<T>(&who, 2);
		p.operator = account("operator", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), p);
		let info = Providers::<T>::get(&who).unwrap();
		assert_eq!((info.profile.devices, info.operator_accepted), (2, false));
	}

	/// The operator a provider names accepts it.
	#[benchmark]
	fn accept_provider() {
		let (who, operator) = naming_an_operator::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(operator), who.clone());
		assert!(Providers::<T>::get(&who).unwrap().operator_accepted);
	}

	/// The operator releases a provider it accepted.
	#[benchmark]
	fn release_provider() {
		let (who, operator) = naming_an_operator::<T>();
		Pallet::<T>::do_set_accepted(operator.clone(), who.clone(), true).expect("accepts");
		#[extrinsic_call]
		_(RawOrigin::Signed(operator), who.clone());
		assert!(!Providers::<T>::get(&who).unwrap().operator_accepted);
	}

	#[benchmark]
	fn pause() {
		let who = provider::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(Providers::<T>::get(&who).unwrap().paused);
	}

	#[benchmark]
	fn resume() {
		let who = provider::<T>();
		Pallet::<T>::do_set_paused(who.clone(), true).unwrap();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(!Providers::<T>::get(&who).unwrap().paused);
	}

	/// Leaving: the deposit released and the other pallets told (the market's offer removed).
	#[benchmark]
	fn deregister() {
		let who: T::AccountId = whitelisted_caller();
		T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 4u32.into());
		Pallet::<T>::do_register(who.clone(), profile::<T>(&who, 1)).unwrap();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(!Providers::<T>::contains_key(&who));
	}

	#[benchmark]
	fn bond() {
		let who = provider::<T>();
		let amount = T::MinStake::get().max(1u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), amount);
	}

	#[benchmark]
	fn unbond() {
		let who = provider::<T>();
		let amount = Pallet::<T>::min_stake(1_000);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), amount);
		assert_eq!(Providers::<T>::get(&who).unwrap().unlocking.len(), 1);
	}

	#[benchmark]
	fn withdraw_unbonded(c: Linear<1, { T::MaxUnlockingChunks::get() }>) {
		let who = provider::<T>();
		Pallet::<T>::do_set_paused(who.clone(), true).unwrap();
		for i in 0..c {
			frame_system::Pallet::<T>::set_block_number((i + 1).into());
			Pallet::<T>::do_unbond(who.clone(), 1u32.into()).unwrap();
		}
		frame_system::Pallet::<T>::set_block_number(
			T::UnbondingPeriod::get().saturating_add((c + 1).into()),
		);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(Providers::<T>::get(&who).unwrap().unlocking.is_empty());
	}

	#[benchmark]
	fn heartbeat() {
		let who = provider::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
