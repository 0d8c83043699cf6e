//! # CompNet primitives
//!
//! `no_std` types shared by the runtime, the provider worker and the consumer's tools.
//!
//! ## Terms
//!
//! - **Hardware class**: a GPU model (or CPU-only) from a bounded set, with its capacity in
//!   *H100-equivalents* (one H100 = 1.0, kept in thousandths: [`Capacity`]).
//! - **Region**: an ISO 3166-1 alpha-2 country and the region group it belongs to. Jobs name the
//!   groups they allow; a job only ever runs in one of them.
//! - **Workload**: what a job computes and its shape. Its size in **compute units** is derived from
//!   the shape (an operation count), never from wall time, so nobody can pad a bill.
//! - **Commitment**: `blake2_256(provider ‖ job ‖ result_root ‖ salt)`: binds one provider to one
//!   result of one job without revealing it.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod hardware;
pub mod region;
pub mod workload;
pub mod commitment;

pub use commitment::*;
pub use hardware::*;
pub use region::*;
pub use workload::*;

/// A job's identifier: assigned by the market, in submission order.
pub type JobId = u64;
