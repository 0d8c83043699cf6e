//! The whole market with its real parts: the dev node, provider workers (`compnet-worker`) and the
//! consumer's CLI (`compnet`), all real binaries on free local ports.
//!
//! - a gemm job and a train-mlp job complete, settle, and the consumer verifies the bytes;
//! - a worker killed (SIGKILL) right after a job is assigned to it resumes on restart and the job
//!   settles;
//! - a worker killed and kept down past its commit window is slashed 0.1%, and the job is
//!   reassigned to another provider and settles;
//! - a worker started with `--corrupt-results` answers a canary wrong and is slashed;
//! - at the end no escrow is held for the consumer, and every provider's hold equals its stake.

use compnet_e2e::{free_port, stop_process, wait_for, TestNode};
use compnet_primitives::Workload;
use compnet_worker::{
	chain::{self, runtime, AccountId, Backoff, Chain},
	compute::{self, inputs},
};
use std::{
	io::{BufRead, BufReader},
	path::{Path, PathBuf},
	process::{Child, Command, Output, Stdio},
	time::Duration,
};

/// A binary next to the node under test.
fn bin(name: &str) -> PathBuf {
	compnet_e2e::node_binary().with_file_name(name)
}

/// Runs a command to completion and returns its output, failing with both streams if it fails.
fn run_ok(cmd: &mut Command) -> String {
	let Output { status, stdout, stderr } = cmd.output().expect("the binary runs");
	let (out, err) = (String::from_utf8_lossy(&stdout).into_owned(), String::from_utf8_lossy(&stderr).into_owned());
	assert!(status.success(), "{cmd:?} failed ({status}):\n{out}\n{err}");
	out
}

/// A running `compnet-worker run`, stopped when dropped.
struct WorkerProcess {
	child: Child,
	who: &'static str,
	port: u16,
	data: PathBuf,
	log: PathBuf,
	extra: Vec<&'static str>,
	url: String,
}

impl WorkerProcess {
	/// Starts `who`'s worker listening on `port` (the one its registered endpoint names).
	fn start(url: &str, dir: &Path, who: &'static str, port: u16, extra: &[&'static str]) -> Self {
		let data = dir.join(format!("worker-{who}"));
		let log = dir.join(format!("{who}-0.log"));
		let child = Self::spawn(url, who, port, &data, &log, extra);
		let mut worker = Self { child, who, port, data, log, extra: extra.to_vec(), url: url.into() };
		worker.wait_healthy();
		worker
	}

	fn spawn(url: &str, who: &str, port: u16, data: &Path, log: &Path, extra: &[&str]) -> Child {
		let log_file = std::fs::File::create(log).expect("log file");
		Command::new(bin("compnet-worker"))
			.args(["run", "--url", url, "--suri", &format!("//{who}"), "--listen", &format!("127.0.0.1:{port}")])
			.arg("--data-dir")
			.arg(data)
			.args(["--max-concurrent", "2", "--heartbeat-every", "10"])
			.args(extra)
			.stdout(Stdio::null())
			.stderr(log_file)
			.spawn()
			.expect("compnet-worker starts")
	}

	fn wait_healthy(&mut self) {
		for _ in 0..100 {
			if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
				return;
			}
			std::thread::sleep(Duration::from_millis(100));
		}
		panic!("{} never listened; log:\n{}", self.who, std::fs::read_to_string(&self.log).unwrap_or_default());
	}

	/// Kills the process without warning (a crash).
	fn kill(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}

	/// Starts the killed process again on the same data, logging to a new file.
	fn restart(&mut self, generation: u32) {
		self.log = self.data.with_file_name(format!("{}-{generation}.log", self.who));
		self.child = Self::spawn(&self.url, self.who, self.port, &self.data, &self.log, &self.extra);
		self.wait_healthy();
	}

	fn log_text(&self) -> String {
		std::fs::read_to_string(&self.log).unwrap_or_default()
	}
}

