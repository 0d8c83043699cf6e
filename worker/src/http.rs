//! The worker's HTTP service: the blob endpoints and Prometheus metrics.
//!
//! | route | what |
//! |---|---|
//! | `PUT /blobs/0x{root}` | the job's consumer uploads its input (signed, see [`crate::auth`]) |
//! | `GET /blobs/0x{root}` | the consumer downloads a revealed result by the public root the chain keeps; auditors the input |
//! | `GET /metrics` | Prometheus text exposition |
//! | `GET /health` | `ok: finalized block N` while the worker follows the chain; 503 and why not |
//!
//! Every request is bounded ([`ServiceLimits`]): a body larger than the largest blob is refused
//! from its `Content-Length` before it is read (413), every request has a deadline (408), requests
//! beyond the concurrency limit are shed at once (503), and each account has a rate (429), checked
//! after its signature and before the chain is asked anything. File work runs on blocking threads.

use crate::{
	auth::{self, Access, AuthError, ReplayGuard},
	blobs::BlobError,
	chain::AccountId,
	service::Worker,
};
use axum::{
	body::Bytes,
	error_handling::HandleErrorLayer,
	extract::{DefaultBodyLimit, Path, State},
	http::{HeaderMap, StatusCode},
	response::{IntoResponse, Response},
	routing::get,
	BoxError, Router,
};
use compnet_primitives::ResultRoot;
use std::{
	num::NonZeroU32,
	sync::Arc,
	time::{Duration, Instant},
};
use tower::ServiceBuilder;

/// The bounds on what the blob service takes.
#[derive(Clone, Debug, clap::Args)]
pub struct ServiceLimits {
	/// Largest accepted upload, in MiB.
	#[arg(long, env = "COMPNET_MAX_BLOB_MIB", default_value_t = 1024)]
	pub max_blob_mib: usize,
	/// Seconds a request may take, body included (a 1 GiB upload needs 1.8 MB/s at 600).
	#[arg(long, env = "COMPNET_REQUEST_TIMEOUT_SECS", default_value_t = 600)]
	pub request_timeout_secs: u64,
	/// Requests served at once; more are refused with 503 at once.
	#[arg(long, env = "COMPNET_MAX_REQUESTS", default_value_t = 64)]
	pub max_requests: usize,
	/// Signed requests one account may make per minute (a short burst of as many is allowed).
	#[arg(long, env = "COMPNET_REQUESTS_PER_MINUTE", default_value_t = 120)]
	pub requests_per_minute: u32,
}

impl Default for ServiceLimits {
	fn default() -> Self {
		Self { max_blob_mib: 1024, request_timeout_secs: 600, max_requests: 64, requests_per_minute: 120 }
	}
}

/// Signed requests remembered against replays at most (about 3 MiB).
const REMEMBERED_REQUESTS: usize = 1 << 16;
/// Accounts whose rate is tracked before idle ones are dropped.
const TRACKED_ACCOUNTS: usize = 10_000;
/// How long this worker's own endpoint, read from the chain, is trusted before it is read again.
const OWN_ENDPOINT_TTL: Duration = Duration::from_secs(60);

/// The blob service's state: the worker, and who has asked how often.
struct BlobService {
	worker: Arc<Worker>,
	per_account: governor::DefaultKeyedRateLimiter<[u8; 32]>,
	replays: ReplayGuard,
	/// This worker's `host:port` as its endpoint on chain says, and when it was read.
	own_host: tokio::sync::Mutex<Option<(Instant, String)>>,
}

fn refuse(status: StatusCode, why: impl Into<String>) -> Response {
	(status, why.into()).into_response()
}

impl BlobService {
	/// The host requests must be signed for: this provider's registered endpoint.
	async fn own_host(&self) -> Result<String, Response> {
		let mut cached = self.own_host.lock().await;
		if let Some((read, host)) = cached.as_ref() {
			if read.elapsed() < OWN_ENDPOINT_TTL {
				return Ok(host.clone());
			}
		}
		let unavailable = |why: String| refuse(StatusCode::SERVICE_UNAVAILABLE, why);
		let endpoint = self.worker.chain.endpoint_of(self.worker.account()).await.map_err(|e| unavailable(e.to_string()))?;
		let host = endpoint
			.as_deref()
			.and_then(auth::authority)
			.ok_or_else(|| unavailable("this worker has no endpoint registered on chain".into()))?;
		*cached = Some((Instant::now(), host.clone()));
		Ok(host)
	}

