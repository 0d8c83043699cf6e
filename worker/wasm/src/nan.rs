//! Canonical NaNs where a NaN's bits can be seen, instead of after every float operation.
//!
//! WebAssembly leaves the sign and payload of a NaN produced by arithmetic to the machine. Those
//! bits can reach the program's results in only three ways:
//! - a float store (`f32.store`, `f64.store`) puts them in memory, where integer loads and the
//!   output read them;
//! - a reinterpretation (`i32.reinterpret_f32`, `i64.reinterpret_f64`) makes them an integer;
//! - `copysign` copies the sign of its second operand, NaN or not.
//!
//! Comparisons with a NaN are false whatever its bits, conversions of a NaN to an integer trap,
//! and floats never cross the host API. So replacing a NaN by the canonical one (positive, quiet,
//! payload zero: `0x7fc00000`, `0x7ff8000000000000`) just before those instructions makes every
//! result the same on every machine, while arithmetic runs at full speed. Cranelift's own
//! canonicalization, after every float operation, is then off; with it a float-heavy program ran
//! at half the speed (`docs/wasm.md`).
//!
//! The rewrite adds one `f32` and one `f64` local to each function and, before each of those
//! instructions, `local.set t; const NaN; local.get t; local.get t; local.get t; ne; select`.

use wasm_instrument::parity_wasm::elements::{Instruction, Local, Module, Type, ValueType};

/// The canonical f32 NaN's bits.
pub const F32_NAN: u32 = 0x7fc0_0000;
/// The canonical f64 NaN's bits.
pub const F64_NAN: u64 = 0x7ff8_0000_0000_0000;

/// Which float a canonicalization is for.
#[derive(Clone, Copy)]
enum Float {
	F32,
	F64,
}

/// The float on top of the stack that `instruction` lets be seen, if any.
fn observed(instruction: &Instruction) -> Option<Float> {
	match instruction {
		Instruction::F32Store(..) | Instruction::I32ReinterpretF32 | Instruction::F32Copysign => Some(Float::F32),
		Instruction::F64Store(..) | Instruction::I64ReinterpretF64 | Instruction::F64Copysign => Some(Float::F64),
		_ => None,
	}
}

/// Replaces a NaN on top of the stack by the canonical one, through the scratch local `scratch`.
fn canonicalize(float: Float, scratch: u32) -> [Instruction; 7] {
	let (nan, ne) = match float {
		Float::F32 => (Instruction::F32Const(F32_NAN), Instruction::F32Ne),
		Float::F64 => (Instruction::F64Const(F64_NAN), Instruction::F64Ne),
	};
	[
		Instruction::SetLocal(scratch),
		nan,
		Instruction::GetLocal(scratch),
		Instruction::GetLocal(scratch),
		Instruction::GetLocal(scratch),
		ne,
		Instruction::Select,
	]
}

/// Rewrites every function of `module`. `Err` when its sections do not line up (a malformed
/// module).
pub fn canonicalize_observed_nans(module: &mut Module) -> Result<(), ()> {
	let params: Vec<u32> = {
		let types = module.type_section().map(|s| s.types().to_vec()).unwrap_or_default();
		let functions = module.function_section().map(|s| s.entries().to_vec()).unwrap_or_default();
		functions
			.iter()
			.map(|f| match types.get(f.type_ref() as usize) {
				Some(Type::Function(ty)) => Ok(ty.params().len() as u32),
				None => Err(()),
			})
			.collect::<Result<_, _>>()?
	};
	let Some(code) = module.code_section_mut() else { return Ok(()) };
	if code.bodies().len() != params.len() {
		return Err(());
	}
	for (body, params) in code.bodies_mut().iter_mut().zip(params) {
		if !body.code().elements().iter().any(|i| observed(i).is_some()) {
			continue;
		}
		let declared = body.locals().iter().try_fold(params, |n, l| n.checked_add(l.count())).ok_or(())?;
		let (f32_scratch, f64_scratch) = (declared, declared + 1);
		body.locals_mut().push(Local::new(1, ValueType::F32));
		body.locals_mut().push(Local::new(1, ValueType::F64));
		let old = std::mem::take(body.code_mut().elements_mut());
		let rewritten = body.code_mut().elements_mut();
		rewritten.reserve(old.len());
		for instruction in old {
			match observed(&instruction) {
				Some(Float::F32) => rewritten.extend(canonicalize(Float::F32, f32_scratch)),
				Some(Float::F64) => rewritten.extend(canonicalize(Float::F64, f64_scratch)),
				None => {},
			}
			rewritten.push(instruction);
		}
	}
	Ok(())
}
