//! # compnet-worker
//!
//! The CompNet provider's command line: measure the machine, register, bond and offer, and run the
//! service that executes assigned jobs and audits (see the library's crate docs).

use clap::{Parser, Subcommand};
use compnet_kernels::{Device, DeviceChoice};
use compnet_primitives::Region;
use compnet_worker::{
	cli::ChainArgs,
	http, onboard,
	service::{Worker, WorkerConfig},
	units,
};
use std::{process::ExitCode, sync::Arc};

/// The CompNet provider worker.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
	/// Run the provider service: follow the chain, run assigned jobs and audits, serve blobs.
	Run {
		#[command(flatten)]
		chain: ChainArgs,
		/// Address of the blob service and metrics.
		#[arg(long, env = "COMPNET_LISTEN", default_value = "127.0.0.1:8080")]
		listen: std::net::SocketAddr,
		/// Where blobs and job state live.
		#[arg(long, env = "COMPNET_DATA", default_value = "compnet-worker-data")]
		data_dir: std::path::PathBuf,
		/// Blob cache size bound, in MiB.
		#[arg(long, default_value_t = 4096)]
		cache_mib: u64,
		#[command(flatten)]
		limits: http::ServiceLimits,
		/// A PEM certificate chain: the blob service serves HTTPS with it (register an `https://`
		/// endpoint). Needs `--tls-key`.
		#[arg(long, env = "COMPNET_TLS_CERT", requires = "tls_key")]
		tls_cert: Option<std::path::PathBuf>,
		/// The PEM private key of `--tls-cert`.
		#[arg(long, env = "COMPNET_TLS_KEY", requires = "tls_cert")]
		tls_key: Option<std::path::PathBuf>,
		/// Largest working set of one job, in MiB.
		#[arg(long, default_value_t = 8192)]
		max_working_set_mib: u64,
		/// Jobs run at once (match the offer's `max_concurrent`).
		#[arg(long, default_value_t = 1)]
		max_concurrent: usize,
		/// Send a heartbeat every this many finalized blocks (0: never).
		#[arg(long, default_value_t = 20)]
		heartbeat_every: u64,
		/// Seconds an auditor tries to get a job's input (from the consumer, the provider, other
		/// auditors) before it reports it unavailable and is excused.
		#[arg(long, default_value_t = 120)]
		input_patience_secs: u64,
		/// Testing only: alter every result, to see audits catch it and the stake slashed.
		#[arg(long, hide = true)]
		corrupt_results: bool,
		/// Testing only: refuse auditors the input, as a provider that hides from checks would.
		#[arg(long, hide = true)]
		withhold_input: bool,
		/// Testing only: never act on an audit drawn for this worker, as a bribed auditor would.
		#[arg(long, hide = true)]
		ignore_audits: bool,
		/// Testing only: exit right after acknowledging an input, as a machine that dies mid-job would.
		#[arg(long, hide = true)]
		exit_after_acknowledge: bool,
		/// Device for the products: auto (a GPU when the driver is present, else the CPU), cpu, cuda:N.
		#[arg(long, env = "COMPNET_DEVICE", default_value = "auto")]
		device: DeviceChoice,
	},
	/// Measure this machine's matrix-product rate and its capacity in H100-equivalents.
	Benchmark {
		/// Square matrix size.
		#[arg(long, default_value_t = 1024)]
		size: usize,
		/// Seconds to spend on each kernel at least.
		#[arg(long, default_value_t = 1.0)]
		seconds: f64,
		/// Device for the products: auto (a GPU when the driver is present, else the CPU), cpu, cuda:N.
		#[arg(long, env = "COMPNET_DEVICE", default_value = "auto")]
		device: DeviceChoice,
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
		/// The operator account (SS58) running this machine with others; it must accept the
		/// provider (`accept-provider`) before the link counts. Default: the provider itself.
		#[arg(long)]
		operator: Option<compnet_worker::chain::AccountId>,
		/// Device for the products: auto (a GPU when the driver is present, else the CPU), cpu, cuda:N.
		#[arg(long, env = "COMPNET_DEVICE", default_value = "auto")]
		device: DeviceChoice,
	},
	/// Bond stake (`providers.bond`), in CNET.
	Bond {
		#[command(flatten)]
		chain: ChainArgs,
		/// Amount in CNET (e.g. `100` or `12.5`).
		amount: String,
	},
	/// As an operator, accept a provider whose profile names this account
	/// (`providers.accept_provider`): its machines and yours never audit each other. Refused while
	/// the provider runs a job.
	AcceptProvider {
		#[command(flatten)]
		chain: ChainArgs,
		/// The provider's account (SS58).
		provider: compnet_worker::chain::AccountId,
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
	compnet_worker::cli::exit_code(run(Cli::parse()).await)
}

