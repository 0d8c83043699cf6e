//! Which blob endpoints read from the chain may be dialled.
//!
//! A provider's endpoint is whatever its operator registered: an attacker can register
//! `http://127.0.0.1:8080`, `http://169.254.169.254` (a cloud's metadata service) or a name that
//! resolves to a private address, and use the workers and consumers that dial it to reach
//! services inside their networks. So an endpoint is checked before it is dialled: `http` or
//! `https`, a host, no credentials, and no loopback, private, link-local, shared, multicast or
//! unspecified address, either written in the URL or resolved from its name (the HTTP client
//! resolves through [`EndpointPolicy::client`], which drops such addresses, and follows no
//! redirects). A local network or a test opts in with `--allow-private-endpoints`.

use std::{
	net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr},
	sync::Arc,
	time::Duration,
};

/// Whether endpoints in private address ranges may be dialled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EndpointPolicy {
	/// Loopback and private ranges allowed (a local network, a test).
	pub allow_private: bool,
}

/// Why an endpoint is not dialled.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("the endpoint {endpoint} is not dialled: {reason}")]
pub struct Refused {
	/// The endpoint as the chain holds it.
	pub endpoint: String,
	/// Why.
	pub reason: String,
}

impl EndpointPolicy {
	/// Public addresses only: what a worker or consumer on the internet uses.
	pub const PUBLIC_ONLY: Self = Self { allow_private: false };

	/// Checks `endpoint` (`scheme://host[:port][/path]`) before it is dialled.
	pub fn check(&self, endpoint: &str) -> Result<(), Refused> {
		let refuse = |reason: &str| Refused { endpoint: endpoint.into(), reason: reason.into() };
		let url = url::Url::parse(endpoint).map_err(|e| refuse(&format!("not a URL ({e})")))?;
		if !matches!(url.scheme(), "http" | "https") {
			return Err(refuse("only http and https are dialled"));
		}
		if !url.username().is_empty() || url.password().is_some() {
			return Err(refuse("credentials in the URL"));
		}
		if url.query().is_some() || url.fragment().is_some() {
			return Err(refuse("a query or fragment in the URL"));
		}
		if self.allow_private {
			return url.host().map(|_| ()).ok_or_else(|| refuse("no host"));
		}
		match url.host() {
			None => Err(refuse("no host")),
			Some(url::Host::Ipv4(ip)) if !is_public(IpAddr::V4(ip)) => Err(refuse("a private or special address")),
			Some(url::Host::Ipv6(ip)) if !is_public(IpAddr::V6(ip)) => Err(refuse("a private or special address")),
			Some(url::Host::Domain(name)) if is_loopback_name(name) => Err(refuse("a loopback name")),
			Some(_) => Ok(()),
		}
	}

	/// The HTTP client for blob transfers under this policy: names resolve to public addresses
	/// only (unless private ones are allowed), no redirect is followed, and connections and
	/// requests time out.
	pub fn client(&self) -> reqwest::Client {
		self.client_trusting(None)
	}

	/// [`Self::client`], trusting `extra_root` besides the system's roots for HTTPS endpoints.
	pub fn client_trusting(&self, extra_root: Option<reqwest::Certificate>) -> reqwest::Client {
		let mut builder = reqwest::Client::builder()
			.use_rustls_tls()
			.redirect(reqwest::redirect::Policy::none())
			.connect_timeout(Duration::from_secs(10))
			.timeout(Duration::from_secs(600));
		if !self.allow_private {
			builder = builder.dns_resolver(Arc::new(PublicResolver));
		}
		if let Some(root) = extra_root {
			builder = builder.add_root_certificate(root);
		}
		builder.build().expect("a rustls client with the system's roots builds")
	}
}

/// `localhost` and its subdomains, with or without the final dot.
fn is_loopback_name(name: &str) -> bool {
	let name = name.trim_end_matches('.').to_ascii_lowercase();
	name == "localhost" || name.ends_with(".localhost")
}

