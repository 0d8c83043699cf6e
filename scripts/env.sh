# Shared environment for every CompNet script: source it, do not run it.
# Keeps the cargo target directory outside the clone so builds survive between runs and clones,
# and names the linked Debian toolchain that builds the Wasm runtime.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/compnet/target}"
export WASM_BUILD_TOOLCHAIN="${WASM_BUILD_TOOLCHAIN:-compnet-wasm}"
# The one cargo profile shared by builds and tests.
export COMPNET_PROFILE="${COMPNET_PROFILE:-release}"
export COMPNET_NODE_BIN="${COMPNET_NODE_BIN:-$CARGO_TARGET_DIR/$COMPNET_PROFILE/compnet-node}"
export COMPNET_WORKER_BIN="${COMPNET_WORKER_BIN:-$CARGO_TARGET_DIR/$COMPNET_PROFILE/compnet-worker}"
# Programs for the `wasm` workload (examples/wasm), built for wasm32v1-none by scripts/build-programs.
export COMPNET_PROGRAMS_DIR="${COMPNET_PROGRAMS_DIR:-$HOME/.cache/compnet/programs/wasm32v1-none/release}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
COMPNET_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export COMPNET_ROOT
# frame-benchmarking-cli carries a second Wasm runtime, used only by `benchmark storage`, which
# compnet-node does not wire; skipping its Wasm build saves minutes on every cold build.
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD="${SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD:-1}"
# The Wasm builder looks for Cargo.lock above the target directory; ours is outside the clone.
export WASM_BUILD_WORKSPACE_HINT="${WASM_BUILD_WORKSPACE_HINT:-$COMPNET_ROOT}"
