//! Uploading and downloading blobs from a worker's blob service, with signed requests.

use crate::{
	auth::{unix_now, Access, BlobRequest},
	compute::blob_root,
};
use crate::endpoint::{EndpointPolicy, Refused};
use compnet_primitives::{JobId, ResultRoot};
use subxt_signer::sr25519::Keypair;

/// Blob transfers to and from the endpoints the chain names, each checked against the policy
/// before it is dialled.
#[derive(Clone, Debug)]
pub struct BlobClient {
	http: reqwest::Client,
	policy: EndpointPolicy,
	max_response: u64,
}

/// The largest blob a client takes by default (a result larger than any job's is a lie).
pub const MAX_RESPONSE_BYTES: u64 = 4 << 30;

impl BlobClient {
	/// A client dialling what `policy` allows.
	pub fn new(policy: EndpointPolicy) -> Self {
		Self::trusting(policy, None)
	}

	/// A client dialling what `policy` allows, trusting `extra_root` (a private CA or a worker's
	/// self-signed certificate) besides the system's roots.
	pub fn trusting(policy: EndpointPolicy, extra_root: Option<reqwest::Certificate>) -> Self {
		Self { http: policy.client_trusting(extra_root), policy, max_response: MAX_RESPONSE_BYTES }
	}

	/// The same client, taking at most `bytes` in one response.
	pub fn with_max_response(self, bytes: u64) -> Self {
		Self { max_response: bytes, ..self }
	}
}

/// Why a transfer failed.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
	/// The request did not complete.
	#[error("{url}: {reason}")]
	Http {
		/// The URL.
		url: String,
		/// What went wrong.
		reason: String,
	},
	/// The server sent, or announced, more than the client takes.
	#[error("{url}: the response exceeds {limit} bytes")]
	TooLarge {
		/// The URL.
		url: String,
		/// The client's bound.
		limit: u64,
	},
	/// The server answered with an error status.
	#[error("{url}: HTTP {status}: {body}")]
	Status {
		/// The URL.
		url: String,
		/// The status code.
		status: u16,
		/// The server's explanation.
		body: String,
	},
	/// The bytes received do not hash to the root asked for.
	#[error("{url}: the bytes received hash to {actual:?}, not {expected:?}")]
	Corrupt {
		/// The URL.
		url: String,
		/// The root asked for.
		expected: ResultRoot,
		/// The root of what came.
		actual: ResultRoot,
	},
	/// The endpoint is not dialled under the policy.
	#[error(transparent)]
	Refused(#[from] Refused),
	/// No endpoint asked served the blob.
	#[error("no worker served {root:?}: {}", if tried.is_empty() { "no worker to ask".to_string() } else { tried.join("; ") })]
	NoSource {
		/// The root asked for.
		root: ResultRoot,
		/// Why each endpoint failed, in the order asked.
		tried: Vec<String>,
	},
}

/// The URL of a blob at a worker's endpoint.
pub fn blob_url(endpoint: &str, root: &ResultRoot) -> String {
	format!("{}/blobs/0x{}", endpoint.trim_end_matches('/'), hex::encode(root.as_bytes()))
}

/// Signs and sends `access` on `root` for `job`.
fn signed(client: &reqwest::Client, key: &Keypair, access: Access, url: &str, root: ResultRoot, job: JobId) -> reqwest::RequestBuilder {
	let host = crate::auth::authority(url).unwrap_or_default();
	let request = BlobRequest { access, host, root, job, time: unix_now(), nonce: rand::random() };
	let mut builder = match access {
		Access::Get => client.get(url),
		Access::Put => client.put(url),
	};
	for (name, value) in request.sign(key) {
		builder = builder.header(name, value);
	}
	builder
}

async fn check(url: &str, response: Result<reqwest::Response, reqwest::Error>) -> Result<reqwest::Response, TransferError> {
	let response = response.map_err(|e| TransferError::Http { url: url.into(), reason: e.to_string() })?;
	if !response.status().is_success() {
		let status = response.status().as_u16();
		let body = response.text().await.unwrap_or_default();
		return Err(TransferError::Status { url: url.into(), status, body });
	}
	Ok(response)
}

/// Uploads `bytes` (whose root is computed here) to `endpoint` for `job`.
pub async fn upload(client: &BlobClient, key: &Keypair, endpoint: &str, job: JobId, bytes: Vec<u8>) -> Result<ResultRoot, TransferError> {
	client.policy.check(endpoint)?;
	let root = blob_root(&bytes);
	let url = blob_url(endpoint, &root);
	check(&url, signed(&client.http, key, Access::Put, &url, root, job).body(bytes).send().await).await?;
	Ok(root)
}

