//! Matching: jobs to offers on submission, waiting jobs to offers when a slot frees up. Every
//! search reads at most three index entries per book bucket and at most `MaxProbes` entries.

use crate::{
	book::{self, first_level_from, inverted_level, price_level, BookStorage},
	storage_books::{OfferBook, SensitiveOfferBook, WaitingBook},
	*,
};
use alloc::vec::Vec;
use frame_support::traits::Get;
use polkadot_sdk::sp_runtime::{
	traits::{CheckedAdd, CheckedMul, Saturating},
	SaturatedConversion,
};

/// An offer a job can take.
pub(crate) struct Candidate<T: Config> {
	/// The provider.
	pub provider: T::AccountId,
	/// Its offer.
	pub offer: Offer<T>,
}

impl<T: Config> Pallet<T> {
	/// The book buckets a job may be served from: every class that holds the workload and
	/// finishes it in time, in every allowed region group (at most 7 × 6).
	pub(crate) fn able_keys(workload: &Workload, units: u64, regions: RegionSet) -> Vec<BookKey> {
		let mut keys = Vec::new();
		for class in HardwareClass::ALL.into_iter().filter(|c| Self::class_able(workload, units, *c)) {
			keys.extend(regions.iter().map(|group| (class, group)));
		}
		keys
	}

	/// The bonded stake of the provider behind an offer (what backs new jobs), if the provider is
	/// still what the offer says: registered, active, with the class and region the offer is
	/// listed under.
	fn fitting_stake(who: &T::AccountId, offer: &Offer<T>) -> Option<BalanceOf<T>> {
		T::Providers::provider(who)
			.filter(|p| p.active && p.class == offer.class && p.region == offer.region)
			.map(|p| p.bonded.saturated_into())
	}

	/// Whether `stake` covers the offer's open jobs and one more of `units` at the offer's price:
	/// the total value of a provider's open jobs never exceeds its stake, so cheating on all of
	/// them at once cannot win more than the stake that slashes take from.
	pub(crate) fn stake_covers(stake: BalanceOf<T>, offer: &Offer<T>, units: u64) -> bool {
		offer.backing.saturating_add(Self::exposure(offer.price_per_unit, units)) <= stake
	}

	/// The level the offer ranks at: its price adjusted by quality, never above the price.
	fn rank_level(who: &T::AccountId, offer: &Offer<T>) -> u16 {
		let rank: BalanceOf<T> = T::Quality::rank_price(who, offer.price_per_unit.saturated_into())
			.saturated_into::<BalanceOf<T>>()
			.min(offer.price_per_unit);
		price_level(rank.saturated_into())
	}

	/// Takes the offer out of the books if it is listed. The caller writes `offer` back.
	pub(crate) fn unlist(who: &T::AccountId, offer: &mut Offer<T>) {
		if let Some(level) = offer.listed_at.take() {
			let key = (offer.class, offer.region.group);
			book::remove::<OfferBook<T>>(key, level, who);
			Self::unlist_sensitive(who, key, level);
			Totals::<T>::mutate(|t| t.listed_offers.saturating_dec());
		}
	}

	/// Takes the offer out of the sensitive book if it is there (at `level`, where it is listed).
	fn unlist_sensitive(who: &T::AccountId, key: BookKey, level: u16) {
		if SensitiveOfferLinks::<T>::contains_key(who) {
			book::remove::<SensitiveOfferBook<T>>(key, level, who);
		}
	}

	/// Lists the offer if it is available with a free slot, its provider fits and has stake left
	/// for a job of one unit; unlists it otherwise. A listed offer whose provider is eligible for
	/// high-sensitivity jobs is in the sensitive book too. The caller writes `offer` back. Returns
	/// whether it is listed.
	pub(crate) fn refresh_listing(who: &T::AccountId, offer: &mut Offer<T>) -> bool {
		let wanted = (offer.available &&
			offer.has_free_slot() &&
			Self::fitting_stake(who, offer).is_some_and(|stake| Self::stake_covers(stake, offer, 1)))
		.then(|| Self::rank_level(who, offer));
		let key = (offer.class, offer.region.group);
		if offer.listed_at != wanted {
			Self::unlist(who, offer);
			if let Some(level) = wanted {
				book::push_back::<OfferBook<T>>(key, level, who);
				Totals::<T>::mutate(|t| t.listed_offers.saturating_inc());
				offer.listed_at = Some(level);
			}
		}
		if let Some(level) = offer.listed_at {
			let cleared = T::Quality::eligible(who, Sensitivity::High);
			match (cleared, SensitiveOfferLinks::<T>::contains_key(who)) {
				(true, false) => book::push_back::<SensitiveOfferBook<T>>(key, level, who),
				(false, true) => book::remove::<SensitiveOfferBook<T>>(key, level, who),
				_ => {},
			}
		}
		offer.listed_at.is_some()
	}

