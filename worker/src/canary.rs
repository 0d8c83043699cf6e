//! Canaries: jobs whose right answer the canary origin sealed on chain in advance, submitted like
//! any consumer's job, then checked against what the provider revealed (`docs/audit.md`, *Canaries:
//! the operating rule*).
//!
//! A [`Canary`] is a fresh input with its right result root, computed here on the CPU path (the
//! result every device gives bit for bit), and a secret salt. [`seal_batch`] puts the seals on
//! chain through the canary origin (`sudo` on the dev chain): each names the **input**, not a job,
//! so nothing ties a seal to the job that later carries it. [`run`] submits a canary from a payer
//! account through the same path as `compnet submit` and, once the job ended and the provider
//! revealed, reveals the answer; the chain then compares and slashes a wrong provider and the
//! auditors that vouched for it. [`poisson_gap`] spaces submissions so that their timing tells an
//! observer nothing.

use crate::{
	chain::{runtime, Chain, ChainError},
	compute::{self, blob_root, inputs},
	consumer::{self, Delivery, JobOrder},
};
use compnet_primitives::{JobId, ResultRoot, Workload};
use rand::{Rng, RngCore};
use std::time::Duration;
use subxt::utils::H256;

/// One canary: its input, the right result root and the salt of its seal.
#[derive(Clone, Debug)]
pub struct Canary {
	/// The workload it is submitted as.
	pub workload: Workload,
	/// The input bytes, fresh for this canary.
	pub input: Vec<u8>,
	/// The right result's root (the raw root the pallet's answer is taken over).
	pub right_root: ResultRoot,
	/// The seal's secret salt.
	pub salt: [u8; 32],
}

impl Canary {
	/// A canary for `workload` with an input from `rng` (the same generator `compnet submit
	/// --generate` uses) and its right answer computed here.
	pub fn fresh(workload: Workload, rng: &mut impl RngCore) -> Result<Self, String> {
		let input = inputs::generate(&workload, rng.next_u64()).ok_or("this workload's input cannot be generated")?;
		let result = compute::run(&compnet_kernels::CpuDevice::default(), &workload, &input, u128::MAX)
			.map_err(|e| format!("computing the canary's answer: {e}"))?;
		let mut salt = [0u8; 32];
		rng.fill_bytes(&mut salt);
		Ok(Self { workload, input, right_root: blob_root(&result), salt })
	}

	/// What the chain keeps: `blake2("compnet/canary/input" ‖ input root ‖ salt)` naming it, and
	/// `blake2("compnet/canary/root" ‖ right root ‖ salt)` as its answer.
	pub fn seal(&self) -> (H256, H256) {
		let hash = |tag: &[u8], root: &ResultRoot| H256(blob_root(&[tag, root.as_bytes(), &self.salt].concat()).0);
		(hash(b"compnet/canary/input", &blob_root(&self.input)), hash(b"compnet/canary/root", &self.right_root))
	}
}

/// How a canary's job ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CanaryReport {
	/// The job that carried it.
	pub job: JobId,
	/// Whether the provider's revealed root was the right one (`None`: nothing to compare, the
	/// provider never revealed, and the audit already convicted or refunded it).
	pub passed: Option<bool>,
}

/// Seals `canaries` on chain in one call through the canary origin (`sealer` signs a `sudo`).
pub async fn seal_batch(sealer: &Chain, canaries: &[Canary]) -> Result<(), ChainError> {
	use runtime::runtime_types::{
		bounded_collections::bounded_vec::BoundedVec, compnet_runtime::RuntimeCall, pallet_audit::pallet::Call as AuditCall,
	};
	let canaries = BoundedVec(canaries.iter().map(Canary::seal).collect());
	sealer
		.submit("audit.seal_canaries", &runtime::tx().sudo().sudo(RuntimeCall::Audit(AuditCall::seal_canaries { canaries })))
		.await
		.map(|_| ())
}

/// Submits `canary` as `order` from `payer`, like any consumer (uploads the input, serves the
/// auditors, waits for the end), then reveals its answer through `sealer` and reports whether
/// the provider was right.
pub async fn run(
	sealer: &Chain,
	payer: &Chain,
	transfers: &crate::blob_client::BlobClient,
	order: &JobOrder,
	canary: &Canary,
	progress: impl FnMut(String),
) -> Result<CanaryReport, String> {
	use runtime::runtime_types::{compnet_runtime::RuntimeCall, pallet_audit::pallet::Call as AuditCall};
	let outcome = consumer::submit(payer, transfers, order, canary.input.clone(), Vec::new(), Delivery::Upload, progress).await?;
	let job = outcome.job;
	let revealed = sealer
		.audit(job)
		.await
		.map_err(|e| e.to_string())?
		.and_then(|record| record.parties.0.first().and_then(|p| p.root))
		.is_some();
	if !revealed {
		return Ok(CanaryReport { job, passed: None });
	}
	let call = RuntimeCall::Audit(AuditCall::reveal_canary { job, result_root: canary.right_root, salt: canary.salt });
	let events = sealer.submit("audit.reveal_canary", &runtime::tx().sudo().sudo(call)).await.map_err(|e| e.to_string())?;
	let checked = events
		.find_first::<runtime::audit::events::CanaryChecked>()
		.and_then(Result::ok)
		.ok_or(format!("job {job}: the canary was not checked (was it sealed, and not expired?)"))?;
	Ok(CanaryReport { job, passed: Some(checked.passed) })
}

/// A gap drawn from the exponential distribution with mean `mean`: submissions spaced this way
/// form a Poisson process, whose next arrival nothing about the last one predicts.
pub fn poisson_gap(mean: Duration, rng: &mut impl Rng) -> Duration {
	let uniform: f64 = rng.gen_range(f64::EPSILON..1.0);
	mean.mul_f64(-uniform.ln())
}

#[cfg(test)]
mod tests {
	use super::*;
	use rand::SeedableRng;

	#[test]
	fn a_canary_seal_names_its_input_not_a_job_and_hides_the_answer() {
		let mut rng = rand::rngs::StdRng::seed_from_u64(7);
		let workload = Workload::GemmI8 { m: 8, n: 8, k: 8 };
		let a = Canary::fresh(workload, &mut rng).unwrap();
		let b = Canary::fresh(workload, &mut rng).unwrap();
		assert_ne!(a.input, b.input, "every canary has a fresh input");
		assert_ne!(a.seal(), b.seal());
		let (sealed, answer) = a.seal();
		assert_eq!(sealed.0, blob_root(&[b"compnet/canary/input".as_slice(), blob_root(&a.input).as_bytes(), &a.salt].concat()).0);
		assert_ne!(answer.0, a.right_root.0, "the answer is salted");
		let right = compute::run(&compnet_kernels::CpuDevice::default(), &workload, &a.input, u128::MAX).unwrap();
		assert_eq!(a.right_root, blob_root(&right));
	}

	#[test]
	fn poisson_gaps_average_their_mean() {
		let mut rng = rand::rngs::StdRng::seed_from_u64(1);
		let mean = Duration::from_secs(100);
		let gaps: Vec<f64> = (0..20_000).map(|_| poisson_gap(mean, &mut rng).as_secs_f64()).collect();
		let average = gaps.iter().sum::<f64>() / gaps.len() as f64;
		assert!((average - 100.0).abs() < 3.0, "mean {average}");
		// Memoryless: as many gaps above twice the mean as e⁻² predicts (13.5%).
		let long = gaps.iter().filter(|g| **g > 200.0).count() as f64 / gaps.len() as f64;
		assert!((long - (-2f64).exp()).abs() < 0.01, "share above 2× the mean {long}");
	}
}
