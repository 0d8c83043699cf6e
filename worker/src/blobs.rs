//! The on-disk blob cache: content-addressed, hash-checked, bounded in size, least recently used
//! out first.
//!
//! Every blob is a file named by its root (`blake2_256` of its bytes, in hex). Writes go to a
//! temporary file and are renamed into place, so a crash never leaves a half-written blob under a
//! real name. Every read checks the hash again; a file that no longer matches (disk corruption, a
//! manual edit) is deleted and reported as missing, never served. Blobs of running jobs are
//! **pinned** and never evicted. The edge cache of the design: a data set used by many jobs is
//! fetched once and served from here.

use crate::compute::blob_root;
use compnet_primitives::ResultRoot;
use std::{
	collections::{BTreeMap, HashMap},
	fs, io,
	path::{Path, PathBuf},
	sync::Mutex,
};

/// Why a blob was not stored.
#[derive(Debug, thiserror::Error)]
pub enum BlobError {
	/// The bytes do not hash to the root they were sent under.
	#[error("the blob hashes to {actual:?}, not {expected:?}")]
	Mismatch {
		/// The root the sender named.
		expected: ResultRoot,
		/// The root of the bytes received.
		actual: ResultRoot,
	},
	/// The blob is larger than the whole cache, or pinned blobs leave no room for it.
	#[error("no room for {size} bytes: the cache holds {capacity} bytes, {pinned} of them pinned")]
	NoRoom {
		/// The blob's size.
		size: u64,
		/// The cache's size bound.
		capacity: u64,
		/// Bytes held by pinned blobs.
		pinned: u64,
	},
	/// The disk failed.
	#[error("blob store I/O: {0}")]
	Io(#[from] io::Error),
}

#[derive(Clone, Copy, Debug)]
struct Entry {
	size: u64,
	last_used: u64,
	pins: u32,
}

#[derive(Default, Debug)]
struct Index {
	entries: HashMap<ResultRoot, Entry>,
	/// `last_used` tick → root: the eviction order.
	by_use: BTreeMap<u64, ResultRoot>,
	bytes: u64,
	clock: u64,
	hits: u64,
	misses: u64,
}

impl Index {
	fn touch(&mut self, root: ResultRoot) {
		self.clock += 1;
		let clock = self.clock;
		if let Some(entry) = self.entries.get_mut(&root) {
			self.by_use.remove(&entry.last_used);
			entry.last_used = clock;
			self.by_use.insert(clock, root);
		}
	}

	fn insert(&mut self, root: ResultRoot, size: u64) {
		self.clock += 1;
		self.entries.insert(root, Entry { size, last_used: self.clock, pins: 0 });
		self.by_use.insert(self.clock, root);
		self.bytes += size;
	}

	fn remove(&mut self, root: &ResultRoot) -> Option<Entry> {
		let entry = self.entries.remove(root)?;
		self.by_use.remove(&entry.last_used);
		self.bytes -= entry.size;
		Some(entry)
	}
}

/// Counters for the metrics endpoint.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BlobStats {
	/// Blobs held.
	pub blobs: u64,
	/// Bytes held.
	pub bytes: u64,
	/// Reads that found the blob.
	pub hits: u64,
	/// Reads that did not (or found it corrupt).
	pub misses: u64,
}

/// A bounded, content-addressed blob cache in one directory.
pub struct BlobStore {
	dir: PathBuf,
	capacity: u64,
	index: Mutex<Index>,
	/// Serialises writes, so that eviction and insertion of one blob are not interleaved with
	/// another's and the bound holds.
	writer: Mutex<()>,
}

impl BlobStore {
	/// Opens (or creates) the store in `dir`, holding at most `capacity` bytes. Blobs already there
	/// are indexed, oldest modification first; leftover temporary files are removed.
	pub fn open(dir: impl Into<PathBuf>, capacity: u64) -> Result<Self, BlobError> {
		let dir = dir.into();
		fs::create_dir_all(&dir)?;
		let mut found = Vec::new();
		for entry in fs::read_dir(&dir)? {
			let entry = entry?;
			let name = entry.file_name().to_string_lossy().into_owned();
			match parse_root(&name) {
				Some(root) => {
					let meta = entry.metadata()?;
					found.push((meta.modified().ok(), root, meta.len()));
				},
				None if name.ends_with(".tmp") => fs::remove_file(entry.path())?,
				None => {},
			}
		}
		found.sort_by_key(|(modified, ..)| *modified);
		let mut index = Index::default();
		for (_, root, size) in found {
			index.insert(root, size);
		}
		let store = Self { dir, capacity, index: Mutex::new(index), writer: Mutex::new(()) };
		store.evict_for(0)?;
		Ok(store)
	}

