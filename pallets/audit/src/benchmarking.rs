//! Benchmarks of the audit pallet, on the worst paths: a dispute decided with slashes, pay for
//! every auditor, score updates and a settlement whose freed slot takes a waiting job; a draw that
//! reads `MaxProbes` slots; a commit window that ends with every auditor slashed and a redraw; an
//! auditor excused and replaced; a canary caught after settlement.

use super::*;
use crate::verify::{canary_answer, canary_seal};
use alloc::vec::Vec;
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_support::{traits::{EnsureOrigin, Get, Hooks}, weights::Weight, BoundedVec};
use frame_system::RawOrigin;
use polkadot_sdk::{frame_benchmarking, frame_support, sp_runtime::traits::{One, Saturating}};

fn account_n<T: Config>(name: &'static str, n: u32) -> T::AccountId {
	account(name, n, 0)
}

const SALT: Salt = [7u8; 32];

/// The provider, `MaxProbes` other providers that can audit, and a job committed with `root`
/// whose freed slot has waiting jobs to take. Returns the job and the provider.
fn committed_job<T: Config>(root: ResultRoot) -> (JobId, T::AccountId) {
	let provider = account_n::<T>("provider", 0);
	T::BenchmarkHelper::provider(&provider);
	for n in 1..=T::MaxProbes::get() {
		T::BenchmarkHelper::provider(&account_n::<T>("auditor", n));
	}
	let consumer = account_n::<T>("consumer", 0);
	let job = T::BenchmarkHelper::assigned_job(&provider, &consumer);
	T::BenchmarkHelper::waiting_jobs(T::MaxProbes::get(), &account_n::<T>("consumer", 1));
	Pallet::<T>::do_commit(provider.clone(), job, commitment_of::<T>(&provider, job, root)).expect("commits");
	(job, provider)
}

/// What a party of the job's current round commits to and reveals for a result `root`.
fn sealed<T: Config>(job: JobId, root: ResultRoot) -> ResultRoot {
	let round = Audits::<T>::get(job).map_or(0, |record| record.round);
	compnet_primitives::sealed_for_round(job, &root, round).expect("a round that reveals")
}

fn commitment_of<T: Config>(who: &T::AccountId, job: JobId, root: ResultRoot) -> Commitment {
	compnet_primitives::commitment(&who.encode(), job, &sealed::<T>(job, root), &SALT)
}

/// `who` reveals the result `root` for the job's current round.
fn reveal_sealed<T: Config>(who: &T::AccountId, job: JobId, root: ResultRoot) {
	Pallet::<T>::do_reveal(who.clone(), job, sealed::<T>(job, root), SALT, None).expect("reveals");
}

fn advance_to<T: Config>(n: BlockNumberFor<T>) {
	frame_system::Pallet::<T>::set_block_number(n);
}

fn pending<T: Config>(job: JobId) -> Vec<T::AccountId> {
	Audits::<T>::get(job)
		.unwrap()
		.live_auditors()
		.filter(|p| p.commitment.is_none())
		.map(|p| p.who.clone())
		.collect()
}

/// Moves a committed job through the draw (no fresh randomness is needed: without it the job
/// is audited) and returns the committee drawn.
fn drawn<T: Config>(job: JobId) -> Vec<T::AccountId> {
	let Phase::Drawing { at } = Audits::<T>::get(job).unwrap().phase else { panic!("drawing") };
	advance_to::<T>(at);
	Pallet::<T>::process_job(job, at).expect("draws");
	pending::<T>(job)
}

/// A job in its second round: the provider and most auditors say `right`, the first auditor
/// lied, every party but `last` revealed. Returns the job and the last auditor.
fn dispute_before_last_reveal<T: Config>() -> (JobId, T::AccountId) {
	let right = ResultRoot::repeat_byte(1);
	let lie = ResultRoot::repeat_byte(0x66);
	let (job, provider) = committed_job::<T>(right);
	let first = drawn::<T>(job);
	for (i, auditor) in first.iter().enumerate() {
		let root = if i == 0 { lie } else { right };
		Pallet::<T>::do_commit(auditor.clone(), job, commitment_of::<T>(auditor, job, root)).expect("commits");
	}
	reveal_sealed::<T>(&provider, job, right);
	for (i, auditor) in first.iter().enumerate() {
		let root = if i == 0 { lie } else { right };
		reveal_sealed::<T>(auditor, job, root);
	}
	(job, next_round_before_last_reveal::<T>(job, right))
}