impl Drop for WorkerProcess {
	fn drop(&mut self) {
		stop_process(&mut self.child);
		if std::thread::panicking() {
			eprintln!("---- {} log ----\n{}", self.who, self.log_text());
		}
	}
}

/// Registers, bonds 50 CNET and offers at `price` CNET per unit, all through the worker's CLI.
fn onboard(url: &str, who: &str, endpoint: &str, price: &str) {
	let suri = format!("//{who}");
	let cli = || {
		let mut c = Command::new(bin("compnet-worker"));
		c.env("COMPNET_URL", url).env("COMPNET_SURI", &suri);
		c
	};
	run_ok(cli().args(["register", "--class", "cpu", "--capacity", "1", "--country", "DE", "--region-group", "europe", "--endpoint", endpoint]));
	run_ok(cli().args(["bond", "50"]));
	run_ok(cli().args(["offer", "--price", price, "--max-concurrent", "2"]));
}

fn consumer(url: &str) -> Command {
	let mut c = Command::new(bin("compnet"));
	c.env("COMPNET_URL", url).env("COMPNET_SURI", "//Charlie");
	c
}

/// Runs `compnet submit ARGS`, handing each line of its output to `on_line` as it comes; returns
/// the whole output once it has exited successfully.
fn submit_watching(url: &str, args: &[&str], mut on_line: impl FnMut(&str)) -> String {
	let mut submit = consumer(url).arg("submit").args(args).stdout(Stdio::piped()).spawn().expect("compnet runs");
	let stdout = BufReader::new(submit.stdout.take().expect("piped"));
	let mut transcript = String::new();
	for line in stdout.lines().map_while(Result::ok) {
		transcript.push_str(&line);
		transcript.push('\n');
		on_line(&line);
	}
	assert!(submit.wait().expect("compnet exits").success(), "{transcript}");
	transcript
}

fn account(who: &str) -> AccountId {
	chain::account_of(&chain::keypair(&format!("//{who}")).expect("dev key"))
}

/// `(free, reserved)` of an account: holds (escrow, stake) count as reserved.
async fn balances(chain: &Chain, who: &AccountId) -> (u128, u128) {
	let info = chain.read(|| format!("account {who}"), runtime::storage().system().account(), (who.clone(),)).await;
	let info = info.expect("account readable").expect("account exists");
	(info.data.free, info.data.reserved)
}

/// A provider's stake: bonded plus unbonding, all of it on the hold.
async fn bonded(chain: &Chain, who: &AccountId) -> u128 {
	let info = chain.read(|| format!("provider {who}"), runtime::storage().providers().providers(), (who.clone(),)).await;
	let info = info.expect("provider readable").expect("provider exists");
	info.bonded + info.unlocking.0.iter().map(|c| c.amount).sum::<u128>()
}

