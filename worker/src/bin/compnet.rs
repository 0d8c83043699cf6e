//! # compnet
//!
//! The consumer's command line: quote a job, or submit it with its input, follow it, and fetch and
//! verify its result.
//!
//! ```text
//! compnet quote  --workload gemm-i8:256x256x256 --max-price 0.01
//! compnet submit --workload train-mlp:16x32x4:8:200 --max-price 0.01 --generate 7 --output weights.bin
//! compnet keygen --keys ./he-keys
//! compnet submit --workload he-linear:64x64:32 --sensitivity high --he-keys ./he-keys \
//!     --weights w.txt --vectors x.txt --max-price 0.01 --output y.txt
//! compnet submit --workload he-linear:10x64x64:32 --sensitivity high --he-keys ./he-keys \
//!     --weights w.txt --second-weights w2.txt --vectors x.txt --max-price 0.01 --output y.txt
//! compnet submit --program path_tracer.wasm --input scene.txt --fuel 20000000000 \
//!     --max-price 0.01 --output scene.png
//! COMPNET_SURI=//Alice COMPNET_CANARY_PAYERS=//Canary1,//Canary2 \
//!     compnet canary --workload gemm-i8:256x256x256 --max-price 0.01 --count 4 --mean-gap-secs 3600
//! ```

use clap::{Args, Parser, Subcommand};
use compnet_worker::{
	canary::{self, Canary},
	cli::ChainArgs,
	compute::{self, inputs},
	consumer::{self, JobOrder},
	he_client, units,
};
use compnet_primitives::Workload;
use std::{path::PathBuf, process::ExitCode, time::Duration};

/// The CompNet consumer's command line.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

/// The job to price or buy.
/// A program's limits, the same for a job and for a local run.
#[derive(Debug, Args)]
struct ProgramLimitArgs {
	/// The fuel limit: the most the program may execute (a job's escrow covers it; the fuel
	/// used is paid).
	#[arg(long, default_value_t = 10_000_000_000)]
	fuel: u64,
	/// The memory limit, in MiB.
	#[arg(long, default_value_t = 256)]
	memory_mib: u32,
	/// The output limit, in KiB.
	#[arg(long, default_value_t = 65_536)]
	output_kib: u32,
}

impl ProgramLimitArgs {
	/// The `wasm` workload of `module` under these limits.
	fn workload(&self, module: &[u8]) -> Result<Workload, String> {
		consumer::program_workload(module, self.fuel, self.memory_mib, self.output_kib)
	}
}

#[derive(Debug, Args)]
struct OrderArgs {
	#[command(flatten)]
	chain: ChainArgs,
	/// gemm-i8:MxNxK, gemm-f32:MxNxK, train-mlp:IxHxO:BATCH:STEPS or
	/// he-linear:[SECONDx]ROWSxCOLS:BATCH[:encrypted-weights] (SECOND: rows of a second layer).
	#[arg(long, required_unless_present = "program", conflicts_with = "program")]
	workload: Option<String>,
	/// A WebAssembly program to run instead (docs/wasm.md): the job is a `wasm` workload billed
	/// by the fuel it uses.
	#[arg(long)]
	program: Option<PathBuf>,
	/// With --program: its limits.
	#[command(flatten)]
	limits: ProgramLimitArgs,
	/// The most to pay per compute unit (10^9 multiply-accumulates), in CNET.
	#[arg(long)]
	max_price: String,
	/// Blocks until the job expires if no provider takes it; at least the commit window (200).
	#[arg(long, default_value_t = 600)]
	deadline_blocks: u32,
	/// `any`, or region groups separated by commas (europe,north-america,…).
	#[arg(long, default_value = "any")]
	regions: String,
	/// low, standard or high.
	#[arg(long, default_value = "low")]
	sensitivity: String,
}

impl OrderArgs {
	fn order(&self) -> Result<JobOrder, String> {
		let workload = match (&self.workload, self.program_bytes()?) {
			(_, Some(module)) => self.limits.workload(&module)?,
			(Some(text), None) => consumer::parse_workload(text)?,
			(None, None) => return Err("give --workload or --program".into()),
		};
		Ok(JobOrder {
			workload,
			max_price_per_unit: units::parse_cnet(&self.max_price)?,
			deadline_blocks: self.deadline_blocks,
			regions: consumer::parse_regions(&self.regions)?,
			sensitivity: consumer::parse_sensitivity(&self.sensitivity)?,
		})
	}

