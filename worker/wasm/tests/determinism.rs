//! The same module and input give the same output, fuel and outcome: twice in one process, on
//! the baseline x86-64 ISA, after a reload from the disk cache, and in another process; and
//! pathological modules end in their canonical outcome.

use compnet_wasm::{host, Invalid, Limits, Outcome, Run, Runner, TrapCode};
use std::time::Instant;
use wasm_encoder::{
	CodeSection, ConstExpr, DataSection, EntityType, ExportKind, ExportSection, Function, FunctionSection,
	ImportSection, Instruction as I, MemorySection, MemoryType, Module, StartSection, TypeSection, ValType,
};

/// Host imports, in this order: their function indices.
const INPUT_LEN: u32 = 0;
const INPUT_READ: u32 = 1;
const OUTPUT_WRITE: u32 = 2;
const ABORT: u32 = 3;
/// The first defined function: `run`.
const RUN: u32 = 4;

/// A defined function: its parameters, results, locals and body (without the final `end`).
struct Func {
	params: Vec<ValType>,
	results: Vec<ValType>,
	locals: Vec<(u32, ValType)>,
	body: Vec<I<'static>>,
}

fn func(locals: Vec<(u32, ValType)>, body: Vec<I<'static>>) -> Func {
	Func { params: vec![], results: vec![], locals, body }
}

/// A program: the four host imports, `funcs` (the first is exported as `run`), one memory of
/// `pages` exported as `memory`, `data` at offset 0.
struct Program {
	funcs: Vec<Func>,
	pages: u64,
	data: Vec<u8>,
	extra_import: Option<(&'static str, &'static str)>,
	export_run: bool,
	start: bool,
}

impl Program {
	fn new(funcs: Vec<Func>) -> Self {
		Self { funcs, pages: 1, data: vec![], extra_import: None, export_run: true, start: false }
	}

	fn encode(&self) -> Vec<u8> {
		let i32s = |n: usize| vec![ValType::I32; n];
		let mut types = TypeSection::new();
		let host = [("input_len", 0, 1), ("input_read", 3, 1), ("output_write", 2, 0), ("abort", 2, 0)];
		for (_, params, results) in host {
			types.ty().function(i32s(params), i32s(results));
		}
		types.ty().function([], []);
		for f in &self.funcs {
			types.ty().function(f.params.clone(), f.results.clone());
		}
		let mut imports = ImportSection::new();
		for (index, (name, _, _)) in host.iter().enumerate() {
			imports.import(host::MODULE, name, EntityType::Function(index as u32));
		}
		if let Some((module, name)) = self.extra_import {
			imports.import(module, name, EntityType::Function(4));
		}
		let mut functions = FunctionSection::new();
		for index in 0..self.funcs.len() {
			functions.function(5 + index as u32);
		}
		let mut memories = MemorySection::new();
		memories.memory(MemoryType { minimum: self.pages, maximum: None, memory64: false, shared: false, page_size_log2: None });
		let first = RUN + self.extra_import.is_some() as u32;
		let mut exports = ExportSection::new();
		exports.export(host::MEMORY, ExportKind::Memory, 0);
		if self.export_run {
			exports.export(host::ENTRY, ExportKind::Func, first);
		}
		let mut code = CodeSection::new();
		for f in &self.funcs {
			let mut body = Function::new(f.locals.clone());
			for instruction in &f.body {
				body.instruction(instruction);
			}
			body.instruction(&I::End);
			code.function(&body);
		}
		let mut data = DataSection::new();
		data.active(0, &ConstExpr::i32_const(0), self.data.clone());
		let mut module = Module::new();
		module.section(&types).section(&imports).section(&functions).section(&memories).section(&exports);
		if self.start {
			module.section(&StartSection { function_index: first });
		}
		module.section(&code).section(&data);
		module.finish()
	}
}

/// `run`: copies the input to memory at 0 and writes it back out, then writes `extra`.
fn echo() -> Program {
	Program::new(vec![func(
		vec![(1, ValType::I32)],
		vec![
			I::Call(INPUT_LEN),
			I::LocalSet(0),
			I::I32Const(0),
			I::I32Const(0),
			I::LocalGet(0),
			I::Call(INPUT_READ),
			I::Drop,
			I::I32Const(0),
			I::LocalGet(0),
			I::Call(OUTPUT_WRITE),
		],
	)])
}

fn limits() -> Limits {
	Limits { fuel: 5_000_000, memory_bytes: 1 << 20, output_bytes: 1 << 20, ..Limits::default() }
}

fn run(program: &Program, input: &[u8]) -> Run {
	Runner::new(None).unwrap().run(&program.encode(), input, &limits()).expect("a run")
}

