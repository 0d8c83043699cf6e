//! The CPU kernels: the reference every device must match bit for bit.
//!
//! Both products compute `C[i][j]` as one running sum over `p = 0, 1, …, k-1` in ascending order,
//! starting from zero, with a separate multiply and add (Rust never fuses them). Rows of `C` are
//! split between threads and column/depth tiles keep `B` in cache, but no tiling ever changes the
//! order in which one output's terms are added: that order is the workload's definition.
//!
//! Integer sums are exact in any order; the float product is where the order matters. Where the CPU
//! has AVX2 the same code is compiled a second time with it enabled: wider lanes, the same
//! per-element operations, the same bits.

use std::thread;

/// Columns of `B`/`C` per tile.
const TILE_N: usize = 256;
/// Depth (`k`) per tile.
const TILE_K: usize = 256;
/// Rows of `A`/`C` handled together, so that each loaded row of `B` is used six times.
const ROWS: usize = 6;

/// An element type the products run over, with its accumulator.
pub trait Element: Copy + Send + Sync {
	/// The accumulator type (`i32` for `i8`, `f32` for `f32`).
	type Acc: Copy + Send + Sync + Default;
	/// `acc + a × b`, as two separately rounded operations.
	fn mac(acc: Self::Acc, a: Self, b: Self) -> Self::Acc;
}

impl Element for i8 {
	type Acc = i32;
	#[inline(always)]
	fn mac(acc: i32, a: i8, b: i8) -> i32 {
		// |a × b| ≤ 2^14 and k ≤ 2^16, so no sum leaves i32: wrapping is never taken.
		acc.wrapping_add(a as i32 * b as i32)
	}
}

impl Element for f32 {
	type Acc = f32;
	#[inline(always)]
	fn mac(acc: f32, a: f32, b: f32) -> f32 {
		acc + a * b
	}
}

/// `C[m×n] = A[m×k] · B[k×n]`, all row-major, on up to `threads` threads.
///
/// Panics if a slice's length does not match its shape: callers check shapes first.
pub fn gemm<E: Element>(m: usize, n: usize, k: usize, a: &[E], b: &[E], c: &mut [E::Acc], threads: usize) {
	assert_eq!(a.len(), m * k, "A is m×k");
	assert_eq!(b.len(), k * n, "B is k×n");
	assert_eq!(c.len(), m * n, "C is m×n");
	if m == 0 || n == 0 {
		return;
	}
	c.fill(E::Acc::default());
	let threads = threads.clamp(1, m.div_ceil(ROWS));
	let rows_per_thread = m.div_ceil(threads).next_multiple_of(ROWS);
	thread::scope(|scope| {
		for (chunk, c_rows) in c.chunks_mut(rows_per_thread * n).enumerate() {
			let first = chunk * rows_per_thread;
			let rows = c_rows.len() / n;
			let a_rows = &a[first * k..(first + rows) * k];
			scope.spawn(move || gemm_rows(rows, n, k, a_rows, b, c_rows));
		}
	});
}

/// One thread's share: `rows` consecutive rows of `C`.
fn gemm_rows<E: Element>(rows: usize, n: usize, k: usize, a: &[E], b: &[E], c: &mut [E::Acc]) {
	#[cfg(target_arch = "x86_64")]
	if std::arch::is_x86_feature_detected!("avx2") {
		// SAFETY: the CPU has AVX2, checked just above.
		unsafe { gemm_rows_avx2(rows, n, k, a, b, c) };
		return;
	}
	gemm_rows_portable(rows, n, k, a, b, c)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn gemm_rows_avx2<E: Element>(rows: usize, n: usize, k: usize, a: &[E], b: &[E], c: &mut [E::Acc]) {
	gemm_rows_portable(rows, n, k, a, b, c)
}

#[inline(always)]
fn gemm_rows_portable<E: Element>(rows: usize, n: usize, k: usize, a: &[E], b: &[E], c: &mut [E::Acc]) {
	for j0 in (0..n).step_by(TILE_N) {
		let j1 = (j0 + TILE_N).min(n);
		// Depth tiles in ascending order: every output still sums p = 0, 1, …, k-1 in turn.
		for p0 in (0..k).step_by(TILE_K) {
			let p1 = (p0 + TILE_K).min(k);
			let mut i = 0;
			while i + ROWS <= rows {
				let mut j = j0;
				while j + LANES <= j1 {
					micro_tile::<E, ROWS>(i, j, n, k, p0, p1, a, b, c);
					j += LANES;
				}
				for r in i..i + ROWS {
					row_tail(r, j, j1, n, k, p0, p1, a, b, c);
				}
				i += ROWS;
			}
			for r in i..rows {
				let mut j = j0;
				while j + LANES <= j1 {
					micro_tile::<E, 1>(r, j, n, k, p0, p1, a, b, c);
					j += LANES;
				}
				row_tail(r, j, j1, n, k, p0, p1, a, b, c);
			}
		}
	}
}

/// Columns of `C` one micro-tile keeps in registers.
const LANES: usize = 16;

/// Adds the terms `p0..p1` to the `R × LANES` block of `C` at row `i`, column `j`, holding the
/// block in registers for the whole depth tile.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn micro_tile<E: Element, const R: usize>(
	i: usize, j: usize, n: usize, k: usize, p0: usize, p1: usize, a: &[E], b: &[E], c: &mut [E::Acc],
) {
	let mut acc = [[E::Acc::default(); LANES]; R];
	for (r, row) in acc.iter_mut().enumerate() {
		row.copy_from_slice(&c[(i + r) * n + j..(i + r) * n + j + LANES]);
	}
	for p in p0..p1 {
		let b_lanes: &[E; LANES] = b[p * n + j..p * n + j + LANES].try_into().expect("LANES elements");
		for (r, row) in acc.iter_mut().enumerate() {
			let av = a[(i + r) * k + p];
			for x in 0..LANES {
				row[x] = E::mac(row[x], av, b_lanes[x]);
			}
		}
	}
	for (r, row) in acc.iter().enumerate() {
		c[(i + r) * n + j..(i + r) * n + j + LANES].copy_from_slice(row);
	}
}

