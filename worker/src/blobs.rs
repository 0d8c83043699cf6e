//! The on-disk blob cache: content-addressed, hash-checked, bounded in size, least recently used
//! out first.
//!
//! Every blob is a file named by its root (`blake2_256` of its bytes, in hex). Writes go to a
//! temporary file and are renamed into place, so a crash never leaves a half-written blob under a
//! real name. Every read checks the hash again; a file that no longer matches (disk corruption, a
//! manual edit) is deleted and reported as missing, never served. Blobs of running jobs are
//! **pinned** and never evicted. The edge cache of the design: a data set used by many jobs is
//! fetched once and served from here.
//!
//! A blob's **holders** are the accounts that have shown they have its bytes: they uploaded it
//! themselves, or this worker fetched it for one of their jobs from a worker that checked the
//! same. Knowing a blob's root proves nothing (roots are public on chain), so a job's blob is
//! used for, and served to the parties of, only a job whose consumer is a holder
//! ([`BlobStore::held_for`]). They are kept beside the blob (`<root>.holders`, at most
//! [`MAX_HOLDERS`], the oldest dropped first) and go with it when it is evicted.

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

/// An account (its 32-byte public key) that has shown it has a blob's bytes.
pub type Holder = [u8; 32];

/// The most holders one blob keeps; an account dropped from the list uploads the blob again.
pub const MAX_HOLDERS: usize = 64;

#[derive(Clone, Copy, Debug)]
struct Entry {
	size: u64,
	last_used: u64,
	pins: u32,
}

#[derive(Default, Debug)]
struct Index {
	entries: HashMap<ResultRoot, Entry>,
	/// Each blob's holders, oldest first.
	holders: HashMap<ResultRoot, Vec<Holder>>,
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
		self.holders.remove(root);
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
			let holders = read_holders(&holders_path(&dir, &root))?;
			if !holders.is_empty() {
				index.holders.insert(root, holders);
			}
		}
		// Holder lists whose blob is gone (a crash between the two removals).
		for entry in fs::read_dir(&dir)? {
			let path = entry?.path();
			let orphan = path.extension().is_some_and(|e| e == "holders") &&
				path.file_stem().and_then(|s| parse_root(&s.to_string_lossy())).is_none_or(|root| !index.entries.contains_key(&root));
			if orphan {
				fs::remove_file(path)?;
			}
		}
		let store = Self { dir, capacity, index: Mutex::new(index), writer: Mutex::new(()) };
		store.evict_for(0)?;
		Ok(store)
	}

	fn path(&self, root: &ResultRoot) -> PathBuf {
		self.dir.join(hex::encode(root.as_bytes()))
	}

	fn remove_files(&self, root: &ResultRoot) -> Result<(), io::Error> {
		for path in [self.path(root), holders_path(&self.dir, root)] {
			match fs::remove_file(path) {
				Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
				_ => {},
			}
		}
		Ok(())
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
		write_durably(&self.path(&actual), bytes)?;
		let mut index = self.lock();
		if !index.entries.contains_key(&actual) {
			index.insert(actual, size);
		}
		Ok(())
	}

	/// Stores `bytes`, sent under root `expected`, as [`Self::put_as`] does, and records `holder`
	/// as having shown it has them (durably, before this returns).
	pub fn put_for(&self, expected: ResultRoot, bytes: &[u8], holder: Holder) -> Result<(), BlobError> {
		self.put_as(expected, bytes)?;
		let _writing = self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		let holders = {
			let mut index = self.lock();
			if !index.entries.contains_key(&expected) {
				// Evicted in between by a larger write: the holder uploads again.
				return Ok(());
			}
			let holders = index.holders.entry(expected).or_default();
			if holders.contains(&holder) {
				return Ok(());
			}
			if holders.len() == MAX_HOLDERS {
				holders.remove(0);
			}
			holders.push(holder);
			holders.concat()
		};
		write_durably(&holders_path(&self.dir, &expected), &holders)?;
		Ok(())
	}

	/// Whether `holder` has shown this worker it has the bytes of `root` (and they are here).
	pub fn held_for(&self, root: &ResultRoot, holder: &Holder) -> bool {
		self.lock().holders.get(root).is_some_and(|h| h.contains(holder))
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
			self.remove_files(&victim)?;
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
					let _ = self.remove_files(root);
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

fn holders_path(dir: &Path, root: &ResultRoot) -> PathBuf {
	dir.join(format!("{}.holders", hex::encode(root.as_bytes())))
}

/// The holders in a `.holders` file (none if it is absent; a torn tail is ignored).
fn read_holders(path: &Path) -> io::Result<Vec<Holder>> {
	match fs::read(path) {
		Ok(bytes) => Ok(bytes.chunks_exact(32).map(|c| c.try_into().expect("32-byte chunks")).collect()),
		Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
		Err(e) => Err(e),
	}
}

/// Writes `bytes` to `path` so that a crash leaves the old file or the whole new one, and the new
/// one survives a power cut once this returns: a temporary file, fsynced, renamed into place, then
/// the directory fsynced.
pub fn write_durably(path: &Path, bytes: &[u8]) -> io::Result<()> {
	use std::io::Write;
	let mut tmp_name = path.as_os_str().to_owned();
	tmp_name.push(".tmp");
	let tmp = PathBuf::from(tmp_name);
	let mut file = fs::File::create(&tmp)?;
	file.write_all(bytes)?;
	file.sync_all()?;
	drop(file);
	fs::rename(&tmp, path)?;
	if let Some(dir) = path.parent() {
		fs::File::open(dir)?.sync_all()?;
	}
	Ok(())
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
	fn holders_are_kept_across_a_restart_bounded_and_go_with_their_blob() {
		let dir = temp_dir("holders");
		let store = BlobStore::open(&dir, 100).unwrap();
		let (alice, bob) = ([1u8; 32], [2u8; 32]);
		let root = blob_root(b"alice's data");
		// Knowing the root is not having the bytes: a wrong body names nobody.
		assert!(store.put_for(root, b"guessed", bob).is_err());
		store.put_for(root, b"alice's data", alice).unwrap();
		assert!(store.held_for(&root, &alice) && !store.held_for(&root, &bob));
		// A cached blob is not anyone's for the asking: only another upload of the bytes adds Bob.
		store.put_for(root, b"alice's data", bob).unwrap();
		assert!(store.held_for(&root, &bob));
		drop(store);
		let store = BlobStore::open(&dir, 100).unwrap();
		assert!(store.held_for(&root, &alice) && store.held_for(&root, &bob), "holders survive a restart");
		// At most MAX_HOLDERS, the oldest dropped.
		for i in 0..MAX_HOLDERS as u8 {
			store.put_for(root, b"alice's data", [100 + i; 32]).unwrap();
		}
		assert!(!store.held_for(&root, &alice) && store.held_for(&root, &[100; 32]));
		// Evicted, the blob takes its holders with it, on disk too.
		store.put(&[9u8; 95]).unwrap();
		assert!(!store.contains(&root) && !store.held_for(&root, &[100; 32]));
		assert!(!dir.join(format!("{}.holders", hex::encode(root.as_bytes()))).exists());
		// An orphaned list (a crash between the removals) is cleared on opening.
		fs::write(dir.join(format!("{}.holders", hex::encode(root.as_bytes()))), alice).unwrap();
		drop(store);
		let store = BlobStore::open(&dir, 100).unwrap();
		assert!(!store.held_for(&root, &alice));
		assert!(!dir.join(format!("{}.holders", hex::encode(root.as_bytes()))).exists());
		let _ = fs::remove_dir_all(&dir);
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