/// Staffs the round a dispute opened (from the seeds after the reveals opened): every new
/// auditor commits `right`, all but the last reveal. Returns the last auditor.
fn next_round_before_last_reveal<T: Config>(job: JobId, right: ResultRoot) -> T::AccountId {
	let Phase::Committing { next } = Audits::<T>::get(job).unwrap().phase else { panic!("disputed") };
	// A round opened once its seeds exist is drawn at once; otherwise when they do.
	if pending::<T>(job).is_empty() {
		advance_to::<T>(next);
		Pallet::<T>::process_job(job, next).expect("draws the dispute");
	}
	let round = pending::<T>(job);
	assert!(!round.is_empty(), "a dispute was opened");
	for auditor in &round {
		Pallet::<T>::do_commit(auditor.clone(), job, commitment_of::<T>(auditor, job, right)).expect("commits");
	}
	let (last, rest) = round.split_last().expect("one auditor at least");
	for auditor in rest {
		reveal_sealed::<T>(auditor, job, right);
	}
	last.clone()
}

/// A dispute whose reveal window, closing with the last auditor silent, decides the job: while
/// the silence would leave no majority (and another round is allowed), the window is let close
/// and the next round is played the same way. Returns the job and the silent auditor.
fn dispute_decided_by_timeout<T: Config>() -> (JobId, T::AccountId) {
	let right = ResultRoot::repeat_byte(1);
	let (job, mut last) = dispute_before_last_reveal::<T>();
	loop {
		let record = Audits::<T>::get(job).unwrap();
		if record.round >= MAX_DISPUTE_ROUNDS || Pallet::<T>::majority(&record).is_some() {
			return (job, last);
		}
		let Phase::Revealing { until } = record.phase else { panic!("revealing") };
		let closed = until.saturating_add(One::one());
		advance_to::<T>(closed);
		Pallet::<T>::process_job(job, closed).expect("opens another round");
		last = next_round_before_last_reveal::<T>(job, right);
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The provider's commitment: the market marks the job, the record is created and filed.
	#[benchmark]
	fn commit_result() {
		let provider = account_n::<T>("provider", 0);
		T::BenchmarkHelper::provider(&provider);
		let job = T::BenchmarkHelper::assigned_job(&provider, &account_n::<T>("consumer", 0));
		let commitment = commitment_of::<T>(&provider, job, ResultRoot::repeat_byte(1));
		#[extrinsic_call]
		_(RawOrigin::Signed(provider), job, commitment);
		assert!(Audits::<T>::contains_key(job));
	}

	/// The last reveal of a dispute: the liar slashed, every other auditor paid and scored, the
	/// provider upheld and paid, its freed slot given to a waiting job.
	#[benchmark]
	fn reveal() {
		let (job, last) = dispute_before_last_reveal::<T>();
		let sealed = sealed::<T>(job, ResultRoot::repeat_byte(1));
		#[extrinsic_call]
		_(RawOrigin::Signed(last), job, sealed, SALT);
		assert_eq!(Audits::<T>::get(job).unwrap().decision, Some(Decision::UpheldInDispute));
	}

	/// The draw of a full committee, reading `MaxProbes` provider slots.
	#[benchmark]
	fn advance_draw() {
		let (job, provider) = committed_job::<T>(ResultRoot::repeat_byte(1));
		let Phase::Drawing { at } = Audits::<T>::get(job).unwrap().phase else { panic!("drawing") };
		advance_to::<T>(at);
		#[extrinsic_call]
		advance(RawOrigin::Signed(provider), job);
		assert!(!matches!(Audits::<T>::get(job).unwrap().phase, Phase::Drawing { .. }));
	}

	/// A commit window that ends with every auditor missing it: each slashed and scored (the
	/// replacements are drawn by a later `advance`, from the blocks after this one).
	#[benchmark]
	fn advance_commit_timeout() {
		let (job, provider) = committed_job::<T>(ResultRoot::repeat_byte(1));
		let lazy = drawn::<T>(job);
		let last = Audits::<T>::get(job).unwrap().parties.iter().map(|p| p.commit_by).max().unwrap();
		advance_to::<T>(last.saturating_add(One::one()));
		#[extrinsic_call]
		advance(RawOrigin::Signed(provider), job);
		let record = Audits::<T>::get(job).unwrap();
		assert!(lazy.iter().all(|who| record.parties.iter().any(|p| &p.who == who && p.left == Some(Left::MissedCommit))));
	}

	/// The reveal window of a dispute closes with one auditor silent: it is slashed, and the
	/// decision is made as in `reveal`.
	#[benchmark]
	fn advance_decide() {
		let (job, _silent) = dispute_decided_by_timeout::<T>();
		let Phase::Revealing { until } = Audits::<T>::get(job).unwrap().phase else { panic!("revealing") };
		advance_to::<T>(until.saturating_add(One::one()));
		let caller = account_n::<T>("caller", 0);
		#[extrinsic_call]
		advance(RawOrigin::Signed(caller), job);
		assert!(Audits::<T>::get(job).unwrap().decision.is_some());
	}

	/// An auditor that cannot get the input leaves; its replacement is drawn by `advance` once the
	/// blocks after the report exist.
	#[benchmark]
	fn report_input_unavailable() {
		let (job, _) = committed_job::<T>(ResultRoot::repeat_byte(1));
		let auditor = drawn::<T>(job)[0].clone();
		#[extrinsic_call]
		_(RawOrigin::Signed(auditor.clone()), job);
		let record = Audits::<T>::get(job).unwrap();
		assert!(record.parties.iter().any(|p| p.who == auditor && p.left == Some(Left::InputUnavailable)));
	}

	/// A batch of `c` canaries sealed.
	#[benchmark]
	fn seal_canaries(c: Linear<1, { T::MaxCanaries::get() }>) -> Result<(), BenchmarkError> {
		let origin = T::CanaryOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let canaries: Vec<(H256, H256)> =
			(0..c).map(|i| (H256(polkadot_sdk::sp_crypto_hashing::blake2_256(&i.to_le_bytes())), H256::repeat_byte(2))).collect();
		let canaries = BoundedVec::truncate_from(canaries);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, canaries);
		assert_eq!(Canaries::<T>::count(), c);
		Ok(())
	}

	/// A canary caught after settlement: a slash and a score update.
	#[benchmark]
	fn reveal_canary() -> Result<(), BenchmarkError> {
		let origin = T::CanaryOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let wrong = ResultRoot::repeat_byte(0xee);
		let (job, provider) = committed_job::<T>(wrong);
		let auditors = drawn::<T>(job);
		for auditor in &auditors {
			Pallet::<T>::do_commit(auditor.clone(), job, commitment_of::<T>(auditor, job, wrong)).expect("commits");
		}
		for who in auditors.iter().chain(core::iter::once(&provider)) {
			reveal_sealed::<T>(who, job, wrong);
		}
		let salt = [3u8; 32];
		let right = ResultRoot::repeat_byte(1);
		let expires_at = frame_system::Pallet::<T>::block_number().saturating_add(T::CanaryLifetime::get());
		let input_root = <T::Market as pallet_market::JobMarket<_, _>>::input_root(job).expect("the job exists");
		Canaries::<T>::insert(canary_seal(&input_root, &salt), CanarySeal { answer: canary_answer(&right, &salt), expires_at });
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, job, right, salt);
		assert_eq!(Audits::<T>::get(job).unwrap().decision, Some(Decision::CanaryFailed));
		Ok(())
	}

	/// An expired canary removed.
	#[benchmark]
	fn remove_canary() {
		let sealed = H256::repeat_byte(1);
		Canaries::<T>::insert(sealed, CanarySeal { answer: H256::repeat_byte(2), expires_at: One::one() });
		let caller = account_n::<T>("caller", 0);
		advance_to::<T>(2u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), sealed);
		assert!(!Canaries::<T>::contains_key(sealed));
	}

	/// `on_initialize`: the parent block's randomness read and kept.
	#[benchmark]
	fn on_initialize() {
		let now = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
		#[block]
		{
			Pallet::<T>::on_initialize(now);
		}
	}

	/// `on_idle` looking at one block with nothing due.
	#[benchmark]
	fn on_idle_base() {
		let now = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
		DueQueueCursor::<T>::put((now, 0));
		#[block]
		{
			Pallet::<T>::on_idle(now, Weight::MAX);
		}
		assert_eq!(DueQueueCursor::<T>::get(), Some((now.saturating_add(One::one()), 0)));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