/// The columns `j..j1` of row `r` that do not fill a micro-tile.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn row_tail<E: Element>(
	r: usize, j: usize, j1: usize, n: usize, k: usize, p0: usize, p1: usize, a: &[E], b: &[E], c: &mut [E::Acc],
) {
	if j >= j1 {
		return;
	}
	let c_row = &mut c[r * n + j..r * n + j1];
	for p in p0..p1 {
		let av = a[r * k + p];
		for (cv, &bv) in c_row.iter_mut().zip(&b[p * n + j..p * n + j1]) {
			*cv = E::mac(*cv, av, bv);
		}
	}
}

/// The definition itself, one output at a time: what [`gemm`] must equal bit for bit.
pub fn gemm_naive<E: Element>(m: usize, n: usize, k: usize, a: &[E], b: &[E]) -> Vec<E::Acc> {
	let mut c = vec![E::Acc::default(); m * n];
	for i in 0..m {
		for j in 0..n {
			let mut acc = E::Acc::default();
			for p in 0..k {
				acc = E::mac(acc, a[i * k + p], b[p * n + j]);
			}
			c[i * n + j] = acc;
		}
	}
	c
}

/// `Aᵀ` of a row-major `rows × cols` matrix.
pub fn transpose<T: Copy + Default>(rows: usize, cols: usize, a: &[T]) -> Vec<T> {
	let mut t = vec![T::default(); a.len()];
	for r in 0..rows {
		for c in 0..cols {
			t[c * rows + r] = a[r * cols + c];
		}
	}
	t
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::rng::SplitMix;

	fn random_f32(len: usize, rng: &mut SplitMix) -> Vec<f32> {
		(0..len).map(|_| rng.f32_signed()).collect()
	}

	#[test]
	fn tiled_threaded_f32_equals_the_definition_bit_for_bit() {
		let mut rng = SplitMix(7);
		// Shapes that cross tile edges, leave row remainders and use one or many threads.
		for &(m, n, k) in &[(1, 1, 1), (3, 5, 7), (9, 300, 513), (17, 257, 260), (64, 64, 600)] {
			let a = random_f32(m * k, &mut rng);
			let b = random_f32(k * n, &mut rng);
			for threads in [1, 3] {
				let mut c = vec![0.0; m * n];
				gemm(m, n, k, &a, &b, &mut c, threads);
				let want = gemm_naive(m, n, k, &a, &b);
				let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
				assert_eq!(bits(&c), bits(&want), "{m}×{n}×{k} on {threads} threads");
			}
		}
	}

	#[test]
	fn int8_product_is_exact_at_the_extremes() {
		let (m, n, k) = (5, 6, 70_000usize.min(4096));
		let a = vec![-128i8; m * k];
		let b = vec![-128i8; k * n];
		let mut c = vec![0i32; m * n];
		gemm(m, n, k, &a, &b, &mut c, 2);
		assert!(c.iter().all(|&v| v == 16_384 * k as i32));
		let mut rng = SplitMix(3);
		let a: Vec<i8> = (0..7 * 33).map(|_| rng.next() as i8).collect();
		let b: Vec<i8> = (0..33 * 300).map(|_| rng.next() as i8).collect();
		let mut c = vec![0i32; 7 * 300];
		gemm(7, 300, 33, &a, &b, &mut c, 4);
		assert_eq!(c, gemm_naive(7, 300, 33, &a, &b));
	}

	#[test]
	fn the_order_is_part_of_the_definition() {
		// 1e8 + 1 - 1e8 in f32 depends on the order: a kernel that reordered would differ here.
		let a = [1e8f32, 1.0, -1e8];
		let b = [1.0f32, 1.0, 1.0];
		let mut c = [0.0f32];
		gemm(1, 1, 3, &a, &b, &mut c, 1);
		assert_eq!(c[0], (1e8f32 + 1.0) - 1e8);
		assert_ne!(c[0], (1e8f32 - 1e8) + 1.0, "a different order gives a different answer");
	}
}
