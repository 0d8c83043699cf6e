//! Market statistics from running totals, and the invariants `do_try_state` checks.

use crate::*;
use frame_support::traits::Get;
use polkadot_sdk::sp_runtime::{
	traits::{Saturating, Zero},
	SaturatedConversion,
};

impl<T: Config> Pallet<T> {
	/// The price period a block falls in.
	fn price_period(block: BlockNumberFor<T>) -> u32 {
		let period: u32 = T::PricePeriod::get().saturated_into();
		let block: u32 = block.saturated_into();
		block / period.max(1)
	}

	/// Adds a settlement of `units` for `value` to the class's price window.
	pub(crate) fn record_cleared_price(class: HardwareClass, units: u64, value: BalanceOf<T>) {
		let period = Self::price_period(frame_system::Pallet::<T>::block_number());
		ClearedPrices::<T>::mutate(class, |window| {
			let slot = &mut window.slots[period as usize % PRICE_WINDOW_SLOTS];
			if slot.period != period {
				*slot = PriceSlot { period, units: 0, value: Zero::zero() };
			}
			slot.units.saturating_accrue(units);
			slot.value.saturating_accrue(value);
		});
	}

	/// The average cleared price per unit of `class` over the window, with the units it covers.
	pub fn average_price(class: HardwareClass) -> (Option<BalanceOf<T>>, u64) {
		let current = Self::price_period(frame_system::Pallet::<T>::block_number());
		let oldest = current.saturating_sub(PRICE_WINDOW_SLOTS as u32 - 1);
		let window = ClearedPrices::<T>::get(class);
		let (units, value) = window
			.slots
			.iter()
			.filter(|s| s.units > 0 && (oldest..=current).contains(&s.period))
			.fold((0u64, BalanceOf::<T>::zero()), |(u, v), s| (u.saturating_add(s.units), v.saturating_add(s.value)));
		let average = (units > 0).then(|| value / units.saturated_into());
		(average, units)
	}

	/// The market's figures, all from running totals: the runtime API's `stats`.
	pub fn stats() -> MarketStats<BalanceOf<T>> {
		let classes = HardwareClass::ALL
			.into_iter()
			.map(|class| {
				let (average_price, window_units) = Self::average_price(class);
				let reference_price = ReferencePrices::<T>::get(class);
				let discount = match (average_price, reference_price) {
					(Some(avg), Some(reference)) if !reference.is_zero() && avg <= reference =>
						Some(Perbill::from_rational(reference - avg, reference)),
					(Some(_), Some(_)) => Some(Perbill::zero()),
					_ => None,
				};
				ClassStats {
					class,
					providers: T::Providers::class_totals(class),
					average_price,
					window_units,
					reference_price,
					discount,
				}
			})
			.collect();
		MarketStats {
			providers: T::Providers::totals(),
			jobs: Totals::<T>::get(),
			price_period: T::PricePeriod::get().saturated_into(),
			classes,
		}
	}

	/// Invariants: each consumer's escrow hold equals the escrow of its open jobs (so one without
	/// open jobs holds none); final jobs hold nothing; each account's deposit hold equals its
	/// offer's and its jobs' deposits; each offer's running count equals its open jobs and its
	/// backing their value; the job
	/// totals match the records; every listed offer is in the book at its level,
	/// the book holds nothing else, and its bit index matches its levels; waiting jobs are in the
	/// waiting book of each of their groups. Iterates over everything: tests and try-runtime only.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use crate::{book::BookStorage, storage_books::*};
		use alloc::collections::{BTreeMap, BTreeSet};
		use frame_support::ensure;

