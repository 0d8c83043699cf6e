//! The logic behind the calls: each touches one provider record and a fixed number of totals.

use crate::{stake, *};
use frame_support::{dispatch::DispatchResult, ensure, traits::Get};
use polkadot_sdk::sp_runtime::{
	traits::{Saturating, Zero},
	SaturatedConversion,
};

impl<T: Config> Pallet<T> {
	/// The stake a provider declaring `capacity` must bond to be active:
	/// `max(MinStake, StakePerH100 × capacity / 1000)`, rounded up.
	pub fn min_stake(capacity: Capacity) -> BalanceOf<T> {
		let thousand: BalanceOf<T> = 1_000u32.into();
		let capacity: BalanceOf<T> = capacity.saturated_into();
		let needed = T::StakePerH100::get()
			.saturating_mul(capacity)
			.saturating_add(thousand - 1u32.into()) /
			thousand;
		needed.max(T::MinStake::get())
	}

	/// Whether a provider record may take new work.
	pub fn is_record_active(info: &ProviderOf<T>) -> bool {
		!info.paused && info.bonded >= Self::min_stake(info.profile.capacity)
	}

	/// The provider's stake: bond plus unlocking chunks.
	pub fn total_stake(info: &ProviderOf<T>) -> BalanceOf<T> {
		info.unlocking.iter().fold(info.bonded, |acc, c| acc.saturating_add(c.amount))
	}

	fn validate(profile: &ProfileOf<T>) -> DispatchResult {
		let p = profile;
		let max_capacity = (p.devices as Capacity).saturating_mul(p.class.h100_equivalent());
		// A GPU's memory is at most its model's; CPU-only machines declare what they have.
		let memory_ok =
			!p.class.is_gpu() || (p.memory_gib >= 1 && p.memory_gib <= p.class.memory_gib());
		ensure!(
			(1..=T::MaxDevices::get()).contains(&p.devices) &&
				memory_ok && (1..=max_capacity).contains(&p.capacity) &&
				p.region.is_well_formed(),
			Error::<T>::BadProfile
		);
		Ok(())
	}

	/// Adds (`add`) or removes a provider's contribution to the running totals.
	fn account(info: &ProviderOf<T>, add: bool) {
		let active = Self::is_record_active(info);
		let capacity = info.profile.capacity;
		let apply = |t: &mut ProviderTotals| {
			let (a, c) = (active as u32, if active { capacity } else { 0 });
			if add {
				t.registered.saturating_inc();
				t.active.saturating_accrue(a);
				t.registered_capacity.saturating_accrue(capacity);
				t.active_capacity.saturating_accrue(c);
			} else {
				t.registered.saturating_dec();
				t.active.saturating_reduce(a);
				t.registered_capacity.saturating_reduce(capacity);
				t.active_capacity.saturating_reduce(c);
			}
		};
		Totals::<T>::mutate(apply);
		ClassTotals::<T>::mutate(info.profile.class, apply);
		RegionTotals::<T>::mutate(info.profile.region.group, apply);
	}

	/// Changes one provider's record with `f`, keeping the totals and the draw index in step;
	/// nothing changes when `f` fails.
	fn mutate_provider(
		who: &T::AccountId,
		f: impl FnOnce(&mut ProviderOf<T>) -> DispatchResult,
	) -> DispatchResult {
		let mut info = Providers::<T>::get(who).ok_or(Error::<T>::NotRegistered)?;
		let before = info.clone();
		f(&mut info)?;
		Self::account(&before, false);
		Self::account(&info, true);
		let (was, is) = (Self::is_record_active(&before), Self::is_record_active(&info));
		if was && (!is || before.profile.class != info.profile.class) {
			Self::index_remove(who, before.profile.class);
		}
		if is && (!was || before.profile.class != info.profile.class) {
			Self::index_add(who, info.profile.class);
		}
		Providers::<T>::insert(who, info);
		Ok(())
	}

