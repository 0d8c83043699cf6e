//! Compiling and running programs.
//!
//! The engine is set up so that a run depends only on the module, the input and the limits:
//! fuel metering on (fuel counts WebAssembly operators, decided at translation, not machine
//! code), NaNs canonical wherever their bits can be seen (the module is rewritten for it,
//! [`crate::nan`], so Cranelift's canonicalization after every float operation is off), and
//! every proposal after WebAssembly 1.0 off (no threads, no
//! SIMD, relaxed or not, no bulk memory, reference types, tail calls, multiple memories or
//! 64-bit memory). There is no WASI, clock, randomness or environment: the host API
//! ([`crate::host`]) is all a program sees. Memory growth beyond the limit fails with -1, the
//! same everywhere.
//!
//! A compiled module is kept in memory and, with a cache directory, on disk: the file holds a
//! BLAKE2b-256 digest of the compiled code, checked before it is loaded, so a corrupt or
//! tampered file is compiled again rather than run.

use crate::{
	host,
	outcome::{Invalid, Outcome, Run, TrapCode},
	program::{self, Limits, Prepared, STACK_HEIGHT_EXPORT},
};
use blake2::{digest::consts::U32, Blake2b, Digest};
use std::{
	collections::HashMap,
	path::PathBuf,
	sync::{Arc, Mutex},
};
use wasmtime::{Caller, Config, Engine, Linker, Memory, Module, Store, StoreLimits, StoreLimitsBuilder, Trap};

/// The native stack wasm code may use. The stack limit ([`Limits::stack_values`]) is met long
/// before: 64 MiB over 64 Ki values leaves 1 KiB of native stack per WebAssembly value.
const NATIVE_WASM_STACK: usize = 64 << 20;
/// The thread a program runs on: its wasm stack plus room for the host.
const NATIVE_THREAD_STACK: usize = NATIVE_WASM_STACK + (16 << 20);
/// Compiled modules kept in memory.
const MEMORY_CACHE: usize = 64;

type Blake2b256 = Blake2b<U32>;

/// Why a run produced no outcome. None of these may be committed: each is a fault of the
/// machine, not of the program.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
	/// The native stack ran out before the stack limit: the limit's margin is wrong for this
	/// machine.
	#[error("the native stack overflowed before the stack limit")]
	NativeStack,
	/// The engine failed (for example it could not reserve memory).
	#[error("wasmtime: {0}")]
	Engine(String),
	/// The compiled-module cache could not be written.
	#[error("module cache: {0}")]
	Cache(String),
}

fn engine_error(e: impl std::fmt::Display) -> RunError {
	RunError::Engine(e.to_string())
}

/// Compiles and runs programs; keeps compiled modules.
pub struct Runner {
	engine: Engine,
	cache_dir: Option<PathBuf>,
	compiled: Mutex<HashMap<[u8; 32], Module>>,
}

/// Why a host call ended the run.
#[derive(Debug, thiserror::Error)]
enum HostStop {
	#[error("output too large")]
	OutputTooLarge,
	#[error("aborted")]
	Aborted,
	#[error("out of fuel")]
	OutOfFuel,
	#[error("memory out of bounds")]
	MemoryOutOfBounds,
}

/// What the host functions see of a run.
struct State {
	input: Arc<[u8]>,
	output: Vec<u8>,
	output_limit: u64,
	limits: StoreLimits,
}

impl Runner {
	/// The deterministic engine configuration every worker uses.
	pub fn config() -> Config {
		let mut config = Config::new();
		config
			.consume_fuel(true)
			// Observable NaNs are made canonical by the module rewrite (`nan.rs`).
			.cranelift_nan_canonicalization(false)
			.wasm_threads(false)
			.wasm_simd(false)
			.wasm_relaxed_simd(false)
			.wasm_reference_types(false)
			.wasm_function_references(false)
			.wasm_gc(false)
			.wasm_bulk_memory(false)
			.wasm_multi_value(false)
			.wasm_tail_call(false)
			.wasm_multi_memory(false)
			.wasm_memory64(false)
			.wasm_extended_const(false)
			.wasm_wide_arithmetic(false)
			.wasm_custom_page_sizes(false)
			.wasm_exceptions(false)
			.max_wasm_stack(NATIVE_WASM_STACK);
		config
	}