	/// The best offer for a job: across the able buckets, by rank level, first come first served
	/// within a level; at most `MaxProbes` offers are read. A high-sensitivity job is served from
	/// the sensitive book, so offers that may not take it are never read. With `clean_up`, offers
	/// whose provider no longer fits are taken out of the book on the way (a quote leaves them).
	pub(crate) fn find_offer(
		spec: &JobSpec<BalanceOf<T>, BlockNumberFor<T>>,
		excluded: &[T::AccountId],
		clean_up: bool,
	) -> Result<Candidate<T>, NoMatch<BalanceOf<T>>> {
		match Clearance::of(spec.sensitivity) {
			Clearance::Open => Self::find_offer_in::<OfferBook<T>>(spec, excluded, clean_up),
			// No cleared offer at all: to this job, no offer is eligible.
			Clearance::Sensitive => Self::find_offer_in::<SensitiveOfferBook<T>>(spec, excluded, clean_up)
				.map_err(|e| if e == NoMatch::NoOffers { NoMatch::NoEligibleOffer } else { e }),
		}
	}

	/// [`Self::find_offer`] in one offer book.
	fn find_offer_in<B: BookStorage<Key = BookKey, Item = T::AccountId>>(
		spec: &JobSpec<BalanceOf<T>, BlockNumberFor<T>>,
		excluded: &[T::AccountId],
		clean_up: bool,
	) -> Result<Candidate<T>, NoMatch<BalanceOf<T>>> {
		let units = spec.workload.compute_units().map_err(|_| NoMatch::BadShape)?;
		let keys = Self::able_keys(&spec.workload, units, spec.regions);
		if keys.is_empty() {
			return Err(NoMatch::NoCapableClass);
		}
		let bid = spec.max_price_per_unit;
		let bid_level = price_level(bid.saturated_into());
		// One cursor per bucket with listed offers: (level, bucket).
		let mut cursors: Vec<(u16, BookKey)> = keys
			.into_iter()
			.filter_map(|key| first_level_from::<B>(key, 0).map(|level| (level, key)))
			.collect();
		if cursors.is_empty() {
			return Err(NoMatch::NoOffers);
		}
		let mut probes = 0u32;
		let mut cheapest: Option<BalanceOf<T>> = None;
		let note_price = |cheapest: &mut Option<BalanceOf<T>>, price: BalanceOf<T>| {
			*cheapest = Some(cheapest.map_or(price, |c| c.min(price)));
		};
		while let Some(i) = (0..cursors.len())
			.min_by_key(|i| (cursors[*i].0, cursors[*i].1 .0.index(), cursors[*i].1 .1.index()))
		{
			let (level, key) = cursors[i];
			if level > bid_level {
				// Every offer from here on ranks, and so is priced, above the bid.
				if cheapest.is_none() {
					if let Some(offer) = book::head::<B>(key, level).and_then(Offers::<T>::get) {
						note_price(&mut cheapest, offer.price_per_unit);
					}
				}
				break;
			}
			let mut item = book::head::<B>(key, level);
			while let Some(provider) = item {
				if probes >= T::MaxProbes::get() {
					return Err(cheapest.map_or(NoMatch::NoEligibleOffer, |c| NoMatch::PriceTooHigh { cheapest: c }));
				}
				probes += 1;
				item = book::next::<B>(key, &provider);
				let Some(mut offer) = Offers::<T>::get(&provider) else { continue };
				let Some(stake) = Self::fitting_stake(&provider, &offer) else {
					if clean_up {
						Self::unlist(&provider, &mut offer);
						Offers::<T>::insert(&provider, offer);
					}
					continue;
				};
				if !T::Quality::eligible(&provider, spec.sensitivity) {
					// Only in the sensitive book, for a provider whose eligibility lapsed since it
					// was listed: it leaves that book, and comes back only when eligible again.
					if clean_up {
						Self::unlist_sensitive(&provider, key, level);
					}
					continue;
				}
				if excluded.contains(&provider) || !Self::stake_covers(stake, &offer, units) {
					continue;
				}
				if offer.price_per_unit > bid {
					note_price(&mut cheapest, offer.price_per_unit);
					continue;
				}
				return Ok(Candidate { provider, offer });
			}
			match first_level_from::<B>(key, level as u32 + 1) {
				Some(next) => cursors[i].0 = next,
				None => {
					cursors.swap_remove(i);
				},
			}
		}
		Err(cheapest.map_or(NoMatch::NoEligibleOffer, |c| NoMatch::PriceTooHigh { cheapest: c }))
	}

