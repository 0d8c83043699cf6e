//! The verification lifecycle: commitments, the draw, the committee and its replacements, reveals,
//! the decision, canaries, the due queue and the invariants.

use crate::*;
use alloc::vec::Vec;
use codec::Encode;
use compnet_primitives::commitment;
use frame_support::{dispatch::DispatchResult, ensure, traits::Get, weights::Weight, BoundedVec};
use pallet_market::{due, JobStatus, Verdict};
use pallet_providers::SlashReason;
use pallet_quality::{model, Outcome};
use polkadot_sdk::{
	sp_crypto_hashing::blake2_256,
	sp_runtime::{
		traits::{One, Saturating, Zero},
		SaturatedConversion,
	},
};

/// `blake2_256(input_root ‖ salt)`: the key a canary is sealed under. It names the canary job's
/// input (fresh, known only to the sealer), not the job: a seal can be made up to
/// `CanaryLifetime` before the job is submitted, from any account, at any time, so neither the
/// seal's block nor the job's id ties a seal to a job.
pub fn canary_seal(input_root: &ResultRoot, salt: &Salt) -> H256 {
	H256(blake2_256(&(b"compnet/canary/input", input_root, salt).encode()))
}

/// `blake2_256(root ‖ salt)`: a canary's sealed answer, over its right result root as the worker
/// computes it; the pallet compares its public form ([`compnet_primitives::public_root`]) for the
/// job with what the record holds.
pub fn canary_answer(root: &ResultRoot, salt: &Salt) -> H256 {
	H256(blake2_256(&(b"compnet/canary/root", root, salt).encode()))
}

/// The committee a payment needs: enough auditors that the stake they put at risk by siding with
/// a wrong root (`lost_dispute_slash × minimum stake` each) covers the payment, `k × s ≥ payment`;
/// at least `min`, at most `max`, and odd.
pub fn committee_size(payment: u128, stake_at_risk: u128, min: u32, max: u32) -> u32 {
	let needed = if stake_at_risk == 0 { max as u128 } else { payment.div_ceil(stake_at_risk) };
	let k = (needed.min(max as u128) as u32).max(min).min(max);
	if k % 2 == 0 {
		(k + 1).min(max)
	} else {
		k
	}
}

