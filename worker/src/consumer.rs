//! The consumer's side: describe a job, quote it, submit it, upload its input, follow it and fetch
//! and verify its result. Used by the `compnet` command line.

use crate::{
	blob_client::{self, BlobClient},
	chain::{runtime, AccountId, Chain, ChainError},
	compute::blob_root,
	units::format_cnet,
};
use compnet_primitives::{JobId, RegionGroup, RegionSet, Sensitivity, Workload};
use std::time::Duration;
use subxt::utils::Static;

/// Parses a workload: `gemm-i8:MxNxK`, `gemm-f32:MxNxK`, `train-mlp:IxHxO:BATCH:STEPS` or
/// `he-linear:[SECONDx]ROWSxCOLS:BATCH[:encrypted-weights]` (`SECOND`: the rows of a second layer
/// `W₂`, `SECOND × ROWS`, applied to `W·x`).
pub fn parse_workload(text: &str) -> Result<Workload, String> {
	let bad = || {
		format!(
			"`{text}`: expected gemm-i8:MxNxK, gemm-f32:MxNxK, train-mlp:IxHxO:BATCH:STEPS or he-linear:[SECONDx]ROWSxCOLS:BATCH[:encrypted-weights]"
		)
	};
	let (plain, encrypted_weights) = match text.strip_suffix(":encrypted-weights") {
		Some(rest) if rest.starts_with("he-linear:") => (rest, true),
		_ => (text, false),
	};
	let (kind, shape) = plain.split_once(':').ok_or_else(bad)?;
	let mut parts = shape.split(':');
	let dims: Vec<u32> = parts.next().ok_or_else(bad)?.split('x').map(|d| d.parse().map_err(|_| bad())).collect::<Result<_, _>>()?;
	let rest: Vec<u32> = parts.map(|d| d.parse().map_err(|_| bad())).collect::<Result<_, _>>()?;
	let workload = match (kind, dims.as_slice(), rest.as_slice()) {
		("gemm-i8", &[m, n, k], []) => Workload::GemmI8 { m, n, k },
		("gemm-f32", &[m, n, k], []) => Workload::GemmF32 { m, n, k },
		("train-mlp", &[input, hidden, output], &[batch, steps]) => Workload::TrainMlp { input, hidden, output, batch, steps },
		("he-linear", &[rows, cols], &[batch]) => Workload::HeLinear { rows, cols, batch, encrypted_weights, second_rows: None },
		("he-linear", &[second, rows, cols], &[batch]) =>
			Workload::HeLinear { rows, cols, batch, encrypted_weights, second_rows: Some(second) },
		_ => return Err(bad()),
	};
	workload.validate().map_err(|e| format!("`{text}`: {e:?}"))?;
	Ok(workload)
}

/// The `wasm` workload of a program `module`: its blob root, with the limits given, checked
/// against the shape bounds (the chain checks its own `ProgramLimits` too).
pub fn program_workload(module: &[u8], fuel: u64, memory_mib: u32, output_kib: u32) -> Result<Workload, String> {
	let workload = Workload::Wasm { module: blob_root(module), fuel, memory_mib, output_kib };
	workload.validate().map_err(|e| format!("the program's limits: {e:?}"))?;
	Ok(workload)
}

/// Parses `any` or a comma-separated list of region groups.
pub fn parse_regions(text: &str) -> Result<RegionSet, String> {
	if text == "any" {
		return Ok(RegionSet::ANY);
	}
	let groups: Vec<RegionGroup> = text.split(',').map(crate::onboard::parse_group).collect::<Result<_, _>>()?;
	Ok(RegionSet::of(&groups))
}

/// Parses `low`, `standard` or `high`.
pub fn parse_sensitivity(text: &str) -> Result<Sensitivity, String> {
	match text {
		"low" => Ok(Sensitivity::Low),
		"standard" => Ok(Sensitivity::Standard),
		"high" => Ok(Sensitivity::High),
		_ => Err(format!("`{text}`: expected low, standard or high")),
	}
}

/// A job to buy.
#[derive(Clone, Debug)]
pub struct JobOrder {
	/// What to compute.
	pub workload: Workload,
	/// The most to pay per compute unit, in planck.
	pub max_price_per_unit: u128,
	/// Blocks from now until the job expires if unmatched.
	pub deadline_blocks: u32,
	/// Allowed region groups.
	pub regions: RegionSet,
	/// Data sensitivity.
	pub sensitivity: Sensitivity,
}

