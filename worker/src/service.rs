//! The provider's service: follows finalized blocks, runs the jobs and audits assigned to this
//! provider, commits and reveals their result roots, sends heartbeats, and serves blobs.
//!
//! ## A job's pipeline
//!
//! 1. **Assigned** (`market.JobAssigned` to us, or `audit.AuditorAssigned` to us).
//! 2. **Input**: the provider waits for the consumer's upload to its blob service and, once it
//!    holds the input (and an encrypted job's evaluation key), acknowledges it on chain
//!    (`market.acknowledge_input`): its commit window starts there, so a consumer that never
//!    uploads costs it nothing. An auditor takes the input the consumer pushes to it, or fetches
//!    it from the provider's endpoint or another auditor of the job that holds it; when nobody
//!    gives it within `input_patience`, it says so on chain (`audit.report_input_unavailable`)
//!    and is excused without a slash. Either way the bytes are checked against the job's
//!    `input_root`.
//! 3. **Run** on the device, bounded by `max_concurrent` jobs at once. A program job (`wasm`)
//!    also needs its module, a blob like the input (kept in the blob cache, and compiled once per
//!    worker: `<data>/wasm-cache`), and runs under fuel metering ([`compute::program`]).
//! 4. **Commit**: the result is stored as a blob (its root is the result root), root and a fresh
//!    salt (and a program's fuel used) are written to the job's state file, then
//!    `audit.commit_result` is submitted.
//! 5. **Reveal** once the audit record enters its reveal phase (`audit.reveal_metered`, with the
//!    fuel, for a program); then wait for the decision.
//!
//! A worker that dies at any point resumes from its state files: before step 4 it runs the job again
//! (if it is still assigned), after it reveals what it committed. A job it never committed is
//! reassigned by the market when its commit window closes, and the escrow is never at risk.

use crate::{
	blob_client,
	blobs::BlobStore,
	chain::{runtime, AccountId, Chain, ChainError, Job},
	compute::{self, ComputeError},
	metrics::Metrics,
	state::{JobRecord, Role, StateDir},
};
use compnet_kernels::Device;
use compnet_primitives::{JobId, ResultRoot, Salt, Workload};
use std::{
	collections::HashSet,
	path::PathBuf,
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};
use tokio::sync::Semaphore;

/// How often a waiting job looks at the chain again (about one block).
const POLL: Duration = Duration::from_secs(3);
/// How long without a finalized block before `/health` says the chain link is down (GRANDPA
/// finalizes every few 3-second blocks).
pub const CHAIN_STALE_AFTER: Duration = Duration::from_secs(60);
/// The first wait before a failed job step runs again; it doubles up to [`RETRY_MAX`].
const RETRY_FIRST: Duration = Duration::from_secs(1);
/// The longest wait between two tries of a failed job step.
const RETRY_MAX: Duration = Duration::from_secs(30);

/// The service's settings.
#[derive(Clone, Debug)]
pub struct WorkerConfig {
	/// Where blobs and job state live.
	pub data_dir: PathBuf,
	/// The blob cache's size bound in bytes.
	pub cache_bytes: u64,
	/// The largest working set a job may need, in bytes.
	pub max_working_set: u128,
	/// Jobs run at once.
	pub max_concurrent: usize,
	/// Send a heartbeat every this many finalized blocks.
	pub heartbeat_every: u64,
	/// How long an auditor tries to get a job's input before it reports it unavailable.
	pub input_patience: Duration,
	/// Testing only: flip a bit of every result, as a cheating provider would.
	pub corrupt_results: bool,
	/// Testing only: refuse auditors the input, as a provider hiding its result from checks would.
	pub withhold_input: bool,
	/// Testing only: never act on an audit drawn for this worker, as a bribed auditor would.
	pub ignore_audits: bool,
	/// Testing only: exit right after acknowledging an input, as a machine that dies mid-job would.
	pub exit_after_acknowledge: bool,
	/// Transfers from other workers (an auditor's input), under the endpoint policy.
	pub transfers: crate::blob_client::BlobClient,
}

