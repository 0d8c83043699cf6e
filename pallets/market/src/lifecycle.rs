//! The job lifecycle: offers, submission, assignment, commitment, settlement, deadlines and the
//! ways a job ends (settled, expired, refunded). Every path releases or pays out the whole escrow.

use crate::{due, escrow, matching::Candidate, *};
use frame_support::{
	dispatch::DispatchResult,
	ensure,
	traits::Get,
	weights::Weight,
};
use pallet_providers::SlashReason;
use pallet_quality::Outcome;
use polkadot_sdk::sp_runtime::{
	traits::{One, Saturating, Zero},
	DispatchError, SaturatedConversion,
};

/// How a job left its provider's slot, for the capacity the offer has proven.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum SlotEnd {
	/// Its result stood and it was paid: evidence the provider runs that many jobs at once.
	Settled,
	/// Rejected, refunded, its input never came: no evidence either way.
	Neutral,
	/// The provider never committed: it took on more than it runs.
	MissedCommit,
}

impl<T: Config> Pallet<T> {
	pub(crate) fn do_set_offer(
		who: T::AccountId,
		price_per_unit: BalanceOf<T>,
		max_concurrent: u32,
		available: bool,
	) -> DispatchResult {
		ensure!(!price_per_unit.is_zero(), Error::<T>::ZeroPrice);
		let provider = T::Providers::provider(&who).ok_or(Error::<T>::NotProvider)?;
		// Concurrency follows the declared machines: `MaxConcurrent` jobs per device.
		let most = T::MaxConcurrent::get().saturating_mul(provider.devices.max(1));
		ensure!((1..=most).contains(&max_concurrent), Error::<T>::BadConcurrency);
		ensure!(provider.active || !available, Error::<T>::ProviderInactive);
		// An existing offer leaves the book under its old class, region and price; only its running
		// jobs (their count and value) and its deposit carry over. The new one is listed below; a
		// first offer pays its deposit.
		let (running, backing, deposit, proven) = match Offers::<T>::get(&who) {
			Some(mut old) => {
				Self::unlist(&who, &mut old);
				(old.running, old.backing, old.deposit, old.proven)
			},
			None => {
				let deposit = T::OfferDeposit::get();
				escrow::hold_deposit::<T>(&who, deposit)?;
				(0, Zero::zero(), deposit, T::UnprovenConcurrency::get())
			},
		};
		let mut offer = Offer {
			class: provider.class,
			region: provider.region,
			price_per_unit,
			max_concurrent,
			proven,
			running,
			backing,
			available,
			listed_at: None,
			deposit,
		};
		let listed = Self::refresh_listing(&who, &mut offer);
		Offers::<T>::insert(&who, offer);
		Self::deposit_event(Event::OfferSet {
			provider: who.clone(),
			class: provider.class,
			price_per_unit,
			max_concurrent,
			available,
		});
		if listed {
			Self::match_waiting(&who);
		}
		Ok(())
	}

	pub(crate) fn do_retract_offer(who: T::AccountId) -> DispatchResult {
		let mut offer = Offers::<T>::get(&who).ok_or(Error::<T>::NoOffer)?;
		ensure!(offer.running == 0, Error::<T>::OfferBusy);
		escrow::release_deposit::<T>(&who, offer.deposit)?;
		Self::unlist(&who, &mut offer);
		Offers::<T>::remove(&who);
		Self::deposit_event(Event::OfferRetracted { provider: who });
		Ok(())
	}

