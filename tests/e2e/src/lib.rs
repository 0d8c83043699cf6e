//! # CompNet end-to-end test support
//!
//! Starts the real `compnet-node` binary on free local ports, talks to it as clients do
//! (JSON-RPC, subxt), and stops it when the test is done, also when the test fails.
//!
//! The binary is the one `cargo build --release` put next to the test executable
//! (`target/release/compnet-node`), or the one `COMPNET_NODE_BIN` names.

use std::{
	io::{BufRead, BufReader},
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	sync::{
		atomic::{AtomicU32, Ordering},
		mpsc,
	},
	time::{Duration, Instant},
};

pub use serde_json::Value;
pub use subxt_rpcs::rpc_params;

/// The `compnet-node` binary under test.
pub fn node_binary() -> PathBuf {
	if let Ok(bin) = std::env::var("COMPNET_NODE_BIN") {
		return PathBuf::from(bin);
	}
	// Test executables live in `target/<profile>/deps/`; binaries in `target/<profile>/`.
	let exe = std::env::current_exe().expect("the test executable has a path");
	let profile_dir = exe.parent().and_then(Path::parent).expect("target/<profile>/deps/<test>");
	profile_dir.join("compnet-node")
}

/// The repository root (for scripts and committed chain specs). Read at run time: cargo reuses a
/// test binary built in another clone that shares the target directory, so the compile-time
/// `CARGO_MANIFEST_DIR` may name a checkout that is gone.
pub fn repo_root() -> PathBuf {
	if let Ok(root) = std::env::var("COMPNET_ROOT") {
		return PathBuf::from(root);
	}
	let manifest_dir =
		std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string());
	Path::new(&manifest_dir).join("../..").canonicalize().expect("repo root exists")
}

/// A TCP port that was free a moment ago on 127.0.0.1.
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0")
		.and_then(|l| l.local_addr())
		.map(|a| a.port())
		.expect("the OS hands out a free port")
}

/// A running `compnet-node`, stopped (SIGTERM, then SIGKILL) when dropped.
pub struct TestNode {
	child: Child,
	/// The node's WebSocket JSON-RPC endpoint.
	pub ws_url: String,
	/// The node's base path (a temporary directory, removed with the node).
	pub base_path: PathBuf,
	log: PathBuf,
}

impl TestNode {
	/// Starts `compnet-node <args> --base-path <tmp> --rpc-port 0 --no-prometheus …` and waits
	/// until its RPC server listens.
	pub fn spawn(name: &str, args: &[&str]) -> Self {
		// Unique per process and per node, so tests running side by side never share a chain.
		static NEXT: AtomicU32 = AtomicU32::new(0);
		let base_path = std::env::temp_dir().join(format!(
			"compnet-e2e-{name}-{}-{}",
			std::process::id(),
			NEXT.fetch_add(1, Ordering::Relaxed)
		));
		let _ = std::fs::remove_dir_all(&base_path);
		std::fs::create_dir_all(&base_path).expect("temp dir is writable");
		let log = base_path.join("node.log");
		let bin = node_binary();
		assert!(bin.exists(), "{} not found: build it with `cargo build --release` first", bin.display());
		let mut child = Command::new(&bin)
			.args(args)
			.arg("--base-path")
			.arg(&base_path)
			.args(["--rpc-port", "0", "--no-prometheus", "--no-telemetry", "--no-mdns"])
			.args(["--port", &free_port().to_string()])
			.stdout(Stdio::null())
			.stderr(Stdio::piped())
			.spawn()
			.unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));

		// Copy the node's log to a file and report the RPC address once it is printed.
		let stderr = child.stderr.take().expect("stderr is piped");
		let (tx, rx) = mpsc::channel();
		let log_path = log.clone();
		std::thread::spawn(move || {
			use std::io::Write;
			let mut file = std::fs::File::create(&log_path).ok();
			for line in BufReader::new(stderr).lines().map_while(Result::ok) {
				if let Some(f) = file.as_mut() {
					let _ = writeln!(f, "{line}");
				}
				if let Some(addr) = parse_rpc_addr(&line) {
					let _ = tx.send(addr);
				}
			}
		});
		let addr = match rx.recv_timeout(Duration::from_secs(60)) {
			Ok(addr) => addr,
			Err(_) => {
				let _ = child.kill();
				panic!("{name}: no RPC server within 60 s; log:\n{}", std::fs::read_to_string(&log).unwrap_or_default());
			},
		};
		TestNode { child, ws_url: format!("ws://{addr}"), base_path, log }
	}

	/// The node's log so far.
	pub fn log(&self) -> String {
		std::fs::read_to_string(&self.log).unwrap_or_default()
	}

	/// A JSON-RPC client for this node.
	pub async fn rpc(&self) -> Rpc {
		Rpc::connect(&self.ws_url).await
	}
}

impl Drop for TestNode {
	fn drop(&mut self) {
		stop_process(&mut self.child);
		if !std::thread::panicking() {
			let _ = std::fs::remove_dir_all(&self.base_path);
		} else {
			eprintln!("node log kept at {}", self.log.display());
		}
	}
}

