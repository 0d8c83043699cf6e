//! Signed blob requests: every upload and download names a job and is signed by a chain account.
//!
//! The client signs `"compnet/blob/v2" ‖ method ‖ host ‖ root ‖ job (u64 LE) ‖ unix time (u64 LE) ‖
//! nonce (16 bytes)` with its sr25519 key, where host is the `host:port` of the worker it is for
//! (as its endpoint on chain says), and sends the account, job, time, nonce and signature as
//! headers. The server checks the host is its own (a request captured by one worker cannot be
//! played to another), the time (within [`MAX_SKEW_SECS`]), that the nonce is new for that
//! account while the time is valid ([`ReplayGuard`]: each request is used once), and the
//! signature, then asks the chain whether that account may do that with that job's blob: the
//! job's consumer uploads its input and downloads the result; the job's auditors download its input.

use crate::chain::AccountId;
use compnet_primitives::{JobId, ResultRoot};
use subxt_signer::sr25519::{self, Keypair, PublicKey, Signature};

/// Header with the signer's account (hex of the 32-byte public key).
pub const HEADER_ACCOUNT: &str = "x-compnet-account";
/// Header with the job the request is for.
pub const HEADER_JOB: &str = "x-compnet-job";
/// Header with the request's unix time in seconds.
pub const HEADER_TIME: &str = "x-compnet-time";
/// Header with the signature (hex).
pub const HEADER_SIGNATURE: &str = "x-compnet-signature";
/// Header with the request's single-use nonce (16 bytes, hex).
pub const HEADER_NONCE: &str = "x-compnet-nonce";
/// How far a request's time may be from the server's clock.
pub const MAX_SKEW_SECS: u64 = 300;

/// What a request does to a blob.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
	/// Download.
	Get,
	/// Upload.
	Put,
}

impl Access {
	fn tag(self) -> &'static [u8] {
		match self {
			Self::Get => b"GET",
			Self::Put => b"PUT",
		}
	}
}

/// The signed part of a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlobRequest {
	/// Download or upload.
	pub access: Access,
	/// The worker it is for: `host:port` ([`authority`]).
	pub host: String,
	/// The blob.
	pub root: ResultRoot,
	/// The job it belongs to.
	pub job: JobId,
	/// Unix time in seconds.
	pub time: u64,
	/// Fresh randomness: the server takes each (account, nonce) once.
	pub nonce: [u8; 16],
}

impl BlobRequest {
	/// The bytes that are signed.
	pub fn message(&self) -> Vec<u8> {
		let mut m = Vec::with_capacity(15 + 3 + 2 + self.host.len() + 32 + 16 + 16);
		m.extend_from_slice(b"compnet/blob/v2");
		m.extend_from_slice(self.access.tag());
		// Length-prefixed, so that no host ends where the root begins.
		m.extend_from_slice(&(self.host.len() as u16).to_le_bytes());
		m.extend_from_slice(self.host.as_bytes());
		m.extend_from_slice(self.root.as_bytes());
		m.extend_from_slice(&self.job.to_le_bytes());
		m.extend_from_slice(&self.time.to_le_bytes());
		m.extend_from_slice(&self.nonce);
		m
	}