	fn path(&self, root: &ResultRoot) -> PathBuf {
		self.dir.join(hex::encode(root.as_bytes()))
	}

	fn lock(&self) -> std::sync::MutexGuard<'_, Index> {
		self.index.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
	}

	/// Stores `bytes` under their root and returns it.
	pub fn put(&self, bytes: &[u8]) -> Result<ResultRoot, BlobError> {
		let root = blob_root(bytes);
		self.put_as(root, bytes)?;
		Ok(root)
	}

	/// Stores `bytes`, which the sender says have root `expected`; refuses them if they do not.
	pub fn put_as(&self, expected: ResultRoot, bytes: &[u8]) -> Result<(), BlobError> {
		let actual = blob_root(bytes);
		if actual != expected {
			return Err(BlobError::Mismatch { expected, actual });
		}
		let _writing = self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		{
			let mut index = self.lock();
			if index.entries.contains_key(&actual) {
				index.touch(actual);
				return Ok(());
			}
		}
		let size = bytes.len() as u64;
		self.evict_for(size)?;
		let path = self.path(&actual);
		let tmp = path.with_extension("tmp");
		fs::write(&tmp, bytes)?;
		fs::rename(&tmp, &path)?;
		let mut index = self.lock();
		if !index.entries.contains_key(&actual) {
			index.insert(actual, size);
		}
		Ok(())
	}

	/// Evicts least recently used, unpinned blobs until `incoming` more bytes fit.
	fn evict_for(&self, incoming: u64) -> Result<(), BlobError> {
		let mut index = self.lock();
		let pinned: u64 = index.entries.values().filter(|e| e.pins > 0).map(|e| e.size).sum();
		if incoming.saturating_add(pinned) > self.capacity {
			return Err(BlobError::NoRoom { size: incoming, capacity: self.capacity, pinned });
		}
		while index.bytes + incoming > self.capacity {
			let victim = index
				.by_use
				.values()
				.copied()
				.find(|root| index.entries.get(root).is_some_and(|e| e.pins == 0))
				.expect("unpinned bytes exceed what is needed, so an unpinned blob exists");
			index.remove(&victim);
			match fs::remove_file(self.path(&victim)) {
				Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e.into()),
				_ => {},
			}
			tracing::debug!(root = ?victim, "evicted blob");
		}
		Ok(())
	}

	/// The blob with `root`, checked against its hash; `None` if absent or corrupt (a corrupt file
	/// is deleted).
	pub fn get(&self, root: &ResultRoot) -> Option<Vec<u8>> {
		let known = self.lock().entries.contains_key(root);
		let bytes = known.then(|| fs::read(self.path(root)).ok()).flatten();
		let mut index = self.lock();
		match bytes {
			Some(bytes) if blob_root(&bytes) == *root => {
				index.touch(*root);
				index.hits += 1;
				Some(bytes)
			},
			other => {
				if other.is_some() || known {
					tracing::warn!(?root, "blob missing or corrupt on disk; dropped");
					index.remove(root);
					let _ = fs::remove_file(self.path(root));
				}
				index.misses += 1;
				None
			},
		}
	}

	/// The first `len` bytes of a stored blob, without reading or hashing the rest: for small
	/// headers on hot paths (every blob was hash-checked when it was stored). Counts as neither a
	/// hit nor a miss.
	pub fn head(&self, root: &ResultRoot, len: usize) -> Option<Vec<u8>> {
		use std::io::Read;
		if !self.contains(root) {
			return None;
		}
		let mut head = Vec::with_capacity(len);
		fs::File::open(self.path(root)).ok()?.take(len as u64).read_to_end(&mut head).ok()?;
		Some(head)
	}

	/// Whether the store holds `root` (without reading it).
	pub fn contains(&self, root: &ResultRoot) -> bool {
		self.lock().entries.contains_key(root)
	}

	/// Keeps `root` from eviction until as many [`Self::unpin`] calls; `false` if it is not held.
	pub fn pin(&self, root: &ResultRoot) -> bool {
		match self.lock().entries.get_mut(root) {
			Some(entry) => {
				entry.pins += 1;
				true
			},
			None => false,
		}
	}

	/// Releases one pin.
	pub fn unpin(&self, root: &ResultRoot) {
		if let Some(entry) = self.lock().entries.get_mut(root) {
			entry.pins = entry.pins.saturating_sub(1);
		}
	}

	/// Current counters.
	pub fn stats(&self) -> BlobStats {
		let index = self.lock();
		BlobStats { blobs: index.entries.len() as u64, bytes: index.bytes, hits: index.hits, misses: index.misses }
	}

	/// The store's directory.
	pub fn dir(&self) -> &Path {
		&self.dir
	}
}