	/// The waiting-book buckets of a job: every class able to run it, in every region group it
	/// allows (at most 7 × 6), with its clearance and size tier.
	pub(crate) fn waiting_keys(job: &Job<T>) -> impl Iterator<Item = WaitingKey> {
		let clearance = Clearance::of(job.spec.sensitivity);
		let tier = size_tier(job.units);
		Self::able_keys(&job.spec.workload, job.units, job.spec.regions)
			.into_iter()
			.map(move |(class, group)| (class, group, clearance, tier))
	}

	/// Puts a job into the waiting book: in the bucket of every class able to run it, in every
	/// region group it allows.
	pub(crate) fn enqueue(id: JobId, job: &mut Job<T>) {
		let level = inverted_level(job.spec.max_price_per_unit.saturated_into());
		for key in Self::waiting_keys(job) {
			book::push_back::<WaitingBook<T>>(key, level, &id);
		}
		job.queued_at = Some(level);
	}

	/// Takes a job out of the waiting book, if it is in it: out of every bucket it is linked in
	/// (which classes are able depends on parameters a runtime upgrade may change, so every
	/// class is looked at).
	pub(crate) fn dequeue(id: JobId, job: &mut Job<T>) {
		if let Some(level) = job.queued_at.take() {
			let (clearance, tier) = (Clearance::of(job.spec.sensitivity), size_tier(job.units));
			for class in HardwareClass::ALL {
				for group in job.spec.regions.iter() {
					let key = (class, group, clearance, tier);
					if WaitingLinks::<T>::contains_key((key, id)) {
						book::remove::<WaitingBook<T>>(key, level, &id);
					}
				}
			}
		}
	}

	/// The size tiers an offer reads in the waiting book: every tier whose jobs all fit its free
	/// stake at its price, and the next one, whose jobs may. `None` when not one unit fits.
	fn tier_reach(stake: BalanceOf<T>, offer: &Offer<T>) -> Option<SizeTier> {
		let free: u128 = stake.saturating_sub(offer.backing).saturated_into();
		let price: u128 = offer.price_per_unit.saturated_into();
		let capacity = free.checked_div(price).unwrap_or(u128::MAX).saturated_into::<u64>();
		fitting_tier(capacity).map(|tier| tier.saturating_add(1).min(size_tier(u64::MAX)))
	}

	/// Serves waiting jobs with the provider's free slots: highest bids first, at most `MaxProbes`
	/// jobs read. Only the buckets of the offer's class and region group are read, the sensitive
	/// ones only when the provider is eligible for them, and of those only the size tiers its free
	/// stake reaches ([`Self::tier_reach`]): every job read can run on the offer's class and,
	/// but in the last tier, fits its stake. The first job of the last tier that does not fit
	/// ends the search in that tier, so jobs too large for the offer cost it at most one probe per
	/// tier. A job read past its deadline leaves the book (its refund follows from the deadline
	/// queue), so it is read at most once.
	pub(crate) fn match_waiting(provider: &T::AccountId) {
		let Some(mut offer) = Offers::<T>::get(provider) else { return };
		if offer.listed_at.is_none() {
			return;
		}
		let Some(stake) = Self::fitting_stake(provider, &offer) else { return };
		let Some(mut reach) = Self::tier_reach(stake, &offer) else { return };
		let (class, group) = (offer.class, offer.region.group);
		// Jobs whose bid level is below the offer's price level rank after this one.
		let last_level = inverted_level(offer.price_per_unit.saturated_into()) as u32;
		let mut groups = alloc::vec![(class, group, Clearance::Open)];
		if T::Quality::eligible(provider, Sensitivity::High) {
			groups.push((class, group, Clearance::Sensitive));
		}
		// One cursor per non-empty bucket within reach: (level, bucket).
		let mut cursors: Vec<(u16, WaitingKey)> = Vec::new();
		for (class, group, clearance) in groups {
			let tiers = WaitingTiers::<T>::get((class, group, clearance));
			for tier in (0..=reach).filter(|t| tiers & (1u128 << t) != 0) {
				let key = (class, group, clearance, tier);
				if let Some(level) = first_level_from::<WaitingBook<T>>(key, 0) {
					cursors.push((level, key));
				}
			}
		}
		let now = frame_system::Pallet::<T>::block_number();
		let mut probes = 0u32;
		while let Some(i) = (0..cursors.len()).min_by_key(|i| (cursors[*i].0, cursors[*i].1 .3, cursors[*i].1 .2)) {
			let (level, key) = cursors[i];
			if level as u32 > last_level {
				return;
			}
			let mut item = book::head::<WaitingBook<T>>(key, level);
			let mut tier_done = false;
			let mut shrunk = false;
			while let Some(id) = item {
				if probes >= T::MaxProbes::get() {
					return;
				}
				probes += 1;
				item = book::next::<WaitingBook<T>>(key, &id);
				let Some(mut job) = Jobs::<T>::get(id) else { continue };
				if now > job.spec.deadline {
					Self::dequeue(id, &mut job);
					Jobs::<T>::insert(id, job);
					continue;
				}
				if !Self::stake_covers(stake, &offer, job.units) {
					// Only in the last tier within reach: its other jobs wait for a larger offer.
					tier_done = true;
					break;
				}
				let fits = job.spec.max_price_per_unit >= offer.price_per_unit &&
					Self::class_able(&job.spec.workload, job.units, class) &&
					!job.excluded.contains(provider);
				if fits {
					offer = Self::assign(id, job, provider.clone(), offer);
					if offer.listed_at.is_none() {
						return;
					}
					// The job took stake: fewer tiers may be within reach now.
					let Some(now_reach) = Self::tier_reach(stake, &offer) else { return };
					shrunk |= now_reach < reach;
					reach = now_reach;
					if key.3 > reach {
						tier_done = true;
						break;
					}
				}
			}
			let next = if tier_done { None } else { first_level_from::<WaitingBook<T>>(key, level as u32 + 1) };
			match next {
				Some(next) => cursors[i].0 = next,
				None => {
					cursors.swap_remove(i);
				},
			}
			if shrunk {
				cursors.retain(|(_, key)| key.3 <= reach);
			}
		}
	}

