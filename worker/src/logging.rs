//! Logs through `tracing`, filtered by `RUST_LOG` (default `info`).

/// Installs the log subscriber once; later calls do nothing.
pub fn init() {
	let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
	let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
	let _ = tracing_subscriber::fmt()
		.with_env_filter(filter)
		.with_target(false)
		.with_ansi(ansi)
		.with_writer(std::io::stderr)
		.try_init();
}
