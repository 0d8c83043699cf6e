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

fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| "the Wasm runtime was not built (SKIP_WASM_BUILD is set?)".to_string())
}

/// `dev`: Alice validates alone.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("CompNet Development")
		.with_id("compnet_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// `local`: Alice, Bob and Charlie validate.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("CompNet Local Testnet")
		.with_id("compnet_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