	/// The configuration with every x86-64 extension beyond the baseline turned off: code that
	/// must behave exactly as on the oldest CPU a provider may have (for the determinism tests).
	pub fn baseline_config() -> Config {
		let mut config = Self::config();
		#[cfg(target_arch = "x86_64")]
		for flag in [
			"has_sse3", "has_ssse3", "has_sse41", "has_sse42", "has_popcnt", "has_avx", "has_avx2", "has_fma", "has_bmi1",
			"has_bmi2", "has_lzcnt", "has_avx512bitalg", "has_avx512dq", "has_avx512f", "has_avx512vl", "has_avx512vbmi",
		] {
			// SAFETY: turning CPU features off only makes code the host can run anyway.
			unsafe {
				config.cranelift_flag_set(flag, "false");
			}
		}
		config
	}

	/// A runner with the deterministic configuration, caching compiled modules in `cache_dir`.
	pub fn new(cache_dir: Option<PathBuf>) -> Result<Self, RunError> {
		Self::with_config(&Self::config(), cache_dir)
	}

	/// A runner with `config` (one of [`Self::config`] and [`Self::baseline_config`]).
	pub fn with_config(config: &Config, cache_dir: Option<PathBuf>) -> Result<Self, RunError> {
		if let Some(dir) = &cache_dir {
			std::fs::create_dir_all(dir).map_err(|e| RunError::Cache(format!("{}: {e}", dir.display())))?;
		}
		Ok(Self { engine: Engine::new(config).map_err(engine_error)?, cache_dir, compiled: Mutex::default() })
	}

	/// Runs `module` on `input` within `limits`.
	pub fn run(&self, module: &[u8], input: &[u8], limits: &Limits) -> Result<Run, RunError> {
		let prepared = match program::prepare(module, limits) {
			Ok(prepared) => prepared,
			Err(reason) => return Ok(Run::invalid(reason)),
		};
		let compiled = match self.compile(&prepared)? {
			Ok(compiled) => compiled,
			Err(reason) => return Ok(Run::invalid(reason)),
		};
		let input: Arc<[u8]> = input.into();
		let (engine, limits) = (&self.engine, *limits);
		std::thread::scope(|scope| {
			std::thread::Builder::new()
				.name("compnet-wasm".into())
				.stack_size(NATIVE_THREAD_STACK)
				.spawn_scoped(scope, move || execute(engine, &compiled, input, &limits))
				.map_err(engine_error)?
				.join()
				.map_err(|_| RunError::Engine("the program's thread panicked".into()))?
		})
	}

	/// The compiled module for `prepared`: from memory, from the disk cache when its digest
	/// checks out, or compiled now (and cached). `Err(Malformed)` when wasmtime refuses it.
	pub fn compile(&self, prepared: &Prepared) -> Result<Result<Module, Invalid>, RunError> {
		let key: [u8; 32] = Blake2b256::new()
			.chain_update(&prepared.bytes)
			.chain_update(prepared.stack_values.to_le_bytes())
			.finalize()
			.into();
		if let Some(module) = self.compiled.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
			return Ok(Ok(module.clone()));
		}
		let module = match self.load_cached(&key) {
			Some(module) => module,
			None => match Module::new(&self.engine, &prepared.bytes) {
				Ok(module) => {
					self.store_cached(&key, &module)?;
					module
				},
				Err(_) => return Ok(Err(Invalid::Malformed)),
			},
		};
		let mut compiled = self.compiled.lock().unwrap_or_else(|p| p.into_inner());
		if compiled.len() >= MEMORY_CACHE {
			compiled.clear();
		}
		compiled.insert(key, module.clone());
		Ok(Ok(module))
	}

	/// Drops the compiled modules kept in memory (the disk cache stays).
	pub fn forget_compiled(&self) {
		self.compiled.lock().unwrap_or_else(|p| p.into_inner()).clear();
	}

	fn cache_path(&self, key: &[u8; 32]) -> Option<PathBuf> {
		let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
		self.cache_dir.as_ref().map(|dir| dir.join(format!("{hex}.cwasm")))
	}

	/// The cached module for `key`, if its file exists, its digest matches and this engine
	/// accepts it; a file that fails is removed.
	fn load_cached(&self, key: &[u8; 32]) -> Option<Module> {
		let path = self.cache_path(key)?;
		let file = std::fs::read(&path).ok()?;
		let loaded = (file.len() > 32)
			.then(|| file.split_at(32))
			.filter(|(digest, code)| Blake2b256::digest(code).as_slice() == *digest)
			// SAFETY: the code is what this runner serialized: its digest, written with it,
			// matches (a corrupt or foreign file fails here), and wasmtime checks that it was
			// made by a compatible engine.
			.and_then(|(_, code)| unsafe { Module::deserialize(&self.engine, code) }.ok());
		if loaded.is_none() {
			let _ = std::fs::remove_file(&path);
		}
		loaded
	}

	fn store_cached(&self, key: &[u8; 32], module: &Module) -> Result<(), RunError> {
		let Some(path) = self.cache_path(key) else { return Ok(()) };
		let code = module.serialize().map_err(engine_error)?;
		let mut file = Blake2b256::digest(&code).to_vec();
		file.extend_from_slice(&code);
		let partial = path.with_extension("partial");
		std::fs::write(&partial, &file)
			.and_then(|()| std::fs::rename(&partial, &path))
			.map_err(|e| RunError::Cache(format!("{}: {e}", path.display())))
	}
}

