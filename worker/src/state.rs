//! What the worker must not forget across a crash: for each job it works on, its role and, once
//! computed, the result root and the salt of its commitment.
//!
//! One small JSON file per job in `<data>/jobs/`, written before the commitment is submitted, so
//! that a worker restarted after committing can still reveal (a missed reveal is slashed), and one
//! restarted before committing runs the job again while its commit window lasts. A decided job's
//! record moves to `<data>/jobs/done/`: the chain keeps only the public, sealed form of a result
//! root ([`compnet_primitives::public_root`]), and the worker looks up the raw root there to serve
//! the result to its consumer.

use compnet_primitives::{JobId, ResultRoot, Salt};
use serde::{Deserialize, Serialize};
use std::{fs, io, path::PathBuf};

/// The worker's part in a job.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
	/// The assigned provider.
	Provider,
	/// A drawn auditor.
	Auditor,
}

/// One job's durable state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobRecord {
	/// The job.
	pub job: JobId,
	/// Provider or auditor.
	pub role: Role,
	/// The result root, once computed (hex).
	pub root: Option<String>,
	/// The commitment's salt, once chosen (hex).
	pub salt: Option<String>,
	/// For a program job, the fuel its run used, committed with the root (absent in records of
	/// other jobs and of workers before programs).
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub fuel: Option<u64>,
}

impl JobRecord {
	/// The committed result root and salt, if the job got that far.
	pub fn commitment(&self) -> Option<(ResultRoot, Salt)> {
		let root = crate::blobs::parse_root(self.root.as_ref()?)?;
		let salt: Salt = hex::decode(self.salt.as_ref()?).ok()?.try_into().ok()?;
		Some((root, salt))
	}
}

/// The directory of job records.
pub struct StateDir {
	dir: PathBuf,
}

impl StateDir {
	/// Opens (or creates) `dir`.
	pub fn open(dir: impl Into<PathBuf>) -> io::Result<Self> {
		let dir = dir.into();
		fs::create_dir_all(&dir)?;
		Ok(Self { dir })
	}

	fn path(&self, job: JobId) -> PathBuf {
		self.dir.join(format!("{job}.json"))
	}

	/// Writes a record atomically and durably (a temporary file, fsynced, renamed, the directory
	/// fsynced): a record that a commitment depends on survives a power cut once this returns.
	pub fn save(&self, record: &JobRecord) -> io::Result<()> {
		crate::blobs::write_durably(&self.path(record.job), &serde_json::to_vec(record).map_err(io::Error::other)?)
	}

	fn done_path(&self, job: JobId) -> PathBuf {
		self.dir.join("done").join(format!("{job}.json"))
	}

	/// Retires a job that is decided or left: it is not resumed again, and its result root (if
	/// any) stays known for [`StateDir::result_root`].
	pub fn retire(&self, job: JobId) {
		let done = self.done_path(job);
		let moved = done.parent().is_some_and(|dir| fs::create_dir_all(dir).is_ok()) && fs::rename(self.path(job), &done).is_ok();
		if !moved {
			let _ = fs::remove_file(self.path(job));
		}
	}

	/// The record of `job`, if there is a readable one.
	pub fn load(&self, job: JobId) -> Option<JobRecord> {
		fs::read(self.path(job)).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok())
	}

	/// The raw result root this worker computed for `job`, running or retired, with the fuel it
	/// committed to for a program.
	pub fn result_root(&self, job: JobId) -> Option<(ResultRoot, Option<u64>)> {
		let retired = || fs::read(self.done_path(job)).ok().and_then(|bytes| serde_json::from_slice::<JobRecord>(&bytes).ok());
		let record = self.load(job).or_else(retired)?;
		record.commitment().map(|(root, _)| (root, record.fuel))
	}

	/// Every record left by an earlier run; unreadable files are skipped with a warning.
	pub fn load_all(&self) -> Vec<JobRecord> {
		let Ok(entries) = fs::read_dir(&self.dir) else { return Vec::new() };
		let mut records = Vec::new();
		for entry in entries.flatten() {
			let path = entry.path();
			if path.extension().is_some_and(|e| e == "json") {
				match fs::read(&path).ok().and_then(|b| serde_json::from_slice::<JobRecord>(&b).ok()) {
					Some(record) => records.push(record),
					None => tracing::warn!(path = %path.display(), "unreadable job record skipped"),
				}
			}
		}
		records.sort_by_key(|r| r.job);
		records
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn records_survive_a_restart_and_decided_jobs_are_retired() {
		let dir = std::env::temp_dir().join(format!("compnet-state-{}", std::process::id()));
		let _ = fs::remove_dir_all(&dir);
		let state = StateDir::open(&dir).unwrap();
		let root = ResultRoot::repeat_byte(3);
		let record = JobRecord {
			job: 5,
			role: Role::Auditor,
			root: Some(hex::encode(root.as_bytes())),
			salt: Some(hex::encode([7u8; 32])),
			fuel: None,
		};
		state.save(&record).unwrap();
		state.save(&JobRecord { job: 2, role: Role::Provider, root: None, salt: None, fuel: None }).unwrap();
		// A record written before programs existed has no fuel field.
		fs::write(dir.join("3.json"), br#"{"job":3,"role":"Provider","root":null,"salt":null}"#).unwrap();
		fs::write(dir.join("9.json"), b"{ half").unwrap();
		let again = StateDir::open(&dir).unwrap().load_all();
		assert_eq!(again.len(), 3, "the corrupt record is skipped, the others load");
		assert_eq!(again[1].fuel, None, "an old record reads without fuel");
		assert_eq!(again[2], record);
		assert_eq!(again[2].commitment(), Some((root, [7u8; 32])));
		assert_eq!(again[0].commitment(), None);
		state.retire(5);
		assert_eq!(state.load_all().len(), 2, "a retired job is not resumed");
		assert_eq!(state.result_root(5), Some((root, None)), "its result root stays known");
		assert_eq!(state.result_root(2), None, "no root before the result");
		let _ = fs::remove_dir_all(&dir);
	}
}