	pub(crate) fn do_register(who: T::AccountId, profile: ProfileOf<T>) -> DispatchResult {
		ensure!(!Providers::<T>::contains_key(&who), Error::<T>::AlreadyRegistered);
		Self::validate(&profile)?;
		let deposit = T::RegistrationDeposit::get();
		stake::hold_deposit::<T>(&who, deposit)?;
		let now = frame_system::Pallet::<T>::block_number();
		let (class, capacity) = (profile.class, profile.capacity);
		let operator_accepted = profile.operator == who;
		let info = ProviderInfo {
			operator_accepted,
			profile,
			paused: false,
			bonded: Zero::zero(),
			unlocking: Default::default(),
			registered_at: now,
			last_heartbeat: now,
			deposit,
		};
		Self::account(&info, true);
		// Active only if no stake is needed at all; otherwise it joins the index when it bonds.
		if Self::is_record_active(&info) {
			Self::index_add(&who, class);
		}
		Providers::<T>::insert(&who, info);
		Self::deposit_event(Event::Registered { who, class, capacity, deposit });
		Ok(())
	}

	pub(crate) fn do_update_profile(who: T::AccountId, profile: ProfileOf<T>) -> DispatchResult {
		Self::validate(&profile)?;
		Self::mutate_provider(&who, |info| {
			let was_active = Self::is_record_active(info);
			if profile.operator != info.profile.operator {
				// A new operator link: not while jobs run (their audits exclude the old operator's
				// machines), and it counts once the new operator accepts it.
				Self::ensure_link_unfrozen(&who)?;
				info.operator_accepted = profile.operator == who;
			}
			info.profile = profile;
			ensure!(!was_active || Self::is_record_active(info), Error::<T>::BelowMinimumStake);
			Ok(())
		})?;
		Self::deposit_event(Event::ProfileUpdated { who });
		Ok(())
	}

	/// The operator link of `who` may change only while it runs no job: the audits of its open
	/// jobs exclude the machines of the operator they started under.
	fn ensure_link_unfrozen(who: &T::AccountId) -> DispatchResult {
		T::Lifecycle::can_leave(who).map_err(|_| Error::<T>::OperatorLinkFrozen.into())
	}

	/// `operator`, which `provider` names, accepts it (`accepted`) or releases it: released, the
	/// provider is its own operator again. A provider that names itself cannot be released.
	pub(crate) fn do_set_accepted(operator: T::AccountId, provider: T::AccountId, accepted: bool) -> DispatchResult {
		Self::mutate_provider(&provider, |info| {
			ensure!(info.profile.operator == operator && (accepted || operator != provider), Error::<T>::NotNamedOperator);
			ensure!(
				info.operator_accepted != accepted,
				if accepted { Error::<T>::AlreadyAccepted } else { Error::<T>::NotAccepted }
			);
			Self::ensure_link_unfrozen(&provider)?;
			info.operator_accepted = accepted;
			Ok(())
		})?;
		Self::deposit_event(if accepted {
			Event::OperatorAccepted { provider, operator }
		} else {
			Event::OperatorReleased { provider, operator }
		});
		Ok(())
	}

	pub(crate) fn do_set_paused(who: T::AccountId, paused: bool) -> DispatchResult {
		Self::mutate_provider(&who, |info| {
			ensure!(info.paused != paused, if paused { Error::<T>::AlreadyPaused } else { Error::<T>::NotPaused });
			info.paused = paused;
			Ok(())
		})?;
		Self::deposit_event(if paused { Event::Paused { who } } else { Event::Resumed { who } });
		Ok(())
	}

	pub(crate) fn do_deregister(who: T::AccountId) -> DispatchResult {
		let info = Providers::<T>::get(&who).ok_or(Error::<T>::NotRegistered)?;
		ensure!(info.bonded.is_zero() && info.unlocking.is_empty(), Error::<T>::StakeStillHeld);
		T::Lifecycle::can_leave(&who)?;
		stake::release_deposit::<T>(&who, info.deposit)?;
		Self::account(&info, false);
		Providers::<T>::remove(&who);
		// Not active without stake, so not in the index; removing is a no-op then.
		Self::index_remove(&who, info.profile.class);
		T::Lifecycle::left(&who);
		Self::deposit_event(Event::Deregistered { who, deposit: info.deposit });
		Ok(())
	}