/// The market's answer to a quote, in words.
pub async fn quote(chain: &Chain, order: &JobOrder) -> Result<String, ChainError> {
	let at = chain.client().await.at_current_block().await.map_err(|e| ChainError::read("the finalized block", e))?;
	let call = runtime::runtime_apis().market_api().quote(
		Static(order.workload),
		order.max_price_per_unit,
		Static(order.regions),
		Static(order.sensitivity),
	);
	let answer = at.runtime_apis().call(call).await.map_err(|e| ChainError::read("marketApi.quote", e))?;
	Ok(match answer {
		Ok(q) => format!(
			"best offer: {} ({:?} in {}), {} per unit × {} units = {} (escrow held: {})",
			q.provider,
			q.class.0,
			String::from_utf8_lossy(&q.region.0.country),
			format_cnet(q.price_per_unit),
			q.units,
			format_cnet(q.cost),
			format_cnet(q.escrow)
		),
		Err(no_match) => format!("no match: {no_match:?}"),
	})
}

/// Whether the consumer delivers the job's input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
	/// Upload the input (and its companions) to the provider and to every auditor drawn.
	Upload,
	/// Upload it to the provider only (testing: a consumer gone before the audit).
	ProviderOnly,
	/// Never upload it (testing: a consumer that names an input it never delivers).
	Withheld,
}

/// What happened to a submitted job.
#[derive(Clone, Debug)]
pub struct Outcome {
	/// The job's id.
	pub job: JobId,
	/// The provider that ran it.
	pub provider: AccountId,
	/// The verified result bytes, if the job settled.
	pub result: Option<Vec<u8>>,
	/// What the consumer paid (provider's pay plus fee).
	pub paid: u128,
	/// The most the job could have cost: units × max price.
	pub max_cost: u128,
}

