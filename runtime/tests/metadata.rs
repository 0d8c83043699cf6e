//! The worker's typed chain interface is generated from `worker/metadata/compnet.scale`. This test
//! fails when that file no longer matches the runtime in this tree: run `bash scripts/update-metadata`
//! after changing the runtime, and commit the file.
//!
//! It lives with the runtime, not the worker: the worker does not compile against stale metadata,
//! so the file must be written without it. Run it with `--workspace` (as `scripts/test` and
//! `scripts/update-metadata` do): the node's `runtime-benchmarks` feature is then on, as in the
//! runtime a live node serves.

use std::path::PathBuf;

/// The metadata version the worker's codegen reads.
const METADATA_VERSION: u32 = 16;

fn committed_path() -> PathBuf {
	let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string());
	PathBuf::from(manifest_dir).join("../worker/metadata/compnet.scale")
}

#[test]
fn committed_metadata_matches_the_runtime() {
	// Runtime parameters kept in storage (the market's commit window) are read for their
	// constants' metadata: empty storage gives their defaults, as at genesis.
	let current = polkadot_sdk::sp_io::TestExternalities::default()
		.execute_with(|| compnet_runtime::Runtime::metadata_at_version(METADATA_VERSION))
		.expect("the runtime serves metadata v16");
	// `OpaqueMetadata` holds the prefixed (`meta` magic + version) metadata the codegen reads.
	let current: Vec<u8> = current.to_vec();
	let path = committed_path();
	if std::env::var_os("COMPNET_WRITE_METADATA").is_some() {
		std::fs::write(&path, &current).expect("metadata file is writable");
		eprintln!("wrote {} ({} bytes)", path.display(), current.len());
		return;
	}
	let committed = std::fs::read(&path).unwrap_or_default();
	assert!(
		committed == current,
		"{} is stale ({} bytes committed, {} bytes from the runtime): run `bash scripts/update-metadata` and commit it",
		path.display(),
		committed.len(),
		current.len()
	);
}
