//! Benchmarks of the audit pallet, on the worst paths: a decision that slashes and pays every
//! party, a draw that reads `MaxProbes` provider slots, a canary caught after settlement.

use super::*;
use crate::verify::{canary_answer, canary_seal};
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_support::{traits::{EnsureOrigin, Get, Hooks}, weights::Weight};
use frame_system::RawOrigin;
use polkadot_sdk::{frame_benchmarking, frame_support, sp_runtime::traits::{One, Saturating}};

fn account_n<T: Config>(name: &'static str, n: u32) -> T::AccountId {
	account(name, n, 0)
}

/// `MaxProbes` providers, the first of which runs a job; returns the job and the provider.
fn committed_job<T: Config>(root: ResultRoot) -> (JobId, T::AccountId) {
	let provider = account_n::<T>("provider", 0);
	T::BenchmarkHelper::provider(&provider);
	for n in 1..T::MaxProbes::get() {
		T::BenchmarkHelper::provider(&account_n::<T>("auditor", n));
	}
	let job = T::BenchmarkHelper::assigned_job(&provider, &account_n::<T>("consumer", 0));
	Pallet::<T>::do_commit(provider.clone(), job, commitment_of::<T>(&provider, job, root)).expect("commits");
	(job, provider)
}

fn commitment_of<T: Config>(who: &T::AccountId, job: JobId, root: ResultRoot) -> Commitment {
	compnet_primitives::commitment(&who.encode(), job, &root, &[7u8; 32])
}

fn advance_to<T: Config>(n: BlockNumberFor<T>) {
	frame_system::Pallet::<T>::set_block_number(n);
}

/// Moves a committed job through the draw; every auditor drawn commits to `root`.
fn drawn<T: Config>(job: JobId, root: ResultRoot) -> alloc::vec::Vec<T::AccountId> {
	let record = Audits::<T>::get(job).unwrap();
	let Phase::Drawing { at } = record.phase else { panic!("drawing") };
	advance_to::<T>(at);
	Pallet::<T>::process_job(job, at).expect("draws");
	let auditors: alloc::vec::Vec<_> = Audits::<T>::get(job).unwrap().parties.iter().skip(1).map(|p| p.who.clone()).collect();
	for auditor in &auditors {
		Pallet::<T>::do_commit(auditor.clone(), job, commitment_of::<T>(auditor, job, root)).expect("commits");
	}
	auditors
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

	/// The last reveal of an audited job: the decision, scores, the auditor's pay and settlement.
	#[benchmark]
	fn reveal() {
		let root = ResultRoot::repeat_byte(1);
		let (job, provider) = committed_job::<T>(root);
		let auditors = drawn::<T>(job, root);
		for auditor in &auditors {
			Pallet::<T>::do_reveal(auditor.clone(), job, root, [7u8; 32]).expect("reveals");
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(provider), job, root, [7u8; 32]);
		assert!(Audits::<T>::get(job).unwrap().decision.is_some());
	}

	/// The draw, reading up to `MaxProbes` provider slots for auditors.
	#[benchmark]
	fn advance() {
		let (job, provider) = committed_job::<T>(ResultRoot::repeat_byte(1));
		let Phase::Drawing { at } = Audits::<T>::get(job).unwrap().phase else { panic!("drawing") };
		advance_to::<T>(at);
		#[extrinsic_call]
		_(RawOrigin::Signed(provider), job);
		assert!(!matches!(Audits::<T>::get(job).unwrap().phase, Phase::Drawing { .. }));
	}

	#[benchmark]
	fn seal_canary() -> Result<(), BenchmarkError> {
		let origin = T::CanaryOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, H256::repeat_byte(1), H256::repeat_byte(2));
		assert!(Canaries::<T>::contains_key(H256::repeat_byte(1)));
		Ok(())
	}

	/// A canary caught after settlement: a slash and a score update.
	#[benchmark]
	fn reveal_canary() -> Result<(), BenchmarkError> {
		let origin = T::CanaryOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let wrong = ResultRoot::repeat_byte(0xee);
		let (job, provider) = committed_job::<T>(wrong);
		let auditors = drawn::<T>(job, wrong);
		for who in auditors.iter().chain(core::iter::once(&provider)) {
			Pallet::<T>::do_reveal(who.clone(), job, wrong, [7u8; 32]).expect("reveals");
		}
		let salt = [3u8; 32];
		let right = ResultRoot::repeat_byte(1);
		Canaries::<T>::insert(canary_seal(job, &salt), canary_answer(&right, &salt));
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, job, right, salt);
		assert_eq!(Audits::<T>::get(job).unwrap().decision, Some(Decision::CanaryFailed));
		Ok(())
	}

	/// `on_idle` looking at one block with nothing due.
	#[benchmark]
	fn on_idle_base() {
		let now = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
		DueCursor::<T>::put(now);
		#[block]
		{
			Pallet::<T>::on_idle(now, Weight::MAX);
		}
		assert_eq!(DueCursor::<T>::get(), Some(now));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