/// Why a job's pipeline stopped.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
	/// The chain could not be read or a transaction failed.
	#[error(transparent)]
	Chain(#[from] ChainError),
	/// The job cannot be computed as given.
	#[error(transparent)]
	Compute(#[from] ComputeError),
	/// The input could not be had.
	#[error("input: {0}")]
	Input(String),
	/// The job is no longer this worker's (reassigned, refunded, or dropped from the audit).
	#[error("job {0} is no longer ours: {1}")]
	Gone(JobId, &'static str),
	/// Local storage failed.
	#[error("storage: {0}")]
	Storage(String),
}

/// The running worker.
pub struct Worker {
	/// The chain connection.
	pub chain: Arc<Chain>,
	/// The blob cache.
	pub blobs: Arc<BlobStore>,
	/// Metrics.
	pub metrics: Arc<Metrics>,
	state: StateDir,
	device: Arc<dyn Device>,
	config: WorkerConfig,
	active: Mutex<HashSet<JobId>>,
	slots: Arc<Semaphore>,
	http: crate::blob_client::BlobClient,
	runner: Arc<compnet_wasm::Runner>,
}

/// Removes a job from the active set when its task ends, however it ends.
struct ActiveGuard<'a>(&'a Worker, JobId);

impl Drop for ActiveGuard<'_> {
	fn drop(&mut self) {
		self.0.active.lock().unwrap_or_else(|p| p.into_inner()).remove(&self.1);
	}
}

fn role_label(role: Role) -> &'static str {
	match role {
		Role::Provider => "provider",
		Role::Auditor => "auditor",
	}
}

impl Worker {
	/// Opens the data directory and builds the worker.
	pub fn new(chain: Arc<Chain>, device: Arc<dyn Device>, config: WorkerConfig) -> Result<Arc<Self>, JobError> {
		let storage = |e: &dyn std::fmt::Display| JobError::Storage(e.to_string());
		let blobs = BlobStore::open(config.data_dir.join("blobs"), config.cache_bytes).map_err(|e| storage(&e))?;
		let state = StateDir::open(config.data_dir.join("jobs")).map_err(|e| storage(&e))?;
		let runner = compnet_wasm::Runner::new(Some(config.data_dir.join("wasm-cache"))).map_err(|e| storage(&e))?;
		let http = config.transfers.clone();
		Ok(Arc::new(Self {
			chain,
			blobs: Arc::new(blobs),
			metrics: Arc::new(Metrics::new()),
			state,
			device,
			slots: Arc::new(Semaphore::new(config.max_concurrent.max(1))),
			config,
			active: Mutex::new(HashSet::new()),
			http,
			runner: Arc::new(runner),
		}))
	}

	/// This worker's account.
	pub fn account(&self) -> &AccountId {
		self.chain.account()
	}

	/// Starts the job's pipeline in the background, unless it is already running.
	pub fn start(self: &Arc<Self>, job: JobId, role: Role) {
		if !self.active.lock().unwrap_or_else(|p| p.into_inner()).insert(job) {
			return;
		}
		let worker = self.clone();
		tokio::spawn(async move {
			let _active = ActiveGuard(&worker, job);
			let label = role_label(role);
			let mut wait = RETRY_FIRST;
			loop {
				match worker.pipeline(job, role).await {
					Ok(decision) => {
						tracing::info!(job, role = label, %decision, "job decided");
						worker.metrics.decisions.with_label_values(&[label, &decision]).inc();
						worker.state.retire(job);
						return;
					},
					Err(JobError::Gone(_, why)) => {
						tracing::warn!(job, role = label, why, "job left this worker");
						worker.state.retire(job);
						return;
					},
					// A chain or network error, a full disk, a device fault: the pipeline reads
					// the chain again from where the job stands (a commitment or reveal that went
					// through before the link broke is seen as done), so it runs again in-process
					// until the job is decided or leaves this worker by its own deadlines.
					Err(e) => {
						tracing::warn!(job, role = label, error = %e, "job step failed; retrying in {wait:?}");
						worker.metrics.jobs.with_label_values(&[label, "retried"]).inc();
						tokio::time::sleep(wait).await;
						wait = (wait * 2).min(RETRY_MAX);
					},
				}
			}
		});
	}

