//! A queue of jobs due at a block that never drops an entry: the market files commit deadlines
//! and expiries in it, the audit pallet its draws and window ends.
//!
//! Each block has a dense list of entries (`count` and `item(block, index)`), so filing is one read
//! and two writes however many entries a block already has: nothing is ever refused or dropped
//! for lack of room. `on_idle` works through the lists in block order from a cursor
//! `(block, index)`, with whatever weight the block leaves, and resumes there in the next block.
//! A job filed under a block the cursor has already passed is filed under the cursor's block
//! instead, so it is still looked at.
//!
//! Invariant: every entry at or after the cursor is looked at exactly once, at or after its block.

use compnet_primitives::JobId;
use polkadot_sdk::{
	frame_support::weights::Weight,
	sp_runtime::traits::{One, Saturating},
};

/// The storage behind one queue.
pub trait DueStorage {
	/// The block number type.
	type BlockNumber: Copy + Ord + Saturating + One;
	/// How many entries were filed under `block` (processed ones included, until the block is
	/// done).
	fn count(block: Self::BlockNumber) -> u32;
	/// Sets (0: removes) the count of `block`.
	fn set_count(block: Self::BlockNumber, count: u32);
	/// Entry `index` of `block`, if it is still there.
	fn item(block: Self::BlockNumber, index: u32) -> Option<JobId>;
	/// Sets (`None`: removes) entry `index` of `block`.
	fn set_item(block: Self::BlockNumber, index: u32, job: Option<JobId>);
	/// The first entry not yet looked at: `(block, index)`.
	fn cursor() -> Option<(Self::BlockNumber, u32)>;
	/// Moves the cursor.
	fn set_cursor(cursor: (Self::BlockNumber, u32));
}

/// Files `job` to be looked at from block `at` (or from the cursor's block, if `at` is behind it).
pub fn file<Q: DueStorage>(at: Q::BlockNumber, job: JobId) {
	let at = match Q::cursor() {
		Some((block, _)) if at < block => block,
		_ => at,
	};
	let index = Q::count(at);
	Q::set_item(at, index, Some(job));
	Q::set_count(at, index.saturating_add(1));
}

/// Looks at the entries due by `now`, in order, while `remaining` lasts: `visit` is called once per
/// entry. `per_block` is the weight of moving to a block (its count, the cursor), `per_entry` that
/// of one entry with its processing. Returns the weight used.
pub fn process<Q: DueStorage>(
	now: Q::BlockNumber,
	remaining: Weight,
	per_block: Weight,
	per_entry: Weight,
	mut visit: impl FnMut(JobId),
) -> Weight {
	if remaining.any_lt(per_block) {
		return Weight::zero();
	}
	let mut used = per_block;
	let (mut block, mut index) = Q::cursor().unwrap_or((now, 0));
	while block <= now {
		// Entries filed while this block is processed (behind the cursor) land here.
		Q::set_cursor((block, index));
		// Read again each time: a visit may file more entries under this block.
		while index < Q::count(block) {
			if remaining.any_lt(used.saturating_add(per_entry)) {
				Q::set_cursor((block, index));
				return used;
			}
			used.saturating_accrue(per_entry);
			if let Some(job) = Q::item(block, index) {
				Q::set_item(block, index, None);
				visit(job);
			}
			index = index.saturating_add(1);
		}
		Q::set_count(block, 0);
		block.saturating_inc();
		index = 0;
		if block > now || remaining.any_lt(used.saturating_add(per_block)) {
			break;
		}
		used.saturating_accrue(per_block);
	}
	Q::set_cursor((block, index));
	used
}

/// Moves the entries of per-block lists (the layout before this queue) into it, starting at the
/// old `cursor`: for storage migrations. Returns the `(reads, writes)` it made.
pub fn move_lists<Q: DueStorage>(
	cursor: Option<Q::BlockNumber>,
	lists: impl IntoIterator<Item = (Q::BlockNumber, alloc::vec::Vec<JobId>)>,
) -> (u64, u64) {
	let (mut reads, mut writes) = (0u64, 0u64);
	if let Some(block) = cursor {
		Q::set_cursor((block, 0));
		writes += 1;
	}
	for (block, jobs) in lists {
		reads += 1;
		writes += 1;
		for job in jobs {
			file::<Q>(block, job);
			reads += 2;
			writes += 2;
		}
	}
	(reads, writes)
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::{cell::RefCell, collections::BTreeMap};

	std::thread_local! {
		static ITEMS: RefCell<BTreeMap<(u64, u32), JobId>> = RefCell::new(BTreeMap::new());
		static COUNTS: RefCell<BTreeMap<u64, u32>> = RefCell::new(BTreeMap::new());
		static CURSOR: RefCell<Option<(u64, u32)>> = const { RefCell::new(None) };
	}

	struct Queue;

	impl DueStorage for Queue {
		type BlockNumber = u64;
		fn count(block: u64) -> u32 {
			COUNTS.with(|c| c.borrow().get(&block).copied().unwrap_or(0))
		}
		fn set_count(block: u64, count: u32) {
			COUNTS.with(|c| if count == 0 { c.borrow_mut().remove(&block) } else { c.borrow_mut().insert(block, count) });
		}
		fn item(block: u64, index: u32) -> Option<JobId> {
			ITEMS.with(|i| i.borrow().get(&(block, index)).copied())
		}
		fn set_item(block: u64, index: u32, job: Option<JobId>) {
			ITEMS.with(|i| match job {
				Some(job) => i.borrow_mut().insert((block, index), job),
				None => i.borrow_mut().remove(&(block, index)),
			});
		}
		fn cursor() -> Option<(u64, u32)> {
			CURSOR.with(|c| *c.borrow())
		}
		fn set_cursor(cursor: (u64, u32)) {
			CURSOR.with(|c| *c.borrow_mut() = Some(cursor));
		}
	}

	fn weight(n: u64) -> Weight {
		Weight::from_parts(n, 0)
	}

	#[test]
	fn nothing_is_dropped_however_many_share_a_block() {
		for job in 0..10_000 {
			file::<Queue>(5, job);
		}
		let mut seen = Vec::new();
		// Too little weight for everything: the rest waits for the following blocks.
		process::<Queue>(5, weight(1 + 3_000), weight(1), weight(1), |job| seen.push(job));
		assert_eq!(seen.len(), 3_000);
		let mut now = 6;
		while seen.len() < 10_000 {
			process::<Queue>(now, weight(2_001), weight(1), weight(1), |job| seen.push(job));
			now += 1;
		}
		assert_eq!(seen, (0..10_000).collect::<Vec<_>>(), "every entry once, in filing order");
		assert!(ITEMS.with(|i| i.borrow().is_empty()) && COUNTS.with(|c| c.borrow().is_empty()));
	}

	#[test]
	fn entries_wait_for_their_block_and_late_ones_are_still_seen() {
		file::<Queue>(10, 1);
		let mut seen = Vec::new();
		process::<Queue>(9, weight(100), weight(1), weight(1), |job| seen.push(job));
		assert!(seen.is_empty(), "not due before block 10");
		// Filed behind the cursor (block 10 now): looked at from the cursor's block.
		file::<Queue>(3, 2);
		process::<Queue>(10, weight(100), weight(1), weight(1), |job| {
			seen.push(job);
			if job == 1 {
				// A visit that files for the block being processed is seen in the same pass.
				file::<Queue>(10, 3);
			}
		});
		assert_eq!(seen, vec![1, 2, 3], "the late entry after those already filed");
	}
}