	/// Checks the signature, the host, the account's rate and the nonce, then asks the chain
	/// whether the signer may do this; returns the signer and the job.
	async fn admit(&self, access: Access, root: ResultRoot, headers: &HeaderMap) -> Result<(AccountId, u64), Response> {
		let host = self.own_host().await?;
		let header = |name: &'static str| headers.get(name).and_then(|v| v.to_str().ok());
		let now = auth::unix_now();
		let signed = auth::verify(access, &host, root, now, header).map_err(|e| refuse(StatusCode::UNAUTHORIZED, e.to_string()))?;
		if self.per_account.len() > TRACKED_ACCOUNTS {
			self.per_account.retain_recent();
		}
		if self.per_account.check_key(&signed.who.0).is_err() {
			return Err(refuse(StatusCode::TOO_MANY_REQUESTS, format!("{} is over its request rate; slow down", signed.who)));
		}
		self.replays.take(&signed.who, signed.nonce, signed.time, now).map_err(|e| match e {
			AuthError::Busy => refuse(StatusCode::SERVICE_UNAVAILABLE, e.to_string()),
			e => refuse(StatusCode::UNAUTHORIZED, e.to_string()),
		})?;
		self.worker
			.authorize(access, root, &signed.who, signed.job)
			.await
			.map_err(|reason| refuse(StatusCode::FORBIDDEN, reason))?;
		Ok((signed.who, signed.job))
	}
}

/// The router, bounded by `limits`.
pub fn router(worker: Arc<Worker>, limits: &ServiceLimits) -> Router {
	let per_minute = NonZeroU32::new(limits.requests_per_minute.max(1)).expect("at least 1");
	let service = Arc::new(BlobService {
		worker,
		per_account: governor::RateLimiter::keyed(governor::Quota::per_minute(per_minute)),
		replays: ReplayGuard::new(REMEMBERED_REQUESTS),
		own_host: Default::default(),
	});
	let routes = Router::new()
		.route("/blobs/{root}", get(get_blob).put(put_blob))
		.route("/metrics", get(metrics))
		.route("/health", get(health))
		.with_state(service);
	bounded(routes, limits)
}

/// `routes` under the body, time and concurrency bounds of `limits` (outermost first: shed
/// beyond the concurrency limit, then the deadline, then the body bound).
fn bounded(routes: Router, limits: &ServiceLimits) -> Router {
	let max_body = limits.max_blob_mib << 20;
	let shed = ServiceBuilder::new()
		.layer(HandleErrorLayer::new(|_: BoxError| async {
			refuse(StatusCode::SERVICE_UNAVAILABLE, "too many requests at once; try again shortly")
		}))
		.load_shed()
		.layer(tower::limit::GlobalConcurrencyLimitLayer::new(limits.max_requests.max(1)));
	routes
		.layer(DefaultBodyLimit::max(max_body))
		.layer(tower_http::limit::RequestBodyLimitLayer::new(max_body))
		.layer(tower_http::timeout::TimeoutLayer::with_status_code(
			StatusCode::REQUEST_TIMEOUT,
			Duration::from_secs(limits.request_timeout_secs),
		))
		.layer(shed)
}

fn parse_root(text: &str) -> Result<ResultRoot, Response> {
	crate::blobs::parse_root(text).ok_or_else(|| refuse(StatusCode::BAD_REQUEST, "the blob root is 32 bytes of hex"))
}