	/// Steps 2–5 of the pipeline; returns the decision's name.
	async fn pipeline(&self, job: JobId, role: Role) -> Result<String, JobError> {
		let mut record = self.state.load(job).unwrap_or(JobRecord { job, role, root: None, salt: None, fuel: None });
		let (root, salt, fuel) = match record.commitment() {
			Some((root, salt)) => {
				tracing::info!(job, "resuming after a restart: result already computed");
				(root, salt, record.fuel)
			},
			None => {
				self.state.save(&record).map_err(|e| JobError::Storage(e.to_string()))?;
				let _slot = self.slots.clone().acquire_owned().await.map_err(|_| JobError::Storage("shutting down".into()))?;
				let info = self.chain.job(job).await?.ok_or(JobError::Gone(job, "the job does not exist"))?;
				// A job resumed after a long outage may have been reassigned in the meantime.
				if role == Role::Provider && assigned_provider(&info) != Some(self.account()) {
					return Err(JobError::Gone(job, "no longer assigned to this provider"));
				}
				let input_root = info.spec.input_root;
				let input = self.fetch(job, role, &info, input_root).await?;
				let workload = info.spec.workload.0;
				// An encrypted job's input names its evaluation key, a blob of its own; a program
				// job names its module.
				let key = match workload {
					Workload::Wasm { module, .. } => Some(Ok((module, self.fetch(job, role, &info, module).await?))),
					Workload::HeLinear { .. } => match compnet_he::blob::input_key_root(&input) {
						Ok(root) => {
							let root = ResultRoot::from(root);
							Some(Ok((root, self.fetch(job, role, &info, root).await?)))
						},
						Err(e) => Some(Err(e)),
					},
					_ => None,
				};
				if role == Role::Provider {
					self.acknowledge_input(job).await?;
					if self.config.exit_after_acknowledge {
						tracing::warn!(job, "--exit-after-acknowledge: dying mid-job on purpose");
						std::process::exit(3);
					}
				}
				let bytes = match key {
					Some(Ok(key)) => self.compute(job, workload, input, input_root, Some(key)).await?,
					Some(Err(e)) => (compute::invalid_input_result(&e.into()), None),
					None => self.compute(job, workload, input, input_root, None).await?,
				};
				let (bytes, fuel) = bytes;
				let root = self.blobs.put(&bytes).map_err(|e| JobError::Storage(e.to_string()))?;
				let salt: Salt = rand::random();
				record.root = Some(hex::encode(root.as_bytes()));
				record.salt = Some(hex::encode(salt));
				record.fuel = fuel;
				self.state.save(&record).map_err(|e| JobError::Storage(e.to_string()))?;
				(root, salt, fuel)
			},
		};
		self.commit(job, role, root, salt, fuel).await?;
		self.reveal_and_wait(job, root, salt, fuel).await
	}

	/// A blob of the job: uploaded by the consumer to a provider, downloaded by an auditor. Either
	/// way only bytes the job's consumer has shown it has: a cached copy that another account
	/// brought is not used for a job that merely names its root ([`crate::blobs`]).
	async fn fetch(&self, job: JobId, role: Role, info: &Job, root: ResultRoot) -> Result<Vec<u8>, JobError> {
		match role {
			Role::Provider => self.wait_for_upload(job, &info.consumer, root).await,
			Role::Auditor => self.fetch_for_audit(job, info, root).await,
		}
	}

