//! The CompNet node: a validator or full node of the CompNet chain.
//!
//! The standard Substrate command line: `--dev`, `--chain`, `--validator`, `--base-path`,
//! `key insert`, `build-spec`, `purge-chain`, `benchmark` and the rest. BABE authors blocks,
//! GRANDPA finalizes them, ParityDB stores them.

#![warn(missing_docs)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> polkadot_sdk::sc_cli::Result<()> {
	command::run()
}