#[tokio::test(flavor = "multi_thread")]
async fn workers_and_cli_run_jobs_end_to_end() {
	let node = TestNode::spawn("market", &["--dev"]);
	let url = node.ws_url.clone();
	let dir = node.base_path.clone();
	let rpc = node.rpc().await;
	wait_for("finalized block 1", Duration::from_secs(60), || async { (rpc.finalized_number().await >= 1).then_some(()) }).await;
	let sudo = Chain::connect(&url, chain::keypair("//Alice").unwrap(), Backoff::default()).await.expect("connects");

	// Two honest providers; Dave is the cheaper and takes the jobs while he has room.
	let (dave_port, eve_port) = (free_port(), free_port());
	onboard(&url, "Dave", &format!("http://127.0.0.1:{dave_port}"), "0.001");
	onboard(&url, "Eve", &format!("http://127.0.0.1:{eve_port}"), "0.002");
	let mut dave = WorkerProcess::start(&url, &dir, "Dave", dave_port, &[]);
	let eve = WorkerProcess::start(&url, &dir, "Eve", eve_port, &[]);

	// A gemm job: settled, downloaded, verified against the revealed root and recomputed here.
	let out = run_ok(consumer(&url).args(["submit", "--workload", "gemm-i8:96x80x64", "--max-price", "0.01", "--generate", "3", "--check-locally"]));
	assert!(out.contains("settled"), "{out}");
	assert!(out.contains("verified against the revealed root"), "{out}");
	assert!(out.contains("local computation gives the same bytes"), "{out}");

	// A train-mlp job: the weights come back trained.
	let out = run_ok(consumer(&url).args(["submit", "--workload", "train-mlp:16x32x4:8:100", "--max-price", "0.01", "--generate", "4", "--check-locally"]));
	assert!(out.contains("training loss"), "{out}");

	// An input that does not fit its job: the CLI refuses it before anything is held; sent anyway,
	// the provider answers with the canonical invalid-input result and is paid, not slashed.
	let bad = dir.join("bad-input.bin");
	std::fs::write(&bad, [7u8; 100]).unwrap();
	let bad_job = || {
		let mut c = consumer(&url);
		c.args(["submit", "--workload", "gemm-i8:8x8x8", "--max-price", "0.01", "--input"]).arg(&bad);
		c
	};
	let refused = bad_job().output().expect("compnet runs");
	assert!(!refused.status.success() && String::from_utf8_lossy(&refused.stderr).contains("does not fit"), "{refused:?}");
	let dave_bond = bonded(&sudo, &account("Dave")).await;
	let sent = bad_job().arg("--skip-input-check").output().expect("compnet runs");
	let said = format!("{}{}", String::from_utf8_lossy(&sent.stdout), String::from_utf8_lossy(&sent.stderr));
	assert!(!sent.status.success() && said.contains("found the input invalid") && said.contains("gemm-i8 input"), "{said}");
	assert!(said.contains("settled"), "the job settled: {said}");
	assert_eq!(bonded(&sudo, &account("Dave")).await, dave_bond, "no slash for the consumer's input");

	// Encrypted jobs: the consumer's secret key stays here, the worker sees only ciphertexts: of
	// the vectors, then of the vectors and the weights.
	he_linear_job(&url, &dir, &[&dave, &eve], false, false);
	he_linear_job(&url, &dir, &[&dave, &eve], true, false);
	he_linear_job(&url, &dir, &[&dave, &eve], true, true);

	// A crash: Dave is killed as soon as a job is his, and resumes it on restart.
	let mut crashed = false;
	let transcript = submit_watching(&url, &["--workload", "gemm-f32:64x48x32", "--max-price", "0.01", "--generate", "5"], |line| {
		if !crashed && line.contains("assigned to") {
			assert!(line.contains(&account("Dave").to_string()), "the cheapest offer takes the job: {line}");
			dave.kill();
			dave.restart(1);
			crashed = true;
		}
	});
	assert!(crashed && transcript.contains("settled"), "{transcript}");
	assert!(dave.log_text().contains("resuming an unfinished job"), "{}", dave.log_text());

	// A worker gone for good: Dave dies as soon as a job is his and stays down past its commit
	// window (shortened by root for the test). The market slashes him and reassigns the job to
	// Eve, the CLI uploads the input to her, and the job settles. Dave then comes back.
	set_commit_window(&sudo, Some(30)).await;
	let dave_bond = bonded(&sudo, &account("Dave")).await;
	let (mut killed, mut reassigned) = (false, false);
	let transcript = submit_watching(&url, &["--workload", "gemm-i8:64x64x48", "--max-price", "0.01", "--generate", "7"], |line| {
		if !killed && line.contains("assigned to") {
			assert!(line.contains(&account("Dave").to_string()), "the cheapest offer takes the job: {line}");
			dave.kill();
			killed = true;
		}
		if !reassigned && line.contains("reassigned to") {
			assert!(line.contains(&account("Eve").to_string()), "the next offer takes the job: {line}");
			dave.restart(2);
			reassigned = true;
		}
	});
	assert!(reassigned && transcript.contains(&format!("{} missed its commitment", account("Dave"))), "{transcript}");
	assert!(transcript.contains("settled"), "{transcript}");
	let slashed = dave_bond - bonded(&sudo, &account("Dave")).await;
	assert_eq!(slashed, dave_bond.div_ceil(1_000), "a missed commitment costs 0.1% of the stake");
	set_commit_window(&sudo, None).await;

	// A cheater: Ferdie alters every result. Root seals a canary for the next job in advance.
	let ferdie_port = free_port();
	onboard(&url, "Ferdie", &format!("http://127.0.0.1:{ferdie_port}"), "0.0005");
	let ferdie = WorkerProcess::start(&url, &dir, "Ferdie", ferdie_port, &["--corrupt-results"]);
	let ferdie_bond = bonded(&sudo, &account("Ferdie")).await;
	let workload = Workload::GemmI8 { m: 64, n: 64, k: 64 };
	let input = inputs::generate(&workload, 6).unwrap();
	let right = compute::blob_root(&compute::run(&compnet_kernels::CpuDevice::default(), &workload, &input, u128::MAX).unwrap());
	let canary_job: u64 = sudo.read(|| "next job id".into(), runtime::storage().market().next_job_id(), ()).await.unwrap().unwrap_or_default();
	let salt = [42u8; 32];
	let sealed = pallet_hash(&[b"compnet/canary/job".as_slice(), &canary_job.to_le_bytes(), &salt]);
	let answer = pallet_hash(&[b"compnet/canary/root".as_slice(), right.as_bytes(), &salt]);
	use runtime::runtime_types::{compnet_runtime::RuntimeCall, pallet_audit::pallet::Call as AuditCall};
	sudo.submit("seal canary", &runtime::tx().sudo().sudo(RuntimeCall::Audit(AuditCall::seal_canary { sealed, answer })))
		.await
		.expect("sealed");
	let cheat = consumer(&url)
		.args(["submit", "--workload", "gemm-i8:64x64x64", "--max-price", "0.01", "--generate", "6"])
		.output()
		.expect("compnet runs");
	let transcript = String::from_utf8_lossy(&cheat.stdout).into_owned();
	assert!(transcript.contains(&account("Ferdie").to_string()), "the cheapest offer takes the canary: {transcript}");
	// Settled unaudited (paid, for now) or caught by a spot-check (refunded): both can happen.
	let events = sudo
		.submit("reveal canary", &runtime::tx().sudo().sudo(RuntimeCall::Audit(AuditCall::reveal_canary { job: canary_job, result_root: right, salt })))
		.await
		.expect("canary revealed");
	let checked = events.find_first::<runtime::audit::events::CanaryChecked>().and_then(Result::ok).expect("CanaryChecked");
	assert!(!checked.passed, "the corrupted answer fails the canary");
	let after = bonded(&sudo, &account("Ferdie")).await;
	assert!(after < ferdie_bond, "Ferdie was slashed: {ferdie_bond} → {after}");
	assert!(ferdie_bond - after >= ferdie_bond / 10, "at least the 10% wrong-result slash");

	// Accounting: nothing held for the consumer once its jobs ended; every provider's hold is its stake.
	wait_for("the consumer's escrow released", Duration::from_secs(60), || {
		let sudo = sudo.clone();
		async move { (balances(&sudo, &account("Charlie")).await.1 == 0).then_some(()) }
	})
	.await;
	for who in ["Dave", "Eve", "Ferdie"] {
		let (_, held) = balances(&sudo, &account(who)).await;
		assert_eq!(held, bonded(&sudo, &account(who)).await, "{who}'s hold is exactly its stake");
	}
	drop((dave, eve, ferdie));
}

