//! Unit tests: governance adds and removes validators, and the session pallet picks the set up.

use crate::{mock::*, Error, Event, Validators};
use frame_support::{assert_noop, assert_ok};
use polkadot_sdk::{frame_support, pallet_session, sp_runtime::DispatchError};

fn active() -> Vec<AccountId> {
	pallet_session::Validators::<Test>::get()
}

#[test]
fn genesis_set_is_active() {
	build_and_execute(|| {
		assert_eq!(Validators::<Test>::get().into_inner(), vec![1, 2, 3]);
		assert_eq!(active(), vec![1, 2, 3]);
	});
}

#[test]
fn only_governance_changes_the_set() {
	build_and_execute(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(1), 4),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::signed(1), 3),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn added_validator_with_keys_activates_after_two_sessions() {
	build_and_execute(|| {
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		System::assert_last_event(Event::ValidatorAdded { who: 4 }.into());
		run_sessions(1);
		assert_eq!(active(), vec![1, 2, 3], "queued, not yet active");
		run_sessions(1);
		assert_eq!(active(), vec![1, 2, 3, 4]);
	});
}

#[test]
fn added_validator_without_keys_never_activates() {
	build_and_execute(|| {
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 5));
		run_sessions(3);
		assert_eq!(active(), vec![1, 2, 3]);
	});
}

#[test]
fn removed_validator_leaves_after_two_sessions() {
	build_and_execute(|| {
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 2));
		System::assert_last_event(Event::ValidatorRemoved { who: 2 }.into());
		run_sessions(2);
		assert_eq!(active(), vec![1, 3]);
	});
}

#[test]
fn duplicates_and_unknowns_are_refused() {
	build_and_execute(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 1),
			Error::<Test>::AlreadyValidator
		);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 9),
			Error::<Test>::NotValidator
		);
	});
}

#[test]
fn set_stays_within_bounds() {
	build_and_execute(|| {
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 1));
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 2),
			Error::<Test>::TooFewValidators
		);
		for who in 10..16 {
			assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), who));
		}
		assert_eq!(Validators::<Test>::get().len() as u32, MaxValidators::get());
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 99),
			Error::<Test>::TooManyValidators
		);
	});
}