	/// The program's module, with --program.
	fn program_bytes(&self) -> Result<Option<Vec<u8>>, String> {
		self.program.as_ref().map(|path| std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))).transpose()
	}

	/// The workload as the user gave it, for messages.
	fn describe(&self) -> String {
		match (&self.workload, &self.program) {
			(Some(text), _) => text.clone(),
			(None, Some(path)) => format!("the program {}", path.display()),
			(None, None) => "nothing".into(),
		}
	}
}

#[derive(Debug, Subcommand)]
enum Command {
	/// The market's best offer for a job, or why nothing matches.
	Quote {
		#[command(flatten)]
		order: OrderArgs,
	},
	/// Submit a job, upload its input, wait, and download and verify the result.
	Submit {
		#[command(flatten)]
		order: OrderArgs,
		/// The input file, in the workload's layout (see docs/worker.md).
		#[arg(long, conflicts_with = "generate")]
		input: Option<PathBuf>,
		/// Generate the input from this seed instead.
		#[arg(long)]
		generate: Option<u64>,
		/// Where to write the result.
		#[arg(long)]
		output: Option<PathBuf>,
		/// Also compute the job here and compare bytes (he-linear: compare the decrypted answer
		/// with the plaintext product).
		#[arg(long)]
		check_locally: bool,
		/// he-linear: the key directory (`compnet keygen`).
		#[arg(long)]
		he_keys: Option<PathBuf>,
		/// Submit the input without checking it fits the workload (testing: what a careless
		/// consumer would do; the provider answers with the canonical invalid-input result).
		#[arg(long, hide = true)]
		skip_input_check: bool,
		/// Never upload the input (testing: what a consumer griefing providers would do; the
		/// job ends when the provider's input window closes, and the job deposit is burnt).
		#[arg(long, hide = true)]
		skip_upload: bool,
		/// Upload the input to the provider but not to the auditors (testing: a consumer gone
		/// once the job runs; auditors then depend on other holders).
		#[arg(long, hide = true)]
		no_serve_auditors: bool,
		/// he-linear: W as text, ROWS lines of COLS integers (in the clear, or encrypted with
		/// `:encrypted-weights`).
		#[arg(long, requires = "vectors")]
		weights: Option<PathBuf>,
		/// he-linear with a second layer: W₂ as text, SECOND lines of ROWS integers.
		#[arg(long, requires = "weights")]
		second_weights: Option<PathBuf>,
		/// he-linear: the input vectors as text, BATCH lines of COLS integers (sent encrypted).
		#[arg(long, requires = "weights")]
		vectors: Option<PathBuf>,
	},
	/// Run canaries (docs/audit.md, "Canaries: the operating rule"): seal a batch of fresh inputs'
	/// right answers with the canary origin's key (`--suri`, sudo on the dev chain), then submit
	/// each from a payer account at exponentially spaced times, like any consumer, and reveal the
	/// answer once the provider revealed: a wrong provider and the auditors that agreed with it
	/// are slashed.
	Canary {
		#[command(flatten)]
		order: OrderArgs,
		/// Canaries in the batch, sealed together.
		#[arg(long, default_value_t = 1)]
		count: u32,
		/// Mean seconds between two submissions (exponential gaps: a Poisson schedule); 0 submits
		/// them one after the other.
		#[arg(long, default_value_t = 0)]
		mean_gap_secs: u64,
		/// Secret key URIs of the accounts that pay for the canaries, comma-separated: accounts
		/// that also submit ordinary jobs and that no transfer links to the canary origin.
		#[arg(long, env = "COMPNET_CANARY_PAYERS", value_delimiter = ',', required = true)]
		payers: Vec<String>,
		/// The most canaries one payer account submits before the batch needs another.
		#[arg(long, default_value_t = 3)]
		uses_per_payer: u32,
	},
	/// Run a WebAssembly program here as a provider would (docs/wasm.md): print its outcome, the
	/// fuel it used, the compute units that bills and, with --price-per-unit, the cost; write its
	/// output to --output.
	RunLocal {
		/// The program (a module built with the compnet-guest crate for wasm32v1-none).
		#[arg(long)]
		program: PathBuf,
		/// Its input file (empty when left out).
		#[arg(long)]
		input: Option<PathBuf>,
		/// Its limits, as a job would have them.
		#[command(flatten)]
		limits: ProgramLimitArgs,
		/// Where to write the output (its size is printed either way).
		#[arg(long)]
		output: Option<PathBuf>,
		/// A price per compute unit in CNET, to print what the run would cost and what the fuel
		/// limit holds in escrow.
		#[arg(long)]
		price_per_unit: Option<String>,
	},
	/// Create a key directory for encrypted (he-linear) jobs: the secret key stays here.
	Keygen {
		/// The directory to create the keys in.
		#[arg(long)]
		keys: PathBuf,
		/// Also make the evaluation key for a ROWSxCOLS layer (SECONDxROWSxCOLS: two layers) now,
		/// and report its size.
		#[arg(long)]
		layer: Option<String>,
		/// With --layer: the key for encrypted weights (adds the relinearization key).
		#[arg(long, requires = "layer")]
		encrypted_weights: bool,
	},
}

