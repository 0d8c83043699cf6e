//! Chain specifications. Genesis values live in the runtime's presets; a spec here only names
//! one, with the chain's name, id, type and token properties.

use compnet_runtime::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY};
use polkadot_sdk::{sc_chain_spec::ChainType, sc_service, sp_genesis_builder};

/// The chain spec type of the CompNet node.
pub type ChainSpec = sc_service::GenericChainSpec;

/// The token symbol, decimals and SS58 prefix that wallets read from the chain spec; they are the
/// runtime's constants, so the two never disagree.
pub fn properties() -> sc_service::Properties {
	let mut p = sc_service::Properties::new();
	p.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	p.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	p.insert("ss58Format".into(), SS58_PREFIX.into());
	p
}

/// A spec named `name` (`id`) of `chain_type`, whose genesis is the runtime preset `preset`.
fn from_preset(name: &str, id: &str, chain_type: ChainType, preset: &str) -> Result<ChainSpec, String> {
	let wasm = WASM_BINARY
		.ok_or_else(|| "the Wasm runtime was not built (SKIP_WASM_BUILD is set?)".to_string())?;
	Ok(ChainSpec::builder(wasm, None)
		.with_name(name)
		.with_id(id)
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

/// `dev`: Alice validates alone.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"CompNet Development",
		"compnet_dev",
		ChainType::Development,
		sp_genesis_builder::DEV_RUNTIME_PRESET,
	)
}

/// `local`: Alice, Bob and Charlie validate.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"CompNet Local Testnet",
		"compnet_local",
		ChainType::Local,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}
