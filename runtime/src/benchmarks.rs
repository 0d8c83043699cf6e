//! The pallets whose benchmarks the runtime exposes to `compnet-node benchmark pallet`.

use crate::*;
use alloc::vec::Vec;
use polkadot_sdk::{
	frame_benchmarking::{self, BenchmarkBatch, BenchmarkConfig, BenchmarkList},
	frame_support::traits::{StorageInfo, StorageInfoTrait, WhitelistedStorageKeys},
	frame_system_benchmarking, sp_storage::TrackedStorageKey,
};

type SystemBench = frame_system_benchmarking::Pallet<Runtime>;
type SystemExtensionsBench = frame_system_benchmarking::extensions::Pallet<Runtime>;
type BaselineBench = frame_benchmarking::baseline::Pallet<Runtime>;

impl frame_system_benchmarking::Config for Runtime {}
impl frame_benchmarking::baseline::Config for Runtime {}

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench]
	[frame_system, SystemBench]
	[frame_system_extensions, SystemExtensionsBench]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_validator_set, ValidatorSet]
	[pallet_providers, Providers]
	[pallet_market, Market]
	[pallet_audit, Audit]
);

/// The list of benchmarks and the storage info, for `Benchmark::benchmark_metadata`.
pub fn metadata(extra: bool) -> (Vec<BenchmarkList>, Vec<StorageInfo>) {
	let mut list = Vec::<BenchmarkList>::new();
	list_benchmarks!(list, extra);
	(list, AllPalletsWithSystem::storage_info())
}

/// Runs the benchmarks `config` asks for, for `Benchmark::dispatch_benchmark`.
pub fn dispatch(config: BenchmarkConfig) -> Result<Vec<BenchmarkBatch>, alloc::string::String> {
	let whitelist: Vec<TrackedStorageKey> = AllPalletsWithSystem::whitelisted_storage_keys();
	let mut batches = Vec::<BenchmarkBatch>::new();
	let params = (&config, &whitelist);
	add_benchmarks!(params, batches);
	Ok(batches)
}