	/// Waits for the consumer's upload of the input, while the job is still assigned to us. A copy
	/// already here counts if this consumer brought it before.
	async fn wait_for_upload(&self, job: JobId, consumer: &AccountId, input_root: ResultRoot) -> Result<Vec<u8>, JobError> {
		let mut checks = 0u32;
		loop {
			// `held_for` first: polling for an upload that has not come yet is not a cache miss.
			if self.blobs.held_for(&input_root, &consumer.0) {
				if let Some(bytes) = self.blobs.get(&input_root) {
					return Ok(bytes);
				}
			}
			if checks % 5 == 0 {
				let info = self.chain.job(job).await?.ok_or(JobError::Gone(job, "the job does not exist"))?;
				if assigned_provider(&info) != Some(self.account()) {
					return Err(JobError::Gone(job, "no longer assigned to this provider"));
				}
			}
			checks += 1;
			tokio::time::sleep(Duration::from_secs(1)).await;
		}
	}

	/// Tells the chain the provider holds the job's input: the commit window opens. Done once; a
	/// job resumed after a restart may be past this already.
	async fn acknowledge_input(&self, job: JobId) -> Result<(), JobError> {
		use runtime::runtime_types::pallet_market::types::JobState;
		let info = self.chain.job(job).await?.ok_or(JobError::Gone(job, "the job does not exist"))?;
		match &info.state {
			JobState::Assigned { provider, .. } if provider == self.account() => {
				self.chain.submit("market.acknowledge_input", &runtime::tx().market().acknowledge_input(job)).await?;
				tracing::info!(job, "input acknowledged: the commit window runs");
				Ok(())
			},
			JobState::Running { provider, .. } if provider == self.account() => Ok(()),
			_ => Err(JobError::Gone(job, "no longer assigned to this provider")),
		}
	}

	/// An auditor's input: pushed by the consumer into its own cache, or downloaded from the
	/// job's provider or another auditor of the job that holds it. Tries for `input_patience`
	/// (while its commit window lasts), then tells the chain it cannot get it: it is excused,
	/// without a slash, and replaced.
	async fn fetch_for_audit(&self, job: JobId, info: &Job, input_root: ResultRoot) -> Result<Vec<u8>, JobError> {
		let provider = job_provider(info).ok_or(JobError::Gone(job, "the job has no provider"))?.clone();
		let started = Instant::now();
		let mut wait = Duration::from_secs(1);
		let consumer = info.consumer.0;
		loop {
			if self.blobs.held_for(&input_root, &consumer) {
				if let Some(bytes) = self.blobs.get(&input_root) {
					return Ok(bytes);
				}
			}
			// The parties are read again each round: auditors drawn later may hold it by now.
			let Some(audit) = self.chain.audit(job).await? else { return Err(JobError::Gone(job, "no audit record")) };
			if !is_pending_auditor(&audit, self.account()) {
				return Err(JobError::Gone(job, "no longer an auditor waiting to commit"));
			}
			let mut holders = vec![provider.clone()];
			holders.extend(
				audit.parties.0.iter().filter(|p| p.left.is_none()).map(|p| p.who.clone()).filter(|who| who != self.account() && *who != provider),
			);
			let endpoints = self.chain.endpoints_of(&holders).await?;
			let last = match blob_client::download_any(&self.http, self.chain.signer(), &endpoints, job, input_root).await {
				Ok((bytes, from)) => {
					tracing::info!(job, %from, "input downloaded");
					// Served for this job by a worker that checked the consumer holds it.
					self.blobs.put_for(input_root, &bytes, consumer).map_err(|e| JobError::Storage(e.to_string()))?;
					return Ok(bytes);
				},
				Err(e) => e.to_string(),
			};
			if started.elapsed() >= self.config.input_patience {
				tracing::warn!(job, error = %last, "nobody gives the input: reporting it unavailable");
				self.chain
					.submit("audit.report_input_unavailable", &runtime::tx().audit().report_input_unavailable(job))
					.await?;
				self.metrics.jobs.with_label_values(&["auditor", "input unavailable"]).inc();
				return Err(JobError::Gone(job, "the input was unavailable; excused from the audit"));
			}
			tracing::debug!(job, error = %last, "input not available yet, trying again in {wait:?}");
			tokio::time::sleep(wait).await;
			wait = (wait * 2).min(POLL * 3);
		}
	}

