//! A CompNet program: runs the consumer's PNG through a pipeline of image filters and writes the
//! result as a PNG.
//!
//! Input: one line naming the filters, applied in order, then a newline, then the PNG file:
//! `printf 'blur=2 sharpen=1.5\n' | cat - photo.png > job-input`. The filters:
//! - `grey`: luma (ITU-R BT.601 weights), alpha kept;
//! - `blur=σ`: a Gaussian blur of standard deviation σ pixels (0.3 to 32), edges clamped;
//! - `sharpen=a`: an unsharp mask, `p + a·(p − blur₁(p))` (a from 0 to 16);
//! - `edges`: the Sobel gradient's magnitude of the luma, a grey image.
//!
//! Output: a PNG of the same size (grey after `grey` or `edges`). 8-bit PNGs of every colour
//! type are read (`compnet-png`), up to [`MAX_PIXELS`] pixels.
//!
//! Every filter works in integers: the Gaussian kernel is computed once in `f64` (`libm`'s
//! `exp`, the same bits everywhere) and rounded to 16-bit weights that sum to exactly 65 536, so the
//! same input gives the same image to the last bit on every machine, natively or as a job.
#![no_std]

use compnet_guest::{format, vec, String, Vec};
use compnet_png::Image;

/// The largest image accepted, in pixels (16 Mpx, 64 MiB as RGBA).
pub const MAX_PIXELS: u64 = 16 << 20;
/// The largest pipeline accepted.
pub const MAX_FILTERS: usize = 16;

/// One stage of the pipeline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Filter {
	/// Luma, alpha kept.
	Grey,
	/// A Gaussian blur of this standard deviation, in pixels.
	Blur(f64),
	/// An unsharp mask of this amount.
	Sharpen(f64),
	/// The Sobel gradient's magnitude of the luma.
	Edges,
}

/// Weights of the kernel's taps, fixed point: they sum to `1 << WEIGHT_BITS`.
const WEIGHT_BITS: u32 = 16;
/// Bits dropped after the horizontal pass: its sums fit 16 bits after the shift, and the
/// vertical pass's (at most `255 << 24`) fit 32.
const MIDDLE_SHIFT: u32 = 8;

/// Parses the filter line.
pub fn parse(line: &str) -> Result<Vec<Filter>, String> {
	let mut filters = Vec::new();
	for word in line.split_whitespace() {
		let (name, value) = match word.split_once('=') {
			Some((name, value)) => {
				let number: f64 = value.parse().map_err(|_| format!("{name}: `{value}` is not a number"))?;
				(name, Some(number))
			},
			None => (word, None),
		};
		filters.push(match (name, value) {
			("grey", None) => Filter::Grey,
			("edges", None) => Filter::Edges,
			("blur", Some(sigma)) if (0.3..=32.0).contains(&sigma) => Filter::Blur(sigma),
			("sharpen", Some(amount)) if (0.0..=16.0).contains(&amount) => Filter::Sharpen(amount),
			("blur", _) => return Err("blur=σ takes σ from 0.3 to 32 pixels".into()),
			("sharpen", _) => return Err("sharpen=a takes a from 0 to 16".into()),
			_ => return Err(format!("unknown filter `{word}` (grey, blur=σ, sharpen=a, edges)")),
		});
	}
	if filters.is_empty() || filters.len() > MAX_FILTERS {
		return Err(format!("name 1 to {MAX_FILTERS} filters on the first line"));
	}
	Ok(filters)
}

/// Splits the input into its filter line and its PNG file.
pub fn split_input(input: &[u8]) -> Result<(&str, &[u8]), String> {
	let newline = input.iter().position(|&b| b == b'\n').ok_or("the input starts with a line of filters")?;
	let line = core::str::from_utf8(&input[..newline]).map_err(|_| String::from("the filter line is not UTF-8"))?;
	Ok((line, &input[newline + 1..]))
}

/// The pipeline applied to `image`.
pub fn apply(mut image: Image, filters: &[Filter]) -> Image {
	for filter in filters {
		image = match *filter {
			Filter::Grey => grey(&image),
			Filter::Blur(sigma) => blur(&image, &kernel(sigma)),
			Filter::Sharpen(amount) => sharpen(&image, amount),
			Filter::Edges => edges(&image),
		};
	}
	image
}

