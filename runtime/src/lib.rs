//! # CompNet runtime
//!
//! ## Overview
//!
//! The FRAME runtime of the CompNet chain: the state machine that every validator executes, built
//! to Wasm. It holds the market for idle computing power (providers, bids, quality scores and
//! verification outcomes, in later pallets) on top of the consensus and accounting pallets here.
//!
//! ## Design
//!
//! - **Consensus**: BABE authors blocks and GRANDPA finalizes them. BABE rather than Aura because
//!   spot-check verification draws from BABE's VRF randomness, which no single block author
//!   chooses.
//! - **Validators**: `pallet-validator-set` is the session manager; a governance origin (Sudo for
//!   now) adds and removes validators without a new chain.
//! - **Money**: `pallet-balances` with holds; fees through `pallet-transaction-payment`;
//!   `CheckMetadataHash` lets offline signers verify what they sign.
//!
//! ## Layout
//!
//! `configs/` holds one `Config` implementation per pallet, `apis.rs` the runtime APIs,
//! `genesis_config_presets.rs` the `development` and `local_testnet` presets, `benchmarks.rs` the
//! benchmark list.

#![cfg_attr(not(feature = "std"), no_std)]
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;

use polkadot_sdk::{
	frame_metadata_hash_extension, frame_support, frame_system, pallet_babe, pallet_balances,
	pallet_grandpa, pallet_session, pallet_sudo, pallet_timestamp, pallet_transaction_payment,
	sp_runtime::{
		generic, impl_opaque_keys,
		traits::{BlakeTwo256, IdentifyAccount, Verify},
		MultiAddress, MultiSignature,
	},
	sp_version::{runtime_version, RuntimeVersion},
};

pub use polkadot_sdk::sp_runtime::{Perbill, Permill};

/// The runtime's version: bump `spec_version` on every change of logic, `transaction_version` on
/// every change of call encoding.
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("compnet"),
	impl_name: alloc::borrow::Cow::Borrowed("compnet"),
	authoring_version: 1,
	spec_version: 109,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 4,
	system_version: 1,
};

/// The token's symbol, shown by wallets. Identical in the chain-spec properties.
pub const TOKEN_SYMBOL: &str = "CNET";
/// The token's decimals: one CNET is `10^12` plancks. Identical in the chain-spec properties.
pub const TOKEN_DECIMALS: u8 = 12;
/// The SS58 address prefix: 42, the generic Substrate prefix that every wallet knows.
pub const SS58_PREFIX: u16 = 42;

/// One CNET in its smallest unit.
pub const UNIT: Balance = 1_000_000_000_000;
/// A thousandth of a CNET.
pub const MILLI_UNIT: Balance = UNIT / 1_000;
/// A millionth of a CNET.
pub const MICRO_UNIT: Balance = UNIT / 1_000_000;
/// The existential deposit: the smallest balance an account may hold.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// The target block time. Slots are as long; BABE produces at most one primary block per slot.
pub const MILLI_SECS_PER_BLOCK: u64 = 3_000;
/// The slot duration: it cannot change once a chain has started.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;
/// Blocks in a minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks in an hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks in a day.
pub const DAYS: BlockNumber = HOURS * 24;
/// The length of a BABE epoch, which is also a session: validator-set changes take effect on
/// epoch boundaries. It cannot change once a chain has started.
pub const EPOCH_DURATION_IN_BLOCKS: BlockNumber = 10 * MINUTES;
/// The epoch length in slots.
pub const EPOCH_DURATION_IN_SLOTS: u64 = EPOCH_DURATION_IN_BLOCKS as u64;

/// BABE's genesis epoch configuration: `c = 1/4` primary-slot probability, and secondary VRF slots
/// so every slot has an author and every block carries VRF output.
pub const BABE_GENESIS_EPOCH_CONFIG: polkadot_sdk::sp_consensus_babe::BabeEpochConfiguration =
	polkadot_sdk::sp_consensus_babe::BabeEpochConfiguration {
		c: (1, 4),
		allowed_slots: polkadot_sdk::sp_consensus_babe::AllowedSlots::PrimaryAndSecondaryVRFSlots,
	};

/// A block number.
pub type BlockNumber = u32;
/// A transaction signature.
pub type Signature = MultiSignature;
/// An account: the public key of the signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// A balance.
pub type Balance = u128;
/// An account's transaction counter.
pub type Nonce = u32;
/// A hash.
pub type Hash = polkadot_sdk::sp_core::H256;

/// Opaque types for the node, which does not need to know the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	pub use polkadot_sdk::sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// An opaque block header.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// An opaque block.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// An opaque block hash.
	pub type Hash = <BlakeTwo256 as polkadot_sdk::sp_runtime::traits::Hash>::Output;
}

impl_opaque_keys! {
	/// The session keys a validator's node holds: BABE for authoring, GRANDPA for finality.
	pub struct SessionKeys {
		/// Block authoring.
		pub babe: Babe,
		/// Finality voting.
		pub grandpa: Grandpa,
	}
}

/// An address: an account id or an index.
pub type Address = MultiAddress<AccountId, ()>;
/// The block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// The block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// The transaction extensions: checks and payment applied to every signed transaction.
pub type TxExtension = (
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);
/// A signed or unsigned extrinsic.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload a signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;
/// Migrations to run on the next runtime upgrade: each checks the stored version and runs once.
pub type Migrations = (
	pallet_providers::migrations::v1::MigrateV0ToV1<Runtime>,
	pallet_providers::migrations::v2::MigrateV1ToV2<Runtime>,
	pallet_market::migrations::v1::MigrateV0ToV1<Runtime>,
	pallet_market::migrations::v2::MigrateV1ToV2<Runtime>,
	pallet_market::migrations::v3::MigrateV2ToV3<Runtime>,
	pallet_market::migrations::v4::MigrateV3ToV4<Runtime>,
	pallet_market::migrations::v5::MigrateV4ToV5<Runtime>,
	pallet_audit::migrations::v1::MigrateV0ToV1<Runtime>,
);
/// Dispatches calls to the pallets and runs the block's hooks.
pub type Executive = polkadot_sdk::frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	// System and time.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	// Consensus: the validator set, sessions, authoring and finality.
	#[runtime::pallet_index(2)]
	pub type ValidatorSet = pallet_validator_set;
	#[runtime::pallet_index(3)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(4)]
	pub type Babe = pallet_babe;
	#[runtime::pallet_index(5)]
	pub type Grandpa = pallet_grandpa;

	// Money.
	#[runtime::pallet_index(10)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(11)]
	pub type TransactionPayment = pallet_transaction_payment;

	// Governance.
	#[runtime::pallet_index(20)]
	pub type Sudo = pallet_sudo;

	// The compute market.
	#[runtime::pallet_index(30)]
	pub type Providers = pallet_providers;
	#[runtime::pallet_index(31)]
	pub type Market = pallet_market;
	#[runtime::pallet_index(32)]
	pub type Quality = pallet_quality;
	#[runtime::pallet_index(33)]
	pub type Audit = pallet_audit;
}