	/// Runs the workload on the device (on a blocking thread) and returns the result bytes, with
	/// the fuel used for a program. `key` is an encrypted job's evaluation key or a program's
	/// module.
	async fn compute(
		&self,
		job: JobId,
		workload: compnet_primitives::Workload,
		input: Vec<u8>,
		input_root: ResultRoot,
		key: Option<(ResultRoot, Vec<u8>)>,
	) -> Result<(Vec<u8>, Option<u64>), JobError> {
		let program = match workload {
			Workload::Wasm { .. } => Some(self.chain.program_limits().await?),
			_ => None,
		};
		let pinned: Vec<ResultRoot> = std::iter::once(input_root).chain(key.as_ref().map(|(root, _)| *root)).collect();
		pinned.iter().for_each(|root| {
			self.blobs.pin(root);
		});
		self.metrics.running.inc();
		let device = self.device.clone();
		let runner = self.runner.clone();
		let limit = self.config.max_working_set;
		let started = Instant::now();
		let result = tokio::task::spawn_blocking(move || match (program, key) {
			(Some(program), Some((_, module))) => compute::program::run(&runner, &workload, &program, &module, &input)
				.map(|run| (compute::program::result_bytes(&run), Some(run.fuel_used))),
			(_, Some((_, key))) => compute::run_he_linear(&workload, &input, &key, limit).map(|bytes| (bytes, None)),
			(_, None) => compute::run(&*device, &workload, &input, limit).map(|bytes| (bytes, None)),
		})
		.await;
		self.metrics.running.dec();
		pinned.iter().for_each(|root| self.blobs.unpin(root));
		let (mut bytes, fuel) = match result.map_err(|e| JobError::Storage(format!("compute task: {e}")))? {
			Ok(done) => done,
			Err(e) if e.is_invalid_input() => {
				tracing::warn!(job, error = %e, "the input is invalid: the result says so");
				(compute::invalid_input_result(&e), None)
			},
			Err(e) => return Err(e.into()),
		};
		let seconds = started.elapsed().as_secs_f64();
		self.metrics.kernel_ops.set(2.0 * workload.macs() as f64 / seconds.max(1e-9));
		tracing::info!(job, ?workload, seconds, fuel, device = %self.device.name(), "computed");
		if self.config.corrupt_results {
			if let Some(first) = bytes.first_mut() {
				*first ^= 1;
				tracing::warn!(job, "--corrupt-results: the result was altered on purpose");
			}
		}
		Ok((bytes, fuel))
	}

	/// Submits the commitment (to the result and, for a program, its fuel), unless the chain
	/// already has ours.
	async fn commit(&self, job: JobId, role: Role, root: ResultRoot, salt: Salt, fuel: Option<u64>) -> Result<(), JobError> {
		let me = self.account();
		let record = self.chain.audit(job).await?;
		if record.as_ref().is_some_and(|r| r.parties.0.iter().any(|p| &p.who == me && p.commitment.is_some())) {
			return Ok(());
		}
		// The provider commits in round 0, before the record exists; an auditor in its round.
		let round = record.as_ref().map_or(0, |r| r.round);
		let value = compute::program::committed_value(job, &root, round, fuel).ok_or(JobError::Gone(job, "past the last dispute round"))?;
		let commitment = compnet_primitives::commitment(&me.0, job, &value, &salt);
		self.chain.submit("audit.commit_result", &runtime::tx().audit().commit_result(job, commitment)).await?;
		self.metrics.jobs.with_label_values(&[role_label(role), "committed"]).inc();
		tracing::info!(job, ?root, "committed");
		Ok(())
	}