	pub(crate) fn do_submit_job(
		consumer: T::AccountId,
		spec: JobSpec<BalanceOf<T>, BlockNumberFor<T>>,
	) -> Result<JobId, DispatchError> {
		ensure!(!spec.max_price_per_unit.is_zero(), Error::<T>::ZeroPrice);
		let units = Self::check_spec(&spec).map_err(|reason| match reason {
			NoMatch::BadRegions => Error::<T>::BadRegions,
			NoMatch::PlaintextForSensitive => Error::<T>::PlaintextForSensitive,
			NoMatch::NoCapableClass => Error::<T>::NoCapableClass,
			NoMatch::TooLong => Error::<T>::TooLong,
			NoMatch::ProgramTooLarge => Error::<T>::ProgramTooLarge,
			_ => Error::<T>::BadShape,
		})?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(spec.deadline >= now.saturating_add(T::CommitWindow::get()), Error::<T>::DeadlineTooSoon);
		ensure!(spec.deadline <= now.saturating_add(T::MaxJobLifetime::get()), Error::<T>::DeadlineTooFar);
		let (escrow, audit_budget) =
			Self::escrow_for(spec.max_price_per_unit, units).ok_or(Error::<T>::EscrowOverflow)?;
		escrow::hold::<T>(&consumer, escrow)?;
		let deposit = T::JobDeposit::get();
		escrow::hold_deposit::<T>(&consumer, deposit)?;

		let id = NextJobId::<T>::mutate(|next| {
			let id = *next;
			*next = next.saturating_add(1);
			id
		});
		let job = Job::<T> {
			consumer: consumer.clone(),
			spec,
			units,
			escrow,
			audit_budget,
			deposit,
			state: JobState::Queued,
			excluded: Default::default(),
			queued_at: None,
			submitted_at: now,
			finished_at: None,
		};
		Totals::<T>::mutate(|t| {
			t.submitted.saturating_inc();
			t.escrowed.saturating_accrue(escrow);
		});
		Totals::<T>::mutate(|t| t.queued.saturating_inc());
		Self::deposit_event(Event::JobSubmitted { job: id, consumer, units, escrow });
		Self::match_or_queue(id, job);
		Ok(id)
	}

	/// Assigns a job in state `Queued` (counted as queued, not in the book) to the best offer, or
	/// puts it into the waiting book until its deadline.
	fn match_or_queue(id: JobId, mut job: Job<T>) {
		match Self::find_offer(&job.spec, &job.excluded, true) {
			Ok(Candidate { provider, offer }) => {
				Self::assign(id, job, provider, offer);
			},
			Err(_) => {
				Self::enqueue(id, &mut job);
				Self::schedule(job.spec.deadline.saturating_add(One::one()), id);
				Jobs::<T>::insert(id, job);
				Self::deposit_event(Event::JobQueued { job: id });
			},
		}
	}

	/// Assigns a queued job (in the book or not) to the provider behind `offer`; returns the offer
	/// as stored after taking the job. The provider has `InputWindow` blocks to acknowledge the
	/// input.
	pub(crate) fn assign(id: JobId, mut job: Job<T>, provider: T::AccountId, mut offer: Offer<T>) -> Offer<T> {
		Self::dequeue(id, &mut job);
		let now = frame_system::Pallet::<T>::block_number();
		let input_by = now.saturating_add(T::InputWindow::get());
		let price_per_unit = offer.price_per_unit;
		job.state = JobState::Assigned { provider: provider.clone(), price_per_unit, assigned_at: now, input_by };
		offer.running.saturating_inc();
		offer.backing.saturating_accrue(Self::exposure(price_per_unit, job.units));
		Jobs::<T>::insert(id, job);
		Self::refresh_listing(&provider, &mut offer);
		Offers::<T>::insert(&provider, &offer);
		Totals::<T>::mutate(|t| {
			t.queued.saturating_dec();
			t.running.saturating_inc();
		});
		Self::schedule(input_by.saturating_add(One::one()), id);
		Self::deposit_event(Event::JobAssigned { job: id, provider, price_per_unit, input_by });
		offer
	}