/// Submits `order` with `input`, uploads the input to the assigned provider (then `companions`,
/// the blobs the input names, such as an `he-linear` evaluation key), and again to the next
/// provider when the market reassigns the job after a missed commitment. While the job is
/// audited it stays and pushes the same blobs to every auditor drawn, so that auditors never
/// depend on the provider for the input. Then it waits for the decision, downloads the result
/// (from the provider, or an auditor that revealed the same root) and checks it against the
/// revealed root. `progress` receives one line per step.
pub async fn submit(
	chain: &Chain,
	http: &BlobClient,
	order: &JobOrder,
	input: Vec<u8>,
	companions: Vec<Vec<u8>>,
	delivery: Delivery,
	mut progress: impl FnMut(String),
) -> Result<Outcome, String> {
	use runtime::runtime_types::{pallet_audit::types::Phase, pallet_market::types::JobState};
	let units = order.workload.compute_units().map_err(|e| format!("{e:?}"))?;
	let max_cost = order.max_price_per_unit.saturating_mul(units as u128);
	let input_root = blob_root(&input);
	progress(format!("input: {} bytes, root {input_root:?}; {units} compute units, at most {}", input.len(), format_cnet(max_cost)));
	let best = chain.client().await.at_current_block().await.map_err(|e| e.to_string())?.block_number();
	let call = runtime::tx().market().submit_job(
		Static(order.workload),
		order.max_price_per_unit,
		best as u32 + order.deadline_blocks,
		Static(order.regions),
		Static(order.sensitivity),
		input_root,
	);
	let events = chain.submit("market.submit_job", &call).await.map_err(|e| e.to_string())?;
	let submitted = events
		.find_first::<runtime::market::events::JobSubmitted>()
		.and_then(Result::ok)
		.ok_or("no JobSubmitted event")?;
	let job = submitted.job;
	progress(format!("job {job} submitted; escrow held: {}", format_cnet(submitted.escrow)));

	let blobs: Vec<Vec<u8>> = std::iter::once(input).chain(companions).collect();
	// The provider our blobs went to; a different one assigned later means a reassignment.
	let mut holder: Option<AccountId> = None;
	// The auditors our blobs went to.
	let mut served: Vec<AccountId> = Vec::new();
	let mut last = String::new();
	loop {
		let info = chain.job(job).await.map_err(|e| e.to_string())?.ok_or("the job vanished")?;
		let audit = chain.audit(job).await.map_err(|e| e.to_string())?;
		let step = match (&info.state, audit.as_ref().map(|a| &a.phase)) {
			(JobState::Assigned { provider, price_per_unit, input_by, .. }, _) => {
				if holder.as_ref() != Some(provider) {
					let how = match &holder {
						None => "assigned to".to_string(),
						Some(missed) => format!("{missed} missed its commitment; reassigned to"),
					};
					progress(format!("{how} {provider} at {} per unit; input to be acknowledged by block {input_by}", format_cnet(*price_per_unit)));
					if delivery == Delivery::Withheld {
						progress("--skip-upload: the input is not sent".into());
					} else if let Err(e) = upload_all(chain, &http, provider, job, &blobs, &mut progress).await {
						// Without the input the provider cannot acknowledge it: the job ends at
						// block {input_by} without a slash, and the job deposit pays for it.
						progress(format!("{e}; unless {provider} acknowledges the input by block {input_by}, the job ends and the job deposit is lost"));
					}
					holder = Some(provider.clone());
				}
				format!("waiting for {provider} to acknowledge the input")
			},
			(JobState::Running { provider, commit_by, .. }, _) => format!("running on {provider}; commitment due by block {commit_by}"),
			(JobState::Queued, _) => match &holder {
				None => "waiting in the book for an offer".into(),
				Some(missed) => format!("back in the book: {missed} missed its commitment"),
			},
			(JobState::Committed { .. }, Some(Phase::Drawing { at })) => format!("committed; audit draw at block {at}"),
			(JobState::Committed { .. }, Some(Phase::Committing { .. })) => {
				let parties = audit.as_ref().map(|a| a.parties.0.as_slice()).unwrap_or_default();
				let live: Vec<&AccountId> = parties.iter().skip(1).filter(|p| p.left.is_none()).map(|p| &p.who).collect();
				if delivery == Delivery::Upload {
					// Auditors get the input from us, whatever the provider does.
					for auditor in parties.iter().skip(1).filter(|p| p.left.is_none() && p.commitment.is_none()) {
						if served.contains(&auditor.who) {
							continue;
						}
						match upload_all(chain, &http, &auditor.who, job, &blobs, &mut progress).await {
							Ok(()) => progress(format!("input delivered to auditor {}", auditor.who)),
							Err(e) => progress(format!("auditor {} could not take the input: {e}", auditor.who)),
						}
						served.push(auditor.who.clone());
					}
				}
				format!("spot-checked: {} auditor(s) re-running it", live.len())
			},
			(JobState::Committed { .. }, Some(Phase::Revealing { .. })) => "results being revealed".into(),
			(JobState::Committed { .. }, _) => "committed".into(),
			(JobState::Settled { provider, paid, fee }, _) => {
				let parties = audit.as_ref().map(|a| a.parties.0.as_slice()).unwrap_or_default();
				let root = parties.first().and_then(|p| p.root).ok_or("settled, but no revealed root")?;
				progress(format!("settled: provider paid {}, fee {}; revealed result root {root:?}", format_cnet(*paid), format_cnet(*fee)));
				// The provider first, then auditors that revealed the same root (they hold it too).
				let holders = parties.iter().filter(|p| p.root == Some(root)).map(|p| &p.who);
				let endpoints = chain.endpoints_of(holders).await.map_err(|e| e.to_string())?;
				let (result, from) =
					blob_client::download_any(http, chain.signer(), &endpoints, job, root).await.map_err(|e| e.to_string())?;
				progress(format!("result downloaded from {from} ({} bytes) and verified against the revealed root", result.len()));
				if let Some(reason) = crate::compute::invalid_input_reason(&result) {
					return Err(format!(
						"job {job}: the provider found the input invalid ({reason}); the checked answer was paid for: {}",
						format_cnet(paid + fee)
					));
				}
				return Ok(Outcome { job, provider: provider.clone(), result: Some(result), paid: paid + fee, max_cost });
			},
			(JobState::Refunded, _) | (JobState::Expired, _) => {
				let Some(provider) = holder else { return Err(format!("job {job} ended unmatched; the escrow was released")) };
				let decision = match (audit.and_then(|a| a.decision), info.deposit) {
					(Some(d), _) => format!("{d:?}"),
					(None, 0) => "the input was never acknowledged: the job deposit was burnt".into(),
					(None, _) => "no result".into(),
				};
				progress(format!("refunded ({decision}); the escrow was released"));
				return Ok(Outcome { job, provider, result: None, paid: 0, max_cost });
			},
		};
		if step != last {
			progress(step.clone());
			last = step;
		}
		tokio::time::sleep(Duration::from_secs(3)).await;
	}
}

/// Uploads the job's blobs (input first) to the blob service of `provider` (the job's provider or
/// one of its auditors), retrying while it may not have seen its assignment yet.
async fn upload_all(
	chain: &Chain,
	http: &BlobClient,
	provider: &AccountId,
	job: JobId,
	blobs: &[Vec<u8>],
	progress: &mut impl FnMut(String),
) -> Result<(), String> {
	let endpoint = chain.endpoint_of(provider).await.map_err(|e| e.to_string())?.ok_or(format!("{provider} has no endpoint"))?;
	for (n, blob) in blobs.iter().enumerate() {
		let what = if n == 0 { "input".to_string() } else { format!("companion blob {:?} ({} bytes)", blob_root(blob), blob.len()) };
		let mut tries = 0;
		loop {
			match blob_client::upload(http, chain.signer(), &endpoint, job, blob.clone()).await {
				Ok(_) => break,
				Err(e) if tries < 10 => {
					tries += 1;
					tracing::debug!(error = %e, "upload refused, retrying (the provider may not have seen the assignment yet)");
					tokio::time::sleep(Duration::from_secs(2)).await;
				},
				Err(e) => return Err(format!("upload of the {what} to {endpoint} failed: {e}")),
			}
		}
		progress(format!("{what} uploaded to {endpoint}"));
	}
	Ok(())
}