#[tokio::main]
async fn main() -> ExitCode {
	compnet_worker::logging::init();
	compnet_worker::cli::exit_code(run(Cli::parse()).await)
}

async fn run(cli: Cli) -> Result<(), String> {
	match cli.command {
		Command::Quote { order } => {
			let job = order.order()?;
			let chain = order.chain.connect().await?;
			println!("{}", consumer::quote(&chain, &job).await.map_err(|e| e.to_string())?);
			Ok(())
		},
		Command::Canary { order, count, mean_gap_secs, payers, uses_per_payer } =>
			run_canaries(&order, count, Duration::from_secs(mean_gap_secs), &payers, uses_per_payer).await,
		Command::RunLocal { program, input, limits, output, price_per_unit } => {
			let read = |path: &PathBuf| std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()));
			let module = read(&program)?;
			let input = input.as_ref().map(read).transpose()?.unwrap_or_default();
			// The limits a provider would run the job under, within the default chain bounds.
			let fuel = limits.fuel;
			let limits = compnet_wasm::Limits::of_job(&limits.workload(&module)?, &compnet_primitives::ProgramLimits::DEFAULT)
				.expect("a program workload");
			let runner = compnet_wasm::Runner::new(None).map_err(|e| e.to_string())?;
			let started = std::time::Instant::now();
			let run = runner.run(&module, &input, &limits).map_err(|e| e.to_string())?;
			let elapsed = started.elapsed();
			let units = compnet_wasm::billing::units(run.fuel_used);
			println!("outcome: {:?}", run.outcome);
			println!("fuel: {} of {} ({units} compute units; {elapsed:.2?} here)", run.fuel_used, fuel);
			if let Some(price) = price_per_unit {
				let price = units::parse_cnet(&price)?;
				let limit_units = compnet_wasm::billing::units(fuel);
				println!(
					"cost: {} at {} a unit (the fuel limit would hold {} in escrow)",
					units::format_cnet(price.saturating_mul(units as u128)),
					units::format_cnet(price),
					units::format_cnet(price.saturating_mul(limit_units as u128))
				);
			}
			match output {
				Some(path) => {
					std::fs::write(&path, &run.output).map_err(|e| format!("{}: {e}", path.display()))?;
					println!("output: {} bytes written to {}", run.output.len(), path.display());
				},
				None => println!("output: {} bytes: {}", run.output.len(), String::from_utf8_lossy(&run.output[..run.output.len().min(512)])),
			}
			Ok(())
		},
		Command::Keygen { keys, layer, encrypted_weights } => {
			let dir = he_client::KeyDir::create(&keys)?;
			println!("secret key written to {} ({} bytes; keep it: only it decrypts results)", keys.join("secret.key").display(), dir.secret.to_bytes().len());
			if let Some(layer) = layer {
				let layout = parse_layer(&layer)?;
				let sizes = dir.sizes(&layout, encrypted_weights)?;
				println!(
					"evaluation key for {layer} (side {}, ring degree {}): {} bytes, {} rotations",
					layout.d,
					layout.ring.degree(),
					sizes.evaluation,
					layout.rotations().len()
				);
				if encrypted_weights {
					println!("  of which the relinearization key (for encrypted weights): {} bytes", sizes.relinearization);
				}
			}
			Ok(())
		},
		Command::Submit {
			order,
			input,
			generate,
			output,
			check_locally,
			skip_input_check,
			skip_upload,
			no_serve_auditors,
			he_keys,
			weights,
			second_weights,
			vectors,
		} => {
			let job = order.order()?;
			if let Some(module) = order.program_bytes()? {
				let input = match input {
					Some(path) => std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?,
					None => Vec::new(),
				};
				return submit_program(&order, job, module, input, output, check_locally).await;
			}
			if let Workload::HeLinear { batch, encrypted_weights, .. } = job.workload {
				let layout = compute::he_layout(&job.workload).map_err(|e| e.to_string())?;
				let encrypted = Encrypted { keys: he_keys, weights, second_weights, vectors, generate, encrypted_weights };
				return submit_encrypted(&order, job, (layout, batch as usize), encrypted, output, check_locally).await;
			}
			let bytes = match (input, generate) {
				(Some(path), _) => std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?,
				(None, seed) => inputs::generate(&job.workload, seed.unwrap_or(1)).ok_or("this workload's input cannot be generated")?,
			};
			if !skip_input_check {
				// Refused here, before any escrow is held, rather than paid for as an invalid input.
				compute::check_input(&job.workload, &bytes).map_err(|e| format!("the input does not fit {}: {e}", order.describe()))?;
			}
			let chain = order.chain.connect().await?;
			let delivery = match (skip_upload, no_serve_auditors) {
				(true, _) => consumer::Delivery::Withheld,
				(false, true) => consumer::Delivery::ProviderOnly,
				(false, false) => consumer::Delivery::Upload,
			};
			let outcome =
				consumer::submit(&chain, &order.chain.blob_client()?, &job, bytes.clone(), Vec::new(), delivery, |line| println!("[compnet] {line}")).await?;
			let Some(result) = outcome.result.clone() else {
				return Err(format!("job {} produced no result; nothing was paid", outcome.job));
			};
			report_cost(&outcome);
			if let Some(shape) = compute::mlp_shape(&job.workload) {
				report_training(&bytes, &result, shape);
			}
			if check_locally {
				let local = compute::run(&compnet_kernels::CpuDevice::default(), &job.workload, &bytes, u128::MAX)
					.map_err(|e| e.to_string())?;
				if local != result {
					return Err("the provider's result differs from the local computation".into());
				}
				println!("[compnet] local computation gives the same bytes");
			}
			if let Some(path) = output {
				std::fs::write(&path, &result).map_err(|e| format!("{}: {e}", path.display()))?;
				println!("[compnet] result written to {}", path.display());
			}
			Ok(())
		},
	}
}

