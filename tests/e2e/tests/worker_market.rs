//! The whole market with its real parts: the dev node, provider workers (`compnet-worker`) and the
//! consumer's CLI (`compnet`), all real binaries on free local ports.
//!
//! - a gemm job and a train-mlp job complete, settle, and the consumer verifies the bytes;
//! - a thief naming that gemm job's input root in a job of its own gets neither the bytes nor a
//!   run on them, and loses its job deposit;
//! - each example WebAssembly program (`examples/wasm`) runs as a job, audited, billed by its
//!   fuel, with the same output as `compnet run-local`;
//! - a worker killed (SIGKILL) right after a job is assigned to it resumes on restart and the job
//!   settles;
//! - a worker killed and kept down past its commit window is slashed 0.1%, and the job is
//!   reassigned to another provider and settles;
//! - a worker started with `--corrupt-results` answers a canary wrong and is slashed;
//! - at the end no escrow is held for the consumer, and every provider's holds are its stake and
//!   its deposits.
//!
//! And, on a chain of its own, the three attacks on audits (issue 16), each of which fails:
//! - a consumer that never uploads the input: the job ends, its deposit is burnt, and the provider
//!   loses nothing;
//! - a drawn auditor that never shows: it is slashed and replaced, and the job is verified;
//! - a provider that withholds the input from auditors: the consumer serves them; when nobody
//!   does, the auditors are excused without a slash and the unverified result is not paid.

use compnet_e2e::{free_port, stop_process, wait_for, TestNode};
use compnet_worker::chain::{self, runtime, AccountId, Backoff, Chain};
use subxt::ext::codec::Encode;
use std::{
	io::{BufRead, BufReader},
	path::{Path, PathBuf},
	process::{Child, Command, Output, Stdio},
	sync::OnceLock,
	time::Duration,
};

/// The self-signed certificate that the HTTPS worker (Eve) serves with, trusted by every other
/// worker and the CLI (`COMPNET_TLS_CA`) once set.
static TLS_CA: OnceLock<PathBuf> = OnceLock::new();

/// Writes a self-signed certificate for 127.0.0.1 and its key into `dir`; returns their paths.
fn self_signed_certificate(dir: &Path) -> (PathBuf, PathBuf) {
	let cert = rcgen::generate_simple_self_signed(vec!["127.0.0.1".into()]).expect("a certificate");
	let (cert_path, key_path) = (dir.join("tls-cert.pem"), dir.join("tls-key.pem"));
	std::fs::write(&cert_path, cert.serialize_pem().expect("PEM")).unwrap();
	std::fs::write(&key_path, cert.serialize_private_key_pem()).unwrap();
	(cert_path, key_path)
}

