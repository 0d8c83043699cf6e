//! # compnet-worker
//!
//! The CompNet provider's service. It will follow the chain, fetch job inputs, run the workloads on
//! GPU (cudarc) or CPU with bit-identical results, and commit and reveal result roots (issue #5).
//!
//! For now it is only the binary's command line, so that the workspace layout is complete and
//! the crate builds with everything else.

use clap::Parser;

/// The CompNet provider worker.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
	/// The node's WebSocket RPC endpoint.
	#[arg(long, env = "COMPNET_URL", default_value = "ws://127.0.0.1:9944")]
	url: String,
}

fn main() {
	let cli = Cli::parse();
	eprintln!(
		"compnet-worker {}: the job pipeline is not implemented yet (node at {})",
		env!("CARGO_PKG_VERSION"),
		cli.url
	);
	std::process::exit(2);
}
