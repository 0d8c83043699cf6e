//! Regions: an ISO 3166-1 alpha-2 country within a region group.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A group of countries that jobs name as allowed places to run.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Encode, Decode, DecodeWithMemTracking,
	MaxEncodedLen, TypeInfo,
)]
pub enum RegionGroup {
	/// North America.
	NorthAmerica,
	/// Central and South America.
	LatinAmerica,
	/// Europe.
	Europe,
	/// Middle East and Africa.
	MiddleEastAfrica,
	/// Asia.
	Asia,
	/// Australia, New Zealand and the Pacific.
	Oceania,
}

impl RegionGroup {
	/// Every group, in declaration order.
	pub const ALL: [RegionGroup; 6] = [
		Self::NorthAmerica,
		Self::LatinAmerica,
		Self::Europe,
		Self::MiddleEastAfrica,
		Self::Asia,
		Self::Oceania,
	];

	/// A dense index, for per-group tables and bit sets.
	pub const fn index(self) -> usize {
		self as usize
	}
}

/// Where a provider's machines are: a country (ISO 3166-1 alpha-2, upper case) and its group.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Encode, Decode, DecodeWithMemTracking,
	MaxEncodedLen, TypeInfo,
)]
pub struct Region {
	/// The country code, two ASCII upper-case letters (`*b"DE"`).
	pub country: [u8; 2],
	/// The group the country belongs to.
	pub group: RegionGroup,
}

impl Region {
	/// Whether the country code is two ASCII upper-case letters.
	pub fn is_well_formed(&self) -> bool {
		self.country.iter().all(u8::is_ascii_uppercase)
	}
}

/// A set of region groups, as a bit set (bit `g.index()` for group `g`). Jobs carry one.
#[derive(
	Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking,
	MaxEncodedLen, TypeInfo,
)]
pub struct RegionSet(pub u8);

impl RegionSet {
	/// Every region group.
	pub const ANY: RegionSet = RegionSet((1 << RegionGroup::ALL.len()) - 1);

	/// The set of `groups`.
	pub fn of(groups: &[RegionGroup]) -> Self {
		RegionSet(groups.iter().fold(0, |acc, g| acc | (1 << g.index())))
	}

	/// Whether `group` is in the set.
	pub const fn contains(self, group: RegionGroup) -> bool {
		self.0 & (1 << group.index()) != 0
	}

	/// Whether the set is empty or names bits beyond the known groups.
	pub const fn is_valid(self) -> bool {
		self.0 != 0 && self.0 & !Self::ANY.0 == 0
	}

	/// The groups in the set, in index order.
	pub fn iter(self) -> impl Iterator<Item = RegionGroup> {
		RegionGroup::ALL.into_iter().filter(move |g| self.contains(*g))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn region_sets_hold_exactly_their_groups() {
		let set = RegionSet::of(&[RegionGroup::Europe, RegionGroup::Asia]);
		assert!(set.contains(RegionGroup::Europe) && set.contains(RegionGroup::Asia));
		assert!(!set.contains(RegionGroup::NorthAmerica));
		assert_eq!(set.iter().collect::<Vec<_>>(), vec![RegionGroup::Europe, RegionGroup::Asia]);
		assert!(set.is_valid() && RegionSet::ANY.is_valid());
		assert!(!RegionSet(0).is_valid(), "a job must allow some region");
		assert!(!RegionSet(0b1000_0000).is_valid(), "unknown groups are refused");
	}

	#[test]
	fn country_codes_are_upper_case_letters() {
		assert!(Region { country: *b"DE", group: RegionGroup::Europe }.is_well_formed());
		assert!(!Region { country: *b"de", group: RegionGroup::Europe }.is_well_formed());
		assert!(!Region { country: *b"D1", group: RegionGroup::Europe }.is_well_formed());
	}
}
