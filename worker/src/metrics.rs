//! Prometheus metrics of the worker, served at `/metrics` by the blob service.

use prometheus::{Encoder, Gauge, IntCounter, IntCounterVec, IntGauge, Opts, Registry, TextEncoder};

/// The worker's counters and gauges.
pub struct Metrics {
	registry: Registry,
	/// Jobs finished, by role and outcome (`committed`, `failed`).
	pub jobs: IntCounterVec,
	/// Decisions on jobs this worker took part in, by role and decision.
	pub decisions: IntCounterVec,
	/// Jobs running now.
	pub running: IntGauge,
	/// Matrix-product throughput of the last job, operations per second.
	pub kernel_ops: Gauge,
	/// Blob cache reads that found the blob.
	pub cache_hits: IntCounter,
	/// Blob cache reads that missed.
	pub cache_misses: IntCounter,
	/// Bytes in the blob cache.
	pub cache_bytes: IntGauge,
	/// The last finalized block seen.
	pub finalized_block: IntGauge,
	/// When it was seen (unix seconds): an alert fires when this lags.
	pub finalized_seen_at: IntGauge,
	/// 1 while the worker follows the chain, 0 while it reconnects.
	pub chain_connected: IntGauge,
	/// Reconnections to the node.
	pub chain_reconnects: IntCounter,
}

impl Metrics {
	/// Registers every metric under the `compnet_worker_` prefix.
	pub fn new() -> Self {
		let registry = Registry::new_custom(Some("compnet_worker".into()), None).expect("a valid prefix");
		let jobs = IntCounterVec::new(Opts::new("jobs_total", "Jobs finished by role and outcome"), &["role", "outcome"])
			.expect("valid metric");
		let decisions =
			IntCounterVec::new(Opts::new("decisions_total", "Audit decisions on this worker's jobs"), &["role", "decision"])
				.expect("valid metric");
		let running = IntGauge::new("jobs_running", "Jobs running now").expect("valid metric");
		let kernel_ops = Gauge::new("kernel_ops_per_second", "Throughput of the last job").expect("valid metric");
		let cache_hits = IntCounter::new("cache_hits_total", "Blob cache hits").expect("valid metric");
		let cache_misses = IntCounter::new("cache_misses_total", "Blob cache misses").expect("valid metric");
		let finalized_block = IntGauge::new("chain_finalized_block", "The last finalized block seen").expect("valid metric");
		let finalized_seen_at =
			IntGauge::new("chain_finalized_seen_at_seconds", "Unix time the last finalized block was seen").expect("valid metric");
		let chain_connected = IntGauge::new("chain_connected", "1 while following the chain").expect("valid metric");
		let chain_reconnects = IntCounter::new("chain_reconnects_total", "Reconnections to the node").expect("valid metric");
		let cache_bytes = IntGauge::new("cache_bytes", "Bytes in the blob cache").expect("valid metric");
		for metric in [
			Box::new(jobs.clone()) as Box<dyn prometheus::core::Collector>,
			Box::new(decisions.clone()),
			Box::new(running.clone()),
			Box::new(kernel_ops.clone()),
			Box::new(cache_hits.clone()),
			Box::new(cache_misses.clone()),
			Box::new(cache_bytes.clone()),
			Box::new(finalized_block.clone()),
			Box::new(finalized_seen_at.clone()),
			Box::new(chain_connected.clone()),
			Box::new(chain_reconnects.clone()),
		] {
			registry.register(metric).expect("each metric registered once");
		}
		Self {
			registry,
			jobs,
			decisions,
			running,
			kernel_ops,
			cache_hits,
			cache_misses,
			cache_bytes,
			finalized_block,
			finalized_seen_at,
			chain_connected,
			chain_reconnects,
		}
	}

	/// The text exposition of every metric, with the cache counters refreshed from `blobs`.
	pub fn render(&self, blobs: &crate::blobs::BlobStats) -> String {
		// Counters only go up: they take the store's counts by their increase.
		self.cache_hits.inc_by(blobs.hits.saturating_sub(self.cache_hits.get()));
		self.cache_misses.inc_by(blobs.misses.saturating_sub(self.cache_misses.get()));
		self.cache_bytes.set(blobs.bytes as i64);
		let mut out = Vec::new();
		TextEncoder::new().encode(&self.registry.gather(), &mut out).expect("text encoding cannot fail");
		String::from_utf8(out).unwrap_or_default()
	}
}

impl Default for Metrics {
	fn default() -> Self {
		Self::new()
	}
}
