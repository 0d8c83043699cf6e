//! The chain connection: typed calls, storage and events generated from the committed metadata,
//! one client behind a reconnecting wrapper, and a local nonce counter for bursts of transactions.
//!
//! The worker reads state at the latest **finalized** block and treats a transaction as done only
//! once it is in a finalized block with success.

use std::{sync::Arc, time::Duration};
use subxt::{
	config::DefaultExtrinsicParamsBuilder,
	error::{TransactionFinalizedSuccessError, TransactionProgressError, TransactionStatusError},
	extrinsics::ExtrinsicEvents,
	tx::Payload,
	utils::AccountId32,
	OnlineClient, PolkadotConfig,
};
use subxt_signer::{sr25519::Keypair, SecretUri};
use tokio::sync::{Mutex, RwLock};

/// The metadata file as a compile-time input: the `subxt` macro reads it without telling cargo,
/// and this makes cargo rebuild the crate (and its binaries) when `scripts/update-metadata`
/// rewrites it.
const _METADATA: &[u8] = include_bytes!("../metadata/compnet.scale");

/// The typed interface of the CompNet runtime, generated from `worker/metadata/compnet.scale`
/// (refresh with `scripts/update-metadata`). Shared types from `compnet-primitives` are used as they
/// are, not regenerated.
#[subxt::subxt(
	runtime_metadata_path = "metadata/compnet.scale",
	substitute_type(
		path = "compnet_primitives::workload::Workload",
		with = "::subxt::utils::Static<::compnet_primitives::Workload>"
	),
	substitute_type(
		path = "compnet_primitives::workload::Sensitivity",
		with = "::subxt::utils::Static<::compnet_primitives::Sensitivity>"
	),
	substitute_type(
		path = "compnet_primitives::hardware::HardwareClass",
		with = "::subxt::utils::Static<::compnet_primitives::HardwareClass>"
	),
	substitute_type(
		path = "compnet_primitives::region::Region",
		with = "::subxt::utils::Static<::compnet_primitives::Region>"
	),
	substitute_type(
		path = "compnet_primitives::region::RegionSet",
		with = "::subxt::utils::Static<::compnet_primitives::RegionSet>"
	),
	substitute_type(
		path = "compnet_primitives::workload::ProgramLimits",
		with = "::subxt::utils::Static<::compnet_primitives::ProgramLimits>"
	)
)]
pub mod runtime {}

/// The chain's configuration as subxt sees it (sr25519 accounts, the standard extensions).
pub type Config = PolkadotConfig;
/// A subxt client of the CompNet chain.
pub type Client = OnlineClient<Config>;
/// An account on the chain.
pub type AccountId = AccountId32;

/// Why talking to the chain failed.
#[derive(Debug, thiserror::Error)]
pub enum ChainError {
	/// No connection could be made in the attempts allowed.
	#[error("cannot connect to {url}: {reason}")]
	Connect {
		/// The node's URL.
		url: String,
		/// The last error.
		reason: String,
	},
	/// A transaction failed: refused by the pool, or dispatched with an error.
	#[error("{what} failed: {reason}")]
	Transaction {
		/// What was being done.
		what: String,
		/// The chain's answer.
		reason: String,
	},
	/// Reading state or events failed.
	#[error("reading {what} failed: {reason}")]
	Read {
		/// What was being read.
		what: String,
		/// The error.
		reason: String,
	},
	/// The secret URI does not name a key.
	#[error("bad key: {0}")]
	Key(String),
}

impl ChainError {
	/// A read error.
	pub fn read(what: impl Into<String>, reason: impl ToString) -> Self {
		Self::Read { what: what.into(), reason: reason.to_string() }
	}
}

/// Parses a secret URI (`//Alice`, a mnemonic, `0x…` seed, with `//derivation`) into a key pair.
pub fn keypair(suri: &str) -> Result<Keypair, ChainError> {
	let uri: SecretUri = suri.parse().map_err(|e| ChainError::Key(format!("{e:?}")))?;
	Keypair::from_uri(&uri).map_err(|e| ChainError::Key(format!("{e:?}")))
}

/// The account of a key pair.
pub fn account_of(key: &Keypair) -> AccountId {
	key.public_key().into()
}

/// How to retry a connection: exponential backoff from `initial`, at most `max` between attempts,
/// `attempts` in all (0: forever).
#[derive(Clone, Copy, Debug)]
pub struct Backoff {
	/// The first wait.
	pub initial: Duration,
	/// The longest wait.
	pub max: Duration,
	/// Attempts before giving up; 0 retries forever.
	pub attempts: u32,
}

impl Default for Backoff {
	fn default() -> Self {
		Self { initial: Duration::from_millis(500), max: Duration::from_secs(30), attempts: 0 }
	}
}

/// One chain connection with a signer: reconnects with backoff, counts nonces locally.
pub struct Chain {
	url: String,
	backoff: Backoff,
	client: RwLock<Client>,
	signer: Keypair,
	account: AccountId,
	/// The next nonce to use; `None` until read from the chain (and after a refused transaction).
	nonce: Mutex<Option<u64>>,
}