/// A blob root written in hex (with or without `0x`), as in file names and URLs.
pub fn parse_root(text: &str) -> Option<ResultRoot> {
	let bytes = hex::decode(text.trim_start_matches("0x")).ok()?;
	(bytes.len() == 32).then(|| ResultRoot::from_slice(&bytes))
}

#[cfg(test)]
mod tests {
	use super::*;

	fn temp_dir(name: &str) -> PathBuf {
		let dir = std::env::temp_dir().join(format!("compnet-blobs-{name}-{}", std::process::id()));
		let _ = fs::remove_dir_all(&dir);
		dir
	}

	#[test]
	fn blobs_round_trip_and_a_wrong_root_is_refused() {
		let store = BlobStore::open(temp_dir("roundtrip"), 1 << 20).unwrap();
		let root = store.put(b"input bytes").unwrap();
		assert_eq!(root, blob_root(b"input bytes"));
		assert_eq!(store.get(&root).as_deref(), Some(&b"input bytes"[..]));
		let wrong = blob_root(b"other");
		assert!(matches!(store.put_as(wrong, b"input bytes"), Err(BlobError::Mismatch { .. })));
		assert!(!store.contains(&wrong));
		assert_eq!(store.get(&wrong), None);
		assert_eq!(store.stats(), BlobStats { blobs: 1, bytes: 11, hits: 1, misses: 1 });
		let _ = fs::remove_dir_all(store.dir());
	}

	#[test]
	fn least_recently_used_goes_first_and_pinned_blobs_stay() {
		let store = BlobStore::open(temp_dir("lru"), 30).unwrap();
		let a = store.put(&[1u8; 10]).unwrap();
		let b = store.put(&[2u8; 10]).unwrap();
		let c = store.put(&[3u8; 10]).unwrap();
		// Reading `a` makes `b` the least recently used.
		assert!(store.get(&a).is_some());
		let d = store.put(&[4u8; 10]).unwrap();
		assert!(!store.contains(&b) && store.contains(&a) && store.contains(&c) && store.contains(&d));
		assert!(!store.dir().join(hex::encode(b.as_bytes())).exists(), "the file goes with the entry");
		// Pinned `c` (now the oldest) survives; `a` goes instead.
		assert!(store.pin(&c));
		store.put(&[5u8; 10]).unwrap();
		assert!(store.contains(&c) && !store.contains(&a));
		// A blob that cannot fit beside the pinned ones is refused, and nothing is lost for it.
		assert!(matches!(store.put(&[6u8; 25]), Err(BlobError::NoRoom { size: 25, capacity: 30, pinned: 10 })));
		assert_eq!(store.stats().blobs, 3);
		store.unpin(&c);
		store.put(&[6u8; 25]).unwrap();
		assert_eq!(store.stats().blobs, 1);
		let _ = fs::remove_dir_all(store.dir());
	}

	#[test]
	fn a_corrupt_file_is_never_served_and_reopening_keeps_the_rest() {
		let dir = temp_dir("corrupt");
		let store = BlobStore::open(&dir, 1 << 20).unwrap();
		let good = store.put(b"good").unwrap();
		let bad = store.put(b"will be damaged").unwrap();
		fs::write(dir.join(hex::encode(bad.as_bytes())), b"will be DAMAGED").unwrap();
		fs::write(dir.join("leftover.tmp"), b"half a blob").unwrap();
		assert_eq!(store.get(&bad), None);
		assert!(!store.contains(&bad));
		drop(store);
		let store = BlobStore::open(&dir, 1 << 20).unwrap();
		assert_eq!(store.get(&good).as_deref(), Some(&b"good"[..]));
		assert!(!dir.join("leftover.tmp").exists(), "temporary files of a crashed write are removed");
		// Reopening with a smaller bound evicts down to it.
		drop(store);
		let store = BlobStore::open(&dir, 2).unwrap();
		assert_eq!(store.stats().blobs, 0);
		let _ = fs::remove_dir_all(&dir);
	}
}