/// The modules every determinism check runs, with their inputs.
fn corpus() -> Vec<(&'static str, Vec<u8>, Vec<u8>)> {
	vec![
		("echo", echo().encode(), b"the same everywhere".to_vec()),
		("recursion", recursion().encode(), vec![]),
		("nan", nan().encode(), vec![]),
		("loop", infinite_loop().encode(), vec![]),
		("grow", memory_bomb().encode(), vec![]),
	]
}

/// `run` calls itself until the stack limit.
fn recursion() -> Program {
	Program::new(vec![func(vec![(4, ValType::I64)], vec![I::Call(RUN)])])
}

fn infinite_loop() -> Program {
	Program::new(vec![func(vec![], vec![I::Loop(wasm_encoder::BlockType::Empty), I::Br(0), I::End])])
}

/// Grows the memory a page at a time until growth fails, then writes the page count (4 bytes).
fn memory_bomb() -> Program {
	Program::new(vec![func(
		vec![],
		vec![
			I::Block(wasm_encoder::BlockType::Empty),
			I::Loop(wasm_encoder::BlockType::Empty),
			I::I32Const(1),
			I::MemoryGrow(0),
			I::I32Const(-1),
			I::I32Eq,
			I::BrIf(1),
			I::Br(0),
			I::End,
			I::End,
			I::I32Const(0),
			I::MemorySize(0),
			I::I32Store(wasm_encoder::MemArg { offset: 0, align: 2, memory_index: 0 }),
			I::I32Const(0),
			I::I32Const(4),
			I::Call(OUTPUT_WRITE),
		],
	)])
}

/// Writes the bits of NaNs made four ways (0/0, ∞−∞, sqrt(−1), and a NaN with a payload
/// passed through an add) as f32 and f64.
fn nan() -> Program {
	let store32 = |at: u64| I::F32Store(wasm_encoder::MemArg { offset: at, align: 2, memory_index: 0 });
	let store64 = |at: u64| I::F64Store(wasm_encoder::MemArg { offset: at, align: 3, memory_index: 0 });
	let mut body = vec![];
	let f32_nans: [Vec<I<'static>>; 4] = [
		vec![I::F32Const(0.0.into()), I::F32Const(0.0.into()), I::F32Div],
		vec![I::F32Const(f32::INFINITY.into()), I::F32Const(f32::INFINITY.into()), I::F32Sub],
		vec![I::F32Const((-1.0).into()), I::F32Sqrt],
		vec![I::I32Const(0x7fa0_0001), I::F32ReinterpretI32, I::F32Const(1.0.into()), I::F32Add],
	];
	for (n, make) in f32_nans.into_iter().enumerate() {
		body.push(I::I32Const(0));
		body.extend(make);
		body.push(store32(4 * n as u64));
	}
	let f64_nans: [Vec<I<'static>>; 2] = [
		vec![I::F64Const(0.0.into()), I::F64Const(0.0.into()), I::F64Div],
		vec![I::I64Const(0x7ff4_0000_0000_0001), I::F64ReinterpretI64, I::F64Const(1.0.into()), I::F64Mul],
	];
	for (n, make) in f64_nans.into_iter().enumerate() {
		body.push(I::I32Const(0));
		body.extend(make);
		body.push(store64(16 + 8 * n as u64));
	}
	let store_i32 = |at: u64| I::I32Store(wasm_encoder::MemArg { offset: at, align: 2, memory_index: 0 });
	let store_i64 = |at: u64| I::I64Store(wasm_encoder::MemArg { offset: at, align: 3, memory_index: 0 });
	// 0/0 reinterpreted as an integer, 1.0 with the sign of 0/0, and the f64 0/0 reinterpreted.
	body.extend([I::I32Const(0), I::F32Const(0.0.into()), I::F32Const(0.0.into()), I::F32Div, I::I32ReinterpretF32, store_i32(32)]);
	body.extend([
		I::I32Const(0),
		I::F32Const(1.0.into()),
		I::F32Const(0.0.into()),
		I::F32Const(0.0.into()),
		I::F32Div,
		I::F32Copysign,
		store32(36),
	]);
	body.extend([I::I32Const(0), I::F64Const(0.0.into()), I::F64Const(0.0.into()), I::F64Div, I::I64ReinterpretF64, store_i64(40)]);
	body.extend([I::I32Const(0), I::I32Const(48), I::Call(OUTPUT_WRITE)]);
	Program::new(vec![func(vec![], body)])
}

#[test]
fn a_program_reads_its_input_and_writes_its_output() {
	let result = run(&echo(), b"hello, provider");
	assert_eq!(result.outcome, Outcome::Finished);
	assert_eq!(result.output, b"hello, provider");
	assert!(result.fuel_used > 2 * host::FUEL_PER_CALL, "host calls and instructions cost fuel");
	let longer = run(&echo(), &[7; 4096]);
	assert!(longer.fuel_used > result.fuel_used + 4096 / host::BYTES_PER_FUEL, "copies cost fuel by size");
}

