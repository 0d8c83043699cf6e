//! The audit record of a job: its parties, phase and decision.

use crate::{BalanceOf, Config};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use compnet_primitives::{Commitment, HardwareClass, ResultRoot, Sensitivity};
use polkadot_sdk::{
	frame_support::{pallet_prelude::*, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound},
	frame_system::pallet_prelude::BlockNumberFor,
};
use scale_info::TypeInfo;

/// Where a job's verification stands.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub enum Phase<BlockNumber> {
	/// The provider committed; whether it is audited is drawn at block `at`, from randomness
	/// that did not exist when it committed.
	Drawing {
		/// The block of the draw.
		at: BlockNumber,
	},
	/// Auditors commit to their own results until `until`. Nothing is revealed yet.
	Committing {
		/// The last block for auditors' commitments.
		until: BlockNumber,
	},
	/// Every committed party reveals until `until`.
	Revealing {
		/// The last block for reveals.
		until: BlockNumber,
	},
	/// Decided; the record is kept for `RecordRetention` blocks.
	Decided {
		/// The block of the decision.
		at: BlockNumber,
	},
}

/// A party's part in a job: the provider (always first) or an auditor.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub struct Party<AccountId, Balance> {
	/// The account.
	pub who: AccountId,
	/// Its commitment, once posted.
	pub commitment: Option<Commitment>,
	/// Its revealed result root, once revealed.
	pub root: Option<ResultRoot>,
	/// What it was slashed for this job.
	pub slashed: Balance,
	/// What it was paid for auditing this job.
	pub paid: Balance,
	/// An auditor that missed its commit window: out of the job.
	pub dropped: bool,
}

impl<AccountId, Balance: Default> Party<AccountId, Balance> {
	/// A new party, with its commitment if it has one.
	pub fn new(who: AccountId, commitment: Option<Commitment>) -> Self {
		Self { who, commitment, root: None, slashed: Default::default(), paid: Default::default(), dropped: false }
	}
}

/// How a job's verification ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub enum Decision {
	/// Not drawn for an audit (or no auditor could be drawn): the provider's revealed result stands.
	Unaudited,
	/// Every auditor that revealed agreed with the provider.
	Agreed,
	/// A dispute: the majority sided with the provider; auditors against it lost.
	UpheldInDispute,
	/// The provider's result was outvoted: it is slashed, the consumer refunded.
	Overturned,
	/// The provider never revealed: counted as a wrong result.
	MissedReveal,
	/// No result had a majority: the consumer is refunded, nobody is slashed for the result.
	Inconclusive,
	/// A canary's sealed answer differed from the provider's: a failed audit.
	CanaryFailed,
}

impl Decision {
	/// Whether the provider's result stands (it is paid).
	pub fn stands(self) -> bool {
		matches!(self, Self::Unaudited | Self::Agreed | Self::UpheldInDispute)
	}
}

/// The audit record of one committed job.
#[derive(CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct AuditRecord<T: Config> {
	/// Who pays for the job.
	pub consumer: T::AccountId,
	/// The class auditors are drawn from.
	pub class: HardwareClass,
	/// The job's sensitivity.
	pub sensitivity: Sensitivity,
	/// What the provider is paid if its result stands.
	pub payment: BalanceOf<T>,
	/// The block of the provider's commitment.
	pub committed_at: BlockNumberFor<T>,
	/// Where it stands.
	pub phase: Phase<BlockNumberFor<T>>,
	/// 0 before a dispute, 1 once more auditors were drawn.
	pub round: u8,
	/// The audit probability drawn against, in ppm (once drawn).
	pub probability: u32,
	/// The provider first, then auditors.
	pub parties: BoundedVec<Party<T::AccountId, BalanceOf<T>>, T::MaxParties>,
	/// The canary's sealed answer, once its owner revealed it.
	pub canary: Option<ResultRoot>,
	/// The decision, once made.
	pub decision: Option<Decision>,
}

impl<T: Config> AuditRecord<T> {
	/// The provider that ran the job.
	pub fn provider(&self) -> &T::AccountId {
		&self.parties[0].who
	}
}

/// Running counts over every audit.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct AuditTotals<Balance> {
	/// Results committed by providers.
	pub committed: u64,
	/// Jobs drawn for an audit.
	pub audited: u64,
	/// Disputes opened.
	pub disputes: u64,
	/// Decisions in which the provider's result stood.
	pub stood: u64,
	/// Decisions against the provider (overturned, missed reveal, canary).
	pub caught: u64,
	/// Inconclusive decisions.
	pub inconclusive: u64,
	/// Stake slashed by audit decisions, in all.
	pub slashed: Balance,
}
