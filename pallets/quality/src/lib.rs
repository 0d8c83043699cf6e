//! # Quality
//!
//! Provider quality scores for CompNet. A provider has three components, each a discounted Beta
//! estimate kept in fixed point:
//!
//! - **speed**: completion time against the time expected for the job's size and class;
//! - **stability**: jobs completed against deadlines and heartbeats missed;
//! - **security**: audits passed against audits failed and slashes.
//!
//! The composite score ranks providers in matching, bounds the price they may ask, sets how often
//! their results are spot-checked, and decides whether they may take sensitive jobs.
//!
//! This crate holds the pure, `no_std` model ([`model`]): the formulas and their properties,
//! tested on their own. The FRAME pallet that keeps scores per provider and feeds them from market
//! and audit outcomes is built on it (issue 4, in progress).

#![cfg_attr(not(feature = "std"), no_std)]

pub mod model;