impl<T: Config> Pallet<T> {
	pub(crate) fn do_commit(who: T::AccountId, job: JobId, commitment: Commitment) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let Some(mut record) = Audits::<T>::get(job) else {
			// The provider's commitment: the market checks the assignment and the deadline.
			let committed = T::Market::commit(job, &who)?;
			let at = now.saturating_add(T::DrawDelay::get());
			let able = HardwareClass::ALL
				.into_iter()
				.filter(|class| T::Market::able(&committed.workload, committed.units, *class))
				.fold(0u8, |mask, class| mask | 1 << class.index());
			// One party: within any `MaxParties` (`integrity_test` asks for more).
			let parties = BoundedVec::truncate_from(alloc::vec![Party::new(who.clone(), Some(commitment), now)]);
			let record = AuditRecord::<T> {
				consumer: committed.consumer,
				class: committed.class,
				sensitivity: committed.sensitivity,
				able,
				units: committed.units,
				payment: committed.payment,
				committed_at: now,
				seed_from: now,
				phase: Phase::Drawing { at },
				round: 0,
				probability: 0,
				target: 0,
				attempts: 0,
				parties,
				canary: None,
				decision: None,
			};
			Audits::<T>::insert(job, record);
			Self::schedule(at, job);
			Totals::<T>::mutate(|t| t.committed.saturating_inc());
			Self::deposit_event(Event::ResultCommitted { job, who, commitment });
			return Ok(());
		};
		ensure!(matches!(record.phase, Phase::Committing { .. }), Error::<T>::NotExpectedToCommit);
		let party = record
			.parties
			.iter_mut()
			.skip(1)
			.find(|p| p.who == who && p.commitment.is_none() && p.live() && now <= p.commit_by)
			.ok_or(Error::<T>::NotExpectedToCommit)?;
		party.commitment = Some(commitment);
		Self::deposit_event(Event::ResultCommitted { job, who, commitment });
		Self::settle_committee(job, record, now)
	}

	pub(crate) fn do_report_input_unavailable(who: T::AccountId, job: JobId) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let mut record = Audits::<T>::get(job).ok_or(Error::<T>::UnknownJob)?;
		ensure!(matches!(record.phase, Phase::Committing { .. }), Error::<T>::NotPendingAuditor);
		let party = record
			.parties
			.iter_mut()
			.skip(1)
			.find(|p| p.who == who && p.commitment.is_none() && p.live() && now <= p.commit_by)
			.ok_or(Error::<T>::NotPendingAuditor)?;
		party.left = Some(Left::InputUnavailable);
		Totals::<T>::mutate(|t| t.replaced.saturating_inc());
		Self::deposit_event(Event::InputUnavailable { job, auditor: who });
		// The replacement's seed comes from blocks after this report: the leaver, who chose its
		// block, cannot know whom it makes room for.
		record.seed_from = now;
		Self::settle_committee(job, record, now)
	}

	pub(crate) fn do_reveal(
		who: T::AccountId,
		job: JobId,
		root: ResultRoot,
		salt: Salt,
		fuel_used: Option<u64>,
	) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let mut record = Audits::<T>::get(job).ok_or(Error::<T>::UnknownJob)?;
		ensure!(matches!(record.phase, Phase::Revealing { until } if now <= until), Error::<T>::NotRevealing);
		let limit = T::Market::metered_fuel(job);
		match (fuel_used, limit) {
			(Some(fuel), Some(limit)) => ensure!(fuel <= limit, Error::<T>::FuelBeyondLimit),
			(None, None) => {},
			_ => return Err(Error::<T>::WrongRevealForWorkload.into()),
		}
		let round = record.round;
		// Parties of this round only: one of an earlier round that missed its reveal was
		// slashed for it, and what it would reveal now was sealed for another round.
		let index = record
			.parties
			.iter()
			.position(|p| p.who == who && p.live() && p.commitment.is_some() && p.root.is_none() && p.slashed.is_zero())
			.ok_or(Error::<T>::NothingToReveal)?;
		// A program's parties commit to the fuel with the result.
		let with_fuel = |value: ResultRoot| match fuel_used {
			Some(fuel) => compnet_primitives::metered_root(&value, fuel),
			None => value,
		};
		let party = &mut record.parties[index];
		ensure!(
			party.commitment == Some(commitment(&who.encode(), job, &with_fuel(root), &salt)),
			Error::<T>::BadReveal
		);
		// The value revealed has `SEAL_LAYERS − round` layers; the record keeps every party's
		// root in one public form, which no later round can reveal from.
		let root = with_fuel(compnet_primitives::publish_reveal(job, &root, round));
		party.root = Some(root);
		// The provider's fuel bills the job; if the audit disagrees, the job is rejected whole.
		if let (0, Some(fuel)) = (index, fuel_used) {
			T::Market::meter(job, fuel)?;
		}
		Self::deposit_event(Event::ResultRevealed { job, who, root });
		if record.parties.iter().all(|p| !p.live() || p.commitment.is_none() || p.root.is_some()) {
			Self::decide(job, record, now)
		} else {
			Audits::<T>::insert(job, record);
			Ok(())
		}
	}

	pub(crate) fn do_reveal_canary(job: JobId, root: ResultRoot, salt: Salt) -> DispatchResult {
		let input_root = T::Market::input_root(job).ok_or(Error::<T>::UnknownJob)?;
		ensure!(T::Market::metered_fuel(job).is_none(), Error::<T>::MeteredCanary);
		let sealed = canary_seal(&input_root, &salt);
		let seal = Canaries::<T>::get(sealed).ok_or(Error::<T>::NoSuchCanary)?;
		ensure!(seal.answer == canary_answer(&root, &salt), Error::<T>::NoSuchCanary);
		let root = compnet_primitives::public_root(job, &root);
		let mut record = Audits::<T>::get(job).ok_or(Error::<T>::UnknownJob)?;
		let provider_root = record.parties[0].root;
		ensure!(provider_root.is_some() || record.decision.is_some(), Error::<T>::CanaryTooEarly);
		Canaries::<T>::remove(sealed);
		record.canary = Some(root);
		let provider = record.provider().clone();
		let passed = provider_root == Some(root);
		Self::deposit_event(Event::CanaryChecked { job, provider: provider.clone(), passed });
		match record.decision {
			// Undecided (auditors pending): the decision takes the canary's answer as the truth.
			None => {},
			// A wrong root the decision did not already punish: paid (the slash is the penalty), or
			// refunded for want of a verdict (the canary is the verdict).
			Some(decision) if !passed && provider_root.is_some() && !decision.convicts() => {
				Self::slash_party(job, &mut record, 0, T::WrongResultSlash::get(), SlashReason::WrongResult, Outcome::AuditFailed);
				// Auditors who vouched for the same wrong root share the provider's fate.
				for index in 1..record.parties.len() {
					let party = &record.parties[index];
					if party.live() && party.root == provider_root && party.slashed.is_zero() {
						Self::slash_party(job, &mut record, index, T::LostDisputeSlash::get(), SlashReason::LostDispute, Outcome::AuditFailed);
					}
				}
				record.decision = Some(Decision::CanaryFailed);
				Totals::<T>::mutate(|t| {
					match decision {
						d if d.stands() => t.stood.saturating_dec(),
						Decision::Inconclusive => t.inconclusive.saturating_dec(),
						_ => t.unverifiable.saturating_dec(),
					}
					t.caught.saturating_inc();
				});
			},
			Some(Decision::Unaudited) if passed => {
				T::Quality::record(&provider, Some(&record.consumer), Outcome::AuditPassed);
			},
			Some(_) => {},
		}
		Audits::<T>::insert(job, record);
		Ok(())
	}

	/// The spot-check probability for `record`'s provider, in ppm.
	pub fn probability(record: &AuditRecord<T>) -> u32 {
		let provider = record.provider();
		let base = T::BaseProbability::get().deconstruct() / 1_000; // ppb → ppm
		let base = base.saturating_mul(match record.sensitivity {
			compnet_primitives::Sensitivity::Low => 1,
			compnet_primitives::Sensitivity::Standard => 2,
			compnet_primitives::Sensitivity::High => 4,
		});
		// The stake not already backing the provider's other open jobs: what a caught cheat on
		// this one can still lose, whatever it does with the others.
		let stake = T::Providers::provider(provider).map_or(0, |p| p.stake);
		let others: u128 = T::Market::backing(provider).saturated_into::<u128>().saturating_sub(record.payment.saturated_into());
		let slash = T::WrongResultSlash::get().mul_floor(stake.saturating_sub(others));
		model::audit_probability(base, T::Quality::composite(provider), slash, record.payment.saturated_into())
	}

	/// The probability the draw applies with `seed`: [`Pallet::probability`], or certainty when a
	/// probe of the pool does not find enough auditors to convict the provider (the committee, and
	/// at least `MIN_UNFILLED_MAJORITY`). Otherwise a provider in a pool too small to staff its
	/// audit (its own operator's machines excluded) would be paid unchecked and never slashed:
	/// the audit it cannot escape ends unverifiable, paid nothing. At most `MaxProbes` slots read.
	pub fn audit_odds(record: &AuditRecord<T>, seed: &[u8; 32]) -> u32 {
		let needed = Self::committee(record).max(MIN_UNFILLED_MAJORITY);
		let probe = blake2_256(&(b"compnet/audit/probe", seed).encode());
		if (Self::pick_auditors(record, &probe, needed).len() as u32) < needed {
			model::ONE
		} else {
			Self::probability(record)
		}
	}

	/// The committee `record`'s payment needs ([`committee_size`] with the runtime's parameters).
	pub fn committee(record: &AuditRecord<T>) -> u32 {
		let at_risk = T::LostDisputeSlash::get().mul_floor(T::Providers::minimum_stake());
		committee_size(record.payment.saturated_into(), at_risk, T::MinAuditors::get(), T::MaxAuditors::get())
	}

	/// `on_initialize`: keeps the parent block's randomness for later seeds.
	pub(crate) fn record_block_seed(now: BlockNumberFor<T>) {
		let (random, block) = T::Randomness::random(b"compnet/audit/block");
		if let Some(random) = random.filter(|_| block < now) {
			let slot: u32 = (block.saturated_into::<u64>() % SEED_RING as u64) as u32;
			BlockSeeds::<T>::insert(slot, (block, H256(blake2_256(random.as_ref()))));
		}
	}

	/// The seed of `subject` from the randomness of the `SeedBlocks` blocks after `from`, if they
	/// are all recorded: nobody knew it at block `from`, and no single block author chose it.
	pub(crate) fn seed_after(from: BlockNumberFor<T>, subject: &[u8]) -> Option<[u8; 32]> {
		let mut parts = Vec::with_capacity(T::SeedBlocks::get() as usize + 1);
		parts.push(blake2_256(subject));
		let mut block = from;
		for _ in 0..T::SeedBlocks::get() {
			block.saturating_inc();
			let slot: u32 = (block.saturated_into::<u64>() % SEED_RING as u64) as u32;
			let (at, random) = BlockSeeds::<T>::get(slot)?;
			if at != block {
				return None;
			}
			parts.push(random.0);
		}
		Some(blake2_256(&parts.concat()))
	}

	/// The first block at which the seeds of a round starting after `from` exist.
	fn first_seeded(from: BlockNumberFor<T>) -> BlockNumberFor<T> {
		from.saturating_add(T::SeedBlocks::get().into()).saturating_add(One::one())
	}

	/// The draw: audited or not; if audited, the committee.
	fn draw(job: JobId, mut record: AuditRecord<T>, now: BlockNumberFor<T>) -> DispatchResult {
		let seed = Self::seed_after(record.committed_at, &(b"compnet/audit", job).encode());
		// Without fresh randomness the job is audited: never an easy way out.
		let (audited, probability) = match seed {
			None => (true, Self::probability(&record)),
			Some(seed) => {
				let probability = Self::audit_odds(&record, &seed);
				let roll = u64::from_le_bytes(seed[..8].try_into().expect("8 bytes")) % model::ONE as u64;
				(roll < probability as u64, probability)
			},
		};
		record.probability = probability;
		Self::deposit_event(Event::AuditDrawn { job, audited, probability });
		if !audited {
			Self::open_reveal(job, &mut record, now);
			Audits::<T>::insert(job, record);
			return Ok(());
		}
		Totals::<T>::mutate(|t| t.audited.saturating_inc());
		record.target = Self::committee(&record).saturated_into();
		Self::staff(job, &mut record, now);
		Self::settle_committee(job, record, now)
	}

	/// One draw for the committee's empty places, if it has any, draws are left for the round
	/// and the seed's blocks exist. The seed comes from exactly the `SeedBlocks` blocks after the
	/// record's `seed_from`: the commitment, the opening of a disagreeing round's reveals, the
	/// previous draw, or the block an auditor left. So it is fixed by that event, whatever block
	/// the draw itself runs in, and it did not exist when anyone could act on it: an auditor that
	/// leaves cannot pick its replacement, a provider cannot pick its dispute committee by timing
	/// its reveal.
	fn staff(job: JobId, record: &mut AuditRecord<T>, now: BlockNumberFor<T>) {
		let vacancies = record.vacancies();
		let first = Self::first_seeded(record.seed_from);
		if vacancies == 0 || record.attempts as u32 >= T::MaxDrawAttempts::get() || now < first {
			return;
		}
		record.attempts.saturating_inc();
		let subject = (b"compnet/audit/committee", job, record.round, record.attempts).encode();
		// Without recorded randomness (a chain's first blocks), a hash of the subject and the
		// block: predictable, so only where nothing better exists.
		let seed = Self::seed_after(record.seed_from, &subject)
			.unwrap_or_else(|| blake2_256(&(b"compnet/audit/fallback", &subject, now).encode()));
		let added = Self::draw_auditors(job, record, &seed, vacancies, now);
		// A later draw for places still empty waits `RedrawDelay`, and for randomness from
		// after this draw.
		let seed_blocks: BlockNumberFor<T> = T::SeedBlocks::get().into();
		record.seed_from =
			now.saturating_add(T::RedrawDelay::get()).saturating_sub(seed_blocks.saturating_add(One::one())).max(now);
		if added < vacancies {
			Self::deposit_event(Event::AuditUnderstaffed {
				job,
				missing: vacancies - added,
				attempt: record.attempts as u32,
			});
		}
	}

	/// Adds up to `count` auditors ([`Pallet::pick_auditors`]) to the committee, each with its
	/// commit deadline on its class. Returns how many were added.
	pub(crate) fn draw_auditors(
		job: JobId,
		record: &mut AuditRecord<T>,
		seed: &[u8; 32],
		count: u32,
		now: BlockNumberFor<T>,
	) -> u32 {
		let mut added = 0;
		for (who, class) in Self::pick_auditors(record, seed, count) {
			let commit_by = now.saturating_add(T::Market::commit_window(record.units, class).into());
			if record.parties.try_push(Party::new(who.clone(), None, commit_by)).is_err() {
				break;
			}
			added += 1;
			Self::deposit_event(Event::AuditorAssigned { job, auditor: who, commit_by });
		}
		added
	}

	/// Up to `count` auditors for `record`, each from an independent uniform draw over the
	/// active providers of the classes that can run the job (a class chosen in proportion to its
	/// size, then a slot): at most `MaxProbes` slots read. A drawn provider is taken when it is
	/// not a party yet (nor was one, nor drawn in this call), belongs to another operator than the
	/// provider, and is eligible for the job's sensitivity. Changes nothing.
	pub(crate) fn pick_auditors(record: &AuditRecord<T>, seed: &[u8; 32], count: u32) -> Vec<(T::AccountId, HardwareClass)> {
		let classes: Vec<(HardwareClass, u32)> = HardwareClass::ALL
			.into_iter()
			.filter(|class| record.able_class(*class))
			.map(|class| (class, T::Providers::class_size(class)))
			.filter(|(_, size)| *size > 0)
			.collect();
		let total: u64 = classes.iter().map(|(_, size)| *size as u64).sum();
		let mut picked: Vec<(T::AccountId, HardwareClass)> = Vec::new();
		if total == 0 {
			return picked;
		}
		let room = (T::MaxParties::get() as usize).saturating_sub(record.parties.len());
		let count = (count as usize).min(room);
		let operator = T::Providers::provider(record.provider()).map(|p| p.operator);
		for probe in 0..T::MaxProbes::get() {
			if picked.len() >= count {
				break;
			}
			let pick = blake2_256(&(seed, probe).encode());
			let mut slot = u64::from_le_bytes(pick[..8].try_into().expect("8 bytes")) % total;
			let Some((class, index)) = classes.iter().find_map(|(class, size)| {
				if slot < *size as u64 {
					Some((*class, slot as u32))
				} else {
					slot -= *size as u64;
					None
				}
			}) else {
				continue;
			};
			let Some(who) = T::Providers::class_member(class, index) else { continue };
			if record.parties.iter().any(|p| p.who == who) || picked.iter().any(|(w, _)| *w == who) {
				continue;
			}
			let Some(view) = T::Providers::provider(&who) else { continue };
			if !view.active || Some(&view.operator) == operator.as_ref() || !T::Quality::eligible(&who, record.sensitivity) {
				continue;
			}
			picked.push((who, view.class));
		}
		picked
	}

	/// After any change to the committee: opens the reveals once the whole committee committed,
	/// ends the job unverifiable once no more draws can fill it, and otherwise files the next
	/// block to look at it (a pending commit deadline, or the next draw). Stores the record.
	fn settle_committee(job: JobId, mut record: AuditRecord<T>, now: BlockNumberFor<T>) -> DispatchResult {
		let vacancies = record.vacancies();
		let pending: Vec<BlockNumberFor<T>> =
			record.live_auditors().filter(|p| p.commitment.is_none()).map(|p| p.commit_by).collect();
		if vacancies == 0 && pending.is_empty() {
			Self::open_reveal(job, &mut record, now);
			Audits::<T>::insert(job, record);
			return Ok(());
		}
		let draws_left = record.attempts < T::MaxDrawAttempts::get().saturated_into::<u8>() && !record.parties.is_full();
		if vacancies > 0 && !draws_left {
			// A dispute round that cannot be filled (its class pool is exhausted): the rounds
			// before it decide, when a strict majority of the auditors who revealed, at least
			// `MIN_UNFILLED_MAJORITY` of them, agree on a root. Otherwise no verdict.
			if let Some((decision, truth)) = Self::unfilled_dispute_verdict(&record) {
				return Self::conclude(job, record, now, decision, Some(truth));
			}
			return Self::conclude(job, record, now, Decision::Unverifiable, None);
		}
		let mut next = pending.iter().map(|by| by.saturating_add(One::one())).min();
		if vacancies > 0 {
			// The next draw: once its seed's blocks exist.
			let redraw = Self::first_seeded(record.seed_from).max(now.saturating_add(One::one()));
			next = Some(next.map_or(redraw, |n| n.min(redraw)));
		}
		let next = next.unwrap_or_else(|| now.saturating_add(One::one()));
		record.phase = Phase::Committing { next };
		Self::schedule(next, job);
		Audits::<T>::insert(job, record);
		Ok(())
	}

	/// Opens the reveal phase.
	fn open_reveal(job: JobId, record: &mut AuditRecord<T>, now: BlockNumberFor<T>) {
		let until = now.saturating_add(T::RevealWindow::get());
		record.phase = Phase::Revealing { until };
		Self::schedule(until.saturating_add(One::one()), job);
		Self::deposit_event(Event::RevealOpened { job, until });
	}

	/// Slashes party `index` of `record` by `fraction` of its stake, for `reason`, and records
	/// `outcome` in its score (for the provider, with the job's consumer: self-dealing is ignored).
	fn slash_party(
		job: JobId,
		record: &mut AuditRecord<T>,
		index: usize,
		fraction: Perbill,
		reason: SlashReason,
		outcome: Outcome,
	) {
		let consumer = (index == 0).then(|| record.consumer.clone());
		let party = &mut record.parties[index];
		let amount = T::Slasher::slash(&party.who, fraction, reason);
		party.slashed.saturating_accrue(amount);
		Totals::<T>::mutate(|t| t.slashed.saturating_accrue(amount));
		T::Quality::record(&party.who, consumer.as_ref(), outcome);
		Self::deposit_event(Event::PartySlashed { job, who: party.who.clone(), amount, reason });
	}

	/// The root that more than half of the auditors who revealed agree on, if one does. The
	/// provider, the accused party, has no vote: with an odd committee, one colluding auditor
	/// cannot tie an honest majority.
	pub(crate) fn majority(record: &AuditRecord<T>) -> Option<ResultRoot> {
		let roots: Vec<ResultRoot> = record.live_auditors().filter_map(|p| p.root).collect();
		let votes = |root: &ResultRoot| roots.iter().filter(|r| *r == root).count();
		roots.iter().find(|r| 2 * votes(r) > roots.len()).copied()
	}

	/// The verdict of a dispute whose round cannot be staffed: the majority root of the earlier
	/// rounds' auditors, when at least [`MIN_UNFILLED_MAJORITY`] of them hold it. Without it, a
	/// class too small for a dispute could never convict a provider that every auditor contradicts.
	fn unfilled_dispute_verdict(record: &AuditRecord<T>) -> Option<(Decision, ResultRoot)> {
		if record.round == 0 {
			return None;
		}
		let truth = Self::majority(record)?;
		let votes = record.live_auditors().filter(|p| p.root == Some(truth)).count() as u32;
		if votes < MIN_UNFILLED_MAJORITY {
			return None;
		}
		let decision = if record.parties[0].root == Some(truth) { Decision::UpheldInDispute } else { Decision::Overturned };
		Some((decision, truth))
	}

	/// Opens another dispute round: `DisputeAuditors` more auditors, drawn from seeds of the
	/// blocks after this round's reveals opened (fixed whenever the last party reveals, unknown to
	/// every party when it committed).
	fn open_dispute(job: JobId, mut record: AuditRecord<T>, now: BlockNumberFor<T>) -> DispatchResult {
		if let Phase::Revealing { until } = record.phase {
			record.seed_from = until.saturating_sub(T::RevealWindow::get());
		}
		record.round.saturating_inc();
		record.attempts = 0;
		record.target = record.target.saturating_add(T::DisputeAuditors::get().saturated_into());
		Totals::<T>::mutate(|t| t.disputes.saturating_inc());
		Self::deposit_event(Event::DisputeOpened { job, added: T::DisputeAuditors::get() });
		Self::staff(job, &mut record, now);
		Self::settle_committee(job, record, now)
	}

	/// Decides a job whose reveals are in (or whose reveal window closed). A disagreement opens a
	/// dispute round; a dispute without a majority opens one more, up to `MAX_DISPUTE_ROUNDS`.
	fn decide(job: JobId, mut record: AuditRecord<T>, now: BlockNumberFor<T>) -> DispatchResult {
		// Committed but unrevealed auditors: a missed reveal is a wrong result.
		for index in 1..record.parties.len() {
			let party = &record.parties[index];
			if party.live() && party.commitment.is_some() && party.root.is_none() && party.slashed.is_zero() {
				Self::slash_party(job, &mut record, index, T::WrongResultSlash::get(), SlashReason::MissedReveal, Outcome::AuditFailed);
			}
		}
		let provider_root = record.parties[0].root;
		let auditor_roots: Vec<ResultRoot> = record.live_auditors().filter_map(|p| p.root).collect();
		let (decision, truth) = if let Some(answer) = record.canary {
			let decision = match provider_root {
				Some(root) if root == answer => Decision::Agreed,
				Some(_) => Decision::CanaryFailed,
				None => Decision::MissedReveal,
			};
			(decision, Some(answer))
		} else if provider_root.is_none() {
			(Decision::MissedReveal, Self::majority(&record))
		} else if record.target == 0 {
			(Decision::Unaudited, provider_root)
		} else if auditor_roots.is_empty() {
			// Audited, but no auditor revealed: no verdict, so no pay.
			(Decision::Unverifiable, None)
		} else if auditor_roots.iter().all(|r| Some(*r) == provider_root) {
			(Decision::Agreed, provider_root)
		} else if record.round == 0 {
			return Self::open_dispute(job, record, now);
		} else {
			match Self::majority(&record) {
				None if record.round < MAX_DISPUTE_ROUNDS => return Self::open_dispute(job, record, now),
				None => (Decision::Inconclusive, None),
				Some(root) if Some(root) == provider_root => (Decision::UpheldInDispute, Some(root)),
				Some(root) => (Decision::Overturned, Some(root)),
			}
		};
		Self::conclude(job, record, now, decision, truth)
	}

	/// Ends a job with `decision`: the slashes, the scores, the auditors' pay and the market's
	/// settlement or refund. With the `truth` known, auditors who had it are paid and those who did
	/// not lose; without it, every auditor that revealed is paid and nobody loses.
	fn conclude(
		job: JobId,
		mut record: AuditRecord<T>,
		now: BlockNumberFor<T>,
		decision: Decision,
		truth: Option<ResultRoot>,
	) -> DispatchResult {
		let provider = record.provider().clone();
		let consumer = record.consumer.clone();
		match decision {
			Decision::Overturned | Decision::CanaryFailed => {
				Self::slash_party(job, &mut record, 0, T::WrongResultSlash::get(), SlashReason::WrongResult, Outcome::AuditFailed);
			},
			Decision::MissedReveal => {
				Self::slash_party(job, &mut record, 0, T::WrongResultSlash::get(), SlashReason::MissedReveal, Outcome::AuditFailed);
			},
			Decision::Agreed | Decision::UpheldInDispute => {
				T::Quality::record(&provider, Some(&consumer), Outcome::AuditPassed);
			},
			Decision::Unaudited | Decision::Inconclusive | Decision::Unverifiable => {},
		}
		let mut paid = Vec::new();
		for index in 1..record.parties.len() {
			let party = &record.parties[index];
			let Some(root) = party.root.filter(|_| party.live()) else { continue };
			let who = party.who.clone();
			match truth {
				Some(t) if t != root => {
					Self::slash_party(job, &mut record, index, T::LostDisputeSlash::get(), SlashReason::LostDispute, Outcome::AuditFailed);
				},
				_ => {
					if truth.is_some() {
						T::Quality::record(&who, None, Outcome::AuditPassed);
					}
					paid.push(index);
				},
			}
		}
		let auditors: Vec<T::AccountId> = paid.iter().map(|i| record.parties[*i].who.clone()).collect();
		let verdict = if decision.stands() { Verdict::Correct } else { Verdict::Rejected };
		let each = T::Market::conclude(job, verdict, &auditors)?;
		for index in paid {
			record.parties[index].paid = each;
		}
		Totals::<T>::mutate(|t| match decision {
			d if d.stands() => t.stood.saturating_inc(),
			Decision::Inconclusive => t.inconclusive.saturating_inc(),
			Decision::Unverifiable => t.unverifiable.saturating_inc(),
			_ => t.caught.saturating_inc(),
		});
		record.decision = Some(decision);
		record.phase = Phase::Decided { at: now };
		Self::schedule(now.saturating_add(T::RecordRetention::get()), job);
		Audits::<T>::insert(job, record);
		Self::deposit_event(Event::Decided { job, provider, decision, auditors: auditors.len() as u32, each });
		Ok(())
	}

	/// Files job `job` to be looked at from block `at`: never refused, never dropped.
	fn schedule(at: BlockNumberFor<T>, job: JobId) {
		due::file::<DueQueue<T>>(at, job);
	}

	/// Processes job `job` if something of it is due at `now`.
	pub(crate) fn process_job(job: JobId, now: BlockNumberFor<T>) -> DispatchResult {
		let mut record = Audits::<T>::get(job).ok_or(Error::<T>::UnknownJob)?;
		match record.phase {
			Phase::Drawing { at } if now >= at => Self::draw(job, record, now),
			Phase::Committing { next } if now >= next => {
				// Auditors past their deadline leave, slashed; their places are drawn again.
				for index in 1..record.parties.len() {
					let party = &record.parties[index];
					if party.live() && party.commitment.is_none() && now > party.commit_by {
						let who = party.who.clone();
						Self::slash_party(job, &mut record, index, T::MissedCommitSlash::get(), SlashReason::MissedDeadline, Outcome::DeadlineMissed);
						record.parties[index].left = Some(Left::MissedCommit);
						Totals::<T>::mutate(|t| t.replaced.saturating_inc());
						let slashed = record.parties[index].slashed;
						Self::deposit_event(Event::AuditorMissedCommit { job, auditor: who, slashed });
						// Its replacement is drawn from blocks after this one.
						record.seed_from = now;
					}
				}
				Self::staff(job, &mut record, now);
				Self::settle_committee(job, record, now)
			},
			Phase::Revealing { until } if now > until => Self::decide(job, record, now),
			Phase::Decided { at } if now >= at.saturating_add(T::RecordRetention::get()) => {
				let slashed = record.parties.iter().fold(BalanceOf::<T>::zero(), |sum, p| sum.saturating_add(p.slashed));
				PrunedSlashes::<T>::mutate(|pruned| pruned.saturating_accrue(slashed));
				Audits::<T>::remove(job);
				Self::deposit_event(Event::RecordRemoved { job });
				Ok(())
			},
			_ => Err(Error::<T>::NotDue.into()),
		}
	}

	/// The weight of looking at one due job, on its most expensive path: the draw (with the probe
	/// of the pool before it) or the end of a commit window (slashes and a redraw), which for a
	/// dispute round that cannot be filled ends in the decision as well (slashes, pay, settlement,
	/// re-matching). An upper bound: the larger of the first two plus the decision.
	pub fn advance_weight() -> Weight {
		// A draw may probe the pool first (at most the reads of a draw), then draw.
		T::WeightInfo::advance_draw()
			.saturating_mul(2)
			.max(T::WeightInfo::advance_commit_timeout())
			.saturating_add(T::WeightInfo::advance_decide())
	}

	/// `on_idle`: works through the due jobs of past blocks while the weight lasts.
	pub(crate) fn process_due_blocks(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
		let queue = T::DbWeight::get().reads_writes(1, 2);
		due::process::<DueQueue<T>>(now, remaining, T::WeightInfo::on_idle_base(), Self::advance_weight().saturating_add(queue), |job| {
			// A job filed here may have moved on (refiled for later): nothing is due then.
			// Each job in its own storage layer: one that fails changes nothing.
			let _ = frame_support::storage::with_storage_layer(|| Self::process_job(job, now));
		})
	}

	/// Invariants: a decided record's job is final and paid exactly when the decision stands
	/// (a canary caught after payment excepted), an undecided record's job is open; every job the
	/// market holds committed has a record; slashes sit only with losing parties (and auditors
	/// that missed a commitment or a reveal); the running slash total equals the recorded
	/// slashes; canaries stay within their bound. Iterates over all records: for tests and
	/// try-runtime only.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let mut slashed = PrunedSlashes::<T>::get();
		for job in T::Market::committed_jobs() {
			ensure!(Audits::<T>::contains_key(job), "a committed job has no audit record");
		}
		for (job, record) in Audits::<T>::iter() {
			let status = T::Market::status(job);
			ensure!(record.parties.len() <= T::MaxParties::get() as usize, "too many parties");
			match record.decision {
				None => ensure!(status.is_none() || status == Some(JobStatus::Open), "an undecided job is final"),
				Some(decision) => {
					ensure!(matches!(record.phase, Phase::Decided { .. }), "a decision outside the decided phase");
					let expected = if decision.stands() { JobStatus::Paid } else { JobStatus::Unpaid };
					ensure!(
						status.is_none() ||
							status == Some(expected) ||
							(decision == Decision::CanaryFailed && status == Some(JobStatus::Paid)),
						"a job's settlement differs from its audit decision"
					);
				},
			}
			for (index, party) in record.parties.iter().enumerate() {
				slashed = slashed.saturating_add(party.slashed);
				if party.slashed.is_zero() {
					continue;
				}
				let lost = if index == 0 {
					matches!(
						record.decision,
						Some(Decision::Overturned | Decision::MissedReveal | Decision::CanaryFailed)
					)
				} else {
					party.left == Some(Left::MissedCommit) ||
						(party.commitment.is_some() && party.root.is_none()) ||
						record.decision.is_some_and(|d| {
							matches!(d, Decision::Overturned | Decision::UpheldInDispute | Decision::Agreed | Decision::CanaryFailed)
						})
				};
				ensure!(lost, "a slash without a losing outcome");
				// Auditors paid for agreeing with a root a canary later exposed are slashed too.
				ensure!(
					party.paid.is_zero() || record.decision == Some(Decision::CanaryFailed),
					"a party both slashed and paid"
				);
				ensure!(party.left != Some(Left::InputUnavailable), "an excused auditor was slashed");
			}
		}
		ensure!(slashed == Totals::<T>::get().slashed, "the slash total differs from the records");
		ensure!(Canaries::<T>::count() <= T::MaxCanaries::get(), "more canaries than the bound");
		ensure!(Canaries::<T>::iter_keys().count() as u32 == Canaries::<T>::count(), "the canary count differs");
		Ok(())
	}
}

/// The audit pallet's due queue over its storage.
pub struct DueQueue<T>(core::marker::PhantomData<T>);

impl<T: Config> due::DueStorage for DueQueue<T> {
	type BlockNumber = BlockNumberFor<T>;
	fn count(block: Self::BlockNumber) -> u32 {
		DueCount::<T>::get(block)
	}
	fn set_count(block: Self::BlockNumber, count: u32) {
		if count == 0 {
			DueCount::<T>::remove(block)
		} else {
			DueCount::<T>::insert(block, count)
		}
	}
	fn item(block: Self::BlockNumber, index: u32) -> Option<JobId> {
		DueJobs::<T>::get(block, index)
	}
	fn set_item(block: Self::BlockNumber, index: u32, job: Option<JobId>) {
		DueJobs::<T>::set(block, index, job)
	}
	fn cursor() -> Option<(Self::BlockNumber, u32)> {
		DueQueueCursor::<T>::get()
	}
	fn set_cursor(cursor: (Self::BlockNumber, u32)) {
		DueQueueCursor::<T>::put(cursor)
	}
}
