//! Unit tests of the provider registry: registration, stake, slashing and the running totals.

use crate::{mock::*, Error, Event, ProviderRegistry, ProviderTotals, Providers as ProviderRecords, Slash, SlashReason, Totals, ClassTotals, RegionTotals};
use compnet_primitives::{HardwareClass, RegionGroup};
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect};
use polkadot_sdk::{frame_support, pallet_balances, sp_runtime::Perbill};

fn free(who: AccountId) -> Balance {
	Balances::balance(&who)
}

fn registered_and_bonded(who: AccountId, devices: u32, bond: Balance) {
	assert_ok!(Providers::register(RuntimeOrigin::signed(who), h100s(who, devices)));
	assert_ok!(Providers::bond(RuntimeOrigin::signed(who), bond));
}

#[test]
fn registration_counts_but_only_bonded_providers_are_active() {
	build_and_execute(|| {
		assert_ok!(Providers::register(RuntimeOrigin::signed(1), h100s(1, 2)));
		System::assert_last_event(
			Event::Registered { who: 1, class: HardwareClass::H100, capacity: 2_000, deposit: DEPOSIT }.into(),
		);
		assert_eq!(
			Totals::<Test>::get(),
			ProviderTotals { registered: 1, active: 0, registered_capacity: 2_000, active_capacity: 0 }
		);
		assert!(!Providers::is_active(&1));
		assert_ok!(Providers::bond(RuntimeOrigin::signed(1), 200));
		assert!(Providers::is_active(&1));
		let expected =
			ProviderTotals { registered: 1, active: 1, registered_capacity: 2_000, active_capacity: 2_000 };
		assert_eq!(Totals::<Test>::get(), expected);
		assert_eq!(ClassTotals::<Test>::get(HardwareClass::H100), expected);
		assert_eq!(RegionTotals::<Test>::get(RegionGroup::Europe), expected);
		assert_eq!(RegionTotals::<Test>::get(RegionGroup::Asia), ProviderTotals::default());
		assert_noop!(
			Providers::register(RuntimeOrigin::signed(1), h100s(1, 1)),
			Error::<Test>::AlreadyRegistered
		);
	});
}

#[test]
fn malformed_profiles_are_refused() {
	build_and_execute(|| {
		let bad = |f: &dyn Fn(&mut crate::ProfileOf<Test>)| {
			let mut p = h100s(1, 1);
			f(&mut p);
			assert_noop!(Providers::register(RuntimeOrigin::signed(1), p), Error::<Test>::BadProfile);
		};
		bad(&|p| p.devices = 0);
		bad(&|p| p.devices = MaxDevices::get() + 1);
		bad(&|p| p.capacity = 1_001);
		bad(&|p| p.capacity = 0);
		bad(&|p| p.memory_gib = 81);
		bad(&|p| p.region.country = *b"de");
		assert!(ProviderRecords::<Test>::get(1).is_none());
	});
}

#[test]
fn minimum_stake_grows_with_declared_capacity() {
	build_and_execute(|| {
		assert_eq!(Providers::min_stake(1_000), 100, "one H100");
		assert_eq!(Providers::min_stake(1_000_000), 100_000, "a thousand H100s cost a thousand times");
		assert_eq!(Providers::min_stake(1), 50, "never below MinStake");
		registered_and_bonded(1, 1_000, 99_999);
		assert!(!Providers::is_active(&1), "one unit short of the stake a thousand GPUs need");
		assert_ok!(Providers::bond(RuntimeOrigin::signed(1), 1));
		assert!(Providers::is_active(&1));
	});
}

#[test]
fn bond_holds_free_balance_and_cannot_exceed_it() {
	build_and_execute(|| {
		registered_and_bonded(1, 1, 500);
		assert_eq!(free(1), 1_000_000 - 500 - DEPOSIT);
		assert_noop!(Providers::bond(RuntimeOrigin::signed(1), 0), Error::<Test>::ZeroAmount);
		assert!(Providers::bond(RuntimeOrigin::signed(1), 10_000_000).is_err());
		assert_noop!(Providers::bond(RuntimeOrigin::signed(2), 10), Error::<Test>::NotRegistered);
	});
}