/// Seals `count` canaries, then submits each from the next payer (each used at most
/// `uses_per_payer` times) after an exponential gap of mean `mean_gap`, and reports each check.
async fn run_canaries(order: &OrderArgs, count: u32, mean_gap: Duration, payers: &[String], uses_per_payer: u32) -> Result<(), String> {
	use rand::SeedableRng;
	let job = order.order()?;
	if matches!(job.workload, Workload::HeLinear { .. }) {
		return Err("canaries are plaintext workloads: an he-linear result is encrypted under the consumer's key".into());
	}
	if matches!(job.workload, Workload::Wasm { .. }) {
		return Err("canaries are workloads billed by their shape: the chain never takes a program job for a canary".into());
	}
	if count as usize > payers.len() * uses_per_payer as usize {
		return Err(format!("{count} canaries need more payers: {} at {uses_per_payer} each", payers.len()));
	}
	let mut rng = rand::rngs::StdRng::from_entropy();
	let canaries = (0..count).map(|_| Canary::fresh(job.workload, &mut rng)).collect::<Result<Vec<_>, _>>()?;
	let sealer = order.chain.connect().await?;
	canary::seal_batch(&sealer, &canaries).await.map_err(|e| e.to_string())?;
	println!("[canary] sealed {count} canaries of {}", order.describe());
	let (mut failed, mut unchecked) = (0, 0);
	for (n, canary) in canaries.iter().enumerate() {
		if !mean_gap.is_zero() {
			let gap = canary::poisson_gap(mean_gap, &mut rng);
			println!("[canary] next submission in {:.0} s", gap.as_secs_f64());
			tokio::time::sleep(gap).await;
		}
		let suri = &payers[n / uses_per_payer as usize];
		let payer = ChainArgs { suri: suri.clone(), ..order.chain.clone() }.connect().await?;
		let report = canary::run(&sealer, &payer, &order.chain.blob_client()?, &job, canary, |line| println!("[canary] {line}")).await?;
		match report.passed {
			Some(true) => println!("[canary] job {}: the provider's answer was right", report.job),
			Some(false) => {
				failed += 1;
				println!("[canary] job {}: the provider's answer was WRONG: it and the auditors that agreed were slashed", report.job);
			},
			None => {
				unchecked += 1;
				println!("[canary] job {}: the provider never revealed; the audit already dealt with it", report.job);
			},
		}
	}
	println!("[canary] {count} run: {failed} wrong, {unchecked} not revealed");
	Ok(())
}