/// Completes on SIGINT or SIGTERM.
async fn shutdown_signal() {
	let ctrl_c = tokio::signal::ctrl_c();
	#[cfg(unix)]
	{
		let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
			Ok(term) => term,
			Err(_) => return ctrl_c.await.unwrap_or(()),
		};
		tokio::select! {
			_ = ctrl_c => {},
			_ = term.recv() => {},
		}
	}
	#[cfg(not(unix))]
	ctrl_c.await.unwrap_or(());
	tracing::info!("signal received, stopping");
}

async fn run(cli: Cli) -> Result<(), String> {
	match cli.command {
		Command::Run {
			chain,
			listen,
			data_dir,
			cache_mib,
			limits,
			tls_cert,
			tls_key,
			max_working_set_mib,
			max_concurrent,
			heartbeat_every,
			input_patience_secs,
			corrupt_results,
			withhold_input,
			ignore_audits,
			exit_after_acknowledge,
			device,
		} => {
			let config = WorkerConfig {
				data_dir,
				cache_bytes: cache_mib << 20,
				max_working_set: (max_working_set_mib as u128) << 20,
				max_concurrent,
				heartbeat_every,
				input_patience: std::time::Duration::from_secs(input_patience_secs),
				corrupt_results,
				withhold_input,
				ignore_audits,
				exit_after_acknowledge,
				transfers: chain.blob_client()?,
			};
			let tls = match (&tls_cert, &tls_key) {
				(Some(cert), Some(key)) => Some(compnet_worker::tls::server_config(cert, key)?),
				_ => None,
			};
			let chain = chain.connect().await?;
			let device = open_device(device)?;
			let worker = Worker::new(chain, device.clone(), config).map_err(|e| e.to_string())?;
			let listener = tokio::net::TcpListener::bind(listen).await.map_err(|e| format!("cannot listen on {listen}: {e}"))?;
			let local = listener.local_addr().map_err(|e| e.to_string())?;
			tracing::info!(account = %worker.account(), device = %device.name(), %local, https = tls.is_some(), "worker started");
			let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
			let mut server_stop = stop_rx.clone();
			let stopped = async move {
				let _ = server_stop.wait_for(|stop| *stop).await;
			};
			let router = http::router(worker.clone(), &limits);
			let server = match tls {
				Some(config) => {
					let listener = compnet_worker::tls::TlsListener::new(listener, config).map_err(|e| e.to_string())?;
					tokio::spawn(async move { axum::serve(listener, router).with_graceful_shutdown(stopped).await })
				},
				None => tokio::spawn(async move { axum::serve(listener, router).with_graceful_shutdown(stopped).await }),
			};
			let mut follow_stop = stop_rx;
			let follower = tokio::spawn(worker.run(async move {
				let _ = follow_stop.wait_for(|stop| *stop).await;
			}));
			shutdown_signal().await;
			let _ = stop_tx.send(true);
			let _ = follower.await;
			let _ = server.await;
			tracing::info!("stopped");
			Ok(())
		},
		Command::Benchmark { size, seconds, device } => {
			let device = open_device(device)?;
			let m = onboard::measure(device.as_ref(), size, seconds).map_err(|e| e.to_string())?;
			println!("device:        {}", m.device);
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
		Command::Register { chain, class, devices, memory_gib, capacity, country, region_group, endpoint, operator, device } => {
			let class = onboard::parse_class(&class)?;
			let region = Region { country: onboard::parse_country(&country)?, group: onboard::parse_group(&region_group)? };
			let capacity = match capacity {
				Some(c) => c,
				None => {
					let m = onboard::measure(open_device(device)?.as_ref(), 512, 0.5).map_err(|e| e.to_string())?;
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
				operator,
			};
			let chain = chain.connect().await?;
			onboard::register(&chain, args).await.map_err(|e| e.to_string())?;
			println!("registered {} as a {class:?} provider, capacity {capacity}/1000 H100", chain.account());
			Ok(())
		},
		Command::AcceptProvider { chain, provider } => {
			let chain = chain.connect().await?;
			onboard::accept_provider(&chain, provider.clone()).await.map_err(|e| e.to_string())?;
			println!("{} accepted provider {provider} as its operator", chain.account());
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

/// Opens the chosen device and says which one runs the products (and why not a GPU, for `auto`).
fn open_device(choice: DeviceChoice) -> Result<Arc<dyn Device>, String> {
	let opened = compnet_kernels::open(choice).map_err(|e| format!("cannot open device {choice}: {e}"))?;
	match opened.no_gpu {
		Some(why) => tracing::info!(device = %opened.device.name(), "no GPU used: {why}"),
		None => tracing::info!(device = %opened.device.name(), "device opened"),
	}
	Ok(opened.device)
}
