//! Checking a module against the rules and making its stack depth machine-independent.
//!
//! Stack exhaustion is the one trap whose place depends on code generation: native frame sizes
//! differ between compilers, versions and CPUs. So the native stack is never what runs out. The
//! module is rewritten by `wasm-instrument`'s stack limiter (the one the node's executor uses):
//! every call adds the callee's cost (its locals plus its largest operand stack, in WebAssembly
//! values) to a counter and traps when the counter passes [`Limits::stack_values`]. The counter
//! depends only on the module, so the trap happens at the same call everywhere. The native stack
//! the runner gives a program is far larger than the limit can use (`runner.rs`), and a native
//! overflow is reported as a fault of the machine, never as an outcome.

use crate::{host, outcome::Invalid};
use wasm_instrument::parity_wasm::{
	self,
	elements::{External, Internal, Module, Type, ValueType},
};

/// The export the runner reads to tell the stack limiter's trap from the program's own
/// `unreachable`.
pub const STACK_HEIGHT_EXPORT: &str = "__compnet_stack_height";

/// WebAssembly page size.
pub const PAGE_BYTES: u64 = 65_536;

/// The bounds of one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
	/// Largest module accepted, in bytes.
	pub module_bytes: usize,
	/// Fuel the program may use.
	pub fuel: u64,
	/// Largest memory, in bytes (a multiple of 64 KiB; growth beyond fails with -1).
	pub memory_bytes: u64,
	/// Largest output, in bytes.
	pub output_bytes: u64,
	/// Deepest stack, in WebAssembly values (locals and operands of every active call).
	pub stack_values: u32,
}

impl Limits {
	/// The stack limit every run uses: 64 Ki values, 512 KiB in a naive 8-byte-per-value machine.
	pub const STACK_VALUES: u32 = 65_536;

	/// The limits of a job's `wasm` workload under the chain's `program` bounds (the module size
	/// is the chain's; the rest is the job's). `None` for the other workloads.
	pub fn of_job(workload: &compnet_primitives::Workload, program: &compnet_primitives::ProgramLimits) -> Option<Self> {
		let compnet_primitives::Workload::Wasm { fuel, memory_mib, output_kib, .. } = *workload else { return None };
		Some(Self {
			module_bytes: program.module_bytes as usize,
			fuel,
			memory_bytes: (memory_mib as u64) << 20,
			output_bytes: (output_kib as u64) << 10,
			stack_values: Self::STACK_VALUES,
		})
	}
}

impl Default for Limits {
	fn default() -> Self {
		Self {
			module_bytes: 8 << 20,
			fuel: 10_000_000_000,
			memory_bytes: 256 << 20,
			output_bytes: 64 << 20,
			stack_values: Self::STACK_VALUES,
		}
	}
}

/// A module that passed the rules, with its stack limiter in place.
#[derive(Clone, Debug)]
pub struct Prepared {
	/// The instrumented binary the runner compiles.
	pub bytes: Vec<u8>,
	/// The stack limit it was instrumented with.
	pub stack_values: u32,
}

/// Checks `module` against the rules, makes its observable NaNs canonical ([`crate::nan`]) and
/// instruments it with `limits.stack_values`.
pub fn prepare(module: &[u8], limits: &Limits) -> Result<Prepared, Invalid> {
	if module.len() > limits.module_bytes {
		return Err(Invalid::TooLarge);
	}
	let mut parsed: Module = parity_wasm::deserialize_buffer(module).map_err(|_| Invalid::Malformed)?;
	check(&parsed, limits)?;
	if parsed.export_section().is_some_and(|s| s.entries().iter().any(|e| e.field() == STACK_HEIGHT_EXPORT)) {
		return Err(Invalid::Malformed);
	}
	crate::nan::canonicalize_observed_nans(&mut parsed).map_err(|()| Invalid::Malformed)?;
	parsed = wasm_instrument::inject_stack_limiter(parsed, limits.stack_values).map_err(|_| Invalid::Malformed)?;
	export_stack_height(&mut parsed)?;
	let bytes = parity_wasm::serialize(parsed).map_err(|_| Invalid::Malformed)?;
	Ok(Prepared { bytes, stack_values: limits.stack_values })
}

/// The function type `(i32 × params) -> (i32 × results)`?
fn is_i32_signature(ty: &Type, params: usize, results: usize) -> bool {
	let Type::Function(f) = ty;
	f.params().len() == params &&
		f.results().len() == results &&
		f.params().iter().chain(f.results()).all(|v| *v == ValueType::I32)
}

fn check(module: &Module, limits: &Limits) -> Result<(), Invalid> {
	if module.start_section().is_some() {
		return Err(Invalid::StartFunction);
	}
	let types = module.type_section().map(|s| s.types()).unwrap_or_default();
	for import in module.import_section().map(|s| s.entries()).unwrap_or_default() {
		let External::Function(type_index) = import.external() else { return Err(Invalid::ForbiddenImport) };
		let (params, results) = (import.module() == host::MODULE)
			.then(|| host::signature(import.field()))
			.flatten()
			.ok_or(Invalid::ForbiddenImport)?;
		let ty = types.get(*type_index as usize).ok_or(Invalid::Malformed)?;
		if !is_i32_signature(ty, params, results) {
			return Err(Invalid::ForbiddenImport);
		}
	}
	// Exactly one memory, its own, starting within the limit.
	let memories = module.memory_section().map(|s| s.entries()).unwrap_or_default();
	let [memory] = memories else { return Err(Invalid::NoEntry) };
	if memory.limits().initial() as u64 * PAGE_BYTES > limits.memory_bytes {
		return Err(Invalid::MemoryTooLarge);
	}
	let exports = module.export_section().map(|s| s.entries()).unwrap_or_default();
	if !exports.iter().any(|e| e.field() == host::MEMORY && matches!(e.internal(), Internal::Memory(0))) {
		return Err(Invalid::NoEntry);
	}
	let imported = module.import_count(parity_wasm::elements::ImportCountType::Function);
	let entry_type = exports
		.iter()
		.find_map(|e| match e.internal() {
			Internal::Function(index) if e.field() == host::ENTRY => Some(*index as usize),
			_ => None,
		})
		.and_then(|index| index.checked_sub(imported))
		.and_then(|defined| module.function_section()?.entries().get(defined).map(|f| f.type_ref()))
		.and_then(|type_ref| types.get(type_ref as usize))
		.ok_or(Invalid::NoEntry)?;
	if !is_i32_signature(entry_type, 0, 0) {
		return Err(Invalid::NoEntry);
	}
	Ok(())
}

/// Exports the stack limiter's counter (the last global: a program imports no globals).
fn export_stack_height(module: &mut Module) -> Result<(), Invalid> {
	let globals = module.global_section().map(|s| s.entries().len()).ok_or(Invalid::Malformed)?;
	let index = (globals as u32).checked_sub(1).ok_or(Invalid::Malformed)?;
	let entry = parity_wasm::elements::ExportEntry::new(STACK_HEIGHT_EXPORT.into(), Internal::Global(index));
	match module.export_section_mut() {
		Some(section) => section.entries_mut().push(entry),
		None => return Err(Invalid::NoEntry),
	}
	Ok(())
}
