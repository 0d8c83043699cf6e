//! The verification lifecycle: commitments, the draw, auditors, reveals, the decision, canaries,
//! deadlines and the invariants.

use crate::*;
use alloc::vec::Vec;
use codec::Encode;
use compnet_primitives::commitment;
use frame_support::{dispatch::DispatchResult, ensure, traits::Get, weights::Weight, BoundedVec};
use pallet_market::{JobStatus, Verdict};
use pallet_providers::SlashReason;
use pallet_quality::{model, Outcome};
use polkadot_sdk::{
	sp_crypto_hashing::blake2_256,
	sp_runtime::{
		traits::{One, Saturating, Zero},
		SaturatedConversion,
	},
};

/// How many blocks after its due block a deadline may be filed when that block is full.
const DUE_SPILL: u32 = 16;

/// `blake2_256(job ‖ salt)`: the key a canary is sealed under.
pub fn canary_seal(job: JobId, salt: &Salt) -> H256 {
	H256(blake2_256(&(b"compnet/canary/job", job, salt).encode()))
}

/// `blake2_256(result_root ‖ salt)`: a canary's sealed answer.
pub fn canary_answer(root: &ResultRoot, salt: &Salt) -> H256 {
	H256(blake2_256(&(b"compnet/canary/root", root, salt).encode()))
}

impl<T: Config> Pallet<T> {
	pub(crate) fn do_commit(who: T::AccountId, job: JobId, commitment: Commitment) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let Some(mut record) = Audits::<T>::get(job) else {
			// The provider's commitment: the market checks the assignment and the deadline.
			let committed = T::Market::commit(job, &who)?;
			let at = now.saturating_add(T::DrawDelay::get());
			// One party: within any `MaxParties` (`integrity_test` asks for at least 1).
			let parties = BoundedVec::truncate_from(alloc::vec![Party::new(who.clone(), Some(commitment))]);
			let record = AuditRecord::<T> {
				consumer: committed.consumer,
				class: committed.class,
				sensitivity: committed.sensitivity,
				payment: committed.payment,
				committed_at: now,
				phase: Phase::Drawing { at },
				round: 0,
				probability: 0,
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
			.find(|p| p.who == who && p.commitment.is_none() && !p.dropped)
			.ok_or(Error::<T>::NotExpectedToCommit)?;
		party.commitment = Some(commitment);
		Self::deposit_event(Event::ResultCommitted { job, who, commitment });
		if record.parties.iter().all(|p| p.commitment.is_some() || p.dropped) {
			Self::open_reveal(job, &mut record, now);
		}
		Audits::<T>::insert(job, record);
		Ok(())
	}

	pub(crate) fn do_reveal(who: T::AccountId, job: JobId, root: ResultRoot, salt: Salt) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let mut record = Audits::<T>::get(job).ok_or(Error::<T>::UnknownJob)?;
		ensure!(matches!(record.phase, Phase::Revealing { until } if now <= until), Error::<T>::NotRevealing);
		let party = record
			.parties
			.iter_mut()
			.find(|p| p.who == who && p.commitment.is_some() && p.root.is_none())
			.ok_or(Error::<T>::NothingToReveal)?;
		ensure!(
			party.commitment == Some(commitment(&who.encode(), job, &root, &salt)),
			Error::<T>::BadReveal
		);
		party.root = Some(root);
		Self::deposit_event(Event::ResultRevealed { job, who, root });
		if record.parties.iter().all(|p| p.commitment.is_none() || p.root.is_some()) {
			Self::decide(job, record, now)
		} else {
			Audits::<T>::insert(job, record);
			Ok(())
		}
	}