	/// Reveals when the reveal phase opens, then waits for the decision.
	async fn reveal_and_wait(&self, job: JobId, root: ResultRoot, salt: Salt, fuel: Option<u64>) -> Result<String, JobError> {
		use runtime::runtime_types::pallet_audit::types::Phase;
		let me = self.account().clone();
		loop {
			let Some(record) = self.chain.audit(job).await? else {
				return Err(JobError::Gone(job, "no audit record"));
			};
			let mine = record.parties.0.iter().find(|p| p.who == me);
			match (&record.phase, mine) {
				(_, None) => return Err(JobError::Gone(job, "not a party of the audit")),
				(_, Some(party)) if party.left.is_some() => return Err(JobError::Gone(job, "left the audit")),
				(Phase::Decided { .. }, _) =>
					return Ok(record.decision.map(|d| format!("{d:?}")).unwrap_or_else(|| "none".into())),
				(Phase::Revealing { .. }, Some(party)) if party.root.is_none() => {
					let sealed = sealed_for(job, &root, record.round)?;
					match fuel {
						Some(fuel) => self
							.chain
							.submit("audit.reveal_metered", &runtime::tx().audit().reveal_metered(job, sealed, fuel, salt))
							.await?,
						None => self.chain.submit("audit.reveal", &runtime::tx().audit().reveal(job, sealed, salt)).await?,
					};
					tracing::info!(job, ?root, fuel, "revealed");
				},
				_ => {},
			}
			tokio::time::sleep(POLL).await;
		}
	}

	/// Follows finalized blocks until the connection fails: starts assigned jobs and audits, and
	/// sends heartbeats.
	async fn follow(self: &Arc<Self>) -> Result<(), ChainError> {
		let client = self.chain.client().await;
		let mut blocks = client.stream_blocks().await.map_err(|e| ChainError::read("finalized blocks", e))?;
		while let Some(block) = blocks.next().await {
			let block = block.map_err(|e| ChainError::read("a finalized block", e))?;
			let number = block.number();
			self.metrics.chain_connected.set(1);
			self.metrics.finalized_block.set(number as i64);
			self.metrics.finalized_seen_at.set(crate::auth::unix_now() as i64);
			let at = block.at().await.map_err(|e| ChainError::read("a finalized block", e))?;
			let events = at.events().fetch().await.map_err(|e| ChainError::read("events", e))?;
			for assigned in events.find::<runtime::market::events::JobAssigned>().flatten() {
				if &assigned.provider == self.account() {
					tracing::info!(job = assigned.job, input_by = assigned.input_by, "job assigned");
					self.start(assigned.job, Role::Provider);
				}
			}
			let queued: Vec<JobId> = events.find::<runtime::market::events::JobQueued>().flatten().map(|e| e.job).collect();
			if !queued.is_empty() {
				let this = self.clone();
				tokio::spawn(async move { this.take_waiting_jobs(queued).await });
			}
			for drawn in events.find::<runtime::audit::events::AuditorAssigned>().flatten() {
				if &drawn.auditor == self.account() && self.config.ignore_audits {
					tracing::warn!(job = drawn.job, "--ignore-audits: drawn as auditor, staying away on purpose");
				} else if &drawn.auditor == self.account() {
					tracing::info!(job = drawn.job, commit_by = drawn.commit_by, "drawn as auditor");
					self.start(drawn.job, Role::Auditor);
				}
			}
			if self.config.heartbeat_every > 0 && number % self.config.heartbeat_every == 0 {
				let chain = self.chain.clone();
				tokio::spawn(async move {
					if let Err(e) = chain.submit("providers.heartbeat", &runtime::tx().providers().heartbeat()).await {
						tracing::warn!(error = %e, "heartbeat failed");
					}
				});
			}
		}
		Err(ChainError::read("finalized blocks", "the subscription ended"))
	}

