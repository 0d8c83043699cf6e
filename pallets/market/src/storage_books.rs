//! The books over this pallet's storage: offers by (class, region group), cheapest first (all
//! listed offers, and the sensitive book of those cleared for high-sensitivity jobs), and waiting
//! jobs by (class, region group, clearance), highest bid first.

use crate::{book::BookStorage, *};
use core::marker::PhantomData;

/// Listed offers, keyed by (class, region group); items are providers.
pub struct OfferBook<T>(PhantomData<T>);

/// Listed offers whose provider is eligible for high-sensitivity jobs, keyed by (class, region
/// group); items are providers.
pub struct SensitiveOfferBook<T>(PhantomData<T>);

/// Waiting jobs, keyed by (class, region group, clearance); items are job ids.
pub struct WaitingBook<T>(PhantomData<T>);

macro_rules! book_storage {
	($book:ident, $key:ty, $item:ty, $exps:ident, $mants:ident, $levels:ident, |$k:ident, $i:ident| $link_key:expr) => {
		impl<T: Config> BookStorage for $book<T> {
			type Key = $key;
			type Item = $item;

			fn exponents(key: Self::Key) -> u128 {
				$exps::<T>::get(key)
			}
			fn set_exponents(key: Self::Key, bits: u128) {
				if bits == 0 { $exps::<T>::remove(key) } else { $exps::<T>::insert(key, bits) }
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
book_storage!(WaitingBook, WaitingKey, JobId, WaitingExponents, WaitingMantissas, WaitingLevels, |k, item| (k, *item));