/// The Gaussian's weights from the centre out (`weights[0]` is the centre), over a radius of
/// ⌈3σ⌉, in fixed point summing to `1 << WEIGHT_BITS` over both sides.
fn kernel(sigma: f64) -> Vec<u32> {
	let radius = libm::ceil(3.0 * sigma).max(1.0) as usize;
	let exact: Vec<f64> = (0..=radius).map(|i| libm::exp(-((i * i) as f64) / (2.0 * sigma * sigma))).collect();
	let total = exact[0] + 2.0 * exact[1..].iter().sum::<f64>();
	let mut weights: Vec<u32> =
		exact.iter().map(|w| libm::round(w / total * (1u32 << WEIGHT_BITS) as f64) as u32).collect();
	let sides: u32 = weights[1..].iter().sum();
	weights[0] = (1 << WEIGHT_BITS) - 2 * sides;
	weights
}

/// A separable convolution with the symmetric `weights`, each channel alike, edges clamped.
fn blur(image: &Image, weights: &[u32]) -> Image {
	let (width, height, channels) = (image.width as usize, image.height as usize, image.channels as usize);
	let stride = image.stride();
	let radius = weights.len() - 1;
	// Horizontal: each row padded by its edge pixels, then one pass per tap.
	let mut middle = vec![0u16; stride * height];
	let mut padded = vec![0u32; (width + 2 * radius) * channels];
	let mut sums = vec![0u32; stride];
	for (row, out) in image.pixels.chunks_exact(stride).zip(middle.chunks_exact_mut(stride)) {
		for x in 0..width + 2 * radius {
			let source = x.saturating_sub(radius).min(width - 1);
			for c in 0..channels {
				padded[x * channels + c] = row[source * channels + c] as u32;
			}
		}
		let centre = &padded[radius * channels..radius * channels + stride];
		for (sum, &p) in sums.iter_mut().zip(centre) {
			*sum = weights[0] * p;
		}
		for (k, &weight) in weights.iter().enumerate().skip(1) {
			let left = &padded[(radius - k) * channels..(radius - k) * channels + stride];
			let right = &padded[(radius + k) * channels..(radius + k) * channels + stride];
			for ((sum, &l), &r) in sums.iter_mut().zip(left).zip(right) {
				*sum += weight * (l + r);
			}
		}
		for (m, &sum) in out.iter_mut().zip(&sums) {
			*m = ((sum + (1 << (MIDDLE_SHIFT - 1))) >> MIDDLE_SHIFT) as u16;
		}
	}
	// Vertical: whole rows at a time, the clamped row for each tap.
	let mut result = Image::new(image.width, image.height, image.channels);
	let shift = 2 * WEIGHT_BITS - MIDDLE_SHIFT;
	let row = |y: usize| &middle[y * stride..(y + 1) * stride];
	for (y, out) in result.pixels.chunks_exact_mut(stride).enumerate() {
		for (sum, &m) in sums.iter_mut().zip(row(y)) {
			*sum = weights[0] * m as u32;
		}
		for (k, &weight) in weights.iter().enumerate().skip(1) {
			let (up, down) = (row(y.saturating_sub(k)), row((y + k).min(height - 1)));
			for ((sum, &u), &d) in sums.iter_mut().zip(up).zip(down) {
				*sum += weight * (u as u32 + d as u32);
			}
		}
		for (p, &sum) in out.iter_mut().zip(&sums) {
			*p = ((sum + (1 << (shift - 1))) >> shift).min(255) as u8;
		}
	}
	result
}

/// `p + amount·(p − blur₁(p))`, clamped; the amount in 1/256ths.
fn sharpen(image: &Image, amount: f64) -> Image {
	let blurred = blur(image, &kernel(1.0));
	let amount = libm::round(amount * 256.0) as i32;
	let mut result = blurred;
	for (out, &p) in result.pixels.iter_mut().zip(&image.pixels) {
		let detail = p as i32 - *out as i32;
		*out = (p as i32 + ((amount * detail) >> 8)).clamp(0, 255) as u8;
	}
	result
}

/// The luma of each pixel, BT.601 weights in 1/256ths; a grey image stays as it is.
fn luma_of(image: &Image) -> Vec<u8> {
	match image.channels {
		1 | 2 => image.pixels.iter().step_by(image.channels as usize).copied().collect(),
		channels => image
			.pixels
			.chunks_exact(channels as usize)
			.map(|p| ((77 * p[0] as u32 + 150 * p[1] as u32 + 29 * p[2] as u32 + 128) >> 8) as u8)
			.collect(),
	}
}

fn grey(image: &Image) -> Image {
	let luma = luma_of(image);
	if image.channels % 2 == 0 {
		// Alpha kept: grey and alpha.
		let alpha = image.pixels.iter().skip(image.channels as usize - 1).step_by(image.channels as usize);
		let pixels = luma.iter().zip(alpha).flat_map(|(&l, &a)| [l, a]).collect();
		Image { width: image.width, height: image.height, channels: 2, pixels }
	} else {
		Image { width: image.width, height: image.height, channels: 1, pixels: luma }
	}
}