	/// Pulls waiting jobs into this worker's free slots (`market.take_waiting_jobs`) when one of
	/// the `queued` jobs bids at least its offer's price and the offer is listed: a job whose
	/// search at submission passed over offers too small for it waits for an idle offer to ask.
	/// The chain decides what fits; a pull that finds nothing costs one transaction fee.
	async fn take_waiting_jobs(&self, queued: Vec<JobId>) {
		let me = self.account().clone();
		let offer = match self.chain.read(|| "this worker's offer".into(), runtime::storage().market().offers(), (me,)).await {
			Ok(Some(offer)) if offer.listed_at.is_some() => offer,
			_ => return,
		};
		let mut worth_it = false;
		for job in queued {
			if let Ok(Some(info)) = self.chain.job(job).await {
				if info.spec.max_price_per_unit >= offer.price_per_unit {
					worth_it = true;
					break;
				}
			}
		}
		if !worth_it {
			return;
		}
		match self.chain.submit("market.take_waiting_jobs", &runtime::tx().market().take_waiting_jobs()).await {
			Ok(_) => tracing::info!("pulled waiting jobs into free slots"),
			Err(e) => tracing::warn!(error = %e, "taking waiting jobs failed"),
		}
	}

	/// Resumes unfinished jobs, then follows the chain, reconnecting when the connection fails,
	/// until `shutdown` completes.
	pub async fn run(self: Arc<Self>, shutdown: impl std::future::Future<Output = ()>) {
		for record in self.state.load_all() {
			tracing::info!(job = record.job, role = role_label(record.role), "resuming an unfinished job");
			self.start(record.job, record.role);
		}
		tokio::pin!(shutdown);
		loop {
			tokio::select! {
				_ = &mut shutdown => break,
				result = self.follow() => {
					if let Err(e) = result {
						tracing::warn!(error = %e, "lost the chain");
					}
					self.metrics.chain_connected.set(0);
					self.metrics.chain_reconnects.inc();
					tokio::select! {
						_ = &mut shutdown => break,
						result = self.chain.reconnect() => if let Err(e) = result {
							tracing::error!(error = %e, "cannot reconnect");
						},
					}
				}
			}
		}
		let running = self.active.lock().unwrap_or_else(|p| p.into_inner()).len();
		tracing::info!(running, "shutting down; unfinished jobs resume on restart");
	}

	/// Whether the worker follows the chain: connected, with a finalized block seen within
	/// [`CHAIN_STALE_AFTER`]; the block, or why not.
	pub fn chain_link(&self) -> Result<u64, String> {
		let seen = self.metrics.finalized_seen_at.get();
		let age = (crate::auth::unix_now() as i64).saturating_sub(seen);
		match (self.metrics.chain_connected.get(), seen) {
			(_, 0) => Err("no finalized block seen yet".into()),
			(0, _) => Err(format!("reconnecting to the node; last finalized block {age} s ago")),
			_ if age > CHAIN_STALE_AFTER.as_secs() as i64 => Err(format!("no finalized block for {age} s")),
			_ => Ok(self.metrics.finalized_block.get() as u64),
		}
	}

	/// The result this worker computed for `job`, asked for by its public form `public` (the
	/// form the chain keeps, bound to the fuel for a program): the blob of the raw root whose
	/// public form it is.
	pub fn result_blob(&self, job: JobId, public: &ResultRoot) -> Option<Vec<u8>> {
		let (raw, fuel) = self.state.result_root(job)?;
		(&compute::program::public_value(job, &raw, fuel) == public).then(|| self.blobs.get(&raw))?
	}

