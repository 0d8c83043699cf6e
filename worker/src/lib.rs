//! # compnet-worker
//!
//! The CompNet provider's service and the consumer's tool share this library.
//!
//! ## Overview
//!
//! - [`compute`]: the workloads (`gemm-i8`, `gemm-f32`, `train-mlp`), their canonical input and
//!   result bytes, and the devices that run them with bit-identical results.
//!
//! ## Terms
//!
//! - **Blob**: bytes addressed by `blake2_256` of their content: job inputs and results.
//! - **Result root**: the blob address of a job's canonical result bytes; what providers and
//!   auditors commit to and reveal on chain.
//! - **Device**: the CPU, or a GPU through CUDA, running the same order of operations.

pub mod compute;
