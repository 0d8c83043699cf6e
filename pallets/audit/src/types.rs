//! The audit record of a job: its parties, phase and decision.

use crate::{BalanceOf, Config};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use compnet_primitives::{Commitment, HardwareClass, ResultRoot, Sensitivity};
use polkadot_sdk::sp_core::H256;
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
	/// The job is audited: auditors are drawn (again, for places left empty) and commit to their
	/// own results. Nothing is revealed yet. `next` is the block something is due: a pending
	/// auditor's commit deadline, or another draw for an empty place.
	Committing {
		/// The next block to look at the job.
		next: BlockNumber,
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

/// Why an auditor left a job before its end; another is drawn in its place.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub enum Left {
	/// It missed its commit deadline: slashed.
	MissedCommit,
	/// It could not get the job's input from anyone: excused, not slashed, not paid.
	InputUnavailable,
}

/// A party's part in a job: the provider (always first) or an auditor.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub struct Party<AccountId, Balance, BlockNumber> {
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
	/// The last block for its commitment (an auditor's window grows with the job on its class).
	pub commit_by: BlockNumber,
	/// An auditor that left the job, and why: out of it, replaced by another draw.
	pub left: Option<Left>,
}

impl<AccountId, Balance: Default, BlockNumber> Party<AccountId, Balance, BlockNumber> {
	/// A new party due to commit by `commit_by`, with its commitment if it has one.
	pub fn new(who: AccountId, commitment: Option<Commitment>, commit_by: BlockNumber) -> Self {
		Self { who, commitment, root: None, slashed: Default::default(), paid: Default::default(), commit_by, left: None }
	}

	/// Whether it is still part of the job (the provider always is).
	pub fn live(&self) -> bool {
		self.left.is_none()
	}
}

/// How a job's verification ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub enum Decision {
	/// Not drawn for an audit: the provider's revealed result stands.
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
	/// Drawn for an audit that could not be made (not enough auditors could be drawn, none
	/// could get the input, or none revealed): the result is not paid, the consumer is refunded,
	/// and nobody is slashed for it. Fail closed.
	Unverifiable,
}

impl Decision {
	/// Whether the provider's result stands (it is paid).
	pub fn stands(self) -> bool {
		matches!(self, Self::Unaudited | Self::Agreed | Self::UpheldInDispute)
	}

	/// Whether the provider was found wrong (and slashed for it).
	pub fn convicts(self) -> bool {
		matches!(self, Self::Overturned | Self::MissedReveal | Self::CanaryFailed)
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
	/// The classes that can run the job (bit `class.index()`): auditors come from any of them.
	pub able: u8,
	/// The job's size in compute units (an auditor's commit window grows with it).
	pub units: u64,
	/// What the provider is paid if its result stands.
	pub payment: BalanceOf<T>,
	/// The block of the provider's commitment.
	pub committed_at: BlockNumberFor<T>,
	/// The current round's seeds come from blocks after this one: the provider's commitment for
	/// the first round, the opening of the reveals that disagreed for a dispute.
	pub seed_from: BlockNumberFor<T>,
	/// Where it stands.
	pub phase: Phase<BlockNumberFor<T>>,
	/// 0 before a dispute, 1 once more auditors were drawn.
	pub round: u8,
	/// The audit probability drawn against, in ppm (once drawn).
	pub probability: u32,
	/// Auditors the job needs committed before reveals open: 0 when not audited, the committee
	/// size once drawn, more in a dispute.
	pub target: u8,
	/// Draws made for the current round (each at most `MaxProbes` reads).
	pub attempts: u8,
	/// The provider first, then auditors (those that left included).
	pub parties: BoundedVec<PartyOf<T>, T::MaxParties>,
	/// The canary's sealed answer, once its owner revealed it.
	pub canary: Option<ResultRoot>,
	/// The decision, once made.
	pub decision: Option<Decision>,
}

/// A party, as the runtime configures it.
pub type PartyOf<T> = Party<<T as polkadot_sdk::frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

impl<T: Config> AuditRecord<T> {
	/// The provider that ran the job.
	pub fn provider(&self) -> &T::AccountId {
		&self.parties[0].who
	}

	/// The auditors still part of the job.
	pub fn live_auditors(&self) -> impl Iterator<Item = &PartyOf<T>> {
		self.parties.iter().skip(1).filter(|p| p.live())
	}

	/// Places in the committee nobody fills: the target less the live auditors.
	pub fn vacancies(&self) -> u32 {
		(self.target as u32).saturating_sub(self.live_auditors().count() as u32)
	}

	/// Whether `class` can run the job.
	pub fn able_class(&self, class: HardwareClass) -> bool {
		self.able & (1 << class.index()) != 0
	}
}

/// A sealed canary: the answer, hidden by a salt, until it expires.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct CanarySeal<BlockNumber> {
	/// `blake2_256(result_root ‖ salt)`.
	pub answer: H256,
	/// The block from which anyone may remove it.
	pub expires_at: BlockNumber,
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
	/// Audits that could not be made: not paid, refunded.
	pub unverifiable: u64,
	/// Auditors replaced (missed commitments, unavailable inputs).
	pub replaced: u64,
	/// Stake slashed by audit decisions, in all.
	pub slashed: Balance,
}
