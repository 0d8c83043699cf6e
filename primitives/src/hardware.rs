//! Hardware classes and capacity in H100-equivalents.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Capacity in thousandths of one H100 (1_000 = one H100-equivalent).
pub type Capacity = u64;

/// One H100-equivalent.
pub const H100_EQUIVALENT: Capacity = 1_000;

/// The hardware classes a provider may declare. Bounded: a new class is a runtime upgrade.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Encode, Decode, DecodeWithMemTracking,
	MaxEncodedLen, TypeInfo, serde::Serialize, serde::Deserialize,
)]
pub enum HardwareClass {
	/// NVIDIA H200 (141 GB).
	H200,
	/// NVIDIA H100 (80 GB): the reference device.
	H100,
	/// NVIDIA A100 (80 GB).
	A100,
	/// NVIDIA L40S (48 GB).
	L40S,
	/// NVIDIA RTX 4090 (24 GB): the gaming PC.
	Rtx4090,
	/// NVIDIA RTX 3090 (24 GB).
	Rtx3090,
	/// No GPU: the CPU kernels only.
	Cpu,
}

impl HardwareClass {
	/// Every class, in declaration order (the index of each in [`Self::index`]).
	pub const ALL: [HardwareClass; 7] = [
		Self::H200,
		Self::H100,
		Self::A100,
		Self::L40S,
		Self::Rtx4090,
		Self::Rtx3090,
		Self::Cpu,
	];

	/// A dense index, for per-class tables.
	pub const fn index(self) -> usize {
		self as usize
	}

	/// Throughput of one device of this class in thousandths of an H100, from dense fp16/bf16
	/// tensor throughput (H100 SXM = 1.0).
	pub const fn h100_equivalent(self) -> Capacity {
		match self {
			Self::H200 => 1_000,
			Self::H100 => 1_000,
			Self::A100 => 320,
			Self::L40S => 370,
			Self::Rtx4090 => 170,
			Self::Rtx3090 => 72,
			Self::Cpu => 2,
		}
	}

	/// Device memory in GiB.
	pub const fn memory_gib(self) -> u32 {
		match self {
			Self::H200 => 141,
			Self::H100 => 80,
			Self::A100 => 80,
			Self::L40S => 48,
			Self::Rtx4090 => 24,
			Self::Rtx3090 => 24,
			Self::Cpu => 0,
		}
	}

	/// Whether this class can run GPU workloads at all.
	pub const fn is_gpu(self) -> bool {
		!matches!(self, Self::Cpu)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn indices_are_dense_and_h100_is_the_reference() {
		for (i, class) in HardwareClass::ALL.iter().enumerate() {
			assert_eq!(class.index(), i);
			assert!(class.h100_equivalent() > 0);
		}
		assert_eq!(HardwareClass::H100.h100_equivalent(), H100_EQUIVALENT);
		assert!(!HardwareClass::Cpu.is_gpu());
	}
}