/// Stops a process: SIGTERM, up to 10 s for a clean exit, then SIGKILL.
pub fn stop_process(child: &mut Child) {
	let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
	let deadline = Instant::now() + Duration::from_secs(10);
	while Instant::now() < deadline {
		if let Ok(Some(_)) = child.try_wait() {
			return;
		}
		std::thread::sleep(Duration::from_millis(100));
	}
	let _ = child.kill();
	let _ = child.wait();
}

/// Finds `127.0.0.1:PORT` in Substrate's "Running JSON-RPC server: addr=127.0.0.1:PORT," line.
pub fn parse_rpc_addr(line: &str) -> Option<String> {
	let rest = line.split("Running JSON-RPC server: addr=").nth(1)?;
	let addr = rest.split([',', ' ']).next()?.trim();
	// The node may list several addresses; take the IPv4 loopback one.
	let addr = addr.replace("0.0.0.0", "127.0.0.1");
	(!addr.is_empty()).then_some(addr)
}

/// A thin JSON-RPC client over WebSocket.
pub struct Rpc(subxt_rpcs::RpcClient);

impl Rpc {
	/// Connects to `url`.
	pub async fn connect(url: &str) -> Self {
		Rpc(subxt_rpcs::RpcClient::from_insecure_url(url).await.expect("RPC connects"))
	}

	/// Calls `method` and returns its JSON result.
	pub async fn call(&self, method: &str, params: subxt_rpcs::client::RpcParams) -> Value {
		self.0
			.request::<Value>(method, params)
			.await
			.unwrap_or_else(|e| panic!("{method} failed: {e}"))
	}

	/// The number of a block header's JSON.
	pub fn header_number(header: &Value) -> u64 {
		let hex = header["number"].as_str().expect("header has a number");
		u64::from_str_radix(hex.trim_start_matches("0x"), 16).expect("hex block number")
	}

	/// The best block's number.
	pub async fn best_number(&self) -> u64 {
		Self::header_number(&self.call("chain_getHeader", rpc_params![]).await)
	}

	/// The finalized block's number.
	pub async fn finalized_number(&self) -> u64 {
		let hash = self.call("chain_getFinalizedHead", rpc_params![]).await;
		Self::header_number(&self.call("chain_getHeader", rpc_params![hash]).await)
	}

	/// The BABE authority index that authored the block with `hash`, from its pre-runtime digest.
	pub async fn babe_author_index(&self, hash: &Value) -> Option<u32> {
		let header = self.call("chain_getHeader", rpc_params![hash]).await;
		header["digest"]["logs"].as_array()?.iter().find_map(|log| {
			let bytes = hex_decode(log.as_str()?)?;
			babe_pre_digest_authority(&bytes)
		})
	}
}

/// Decodes `0x…` hex.
pub fn hex_decode(s: &str) -> Option<Vec<u8>> {
	let s = s.strip_prefix("0x").unwrap_or(s);
	(0..s.len())
		.step_by(2)
		.map(|i| s.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok()))
		.collect()
}

/// The authority index in an encoded `DigestItem::PreRuntime(*b"BABE", PreDigest)`.
///
/// Layout: `0x06` (PreRuntime), `BABE`, compact length, then the `PreDigest` variant byte
/// (1 primary, 2 secondary plain, 3 secondary VRF) and the authority index (u32 LE).
pub fn babe_pre_digest_authority(item: &[u8]) -> Option<u32> {
	if item.first() != Some(&6) || item.get(1..5) != Some(b"BABE") {
		return None;
	}
	let len_prefix = match item.get(5)? & 0b11 {
		0 => 1,
		1 => 2,
		2 => 4,
		_ => return None,
	};
	let digest = item.get(5 + len_prefix..)?;
	if !(1..=3).contains(digest.first()?) {
		return None;
	}
	Some(u32::from_le_bytes(digest.get(1..5)?.try_into().ok()?))
}

/// Polls `check` every 500 ms until it returns `Some`, or panics with `what` after `timeout`.
pub async fn wait_for<T, F, Fut>(what: &str, timeout: Duration, mut check: F) -> T
where
	F: FnMut() -> Fut,
	Fut: std::future::Future<Output = Option<T>>,
{
	let deadline = Instant::now() + timeout;
	loop {
		if let Some(v) = check().await {
			return v;
		}
		assert!(Instant::now() < deadline, "timed out after {timeout:?} waiting for {what}");
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn parses_rpc_address_lines() {
		let line = "2026-11-24 05:00:00 Running JSON-RPC server: addr=127.0.0.1:41234,[::1]:41234";
		assert_eq!(parse_rpc_addr(line).as_deref(), Some("127.0.0.1:41234"));
		assert_eq!(parse_rpc_addr("Idle (0 peers)"), None);
	}

	#[test]
	fn reads_babe_authority_index() {
		// PreRuntime, "BABE", compact(17) = 0x44, SecondaryPlain, index 2, slot.
		let mut item = vec![6, b'B', b'A', b'B', b'E', 0x44, 2];
		item.extend_from_slice(&2u32.to_le_bytes());
		item.extend_from_slice(&[0; 8]);
		assert_eq!(babe_pre_digest_authority(&item), Some(2));
		// A seal is not a pre-digest.
		item[0] = 5;
		assert_eq!(babe_pre_digest_authority(&item), None);
		assert_eq!(hex_decode("0x0aff"), Some(vec![10, 255]));
	}
}