impl Chain {
	/// Connects to `url` (retrying as `backoff` says) and signs with `signer`.
	pub async fn connect(url: &str, signer: Keypair, backoff: Backoff) -> Result<Arc<Self>, ChainError> {
		let client = connect_with_backoff(url, backoff).await?;
		let account = account_of(&signer);
		Ok(Arc::new(Self {
			url: url.into(),
			backoff,
			client: RwLock::new(client),
			signer,
			account,
			nonce: Mutex::new(None),
		}))
	}

	/// The signer's account.
	pub fn account(&self) -> &AccountId {
		&self.account
	}

	/// The signer.
	pub fn signer(&self) -> &Keypair {
		&self.signer
	}

	/// The current client (cheap to clone).
	pub async fn client(&self) -> Client {
		self.client.read().await.clone()
	}

	/// Replaces the client with a fresh connection, after the old one failed.
	pub async fn reconnect(&self) -> Result<(), ChainError> {
		tracing::warn!(url = %self.url, "reconnecting to the node");
		let client = connect_with_backoff(&self.url, self.backoff).await?;
		*self.client.write().await = client;
		*self.nonce.lock().await = None;
		Ok(())
	}

	/// Signs and submits `call`, then waits until it is finalized with success. Nonces come from a
	/// local counter, so that several calls can be in flight; a refused call makes the counter
	/// read the chain again. A call whose nonce another transaction of the same account took (the
	/// operator's wallet beside the worker, say) is signed again with a fresh nonce, after a
	/// block or more: it was never included, so this cannot run it twice.
	pub async fn submit<Call: Payload>(&self, what: &str, call: &Call) -> Result<ExtrinsicEvents<Config>, ChainError> {
		let mut wait = NONCE_RETRY_WAIT;
		let mut attempt = 1;
		loop {
			match self.submit_once(call).await {
				Ok(events) => return Ok(events),
				Err(Refusal { reason, nonce_taken: true }) if attempt < NONCE_ATTEMPTS => {
					tracing::warn!(what, attempt, %reason, "nonce taken by another transaction of this account; signing again in {wait:?}");
					tokio::time::sleep(wait).await;
					wait *= 2;
					attempt += 1;
				},
				Err(Refusal { reason, .. }) => return Err(ChainError::Transaction { what: what.to_string(), reason }),
			}
		}
	}

	/// One signed submission of `call`, followed to finalization.
	async fn submit_once<Call: Payload>(&self, call: &Call) -> Result<ExtrinsicEvents<Config>, Refusal> {
		let client = self.client().await;
		let progress = {
			let mut nonce = self.nonce.lock().await;
			let mut tx = client.tx().await.map_err(|e| Refusal::other(e.to_string()))?;
			let next = match *nonce {
				Some(n) => n,
				None => tx.account_nonce(&self.account).await.map_err(|e| Refusal::other(e.to_string()))?,
			};
			let params = DefaultExtrinsicParamsBuilder::<Config>::new().nonce(next).mortal(64).build();
			match tx.sign_and_submit_then_watch(call, &self.signer, params).await {
				Ok(progress) => {
					*nonce = Some(next + 1);
					progress
				},
				Err(e) => {
					*nonce = None;
					return Err(Refusal::of(e.to_string()));
				},
			}
		};
		match progress.wait_for_finalized_success().await {
			Ok(events) => Ok(events),
			Err(e) => {
				let never_included = matches!(
					&e,
					TransactionFinalizedSuccessError::FinalizationError(TransactionProgressError::TransactionStatusError(
						TransactionStatusError::Invalid(_) | TransactionStatusError::Dropped(_)
					))
				);
				if never_included {
					// The counter counted a nonce that no transaction of ours now holds.
					*self.nonce.lock().await = None;
				}
				let reason = e.to_string();
				Err(if never_included { Refusal::of(reason) } else { Refusal::other(reason) })
			},
		}
	}
}

/// Attempts at a transaction whose nonce was taken before it is reported as failed.
const NONCE_ATTEMPTS: u32 = 5;
/// The wait before the first new attempt (a block and a half), doubled each time.
const NONCE_RETRY_WAIT: Duration = Duration::from_millis(4_500);

/// Why one submission did not succeed.
#[derive(Debug)]
struct Refusal {
	/// The node's or the client's words.
	reason: String,
	/// Another transaction of the account holds (or held) this nonce: signing again helps.
	nonce_taken: bool,
}

impl Refusal {
	/// A refusal of a transaction that never got into a block, classified by the pool's words.
	fn of(reason: String) -> Self {
		Self { nonce_taken: nonce_taken(&reason), reason }
	}

	/// Any other failure: signing again would not help, or could run the call twice.
	fn other(reason: String) -> Self {
		Self { reason, nonce_taken: false }
	}
}

