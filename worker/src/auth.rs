//! Signed blob requests: every upload and download names a job and is signed by a chain account.
//!
//! The client signs `"compnet/blob/v1" ‖ method ‖ root ‖ job (u64 LE) ‖ unix time (u64 LE)` with its
//! sr25519 key and sends the account, job, time and signature as headers. The server checks the
//! signature and the time (within [`MAX_SKEW_SECS`], so a captured request cannot be replayed
//! later), then asks the chain whether that account may do that with that job's blob: the job's
//! consumer uploads its input and downloads the result; the job's auditors download its input.

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
	/// The blob.
	pub root: ResultRoot,
	/// The job it belongs to.
	pub job: JobId,
	/// Unix time in seconds.
	pub time: u64,
}

impl BlobRequest {
	/// The bytes that are signed.
	pub fn message(&self) -> Vec<u8> {
		let mut m = Vec::with_capacity(15 + 3 + 32 + 16);
		m.extend_from_slice(b"compnet/blob/v1");
		m.extend_from_slice(self.access.tag());
		m.extend_from_slice(self.root.as_bytes());
		m.extend_from_slice(&self.job.to_le_bytes());
		m.extend_from_slice(&self.time.to_le_bytes());
		m
	}

	/// The four headers of this request, signed by `key`.
	pub fn sign(&self, key: &Keypair) -> [(&'static str, String); 4] {
		let signature = key.sign(&self.message());
		[
			(HEADER_ACCOUNT, hex::encode(key.public_key().0)),
			(HEADER_JOB, self.job.to_string()),
			(HEADER_TIME, self.time.to_string()),
			(HEADER_SIGNATURE, hex::encode(signature.0)),
		]
	}
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
}

/// Checks a request's headers (looked up by `header`) for `access` to `root` at server time `now`,
/// and returns the signing account and the job.
pub fn verify<'a>(
	access: Access,
	root: ResultRoot,
	now: u64,
	header: impl Fn(&'static str) -> Option<&'a str>,
) -> Result<(AccountId, JobId), AuthError> {
	let hex_of = |name: &'static str, len: usize| -> Result<Vec<u8>, AuthError> {
		header(name)
			.and_then(|v| hex::decode(v.trim_start_matches("0x")).ok())
			.filter(|b| b.len() == len)
			.ok_or(AuthError::Header(name))
	};
	let number = |name: &'static str| header(name).and_then(|v| v.parse::<u64>().ok()).ok_or(AuthError::Header(name));
	let account: [u8; 32] = hex_of(HEADER_ACCOUNT, 32)?.try_into().map_err(|_| AuthError::Header(HEADER_ACCOUNT))?;
	let signature: [u8; 64] = hex_of(HEADER_SIGNATURE, 64)?.try_into().map_err(|_| AuthError::Header(HEADER_SIGNATURE))?;
	let job = number(HEADER_JOB)?;
	let time = number(HEADER_TIME)?;
	if time.abs_diff(now) > MAX_SKEW_SECS {
		return Err(AuthError::Stale { time, now });
	}
	let request = BlobRequest { access, root, job, time };
	if !sr25519::verify(&Signature(signature), request.message(), &PublicKey(account)) {
		return Err(AuthError::BadSignature);
	}
	Ok((AccountId::from(account), job))
}

/// The current unix time in seconds.
pub fn unix_now() -> u64 {
	std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
	use super::*;
	use subxt_signer::sr25519::dev;

	fn check(headers: &[(&'static str, String)], access: Access, root: ResultRoot, now: u64) -> Result<(AccountId, JobId), AuthError> {
		verify(access, root, now, |name| headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str()))
	}

	#[test]
	fn a_signed_request_verifies_and_any_change_breaks_it() {
		let root = ResultRoot::repeat_byte(9);
		let request = BlobRequest { access: Access::Put, root, job: 7, time: 1_000 };
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
		// A replay after the skew window.
		assert_eq!(check(&headers, Access::Put, root, 1_000 + MAX_SKEW_SECS + 1), Err(AuthError::Stale { time: 1_000, now: 1_301 }));
		// Missing and malformed headers name the header.
		assert_eq!(check(&headers[1..], Access::Put, root, 1_010), Err(AuthError::Header(HEADER_ACCOUNT)));
		let mut short = headers.clone();
		short[3].1 = "abcd".into();
		assert_eq!(check(&short, Access::Put, root, 1_010), Err(AuthError::Header(HEADER_SIGNATURE)));
	}
}