/// An `he-linear` job through the CLI: the decrypted answer is `W·x` (`W₂·W₁·x` with
/// `two_layers`), and no worker's files or log hold the input vectors, the hidden layer or the
/// outputs (and, with `encrypted_weights`, the weights) in any plain encoding (text, i32 or i64
/// little-endian).
fn he_linear_job(url: &str, dir: &Path, workers: &[&WorkerProcess], encrypted_weights: bool, two_layers: bool) {
	let (second, rows, cols, batch) = if two_layers { (6usize, 12usize, 20usize, 3usize) } else { (0, 24, 40, 3) };
	let mode = format!("{}-{}", if encrypted_weights { "encrypted-weights" } else { "plain-weights" }, if two_layers { 2 } else { 1 });
	let keys = dir.join(format!("he-keys-{mode}"));
	let shape = if two_layers { format!("{second}x{rows}x{cols}") } else { format!("{rows}x{cols}") };
	let mut keygen = consumer(url);
	keygen.arg("keygen").arg("--keys").arg(&keys).args(["--layer", &shape]);
	if encrypted_weights {
		keygen.arg("--encrypted-weights");
	}
	let out = run_ok(&mut keygen);
	assert!(out.contains("evaluation key for"), "{out}");
	assert_eq!(out.contains("ring degree 8192"), two_layers, "{out}");
	assert_eq!(out.contains("relinearization key"), encrypted_weights, "{out}");
	// Values that cannot turn up in a worker's files by chance; |y| < t/2 = 33,619,968.
	let signed = |r: usize, c: usize| (2 + ((r * 7 + c * 3) % 8) as i64) * if (r + c) % 2 == 0 { 1 } else { -1 };
	let (weights, vectors): (Vec<Vec<i64>>, Vec<Vec<i64>>) = if two_layers {
		// |hidden| ≤ 20 · 9 · 1,060 and |y| ≤ 12 · 9 · that = 20.6 million.
		(
			(0..rows).map(|r| (0..cols).map(|c| signed(r, c)).collect()).collect(),
			(0..batch).map(|b| (0..cols).map(|c| 1_001 + (b * cols + c) as i64).collect()).collect(),
		)
	} else if encrypted_weights {
		(
			(0..rows).map(|r| (0..cols).map(|c| 601 + ((r * 7 + c * 3) % 100) as i64).collect()).collect(),
			(0..batch).map(|b| (0..cols).map(|c| 1_001 + (b * cols + c) as i64).collect()).collect(),
		)
	} else {
		(
			(0..rows).map(|r| (0..cols).map(|c| ((r * 7 + c * 3) % 11) as i64 - 5).collect()).collect(),
			(0..batch).map(|b| (0..cols).map(|c| 100_003 + (b * cols + c) as i64 * 7_919).collect()).collect(),
		)
	};
	let second_weights: Vec<Vec<i64>> = (0..second).map(|r| (0..rows).map(|c| signed(r + 3, c)).collect()).collect();
	let product = |m: &[Vec<i64>], x: &[i64]| -> Vec<i64> { m.iter().map(|w| w.iter().zip(x).map(|(a, b)| a * b).sum()).collect() };
	let hidden: Vec<Vec<i64>> = vectors.iter().map(|x| product(&weights, x)).collect();
	let outputs: Vec<Vec<i64>> = if two_layers { hidden.iter().map(|h| product(&second_weights, h)).collect() } else { hidden.clone() };
	let text = |m: &[Vec<i64>]| m.iter().map(|r| r.iter().map(i64::to_string).collect::<Vec<_>>().join(" ") + "\n").collect::<String>();
	let path = |name: &str| dir.join(format!("{name}-{mode}.txt"));
	let (w_path, w2_path, x_path, y_path) = (path("w"), path("w2"), path("x"), path("y"));
	let workload = format!("he-linear:{shape}:{batch}{}", if encrypted_weights { ":encrypted-weights" } else { "" });
	std::fs::write(&w_path, text(&weights)).unwrap();
	std::fs::write(&w2_path, text(&second_weights)).unwrap();
	std::fs::write(&x_path, text(&vectors)).unwrap();
	let mut submit = consumer(url);
	submit
		.args(["submit", "--workload", &workload, "--max-price", "0.01", "--check-locally"])
		.arg("--he-keys")
		.arg(&keys)
		.arg("--weights")
		.arg(&w_path)
		.arg("--vectors")
		.arg(&x_path)
		.arg("--output")
		.arg(&y_path);
	if two_layers {
		submit.arg("--second-weights").arg(&w2_path);
	}
	let out = run_ok(&mut submit);
	assert!(out.contains("settled"), "{out}");
	assert!(out.contains("companion blob"), "the evaluation key travelled as its own blob: {out}");
	let answer = if two_layers { "the decrypted answer equals W₂·W₁·x" } else { "the decrypted answer equals W·x" };
	assert!(out.contains(answer), "{out}");
	assert_eq!(std::fs::read_to_string(&y_path).unwrap(), text(&outputs));
	assert_eq!(out.contains("encrypted diagonals of W"), encrypted_weights, "{out}");

	// What would give the plaintext away, in every encoding a careless worker might write it.
	let mut secrets: Vec<Vec<u8>> = Vec::new();
	let hidden_weights: Vec<Vec<i64>> = if encrypted_weights { [&weights[..], &second_weights[..]].concat() } else { Vec::new() };
	for row in vectors.iter().chain(&hidden).chain(&outputs).chain(&hidden_weights) {
		secrets.push(row[..4].iter().flat_map(|v| (*v as i32).to_le_bytes()).collect());
		secrets.push(row[..2].iter().flat_map(|v| v.to_le_bytes()).collect());
		secrets.push(row[..3].iter().map(i64::to_string).collect::<Vec<_>>().join(" ").into_bytes());
		secrets.push(row[..3].iter().map(i64::to_string).collect::<Vec<_>>().join(", ").into_bytes());
	}
	let mut scanned = 0;
	for worker in workers {
		let mut files = vec![worker.log.clone()];
		let mut dirs = vec![worker.data.clone()];
		while let Some(d) = dirs.pop() {
			// A worker still at work renames and removes files (state files, temporary blobs):
			// one that vanished between the listing and the read is skipped.
			let Ok(entries) = std::fs::read_dir(&d) else { continue };
			for entry in entries.flatten() {
				let path = entry.path();
				if path.is_dir() { dirs.push(path) } else { files.push(path) }
			}
		}
		for file in files {
			let Ok(bytes) = std::fs::read(&file) else { continue };
			scanned += bytes.len();
			for secret in &secrets {
				assert!(!bytes.windows(secret.len()).any(|w| w == &secret[..]), "{} holds plaintext {:?}", file.display(), String::from_utf8_lossy(secret));
			}
		}
	}
	assert!(scanned > 100_000, "the scan saw the blobs ({scanned} bytes)");
}