	/// The five headers of this request, signed by `key`.
	pub fn sign(&self, key: &Keypair) -> [(&'static str, String); 5] {
		let signature = key.sign(&self.message());
		[
			(HEADER_ACCOUNT, hex::encode(key.public_key().0)),
			(HEADER_JOB, self.job.to_string()),
			(HEADER_TIME, self.time.to_string()),
			(HEADER_SIGNATURE, hex::encode(signature.0)),
			(HEADER_NONCE, hex::encode(self.nonce)),
		]
	}
}

/// The `host:port` an endpoint URL names (the port explicit, the host in lower case), as both
/// sides put it in a signed request; `None` if it is not an http(s) URL with a host.
pub fn authority(endpoint: &str) -> Option<String> {
	let url = url::Url::parse(endpoint).ok()?;
	let host = url.host_str()?.to_ascii_lowercase();
	Some(format!("{host}:{}", url.port_or_known_default()?))
}

/// Why a request's signature was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AuthError {
	/// A header is absent or not well formed.
	#[error("missing or malformed header `{0}`")]
	Header(&'static str),
	/// The time is too far from the server's clock.
	#[error("request time {time} is more than {MAX_SKEW_SECS} s from the server's {now}")]
	Stale {
		/// The request's time.
		time: u64,
		/// The server's time.
		now: u64,
	},
	/// The signature does not verify for that account and request.
	#[error("bad signature")]
	BadSignature,
	/// The request was made for another worker.
	#[error("the request is for {signed}, not this worker ({ours})")]
	WrongHost {
		/// The host it was signed for.
		signed: String,
		/// This worker's.
		ours: String,
	},
	/// This nonce was used already: a replay.
	#[error("the request was used already (a replay)")]
	Replayed,
	/// Too many requests are in their validity window to remember another.
	#[error("too many recent requests to remember another; try again shortly")]
	Busy,
}

/// The nonces of requests still within their time window, so that each is taken once. Bounded:
/// when it is full of unexpired entries, new requests are refused ([`AuthError::Busy`]) rather
/// than remembered in unbounded memory or let through unchecked.
pub struct ReplayGuard {
	seen: std::sync::Mutex<std::collections::HashMap<[u8; 48], u64>>,
	capacity: usize,
}

impl ReplayGuard {
	/// A guard remembering at most `capacity` requests.
	pub fn new(capacity: usize) -> Self {
		Self { seen: Default::default(), capacity }
	}

	/// Takes `nonce` of `account`'s request made at `time`, or refuses it if it was taken before.
	pub fn take(&self, account: &AccountId, nonce: [u8; 16], time: u64, now: u64) -> Result<(), AuthError> {
		let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
		if seen.len() >= self.capacity {
			seen.retain(|_, expires| *expires >= now);
		}
		let mut key = [0u8; 48];
		key[..32].copy_from_slice(&account.0);
		key[32..].copy_from_slice(&nonce);
		if seen.contains_key(&key) {
			return Err(AuthError::Replayed);
		}
		if seen.len() >= self.capacity {
			return Err(AuthError::Busy);
		}
		seen.insert(key, time + MAX_SKEW_SECS);
		Ok(())
	}
}

/// A request that verified: who signed it, for which job, and its nonce and time (to be taken
/// by the [`ReplayGuard`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signed {
	/// The signer.
	pub who: AccountId,
	/// The job named.
	pub job: JobId,
	/// The request's time.
	pub time: u64,
	/// Its nonce.
	pub nonce: [u8; 16],
}

/// Checks a request's headers (looked up by `header`) for `access` to `root` on the worker `host`
/// (its [`authority`]) at server time `now`, and returns what was signed. The nonce is still to be
/// taken ([`ReplayGuard::take`]).
pub fn verify<'a>(
	access: Access,
	host: &str,
	root: ResultRoot,
	now: u64,
	header: impl Fn(&'static str) -> Option<&'a str>,
) -> Result<Signed, AuthError> {
	let hex_of = |name: &'static str, len: usize| -> Result<Vec<u8>, AuthError> {
		header(name)
			.and_then(|v| hex::decode(v.trim_start_matches("0x")).ok())
			.filter(|b| b.len() == len)
			.ok_or(AuthError::Header(name))
	};
	let number = |name: &'static str| header(name).and_then(|v| v.parse::<u64>().ok()).ok_or(AuthError::Header(name));
	let account: [u8; 32] = hex_of(HEADER_ACCOUNT, 32)?.try_into().map_err(|_| AuthError::Header(HEADER_ACCOUNT))?;
	let signature: [u8; 64] = hex_of(HEADER_SIGNATURE, 64)?.try_into().map_err(|_| AuthError::Header(HEADER_SIGNATURE))?;
	let nonce: [u8; 16] = hex_of(HEADER_NONCE, 16)?.try_into().map_err(|_| AuthError::Header(HEADER_NONCE))?;
	let job = number(HEADER_JOB)?;
	let time = number(HEADER_TIME)?;
	if time.abs_diff(now) > MAX_SKEW_SECS {
		return Err(AuthError::Stale { time, now });
	}
	let request = BlobRequest { access, host: host.into(), root, job, time, nonce };
	if !sr25519::verify(&Signature(signature), request.message(), &PublicKey(account)) {
		return Err(AuthError::BadSignature);
	}
	Ok(Signed { who: AccountId::from(account), job, time, nonce })
}

