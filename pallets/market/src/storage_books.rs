//! The books over this pallet's storage: offers by (class, region group), cheapest first (all
//! listed offers, and the sensitive book of those cleared for high-sensitivity jobs), and waiting
//! jobs by (class, region group, clearance, size tier), highest bid first, with a bit per
//! non-empty tier in [`WaitingTiers`].

use crate::{book::BookStorage, *};
use core::marker::PhantomData;

/// Listed offers, keyed by (class, region group); items are providers.
pub struct OfferBook<T>(PhantomData<T>);

/// Listed offers whose provider is eligible for high-sensitivity jobs, keyed by (class, region
/// group); items are providers.
pub struct SensitiveOfferBook<T>(PhantomData<T>);

/// Waiting jobs, keyed by (class, region group, clearance, size tier); items are job ids. A
/// bucket's bit in [`WaitingTiers`] is set while the bucket has jobs.
pub struct WaitingBook<T>(PhantomData<T>);

macro_rules! book_storage {
	($book:ident, $key:ty, $item:ty, $exps:ident, $mants:ident, $levels:ident, |$k:ident, $i:ident| $link_key:expr $(, on_exponents: |$ek:ident, $eb:ident| $hook:expr)?) => {
		impl<T: Config> BookStorage for $book<T> {
			type Key = $key;
			type Item = $item;

			fn exponents(key: Self::Key) -> u128 {
				$exps::<T>::get(key)
			}
			fn set_exponents(key: Self::Key, bits: u128) {
				if bits == 0 { $exps::<T>::remove(key) } else { $exps::<T>::insert(key, bits) }
				$( let ($ek, $eb) = (key, bits); $hook; )?
			}
			fn mantissas(key: Self::Key, exp: u8) -> u64 {
				$mants::<T>::get((key, exp))
			}
			fn set_mantissas(key: Self::Key, exp: u8, bits: u64) {
				if bits == 0 { $mants::<T>::remove((key, exp)) } else { $mants::<T>::insert((key, exp), bits) }
			}
			fn ends(key: Self::Key, level: u16) -> Option<Ends<Self::Item>> {
				$levels::<T>::get((key, level))
			}
			fn set_ends(key: Self::Key, level: u16, ends: Option<Ends<Self::Item>>) {
				$levels::<T>::set((key, level), ends)
			}
			fn links($k: Self::Key, $i: &Self::Item) -> Links<Self::Item> {
				book_storage!(@links $book, $link_key).unwrap_or_default()
			}
			fn set_links($k: Self::Key, $i: &Self::Item, links: Option<Links<Self::Item>>) {
				book_storage!(@set $book, $link_key, links)
			}
		}
	};
	(@links OfferBook, $key:expr) => { OfferLinks::<T>::get($key) };
	(@links SensitiveOfferBook, $key:expr) => { SensitiveOfferLinks::<T>::get($key) };
	(@links WaitingBook, $key:expr) => { WaitingLinks::<T>::get($key) };
	(@set OfferBook, $key:expr, $v:expr) => { OfferLinks::<T>::set($key, $v) };
	(@set SensitiveOfferBook, $key:expr, $v:expr) => { SensitiveOfferLinks::<T>::set($key, $v) };
	(@set WaitingBook, $key:expr, $v:expr) => { WaitingLinks::<T>::set($key, $v) };
}

book_storage!(OfferBook, BookKey, T::AccountId, OfferExponents, OfferMantissas, OfferLevels, |_k, item| item);
book_storage!(
	SensitiveOfferBook,
	BookKey,
	T::AccountId,
	SensitiveOfferExponents,
	SensitiveOfferMantissas,
	SensitiveOfferLevels,
	|_k, item| item
);
book_storage!(
	WaitingBook,
	WaitingKey,
	JobId,
	WaitingExponents,
	WaitingMantissas,
	WaitingLevels,
	|k, item| (k, *item),
	on_exponents: |key, bits| set_tier_bit::<T>(key, bits != 0)
);

/// Sets or clears the bit of `key`'s size tier in its group's [`WaitingTiers`].
fn set_tier_bit<T: Config>(key: WaitingKey, occupied: bool) {
	let (class, group, clearance, tier) = key;
	WaitingTiers::<T>::mutate_exists((class, group, clearance), |bits| {
		let mut value = bits.unwrap_or(0);
		if occupied { value |= 1u128 << tier } else { value &= !(1u128 << tier) }
		*bits = (value != 0).then_some(value);
	});
}
