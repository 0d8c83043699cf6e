//! The quality runtime API: one provider's score, and the best providers of a class.

use crate::ScoreView;
use codec::Codec;
use compnet_primitives::HardwareClass;

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// Read-only answers about provider quality.
	pub trait QualityApi<AccountId>
	where
		AccountId: Codec,
	{
		/// `who`'s components and composite now (the prior, 50%, without evidence).
		fn score(who: AccountId) -> ScoreView;
		/// The best `n` providers of `class` (bounded by the leaderboard's length), best first.
		fn best(class: HardwareClass, n: u32) -> alloc::vec::Vec<(AccountId, ScoreView)>;
	}
}
