# Shared environment for every CompNet script: source it, do not run it.
# Keeps the cargo target directory outside the clone so builds survive between runs and clones,
# and names the linked Debian toolchain that builds the Wasm runtime.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/compnet/target}"
export WASM_BUILD_TOOLCHAIN="${WASM_BUILD_TOOLCHAIN:-compnet-wasm}"
# The one cargo profile shared by builds and tests.
export COMPNET_PROFILE="${COMPNET_PROFILE:-release}"
export COMPNET_NODE_BIN="${COMPNET_NODE_BIN:-$CARGO_TARGET_DIR/$COMPNET_PROFILE/compnet-node}"
export COMPNET_WORKER_BIN="${COMPNET_WORKER_BIN:-$CARGO_TARGET_DIR/$COMPNET_PROFILE/compnet-worker}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
COMPNET_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export COMPNET_ROOT