	pub(crate) fn do_reveal_canary(job: JobId, root: ResultRoot, salt: Salt) -> DispatchResult {
		let sealed = canary_seal(job, &salt);
		let answer = Canaries::<T>::get(sealed).ok_or(Error::<T>::NoSuchCanary)?;
		ensure!(answer == canary_answer(&root, &salt), Error::<T>::NoSuchCanary);
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
			Some(decision) if decision.stands() && !passed => {
				// Paid already: the slash is the penalty, and the score falls.
				Self::slash_party(job, &mut record, 0, T::WrongResultSlash::get(), SlashReason::WrongResult, Outcome::AuditFailed);
				record.decision = Some(Decision::CanaryFailed);
				Totals::<T>::mutate(|t| {
					t.stood.saturating_dec();
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
		let stake = T::Providers::provider(provider).map_or(0, |p| p.stake);
		let slash = T::WrongResultSlash::get().mul_floor(stake);
		model::audit_probability(base, T::Quality::composite(provider), slash, record.payment.saturated_into())
	}

	/// Fresh randomness for `job`, if some exists that became known after the commitment.
	fn randomness(job: JobId, round: u8, committed_at: BlockNumberFor<T>) -> Option<[u8; 32]> {
		let (seed, known_at) = T::Randomness::random(&(b"compnet/audit", job, round).encode());
		seed.filter(|_| known_at > committed_at).map(|hash| blake2_256(hash.as_ref()))
	}

	/// The draw: audited or not, then auditors or the reveal.
	fn draw(job: JobId, mut record: AuditRecord<T>, now: BlockNumberFor<T>) -> DispatchResult {
		let probability = Self::probability(&record);
		record.probability = probability;
		let seed = Self::randomness(job, 0, record.committed_at);
		// Without fresh randomness the job is audited: never an easy way out.
		let audited = seed.is_none_or(|seed| {
			let roll = u64::from_le_bytes(seed[..8].try_into().expect("8 bytes")) % model::ONE as u64;
			roll < probability as u64
		});
		Self::deposit_event(Event::AuditDrawn { job, audited, probability });
		if audited {
			Totals::<T>::mutate(|t| t.audited.saturating_inc());
			let seed = seed.unwrap_or_else(|| blake2_256(&(b"compnet/audit/fallback", job, now).encode()));
			if Self::draw_auditors(job, &mut record, &seed, T::InitialAuditors::get(), now) > 0 {
				let until = now.saturating_add(T::AuditCommitWindow::get());
				record.phase = Phase::Committing { until };
				Self::schedule(until.saturating_add(One::one()), job);
				Audits::<T>::insert(job, record);
				return Ok(());
			}
			Self::deposit_event(Event::NoAuditorAvailable { job });
		}
		Self::open_reveal(job, &mut record, now);
		Audits::<T>::insert(job, record);
		Ok(())
	}

	/// Adds up to `count` auditors: providers of the record's class read from consecutive slots of
	/// the class index from a random start (at most `MaxProbes` reads), active, of another operator than the provider, not
	/// yet a party, and eligible for the job's sensitivity. Returns how many were added.
	fn draw_auditors(
		job: JobId,
		record: &mut AuditRecord<T>,
		seed: &[u8; 32],
		count: u32,
		now: BlockNumberFor<T>,
	) -> u32 {
		let size = T::Providers::class_size(record.class);
		let operator = T::Providers::provider(record.provider()).map(|p| p.operator);
		let commit_by = now.saturating_add(T::AuditCommitWindow::get());
		let mut added = 0;
		if size == 0 {
			return 0;
		}
		// A random start, then consecutive slots: a class smaller than `MaxProbes` is read whole.
		let pick = blake2_256(&(seed, record.round).encode());
		let start = (u64::from_le_bytes(pick[..8].try_into().expect("8 bytes")) % size as u64) as u32;
		for probe in 0..T::MaxProbes::get().min(size) {
			if added >= count {
				break;
			}
			let slot = (start + probe) % size;
			let Some(who) = T::Providers::class_member(record.class, slot) else { continue };
			if record.parties.iter().any(|p| p.who == who) {
				continue;
			}
			let Some(view) = T::Providers::provider(&who) else { continue };
			if !view.active || Some(&view.operator) == operator.as_ref() || !T::Quality::eligible(&who, record.sensitivity) {
				continue;
			}
			if record.parties.try_push(Party::new(who.clone(), None)).is_err() {
				break;
			}
			added += 1;
			Self::deposit_event(Event::AuditorAssigned { job, auditor: who, commit_by });
		}
		added
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

	/// The root with the most votes among revealed parties, if it has at least two and no other
	/// root has as many.
	fn plurality(record: &AuditRecord<T>) -> Option<ResultRoot> {
		let roots: Vec<ResultRoot> = record.parties.iter().filter_map(|p| p.root).collect();
		let votes = |root: &ResultRoot| roots.iter().filter(|r| *r == root).count();
		let best = roots.iter().max_by_key(|r| votes(r))?;
		let top = votes(best);
		let tied = roots.iter().filter(|r| *r != best).any(|r| votes(r) == top);
		(top >= 2 && !tied).then_some(*best)
	}

	/// Decides a job whose reveals are in (or whose reveal window closed): the decision, the
	/// slashes, the scores, the auditors' pay and the market's settlement or refund. A
	/// disagreement before any dispute opens one instead.
	fn decide(job: JobId, mut record: AuditRecord<T>, now: BlockNumberFor<T>) -> DispatchResult {
		let consumer = record.consumer.clone();
		// Committed but unrevealed auditors: a missed reveal is a wrong result.
		for index in 1..record.parties.len() {
			let party = &record.parties[index];
			if party.commitment.is_some() && party.root.is_none() && !party.dropped {
				Self::slash_party(job, &mut record, index, T::WrongResultSlash::get(), SlashReason::MissedReveal, Outcome::AuditFailed);
			}
		}
		let provider_root = record.parties[0].root;
		let auditor_roots: Vec<ResultRoot> = record.parties.iter().skip(1).filter_map(|p| p.root).collect();
		let (decision, truth) = if let Some(answer) = record.canary {
			let decision = match provider_root {
				Some(root) if root == answer => Decision::Agreed,
				Some(_) => Decision::CanaryFailed,
				None => Decision::MissedReveal,
			};
			(decision, Some(answer))
		} else if provider_root.is_none() {
			(Decision::MissedReveal, Self::plurality(&record))
		} else if auditor_roots.is_empty() {
			(Decision::Unaudited, provider_root)
		} else if auditor_roots.iter().all(|r| Some(*r) == provider_root) {
			(Decision::Agreed, provider_root)
		} else if record.round == 0 {
			record.round = 1;
			let seed = Self::randomness(job, 1, record.committed_at)
				.unwrap_or_else(|| blake2_256(&(b"compnet/audit/dispute", job, now).encode()));
			let added = Self::draw_auditors(job, &mut record, &seed, T::DisputeAuditors::get(), now);
			if added > 0 {
				let until = now.saturating_add(T::AuditCommitWindow::get());
				record.phase = Phase::Committing { until };
				Self::schedule(until.saturating_add(One::one()), job);
				Totals::<T>::mutate(|t| t.disputes.saturating_inc());
				Self::deposit_event(Event::DisputeOpened { job, added });
				Audits::<T>::insert(job, record);
				return Ok(());
			}
			(Decision::Inconclusive, None)
		} else {
			match Self::plurality(&record) {
				None => (Decision::Inconclusive, None),
				Some(root) if Some(root) == provider_root => (Decision::UpheldInDispute, Some(root)),
				Some(root) => (Decision::Overturned, Some(root)),
			}
		};

		// The provider.
		let provider = record.provider().clone();
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
			Decision::Unaudited | Decision::Inconclusive => {},
		}
		// Auditors: with the truth known, those who had it are paid and those who did not lose;
		// without it, every auditor that revealed is paid and nobody loses.
		let mut paid = Vec::new();
		for index in 1..record.parties.len() {
			let Some(root) = record.parties[index].root else { continue };
			let who = record.parties[index].who.clone();
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
			_ => t.caught.saturating_inc(),
		});
		record.decision = Some(decision);
		record.phase = Phase::Decided { at: now };
		Self::schedule(now.saturating_add(T::RecordRetention::get()), job);
		Audits::<T>::insert(job, record);
		Self::deposit_event(Event::Decided { job, provider, decision, auditors: auditors.len() as u32, each });
		Ok(())
	}

	/// Files job `job` to be looked at from block `at`, or the first of the next `DUE_SPILL`
	/// blocks with room. When all are full, nothing is filed: `advance` still processes it.
	fn schedule(at: BlockNumberFor<T>, job: JobId) {
		let mut block = at;
		for _ in 0..=DUE_SPILL {
			if Due::<T>::try_mutate(block, |ids| ids.try_push(job)).is_ok() {
				return;
			}
			block.saturating_inc();
		}
	}

	/// Processes job `job` if something of it is due at `now`.
	pub(crate) fn process_job(job: JobId, now: BlockNumberFor<T>) -> DispatchResult {
		let mut record = Audits::<T>::get(job).ok_or(Error::<T>::UnknownJob)?;
		match record.phase {
			Phase::Drawing { at } if now >= at => Self::draw(job, record, now),
			Phase::Committing { until } if now > until => {
				for index in 1..record.parties.len() {
					let party = &record.parties[index];
					if party.commitment.is_none() && !party.dropped {
						let who = party.who.clone();
						Self::slash_party(job, &mut record, index, T::MissedCommitSlash::get(), SlashReason::MissedDeadline, Outcome::DeadlineMissed);
						record.parties[index].dropped = true;
						let slashed = record.parties[index].slashed;
						Self::deposit_event(Event::AuditorMissedCommit { job, auditor: who, slashed });
					}
				}
				Self::open_reveal(job, &mut record, now);
				Audits::<T>::insert(job, record);
				Ok(())
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

	/// `on_idle`: works through the due jobs of past blocks while the weight lasts.
	pub(crate) fn process_due_blocks(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
		let base = T::WeightInfo::on_idle_base();
		let per_job = T::WeightInfo::advance();
		let mut used = base;
		if remaining.any_lt(base) {
			return Weight::zero();
		}
		let mut cursor = DueCursor::<T>::get().unwrap_or(now);
		while cursor <= now {
			let ids = Due::<T>::get(cursor);
			for (done, id) in ids.iter().enumerate() {
				if remaining.any_lt(used.saturating_add(per_job)) {
					Due::<T>::insert(cursor, BoundedVec::truncate_from(ids[done..].to_vec()));
					DueCursor::<T>::put(cursor);
					return used;
				}
				used.saturating_accrue(per_job);
				// Each job in its own storage layer: one that fails changes nothing.
				let _ = frame_support::storage::with_storage_layer(|| Self::process_job(*id, now));
			}
			Due::<T>::remove(cursor);
			if cursor == now || remaining.any_lt(used.saturating_add(base)) {
				break;
			}
			used.saturating_accrue(base);
			cursor.saturating_inc();
		}
		DueCursor::<T>::put(cursor);
		used
	}

	/// Invariants: a decided record's job is final and paid exactly when the decision stands
	/// (a canary caught after payment excepted), an undecided record's job is open; slashes sit
	/// only with losing parties; the running slash total equals the recorded slashes. Iterates
	/// over all records: for tests and try-runtime only.
	#[cfg(any(feature = "std", feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let mut slashed = PrunedSlashes::<T>::get();
		for (job, record) in Audits::<T>::iter() {
			let status = T::Market::status(job);
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
					party.dropped ||
						party.root.is_none() ||
						record.decision.is_some_and(|d| {
							matches!(d, Decision::Overturned | Decision::UpheldInDispute | Decision::Agreed | Decision::CanaryFailed)
						})
				};
				ensure!(lost, "a slash without a losing outcome");
				ensure!(party.paid.is_zero(), "a party both slashed and paid");
			}
		}
		ensure!(slashed == Totals::<T>::get().slashed, "the slash total differs from the records");
		Ok(())
	}
}