#[test]
fn unbonding_waits_for_the_period_and_keeps_active_providers_covered() {
	build_and_execute(|| {
		registered_and_bonded(1, 1, 300);
		assert_noop!(Providers::unbond(RuntimeOrigin::signed(1), 250), Error::<Test>::BelowMinimumStake);
		assert_noop!(Providers::unbond(RuntimeOrigin::signed(1), 301), Error::<Test>::InsufficientBond);
		assert_ok!(Providers::unbond(RuntimeOrigin::signed(1), 200));
		System::assert_last_event(Event::Unbonded { who: 1, amount: 200, unlocks_at: 11 }.into());
		assert_noop!(Providers::withdraw_unbonded(RuntimeOrigin::signed(1)), Error::<Test>::NothingToWithdraw);
		run_to_block(11);
		assert_ok!(Providers::withdraw_unbonded(RuntimeOrigin::signed(1)));
		System::assert_last_event(Event::Withdrawn { who: 1, amount: 200 }.into());
		assert_eq!(free(1), 1_000_000 - 100 - DEPOSIT);
		// A paused provider may unbond everything.
		assert_ok!(Providers::pause(RuntimeOrigin::signed(1)));
		assert!(!Providers::is_active(&1));
		assert_ok!(Providers::unbond(RuntimeOrigin::signed(1), 100));
	});
}

#[test]
fn unlocking_chunks_are_bounded() {
	build_and_execute(|| {
		registered_and_bonded(1, 1, 1_000);
		for block in 2..=4 {
			run_to_block(block);
			assert_ok!(Providers::unbond(RuntimeOrigin::signed(1), 10));
		}
		// A second unbond in the same block joins that block's chunk.
		assert_ok!(Providers::unbond(RuntimeOrigin::signed(1), 10));
		run_to_block(5);
		assert_noop!(
			Providers::unbond(RuntimeOrigin::signed(1), 10),
			Error::<Test>::TooManyUnlockingChunks
		);
	});
}

#[test]
fn deregistering_needs_every_unit_withdrawn() {
	build_and_execute(|| {
		registered_and_bonded(1, 1, 100);
		assert_noop!(Providers::deregister(RuntimeOrigin::signed(1)), Error::<Test>::StakeStillHeld);
		assert_ok!(Providers::pause(RuntimeOrigin::signed(1)));
		assert_ok!(Providers::unbond(RuntimeOrigin::signed(1), 100));
		assert_noop!(Providers::deregister(RuntimeOrigin::signed(1)), Error::<Test>::StakeStillHeld);
		run_to_block(20);
		assert_ok!(Providers::withdraw_unbonded(RuntimeOrigin::signed(1)));
		assert_ok!(Providers::deregister(RuntimeOrigin::signed(1)));
		assert_eq!(free(1), 1_000_000);
		assert_eq!(Totals::<Test>::get(), ProviderTotals::default());
		assert_eq!(ClassTotals::<Test>::get(HardwareClass::H100), ProviderTotals::default());
	});
}

#[test]
fn slashing_reaches_unbonding_stake_and_pays_the_destination() {
	build_and_execute(|| {
		registered_and_bonded(1, 1, 1_000);
		assert_ok!(Providers::unbond(RuntimeOrigin::signed(1), 600));
		// Half of 1,000: all 400 bonded, then 100 of the unbonding 600.
		let taken = <Providers as Slash<_, _>>::slash(&1, Perbill::from_percent(50), SlashReason::WrongResult);
		assert_eq!(taken, 500);
		System::assert_last_event(Event::Slashed { who: 1, amount: 500, reason: SlashReason::WrongResult }.into());
		let info = ProviderRecords::<Test>::get(1).unwrap();
		assert_eq!((info.bonded, info.unlocking[0].amount), (0, 500));
		assert_eq!(free(TREASURY), 1 + 500);
		assert!(!Providers::is_active(&1), "a slashed bond no longer covers the capacity");
		// Withdrawing later returns only what survived.
		run_to_block(20);
		assert_ok!(Providers::withdraw_unbonded(RuntimeOrigin::signed(1)));
		assert_eq!(free(1), 1_000_000 - 500 - DEPOSIT);
	});
}

#[test]
fn slashing_burns_when_there_is_no_destination() {
	build_and_execute(|| {
		SlashTo::set(None);
		registered_and_bonded(1, 1, 1_000);
		let issuance = pallet_balances::TotalIssuance::<Test>::get();
		let taken = <Providers as Slash<_, _>>::slash(&1, Perbill::from_percent(10), SlashReason::MissedReveal);
		assert_eq!(taken, 100);
		assert_eq!(pallet_balances::TotalIssuance::<Test>::get(), issuance - 100);
		assert_eq!(<Providers as Slash<_, _>>::slash(&7, Perbill::one(), SlashReason::MissedReveal), 0, "unknown provider");
		SlashTo::set(Some(TREASURY));
	});
}