/// Submits a program job: the module travels as a blob beside the input; the result is the run
/// (outcome, fuel used, output), checked against the revealed root and fuel.
async fn submit_program(
	order: &OrderArgs,
	job: JobOrder,
	module: Vec<u8>,
	input: Vec<u8>,
	output: Option<PathBuf>,
	check_locally: bool,
) -> Result<(), String> {
	let chain = order.chain.connect().await?;
	let limits = chain.program_limits().await.map_err(|e| e.to_string())?;
	if module.len() > limits.module_bytes as usize {
		return Err(format!("the module is {} bytes; the chain takes at most {}", module.len(), limits.module_bytes));
	}
	let outcome = consumer::submit(&chain, &order.chain.blob_client()?, &job, input.clone(), vec![module.clone()], consumer::Delivery::Upload, |line| {
		println!("[compnet] {line}")
	})
	.await?;
	let Some(result) = outcome.result.clone() else {
		return Err(format!("job {} produced no result; nothing was paid", outcome.job));
	};
	report_cost(&outcome);
	let run = compute::program::parse_result(&result).ok_or("the result is not a program's run")?;
	println!("[compnet] outcome: {:?}; fuel used: {} of {} ({} compute units)", run.outcome, run.fuel_used, order.limits.fuel, compnet_primitives::fuel_units(run.fuel_used));
	if check_locally {
		let runner = compnet_wasm::Runner::new(None).map_err(|e| e.to_string())?;
		let local = compute::program::run(&runner, &job.workload, &limits, &module, &input).map_err(|e| e.to_string())?;
		if local != run {
			return Err(format!("the provider's run differs from the local one: {:?} with {} fuel here", local.outcome, local.fuel_used));
		}
		println!("[compnet] local run gives the same outcome, fuel and output");
	}
	match output {
		Some(path) => {
			std::fs::write(&path, &run.output).map_err(|e| format!("{}: {e}", path.display()))?;
			println!("[compnet] output ({} bytes) written to {}", run.output.len(), path.display());
		},
		None => println!("[compnet] output: {}", String::from_utf8_lossy(&run.output[..run.output.len().min(512)])),
	}
	Ok(())
}

/// What an `he-linear` submission needs besides the order.
struct Encrypted {
	keys: Option<PathBuf>,
	weights: Option<PathBuf>,
	second_weights: Option<PathBuf>,
	vectors: Option<PathBuf>,
	generate: Option<u64>,
	encrypted_weights: bool,
}

