//! Builds the runtime to Wasm with `substrate-wasm-builder`, with the metadata hash that
//! `CheckMetadataHash` signs over (token symbol and decimals must match `runtime::TOKEN_*`).

#[cfg(feature = "std")]
fn main() {
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash("CNET", 12)
		.build();
}

#[cfg(not(feature = "std"))]
fn main() {}
