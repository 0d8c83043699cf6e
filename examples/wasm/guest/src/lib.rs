//! Write a CompNet program: the host API (`docs/wasm.md`) in safe functions, a global allocator
//! and a panic handler that ends the run `Trapped(Aborted)` with the panic's message as output.
//!
//! ```ignore
//! #![no_std]
//! compnet_guest::entry!(main);
//! fn main() {
//!     let input = compnet_guest::input();
//!     compnet_guest::write(&input);
//! }
//! ```
//!
//! Build for `wasm32v1-none` with `panic = "abort"` (see `examples/wasm/Cargo.toml`). Off that
//! target (tests, native benchmarks) the same calls read and write process-local buffers, so a
//! program's logic runs natively too.
#![no_std]

extern crate alloc;

pub use alloc::{format, string::String, vec, vec::Vec};

#[cfg(target_arch = "wasm32")]
mod imports {
	#[link(wasm_import_module = "compnet")]
	extern "C" {
		pub fn input_len() -> i32;
		pub fn input_read(offset: i32, ptr: i32, len: i32) -> i32;
		pub fn output_write(ptr: i32, len: i32);
		pub fn abort(ptr: i32, len: i32);
	}
}

/// The whole input.
#[cfg(target_arch = "wasm32")]
pub fn input() -> Vec<u8> {
	// SAFETY: the host writes at most `len` bytes into the buffer it is given.
	unsafe {
		let len = imports::input_len() as u32 as usize;
		let mut buffer = Vec::with_capacity(len);
		let read = imports::input_read(0, buffer.as_mut_ptr() as i32, len as i32) as u32 as usize;
		buffer.set_len(read.min(len));
		buffer
	}
}

/// Appends `bytes` to the output.
#[cfg(target_arch = "wasm32")]
pub fn write(bytes: &[u8]) {
	// SAFETY: the host only reads the slice.
	unsafe { imports::output_write(bytes.as_ptr() as i32, bytes.len() as i32) }
}

/// Ends the run with `message` as the output (outcome `Trapped(Aborted)`).
#[cfg(target_arch = "wasm32")]
pub fn fail(message: &str) -> ! {
	// SAFETY: the host only reads the slice, and never returns.
	unsafe { imports::abort(message.as_ptr() as i32, message.len() as i32) };
	core::arch::wasm32::unreachable()
}

/// Declares the program's entry: `compnet_guest::entry!(main)` exports `run`, which calls `main`.
#[macro_export]
macro_rules! entry {
	($main:path) => {
		#[cfg(target_arch = "wasm32")]
		#[no_mangle]
		pub extern "C" fn run() {
			$main()
		}
	};
}

#[cfg(target_arch = "wasm32")]
mod runtime {
	use core::alloc::{GlobalAlloc, Layout};

	/// A bump allocator over the module's memory: allocations are never freed, memory grows a
	/// page at a time as needed. Deterministic, and right for programs that run once.
	struct Bump;

	static mut NEXT: usize = 0;
	static mut END: usize = 0;

	extern "C" {
		static __heap_base: u8;
	}

	unsafe impl GlobalAlloc for Bump {
		unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
			const PAGE: usize = 65_536;
			if END == 0 {
				NEXT = core::ptr::addr_of!(__heap_base) as usize;
				END = core::arch::wasm32::memory_size(0) * PAGE;
			}
			let start = (NEXT + layout.align() - 1) & !(layout.align() - 1);
			let Some(end) = start.checked_add(layout.size()) else { return core::ptr::null_mut() };
			if end > END {
				let pages = (end - END).div_ceil(PAGE);
				if core::arch::wasm32::memory_grow(0, pages) == usize::MAX {
					return core::ptr::null_mut();
				}
				END += pages * PAGE;
			}
			NEXT = end;
			start as *mut u8
		}

		unsafe fn dealloc(&self, _ptr: *mut u8, _layout: Layout) {}
	}

	#[global_allocator]
	static ALLOCATOR: Bump = Bump;

	#[panic_handler]
	fn panic(info: &core::panic::PanicInfo) -> ! {
		let message = alloc::format!("{info}");
		super::fail(&message)
	}
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
	//! Off wasm32: the input and output are buffers the caller sets and reads ([`super::set_input`],
	//! [`super::take_output`]), one pair per process.
	extern crate std;
	use super::Vec;
	use std::sync::Mutex;

	pub static INPUT: Mutex<Vec<u8>> = Mutex::new(Vec::new());
	pub static OUTPUT: Mutex<Vec<u8>> = Mutex::new(Vec::new());
}

/// The whole input (off wasm32: what [`set_input`] set).
#[cfg(not(target_arch = "wasm32"))]
pub fn input() -> Vec<u8> {
	native::INPUT.lock().unwrap_or_else(|p| p.into_inner()).clone()
}

/// Appends `bytes` to the output (off wasm32: to the buffer [`take_output`] returns).
#[cfg(not(target_arch = "wasm32"))]
pub fn write(bytes: &[u8]) {
	native::OUTPUT.lock().unwrap_or_else(|p| p.into_inner()).extend_from_slice(bytes);
}

/// Ends the run with `message` (off wasm32: panics with it).
#[cfg(not(target_arch = "wasm32"))]
pub fn fail(message: &str) -> ! {
	panic!("{message}")
}

/// Off wasm32: sets what [`input`] returns.
#[cfg(not(target_arch = "wasm32"))]
pub fn set_input(bytes: &[u8]) {
	*native::INPUT.lock().unwrap_or_else(|p| p.into_inner()) = bytes.to_vec();
}

/// Off wasm32: takes what was written.
#[cfg(not(target_arch = "wasm32"))]
pub fn take_output() -> Vec<u8> {
	core::mem::take(&mut *native::OUTPUT.lock().unwrap_or_else(|p| p.into_inner()))
}
