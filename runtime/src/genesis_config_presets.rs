//! Genesis presets: `development` (Alice validates alone) and `local_testnet` (Alice, Bob and
//! Charlie validate). The node's chain specs name a preset; the values live here.

use crate::*;
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use polkadot_sdk::{
	sp_consensus_babe::AuthorityId as BabeId,
	sp_consensus_grandpa::AuthorityId as GrandpaId,
	sp_genesis_builder::{self, PresetId},
	sp_keyring::{Ed25519Keyring, Sr25519Keyring},
};
use serde_json::Value;

/// The balance every endowed development account starts with: one million CNET.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;

/// A development validator: its account and BABE key are `//Name` on sr25519, its GRANDPA key
/// `//Name` on ed25519, as `compnet-node key insert --suri //Name` derives them.
#[derive(Clone, Copy)]
pub struct DevValidator(pub Sr25519Keyring, pub Ed25519Keyring);

impl DevValidator {
	/// The validator's session keys.
	pub fn session_keys(self) -> SessionKeys {
		SessionKeys { babe: BabeId::from(self.0.public()), grandpa: GrandpaId::from(self.1.public()) }
	}
}

const ALICE: DevValidator = DevValidator(Sr25519Keyring::Alice, Ed25519Keyring::Alice);
const BOB: DevValidator = DevValidator(Sr25519Keyring::Bob, Ed25519Keyring::Bob);
const CHARLIE: DevValidator = DevValidator(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie);

/// A genesis with `validators` (with their session keys), `endowed` accounts and `root` as sudo.
fn compnet_genesis(
	validators: Vec<DevValidator>,
	endowed: Vec<AccountId>,
	root: AccountId,
) -> Value {
	let validator_ids: Vec<AccountId> = validators.iter().map(|v| v.0.to_account_id()).collect();
	let keys: Vec<(AccountId, AccountId, SessionKeys)> = validators
		.iter()
		.map(|v| (v.0.to_account_id(), v.0.to_account_id(), v.session_keys()))
		.collect();
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.into_iter().map(|a| (a, ENDOWMENT)).collect::<Vec<_>>(),
		},
		babe: BabeConfig { epoch_config: BABE_GENESIS_EPOCH_CONFIG },
		session: SessionConfig { keys },
		validator_set: ValidatorSetConfig { initial_validators: validator_ids },
		sudo: SudoConfig { key: Some(root) },
		market: MarketConfig { reference_prices: cloud_reference_prices() },
	})
}

/// Cloud prices per compute unit (10^9 multiply-accumulates), in planck, taking 1 CNET as 1 USD:
/// an on-demand hourly price divided by the units one device of the class does per hour at
/// its dense tensor throughput (an H100 does about 1.8 × 10^9 units an hour). H200 $4.00/h,
/// H100 $3.00/h, A100 $1.80/h, L40S $1.20/h, RTX 4090 $0.60/h, RTX 3090 $0.40/h; no reference
/// for CPU-only machines. See docs/market.md.
fn cloud_reference_prices() -> Vec<(compnet_primitives::HardwareClass, Balance)> {
	use compnet_primitives::HardwareClass::*;
	vec![(H200, 2_222), (H100, 1_667), (A100, 3_125), (L40S, 1_802), (Rtx4090, 1_961), (Rtx3090, 3_086)]
}

/// The well-known development accounts, all endowed.
fn endowed_dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::iter().map(|a| a.to_account_id()).collect()
}

/// `development`: Alice validates alone and is sudo.
pub fn development_config_genesis() -> Value {
	compnet_genesis(
		vec![ALICE],
		endowed_dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// `local_testnet`: Alice, Bob and Charlie validate; Alice is sudo.
pub fn local_config_genesis() -> Value {
	compnet_genesis(
		vec![ALICE, BOB, CHARLIE],
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