/// Whether the pool refused a transaction because its nonce is used or claimed by another one of
/// the same account: stale ("outdated"), outbid ("priority is too low") or replaced ("usurped").
fn nonce_taken(reason: &str) -> bool {
	let reason = reason.to_ascii_lowercase();
	reason.contains("outdated") || reason.contains("stale") || reason.contains("usurped") || reason.contains("priority is too low") ||
		reason.contains("priority of the transaction is too low")
}

async fn connect_with_backoff(url: &str, backoff: Backoff) -> Result<Client, ChainError> {
	let mut wait = backoff.initial;
	let mut attempt = 0u32;
	loop {
		attempt += 1;
		match Client::from_insecure_url(url).await {
			Ok(client) => return Ok(client),
			Err(e) if backoff.attempts != 0 && attempt >= backoff.attempts =>
				return Err(ChainError::Connect { url: url.into(), reason: e.to_string() }),
			Err(e) => {
				tracing::warn!(%url, attempt, error = %e, "node not reachable, retrying in {wait:?}");
				tokio::time::sleep(wait).await;
				wait = (wait * 2).min(backoff.max);
			},
		}
	}
}

/// A job as the market stores it.
pub type Job = runtime::runtime_types::pallet_market::types::Job;
/// A job's audit record.
pub type AuditRecord = runtime::runtime_types::pallet_audit::types::AuditRecord;

impl Chain {
	/// The value at `addr[key]` in the latest finalized block, if any; `what` names it in errors.
	pub async fn read<Addr: subxt::storage::Address>(
		&self,
		what: impl Fn() -> String,
		addr: Addr,
		key: Addr::KeyParts,
	) -> Result<Option<Addr::Value>, ChainError> {
		let at = self.client().await.at_current_block().await.map_err(|e| ChainError::read("the finalized block", e))?;
		let value = at.storage().try_fetch(addr, key).await.map_err(|e| ChainError::read(what(), e))?;
		value.map(|v| v.decode()).transpose().map_err(|e| ChainError::read(what(), e))
	}

	/// The chain's bounds on programs (`market.ProgramLimits`, a runtime constant).
	pub async fn program_limits(&self) -> Result<compnet_primitives::ProgramLimits, ChainError> {
		let at = self.client().await.at_current_block().await.map_err(|e| ChainError::read("the finalized block", e))?;
		let limits = at.constants().entry(runtime::constants().market().program_limits());
		limits.map(|limits| limits.0).map_err(|e| ChainError::read("market.ProgramLimits", e))
	}

	/// A job at the latest finalized block.
	pub async fn job(&self, job: compnet_primitives::JobId) -> Result<Option<Job>, ChainError> {
		self.read(|| format!("job {job}"), runtime::storage().market().jobs(), (job,)).await
	}

	/// A job's audit record at the latest finalized block.
	pub async fn audit(&self, job: compnet_primitives::JobId) -> Result<Option<AuditRecord>, ChainError> {
		self.read(|| format!("audit record {job}"), runtime::storage().audit().audits(), (job,)).await
	}

	/// A provider's registered blob endpoint.
	pub async fn endpoint_of(&self, who: &AccountId) -> Result<Option<String>, ChainError> {
		let info = self.read(|| format!("provider {who}"), runtime::storage().providers().providers(), (who.clone(),)).await?;
		Ok(info.map(|info| String::from_utf8_lossy(&info.profile.endpoint.0).into_owned()))
	}

	/// The blob endpoints of `providers`, in their order, skipping any without one.
	pub async fn endpoints_of(&self, providers: impl IntoIterator<Item = &AccountId>) -> Result<Vec<String>, ChainError> {
		let mut endpoints = Vec::new();
		for who in providers {
			endpoints.extend(self.endpoint_of(who).await?);
		}
		Ok(endpoints)
	}
}

#[cfg(test)]
mod tests {
	use super::nonce_taken;

	#[test]
	fn a_nonce_taken_by_another_transaction_is_told_from_other_refusals() {
		// The pool's words, as the node sent them when the worker and a wallet shared an account.
		for taken in [
			"Could not finalize the transaction: Error during transaction progress: The transaction is not valid: \
			 The priority of the transaction is too low (pool 1955 > current 1161)",
			"Could not finalize the transaction: Error during transaction progress: The transaction is not valid: \
			 Invalid transaction: Transaction is outdated",
			"RPC error: 1014: Priority is too low: (1955 vs 1161)",
			"The transaction is not valid: Transaction was usurped by 0x12ab",
		] {
			assert!(nonce_taken(taken), "{taken}");
		}
		for other in [
			"The transaction did not succeed: Module error: Market.NoSuchJob",
			"Invalid transaction: Inability to pay some fees (e.g. account balance too low)",
			"Invalid transaction: Transaction has a bad signature",
			"Cannot get the next transaction progress update: connection closed",
		] {
			assert!(!nonce_taken(other), "{other}");
		}
	}
}