/// Whether `ip` is an address on the public internet.
pub fn is_public(ip: IpAddr) -> bool {
	match ip {
		IpAddr::V4(v4) => is_public_v4(v4),
		IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
			Some(v4) => is_public_v4(v4),
			None => is_public_v6(v6),
		},
	}
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
	let [a, b, ..] = ip.octets();
	!(ip.is_loopback() ||
		ip.is_private() ||
		ip.is_link_local() ||
		ip.is_unspecified() ||
		ip.is_broadcast() ||
		ip.is_multicast() ||
		ip.is_documentation() ||
		a == 0 || // "this network"
		(a == 100 && (64..128).contains(&b)) || // shared address space (carrier NAT)
		(a == 198 && (18..20).contains(&b)) || // benchmarking
		a >= 240) // reserved
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
	let first = ip.segments()[0];
	!(ip.is_loopback() ||
		ip.is_unspecified() ||
		ip.is_multicast() ||
		(first & 0xfe00) == 0xfc00 || // unique local
		(first & 0xffc0) == 0xfe80 || // link local
		(first == 0x2001 && ip.segments()[1] == 0x0db8)) // documentation
}

/// Resolves names with the system resolver and keeps public addresses only.
struct PublicResolver;

impl reqwest::dns::Resolve for PublicResolver {
	fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
		Box::pin(resolve_public(name.as_str().to_owned()))
	}
}

/// `host`'s public addresses; an error when it has none.
async fn resolve_public(host: String) -> Result<reqwest::dns::Addrs, Box<dyn std::error::Error + Send + Sync>> {
	let public: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.filter(|a| is_public(a.ip())).collect();
	if public.is_empty() {
		let message = format!("{host} resolves to no public address");
		return Err(Box::new(std::io::Error::new(std::io::ErrorKind::PermissionDenied, message)));
	}
	Ok(Box::new(public.into_iter()))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn internal_targets_are_refused_and_public_ones_pass() {
		let policy = EndpointPolicy::PUBLIC_ONLY;
		for endpoint in [
			"http://127.0.0.1:8080",
			"http://169.254.169.254/latest/meta-data",
			"http://10.0.0.5",
			"http://192.168.1.1:80",
			"http://172.16.0.1",
			"http://100.64.0.1",
			"http://0.0.0.0:9944",
			"http://[::1]:8080",
			"http://[fd00::1]",
			"http://[fe80::1]",
			"http://[::ffff:127.0.0.1]",
			"http://localhost:8080",
			"http://db.localhost",
			"http://LOCALHOST.:80",
		] {
			assert!(policy.check(endpoint).is_err(), "{endpoint}");
		}
		for (endpoint, reason) in [
			("file:///etc/passwd", "only http and https"),
			("gopher://example.org", "only http and https"),
			("https://user:secret@example.org", "credentials"),
			("https://example.org/?x=1", "query"),
			("not a url", "not a URL"),
		] {
			assert!(policy.check(endpoint).unwrap_err().reason.contains(reason), "{endpoint}");
		}
		for endpoint in ["https://gpu1.example.org:8443", "http://8.8.8.8:8080", "https://[2606:4700::1111]"] {
			assert_eq!(policy.check(endpoint), Ok(()), "{endpoint}");
		}
	}

	#[test]
	fn a_local_network_opts_in() {
		let local = EndpointPolicy { allow_private: true };
		assert_eq!(local.check("http://127.0.0.1:8080"), Ok(()));
		assert!(local.check("file:///etc/passwd").is_err(), "the scheme is checked all the same");
	}

	#[tokio::test]
	async fn a_name_that_resolves_to_loopback_is_not_dialled() {
		let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
		let port = listener.local_addr().unwrap().port();
		let url = format!("http://localhost:{port}/blobs");
		let err = EndpointPolicy::PUBLIC_ONLY.client().get(&url).send().await.unwrap_err();
		assert!(format!("{err:?}").contains("no public address"), "{err:?}");
	}
}