#[test]
fn the_same_module_and_input_give_the_same_run_on_the_baseline_isa_and_after_a_cache_reload() {
	let cache = tempfile::tempdir().unwrap();
	let native = Runner::new(Some(cache.path().into())).unwrap();
	let baseline = Runner::with_config(&Runner::baseline_config(), None).unwrap();
	for (name, module, input) in corpus() {
		let first = native.run(&module, &input, &limits()).unwrap();
		assert_eq!(native.run(&module, &input, &limits()).unwrap(), first, "{name}: twice");
		assert_eq!(baseline.run(&module, &input, &limits()).unwrap(), first, "{name}: baseline ISA");
		// From the disk cache, in a fresh runner.
		let reloaded = Runner::new(Some(cache.path().into())).unwrap();
		assert_eq!(reloaded.run(&module, &input, &limits()).unwrap(), first, "{name}: cached");
		println!("{name}: {:?}, fuel {}", first.outcome, first.fuel_used);
	}
}

/// The corpus's runs, hex-encoded, one per line: what the other process prints.
fn corpus_runs() -> String {
	use codec::Encode;
	let runner = Runner::new(None).unwrap();
	corpus()
		.into_iter()
		.map(|(name, module, input)| {
			let run = runner.run(&module, &input, &limits()).unwrap();
			let hex: String = run.encode().iter().map(|b| format!("{b:02x}")).collect();
			format!("RUN {name} {hex}\n")
		})
		.collect()
}

/// Run by the test below in a second process.
#[test]
fn child_prints_the_corpus_runs() {
	if std::env::var_os("COMPNET_WASM_CHILD").is_some() {
		print!("{}", corpus_runs());
	}
}

#[test]
fn another_process_gets_the_same_runs() {
	let out = std::process::Command::new(std::env::current_exe().unwrap())
		.args(["--exact", "child_prints_the_corpus_runs", "--nocapture", "--test-threads=1"])
		.env("COMPNET_WASM_CHILD", "1")
		.output()
		.unwrap();
	let printed: String =
		String::from_utf8_lossy(&out.stdout).lines().filter_map(|l| l.find("RUN ").map(|at| format!("{}\n", &l[at..]))).collect();
	assert_eq!(printed.lines().count(), corpus().len(), "the child printed every run: {printed}");
	assert_eq!(printed, corpus_runs());
}

#[test]
fn pathological_programs_end_in_their_canonical_outcome() {
	let lim = limits();
	// An infinite loop runs out of fuel, having used all of it.
	let looped = run(&infinite_loop(), &[]);
	assert_eq!((looped.outcome, looped.fuel_used), (Outcome::OutOfFuel, lim.fuel));
	// Deep recursion ends at the stack limit, never the native stack.
	assert_eq!(run(&recursion(), &[]).outcome, Outcome::Trapped(TrapCode::StackExhausted));
	// A memory bomb: growth stops at the limit (1 MiB = 16 pages) and the program goes on.
	let grown = run(&memory_bomb(), &[]);
	assert_eq!(grown.outcome, Outcome::Finished);
	assert_eq!(grown.output, 16u32.to_le_bytes());
	// Huge output: writing 64 KiB over and over ends at the output limit, with nothing kept.
	let flood = Program::new(vec![func(
		vec![],
		vec![
			I::Loop(wasm_encoder::BlockType::Empty),
			I::I32Const(0),
			I::I32Const(65_536),
			I::Call(OUTPUT_WRITE),
			I::Br(0),
			I::End,
		],
	)]);
	let flooded = run(&flood, &[]);
	assert_eq!(flooded.outcome, Outcome::OutputTooLarge);
	assert!(flooded.output.is_empty());
	// The program's own `unreachable`, and a write outside its memory through the host.
	assert_eq!(run(&Program::new(vec![func(vec![], vec![I::Unreachable])]), &[]).outcome, Outcome::Trapped(TrapCode::Unreachable));
	let outside = Program::new(vec![func(vec![], vec![I::I32Const(65_530), I::I32Const(100), I::Call(OUTPUT_WRITE)])]);
	assert_eq!(run(&outside, &[]).outcome, Outcome::Trapped(TrapCode::MemoryOutOfBounds));
	let divide = Program::new(vec![func(vec![], vec![I::I32Const(1), I::I32Const(0), I::I32DivU, I::Drop])]);
	assert_eq!(run(&divide, &[]).outcome, Outcome::Trapped(TrapCode::IntegerDivisionByZero));
	// Abort keeps its message as the output.
	let mut abort = Program::new(vec![func(vec![], vec![I::I32Const(0), I::I32Const(9), I::Call(ABORT)])]);
	abort.data = b"bad input".to_vec();
	let aborted = run(&abort, &[]);
	assert_eq!((aborted.outcome, aborted.output), (Outcome::Trapped(TrapCode::Aborted), b"bad input".to_vec()));
}

