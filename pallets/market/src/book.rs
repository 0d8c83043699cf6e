//! The order book: price levels with a two-level bit index and a FIFO list per level.
//!
//! A price is mapped to one of [`LEVELS`] levels like a small float: the position of its highest
//! set bit (the *exponent*, 0..128) and the next six bits (the *mantissa*, 0..64). Levels are
//! monotone in price and 1/64 (about 1.6%) wide. Per book key there is one `u128` with a bit per
//! exponent that has any entry, and per (key, exponent) one `u64` with a bit per mantissa level
//! that has entries. Finding the best level from a starting level costs at most three reads
//! however many entries the book holds; entries in one level are served first come, first served
//! from a doubly linked list. Insert and remove are O(1).
//!
//! The same structure serves two books: offers by (hardware class, region group), cheapest first,
//! and waiting jobs by region group, highest bid first (their levels are inverted).

use crate::types::{Ends, Links};
use codec::FullCodec;

/// How many price levels there are.
pub const LEVELS: u32 = 128 * 64;

/// The level of `price`: monotone, 1/64 of a price wide.
pub fn price_level(price: u128) -> u16 {
	if price == 0 {
		return 0;
	}
	let exp = 127 - price.leading_zeros();
	let mantissa = if exp >= 6 { (price >> (exp - 6)) & 63 } else { (price << (6 - exp)) & 63 };
	(exp * 64 + mantissa as u32) as u16
}

/// The level that ranks a higher price first: `LEVELS - 1 - price_level(price)`.
pub fn inverted_level(price: u128) -> u16 {
	(LEVELS - 1) as u16 - price_level(price)
}

/// Storage behind one book. `Key` names a bucket; `Item` is what is listed (a provider or a job).
pub trait BookStorage {
	/// The bucket key.
	type Key: Copy + FullCodec;
	/// A listed entry.
	type Item: Clone + PartialEq + FullCodec;

	/// The exponent bits of `key`.
	fn exponents(key: Self::Key) -> u128;
	/// Sets the exponent bits of `key`.
	fn set_exponents(key: Self::Key, bits: u128);
	/// The mantissa bits of exponent `exp` of `key`.
	fn mantissas(key: Self::Key, exp: u8) -> u64;
	/// Sets the mantissa bits of exponent `exp` of `key`.
	fn set_mantissas(key: Self::Key, exp: u8, bits: u64);
	/// The ends of the list at `level`, if it has entries.
	fn ends(key: Self::Key, level: u16) -> Option<Ends<Self::Item>>;
	/// Sets (or, with `None`, removes) the ends of the list at `level`.
	fn set_ends(key: Self::Key, level: u16, ends: Option<Ends<Self::Item>>);
	/// The links of `item` in its list.
	fn links(key: Self::Key, item: &Self::Item) -> Links<Self::Item>;
	/// Sets (or, with `None`, removes) the links of `item`.
	fn set_links(key: Self::Key, item: &Self::Item, links: Option<Links<Self::Item>>);
}

fn split(level: u16) -> (u8, u32) {
	((level / 64) as u8, (level % 64) as u32)
}

/// Appends `item` to the list at `level` of `key`.
pub fn push_back<B: BookStorage>(key: B::Key, level: u16, item: &B::Item) {
	match B::ends(key, level) {
		Some(Ends { head, tail }) => {
			let mut tail_links = B::links(key, &tail);
			tail_links.next = Some(item.clone());
			B::set_links(key, &tail, Some(tail_links));
			B::set_links(key, item, Some(Links { prev: Some(tail), next: None }));
			B::set_ends(key, level, Some(Ends { head, tail: item.clone() }));
		},
		None => {
			B::set_links(key, item, Some(Links::default()));
			B::set_ends(key, level, Some(Ends { head: item.clone(), tail: item.clone() }));
			let (exp, mantissa) = split(level);
			let bits = B::mantissas(key, exp);
			if bits == 0 {
				B::set_exponents(key, B::exponents(key) | 1u128 << exp);
			}
			B::set_mantissas(key, exp, bits | 1u64 << mantissa);
		},
	}
}

/// Removes `item` from the list at `level` of `key`. The caller knows it is there.
pub fn remove<B: BookStorage>(key: B::Key, level: u16, item: &B::Item) {
	let links = B::links(key, item);
	B::set_links(key, item, None);
	if let Some(prev) = &links.prev {
		let mut l = B::links(key, prev);
		l.next = links.next.clone();
		B::set_links(key, prev, Some(l));
	}
	if let Some(next) = &links.next {
		let mut l = B::links(key, next);
		l.prev = links.prev.clone();
		B::set_links(key, next, Some(l));
	}
	let Some(ends) = B::ends(key, level) else { return };
	match (links.prev, links.next) {
		(None, None) => {
			B::set_ends(key, level, None);
			let (exp, mantissa) = split(level);
			let bits = B::mantissas(key, exp) & !(1u64 << mantissa);
			B::set_mantissas(key, exp, bits);
			if bits == 0 {
				B::set_exponents(key, B::exponents(key) & !(1u128 << exp));
			}
		},
		(None, Some(next)) => B::set_ends(key, level, Some(Ends { head: next, tail: ends.tail })),
		(Some(prev), None) => B::set_ends(key, level, Some(Ends { head: ends.head, tail: prev })),
		(Some(_), Some(_)) => {},
	}
}

/// The lowest level at or above `from` that has entries in `key`: at most three reads.
pub fn first_level_from<B: BookStorage>(key: B::Key, from: u32) -> Option<u16> {
	if from >= LEVELS {
		return None;
	}
	let (exp, mantissa) = split(from as u16);
	let exponents = B::exponents(key);
	if exponents & (1u128 << exp) != 0 {
		let bits = B::mantissas(key, exp) & (u64::MAX << mantissa);
		if bits != 0 {
			return Some(exp as u16 * 64 + bits.trailing_zeros() as u16);
		}
	}
	let higher = if exp == 127 { 0 } else { exponents & (u128::MAX << (exp + 1)) };
	if higher == 0 {
		return None;
	}
	let exp = higher.trailing_zeros() as u8;
	Some(exp as u16 * 64 + B::mantissas(key, exp).trailing_zeros() as u16)
}

/// The entry served first at `level` of `key`.
pub fn head<B: BookStorage>(key: B::Key, level: u16) -> Option<B::Item> {
	B::ends(key, level).map(|e| e.head)
}

/// The entry after `item` in its list.
pub fn next<B: BookStorage>(key: B::Key, item: &B::Item) -> Option<B::Item> {
	B::links(key, item).next
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	proptest! {
		/// A higher price never gets a lower level, and levels are at most 1/64 wide.
		#[test]
		fn levels_are_monotone_and_narrow(a in any::<u128>(), b in any::<u128>()) {
			let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
			prop_assert!(price_level(lo) <= price_level(hi));
			if lo >= 64 && price_level(lo) == price_level(hi) {
				prop_assert!(hi - lo <= lo / 64 + 1, "{lo} and {hi} share a level");
			}
			prop_assert!((price_level(hi) as u32) < LEVELS);
			prop_assert!(inverted_level(lo) >= inverted_level(hi));
		}
	}

	#[test]
	fn known_levels() {
		assert_eq!(price_level(0), 0);
		assert_eq!(price_level(1), 0);
		assert_eq!(price_level(64), 6 * 64);
		assert_eq!(price_level(65), 6 * 64 + 1);
		assert_eq!(price_level(u128::MAX), (LEVELS - 1) as u16);
	}
}