	/// Appends `who` to the draw index of `class`.
	pub(crate) fn index_add(who: &T::AccountId, class: HardwareClass) {
		let slot = ClassSize::<T>::mutate(class, |size| {
			let slot = *size;
			size.saturating_inc();
			slot
		});
		ClassMembers::<T>::insert((class, slot), who);
		MemberSlot::<T>::insert(who, slot);
	}

	/// Removes `who` from the draw index of `class`, if it is there: the last member takes its
	/// slot.
	pub(crate) fn index_remove(who: &T::AccountId, class: HardwareClass) {
		let Some(slot) = MemberSlot::<T>::take(who) else { return };
		let last = ClassSize::<T>::mutate(class, |size| {
			size.saturating_dec();
			*size
		});
		if let Some(moved) = ClassMembers::<T>::take((class, last)) {
			if slot != last {
				ClassMembers::<T>::insert((class, slot), &moved);
				MemberSlot::<T>::insert(&moved, slot);
			}
		}
	}

	pub(crate) fn do_bond(who: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		Self::mutate_provider(&who, |info| {
			stake::hold::<T>(&who, amount)?;
			info.bonded.saturating_accrue(amount);
			Ok(())
		})?;
		Self::deposit_event(Event::Bonded { who, amount });
		Ok(())
	}

	pub(crate) fn do_unbond(who: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let unlocks_at = frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
		Self::mutate_provider(&who, |info| {
			ensure!(amount <= info.bonded, Error::<T>::InsufficientBond);
			let was_active = Self::is_record_active(info);
			info.bonded.saturating_reduce(amount);
			ensure!(!was_active || Self::is_record_active(info), Error::<T>::BelowMinimumStake);
			match info.unlocking.last_mut() {
				Some(last) if last.unlocks_at == unlocks_at => last.amount.saturating_accrue(amount),
				_ => info
					.unlocking
					.try_push(UnlockChunk { amount, unlocks_at })
					.map_err(|_| Error::<T>::TooManyUnlockingChunks)?,
			}
			Ok(())
		})?;
		Self::deposit_event(Event::Unbonded { who, amount, unlocks_at });
		Ok(())
	}

