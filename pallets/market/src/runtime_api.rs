//! The market's runtime API: quotes and statistics for wallets, the CLI and dashboards.

use crate::{MarketStats, NoMatch, Quote};
use codec::Codec;
use compnet_primitives::{RegionSet, Sensitivity, Workload};

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// Read-only answers about the market.
	pub trait MarketApi<AccountId, Balance>
	where
		AccountId: Codec,
		Balance: Codec,
	{
		/// The offer a job with this spec would be matched to now, or why nothing matches.
		fn quote(
			workload: Workload,
			max_price_per_unit: Balance,
			regions: RegionSet,
			sensitivity: Sensitivity,
		) -> Result<Quote<AccountId, Balance>, NoMatch<Balance>>;
		/// Providers, capacity, open jobs, cleared prices and cloud reference prices.
		fn stats() -> MarketStats<Balance>;
	}
}