#[test]
fn active_providers_cannot_outgrow_their_bond() {
	build_and_execute(|| {
		registered_and_bonded(1, 1, 100);
		assert_noop!(
			Providers::update_profile(RuntimeOrigin::signed(1), h100s(1, 2)),
			Error::<Test>::BelowMinimumStake
		);
		assert_ok!(Providers::pause(RuntimeOrigin::signed(1)));
		assert_ok!(Providers::update_profile(RuntimeOrigin::signed(1), h100s(1, 2)));
		assert_eq!(Totals::<Test>::get().registered_capacity, 2_000);
		assert_noop!(Providers::resume(RuntimeOrigin::signed(2)), Error::<Test>::NotRegistered);
		assert_noop!(Providers::pause(RuntimeOrigin::signed(1)), Error::<Test>::AlreadyPaused);
		assert_ok!(Providers::resume(RuntimeOrigin::signed(1)));
		assert!(!Providers::is_active(&1), "resumed, but 100 does not cover two H100s");
		assert_noop!(Providers::resume(RuntimeOrigin::signed(1)), Error::<Test>::NotPaused);
	});
}

#[test]
fn heartbeats_record_liveness() {
	build_and_execute(|| {
		registered_and_bonded(1, 1, 100);
		run_to_block(7);
		assert_ok!(Providers::heartbeat(RuntimeOrigin::signed(1)));
		assert_eq!(ProviderRecords::<Test>::get(1).unwrap().last_heartbeat, 7);
		assert_noop!(Providers::heartbeat(RuntimeOrigin::signed(2)), Error::<Test>::NotRegistered);
	});
}

#[test]
fn the_draw_index_holds_exactly_the_active_providers() {
	build_and_execute(|| {
		let size = |class| <Providers as ProviderRegistry<_>>::class_size(class);
		let member = |class, slot| <Providers as ProviderRegistry<_>>::class_member(class, slot);
		for who in 1..=3 {
			assert_ok!(Providers::register(RuntimeOrigin::signed(who), h100s(who, 1)));
		}
		assert_eq!(size(HardwareClass::H100), 0, "registered but unbonded: never drawn");
		for who in 1..=3 {
			assert_ok!(Providers::bond(RuntimeOrigin::signed(who), 100));
		}
		assert_eq!(size(HardwareClass::H100), 3);
		// Pausing leaves the index: the last takes the slot.
		assert_ok!(Providers::pause(RuntimeOrigin::signed(1)));
		assert_eq!((size(HardwareClass::H100), member(HardwareClass::H100, 0)), (2, Some(3)));
		assert_ok!(Providers::resume(RuntimeOrigin::signed(1)));
		assert_eq!((size(HardwareClass::H100), member(HardwareClass::H100, 2)), (3, Some(1)));
		// A slash below the minimum stake leaves it too.
		<Providers as Slash<_, _>>::slash(&3, Perbill::from_percent(1), SlashReason::WrongResult);
		assert_eq!(size(HardwareClass::H100), 2);
		assert!(!(0..2).any(|slot| member(HardwareClass::H100, slot) == Some(3)));
		// A class change moves an active provider to the other class's index.
		let mut profile = h100s(2, 1);
		profile.class = HardwareClass::H200;
		profile.memory_gib = 141;
		assert_ok!(Providers::update_profile(RuntimeOrigin::signed(2), profile));
		assert_eq!(size(HardwareClass::H100), 1);
		assert_eq!(member(HardwareClass::H200, 0), Some(2));
	});
}

#[test]
fn registration_holds_a_deposit_that_leaving_releases() {
	build_and_execute(|| {
		assert_ok!(Providers::register(RuntimeOrigin::signed(1), h100s(1, 1)));
		assert_eq!(free(1), 1_000_000 - DEPOSIT);
		assert_eq!(ProviderRecords::<Test>::get(1).unwrap().deposit, DEPOSIT);
		// An account that cannot pay the deposit cannot register.
		assert!(Providers::register(RuntimeOrigin::signed(42), h100s(42, 1)).is_err());
		// Another pallet still needs the provider (running jobs): it may not leave yet.
		Busy::set(vec![1]);
		assert_noop!(Providers::deregister(RuntimeOrigin::signed(1)), polkadot_sdk::sp_runtime::DispatchError::Other("running jobs"));
		Busy::set(vec![]);
		assert_ok!(Providers::deregister(RuntimeOrigin::signed(1)));
		System::assert_last_event(Event::Deregistered { who: 1, deposit: DEPOSIT }.into());
		assert_eq!(free(1), 1_000_000);
		assert_eq!(Left::get(), vec![1], "the other pallets heard that it left");
	});
}

#[test]
fn the_slash_total_counts_every_slash() {
	build_and_execute(|| {
		registered_and_bonded(1, 1, 1_000);
		registered_and_bonded(2, 1, 500);
		let a = <Providers as Slash<_, _>>::slash(&1, Perbill::from_percent(10), SlashReason::WrongResult);
		let b = <Providers as Slash<_, _>>::slash(&2, Perbill::from_percent(1), SlashReason::MissedDeadline);
		assert_eq!(crate::SlashedTotal::<Test>::get(), a + b);
		assert_eq!(a + b, 100 + 5);
	});
}