/// Encrypts the vectors, submits the job with its evaluation key, and decrypts the answer.
async fn submit_encrypted(
	order: &OrderArgs,
	job: JobOrder,
	(layout, batch): (compnet_he::Layout, usize),
	encrypted: Encrypted,
	output: Option<PathBuf>,
	check_locally: bool,
) -> Result<(), String> {
	let keys = he_client::KeyDir::open(&encrypted.keys.ok_or("an he-linear job needs --he-keys DIR (see `compnet keygen`)")?)?;
	let (w, xs) = match (encrypted.weights, encrypted.second_weights, encrypted.vectors) {
		(Some(w), w2, Some(x)) => {
			if w2.is_some() != layout.second.is_some() {
				return Err("--second-weights goes with a second layer (he-linear:SECONDxROWSxCOLS), and only with one".into());
			}
			let mut w = he_client::read_matrix(&w)?.concat();
			if let Some(w2) = w2 {
				w.extend(he_client::read_matrix(&w2)?.concat());
			}
			(w, he_client::read_matrix(&x)?)
		},
		_ => he_client::generate(&layout, batch, encrypted.generate.unwrap_or(1)),
	};
	if w.len() != layout.weight_count() || xs.len() != batch {
		return Err(format!("the job is {layout} with {batch} vectors; got {} weights and {} vectors", w.len(), xs.len()));
	}
	let expected = xs
		.iter()
		.map(|x| compnet_he::plain_layers(&layout, &w, x))
		.collect::<Result<Vec<_>, _>>()
		.map_err(|e| format!("{e}: scale the weights or inputs down"))?;
	let key_blob = keys.evaluation_blob(&layout, encrypted.encrypted_weights)?;
	let input = keys.input_blob(&layout, &w, &xs, &key_blob, encrypted.encrypted_weights)?;
	let product = if layout.second.is_some() { "W₂·W₁·x" } else { "W·x" };
	let weights = match (encrypted.encrypted_weights, layout.second) {
		(false, _) => "W in the clear".to_string(),
		(true, None) => format!("{} encrypted diagonals of W", layout.d),
		(true, Some(_)) => format!("{} encrypted diagonals of W₁ and W₂", 2 * layout.d),
	};
	println!(
		"[compnet] encrypted {batch} vectors into {} ciphertexts for {layout}, with {weights}: input {} bytes; evaluation key {} bytes",
		layout.ciphertexts(batch),
		input.len(),
		key_blob.len()
	);
	let chain = order.chain.connect().await?;
	let outcome =
		consumer::submit(&chain, &order.chain.blob_client()?, &job, input, vec![key_blob], consumer::Delivery::Upload, |line| println!("[compnet] {line}")).await?;
	let Some(result) = outcome.result.clone() else {
		return Err(format!("job {} produced no result; nothing was paid", outcome.job));
	};
	report_cost(&outcome);
	let ys = keys.decrypt(&layout, &result, batch)?;
	let outputs = layout.outputs();
	println!("[compnet] decrypted {batch} output vectors of {outputs}; first: {:?}", &ys[0][..outputs.min(8)]);
	if check_locally {
		if ys != expected {
			return Err(format!("the decrypted answer differs from {product} computed here in the clear"));
		}
		println!("[compnet] the decrypted answer equals {product} computed here in the clear");
	}
	if let Some(path) = output {
		std::fs::write(&path, he_client::format_matrix(&ys)).map_err(|e| format!("{}: {e}", path.display()))?;
		println!("[compnet] decrypted outputs written to {}", path.display());
	}
	Ok(())
}

/// Prints what the job cost against the bid.
fn report_cost(outcome: &consumer::Outcome) {
	println!(
		"[compnet] cost {} of at most {} ({:.1}% of the bid)",
		units::format_cnet(outcome.paid),
		units::format_cnet(outcome.max_cost),
		100.0 * outcome.paid as f64 / outcome.max_cost.max(1) as f64
	);
}

/// Parses `ROWSxCOLS`, or `SECONDxROWSxCOLS` for two layers.
fn parse_layer(text: &str) -> Result<compnet_he::Layout, String> {
	let bad = || format!("`{text}`: expected ROWSxCOLS or SECONDxROWSxCOLS");
	let dims: Vec<usize> = text.split('x').map(|v| v.parse().map_err(|_| bad())).collect::<Result<_, _>>()?;
	let layout = match dims[..] {
		[rows, cols] => compnet_he::Layout::new(rows, cols),
		[second, rows, cols] => compnet_he::Layout::of(rows, cols, Some(second)),
		_ => return Err(bad()),
	};
	layout.map_err(|e| e.to_string())
}

/// Prints the training loss before and after, for a `train-mlp` result.
fn report_training(input: &[u8], result: &[u8], shape: compnet_kernels::mlp::Shape) {
	use compnet_kernels::{layout, mlp};
	let (Ok(data), Some(trained)) =
		(layout::parse_mlp(input, shape.input, shape.hidden, shape.output), mlp::Trained::from_bytes(result, shape))
	else {
		return;
	};
	let before = mlp::loss(shape, &data.initial(), &data.x, &data.y);
	let after = mlp::loss(shape, &trained, &data.x, &data.y);
	println!("[compnet] training loss {before:.5} → {after:.5}");
}
