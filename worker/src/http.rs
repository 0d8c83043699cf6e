//! The worker's HTTP service: the blob endpoints and Prometheus metrics.
//!
//! | route | what |
//! |---|---|
//! | `PUT /blobs/0x{root}` | the job's consumer uploads its input (signed, see [`crate::auth`]) |
//! | `GET /blobs/0x{root}` | the consumer downloads the input, or a revealed result by the public root the chain keeps; auditors the input |
//! | `GET /metrics` | Prometheus text exposition |
//! | `GET /health` | `ok` |

use crate::{
	auth::{self, Access},
	blobs::BlobError,
	service::Worker,
};
use axum::{
	body::Bytes,
	extract::{DefaultBodyLimit, Path, State},
	http::{HeaderMap, StatusCode},
	response::{IntoResponse, Response},
	routing::get,
	Router,
};
use compnet_primitives::ResultRoot;
use std::sync::Arc;

/// The router, with uploads bounded to `max_blob_bytes`.
pub fn router(worker: Arc<Worker>, max_blob_bytes: usize) -> Router {
	Router::new()
		.route("/blobs/{root}", get(get_blob).put(put_blob))
		.route("/metrics", get(metrics))
		.route("/health", get(|| async { "ok" }))
		.layer(DefaultBodyLimit::max(max_blob_bytes))
		.with_state(worker)
}

fn parse_root(text: &str) -> Result<ResultRoot, Response> {
	crate::blobs::parse_root(text).ok_or_else(|| (StatusCode::BAD_REQUEST, "the blob root is 32 bytes of hex").into_response())
}

/// Checks the signature and asks the chain whether the signer may do this.
async fn admit(worker: &Worker, access: Access, root: ResultRoot, headers: &HeaderMap) -> Result<u64, Response> {
	let header = |name: &'static str| headers.get(name).and_then(|v| v.to_str().ok());
	let (who, job) = auth::verify(access, root, auth::unix_now(), header)
		.map_err(|e| (StatusCode::UNAUTHORIZED, e.to_string()).into_response())?;
	worker
		.authorize(access, root, &who, job)
		.await
		.map_err(|reason| (StatusCode::FORBIDDEN, reason).into_response())?;
	Ok(job)
}

async fn put_blob(State(worker): State<Arc<Worker>>, Path(root): Path<String>, headers: HeaderMap, body: Bytes) -> Response {
	let root = match parse_root(&root) {
		Ok(root) => root,
		Err(response) => return response,
	};
	let job = match admit(&worker, Access::Put, root, &headers).await {
		Ok(job) => job,
		Err(response) => return response,
	};
	match worker.blobs.put_as(root, &body) {
		Ok(()) => {
			tracing::info!(job, ?root, bytes = body.len(), "input uploaded");
			StatusCode::CREATED.into_response()
		},
		Err(e @ BlobError::Mismatch { .. }) => (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
		Err(e @ BlobError::NoRoom { .. }) => (StatusCode::INSUFFICIENT_STORAGE, e.to_string()).into_response(),
		Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
	}
}

async fn get_blob(State(worker): State<Arc<Worker>>, Path(root): Path<String>, headers: HeaderMap) -> Response {
	let root = match parse_root(&root) {
		Ok(root) => root,
		Err(response) => return response,
	};
	let job = match admit(&worker, Access::Get, root, &headers).await {
		Ok(job) => job,
		Err(response) => return response,
	};
	// A blob by its root, or a result by the public form of its root.
	match worker.blobs.get(&root).or_else(|| worker.result_blob(job, &root)) {
		Some(bytes) => bytes.into_response(),
		None => (StatusCode::NOT_FOUND, "this worker does not hold that blob").into_response(),
	}
}

async fn metrics(State(worker): State<Arc<Worker>>) -> String {
	worker.metrics.render(&worker.blobs.stats())
}
