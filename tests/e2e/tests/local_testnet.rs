//! `scripts/local-testnet` brings up Alice, Bob and Charlie as validators with keys inserted by
//! `key insert`: all three author blocks, finality advances, and `stop` ends every node.

use compnet_e2e::{free_port, node_binary, repo_root, rpc_params, wait_for, Rpc};
use std::{
	collections::BTreeSet,
	net::TcpListener,
	process::Command,
	time::{Duration, Instant},
};

/// A base port such that `base`, `base + 1` and `base + 2` are free.
fn free_port_base() -> u16 {
	loop {
		let base = free_port();
		if base < 60_000 && (1..3).all(|i| TcpListener::bind(("127.0.0.1", base + i)).is_ok()) {
			return base;
		}
	}
}

struct Testnet {
	dir: std::path::PathBuf,
	envs: Vec<(&'static str, String)>,
}

impl Testnet {
	fn script(&self, action: &str) -> std::process::ExitStatus {
		Command::new("bash")
			.arg(repo_root().join("scripts/local-testnet"))
			.arg(action)
			.envs(self.envs.iter().map(|(k, v)| (*k, v.as_str())))
			.status()
			.expect("bash runs the script")
	}
}

impl Drop for Testnet {
	fn drop(&mut self) {
		let _ = self.script("stop");
		if !std::thread::panicking() {
			let _ = std::fs::remove_dir_all(&self.dir);
		}
	}
}

#[tokio::test(flavor = "multi_thread")]
async fn three_validators_author_and_finalize() {
	let dir = std::env::temp_dir().join(format!("compnet-testnet-{}", std::process::id()));
	let rpc_base = free_port_base();
	let net = Testnet {
		dir: dir.clone(),
		envs: vec![
			("COMPNET_TESTNET_DIR", dir.display().to_string()),
			("COMPNET_TESTNET_P2P_PORT", free_port_base().to_string()),
			("COMPNET_TESTNET_RPC_PORT", rpc_base.to_string()),
			("COMPNET_TESTNET_PROMETHEUS_PORT", free_port_base().to_string()),
			("COMPNET_NODE_BIN", node_binary().display().to_string()),
		],
	};
	assert!(net.script("start").success(), "local-testnet start failed");

	let rpcs = [
		Rpc::connect(&format!("ws://127.0.0.1:{rpc_base}")).await,
		Rpc::connect(&format!("ws://127.0.0.1:{}", rpc_base + 1)).await,
		Rpc::connect(&format!("ws://127.0.0.1:{}", rpc_base + 2)).await,
	];

	// Each node sees the other two.
	for rpc in &rpcs {
		wait_for("two peers", Duration::from_secs(60), || async {
			let health = rpc.call("system_health", rpc_params![]).await;
			(health["peers"].as_u64() == Some(2)).then_some(())
		})
		.await;
	}

	// Every validator authors blocks: read the BABE authority index of each block's pre-digest.
	let alice = &rpcs[0];
	let mut authors = BTreeSet::new();
	let mut next = 1u64;
	let deadline = Instant::now() + Duration::from_secs(240);
	while authors.len() < 3 {
		assert!(Instant::now() < deadline, "only validators {authors:?} authored blocks 1..{next}");
		let best = alice.best_number().await;
		while next <= best {
			let hash = alice.call("chain_getBlockHash", rpc_params![next]).await;
			if let Some(index) = alice.babe_author_index(&hash).await {
				authors.insert(index);
			}
			next += 1;
		}
		tokio::time::sleep(Duration::from_secs(1)).await;
	}
	assert_eq!(authors, BTreeSet::from([0, 1, 2]));

	// Finality advances on every node.
	let start = alice.finalized_number().await;
	for rpc in &rpcs {
		wait_for("finality to advance", Duration::from_secs(90), || async {
			(rpc.finalized_number().await >= start + 3).then_some(())
		})
		.await;
	}

	// `stop` ends all three nodes.
	assert!(net.script("stop").success());
	for name in ["alice", "bob", "charlie"] {
		assert!(!dir.join(name).join("pid").exists(), "{name} pid file removed");
	}
	let down = TcpListener::bind(("127.0.0.1", rpc_base));
	assert!(down.is_ok(), "Alice's RPC port is released after stop");
}