/// `|∇|` of the luma by the Sobel operator, edges clamped, at most 255.
fn edges(image: &Image) -> Image {
	let luma = luma_of(image);
	let (width, height) = (image.width as usize, image.height as usize);
	let at = |x: usize, y: usize| luma[y * width + x] as i32;
	let mut result = Image::new(image.width, image.height, 1);
	for y in 0..height {
		let (up, down) = (y.saturating_sub(1), (y + 1).min(height - 1));
		for x in 0..width {
			let (left, right) = (x.saturating_sub(1), (x + 1).min(width - 1));
			let gx = at(right, up) + 2 * at(right, y) + at(right, down) - at(left, up) - 2 * at(left, y) - at(left, down);
			let gy = at(left, down) + 2 * at(x, down) + at(right, down) - at(left, up) - 2 * at(x, up) - at(right, up);
			result.pixels[y * width + x] = ((gx * gx + gy * gy) as u32).isqrt().min(255) as u8;
		}
	}
	result
}

/// The program: read the filters and the PNG, filter, write the PNG.
pub fn main() {
	let input = compnet_guest::input();
	let (line, file) = split_input(&input).unwrap_or_else(|e| compnet_guest::fail(&e));
	let filters = parse(line).unwrap_or_else(|e| compnet_guest::fail(&e));
	let image = compnet_png::decode(file, MAX_PIXELS).unwrap_or_else(|e| compnet_guest::fail(&e));
	compnet_guest::write(&compnet_png::encode(&apply(image, &filters)));
}

compnet_guest::entry!(main);

#[cfg(test)]
mod tests {
	use super::*;

	fn flat(value: u8, channels: u8) -> Image {
		let mut image = Image::new(20, 11, channels);
		image.pixels.fill(value);
		image
	}

	#[test]
	fn kernels_sum_to_one_and_follow_the_gaussian() {
		for sigma in [0.3, 1.0, 2.5, 32.0] {
			let k = kernel(sigma);
			assert_eq!(k[0] + 2 * k[1..].iter().sum::<u32>(), 1 << WEIGHT_BITS, "σ = {sigma}");
			// Each weight within 0.1% of the whole from the Gaussian's own.
			let total: f64 = (-(k.len() as i32 - 1)..k.len() as i32)
				.map(|i| libm::exp(-((i * i) as f64) / (2.0 * sigma * sigma)))
				.sum();
			for (i, &w) in k.iter().enumerate() {
				let exact = libm::exp(-((i * i) as f64) / (2.0 * sigma * sigma)) / total * (1 << WEIGHT_BITS) as f64;
				assert!((w as f64 - exact).abs() <= (1 << WEIGHT_BITS) as f64 / 1000.0, "σ = {sigma}, tap {i}: {w} for {exact}");
			}
		}
	}

	#[test]
	fn a_flat_image_stays_flat_and_has_no_edges() {
		for channels in [1, 3, 4] {
			let image = flat(200, channels);
			assert_eq!(apply(image.clone(), &[Filter::Blur(3.0), Filter::Sharpen(2.0)]), image);
			assert!(apply(image, &[Filter::Edges]).pixels.iter().all(|&p| p == 0));
		}
	}

	#[test]
	fn a_step_is_blurred_sharpened_and_found() {
		let mut image = flat(0, 1);
		for row in image.pixels.chunks_exact_mut(20) {
			row[10..].fill(255);
		}
		let blurred = apply(image.clone(), &[Filter::Blur(1.0)]);
		assert!(blurred.pixels[9] > 0 && blurred.pixels[10] < 255, "the step is softened");
		assert_eq!((blurred.pixels[0], blurred.pixels[19]), (0, 255), "far from it nothing moves");
		let edges = apply(image, &[Filter::Edges]);
		assert_eq!(edges.pixels[20 + 9], 255);
		assert_eq!(edges.pixels[20 + 2], 0);
	}

	#[test]
	fn grey_keeps_alpha() {
		let mut image = flat(90, 4);
		image.pixels[3] = 7;
		let grey = apply(image, &[Filter::Grey]);
		assert_eq!((grey.channels, grey.pixels[0], grey.pixels[1], grey.pixels[3]), (2, 90, 7, 90));
	}

	#[test]
	fn the_filter_line_is_checked() {
		assert_eq!(parse("blur=2 edges"), Ok(vec![Filter::Blur(2.0), Filter::Edges]));
		assert!(parse("").is_err());
		assert!(parse("blur=0").unwrap_err().contains("0.3 to 32"));
		assert!(parse("emboss").unwrap_err().contains("unknown filter"));
		assert_eq!(split_input(b"grey\n\x89PNG"), Ok(("grey", &b"\x89PNG"[..])));
	}
}
