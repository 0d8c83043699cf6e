//! # compnet
//!
//! The consumer's command line: quote a job, or submit it with its input, follow it, and fetch and
//! verify its result.
//!
//! ```text
//! compnet quote  --workload gemm-i8:256x256x256 --max-price 0.01
//! compnet submit --workload train-mlp:16x32x4:8:200 --max-price 0.01 --generate 7 --output weights.bin
//! ```

use clap::{Args, Parser, Subcommand};
use compnet_worker::{
	cli::ChainArgs,
	compute::{self, inputs},
	consumer::{self, JobOrder},
	units,
};
use std::{path::PathBuf, process::ExitCode};

/// The CompNet consumer's command line.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

/// The job to price or buy.
#[derive(Debug, Args)]
struct OrderArgs {
	#[command(flatten)]
	chain: ChainArgs,
	/// gemm-i8:MxNxK, gemm-f32:MxNxK or train-mlp:IxHxO:BATCH:STEPS.
	#[arg(long)]
	workload: String,
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
		Ok(JobOrder {
			workload: consumer::parse_workload(&self.workload)?,
			max_price_per_unit: units::parse_cnet(&self.max_price)?,
			deadline_blocks: self.deadline_blocks,
			regions: consumer::parse_regions(&self.regions)?,
			sensitivity: consumer::parse_sensitivity(&self.sensitivity)?,
		})
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
		/// Also compute the job here and compare bytes.
		#[arg(long)]
		check_locally: bool,
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
		Command::Submit { order, input, generate, output, check_locally } => {
			let job = order.order()?;
			let bytes = match (input, generate) {
				(Some(path), _) => std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?,
				(None, seed) => inputs::generate(&job.workload, seed.unwrap_or(1)).ok_or("this workload's input cannot be generated")?,
			};
			let chain = order.chain.connect().await?;
			let outcome = consumer::submit(&chain, &job, bytes.clone(), |line| println!("[compnet] {line}")).await?;
			let Some(result) = outcome.result else {
				return Err(format!("job {} produced no result; nothing was paid", outcome.job));
			};
			println!(
				"[compnet] cost {} of at most {} ({:.1}% of the bid)",
				units::format_cnet(outcome.paid),
				units::format_cnet(outcome.max_cost),
				100.0 * outcome.paid as f64 / outcome.max_cost.max(1) as f64
			);
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
