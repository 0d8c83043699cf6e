//! # compnet-worker
//!
//! The CompNet provider's service and the consumer's tool share this library.
//!
//! ## Overview
//!
//! - [`compute`]: a job's workload and input in, canonical result bytes and result root out (the
//!   arithmetic is in `compnet-kernels`).
//! - [`chain`]: the typed chain interface from the committed metadata, a reconnecting client and a
//!   local nonce counter.
//! - [`onboard`]: `benchmark`, `register`, `bond`, `offer`.
//! - [`he_client`]: the consumer's keys and blobs for encrypted `he-linear` jobs (the
//!   evaluation is in `compnet-he`).
//!
//! ## Terms
//!
//! - **Blob**: bytes addressed by `blake2_256` of their content: job inputs and results.
//! - **Result root**: the blob address of a job's canonical result bytes; what providers and
//!   auditors commit to and reveal on chain.
//! - **Device**: the CPU, or a GPU through CUDA, running the same order of operations.

pub mod auth;
pub mod blob_client;
pub mod blobs;
pub mod canary;
pub mod chain;
pub mod cli;
pub mod compute;
pub mod consumer;
pub mod endpoint;
pub mod he_client;
pub mod http;
pub mod logging;
pub mod metrics;
pub mod onboard;
pub mod service;
pub mod state;
pub mod tls;
pub mod units;