#[test]
fn nans_are_canonical() {
	let out = run(&nan(), &[]).output;
	let f32s: Vec<u32> = out[..16].chunks(4).map(|c| u32::from_le_bytes(c.try_into().unwrap())).collect();
	let f64s: Vec<u64> = out[16..32].chunks(8).map(|c| u64::from_le_bytes(c.try_into().unwrap())).collect();
	assert!(f32s.iter().all(|bits| *bits == 0x7fc0_0000), "{f32s:x?}");
	assert!(f64s.iter().all(|bits| *bits == 0x7ff8_0000_0000_0000), "{f64s:x?}");
	let word = |at: usize| u32::from_le_bytes(out[at..at + 4].try_into().unwrap());
	assert_eq!(word(32), 0x7fc0_0000, "a reinterpreted NaN");
	assert_eq!(f32::from_bits(word(36)), 1.0, "copysign takes the canonical NaN's sign (x86 makes 0/0 negative)");
	assert_eq!(u64::from_le_bytes(out[40..48].try_into().unwrap()), 0x7ff8_0000_0000_0000, "a reinterpreted f64 NaN");
}

#[test]
fn modules_that_break_the_rules_are_invalid_and_never_run() {
	let invalid = |program: &Program| run(program, &[]).outcome;
	let mut clock = echo();
	clock.extra_import = Some(("env", "clock"));
	assert_eq!(invalid(&clock), Outcome::InvalidModule(Invalid::ForbiddenImport));
	let mut wrong_name = echo();
	wrong_name.extra_import = Some((host::MODULE, "random"));
	assert_eq!(invalid(&wrong_name), Outcome::InvalidModule(Invalid::ForbiddenImport));
	let mut big = echo();
	big.pages = 17;
	assert_eq!(invalid(&big), Outcome::InvalidModule(Invalid::MemoryTooLarge));
	let mut no_entry = echo();
	no_entry.export_run = false;
	assert_eq!(invalid(&no_entry), Outcome::InvalidModule(Invalid::NoEntry));
	let mut start = echo();
	start.start = true;
	assert_eq!(invalid(&start), Outcome::InvalidModule(Invalid::StartFunction));
	let runner = Runner::new(None).unwrap();
	assert_eq!(runner.run(b"\0asm garbage", &[], &limits()).unwrap(), Run::invalid(Invalid::Malformed));
	let small = Limits { module_bytes: 64, ..limits() };
	assert_eq!(runner.run(&echo().encode(), &[], &small).unwrap(), Run::invalid(Invalid::TooLarge));
	// SIMD is not WebAssembly 1.0.
	let simd = Program::new(vec![func(vec![], vec![I::V128Const(0), I::Drop])]);
	assert_eq!(invalid(&simd), Outcome::InvalidModule(Invalid::Malformed));
}

#[test]
fn a_corrupt_cache_file_is_compiled_again_not_run() {
	let cache = tempfile::tempdir().unwrap();
	let module = echo().encode();
	let expected = Runner::new(Some(cache.path().into())).unwrap().run(&module, b"abc", &limits()).unwrap();
	let file = std::fs::read_dir(cache.path()).unwrap().next().unwrap().unwrap().path();
	let mut bytes = std::fs::read(&file).unwrap();
	let middle = bytes.len() / 2;
	bytes[middle] ^= 0xff;
	std::fs::write(&file, bytes).unwrap();
	let again = Runner::new(Some(cache.path().into())).unwrap().run(&module, b"abc", &limits()).unwrap();
	assert_eq!(again, expected);
}

/// A module near the size limit: one function of 2 MiB of straight-line code. Prints its
/// compile time and cached-load time (figures, not assertions).
#[test]
fn a_module_of_megabytes_compiles_in_bounded_time() {
	let mut body = Vec::new();
	for n in 0..400_000 {
		body.extend([I::I32Const(n), I::Drop]);
	}
	let module = Program::new(vec![func(vec![], body)]).encode();
	assert!(module.len() > 1 << 20, "{} bytes", module.len());
	let cache = tempfile::tempdir().unwrap();
	let runner = Runner::new(Some(cache.path().into())).unwrap();
	let start = Instant::now();
	let first = runner.run(&module, &[], &limits()).unwrap();
	let compiled = start.elapsed();
	assert_eq!(first.outcome, Outcome::Finished);
	let start = Instant::now();
	let cached = Runner::new(Some(cache.path().into())).unwrap().run(&module, &[], &limits()).unwrap();
	println!(
		"module of {} KiB: compiled and run in {compiled:?}, loaded from the cache and run in {:?}",
		module.len() >> 10,
		start.elapsed()
	);
	assert_eq!(cached, first);
}