/// Sets the market's commit window (a runtime parameter in storage) through sudo, or back to its
/// default with `None`; it applies to assignments made afterwards.
async fn set_commit_window(sudo: &Chain, blocks: Option<u32>) {
	use runtime::runtime_types::{compnet_runtime::RuntimeCall, frame_system::pallet::Call as SystemCall};
	use subxt::ext::codec::Encode;
	let key = sp_crypto_hashing::twox_128(b":MarketCommitWindow:").to_vec();
	let call = match blocks {
		Some(blocks) => SystemCall::set_storage { items: vec![(key.clone(), blocks.encode())] },
		None => SystemCall::kill_storage { keys: vec![key.clone()] },
	};
	sudo.submit("set the commit window", &runtime::tx().sudo().sudo(RuntimeCall::System(call))).await.expect("sudo");
	let stored = sudo.client().await.at_current_block().await.unwrap().storage().fetch_raw(key).await.ok();
	assert_eq!(stored, blocks.map(|b| b.encode()), "the commit window is stored");
}

/// `blake2_256` over the concatenation of `parts` (what the pallet hashes with SCALE for fixed-size
/// arrays and integers).
fn pallet_hash(parts: &[&[u8]]) -> subxt::utils::H256 {
	let bytes: Vec<u8> = parts.concat();
	subxt::utils::H256(compute::blob_root(&bytes).0)
}
