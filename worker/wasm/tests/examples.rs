//! The example programs (`examples/wasm`, built by `scripts/build-programs`) run as jobs: their
//! outcome, their determinism, and (printed, not asserted) their speed under fuel metering
//! against the same code built natively.

use compnet_wasm::{Limits, Outcome, Runner};
use std::{path::PathBuf, time::Instant};

/// The built program `name` (`$COMPNET_PROGRAMS_DIR/name.wasm`).
fn program(name: &str) -> Vec<u8> {
	let dir = std::env::var_os("COMPNET_PROGRAMS_DIR").map(PathBuf::from).unwrap_or_else(|| {
		PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cache/compnet/programs/wasm32v1-none/release")
	});
	let path = dir.join(format!("{name}.wasm"));
	std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e} (run scripts/build-programs)", path.display()))
}

fn limits() -> Limits {
	Limits { fuel: 50_000_000_000, ..Limits::default() }
}

/// `key=value` fields of a result line.
fn field(line: &str, key: &str) -> f64 {
	line.split_whitespace()
		.find_map(|f| f.strip_prefix(&format!("{key}=")))
		.and_then(|v| v.parse().ok())
		.unwrap_or_else(|| panic!("no {key} in {line}"))
}

#[test]
fn the_option_pricer_prices_near_black_scholes_the_same_everywhere() {
	let module = program("option_pricer");
	let input = b"spot=100 strike=105 rate=0.05 volatility=0.2 years=1 paths=200000 seed=7";
	let run = Runner::new(None).unwrap().run(&module, input, &limits()).unwrap();
	assert_eq!(run.outcome, Outcome::Finished, "{}", String::from_utf8_lossy(&run.output));
	let line = String::from_utf8(run.output.clone()).unwrap();
	let (price, error, exact) = (field(&line, "price"), field(&line, "standard_error"), field(&line, "black_scholes"));
	assert!((price - exact).abs() < 4.0 * error, "{line}");
	assert!((exact - 8.021).abs() < 0.001, "the closed form: {line}");
	let baseline = Runner::with_config(&Runner::baseline_config(), None).unwrap().run(&module, input, &limits()).unwrap();
	assert_eq!(baseline, run, "the same run on the baseline ISA");
	// The same code natively gives the same digits.
	let (contract, paths, seed) = option_pricer::parse(std::str::from_utf8(input).unwrap()).unwrap();
	let native = option_pricer::price(&contract, paths, seed);
	assert!(line.starts_with(&format!("price={:.6} standard_error={:.6}", native.price, native.standard_error)), "{line}");
	// A bad input aborts with its reason.
	let bad = Runner::new(None).unwrap().run(&module, b"spot=-1", &limits()).unwrap();
	assert_eq!(bad.outcome, Outcome::Trapped(compnet_wasm::TrapCode::Aborted));
	assert!(String::from_utf8_lossy(&bad.output).contains("must be positive"));
}