	pub(crate) fn do_withdraw_unbonded(who: T::AccountId) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let mut released: BalanceOf<T> = Zero::zero();
		Self::mutate_provider(&who, |info| {
			info.unlocking.retain(|c| {
				let due = c.unlocks_at <= now;
				if due {
					released.saturating_accrue(c.amount);
				}
				!due
			});
			ensure!(!released.is_zero(), Error::<T>::NothingToWithdraw);
			stake::release::<T>(&who, released)
		})?;
		Self::deposit_event(Event::Withdrawn { who, amount: released });
		Ok(())
	}

	pub(crate) fn do_heartbeat(who: T::AccountId) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let since_last = Providers::<T>::try_mutate(&who, |maybe| -> Result<_, polkadot_sdk::sp_runtime::DispatchError> {
			let info = maybe.as_mut().ok_or(Error::<T>::NotRegistered)?;
			let since_last = now.saturating_sub(info.last_heartbeat);
			info.last_heartbeat = now;
			Ok(since_last)
		})?;
		T::OnHeartbeat::heartbeat(&who, since_last);
		Self::deposit_event(Event::Heartbeat { who });
		Ok(())
	}

	/// Takes `fraction` of the provider's stake, from the bond first, then from the newest
	/// unlocking chunks.
	pub(crate) fn do_slash(who: &T::AccountId, fraction: Perbill, reason: SlashReason) -> BalanceOf<T> {
		let mut taken: BalanceOf<T> = Zero::zero();
		let result = Self::mutate_provider(who, |info| {
			let mut due = fraction.mul_ceil(Self::total_stake(info));
			let from_bond = due.min(info.bonded);
			info.bonded.saturating_reduce(from_bond);
			due.saturating_reduce(from_bond);
			for chunk in info.unlocking.iter_mut().rev() {
				let from_chunk = due.min(chunk.amount);
				chunk.amount.saturating_reduce(from_chunk);
				due.saturating_reduce(from_chunk);
			}
			info.unlocking.retain(|c| !c.amount.is_zero());
			Ok(())
		});
		if result.is_ok() {
			// The record now shows the stake after the slash; take the difference off the hold.
			let held = stake::held::<T>(who);
			let remaining = Providers::<T>::get(who).map(|i| Self::total_stake(&i)).unwrap_or_default();
			taken = stake::slash::<T>(who, held.saturating_sub(remaining));
			SlashedTotal::<T>::mutate(|total| total.saturating_accrue(taken));
			if !taken.is_zero() {
				Self::deposit_event(Event::Slashed { who: who.clone(), amount: taken, reason });
			}
		}
		taken
	}

	/// Invariants: every provider's stake hold equals its stake and its deposit hold its deposit;
	/// the totals equal the sums over the records; the draw index holds exactly the active
	/// providers, each in its class. Iterates over all providers: for tests and try-runtime only.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		let mut totals = ProviderTotals::default();
		let mut by_class = BTreeMap::<HardwareClass, ProviderTotals>::new();
		let mut by_region = BTreeMap::<RegionGroup, ProviderTotals>::new();
		for (who, info) in Providers::<T>::iter() {
			ensure!(stake::held::<T>(&who) == Self::total_stake(&info), "stake hold differs from bond + unlocking");
			ensure!(stake::deposit_held::<T>(&who) == info.deposit, "deposit hold differs from the record");
			let active = Self::is_record_active(&info);
			ensure!(MemberSlot::<T>::contains_key(&who) == active, "the draw index holds exactly the active providers");
			for t in [
				&mut totals,
				by_class.entry(info.profile.class).or_default(),
				by_region.entry(info.profile.region.group).or_default(),
			] {
				t.registered += 1;
				t.active += active as u32;
				t.registered_capacity += info.profile.capacity;
				t.active_capacity += if active { info.profile.capacity } else { 0 };
			}
		}
		ensure!(Totals::<T>::get() == totals, "overall totals differ from the records");
		for class in HardwareClass::ALL {
			let size = ClassSize::<T>::get(class);
			ensure!(
				size == by_class.get(&class).map_or(0, |t| t.active),
				"class index size differs from the active providers"
			);
			for slot in 0..size {
				let who = ClassMembers::<T>::get((class, slot)).ok_or("class index has a gap")?;
				ensure!(MemberSlot::<T>::get(&who) == Some(slot), "class index slot differs");
				ensure!(
					Providers::<T>::get(&who).is_some_and(|i| i.profile.class == class),
					"class index names a provider of another class"
				);
			}
		}
		ensure!(Providers::<T>::count() == totals.registered, "provider count differs");
		for class in HardwareClass::ALL {
			ensure!(
				ClassTotals::<T>::get(class) == by_class.get(&class).copied().unwrap_or_default(),
				"class totals differ from the records"
			);
		}
		for group in RegionGroup::ALL {
			ensure!(
				RegionTotals::<T>::get(group) == by_region.get(&group).copied().unwrap_or_default(),
				"region totals differ from the records"
			);
		}
		Ok(())
	}
}

impl<T: Config> Slash<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn slash(who: &T::AccountId, fraction: Perbill, reason: SlashReason) -> BalanceOf<T> {
		Self::do_slash(who, fraction, reason)
	}
}

impl<T: Config> ProviderRegistry<T::AccountId> for Pallet<T> {
	fn provider(who: &T::AccountId) -> Option<ProviderView<T::AccountId>> {
		Providers::<T>::get(who).map(|info| ProviderView {
			class: info.profile.class,
			capacity: info.profile.capacity,
			devices: info.profile.devices,
			region: info.profile.region,
			operator: if info.operator_accepted { info.profile.operator.clone() } else { who.clone() },
			declared_operator: info.profile.operator.clone(),
			active: Self::is_record_active(&info),
			stake: Self::total_stake(&info).saturated_into(),
			bonded: info.bonded.saturated_into(),
		})
	}

	fn totals() -> ProviderTotals {
		Totals::<T>::get()
	}

	fn class_totals(class: HardwareClass) -> ProviderTotals {
		ClassTotals::<T>::get(class)
	}

	fn class_size(class: HardwareClass) -> u32 {
		ClassSize::<T>::get(class)
	}

	fn class_member(class: HardwareClass, index: u32) -> Option<T::AccountId> {
		ClassMembers::<T>::get((class, index))
	}

	fn minimum_stake() -> u128 {
		T::MinStake::get().saturated_into()
	}
}