#[test]
fn migrations_keep_records_rebuild_the_index_and_check_themselves() {
	use crate::migrations::{v1, v2};
	use codec::Encode;
	use frame_support::traits::{Get, GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	build_and_execute(|| {
		// Version 0: records without a deposit, an index of every registered provider.
		StorageVersion::new(0).put::<Providers>();
		for who in 1..=3u64 {
			let old = v1::OldProviderInfo::<Test> {
				profile: h100s(who, 1),
				paused: who == 3,
				bonded: if who == 2 { 0 } else { 100 },
				unlocking: Default::default(),
				registered_at: 1,
				last_heartbeat: 1,
			};
			let key = ProviderRecords::<Test>::hashed_key_for(who);
			frame_support::storage::unhashed::put_raw(&key, &old.encode());
			crate::ClassMembers::<Test>::insert((HardwareClass::H100, who as u32 - 1), who);
			crate::MemberSlot::<Test>::insert(who, who as u32 - 1);
			// The stake the records name is on hold, as version 0 held it.
			if who != 2 {
				<Balances as frame_support::traits::fungible::MutateHold<_>>::hold(
					&RuntimeHoldReason::Providers(crate::HoldReason::Stake),
					&who,
					100,
				)
				.unwrap();
			}
		}
		// The counter of version 0 (the old records do not decode as new ones to be counted).
		frame_support::storage::unhashed::put(&ProviderRecords::<Test>::counter_storage_final_key(), &3u32);
		crate::ClassSize::<Test>::insert(HardwareClass::H100, 3);
		Totals::<Test>::put(ProviderTotals { registered: 3, active: 1, registered_capacity: 3_000, active_capacity: 1_000 });
		ClassTotals::<Test>::insert(HardwareClass::H100, Totals::<Test>::get());
		RegionTotals::<Test>::insert(RegionGroup::Europe, Totals::<Test>::get());
		let state = v1::pre_upgrade_state::<Test>();
		v1::MigrateV0ToV1::<Test>::on_runtime_upgrade();
		v1::post_upgrade_check::<Test>(state).expect("the migration checks pass");
		assert_eq!(Providers::on_chain_storage_version(), 1);
		let state = v2::pre_upgrade_state::<Test>();
		v2::MigrateV1ToV2::<Test>::on_runtime_upgrade();
		v2::post_upgrade_check::<Test>(state).expect("the migration checks pass");
		assert_eq!(Providers::on_chain_storage_version(), 2);
		// Only provider 1 is bonded and working.
		assert_eq!(<Providers as ProviderRegistry<_>>::class_size(HardwareClass::H100), 1);
		assert_eq!(<Providers as ProviderRegistry<_>>::class_member(HardwareClass::H100, 0), Some(1));
		// Running it again changes nothing.
		let weight = v1::MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(weight, <<Test as polkadot_sdk::frame_system::Config>::DbWeight as Get<polkadot_sdk::frame_support::weights::RuntimeDbWeight>>::get().reads(1));
	});
}

#[test]
fn an_operator_link_counts_only_once_the_operator_accepts_it() {
	build_and_execute(|| {
		// Provider 1 names account 9 as its operator.
		assert_ok!(Providers::register(RuntimeOrigin::signed(1), h100s(9, 1)));
		let view = <Providers as ProviderRegistry<_>>::provider(&1).unwrap();
		assert_eq!((view.operator, view.declared_operator), (1, 9), "its own operator until accepted");
		assert_noop!(Providers::accept_provider(RuntimeOrigin::signed(8), 1), Error::<Test>::NotNamedOperator);
		assert_noop!(Providers::release_provider(RuntimeOrigin::signed(9), 1), Error::<Test>::NotAccepted);
		assert_ok!(Providers::accept_provider(RuntimeOrigin::signed(9), 1));
		assert_noop!(Providers::accept_provider(RuntimeOrigin::signed(9), 1), Error::<Test>::AlreadyAccepted);
		assert_eq!(<Providers as ProviderRegistry<_>>::provider(&1).unwrap().operator, 9);
		// Naming another operator drops the acceptance.
		assert_ok!(Providers::update_profile(RuntimeOrigin::signed(1), h100s(7, 1)));
		assert_eq!(<Providers as ProviderRegistry<_>>::provider(&1).unwrap().operator, 1);
		// Naming itself needs nobody's acceptance.
		assert_ok!(Providers::update_profile(RuntimeOrigin::signed(1), h100s(1, 1)));
		assert!(ProviderRecords::<Test>::get(1).unwrap().operator_accepted);
		assert_noop!(Providers::release_provider(RuntimeOrigin::signed(1), 1), Error::<Test>::NotNamedOperator);
	});
}