async fn put_blob(State(service): State<Arc<BlobService>>, Path(root): Path<String>, headers: HeaderMap, body: Bytes) -> Response {
	let root = match parse_root(&root) {
		Ok(root) => root,
		Err(response) => return response,
	};
	let (who, job) = match service.admit(Access::Put, root, &headers).await {
		Ok(admitted) => admitted,
		Err(response) => return response,
	};
	let blobs = service.worker.blobs.clone();
	let size = body.len();
	// The upload shows the consumer has the bytes: they are its from now on (crate::blobs).
	let stored = tokio::task::spawn_blocking(move || blobs.put_for(root, &body, who.0)).await;
	match stored {
		Ok(Ok(())) => {
			tracing::info!(job, ?root, bytes = size, "input uploaded");
			StatusCode::CREATED.into_response()
		},
		Ok(Err(e @ BlobError::Mismatch { .. })) => refuse(StatusCode::BAD_REQUEST, e.to_string()),
		Ok(Err(e @ BlobError::NoRoom { .. })) => refuse(StatusCode::INSUFFICIENT_STORAGE, e.to_string()),
		Ok(Err(e)) => refuse(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
		Err(e) => refuse(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
	}
}

async fn get_blob(State(service): State<Arc<BlobService>>, Path(root): Path<String>, headers: HeaderMap) -> Response {
	let root = match parse_root(&root) {
		Ok(root) => root,
		Err(response) => return response,
	};
	let (_, job) = match service.admit(Access::Get, root, &headers).await {
		Ok(admitted) => admitted,
		Err(response) => return response,
	};
	// A blob by its root, or a result by the public form of its root.
	let worker = service.worker.clone();
	match tokio::task::spawn_blocking(move || worker.blobs.get(&root).or_else(|| worker.result_blob(job, &root))).await {
		Ok(Some(bytes)) => bytes.into_response(),
		Ok(None) => refuse(StatusCode::NOT_FOUND, "this worker does not hold that blob"),
		Err(e) => refuse(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
	}
}

async fn metrics(State(service): State<Arc<BlobService>>) -> String {
	service.worker.metrics.render(&service.worker.blobs.stats())
}

/// `ok` and the last finalized block while the worker follows the chain; 503 and why not.
async fn health(State(service): State<Arc<BlobService>>) -> Response {
	match service.worker.chain_link() {
		Ok(block) => format!("ok: finalized block {block}").into_response(),
		Err(why) => refuse(StatusCode::SERVICE_UNAVAILABLE, why),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::sync::atomic::{AtomicUsize, Ordering};

	/// Serves `routes` bounded by `limits` on a free port; returns its base URL.
	async fn serve(routes: Router, limits: &ServiceLimits) -> String {
		let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
		let url = format!("http://{}", listener.local_addr().unwrap());
		let app = bounded(routes, limits);
		tokio::spawn(async move { axum::serve(listener, app).await });
		url
	}

	#[tokio::test]
	async fn oversized_bodies_slow_requests_and_crowds_are_refused() {
		static READ: AtomicUsize = AtomicUsize::new(0);
		let routes = Router::new()
			.route(
				"/upload",
				axum::routing::put(|body: Bytes| async move {
					READ.fetch_add(1, Ordering::SeqCst);
					body.len().to_string()
				}),
			)
			.route("/slow", get(|| async { tokio::time::sleep(Duration::from_secs(30)).await }));
		let limits = ServiceLimits { max_blob_mib: 1, request_timeout_secs: 1, max_requests: 1, requests_per_minute: 1 };
		let url = serve(routes, &limits).await;
		let http = reqwest::Client::new();
		// Within the bound: read and answered.
		let ok = http.put(format!("{url}/upload")).body(vec![0u8; 1 << 20]).send().await.unwrap();
		assert_eq!((ok.status().as_u16(), ok.text().await.unwrap()), (200, "1048576".to_string()));
		// Over it: refused from the Content-Length, and the handler never runs.
		let big = http.put(format!("{url}/upload")).body(vec![0u8; (1 << 20) + 1]).send().await.unwrap();
		assert_eq!(big.status(), StatusCode::PAYLOAD_TOO_LARGE);
		assert_eq!(READ.load(Ordering::SeqCst), 1);
		// A request past its deadline ends with 408; while it runs, the next is shed with 503.
		let slow = tokio::spawn({
			let (http, url) = (http.clone(), url.clone());
			async move { http.get(format!("{url}/slow")).send().await.unwrap().status() }
		});
		tokio::time::sleep(Duration::from_millis(300)).await;
		let crowded = http.get(format!("{url}/slow")).send().await.unwrap();
		assert_eq!(crowded.status(), StatusCode::SERVICE_UNAVAILABLE);
		assert_eq!(slow.await.unwrap(), StatusCode::REQUEST_TIMEOUT);
		// The slot is free again afterwards.
		let again = http.put(format!("{url}/upload")).body(vec![1u8; 10]).send().await.unwrap();
		assert_eq!(again.status(), StatusCode::OK);
	}
}