	/// The provider of job `id` holds its input: the commit window opens, sized for the job on
	/// the provider's hardware.
	pub(crate) fn do_acknowledge_input(who: T::AccountId, id: JobId) -> DispatchResult {
		let mut job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		let JobState::Assigned { provider, price_per_unit, input_by, .. } = job.state.clone() else {
			return Err(Error::<T>::NotAwaitingInput.into());
		};
		ensure!(provider == who, Error::<T>::NotAwaitingInput);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now <= input_by, Error::<T>::InputTooLate);
		let commit_by = now.saturating_add(Self::commit_blocks(job.units, Self::provider_class(&who)).into());
		job.state = JobState::Running { provider, price_per_unit, started_at: now, commit_by };
		Jobs::<T>::insert(id, job);
		Self::schedule(commit_by.saturating_add(One::one()), id);
		Self::deposit_event(Event::InputAcknowledged { job: id, provider: who, commit_by });
		Ok(())
	}

	/// The class a provider's jobs run on: its offer's (the class it was matched in), else its
	/// profile's.
	fn provider_class(who: &T::AccountId) -> HardwareClass {
		Offers::<T>::get(who).map_or_else(
			|| T::Providers::provider(who).map(|p| p.class).unwrap_or(HardwareClass::Cpu),
			|offer| offer.class,
		)
	}

	pub(crate) fn do_cancel_job(who: T::AccountId, id: JobId) -> DispatchResult {
		let mut job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		ensure!(job.consumer == who, Error::<T>::NotConsumer);
		ensure!(matches!(job.state, JobState::Queued), Error::<T>::NotQueued);
		Self::dequeue(id, &mut job);
		Totals::<T>::mutate(|t| t.queued.saturating_dec());
		Self::deposit_event(Event::JobCancelled { job: id });
		Self::refund(id, job, JobState::Refunded)
	}

	/// Marks job `id`, running on `who`, as committed (for [`JobMarket::commit`]). A commitment
	/// while the input is still unacknowledged acknowledges it too.
	pub(crate) fn do_commit(
		who: &T::AccountId,
		id: JobId,
	) -> Result<CommittedJob<T::AccountId, BalanceOf<T>>, DispatchError> {
		let mut job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		let now = frame_system::Pallet::<T>::block_number();
		let (provider, price_per_unit, started_at) = match job.state.clone() {
			JobState::Running { provider, price_per_unit, started_at, commit_by } => {
				ensure!(&provider == who, Error::<T>::NotAssignedToCaller);
				ensure!(now <= commit_by, Error::<T>::CommitTooLate);
				(provider, price_per_unit, started_at)
			},
			JobState::Assigned { provider, price_per_unit, input_by, .. } => {
				ensure!(&provider == who, Error::<T>::NotAssignedToCaller);
				ensure!(now <= input_by, Error::<T>::CommitTooLate);
				(provider, price_per_unit, now)
			},
			_ => return Err(Error::<T>::NotAssignedToCaller.into()),
		};
		let committed = CommittedJob {
			consumer: job.consumer.clone(),
			class: Self::provider_class(who),
			workload: job.spec.workload,
			sensitivity: job.spec.sensitivity,
			units: job.units,
			payment: Self::cost(price_per_unit, &job),
			audit_budget: job.audit_budget,
		};
		job.state = JobState::Committed { provider: provider.clone(), price_per_unit, started_at, committed_at: now };
		Jobs::<T>::insert(id, job);
		Self::deposit_event(Event::JobCommitted { job: id, provider });
		Ok(committed)
	}

	/// Bills committed program job `id` by the fuel its provider revealed (for
	/// [`JobMarket::meter`]): its units become those of `fuel_used`, and the provider's backing
	/// drops by the value of the units it did not use.
	pub(crate) fn do_meter(id: JobId, fuel_used: u64) -> DispatchResult {
		let mut job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		let JobState::Committed { provider, price_per_unit, .. } = job.state.clone() else {
			return Err(Error::<T>::NotCommitted.into());
		};
		let limit = job.spec.workload.metered_fuel().ok_or(Error::<T>::BadUsage)?;
		ensure!(fuel_used <= limit, Error::<T>::BadUsage);
		let units = compnet_primitives::fuel_units(fuel_used).min(job.units);
		let unused = Self::exposure(price_per_unit, job.units).saturating_sub(Self::exposure(price_per_unit, units));
		if let Some(mut offer) = Offers::<T>::get(&provider) {
			offer.backing.saturating_reduce(unused);
			Offers::<T>::insert(&provider, offer);
		}
		job.units = units;
		Jobs::<T>::insert(id, job);
		Self::deposit_event(Event::UsageMetered { job: id, fuel_used, units });
		Ok(())
	}

	/// What a job of `units` at `price_per_unit` puts in its provider's hands: price × units, the
	/// payment a wrong result would win. It backs the provider's stake while the job is open.
	pub(crate) fn exposure(price_per_unit: BalanceOf<T>, units: u64) -> BalanceOf<T> {
		price_per_unit.saturating_mul(units.saturated_into())
	}

	/// What the provider of `job` is paid at `price_per_unit`: price × units, within the escrow.
	fn cost(price_per_unit: BalanceOf<T>, job: &Job<T>) -> BalanceOf<T> {
		Self::exposure(price_per_unit, job.units).min(job.escrow)
	}

	/// Ends a committed job with `verdict` (for [`JobMarket::conclude`]): `auditors` share the
	/// audit budget, then the provider is paid or the consumer refunded.
	pub(crate) fn do_conclude(
		id: JobId,
		verdict: Verdict,
		auditors: &[T::AccountId],
	) -> Result<BalanceOf<T>, DispatchError> {
		let mut job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		let JobState::Committed { provider, price_per_unit, started_at, committed_at } = job.state.clone() else {
			return Err(Error::<T>::NotCommitted.into());
		};
		let each = if auditors.is_empty() {
			Zero::zero()
		} else {
			let count: BalanceOf<T> = (auditors.len() as u32).into();
			job.audit_budget.min(job.escrow) / count
		};
		for auditor in auditors {
			escrow::pay::<T>(&job.consumer, auditor, each)?;
		}
		let audit_paid = each.saturating_mul((auditors.len() as u32).into());
		job.escrow.saturating_reduce(audit_paid);
		Totals::<T>::mutate(|t| {
			t.escrowed.saturating_reduce(audit_paid);
			t.paid.saturating_accrue(audit_paid);
		});
		if !auditors.is_empty() {
			Self::deposit_event(Event::AuditorsPaid { job: id, auditors: auditors.len() as u32, each });
		}
		match verdict {
			Verdict::Correct => {
				let taken: u32 = committed_at.saturating_sub(started_at).saturated_into();
				T::Quality::record(
					&provider,
					Some(&job.consumer),
					Outcome::Completed { expected: Self::expected_blocks(&job, &provider), taken },
				);
				Self::settle(id, job)?;
			},
			Verdict::Rejected => {
				Totals::<T>::mutate(|t| t.running.saturating_dec());
				Self::deposit_event(Event::JobRejected { job: id, provider: provider.clone(), refunded: job.escrow });
				let exposure = Self::exposure(price_per_unit, job.units);
				Self::refund(id, job, JobState::Refunded)?;
				Self::free_slot(&provider, exposure, SlotEnd::Neutral);
			},
		}
		Ok(each)
	}

	/// Blocks `job` is expected to take on `provider`'s hardware once it has the input:
	/// `ExpectedLatency` plus its compute time.
	fn expected_blocks(job: &Job<T>, provider: &T::AccountId) -> u32 {
		let compute = Self::compute_blocks(job.units, Self::provider_class(provider));
		T::ExpectedLatency::get().saturating_add(compute)
	}

	/// Blocks one device of `class` is expected to compute `units` for: the units at
	/// `UnitsPerBlock` per H100-equivalent, rounded up.
	pub fn compute_blocks(units: u64, class: HardwareClass) -> u32 {
		let rate = T::UnitsPerBlock::get().saturating_mul(class.h100_equivalent()) / 1_000;
		units.div_ceil(rate.max(1)).saturated_into()
	}

	/// The commit window of a job of `units` on `class`: `CommitWindow` plus `ComputeSlack`
	/// times the expected compute time.
	pub fn commit_blocks(units: u64, class: HardwareClass) -> u32 {
		let base: u32 = T::CommitWindow::get().saturated_into();
		base.saturating_add(T::ComputeSlack::get().saturating_mul(Self::compute_blocks(units, class)))
	}

	/// Whether `class` can run `workload` of `units`: it holds the working set and finishes
	/// within `MaxComputeBlocks`.
	pub fn class_able(workload: &Workload, units: u64, class: HardwareClass) -> bool {
		workload.runs_on(class) && Self::compute_blocks(units, class) <= T::MaxComputeBlocks::get()
	}

	/// Pays a committed job: matched price × units minus the protocol fee to the provider, the fee
	/// to `FeeDestination` (or burnt), the rest of the escrow back to the consumer.
	pub(crate) fn settle(id: JobId, mut job: Job<T>) -> DispatchResult {
		let JobState::Committed { provider, price_per_unit, .. } = job.state.clone() else {
			return Err(Error::<T>::NotAssignedToCaller.into());
		};
		let cost = Self::cost(price_per_unit, &job);
		let exposure = Self::exposure(price_per_unit, job.units);
		let fee = T::ProtocolFee::get().mul_floor(cost);
		let paid = cost.saturating_sub(fee);
		let refunded = job.escrow.saturating_sub(cost);
		escrow::pay::<T>(&job.consumer, &provider, paid)?;
		escrow::take_fee::<T>(&job.consumer, fee)?;
		escrow::release::<T>(&job.consumer, refunded)?;
		let class = Offers::<T>::get(&provider).map(|o| o.class);
		Totals::<T>::mutate(|t| {
			t.running.saturating_dec();
			t.settled.saturating_inc();
			t.escrowed.saturating_reduce(job.escrow);
			t.paid.saturating_accrue(paid);
			t.fees.saturating_accrue(fee);
		});
		if let Some(class) = class {
			Self::record_cleared_price(class, job.units, cost);
		}
		job.escrow = Zero::zero();
		job.state = JobState::Settled { provider: provider.clone(), paid, fee };
		Self::finish(id, job);
		Self::deposit_event(Event::JobSettled { job: id, provider: provider.clone(), paid, fee, refunded });
		Self::free_slot(&provider, exposure, SlotEnd::Settled);
		Ok(())
	}

	/// Releases the whole remaining escrow of a job that ends unpaid, in `state`.
	fn refund(id: JobId, mut job: Job<T>, state: JobStateOf<T>) -> DispatchResult {
		let refunded = job.escrow;
		escrow::release::<T>(&job.consumer, refunded)?;
		Totals::<T>::mutate(|t| {
			t.escrowed.saturating_reduce(refunded);
			match state {
				JobState::Expired => t.expired.saturating_inc(),
				_ => t.refunded.saturating_inc(),
			}
		});
		let event = match state {
			JobState::Expired => Event::JobExpired { job: id, refunded },
			_ => Event::JobRefunded { job: id, refunded },
		};
		job.escrow = Zero::zero();
		job.state = state;
		Self::finish(id, job);
		Self::deposit_event(event);
		Ok(())
	}

	/// Stores a job that reached a final state and files the removal of its record.
	fn finish(id: JobId, mut job: Job<T>) {
		let now = frame_system::Pallet::<T>::block_number();
		job.finished_at = Some(now);
		Jobs::<T>::insert(id, job);
		Self::schedule(now.saturating_add(T::JobRetention::get()), id);
	}

	/// A provider's job of value `exposure` ended: one slot and that much stake are free again,
	/// and the capacity the offer has proven follows how it ended ([`SlotEnd`]). After a missed
	/// commitment the offer also stops taking jobs until the provider sets it again. Otherwise
	/// waiting jobs are matched to the free slot.
	fn free_slot(provider: &T::AccountId, exposure: BalanceOf<T>, end: SlotEnd) {
		let Some(mut offer) = Offers::<T>::get(provider) else { return };
		let proven = match end {
			// It ran as many jobs as it had proven, and this one's result stood.
			SlotEnd::Settled if offer.running >= offer.proven && offer.proven < offer.max_concurrent =>
				offer.proven.saturating_add(1),
			SlotEnd::MissedCommit => (offer.proven / 2).max(T::UnprovenConcurrency::get()),
			_ => offer.proven,
		};
		if proven != offer.proven {
			offer.proven = proven;
			Self::deposit_event(Event::CapacityMeasured {
				provider: provider.clone(),
				proven,
				capacity: offer.capacity(),
			});
		}
		offer.running.saturating_dec();
		offer.backing.saturating_reduce(exposure);
		if end == SlotEnd::MissedCommit && offer.available {
			offer.available = false;
			Self::deposit_event(Event::OfferSuspended { provider: provider.clone() });
		}
		let listed = Self::refresh_listing(provider, &mut offer);
		Offers::<T>::insert(provider, offer);
		if listed {
			Self::match_waiting(provider);
		}
	}

	/// Files job `id` to be looked at from block `at`: never refused, never dropped.
	fn schedule(at: BlockNumberFor<T>, id: JobId) {
		due::file::<DeadlineQueue<T>>(at, id);
	}

	/// Processes job `id` if one of its deadlines has passed at `now`.
	pub(crate) fn process_due(id: JobId, now: BlockNumberFor<T>) -> DispatchResult {
		let mut job = Jobs::<T>::get(id).ok_or(Error::<T>::UnknownJob)?;
		match job.state.clone() {
			JobState::Queued if now > job.spec.deadline => {
				Self::dequeue(id, &mut job);
				Totals::<T>::mutate(|t| t.queued.saturating_dec());
				Self::refund(id, job, JobState::Expired)
			},
			JobState::Assigned { provider, price_per_unit, input_by, .. } if now > input_by => {
				// Nobody can tell whether the consumer never uploaded or the provider never said so;
				// nobody is slashed. The consumer named the input, so its deposit pays.
				let burnt = job.deposit;
				escrow::burn_deposit::<T>(&job.consumer, burnt)?;
				job.deposit = Zero::zero();
				Totals::<T>::mutate(|t| {
					t.running.saturating_dec();
					t.inputs_missing.saturating_inc();
					t.burnt_deposits.saturating_accrue(burnt);
				});
				Self::deposit_event(Event::InputMissing { job: id, provider: provider.clone(), deposit_burnt: burnt });
				let exposure = Self::exposure(price_per_unit, job.units);
				Self::refund(id, job, JobState::Refunded)?;
				Self::free_slot(&provider, exposure, SlotEnd::Neutral);
				Ok(())
			},
			JobState::Running { provider, price_per_unit, commit_by, .. } if now > commit_by => {
				let slashed = T::Slasher::slash(&provider, T::MissedCommitSlash::get(), SlashReason::MissedDeadline);
				T::Quality::record(&provider, None, Outcome::DeadlineMissed);
				Self::deposit_event(Event::CommitMissed { job: id, provider: provider.clone(), slashed });
				Self::free_slot(&provider, Self::exposure(price_per_unit, job.units), SlotEnd::MissedCommit);
				let room = job.excluded.try_push(provider).is_ok() &&
					(job.excluded.len() as u32) < T::MaxAssignments::get();
				// Back to queued, counted as such; then matched again, or refunded.
				Totals::<T>::mutate(|t| {
					t.running.saturating_dec();
					t.queued.saturating_inc();
				});
				job.state = JobState::Queued;
				if room && now <= job.spec.deadline {
					Self::match_or_queue(id, job);
				} else {
					Totals::<T>::mutate(|t| t.queued.saturating_dec());
					Self::refund(id, job, JobState::Refunded)?;
				}
				Ok(())
			},
			state if state.is_final() &&
				job.finished_at.is_some_and(|at| now >= at.saturating_add(T::JobRetention::get())) =>
			{
				escrow::release_deposit::<T>(&job.consumer, job.deposit)?;
				Jobs::<T>::remove(id);
				Self::deposit_event(Event::JobRemoved { job: id, deposit: job.deposit });
				Ok(())
			},
			_ => Err(Error::<T>::NotDue.into()),
		}
	}

	/// `on_idle`: works through the filed deadlines of past blocks while the weight lasts.
	pub(crate) fn process_deadlines(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
		let queue = T::DbWeight::get().reads_writes(1, 2);
		due::process::<DeadlineQueue<T>>(
			now,
			remaining,
			T::WeightInfo::on_idle_base(),
			T::WeightInfo::expire().max(T::WeightInfo::expire_input_missing()).saturating_add(queue),
			|id| {
				// A job filed here may have moved on (committed, refiled): nothing is due then.
				// Each job is processed in its own storage layer: a failure changes nothing.
				let _ = frame_support::storage::with_storage_layer(|| Self::process_due(id, now));
			},
		)
	}
}

