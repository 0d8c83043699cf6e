//! # compnet-worker
//!
//! The CompNet provider's command line: measure the machine, register, bond and offer, and run the
//! service that executes assigned jobs and audits (see the library's crate docs).

use clap::{Args, Parser, Subcommand};
use compnet_kernels::CpuDevice;
use compnet_primitives::Region;
use compnet_worker::{
	chain::{self, Backoff, Chain},
	onboard, units,
};
use std::process::ExitCode;

/// The CompNet provider worker.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

/// How to reach the chain and sign.
#[derive(Debug, Args)]
struct ChainArgs {
	/// The node's WebSocket RPC endpoint.
	#[arg(long, env = "COMPNET_URL", default_value = "ws://127.0.0.1:9944")]
	url: String,
	/// The provider's secret key URI (`//Alice`, a mnemonic, or a `0x` seed).
	#[arg(long, env = "COMPNET_SURI")]
	suri: String,
	/// Connection attempts before giving up (0: retry forever).
	#[arg(long, env = "COMPNET_CONNECT_ATTEMPTS", default_value_t = 10)]
	connect_attempts: u32,
}

impl ChainArgs {
	async fn connect(&self) -> Result<std::sync::Arc<Chain>, String> {
		let key = chain::keypair(&self.suri).map_err(|e| e.to_string())?;
		let backoff = Backoff { attempts: self.connect_attempts, ..Backoff::default() };
		Chain::connect(&self.url, key, backoff).await.map_err(|e| e.to_string())
	}
}

#[derive(Debug, Subcommand)]
enum Command {
	/// Measure this machine's matrix-product rate and its capacity in H100-equivalents.
	Benchmark {
		/// Square matrix size.
		#[arg(long, default_value_t = 1024)]
		size: usize,
		/// Seconds to spend on each kernel at least.
		#[arg(long, default_value_t = 1.0)]
		seconds: f64,
	},
	/// Register this machine as a provider (`providers.register`).
	Register {
		#[command(flatten)]
		chain: ChainArgs,
		/// Hardware class: h200, h100, a100, l40s, rtx4090, rtx3090 or cpu.
		#[arg(long)]
		class: String,
		/// Devices of that class.
		#[arg(long, default_value_t = 1)]
		devices: u32,
		/// Memory per device in GiB (default: the class's).
		#[arg(long)]
		memory_gib: Option<u32>,
		/// Capacity in thousandths of an H100 (default: measured now, as `benchmark` does).
		#[arg(long)]
		capacity: Option<u64>,
		/// Country code (ISO 3166-1 alpha-2).
		#[arg(long)]
		country: String,
		/// Region group: north-america, latin-america, europe, middle-east-africa, asia, oceania.
		#[arg(long)]
		region_group: String,
		/// The public URL of this worker's blob service.
		#[arg(long)]
		endpoint: String,
	},
	/// Bond stake (`providers.bond`), in CNET.
	Bond {
		#[command(flatten)]
		chain: ChainArgs,
		/// Amount in CNET (e.g. `100` or `12.5`).
		amount: String,
	},
	/// Publish or change the offer (`market.set_offer`).
	Offer {
		#[command(flatten)]
		chain: ChainArgs,
		/// Price per compute unit (10^9 multiply-accumulates), in CNET.
		#[arg(long)]
		price: String,
		/// Jobs run at once.
		#[arg(long, default_value_t = 1)]
		max_concurrent: u32,
		/// Stop taking new jobs (keeps the offer).
		#[arg(long)]
		unavailable: bool,
	},
}

#[tokio::main]
async fn main() -> ExitCode {
	compnet_worker::logging::init();
	match run(Cli::parse()).await {
		Ok(()) => ExitCode::SUCCESS,
		Err(e) => {
			eprintln!("error: {e}");
			ExitCode::FAILURE
		},
	}
}

async fn run(cli: Cli) -> Result<(), String> {
	match cli.command {
		Command::Benchmark { size, seconds } => {
			let device = CpuDevice::default();
			let m = onboard::measure(&device, size, seconds).map_err(|e| e.to_string())?;
			println!("device:        {} ({} threads)", m.device, device.threads);
			println!("gemm-i8:       {:.2} GOP/s ({size}×{size}×{size})", m.int8_ops / 1e9);
			println!("gemm-f32:      {:.2} GFLOP/s", m.f32_ops / 1e9);
			println!(
				"capacity:      {} thousandths of an H100 ({:.6} H100-equivalents; H100 int8 = {} TOP/s)",
				m.capacity(),
				m.int8_ops / onboard::H100_INT8_OPS,
				onboard::H100_INT8_OPS / 1e12
			);
			Ok(())
		},
		Command::Register { chain, class, devices, memory_gib, capacity, country, region_group, endpoint } => {
			let class = onboard::parse_class(&class)?;
			let region = Region { country: onboard::parse_country(&country)?, group: onboard::parse_group(&region_group)? };
			let capacity = match capacity {
				Some(c) => c,
				None => {
					let m = onboard::measure(&CpuDevice::default(), 512, 0.5).map_err(|e| e.to_string())?;
					(m.capacity() * devices as u64).min(class.h100_equivalent() * devices as u64)
				},
			};
			let args = onboard::ProfileArgs {
				class,
				devices,
				memory_gib: memory_gib.unwrap_or(class.memory_gib()),
				capacity,
				region,
				endpoint,
				operator: None,
			};
			let chain = chain.connect().await?;
			onboard::register(&chain, args).await.map_err(|e| e.to_string())?;
			println!("registered {} as a {class:?} provider, capacity {capacity}/1000 H100", chain.account());
			Ok(())
		},
		Command::Bond { chain, amount } => {
			let amount = units::parse_cnet(&amount)?;
			let chain = chain.connect().await?;
			onboard::bond(&chain, amount).await.map_err(|e| e.to_string())?;
			println!("bonded {} from {}", units::format_cnet(amount), chain.account());
			Ok(())
		},
		Command::Offer { chain, price, max_concurrent, unavailable } => {
			let price = units::parse_cnet(&price)?;
			let chain = chain.connect().await?;
			onboard::offer(&chain, price, max_concurrent, !unavailable).await.map_err(|e| e.to_string())?;
			println!("offer: {} per unit, {max_concurrent} at once, available: {}", units::format_cnet(price), !unavailable);
			Ok(())
		},
	}
}