/// A path as a `&'static str` argument.
fn arg(path: &Path) -> &'static str {
	Box::leak(path.to_string_lossy().into_owned().into_boxed_str())
}

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
		let mut command = Command::new(bin("compnet-worker"));
		if let Some(ca) = TLS_CA.get() {
			command.env("COMPNET_TLS_CA", ca);
		}
		command
			.args(["run", "--url", url, "--suri", &format!("//{who}"), "--listen", &format!("127.0.0.1:{port}")])
			.arg("--data-dir")
			.arg(data)
			// The workers' endpoints are on loopback, which internet-facing workers refuse to dial.
			.args(["--max-concurrent", "2", "--heartbeat-every", "10", "--allow-private-endpoints"])
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

	/// Stops the process and starts it again with other flags.
	fn restart_with(&mut self, generation: u32, extra: &[&'static str]) {
		stop_process(&mut self.child);
		self.extra = extra.to_vec();
		self.restart(generation);
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
	c.env("COMPNET_URL", url).env("COMPNET_SURI", "//Charlie").env("COMPNET_ALLOW_PRIVATE_ENDPOINTS", "true");
	if let Some(ca) = TLS_CA.get() {
		c.env("COMPNET_TLS_CA", ca);
	}
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

/// What an account holds, by reason: `(escrow, stake, deposits)`.
async fn holds(chain: &Chain, who: &AccountId) -> (u128, u128, u128) {
	use runtime::runtime_types::{compnet_runtime::RuntimeHoldReason, pallet_market::pallet::HoldReason as Market, pallet_providers::pallet::HoldReason as Providers};
	let holds = chain.read(|| format!("holds of {who}"), runtime::storage().balances().holds(), (who.clone(),)).await;
	let holds = holds.expect("holds readable").map(|h| h.0).unwrap_or_default();
	let mut by_reason = (0, 0, 0);
	for hold in holds {
		match hold.id {
			RuntimeHoldReason::Market(Market::Escrow) => by_reason.0 += hold.amount,
			RuntimeHoldReason::Providers(Providers::Stake) => by_reason.1 += hold.amount,
			_ => by_reason.2 += hold.amount,
		}
	}
	by_reason
}

/// A provider's registration deposit and its offer's, as recorded.
async fn provider_deposits(chain: &Chain, who: &AccountId) -> u128 {
	let info = chain.read(|| format!("provider {who}"), runtime::storage().providers().providers(), (who.clone(),)).await;
	let offer = chain.read(|| format!("offer of {who}"), runtime::storage().market().offers(), (who.clone(),)).await;
	info.expect("provider readable").expect("provider exists").deposit + offer.expect("offer readable").map_or(0, |o| o.deposit)
}

#[tokio::test(flavor = "multi_thread")]
async fn workers_and_cli_run_jobs_end_to_end() {
	let node = TestNode::spawn("market", &["--dev"]);
	let url = node.ws_url.clone();
	let dir = node.base_path.clone();
	let rpc = node.rpc().await;
	wait_for("finalized block 1", Duration::from_secs(60), || async { (rpc.finalized_number().await >= 1).then_some(()) }).await;
	let sudo = Chain::connect(&url, chain::keypair("//Alice").unwrap(), Backoff::default()).await.expect("connects");
	// A committee with an empty place is drawn again every 2 blocks (30 s by default): an audit
	// this small network cannot staff (a dispute needs more providers than it has) ends sooner.
	set_parameter(&sudo, b":AuditRedrawDelay:", Some(2u32.encode())).await;

	// Two honest providers; Dave is the cheaper and takes the jobs while he has room. Eve serves
	// HTTPS with a self-signed certificate that the other workers and the CLI are told to trust:
	// every transfer to and from her (uploads by the CLI, inputs fetched by auditors, results
	// downloaded) goes over TLS.
	let (dave_port, eve_port) = (free_port(), free_port());
	let (cert, key) = self_signed_certificate(&dir);
	TLS_CA.set(cert.clone()).expect("set once");
	onboard(&url, "Dave", &format!("http://127.0.0.1:{dave_port}"), "0.001");
	onboard(&url, "Eve", &format!("https://127.0.0.1:{eve_port}"), "0.002");
	let mut dave = WorkerProcess::start(&url, &dir, "Dave", dave_port, &[]);
	let eve = WorkerProcess::start(&url, &dir, "Eve", eve_port, &["--tls-cert", arg(&cert), "--tls-key", arg(&key)]);

	// A gemm job: settled, downloaded, verified against the revealed root and recomputed here.
	let out = run_ok(consumer(&url).args(["submit", "--workload", "gemm-i8:96x80x64", "--max-price", "0.01", "--generate", "3", "--check-locally"]));
	assert!(out.contains("settled"), "{out}");
	assert!(out.contains("verified against the revealed root"), "{out}");
	assert!(out.contains("local computation gives the same bytes"), "{out}");

	// A thief who knows only the root of Charlie's input (roots are public on chain) names it in a
	// job of its own. Dave holds those bytes, but neither serves them to the thief nor runs the
	// thief's job on them: the job ends unacknowledged, the thief's job deposit is burnt, and Dave
	// loses nothing (docs/worker.md, *Who may read a blob*).
	thief_naming_anothers_input_gets_nothing(&sudo, &url, dave_port).await;

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

	// Programs (docs/wasm.md): each example program runs as a job, spot-checked (on a network
	// this small every job is), billed by its fuel, and its run equals the CLI's own.
	program_jobs(&url, &dir);

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

	// A worker gone for good: Dave dies once he has the input of a job and said so (his commit
	// window runs: `--exit-after-acknowledge`), and stays down past it (shortened by root for the
	// test). The market slashes him and reassigns the job to Eve, the CLI uploads the input to her,
	// and the job settles. Dave then comes back.
	set_parameter(&sudo, b":MarketCommitWindow:", Some(30u32.encode())).await;
	dave.restart_with(2, &["--exit-after-acknowledge"]);
	let dave_bond = bonded(&sudo, &account("Dave")).await;
	let mut reassigned = false;
	let transcript = submit_watching(&url, &["--workload", "gemm-i8:64x64x48", "--max-price", "0.01", "--generate", "7"], |line| {
		if line.contains("assigned to") && !line.contains("reassigned") {
			assert!(line.contains(&account("Dave").to_string()), "the cheapest offer takes the job: {line}");
		}
		if !reassigned && line.contains("reassigned to") {
			assert!(line.contains(&account("Eve").to_string()), "the next offer takes the job: {line}");
			assert!(dave.log_text().contains("--exit-after-acknowledge: dying mid-job"), "{}", dave.log_text());
			dave.restart_with(3, &[]);
			reassigned = true;
		}
	});
	assert!(reassigned && transcript.contains(&format!("{} missed its commitment", account("Dave"))), "{transcript}");
	assert!(transcript.contains("settled"), "{transcript}");
	let slashed = dave_bond - bonded(&sudo, &account("Dave")).await;
	assert_eq!(slashed, dave_bond.div_ceil(1_000), "a missed commitment costs 0.1% of the stake");
	set_parameter(&sudo, b":MarketCommitWindow:", None).await;

	// A cheater: Ferdie alters every result. `compnet canary` seals a canary with root's key (the
	// seal names the input, not a job), submits it from Charlie like any job, and reveals the
	// answer once Ferdie revealed.
	let ferdie_port = free_port();
	onboard(&url, "Ferdie", &format!("http://127.0.0.1:{ferdie_port}"), "0.0005");
	let ferdie = WorkerProcess::start(&url, &dir, "Ferdie", ferdie_port, &["--corrupt-results"]);
	let ferdie_bond = bonded(&sudo, &account("Ferdie")).await;
	let canary = consumer(&url)
		.env("COMPNET_SURI", "//Alice")
		.env("COMPNET_CANARY_PAYERS", "//Charlie")
		.args(["canary", "--workload", "gemm-i8:64x64x64", "--max-price", "0.01"])
		.output()
		.expect("compnet runs");
	let transcript = String::from_utf8_lossy(&canary.stdout).into_owned();
	assert!(canary.status.success(), "{transcript}{}", String::from_utf8_lossy(&canary.stderr));
	assert!(transcript.contains("sealed 1 canaries"), "{transcript}");
	assert!(transcript.contains(&account("Ferdie").to_string()), "the cheapest offer takes the canary: {transcript}");
	// Settled unaudited (paid, for now) or caught by a spot-check (refunded): both can happen.
	assert!(transcript.contains("the provider's answer was WRONG"), "the corrupted answer fails the canary: {transcript}");
	let after = bonded(&sudo, &account("Ferdie")).await;
	assert!(after < ferdie_bond, "Ferdie was slashed: {ferdie_bond} → {after}");
	assert!(ferdie_bond - after >= ferdie_bond / 10, "at least the 10% wrong-result slash");

	// Accounting: no escrow held for the consumer once its jobs ended (only the deposits of job
	// records still kept); every provider holds exactly its stake and its deposits.
	wait_for("the consumer's escrow released", Duration::from_secs(60), || {
		let sudo = sudo.clone();
		async move { (holds(&sudo, &account("Charlie")).await.0 == 0).then_some(()) }
	})
	.await;
	for who in ["Dave", "Eve", "Ferdie"] {
		let (escrow, stake, deposits) = holds(&sudo, &account(who)).await;
		assert_eq!((escrow, stake), (0, bonded(&sudo, &account(who)).await), "{who} holds its stake");
		assert_eq!(deposits, provider_deposits(&sudo, &account(who)).await, "{who} holds its deposits");
		assert_eq!(balances(&sudo, &account(who)).await.1, stake + deposits, "nothing else is held for {who}");
	}
	drop((dave, eve, ferdie));
}

/// The attacks on audits against the real node, workers and CLI, each failing: no honest party
/// slashed, no consumer escrow lost, no wrong or unverified result paid. Every job is spot-checked
/// (root sets the rate to 100%), with short windows so that the attacks end in minutes.
#[tokio::test(flavor = "multi_thread")]
async fn audits_fail_closed_end_to_end() {
	let node = TestNode::spawn("audits", &["--dev"]);
	let url = node.ws_url.clone();
	let dir = node.base_path.clone();
	let rpc = node.rpc().await;
	wait_for("finalized block 1", Duration::from_secs(60), || async { (rpc.finalized_number().await >= 1).then_some(()) }).await;
	let sudo = Chain::connect(&url, chain::keypair("//Alice").unwrap(), Backoff::default()).await.expect("connects");
	set_parameter(&sudo, b":AuditBaseProbability:", Some(1_000_000_000u32.encode())).await;
	set_parameter(&sudo, b":MarketInputWindow:", Some(20u32.encode())).await;
	set_parameter(&sudo, b":MarketCommitWindow:", Some(30u32.encode())).await;
	set_parameter(&sudo, b":AuditRedrawDelay:", Some(2u32.encode())).await;
	let ports = [free_port(), free_port(), free_port()];
	for (who, port, price) in [("Dave", ports[0], "0.001"), ("Eve", ports[1], "0.002"), ("Ferdie", ports[2], "0.003")] {
		onboard(&url, who, &format!("http://127.0.0.1:{port}"), price);
	}
	let patient = ["--input-patience-secs", "10"];
	let mut dave = WorkerProcess::start(&url, &dir, "Dave", ports[0], &[]);
	let mut eve = WorkerProcess::start(&url, &dir, "Eve", ports[1], &patient);
	let ferdie = WorkerProcess::start(&url, &dir, "Ferdie", ports[2], &patient);
	let stakes = || async {
		let mut stakes = Vec::new();
		for who in ["Dave", "Eve", "Ferdie"] {
			stakes.push(bonded(&sudo, &account(who)).await);
		}
		stakes
	};
	let start = stakes().await;

	// 1. A consumer that never uploads the input: Dave waits, never acknowledges, and when the
	// input window closes the job ends; Dave loses nothing, the consumer its job deposit.
	let griefed = consumer(&url)
		.args(["submit", "--workload", "gemm-i8:32x32x32", "--max-price", "0.01", "--generate", "1", "--skip-upload"])
		.output()
		.expect("compnet runs");
	let transcript = String::from_utf8_lossy(&griefed.stdout).into_owned();
	assert!(transcript.contains(&format!("assigned to {}", account("Dave"))), "{transcript}");
	assert!(transcript.contains("the input was never acknowledged: the job deposit was burnt"), "{transcript}");
	assert!(!griefed.status.success(), "no result: {transcript}");
	let totals = sudo.read(|| "market totals".into(), runtime::storage().market().totals(), ()).await.unwrap().unwrap();
	assert_eq!(totals.inputs_missing, 1);
	assert!(totals.burnt_deposits > 0, "the griefer paid");
	assert_eq!(stakes().await, start, "nobody slashed");
	let offer = sudo.read(|| "Dave's offer".into(), runtime::storage().market().offers(), (account("Dave"),)).await.unwrap().unwrap();
	assert!(offer.available && offer.running == 0, "Dave keeps taking jobs");

	// 2. A drawn auditor that never shows: Eve ignores audits, and Ferdie is paused so that Eve is
	// drawn. Eve is slashed and replaced by Ferdie (back by then); the job is verified and paid.
	eve.restart_with(1, &["--input-patience-secs", "10", "--ignore-audits"]);
	let ferdie_chain = Chain::connect(&url, chain::keypair("//Ferdie").unwrap(), Backoff::default()).await.expect("connects");
	ferdie_chain.submit("pause", &runtime::tx().providers().pause()).await.expect("paused");
	let job = next_job(&sudo).await;
	let cli = {
		let url = url.clone();
		tokio::task::spawn_blocking(move || {
			submit_watching(&url, &["--workload", "gemm-i8:32x32x40", "--max-price", "0.01", "--generate", "2"], |_| {})
		})
	};
	wait_for("Eve drawn as auditor", Duration::from_secs(180), || {
		let sudo = sudo.clone();
		async move { parties(&sudo, job).await.contains(&account("Eve")).then_some(()) }
	})
	.await;
	ferdie_chain.submit("resume", &runtime::tx().providers().resume()).await.expect("resumed");
	let transcript = cli.await.expect("the CLI finished");
	assert!(transcript.contains("settled"), "{transcript}");
	assert!(parties(&sudo, job).await.contains(&account("Ferdie")), "Ferdie took Eve's place");
	assert!(eve.log_text().contains("--ignore-audits: drawn as auditor"), "{}", eve.log_text());
	let now = stakes().await;
	assert_eq!(start[1] - now[1], start[1].div_ceil(100), "the absent auditor lost 1% of its stake");
	assert_eq!((now[0], now[2]), (start[0], start[2]), "no honest party slashed");
	eve.restart_with(2, &patient);

	// 3. Dave withholds the input from auditors. The consumer serves them itself, so the audit
	// goes on, and Dave's honest result is verified and paid.
	dave.restart_with(1, &["--withhold-input"]);
	let transcript = submit_watching(&url, &["--workload", "gemm-i8:32x32x48", "--max-price", "0.01", "--generate", "3"], |_| {});
	assert!(transcript.contains("input delivered to auditor"), "{transcript}");
	assert!(transcript.contains("settled"), "{transcript}");
	// Without the consumer as well, no auditor can get it: each says so, is excused without a
	// slash and replaced until nobody is left; the result is unverifiable, and not paid.
	let job = next_job(&sudo).await;
	let out = consumer(&url)
		.args(["submit", "--workload", "gemm-i8:32x32x56", "--max-price", "0.01", "--generate", "4", "--no-serve-auditors"])
		.output()
		.expect("compnet runs");
	let transcript = String::from_utf8_lossy(&out.stdout).into_owned();
	assert!(transcript.contains("refunded (Unverifiable)"), "{transcript}");
	let record = sudo.read(|| "audit record".into(), runtime::storage().audit().audits(), (job,)).await.unwrap().unwrap();
	let excused = record.parties.0.iter().filter(|p| p.left.is_some()).count();
	assert!(excused >= 2, "both auditors said they could not get the input");
	assert_eq!(stakes().await, now, "nobody slashed");
	assert_eq!(holds(&sudo, &account("Charlie")).await.0, 0, "no escrow left held");
	drop((dave, eve, ferdie));
}

/// The id the next job will get.
/// Bob submits a job naming the input root of the last job (Charlie's, held by Dave) without
/// the bytes: Dave refuses him the blob and never acknowledges the job; it ends with its job
/// deposit burnt, and Dave's stake is untouched.
async fn thief_naming_anothers_input_gets_nothing(sudo: &Chain, url: &str, dave_port: u16) {
	use compnet_worker::{blob_client, endpoint::EndpointPolicy};
	use runtime::runtime_types::pallet_market::types::JobState;
	let victim = next_job(sudo).await - 1;
	let spec = sudo.job(victim).await.unwrap().expect("the victim's job").spec;
	let dave_bond = bonded(sudo, &account("Dave")).await;
	set_parameter(sudo, b":MarketInputWindow:", Some(10u32.encode())).await;
	let thief = Chain::connect(url, chain::keypair("//Bob").unwrap(), Backoff::default()).await.expect("connects");
	let best = thief.client().await.at_current_block().await.unwrap().block_number();
	let call = runtime::tx().market().submit_job(spec.workload, spec.max_price_per_unit, best as u32 + 600, spec.regions, spec.sensitivity, spec.input_root);
	thief.submit("market.submit_job", &call).await.expect("the thief's job is accepted");
	let stolen = next_job(sudo).await - 1;
	let provider = wait_for("the thief's job assigned", Duration::from_secs(60), || async {
		match sudo.job(stolen).await.unwrap()?.state {
			JobState::Assigned { provider, .. } => Some(provider),
			_ => None,
		}
	})
	.await;
	assert_eq!(provider, account("Dave"), "the cheapest offer, which holds the victim's input");
	let client = blob_client::BlobClient::new(EndpointPolicy { allow_private: true });
	let dave = format!("http://127.0.0.1:{dave_port}");
	let refused = blob_client::download(&client, thief.signer(), &dave, stolen, spec.input_root).await.unwrap_err().to_string();
	assert!(refused.contains("HTTP 403") && refused.contains("has not brought that blob here"), "{refused}");
	let ended = wait_for("the thief's job ended", Duration::from_secs(120), || async {
		let job = sudo.job(stolen).await.unwrap().expect("the record stays");
		match job.state {
			JobState::Assigned { .. } => None,
			other => Some((other, job.deposit)),
		}
	})
	.await;
	assert!(matches!(ended, (JobState::Refunded, 0)), "never acknowledged, so never run, and the deposit burnt: {ended:?}");
	assert_eq!(bonded(sudo, &account("Dave")).await, dave_bond, "no slash for a job whose input never came");
	set_parameter(sudo, b":MarketInputWindow:", None).await;
}

async fn next_job(chain: &Chain) -> u64 {
	chain.read(|| "next job id".into(), runtime::storage().market().next_job_id(), ()).await.unwrap().unwrap_or_default()
}

/// The accounts drawn for job `job`'s audit (provider first), as the chain has it now.
async fn parties(chain: &Chain, job: u64) -> Vec<AccountId> {
	let record = chain.read(|| format!("audit record {job}"), runtime::storage().audit().audits(), (job,)).await.unwrap();
	record.map(|r| r.parties.0.into_iter().map(|p| p.who).collect()).unwrap_or_default()
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

/// The example programs as jobs, each through the real node, workers and CLI: spot-checked,
/// settled, paid for the fuel it used (less than its limit), its run equal to a local run
/// (`--check-locally`) and its output to the one `compnet run-local` writes. The image filter
/// takes the path tracer's picture, as a consumer chaining two jobs would.
fn program_jobs(url: &str, dir: &Path) {
	const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
	let price = program_job(url, dir, "option_pricer", b"paths=200000 seed=11");
	assert!(price.starts_with(b"price="), "{}", String::from_utf8_lossy(&price));
	let scene = program_job(url, dir, "path_tracer", b"width=96 height=54 samples=8 depth=6 seed=2");
	assert!(scene.starts_with(PNG));
	let filter_input = [&b"blur=1.5 sharpen=2 edges\n"[..], &scene].concat();
	let edges = program_job(url, dir, "image_filter", &filter_input);
	assert!(edges.starts_with(PNG));
	// IHDR: the picture's 96 × 54 pixels, now grey (colour type 0).
	assert_eq!((&edges[16..24], edges[25]), (&[0, 0, 0, 96, 0, 0, 0, 54][..], 0), "the edges of the scene");
}

/// Runs the example program `name` on `input` as a job and locally; returns the job's output.
fn program_job(url: &str, dir: &Path, name: &str, input: &[u8]) -> Vec<u8> {
	let programs = std::env::var_os("COMPNET_PROGRAMS_DIR").map(PathBuf::from).unwrap_or_else(|| {
		PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cache/compnet/programs/wasm32v1-none/release")
	});
	// The limit's value (price × its units) sizes the committee: 10⁹ fuel (64 units) keeps it
	// within the one auditor this network has.
	let fuel = "1000000000";
	let module = programs.join(format!("{name}.wasm"));
	assert!(module.exists(), "{} (run scripts/build-programs)", module.display());
	let input_path = dir.join(format!("{name}.input"));
	std::fs::write(&input_path, input).unwrap();
	let output = dir.join(format!("{name}.job-output"));
	let out = run_ok(
		consumer(url)
			.args(["submit", "--max-price", "0.01", "--fuel", fuel, "--check-locally", "--program"])
			.arg(&module)
			.arg("--input")
			.arg(&input_path)
			.arg("--output")
			.arg(&output),
	);
	for said in ["spot-checked", "settled", "outcome: Finished", "local run gives the same outcome, fuel and output"] {
		assert!(out.contains(said), "{name}: no `{said}` in\n{out}");
	}
	let used: u64 = out
		.split("fuel used: ")
		.nth(1)
		.and_then(|rest| rest.split_whitespace().next())
		.and_then(|n| n.parse().ok())
		.unwrap_or_else(|| panic!("{name}: no fuel in\n{out}"));
	assert!(used > 0 && used < fuel.parse::<u64>().unwrap(), "{name}: billed for {used}, below the limit");
	let local = dir.join(format!("{name}.local-output"));
	run_ok(Command::new(bin("compnet")).args(["run-local", "--fuel", fuel, "--program"]).arg(&module).arg("--input").arg(&input_path).arg("--output").arg(&local));
	let job_output = std::fs::read(&output).unwrap();
	assert_eq!(job_output, std::fs::read(&local).unwrap(), "{name}: the job's output is the local run's");
	job_output
}

/// Sets a runtime parameter kept in storage (`twox_128(name)`: the market's commit and input
/// windows, the spot-check rate, the redraw delay) through sudo, or back to its default with
/// `None`. Windows apply to assignments and draws made afterwards.
async fn set_parameter(sudo: &Chain, name: &[u8], value: Option<Vec<u8>>) {
	use runtime::runtime_types::{compnet_runtime::RuntimeCall, frame_system::pallet::Call as SystemCall};
	let key = sp_crypto_hashing::twox_128(name).to_vec();
	let call = match value.clone() {
		Some(value) => SystemCall::set_storage { items: vec![(key.clone(), value)] },
		None => SystemCall::kill_storage { keys: vec![key.clone()] },
	};
	sudo.submit("set a runtime parameter", &runtime::tx().sudo().sudo(RuntimeCall::System(call))).await.expect("sudo");
	let stored = sudo.client().await.at_current_block().await.unwrap().storage().fetch_raw(key).await.ok();
	assert_eq!(stored, value, "the parameter {} is stored", String::from_utf8_lossy(name));
}