/// The market's deadline queue over its storage.
pub struct DeadlineQueue<T>(core::marker::PhantomData<T>);

impl<T: Config> due::DueStorage for DeadlineQueue<T> {
	type BlockNumber = BlockNumberFor<T>;
	fn count(block: Self::BlockNumber) -> u32 {
		DeadlineCount::<T>::get(block)
	}
	fn set_count(block: Self::BlockNumber, count: u32) {
		if count == 0 {
			DeadlineCount::<T>::remove(block)
		} else {
			DeadlineCount::<T>::insert(block, count)
		}
	}
	fn item(block: Self::BlockNumber, index: u32) -> Option<JobId> {
		DeadlineJobs::<T>::get(block, index)
	}
	fn set_item(block: Self::BlockNumber, index: u32, job: Option<JobId>) {
		DeadlineJobs::<T>::set(block, index, job)
	}
	fn cursor() -> Option<(Self::BlockNumber, u32)> {
		DeadlineQueueCursor::<T>::get()
	}
	fn set_cursor(cursor: (Self::BlockNumber, u32)) {
		DeadlineQueueCursor::<T>::put(cursor)
	}
}

impl<T: Config> pallet_providers::ProviderLifecycle<T::AccountId> for Pallet<T> {
	fn can_leave(who: &T::AccountId) -> DispatchResult {
		ensure!(Offers::<T>::get(who).is_none_or(|offer| offer.running == 0), Error::<T>::OfferBusy);
		Ok(())
	}

	/// The provider left the registry: its offer goes, and its deposit comes back.
	fn left(who: &T::AccountId) {
		if let Some(mut offer) = Offers::<T>::take(who) {
			Self::unlist(who, &mut offer);
			let _ = escrow::release_deposit::<T>(who, offer.deposit);
			Self::deposit_event(Event::OfferRetracted { provider: who.clone() });
		}
	}

	/// What retracting the offer costs (the same work).
	fn leave_weight() -> Weight {
		T::WeightInfo::retract_offer()
	}
}