/// Downloads `root` from `endpoint` for `job` and checks its hash: the bytes' root is `root`, or
/// (a result) its public form is ([`compnet_primitives::public_root`], bound to the run's fuel
/// for a program: [`crate::compute::program::names_result`]).
pub async fn download(client: &BlobClient, key: &Keypair, endpoint: &str, job: JobId, root: ResultRoot) -> Result<Vec<u8>, TransferError> {
	client.policy.check(endpoint)?;
	let url = blob_url(endpoint, &root);
	let mut response = check(&url, signed(&client.http, key, Access::Get, &url, root, job).send().await).await?;
	let too_large = || TransferError::TooLarge { url: url.clone(), limit: client.max_response };
	// Refused from the announced length before anything is read, and cut off while reading if
	// the server sends more than it announced or announced nothing.
	let announced = response.content_length().unwrap_or(0);
	if announced > client.max_response {
		return Err(too_large());
	}
	let mut bytes = Vec::with_capacity(announced as usize);
	while let Some(chunk) = response.chunk().await.map_err(|e| TransferError::Http { url: url.clone(), reason: e.to_string() })? {
		if (bytes.len() + chunk.len()) as u64 > client.max_response {
			return Err(too_large());
		}
		bytes.extend_from_slice(&chunk);
	}
	let actual = blob_root(&bytes);
	// A result is asked for by the public form of its root, the form the chain keeps.
	if actual != root && !crate::compute::program::names_result(job, &actual, &bytes, &root) {
		return Err(TransferError::Corrupt { url, expected: root, actual });
	}
	Ok(bytes)
}

/// Downloads `root` for `job` from the first of `endpoints` that serves bytes hashing to it (a
/// provider first, then any other worker of the job that holds the blob); returns the bytes and the
/// endpoint that served them. The error says why each endpoint failed.
pub async fn download_any(
	client: &BlobClient,
	key: &Keypair,
	endpoints: &[String],
	job: JobId,
	root: ResultRoot,
) -> Result<(Vec<u8>, String), TransferError> {
	let mut tried = Vec::new();
	for endpoint in endpoints {
		match download(client, key, endpoint, job, root).await {
			Ok(bytes) => return Ok((bytes, endpoint.clone())),
			Err(e) => tried.push(e.to_string()),
		}
	}
	Err(TransferError::NoSource { root, tried })
}

#[cfg(test)]
mod tests {
	use super::*;
	use axum::{extract::Path, routing::get, Router};

	/// A blob server that answers every GET with `body`, on a free local port.
	async fn serve(body: &'static [u8]) -> String {
		let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
		let endpoint = format!("http://{}", listener.local_addr().unwrap());
		let app = Router::new().route("/blobs/{root}", get(move |Path(_): Path<String>| async move { body }));
		tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
		endpoint
	}

	/// An endpoint where nothing listens.
	fn dead() -> String {
		let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
		format!("http://{}", listener.local_addr().unwrap())
	}

	#[tokio::test]
	async fn download_any_skips_dead_and_lying_workers() {
		let key = crate::chain::keypair("//Charlie").unwrap();
		let client = BlobClient::new(EndpointPolicy { allow_private: true });
		let right: &'static [u8] = b"the job's input";
		let root = blob_root(right);
		let (gone, liar, holder) = (dead(), serve(b"something else").await, serve(right).await);

		let (bytes, from) = download_any(&client, &key, &[gone.clone(), liar.clone(), holder.clone()], 7, root).await.unwrap();
		assert_eq!((bytes.as_slice(), from.as_str()), (right, holder.as_str()));

		let err = download_any(&client, &key, &[gone.clone(), liar.clone()], 7, root).await.unwrap_err().to_string();
		assert!(err.contains(&gone) && err.contains(&liar) && err.contains("hash to"), "{err}");
		// A result is asked for by the public form of its root, and checked against it.
		let public = compnet_primitives::public_root(7, &root);
		let (bytes, _) = download_any(&client, &key, &[liar.clone(), holder.clone()], 7, public).await.unwrap();
		assert_eq!(bytes.as_slice(), right);
		let other_job = download_any(&client, &key, &[holder.clone()], 8, public).await.unwrap_err().to_string();
		assert!(other_job.contains("hash to"), "the public form binds the job: {other_job}");
		let none = download_any(&client, &key, &[], 7, root).await.unwrap_err().to_string();
		assert!(none.contains("no worker to ask"), "{none}");
	}

	/// A provider that registers an endpoint inside the dialler's network (loopback here) gets
	/// nothing dialled: the transfer is refused before any request, and the error says why.
	#[tokio::test]
	async fn an_endpoint_inside_the_network_is_never_dialled() {
		let key = crate::chain::keypair("//Charlie").unwrap();
		let right: &'static [u8] = b"an internal service's answer";
		let holder = serve(right).await;
		let public_only = BlobClient::new(EndpointPolicy::PUBLIC_ONLY);
		let err = download_any(&public_only, &key, &[holder.clone()], 7, blob_root(right)).await.unwrap_err().to_string();
		assert!(err.contains("is not dialled") && err.contains("private or special address"), "{err}");
		let err = upload(&public_only, &key, &holder, 7, b"a blob".to_vec()).await.unwrap_err();
		assert!(matches!(err, TransferError::Refused(_)), "{err}");
	}

	/// A worker that sends more than the client takes is cut off, whether it says so up front or not.
	#[tokio::test]
	async fn an_oversized_answer_is_refused() {
		let key = crate::chain::keypair("//Charlie").unwrap();
		let big: &'static [u8] = &[7u8; 4096];
		let holder = serve(big).await;
		let small = BlobClient::new(EndpointPolicy { allow_private: true }).with_max_response(1024);
		let err = download(&small, &key, &holder, 7, blob_root(big)).await.unwrap_err();
		assert!(matches!(err, TransferError::TooLarge { limit: 1024, .. }), "{err}");
		let enough = BlobClient::new(EndpointPolicy { allow_private: true }).with_max_response(4096);
		assert_eq!(download(&enough, &key, &holder, 7, blob_root(big)).await.unwrap(), big);
	}
}