	/// Whether `who` may `access` blob `root` of `job`: the job's consumer uploads the input to its
	/// provider, or to an auditor waiting for it, and downloads, once the job is settled, a
	/// revealed result (by the public form the chain keeps). The job's input (and its key or
	/// module) is read only if the job's consumer has brought it here ([`BlobStore::held_for`]),
	/// by the consumer and by auditors waiting to commit.
	pub async fn authorize(&self, access: crate::auth::Access, root: ResultRoot, who: &AccountId, job: JobId) -> Result<(), String> {
		use crate::auth::Access;
		let info = self.chain.job(job).await.map_err(|e| e.to_string())?.ok_or_else(|| format!("no job {job}"))?;
		let input = info.spec.input_root;
		// An encrypted job's evaluation key is named in its input's header (once the input is here).
		let names_key = || {
			self.blobs
				.head(&input, compnet_he::blob::INPUT_HEADER_LEN)
				.and_then(|head| compnet_he::blob::input_key_root(&head).ok())
				.is_some_and(|key| ResultRoot::from(key) == root)
		};
		let job_blob = root == input ||
			(matches!(info.spec.workload.0, Workload::HeLinear { .. }) && names_key()) ||
			matches!(info.spec.workload.0, Workload::Wasm { module, .. } if module == root);
		match access {
			Access::Put => {
				if &info.consumer != who {
					return Err(format!("only job {job}'s consumer uploads its input"));
				}
				if !job_blob {
					return Err(format!("job {job}'s input is {input:?} (and its evaluation key, if any, is named inside it, uploaded first), not {root:?}"));
				}
				if job_provider(&info) == Some(self.account()) {
					return Ok(());
				}
				let audit = self.chain.audit(job).await.map_err(|e| e.to_string())?;
				if audit.is_some_and(|a| is_pending_auditor(&a, self.account())) {
					return Ok(());
				}
				Err(format!("job {job} is not assigned to this provider, nor is it an auditor waiting for the input"))
			},
			Access::Get => {
				let audit = self.chain.audit(job).await.map_err(|e| e.to_string())?;
				let parties = audit.as_ref().map(|a| a.parties.0.as_slice()).unwrap_or_default();
				// A result only once the job is settled (paid): a refunded or unverifiable job's
				// result is not given away for free.
				let settled = matches!(info.state, runtime::runtime_types::pallet_market::types::JobState::Settled { .. });
				if &info.consumer == who && settled && parties.iter().any(|p| p.root == Some(root)) {
					return Ok(());
				}
				// A job's own blob only if its consumer brought those bytes here: naming a root
				// in a job of one's own does not open someone else's data.
				if !job_blob || !self.blobs.held_for(&root, &info.consumer.0) {
					return Err(format!("{who} may not read {root:?} of job {job}: its consumer has not brought that blob here"));
				}
				// Then to the consumer, and to an auditor only while it still needs it (drawn,
				// not replaced, not yet committed).
				let needs = &info.consumer == who || audit.as_ref().is_some_and(|a| is_pending_auditor(a, who));
				if needs && &info.consumer != who && self.config.withhold_input {
					tracing::warn!(job, %who, "--withhold-input: refusing an auditor the input on purpose");
					return Err(format!("{who} may not read {root:?} of job {job}"));
				}
				if needs {
					Ok(())
				} else {
					Err(format!("{who} may not read {root:?} of job {job}: not a party that needs it now"))
				}
			},
		}
	}
}

/// What a party of dispute round `round` commits to and reveals for the result `root`: the root
/// under the round's seal layers, so that no round copies the roots an earlier one revealed.
fn sealed_for(job: JobId, root: &ResultRoot, round: u8) -> Result<ResultRoot, JobError> {
	compnet_primitives::sealed_for_round(job, root, round).ok_or(JobError::Gone(job, "past the last dispute round"))
}

/// The provider of a job that is assigned, running or committed.
fn job_provider(info: &Job) -> Option<&AccountId> {
	use runtime::runtime_types::pallet_market::types::JobState;
	match &info.state {
		JobState::Assigned { provider, .. } | JobState::Running { provider, .. } | JobState::Committed { provider, .. } =>
			Some(provider),
		_ => None,
	}
}

/// The provider of a job that waits for its input or its commitment.
fn assigned_provider(info: &Job) -> Option<&AccountId> {
	use runtime::runtime_types::pallet_market::types::JobState;
	match &info.state {
		JobState::Assigned { provider, .. } | JobState::Running { provider, .. } => Some(provider),
		_ => None,
	}
}

/// Whether `who` is an auditor of the job that is still to commit (and so needs the input).
fn is_pending_auditor(audit: &crate::chain::AuditRecord, who: &AccountId) -> bool {
	use runtime::runtime_types::pallet_audit::types::Phase;
	matches!(audit.phase, Phase::Committing { .. }) &&
		audit.parties.0.iter().skip(1).any(|p| &p.who == who && p.left.is_none() && p.commitment.is_none())
}