/// The current unix time in seconds.
pub fn unix_now() -> u64 {
	std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
	use super::*;
	use subxt_signer::sr25519::dev;

	const HOST: &str = "gpu1.example.org:8443";

	fn check(headers: &[(&'static str, String)], access: Access, root: ResultRoot, now: u64) -> Result<(AccountId, JobId), AuthError> {
		verify(access, HOST, root, now, |name| headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())).map(|s| (s.who, s.job))
	}

	#[test]
	fn a_signed_request_verifies_and_any_change_breaks_it() {
		let root = ResultRoot::repeat_byte(9);
		let request = BlobRequest { access: Access::Put, host: HOST.into(), root, job: 7, time: 1_000, nonce: [5; 16] };
		let headers = request.sign(&dev::alice());
		let alice: AccountId = dev::alice().public_key().into();
		assert_eq!(check(&headers, Access::Put, root, 1_010), Ok((alice, 7)));
		// Another blob, another access, another job, another time or another key: refused.
		assert_eq!(check(&headers, Access::Put, ResultRoot::repeat_byte(8), 1_010), Err(AuthError::BadSignature));
		assert_eq!(check(&headers, Access::Get, root, 1_010), Err(AuthError::BadSignature));
		let mut other_job = headers.clone();
		other_job[1].1 = "8".into();
		assert_eq!(check(&other_job, Access::Put, root, 1_010), Err(AuthError::BadSignature));
		let mut other_key = headers.clone();
		other_key[0].1 = hex::encode(dev::bob().public_key().0);
		assert_eq!(check(&other_key, Access::Put, root, 1_010), Err(AuthError::BadSignature));
		let mut other_nonce = headers.clone();
		other_nonce[4].1 = hex::encode([6u8; 16]);
		assert_eq!(check(&other_nonce, Access::Put, root, 1_010), Err(AuthError::BadSignature));
		// Played to another worker: the host is signed.
		let elsewhere = verify(Access::Put, "gpu2.example.org:8443", root, 1_010, |name| {
			headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
		});
		assert_eq!(elsewhere, Err(AuthError::BadSignature));
		// A replay after the skew window.
		assert_eq!(check(&headers, Access::Put, root, 1_000 + MAX_SKEW_SECS + 1), Err(AuthError::Stale { time: 1_000, now: 1_301 }));
		// Missing and malformed headers name the header.
		assert_eq!(check(&headers[1..], Access::Put, root, 1_010), Err(AuthError::Header(HEADER_ACCOUNT)));
		let mut short = headers.clone();
		short[3].1 = "abcd".into();
		assert_eq!(check(&short, Access::Put, root, 1_010), Err(AuthError::Header(HEADER_SIGNATURE)));
		assert_eq!(check(&headers[..4], Access::Put, root, 1_010), Err(AuthError::Header(HEADER_NONCE)));
	}

	#[test]
	fn each_request_is_taken_once_and_the_guard_stays_bounded() {
		let guard = ReplayGuard::new(2);
		let (alice, bob): (AccountId, AccountId) = (dev::alice().public_key().into(), dev::bob().public_key().into());
		assert_eq!(guard.take(&alice, [1; 16], 1_000, 1_000), Ok(()));
		assert_eq!(guard.take(&alice, [1; 16], 1_000, 1_001), Err(AuthError::Replayed), "the same request again");
		assert_eq!(guard.take(&bob, [1; 16], 1_000, 1_001), Ok(()), "nonces are per account");
		// Full of live entries: refused, not forgotten.
		assert_eq!(guard.take(&alice, [2; 16], 1_000, 1_002), Err(AuthError::Busy));
		assert_eq!(guard.take(&alice, [1; 16], 1_000, 1_002), Err(AuthError::Replayed), "a full guard still knows its entries");
		// Once the entries' time is past (and so would be the requests'), there is room again.
		assert_eq!(guard.take(&alice, [2; 16], 1_400, 1_000 + MAX_SKEW_SECS + 1), Ok(()));
	}

	#[test]
	fn the_authority_is_the_host_and_explicit_port() {
		assert_eq!(authority("https://GPU1.example.org/").as_deref(), Some("gpu1.example.org:443"));
		assert_eq!(authority("http://127.0.0.1:8080").as_deref(), Some("127.0.0.1:8080"));
		assert_eq!(authority("http://[::1]:9000/x").as_deref(), Some("[::1]:9000"));
		assert_eq!(authority("not a url"), None);
	}
}
