//! The consumer's side of `he-linear`: keys on disk, the job's blobs, and reading the answer.
//!
//! A key directory holds `secret.key` (the seed of the BFV secret keys, mode 0600, never
//! uploaded) and one `evaluation-d{D}.blob` per padded layer side (`evaluation-2layers-d{D}.blob`
//! for two layers; `-relin` in the name with the relinearization key that encrypted weights
//! need), reused across jobs: the evaluation key is a content-addressed blob, so a provider that
//! already holds it needs it only once.

use compnet_he::{blob, ConsumerKey, Layout, Weights};
pub use compnet_he::plain_layers;
use rand09::{Rng, SeedableRng};
use std::path::{Path, PathBuf};

/// A consumer's key directory.
pub struct KeyDir {
	dir: PathBuf,
	/// The secret key.
	pub secret: ConsumerKey,
}

/// Sizes of a consumer's keys, for reports.
#[derive(Debug)]
pub struct KeySizes {
	/// The secret key's bytes.
	pub secret: usize,
	/// The evaluation key blob's bytes, for the layer asked about.
	pub evaluation: usize,
	/// The relinearization key's share of it (zero without encrypted weights).
	pub relinearization: usize,
}

fn io(path: &Path, e: std::io::Error) -> String {
	format!("{}: {e}", path.display())
}

impl KeyDir {
	/// Creates a new secret key in `dir`; refuses to overwrite one.
	pub fn create(dir: &Path) -> Result<Self, String> {
		std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
		let path = dir.join("secret.key");
		if path.exists() {
			return Err(format!("{} exists: it may be the only key to earlier results; remove it yourself", path.display()));
		}
		let secret = ConsumerKey::generate(&mut rand09::rng());
		write_private(&path, &secret.to_bytes())?;
		Ok(Self { dir: dir.to_path_buf(), secret })
	}

	/// Opens the secret key in `dir`.
	pub fn open(dir: &Path) -> Result<Self, String> {
		let path = dir.join("secret.key");
		let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e} (create keys with `compnet keygen`)", path.display()))?;
		let secret = ConsumerKey::from_bytes(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
		Ok(Self { dir: dir.to_path_buf(), secret })
	}

	/// The evaluation-key blob for `layout` (with the relinearization key if the weights are
	/// encrypted), made once and kept in the directory.
	pub fn evaluation_blob(&self, layout: &Layout, encrypted_weights: bool) -> Result<Vec<u8>, String> {
		let layers = if layout.second.is_some() { "2layers-" } else { "" };
		let relin = if encrypted_weights { "-relin" } else { "" };
		let path = self.dir.join(format!("evaluation-{layers}d{}{relin}.blob", layout.d));
		if let Ok(bytes) = std::fs::read(&path) {
			let fits = |key: &blob::KeyBlob| {
				key.ring == layout.ring && key.d == layout.d && key.key.relinearization.is_some() == encrypted_weights
			};
			if blob::parse_key_blob(&bytes).is_ok_and(|key| fits(&key)) {
				return Ok(bytes);
			}
			tracing::warn!(path = %path.display(), "unreadable evaluation key, making a new one");
		}
		let key = self.secret.server_key(layout, encrypted_weights, &mut rand09::rng()).map_err(|e| e.to_string())?;
		let bytes = blob::key_blob(layout, &key);
		write_private(&path, &bytes)?;
		Ok(bytes)
	}

	/// Sizes of this directory's keys for `layout` (making the evaluation key if needed).
	pub fn sizes(&self, layout: &Layout, encrypted_weights: bool) -> Result<KeySizes, String> {
		let bytes = self.evaluation_blob(layout, encrypted_weights)?;
		let relinearization = blob::parse_key_blob(&bytes).map_err(|e| e.to_string())?.key.relinearization.map_or(0, |rk| compnet_he::size_of(&rk));
		Ok(KeySizes { secret: self.secret.to_bytes().len(), evaluation: bytes.len(), relinearization })
	}