#[test]
fn the_path_tracer_renders_the_same_png_as_natively_and_on_the_baseline_isa() {
	let module = program("path_tracer");
	let input = b"width=64 height=36 samples=4 depth=6 seed=5";
	let run = Runner::new(None).unwrap().run(&module, input, &limits()).unwrap();
	assert_eq!(run.outcome, Outcome::Finished, "{}", String::from_utf8_lossy(&run.output));
	assert!(run.output.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG file");
	assert_eq!(&run.output[16..24], &[0, 0, 0, 64, 0, 0, 0, 36], "64 × 36 pixels in the header");
	// The same code natively makes the same bytes.
	let settings = path_tracer::parse(std::str::from_utf8(input).unwrap()).unwrap();
	let native = path_tracer::png(settings.width, settings.height, &path_tracer::render(&settings));
	assert_eq!(native, run.output, "the wasm build renders the native build's image bit for bit");
	let baseline = Runner::with_config(&Runner::baseline_config(), None).unwrap().run(&module, input, &limits()).unwrap();
	assert_eq!(baseline, run, "the same run on the baseline ISA");
	// The picture is not flat: the sky, the ground and the spheres differ.
	let pixels = path_tracer::render(&settings);
	let distinct: std::collections::BTreeSet<&[u8]> = pixels.chunks(3).collect();
	assert!(distinct.len() > 200, "{} distinct colours", distinct.len());
	let bad = Runner::new(None).unwrap().run(&module, b"width=0", &limits()).unwrap();
	assert_eq!(bad.outcome, Outcome::Trapped(compnet_wasm::TrapCode::Aborted));
	assert!(String::from_utf8_lossy(&bad.output).contains("width and height"));
}

#[test]
fn the_image_filter_filters_the_path_tracers_picture_as_natively_and_on_the_baseline_isa() {
	let module = program("image_filter");
	let settings = path_tracer::parse("width=64 height=36 samples=4 depth=6 seed=5").unwrap();
	let scene = path_tracer::png(settings.width, settings.height, &path_tracer::render(&settings));
	let input = [&b"blur=1.5 sharpen=2 edges\n"[..], &scene].concat();
	let run = Runner::new(None).unwrap().run(&module, &input, &limits()).unwrap();
	assert_eq!(run.outcome, Outcome::Finished, "{}", String::from_utf8_lossy(&run.output));
	// The same code natively makes the same bytes.
	let filters = image_filter::parse("blur=1.5 sharpen=2 edges").unwrap();
	let native = compnet_png::encode(&image_filter::apply(compnet_png::decode(&scene, image_filter::MAX_PIXELS).unwrap(), &filters));
	assert_eq!(native, run.output, "the wasm build filters the picture bit for bit as the native build does");
	let baseline = Runner::with_config(&Runner::baseline_config(), None).unwrap().run(&module, &input, &limits()).unwrap();
	assert_eq!(baseline, run, "the same run on the baseline ISA");
	// A grey picture of the scene's edges: the horizon and the spheres' outlines, not a flat one.
	let edges = compnet_png::decode(&run.output, 1 << 20).unwrap();
	assert_eq!((edges.width, edges.height, edges.channels), (64, 36, 1));
	assert!(edges.pixels.iter().filter(|&&p| p > 64).count() > 50, "edges found");
	assert!(edges.pixels.iter().filter(|&&p| p < 16).count() > 500, "flat regions stay dark");
	// Hostile files abort with their reason.
	for (file, reason) in [
		(&scene[..scene.len() - 12], "IEND"),
		(&b"not a png"[..], "signature"),
	] {
		let input = [&b"grey\n"[..], file].concat();
		let bad = Runner::new(None).unwrap().run(&module, &input, &limits()).unwrap();
		assert_eq!(bad.outcome, Outcome::Trapped(compnet_wasm::TrapCode::Aborted));
		assert!(String::from_utf8_lossy(&bad.output).contains(reason), "{reason}: {}", String::from_utf8_lossy(&bad.output));
	}
	// A header claiming 40,000 × 40,000 pixels is refused before anything is inflated.
	let mut giant = compnet_png::Image::new(1, 1, 1);
	giant.width = 40_000;
	giant.height = 40_000;
	giant.pixels.clear();
	let input = [&b"grey\n"[..], &compnet_png::encode(&giant)].concat();
	let bad = Runner::new(None).unwrap().run(&module, &input, &limits()).unwrap();
	assert_eq!(bad.outcome, Outcome::Trapped(compnet_wasm::TrapCode::Aborted));
	assert!(String::from_utf8_lossy(&bad.output).contains("beyond"), "{}", String::from_utf8_lossy(&bad.output));
}

/// Printed figures: native against wasm under fuel metering, compile and cached-load times, fuel
/// per second.
#[test]
fn speed_of_the_example_programs_against_native() {
	let module = program("option_pricer");
	let input = b"paths=2000000 seed=3";
	let cache = tempfile::tempdir().unwrap();
	let start = Instant::now();
	let runner = Runner::new(Some(cache.path().into())).unwrap();
	let prepared = compnet_wasm::program::prepare(&module, &limits()).unwrap();
	runner.compile(&prepared).unwrap().unwrap();
	let compile = start.elapsed();
	let start = Instant::now();
	let reloaded = Runner::new(Some(cache.path().into())).unwrap();
	reloaded.compile(&prepared).unwrap().unwrap();
	let cached_load = start.elapsed();
	let start = Instant::now();
	let run = reloaded.run(&module, input, &limits()).unwrap();
	let wasm = start.elapsed();
	assert_eq!(run.outcome, Outcome::Finished);
	let (contract, paths, seed) = option_pricer::parse(std::str::from_utf8(input).unwrap()).unwrap();
	let start = Instant::now();
	let native = option_pricer::price(&contract, paths, seed);
	let native_time = start.elapsed();
	assert!(String::from_utf8_lossy(&run.output).starts_with(&format!("price={:.6}", native.price)));
	let fuel_per_second = run.fuel_used as f64 / wasm.as_secs_f64();
	// A `Cpu`-class device is rated at 2,000 units a 3-second block (`compnet_primitives::FUEL_PER_UNIT`).
	let cpu_units_per_second = 2_000.0 / 3.0;
	println!(
		"option pricer, {paths} paths: native {native_time:?}, wasm {wasm:?} ({:.2} of native speed), fuel {} ({:.0} M fuel/s, \
		 {:.1} M fuel per Cpu-class unit against FUEL_PER_UNIT = {:.1} M); compile {compile:?}, cached load {cached_load:?} ({} KiB module)",
		native_time.as_secs_f64() / wasm.as_secs_f64(),
		run.fuel_used,
		fuel_per_second / 1e6,
		fuel_per_second / cpu_units_per_second / 1e6,
		compnet_wasm::billing::FUEL_PER_UNIT as f64 / 1e6,
		module.len() >> 10,
	);
	let input = b"width=160 height=90 samples=16 depth=8 seed=3";
	let module = program("path_tracer");
	reloaded.compile(&compnet_wasm::program::prepare(&module, &limits()).unwrap()).unwrap().unwrap();
	let start = Instant::now();
	let run = reloaded.run(&module, input, &limits()).unwrap();
	let wasm = start.elapsed();
	assert_eq!(run.outcome, Outcome::Finished);
	let settings = path_tracer::parse(std::str::from_utf8(input).unwrap()).unwrap();
	let start = Instant::now();
	let native = path_tracer::png(settings.width, settings.height, &path_tracer::render(&settings));
	let native_time = start.elapsed();
	assert_eq!(native, run.output);
	println!(
		"path tracer, 160×90 × 16 samples: native {native_time:?}, wasm {wasm:?} ({:.2} of native speed), fuel {} ({:.0} M fuel/s)",
		native_time.as_secs_f64() / wasm.as_secs_f64(),
		run.fuel_used,
		run.fuel_used as f64 / wasm.as_secs_f64() / 1e6,
	);
	let settings = path_tracer::parse("width=640 height=360 samples=1 depth=2 seed=3").unwrap();
	let scene = path_tracer::png(settings.width, settings.height, &path_tracer::render(&settings));
	let line = "blur=3 sharpen=1 edges";
	let input = [line.as_bytes(), b"\n", &scene].concat();
	let module = program("image_filter");
	reloaded.compile(&compnet_wasm::program::prepare(&module, &limits()).unwrap()).unwrap().unwrap();
	let start = Instant::now();
	let run = reloaded.run(&module, &input, &limits()).unwrap();
	let wasm = start.elapsed();
	assert_eq!(run.outcome, Outcome::Finished);
	let start = Instant::now();
	let image = compnet_png::decode(&scene, image_filter::MAX_PIXELS).unwrap();
	let native = compnet_png::encode(&image_filter::apply(image, &image_filter::parse(line).unwrap()));
	let native_time = start.elapsed();
	assert_eq!(native, run.output);
	println!(
		"image filter, 640×360 `{line}`: native {native_time:?}, wasm {wasm:?} ({:.2} of native speed), fuel {} ({:.0} M fuel/s)",
		native_time.as_secs_f64() / wasm.as_secs_f64(),
		run.fuel_used,
		run.fuel_used as f64 / wasm.as_secs_f64() / 1e6,
	);
}

/// A bare host for [`bare_run`]: the input and the output, nothing checked.
struct Bare {
	input: Vec<u8>,
	output: Vec<u8>,
}

/// The best of three runs of `bytes` as it is, with plain wasmtime under the runner's
/// configuration, fuel metering on or off: what the engine alone costs, without the runner.
fn bare_run(bytes: &[u8], fuel: bool, input: &[u8]) -> std::time::Duration {
	use wasmtime::{Caller, Engine, Linker, Module, Store};
	let mut config = Runner::config();
	config.consume_fuel(fuel);
	let engine = Engine::new(&config).unwrap();
	let module = Module::new(&engine, bytes).unwrap();
	let memory = |c: &mut Caller<'_, Bare>| c.get_export("memory").unwrap().into_memory().unwrap();
	let mut linker: Linker<Bare> = Linker::new(&engine);
	linker.func_wrap("compnet", "input_len", |c: Caller<'_, Bare>| c.data().input.len() as i32).unwrap();
	linker
		.func_wrap("compnet", "input_read", move |mut c: Caller<'_, Bare>, offset: i32, ptr: i32, len: i32| {
			let data = c.data().input[offset as usize..(offset + len) as usize].to_vec();
			memory(&mut c).write(&mut c, ptr as usize, &data).unwrap();
			len
		})
		.unwrap();
	linker
		.func_wrap("compnet", "output_write", move |mut c: Caller<'_, Bare>, ptr: i32, len: i32| {
			let mut bytes = vec![0; len as usize];
			memory(&mut c).read(&c, ptr as usize, &mut bytes).unwrap();
			c.data_mut().output.extend_from_slice(&bytes);
		})
		.unwrap();
	linker.func_wrap("compnet", "abort", |_: Caller<'_, Bare>, _: i32, _: i32| -> () { panic!("aborted") }).unwrap();
	(0..3)
		.map(|_| {
			let mut store = Store::new(&engine, Bare { input: input.to_vec(), output: Vec::new() });
			if fuel {
				store.set_fuel(u64::MAX / 2).unwrap();
			}
			let run = linker.instantiate(&mut store, &module).unwrap().get_typed_func::<(), ()>(&mut store, "run").unwrap();
			let start = Instant::now();
			run.call(&mut store, ()).unwrap();
			start.elapsed()
		})
		.min()
		.unwrap()
}

/// Printed figures: where a job's time goes, each program's module run bare (plain wasmtime, no
/// fuel), with fuel, and prepared as a job (canonical NaNs and the stack limiter) with fuel.
#[test]
fn speed_where_the_time_goes() {
	let settings = path_tracer::parse("width=640 height=360 samples=1 depth=2 seed=3").unwrap();
	let scene = path_tracer::png(settings.width, settings.height, &path_tracer::render(&settings));
	let filter_input = [&b"blur=3 sharpen=1 edges\n"[..], &scene].concat();
	let cases: [(&str, &[u8]); 3] = [
		("option_pricer", b"paths=2000000 seed=3"),
		("path_tracer", b"width=160 height=90 samples=16 depth=8 seed=3"),
		("image_filter", &filter_input),
	];
	for (name, input) in cases {
		let module = program(name);
		let prepared = compnet_wasm::program::prepare(&module, &limits()).unwrap().bytes;
		let (bare, fuel, job) = (bare_run(&module, false, input), bare_run(&module, true, input), bare_run(&prepared, true, input));
		println!(
			"{name}: bare wasmtime {bare:?}, with fuel {fuel:?}, as a job {job:?}: the job's rules cost {:+.0}% over bare wasmtime",
			(job.as_secs_f64() / bare.as_secs_f64() - 1.0) * 100.0
		);
	}
}