	/// For benchmarks: a placeholder entry in every size tier of both clearances of `(class,
	/// group)`, at the lowest bid level, so a search within reach of every tier opens a cursor in
	/// each (the entries rank below every offer's price and are never read as jobs).
	#[cfg(feature = "runtime-benchmarks")]
	pub fn fill_waiting_tiers(class: HardwareClass, group: compnet_primitives::RegionGroup) {
		for clearance in [Clearance::Open, Clearance::Sensitive] {
			for tier in 0..=size_tier(u64::MAX) {
				book::push_back::<WaitingBook<T>>((class, group, clearance, tier), (book::LEVELS - 1) as u16, &JobId::MAX);
			}
		}
	}

	/// The escrow a job of `units` with bid `max_price_per_unit` holds: bid × units plus the audit
	/// budget. `None` on overflow.
	pub(crate) fn escrow_for(max_price_per_unit: BalanceOf<T>, units: u64) -> Option<(BalanceOf<T>, BalanceOf<T>)> {
		let units: BalanceOf<T> = units.saturated_into();
		let work = max_price_per_unit.checked_mul(&units)?;
		let audit = T::AuditBudget::get().mul_ceil(work);
		Some((work.checked_add(&audit)?, audit))
	}

	/// Checks a job spec; returns its size in compute units.
	pub(crate) fn check_spec(
		spec: &JobSpec<BalanceOf<T>, BlockNumberFor<T>>,
	) -> Result<u64, NoMatch<BalanceOf<T>>> {
		let units = spec.workload.compute_units().map_err(|_| NoMatch::BadShape)?;
		if !T::ProgramLimits::get().admit(&spec.workload) {
			return Err(NoMatch::ProgramTooLarge);
		}
		if !spec.regions.is_valid() {
			return Err(NoMatch::BadRegions);
		}
		if spec.sensitivity == Sensitivity::High && !spec.workload.is_encrypted() {
			return Err(NoMatch::PlaintextForSensitive);
		}
		if !HardwareClass::ALL.into_iter().any(|c| spec.workload.runs_on(c)) {
			return Err(NoMatch::NoCapableClass);
		}
		if !HardwareClass::ALL.into_iter().any(|c| Self::class_able(&spec.workload, units, c)) {
			return Err(NoMatch::TooLong);
		}
		Ok(units)
	}

	/// The runtime API's quote: the offer a job with this spec would get now, or why none.
	pub fn quote(
		workload: Workload,
		max_price_per_unit: BalanceOf<T>,
		regions: RegionSet,
		sensitivity: Sensitivity,
	) -> Result<Quote<T::AccountId, BalanceOf<T>>, NoMatch<BalanceOf<T>>> {
		let spec = JobSpec {
			workload,
			max_price_per_unit,
			deadline: frame_system::Pallet::<T>::block_number().saturating_add(T::CommitWindow::get()),
			regions,
			sensitivity,
			input_root: Default::default(),
		};
		let units = Self::check_spec(&spec)?;
		let (escrow, _) = Self::escrow_for(max_price_per_unit, units).ok_or(NoMatch::BadShape)?;
		let Candidate { provider, offer } = Self::find_offer(&spec, &[], false)?;
		Ok(Quote {
			provider,
			class: offer.class,
			region: offer.region,
			price_per_unit: offer.price_per_unit,
			units,
			cost: offer.price_per_unit.saturating_mul(units.saturated_into()),
			escrow,
		})
	}
}