/// Takes `fuel` from the run, or ends it out of fuel.
fn charge(caller: &mut Caller<'_, State>, fuel: u64) -> anyhow::Result<()> {
	let left = caller.get_fuel()?;
	if left < fuel {
		caller.set_fuel(0)?;
		return Err(HostStop::OutOfFuel.into());
	}
	caller.set_fuel(left - fuel)?;
	Ok(())
}

fn memory(caller: &mut Caller<'_, State>) -> anyhow::Result<Memory> {
	caller
		.get_export(host::MEMORY)
		.and_then(|export| export.into_memory())
		.ok_or_else(|| HostStop::MemoryOutOfBounds.into())
}

/// The byte range `ptr .. ptr + len` of a memory of `size` bytes, if it is inside.
fn range(ptr: i32, len: u64, size: usize) -> anyhow::Result<std::ops::Range<usize>> {
	let start = ptr as u32 as u64;
	let end = start.checked_add(len).filter(|end| *end <= size as u64).ok_or(HostStop::MemoryOutOfBounds)?;
	Ok(start as usize..end as usize)
}

fn linker(engine: &Engine) -> anyhow::Result<Linker<State>> {
	let mut linker = Linker::new(engine);
	linker.func_wrap(host::MODULE, "input_len", |mut caller: Caller<'_, State>| -> anyhow::Result<i32> {
		charge(&mut caller, host::FUEL_PER_CALL)?;
		Ok(caller.data().input.len() as i32)
	})?;
	linker.func_wrap(
		host::MODULE,
		"input_read",
		|mut caller: Caller<'_, State>, offset: i32, ptr: i32, len: i32| -> anyhow::Result<i32> {
			let (offset, len) = (offset as u32 as usize, len as u32 as usize);
			let count = len.min(caller.data().input.len().saturating_sub(offset));
			charge(&mut caller, host::copy_fuel(count as u64))?;
			let memory = memory(&mut caller)?;
			let (bytes, state) = memory.data_and_store_mut(&mut caller);
			let target = range(ptr, count as u64, bytes.len())?;
			bytes[target].copy_from_slice(&state.input[offset..offset + count]);
			Ok(count as i32)
		},
	)?;
	linker.func_wrap(host::MODULE, "output_write", |mut caller: Caller<'_, State>, ptr: i32, len: i32| -> anyhow::Result<()> {
		let len = len as u32 as u64;
		charge(&mut caller, host::copy_fuel(len))?;
		let memory = memory(&mut caller)?;
		let (bytes, state) = memory.data_and_store_mut(&mut caller);
		let source = range(ptr, len, bytes.len())?;
		if state.output.len() as u64 + len > state.output_limit {
			state.output = Vec::new();
			return Err(HostStop::OutputTooLarge.into());
		}
		state.output.extend_from_slice(&bytes[source]);
		Ok(())
	})?;
	linker.func_wrap(host::MODULE, "abort", |mut caller: Caller<'_, State>, ptr: i32, len: i32| -> anyhow::Result<()> {
		let len = len as u32 as u64;
		charge(&mut caller, host::copy_fuel(len.min(host::MAX_ABORT_MESSAGE as u64)))?;
		let memory = memory(&mut caller)?;
		let (bytes, state) = memory.data_and_store_mut(&mut caller);
		let message = range(ptr, len, bytes.len())?;
		let kept = message.start..message.end.min(message.start + host::MAX_ABORT_MESSAGE);
		state.output = bytes[kept].to_vec();
		Err(HostStop::Aborted.into())
	})?;
	Ok(linker)
}