		// Escrow, deposits, slots and job totals.
		let mut escrow_by_consumer = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut open_by_provider = BTreeMap::<T::AccountId, (u32, BalanceOf<T>)>::new();
		let mut totals = JobTotals::<BalanceOf<T>>::default();
		let mut queued = BTreeSet::<(WaitingKey, JobId)>::new();
		let now = frame_system::Pallet::<T>::block_number();
		for (id, job) in Jobs::<T>::iter() {
			match &job.state {
				JobState::Queued => {
					totals.queued += 1;
					// A queued job waits in the bucket of every class able to run it, in every group
					// it allows; it leaves them early only when read past its deadline.
					if job.queued_at.is_none() {
						ensure!(now > job.spec.deadline, "a queued job left the waiting book before its deadline");
					} else {
						for key in Self::waiting_keys(&job) {
							ensure!(WaitingLinks::<T>::contains_key((key, id)), "queued job missing from a bucket");
							queued.insert((key, id));
						}
					}
				},
				JobState::Assigned { .. } | JobState::Running { .. } | JobState::Committed { .. } => {
					totals.running += 1;
					ensure!(job.queued_at.is_none(), "a running job is still in the waiting book");
				},
				_ => {
					ensure!(job.escrow.is_zero(), "a final job still holds escrow");
					ensure!(job.queued_at.is_none(), "a final job is still in the waiting book");
				},
			}
			if let Some((provider, price_per_unit)) = job.state.holder() {
				if !matches!(job.state, JobState::Committed { .. }) {
					ensure!(!job.excluded.contains(provider), "a job assigned to a provider it excluded");
				}
				let open = open_by_provider.entry(provider.clone()).or_default();
				open.0 += 1;
				open.1 += Self::exposure(*price_per_unit, job.units);
			}
			*escrow_by_consumer.entry(job.consumer.clone()).or_default() += job.escrow;
			*deposits.entry(job.consumer.clone()).or_default() += job.deposit;
			totals.escrowed += job.escrow;
		}
		// Every consumer with a job record (open or final) holds exactly its open jobs' escrow:
		// none without open jobs holds any.
		for (consumer, escrow) in &escrow_by_consumer {
			ensure!(escrow::held::<T>(consumer) == *escrow, "escrow hold differs from the open jobs' escrow");
		}
		for (provider, offer) in Offers::<T>::iter() {
			let (running, backing) = open_by_provider.remove(&provider).unwrap_or_default();
			ensure!(offer.running == running, "an offer's running count differs from its open jobs");
			ensure!(offer.backing == backing, "an offer's backing differs from its open jobs' value");
			*deposits.entry(provider).or_default() += offer.deposit;
		}
		ensure!(open_by_provider.is_empty(), "an open job belongs to a provider without an offer");
		for (who, deposit) in &deposits {
			ensure!(escrow::deposit_held::<T>(who) == *deposit, "deposit hold differs from the offer's and jobs' deposits");
		}
		let recorded = Totals::<T>::get();
		ensure!(recorded.queued == totals.queued, "queued count differs from the records");
		ensure!(recorded.running == totals.running, "running count differs from the records");
		ensure!(recorded.escrowed == totals.escrowed, "escrowed total differs from the records");

		// Waiting book: every linked entry is a queued job, and its level's index bits are set.
		let linked: BTreeSet<(WaitingKey, JobId)> = WaitingLinks::<T>::iter_keys().collect();
		ensure!(linked == queued, "the waiting book holds something other than the queued jobs");
		for (key, id) in &linked {
			let level = Jobs::<T>::get(id).and_then(|j| j.queued_at).ok_or("unknown waiting job")?;
			ensure!(WaitingBook::<T>::ends(*key, level).is_some(), "a waiting job's level has no list");
		}
		check_index::<WaitingBook<T>>(
			WaitingLevels::<T>::iter_keys().collect(),
			WaitingExponents::<T>::iter().collect(),
		)?;
		// Its tier bits: exactly the buckets with jobs.
		let mut tiers = BTreeMap::<WaitingGroup, u128>::new();
		for (class, group, clearance, tier) in WaitingExponents::<T>::iter_keys() {
			*tiers.entry((class, group, clearance)).or_default() |= 1u128 << tier;
		}
		ensure!(
			WaitingTiers::<T>::iter().collect::<BTreeMap<_, _>>() == tiers,
			"the waiting book's tier bits differ from its non-empty buckets"
		);

