//! Command-line arguments both binaries share.

use crate::chain::{self, Backoff, Chain};
use std::{process::ExitCode, sync::Arc};

/// A binary's exit: success, or the error on stderr and a failure code.
pub fn exit_code(result: Result<(), String>) -> ExitCode {
	match result {
		Ok(()) => ExitCode::SUCCESS,
		Err(e) => {
			eprintln!("error: {e}");
			ExitCode::FAILURE
		},
	}
}

/// How to reach the chain and sign.
#[derive(Clone, Debug, clap::Args)]
pub struct ChainArgs {
	/// The node's WebSocket RPC endpoint.
	#[arg(long, env = "COMPNET_URL", default_value = "ws://127.0.0.1:9944")]
	pub url: String,
	/// The secret key URI to sign with (`//Alice`, a mnemonic, or a `0x` seed).
	#[arg(long, env = "COMPNET_SURI")]
	pub suri: String,
	/// Connection attempts before giving up (0: retry forever).
	#[arg(long, env = "COMPNET_CONNECT_ATTEMPTS", default_value_t = 10)]
	pub connect_attempts: u32,
	/// Dial blob endpoints in loopback and private address ranges (a local network or a test;
	/// off, only public addresses are dialled: `crate::endpoint`).
	#[arg(long, env = "COMPNET_ALLOW_PRIVATE_ENDPOINTS")]
	pub allow_private_endpoints: bool,
	/// A PEM certificate to trust for HTTPS blob endpoints besides the system's roots (a private
	/// CA, or a worker's self-signed certificate).
	#[arg(long, env = "COMPNET_TLS_CA")]
	pub tls_ca: Option<std::path::PathBuf>,
}

impl ChainArgs {
	/// The blob transfers these settings allow.
	pub fn blob_client(&self) -> Result<crate::blob_client::BlobClient, String> {
		let policy = crate::endpoint::EndpointPolicy { allow_private: self.allow_private_endpoints };
		let root = self.tls_ca.as_deref().map(crate::tls::extra_root).transpose()?;
		Ok(crate::blob_client::BlobClient::trusting(policy, root))
	}

	/// Connects and returns the chain client with its signer.
	pub async fn connect(&self) -> Result<Arc<Chain>, String> {
		let key = chain::keypair(&self.suri).map_err(|e| e.to_string())?;
		let backoff = Backoff { attempts: self.connect_attempts, ..Backoff::default() };
		Chain::connect(&self.url, key, backoff).await.map_err(|e| e.to_string())
	}
}
