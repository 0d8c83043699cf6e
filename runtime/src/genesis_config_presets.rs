//! Genesis presets: `development` (Alice validates alone) and `local_testnet` (Alice, Bob and
//! Charlie validate). The node's chain specs name a preset; the values live here.

use crate::*;
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use polkadot_sdk::{
	sp_consensus_babe::AuthorityId as BabeId,
	sp_consensus_grandpa::AuthorityId as GrandpaId,
	sp_genesis_builder::{self, PresetId},
	sp_keyring::Sr25519Keyring,
};
use serde_json::Value;

/// The balance every endowed development account starts with: one million CNET.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;

/// The session keys of a well-known development account, derived from its seed (`//Alice`, …).
pub fn session_keys_of(account: Sr25519Keyring) -> SessionKeys {
	use polkadot_sdk::sp_core::{ed25519, sr25519, Pair};
	let seed = alloc::format!("//{}", account);
	let babe = sr25519::Pair::from_string(&seed, None).expect("well-known seed").public();
	let grandpa = ed25519::Pair::from_string(&seed, None).expect("well-known seed").public();
	SessionKeys { babe: BabeId::from(babe), grandpa: GrandpaId::from(grandpa) }
}

/// A genesis with `validators` (with their session keys), `endowed` accounts and `root` as sudo.
fn compnet_genesis(
	validators: Vec<Sr25519Keyring>,
	endowed: Vec<AccountId>,
	root: AccountId,
) -> Value {
	let validator_ids: Vec<AccountId> = validators.iter().map(|v| v.to_account_id()).collect();
	let keys: Vec<(AccountId, AccountId, SessionKeys)> = validators
		.iter()
		.map(|v| (v.to_account_id(), v.to_account_id(), session_keys_of(*v)))
		.collect();
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.into_iter().map(|a| (a, ENDOWMENT)).collect::<Vec<_>>(),
		},
		babe: BabeConfig { epoch_config: BABE_GENESIS_EPOCH_CONFIG },
		session: SessionConfig { keys },
		validator_set: ValidatorSetConfig { initial_validators: validator_ids },
		sudo: SudoConfig { key: Some(root) },
	})
}

/// The well-known development accounts, all endowed.
fn endowed_dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::iter().map(|a| a.to_account_id()).collect()
}

/// `development`: Alice validates alone and is sudo.
pub fn development_config_genesis() -> Value {
	compnet_genesis(
		vec![Sr25519Keyring::Alice],
		endowed_dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// `local_testnet`: Alice, Bob and Charlie validate; Alice is sudo.
pub fn local_config_genesis() -> Value {
	compnet_genesis(
		vec![Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie],
		endowed_dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The JSON patch of a named preset.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// The names of the presets this runtime provides.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