		// Offer book: listed offers are exactly those linked, with free slots and their levels set.
		let mut listed = 0u32;
		for (provider, offer) in Offers::<T>::iter() {
			match offer.listed_at {
				Some(level) => {
					listed += 1;
					ensure!(OfferLinks::<T>::contains_key(&provider), "a listed offer is not in the book");
					ensure!(offer.available && offer.has_free_slot(), "a full or unavailable offer is listed");
					ensure!(
						OfferBook::<T>::ends((offer.class, offer.region.group), level).is_some(),
						"a listed offer's level has no list"
					);
				},
				None => ensure!(!OfferLinks::<T>::contains_key(&provider), "an unlisted offer is in the book"),
			}
		}
		ensure!(OfferLinks::<T>::iter_keys().count() as u32 == listed, "the book holds unknown offers");
		ensure!(recorded.listed_offers == listed, "listed-offer count differs from the records");
		check_index::<OfferBook<T>>(
			OfferLevels::<T>::iter_keys().collect(),
			OfferExponents::<T>::iter().collect(),
		)?;

		// Sensitive offer book: only listed offers, at the level and bucket they are listed at.
		for provider in SensitiveOfferLinks::<T>::iter_keys() {
			let offer = Offers::<T>::get(&provider).ok_or("an unknown offer in the sensitive book")?;
			let level = offer.listed_at.ok_or("an unlisted offer in the sensitive book")?;
			ensure!(
				SensitiveOfferBook::<T>::ends((offer.class, offer.region.group), level).is_some(),
				"a sensitive offer's level has no list"
			);
		}
		check_index::<SensitiveOfferBook<T>>(
			SensitiveOfferLevels::<T>::iter_keys().collect(),
			SensitiveOfferExponents::<T>::iter().collect(),
		)?;

		// Every list is well linked: walking from the head reaches the tail.
		for ((key, level), ends) in OfferLevels::<T>::iter() {
			walk::<OfferBook<T>>(key, level, ends)?;
		}
		for ((key, level), ends) in SensitiveOfferLevels::<T>::iter() {
			walk::<SensitiveOfferBook<T>>(key, level, ends)?;
		}
		for ((key, level), ends) in WaitingLevels::<T>::iter() {
			walk::<WaitingBook<T>>(key, level, ends)?;
		}
		Ok(())
	}
}

/// The bit index of a book has exactly the bits of its non-empty levels.
#[cfg(any(feature = "std", feature = "try-runtime"))]
fn check_index<B: book::BookStorage>(
	levels: alloc::vec::Vec<(B::Key, u16)>,
	stored_exponents: alloc::vec::Vec<(B::Key, u128)>,
) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError>
where
	B::Key: Ord,
{
	use alloc::collections::BTreeMap;
	let mut exps = BTreeMap::<B::Key, u128>::new();
	let mut mants = BTreeMap::<(B::Key, u8), u64>::new();
	for (key, level) in levels {
		*exps.entry(key).or_default() |= 1u128 << (level / 64);
		*mants.entry((key, (level / 64) as u8)).or_default() |= 1u64 << (level % 64);
	}
	let stored: BTreeMap<B::Key, u128> = stored_exponents.into_iter().collect();
	frame_support::ensure!(stored == exps, "book exponent bits differ from its levels");
	for ((key, exp), bits) in &mants {
		frame_support::ensure!(B::mantissas(*key, *exp) == *bits, "book mantissa bits differ from its levels");
	}
	Ok(())
}

/// Walks one level's list from head to tail, checking the back links.
#[cfg(any(feature = "std", feature = "try-runtime"))]
fn walk<B: book::BookStorage>(
	key: B::Key,
	_level: u16,
	ends: Ends<B::Item>,
) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
	let mut prev: Option<B::Item> = None;
	let mut item = Some(ends.head.clone());
	let mut steps = 0u32;
	while let Some(current) = item {
		let links = B::links(key, &current);
		frame_support::ensure!(links.prev == prev, "a book list's back link is wrong");
		steps += 1;
		frame_support::ensure!(steps < 10_000_000, "a book list loops");
		if links.next.is_none() {
			frame_support::ensure!(current == ends.tail, "a book list ends before its tail");
		}
		prev = Some(current);
		item = links.next;
	}
	Ok(())
}
