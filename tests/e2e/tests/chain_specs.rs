//! The committed chain specs in `chain-specs/` match what the node generates from the runtime's
//! presets now. Regenerate them with `scripts/gen-chain-specs`.
//!
//! The Wasm code inside a spec is compared by presence, not by bytes: the runtime's bytes carry the
//! build's source paths, so two checkouts build different bytes from the same source.

use compnet_e2e::{node_binary, repo_root, Value};
use std::process::Command;

fn generated(chain: &str) -> Value {
	let out = Command::new(node_binary())
		.args(["build-spec", "--chain", chain, "--disable-default-bootnode"])
		.output()
		.expect("compnet-node runs");
	assert!(out.status.success(), "build-spec failed: {}", String::from_utf8_lossy(&out.stderr));
	serde_json::from_slice(&out.stdout).expect("build-spec prints JSON")
}

fn committed(chain: &str) -> Value {
	let path = repo_root().join("chain-specs").join(format!("{chain}.json"));
	let text = std::fs::read_to_string(&path)
		.unwrap_or_else(|e| panic!("{}: {e}; run scripts/gen-chain-specs", path.display()));
	serde_json::from_str(&text).expect("committed spec is JSON")
}

/// Takes the runtime code out of a spec, checking that there was some.
fn without_code(mut spec: Value) -> Value {
	let code = spec["genesis"]["runtimeGenesis"]
		.as_object_mut()
		.and_then(|g| g.remove("code"))
		.expect("spec carries runtime code");
	assert!(code.as_str().is_some_and(|c| c.starts_with("0x") && c.len() > 1000));
	spec
}

#[test]
fn committed_chain_specs_are_current() {
	for chain in ["dev", "local"] {
		let (now, repo) = (without_code(generated(chain)), without_code(committed(chain)));
		assert_eq!(now, repo, "chain-specs/{chain}.json is stale: run scripts/gen-chain-specs");
	}
}

#[test]
fn specs_carry_the_runtime_token_properties() {
	for chain in ["dev", "local"] {
		let props = &committed(chain)["properties"];
		assert_eq!(props["tokenSymbol"], "CNET");
		assert_eq!(props["tokenDecimals"], 12);
		assert_eq!(props["ss58Format"], 42);
	}
	let local = committed("local");
	let validators = &local["genesis"]["runtimeGenesis"]["patch"]["validatorSet"]["initialValidators"];
	assert_eq!(validators.as_array().map(Vec::len), Some(3), "Alice, Bob and Charlie validate");
}