	/// The job input for `weights` (every layer's, as [`Weights::Plain`] holds them; sent
	/// encrypted if `encrypted_weights`) and `vectors`, naming `key_blob`.
	pub fn input_blob(
		&self,
		layout: &Layout,
		weights: &[i64],
		vectors: &[Vec<i64>],
		key_blob: &[u8],
		encrypted_weights: bool,
	) -> Result<Vec<u8>, String> {
		let rng = &mut rand09::rng();
		let cts = self.secret.encrypt(layout, vectors, rng).map_err(|e| e.to_string())?;
		let weights = if encrypted_weights {
			Weights::Encrypted(self.secret.encrypt_weights(layout, weights, rng).map_err(|e| e.to_string())?)
		} else {
			Weights::Plain(weights.to_vec())
		};
		let key_root = crate::compute::blob_root(key_blob).0;
		Ok(blob::input_blob(&key_root, layout, vectors.len(), &weights, &cts))
	}

	/// Decrypts a result blob into `batch` output vectors.
	pub fn decrypt(&self, layout: &Layout, result: &[u8], batch: usize) -> Result<Vec<Vec<i64>>, String> {
		let cts = blob::parse_output(result, layout, batch).map_err(|e| e.to_string())?;
		self.secret.decrypt(layout, &cts, batch).map_err(|e| e.to_string())
	}
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
	use std::io::Write;
	let mut options = std::fs::OpenOptions::new();
	options.write(true).create(true).truncate(true);
	#[cfg(unix)]
	std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
	let mut file = options.open(path).map_err(|e| io(path, e))?;
	file.write_all(bytes).and_then(|_| file.sync_all()).map_err(|e| io(path, e))
}

