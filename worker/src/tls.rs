//! HTTPS for the blob service (rustls): the server side of `--tls-cert`/`--tls-key`, and the
//! client's extra trust root (`--tls-ca`).
//!
//! Handshakes run off the accept loop, each bounded by [`HANDSHAKE_TIMEOUT`], so a client that
//! opens a connection and never speaks delays nobody else; a failed handshake is logged and
//! dropped. rustls uses the *ring* provider, the one the rest of the build already has.

use std::{net::SocketAddr, path::Path, sync::Arc, time::Duration};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::{
	rustls::{
		self,
		pki_types::{pem::PemObject, CertificateDer, PrivateKeyDer},
	},
	server::TlsStream,
	TlsAcceptor,
};

/// How long a client has to finish its TLS handshake.
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// Handshakes in progress at most; more connections wait in the kernel's backlog.
const HANDSHAKES_AT_ONCE: usize = 128;

/// The server's TLS settings from a PEM certificate chain and its PEM private key.
pub fn server_config(cert: &Path, key: &Path) -> Result<Arc<rustls::ServerConfig>, String> {
	let chain = CertificateDer::pem_file_iter(cert)
		.and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
		.map_err(|e| format!("the certificate {}: {e}", cert.display()))?;
	if chain.is_empty() {
		return Err(format!("the certificate {} holds no certificate", cert.display()));
	}
	let key = PrivateKeyDer::from_pem_file(key).map_err(|e| format!("the private key {}: {e}", key.display()))?;
	let provider = Arc::new(rustls::crypto::ring::default_provider());
	let mut config = rustls::ServerConfig::builder_with_provider(provider)
		.with_safe_default_protocol_versions()
		.map_err(|e| e.to_string())?
		.with_no_client_auth()
		.with_single_cert(chain, key)
		.map_err(|e| format!("the certificate and key do not make a server identity: {e}"))?;
	config.alpn_protocols = vec![b"http/1.1".to_vec()];
	Ok(Arc::new(config))
}

/// A listener that hands out connections once their TLS handshake is done (for `axum::serve`).
pub struct TlsListener {
	connections: tokio::sync::mpsc::Receiver<(TlsStream<TcpStream>, SocketAddr)>,
	local: SocketAddr,
}

impl TlsListener {
	/// Accepts on `tcp` and shakes hands with `config` in the background.
	pub fn new(tcp: TcpListener, config: Arc<rustls::ServerConfig>) -> std::io::Result<Self> {
		let local = tcp.local_addr()?;
		let (tx, connections) = tokio::sync::mpsc::channel(HANDSHAKES_AT_ONCE);
		let acceptor = TlsAcceptor::from(config);
		let handshakes = Arc::new(tokio::sync::Semaphore::new(HANDSHAKES_AT_ONCE));
		tokio::spawn(async move {
			loop {
				let Ok(permit) = handshakes.clone().acquire_owned().await else { return };
				let (stream, peer) = match tcp.accept().await {
					Ok(accepted) => accepted,
					Err(e) => {
						tracing::warn!(error = %e, "accept failed");
						tokio::time::sleep(Duration::from_millis(100)).await;
						continue;
					},
				};
				if tx.is_closed() {
					return;
				}
				let (acceptor, ready) = (acceptor.clone(), tx.clone());
				tokio::spawn(async move {
					let _permit = permit;
					match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
						Ok(Ok(tls)) => {
							let _ = ready.send((tls, peer)).await;
						},
						Ok(Err(e)) => tracing::debug!(%peer, error = %e, "TLS handshake failed"),
						Err(_) => tracing::debug!(%peer, "TLS handshake timed out"),
					}
				});
			}
		});
		Ok(Self { connections, local })
	}
}

impl axum::serve::Listener for TlsListener {
	type Io = TlsStream<TcpStream>;
	type Addr = SocketAddr;

	async fn accept(&mut self) -> (Self::Io, Self::Addr) {
		match self.connections.recv().await {
			Some(connection) => connection,
			// The accept loop ended (it does not, while the listener lives): serve nothing more.
			None => std::future::pending().await,
		}
	}

	fn local_addr(&self) -> std::io::Result<Self::Addr> {
		Ok(self.local)
	}
}

/// A PEM certificate the client trusts besides the system's roots (`--tls-ca`): a private CA, or
/// a worker's self-signed certificate.
pub fn extra_root(path: &Path) -> Result<reqwest::Certificate, String> {
	let pem = std::fs::read(path).map_err(|e| format!("the CA certificate {}: {e}", path.display()))?;
	reqwest::Certificate::from_pem(&pem).map_err(|e| format!("the CA certificate {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
	use super::*;

	/// A self-signed certificate for 127.0.0.1, as PEM files in a fresh directory.
	fn self_signed(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
		let cert = rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()]).unwrap();
		std::fs::create_dir_all(dir).unwrap();
		let (cert_path, key_path) = (dir.join("cert.pem"), dir.join("key.pem"));
		std::fs::write(&cert_path, cert.serialize_pem().unwrap()).unwrap();
		std::fs::write(&key_path, cert.serialize_private_key_pem()).unwrap();
		(cert_path, key_path)
	}

	#[tokio::test]
	async fn the_blob_service_speaks_https_to_clients_that_trust_it_and_only_https() {
		let dir = std::env::temp_dir().join(format!("compnet-tls-{}", std::process::id()));
		let (cert, key) = self_signed(&dir);
		let tcp = TcpListener::bind("127.0.0.1:0").await.unwrap();
		let listener = TlsListener::new(tcp, server_config(&cert, &key).unwrap()).unwrap();
		let port = axum::serve::Listener::local_addr(&listener).unwrap().port();
		let app = axum::Router::new().route("/health", axum::routing::get(|| async { "ok" }));
		tokio::spawn(async move { axum::serve(listener, app).await });
		// A client that never finishes its handshake does not hold up the others.
		let _silent = TcpStream::connect(("127.0.0.1", port)).await.unwrap();

		let trusting = crate::endpoint::EndpointPolicy { allow_private: true }.client_trusting(Some(extra_root(&cert).unwrap()));
		let body = trusting.get(format!("https://127.0.0.1:{port}/health")).send().await.unwrap().text().await.unwrap();
		assert_eq!(body, "ok");
		// Without the certificate among its roots a client refuses the server...
		let stranger = crate::endpoint::EndpointPolicy { allow_private: true }.client();
		let err = stranger.get(format!("https://127.0.0.1:{port}/health")).send().await.unwrap_err();
		assert!(format!("{err:?}").to_lowercase().contains("certificate"), "{err:?}");
		// ...and plain HTTP gets no answer from a TLS port.
		assert!(trusting.get(format!("http://127.0.0.1:{port}/health")).send().await.is_err());
		// Files that are not a certificate and a key are refused with their names.
		std::fs::write(dir.join("junk.pem"), b"not pem").unwrap();
		let err = server_config(&dir.join("junk.pem"), &key).unwrap_err();
		assert!(err.contains("junk.pem"), "{err}");
		let _ = std::fs::remove_dir_all(&dir);
	}
}