/// Instantiates `module` and calls its entry, then reads how it ended.
fn execute(engine: &Engine, module: &Module, input: Arc<[u8]>, limits: &Limits) -> Result<Run, RunError> {
	let state = State {
		input,
		output: Vec::new(),
		output_limit: limits.output_bytes,
		limits: StoreLimitsBuilder::new()
			.memory_size(limits.memory_bytes as usize)
			.memories(1)
			.instances(1)
			.tables(1)
			.table_elements(1 << 20)
			.build(),
	};
	let mut store = Store::new(engine, state);
	store.limiter(|state| &mut state.limits);
	store.set_fuel(limits.fuel).map_err(engine_error)?;
	let linker = linker(engine).map_err(engine_error)?;
	// The module was checked: instantiation fails only where its data or element segments do
	// not fit (a trap of the program) or the machine is out of memory.
	let result = linker.instantiate(&mut store, module).and_then(|instance| {
		let entry = instance.get_typed_func::<(), ()>(&mut store, host::ENTRY)?;
		entry.call(&mut store, ()).map(|()| instance).map_err(|e| e.context(instance_marker(instance)))
	});
	let fuel_used = limits.fuel - store.get_fuel().map_err(engine_error)?;
	let outcome = match &result {
		Ok(_) => Outcome::Finished,
		Err(error) => classify(error, &mut store, limits)?,
	};
	let output = match outcome {
		Outcome::OutputTooLarge => Vec::new(),
		_ => std::mem::take(&mut store.data_mut().output),
	};
	let fuel_used = if outcome == Outcome::OutOfFuel { limits.fuel } else { fuel_used };
	Ok(Run { outcome, fuel_used, output })
}

/// Carries the instance of a failed call, so the stack counter can be read.
#[derive(Debug, Clone, Copy)]
struct InstanceMarker(wasmtime::Instance);

impl std::fmt::Display for InstanceMarker {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.write_str("in the program")
	}
}

fn instance_marker(instance: wasmtime::Instance) -> InstanceMarker {
	InstanceMarker(instance)
}

/// The canonical outcome of a failed run.
fn classify(error: &anyhow::Error, store: &mut Store<State>, limits: &Limits) -> Result<Outcome, RunError> {
	if let Some(stop) = error.downcast_ref::<HostStop>() {
		return Ok(match stop {
			HostStop::OutputTooLarge => Outcome::OutputTooLarge,
			HostStop::Aborted => Outcome::Trapped(TrapCode::Aborted),
			HostStop::OutOfFuel => Outcome::OutOfFuel,
			HostStop::MemoryOutOfBounds => Outcome::Trapped(TrapCode::MemoryOutOfBounds),
		});
	}
	let Some(trap) = error.downcast_ref::<Trap>() else { return Err(engine_error(format!("{error:#}"))) };
	let code = match trap {
		Trap::OutOfFuel => return Ok(Outcome::OutOfFuel),
		Trap::StackOverflow => return Err(RunError::NativeStack),
		Trap::UnreachableCodeReached => {
			let height = error
				.downcast_ref::<InstanceMarker>()
				.and_then(|marker| marker.0.get_global(&mut *store, STACK_HEIGHT_EXPORT))
				.and_then(|global| global.get(&mut *store).i32())
				.map_or(0, |h| h as u32);
			if height > limits.stack_values {
				TrapCode::StackExhausted
			} else {
				TrapCode::Unreachable
			}
		},
		Trap::MemoryOutOfBounds | Trap::HeapMisaligned => TrapCode::MemoryOutOfBounds,
		Trap::TableOutOfBounds => TrapCode::TableOutOfBounds,
		Trap::IndirectCallToNull => TrapCode::IndirectCallToNull,
		Trap::BadSignature => TrapCode::BadSignature,
		Trap::IntegerOverflow => TrapCode::IntegerOverflow,
		Trap::IntegerDivisionByZero => TrapCode::IntegerDivisionByZero,
		Trap::BadConversionToInteger => TrapCode::BadConversionToInteger,
		other => return Err(engine_error(format!("an unexpected trap: {other}"))),
	};
	Ok(Outcome::Trapped(code))
}