/// Reads a text matrix: one row per line, integers separated by spaces or commas; `#` comments.
pub fn read_matrix(path: &Path) -> Result<Vec<Vec<i64>>, String> {
	let text = std::fs::read_to_string(path).map_err(|e| io(path, e))?;
	parse_matrix(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Parses a text matrix (see [`read_matrix`]).
pub fn parse_matrix(text: &str) -> Result<Vec<Vec<i64>>, String> {
	text.lines()
		.enumerate()
		.map(|(n, line)| (n, line.split('#').next().unwrap_or("").trim()))
		.filter(|(_, line)| !line.is_empty())
		.map(|(n, line)| {
			line.split(|c: char| c == ',' || c.is_whitespace())
				.filter(|v| !v.is_empty())
				.map(|v| v.parse::<i64>().map_err(|_| format!("line {}: `{v}` is not an integer", n + 1)))
				.collect()
		})
		.collect()
}

/// Writes vectors as text, one per line.
pub fn format_matrix(rows: &[Vec<i64>]) -> String {
	rows.iter().map(|r| r.iter().map(i64::to_string).collect::<Vec<_>>().join(" ") + "\n").collect()
}

/// Every layer's weights and `batch` vectors of small integers from `seed`: at most ±127, and
/// small enough that no output can leave `±t/2` (two 1,024-wide layers allow ±3).
pub fn generate(layout: &Layout, batch: usize, seed: u64) -> (Vec<i64>, Vec<Vec<i64>>) {
	let mut rng = rand_chacha09::ChaCha8Rng::seed_from_u64(seed);
	// |y| ≤ (every layer's columns) · bound^(layers + 1).
	let layers = layout.layers();
	let reach: f64 = layers.iter().map(|(_, cols)| *cols as f64).product();
	let bound = ((compnet_he::MAX_MAGNITUDE as f64 / reach).powf(1.0 / (layers.len() + 1) as f64).floor() as i64).clamp(1, 127);
	let weights = (0..layout.weight_count()).map(|_| rng.random_range(-bound..=bound)).collect();
	let vectors = (0..batch).map(|_| (0..layout.cols).map(|_| rng.random_range(-bound..=bound)).collect()).collect();
	(weights, vectors)
}


#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn matrices_parse_with_comments_and_commas_and_refuse_junk() {
		assert_eq!(parse_matrix("# W\n1 2, 3\n\n-4 5 6 # row 2\n").unwrap(), vec![vec![1, 2, 3], vec![-4, 5, 6]]);
		assert_eq!(parse_matrix("1 x").unwrap_err(), "line 1: `x` is not an integer");
		assert_eq!(parse_matrix(&format_matrix(&[vec![7, -8]])).unwrap(), vec![vec![7, -8]]);
	}

	#[test]
	fn a_key_directory_keeps_its_keys_and_round_trips_a_layer() {
		let dir = std::env::temp_dir().join(format!("compnet-he-keys-{}", std::process::id()));
		let _ = std::fs::remove_dir_all(&dir);
		let keys = KeyDir::create(&dir).unwrap();
		assert!(KeyDir::create(&dir).is_err(), "never overwrites a secret key");
		#[cfg(unix)]
		{
			use std::os::unix::fs::PermissionsExt;
			let mode = std::fs::metadata(dir.join("secret.key")).unwrap().permissions().mode();
			assert_eq!(mode & 0o777, 0o600);
		}
		for (second_rows, encrypted_weights) in [(None, false), (None, true), (Some(5), false), (Some(5), true)] {
			let layout = Layout::of(3, 4, second_rows.map(|s| s as usize)).unwrap();
			let (w, xs) = generate(&layout, 2, 5);
			let key_blob = keys.evaluation_blob(&layout, encrypted_weights).unwrap();
			let reopened = KeyDir::open(&dir).unwrap();
			assert_eq!(reopened.evaluation_blob(&layout, encrypted_weights).unwrap(), key_blob, "the evaluation key is reused");
			let sizes = reopened.sizes(&layout, encrypted_weights).unwrap();
			assert_eq!(sizes.relinearization > 0, encrypted_weights);
			let input = reopened.input_blob(&layout, &w, &xs, &key_blob, encrypted_weights).unwrap();
			let job = compnet_primitives::Workload::HeLinear { rows: 3, cols: 4, batch: 2, encrypted_weights, second_rows };
			let result = crate::compute::run_he_linear(&job, &input, &key_blob, u128::MAX).unwrap();
			let ys = keys.decrypt(&layout, &result, 2).unwrap();
			assert_eq!(ys, xs.iter().map(|x| plain_layers(&layout, &w, x).unwrap()).collect::<Vec<_>>());
			// The key of the other depth is refused: another ring, or a missing rotation.
			let other_depth = Layout::of(3, 4, if second_rows.is_some() { None } else { Some(5) }).unwrap();
			let other_key = keys.evaluation_blob(&other_depth, encrypted_weights).unwrap();
			let other_input = reopened.input_blob(&layout, &w, &xs, &other_key, encrypted_weights).unwrap();
			let refused = crate::compute::run_he_linear(&job, &other_input, &other_key, u128::MAX).unwrap_err().to_string();
			assert!(refused.contains("the evaluation key is for degree"), "{refused}");
			// A key that is not the one the input names is refused.
			let other = KeyDir::create(&dir.join(format!("other-{encrypted_weights}-{second_rows:?}"))).unwrap().evaluation_blob(&layout, encrypted_weights).unwrap();
			assert!(crate::compute::run_he_linear(&job, &input, &other, u128::MAX).is_err());
			// So is an input whose weights are not what the job says on-chain.
			let flipped = compnet_primitives::Workload::HeLinear { rows: 3, cols: 4, batch: 2, encrypted_weights: !encrypted_weights, second_rows };
			assert!(crate::compute::run_he_linear(&flipped, &input, &key_blob, u128::MAX).is_err());
		}
		std::fs::remove_dir_all(&dir).unwrap();
	}
}
