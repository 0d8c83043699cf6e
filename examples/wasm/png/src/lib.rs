//! PNG files for CompNet programs, without the standard library.
//!
//! [`decode`] reads 8-bit, non-interlaced PNGs of every colour type (palettes expanded to RGB)
//! and undoes all five scanline filters. It checks every chunk's CRC, and it inflates at most the
//! bytes the header announces, within the caller's pixel budget, so a hostile file (a zip bomb, a
//! header claiming a gigapixel) ends in an error instead of exhausting the program's memory.
//! [`encode`] writes an image back (no scanline filter, zlib level 6).
#![no_std]

extern crate alloc;

use alloc::{format, string::String, vec, vec::Vec};

/// The PNG file signature.
pub const SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";

/// An 8-bit image: `channels` bytes per pixel (1 grey, 2 grey and alpha, 3 RGB, 4 RGBA), row by
/// row from the top.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
	/// Pixels per row.
	pub width: u32,
	/// Rows.
	pub height: u32,
	/// Bytes per pixel, 1 to 4.
	pub channels: u8,
	/// `width × height × channels` bytes.
	pub pixels: Vec<u8>,
}

impl Image {
	/// A `width × height` image of `channels` channels, all zero.
	pub fn new(width: u32, height: u32, channels: u8) -> Image {
		Image { width, height, channels, pixels: vec![0; width as usize * height as usize * channels as usize] }
	}

	/// Bytes per row.
	pub fn stride(&self) -> usize {
		self.width as usize * self.channels as usize
	}
}

/// The PNG colour type of `channels` channels.
fn colour_type(channels: u8) -> u8 {
	match channels {
		1 => 0,
		2 => 4,
		3 => 2,
		_ => 6,
	}
}

/// `image` as a PNG file.
pub fn encode(image: &Image) -> Vec<u8> {
	let stride = image.stride();
	let mut raw = Vec::with_capacity(image.pixels.len() + image.height as usize);
	for row in image.pixels.chunks(stride.max(1)) {
		raw.push(0); // no filter
		raw.extend_from_slice(row);
	}
	let mut file = Vec::from(&SIGNATURE[..]);
	let mut header = Vec::with_capacity(13);
	header.extend_from_slice(&image.width.to_be_bytes());
	header.extend_from_slice(&image.height.to_be_bytes());
	// 8 bits, the colour type, deflate, no filter, no interlace.
	header.extend_from_slice(&[8, colour_type(image.channels), 0, 0, 0]);
	chunk(&mut file, b"IHDR", &header);
	chunk(&mut file, b"IDAT", &miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6));
	chunk(&mut file, b"IEND", &[]);
	file
}

fn chunk(file: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
	file.extend_from_slice(&(data.len() as u32).to_be_bytes());
	file.extend_from_slice(kind);
	file.extend_from_slice(data);
	file.extend_from_slice(&crc(kind, data).to_be_bytes());
}

fn crc(kind: &[u8], data: &[u8]) -> u32 {
	let mut crc = crc32fast::Hasher::new();
	crc.update(kind);
	crc.update(data);
	crc.finalize()
}

/// Reads a PNG file of at most `max_pixels` pixels.
pub fn decode(file: &[u8], max_pixels: u64) -> Result<Image, String> {
	let mut rest = file.strip_prefix(&SIGNATURE[..]).ok_or("not a PNG file (no signature)")?;
	let mut header: Option<(u32, u32, u8)> = None;
	let mut palette: &[u8] = &[];
	let mut compressed = Vec::new();
	loop {
		if rest.len() < 12 {
			return Err("the PNG file ends before its IEND chunk".into());
		}
		let length = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
		let kind = &rest[4..8];
		let data = rest.get(8..8 + length).ok_or("a PNG chunk runs past the end of the file")?;
		let stored = rest.get(8 + length..12 + length).ok_or("a PNG chunk runs past the end of the file")?;
		if crc(kind, data).to_be_bytes() != stored {
			return Err(format!("the {} chunk's CRC does not match", String::from_utf8_lossy(kind)));
		}
		rest = &rest[12 + length..];
		match kind {
			b"IHDR" => {
				let [w0, w1, w2, w3, h0, h1, h2, h3, depth, colour, compression, filter, interlace] = data else {
					return Err("the IHDR chunk is not 13 bytes".into());
				};
				let (width, height) = (u32::from_be_bytes([*w0, *w1, *w2, *w3]), u32::from_be_bytes([*h0, *h1, *h2, *h3]));
				if *depth != 8 {
					return Err(format!("{depth}-bit PNGs are not read: only 8 bits per channel"));
				}
				if (*compression, *filter, *interlace) != (0, 0, 0) {
					return Err("interlaced or non-standard PNGs are not read".into());
				}
				let channels = match colour {
					0 => 1,
					2 | 3 => 3,
					4 => 2,
					6 => 4,
					_ => return Err(format!("unknown PNG colour type {colour}")),
				};
				if width == 0 || height == 0 || width as u64 * height as u64 > max_pixels {
					return Err(format!("a {width} × {height} image is beyond {max_pixels} pixels"));
				}
				header = Some((width, height, if *colour == 3 { 0 } else { channels }));
			},
			b"PLTE" => palette = data,
			b"IDAT" => compressed.extend_from_slice(data),
			b"IEND" => break,
			_ if kind[0] & 0x20 == 0 => {
				return Err(format!("the critical chunk {} is unknown", String::from_utf8_lossy(kind)));
			},
			_ => {}, // ancillary: skipped
		}
	}
	let (width, height, channels) = header.ok_or("the PNG file has no IHDR chunk")?;
	// A palette image is 1 byte per pixel in the file, 3 once expanded.
	let stored_channels = channels.max(1) as usize;
	let stride = width as usize * stored_channels;
	let expected = (stride + 1) * height as usize;
	let raw = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&compressed, expected)
		.map_err(|e| format!("the image data does not inflate to {expected} bytes: {:?}", e.status))?;
	if raw.len() != expected {
		return Err(format!("the image data inflates to {} bytes, not {expected}", raw.len()));
	}
	let mut pixels = vec![0u8; stride * height as usize];
	unfilter(&raw, &mut pixels, stride, stored_channels)?;
	if channels == 0 {
		if palette.is_empty() || palette.len() % 3 != 0 {
			return Err("a palette PNG without a valid PLTE chunk".into());
		}
		let mut rgb = Vec::with_capacity(pixels.len() * 3);
		for &index in &pixels {
			let entry = palette.get(index as usize * 3..index as usize * 3 + 3).ok_or("a pixel's index is beyond the palette")?;
			rgb.extend_from_slice(entry);
		}
		return Ok(Image { width, height, channels: 3, pixels: rgb });
	}
	Ok(Image { width, height, channels, pixels })
}

/// Undoes the scanline filters of `raw` (a filter byte, then `stride` bytes, per row) into
/// `pixels`.
fn unfilter(raw: &[u8], pixels: &mut [u8], stride: usize, bpp: usize) -> Result<(), String> {
	for (y, line) in raw.chunks_exact(stride + 1).enumerate() {
		let (filter, line) = (line[0], &line[1..]);
		let (done, current) = pixels.split_at_mut(y * stride);
		let current = &mut current[..stride];
		let above: &[u8] = if y == 0 { &[] } else { &done[(y - 1) * stride..] };
		let up = |i: usize| above.get(i).copied().unwrap_or(0);
		for i in 0..stride {
			let left = if i >= bpp { current[i - bpp] } else { 0 };
			let corner = if i >= bpp { above.get(i - bpp).copied().unwrap_or(0) } else { 0 };
			let predicted = match filter {
				0 => 0,
				1 => left,
				2 => up(i),
				3 => ((left as u16 + up(i) as u16) / 2) as u8,
				4 => paeth(left, up(i), corner),
				_ => return Err(format!("row {y} has unknown filter {filter}")),
			};
			current[i] = line[i].wrapping_add(predicted);
		}
	}
	Ok(())
}

/// The Paeth predictor: whichever of left, up and corner is closest to `left + up − corner`.
fn paeth(a: u8, b: u8, c: u8) -> u8 {
	let p = a as i16 + b as i16 - c as i16;
	let (pa, pb, pc) = ((p - a as i16).abs(), (p - b as i16).abs(), (p - c as i16).abs());
	if pa <= pb && pa <= pc {
		a
	} else if pb <= pc {
		b
	} else {
		c
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn gradient(channels: u8) -> Image {
		let mut image = Image::new(37, 23, channels);
		for (i, p) in image.pixels.iter_mut().enumerate() {
			*p = (i * 7 % 251) as u8;
		}
		image
	}

	#[test]
	fn every_channel_count_round_trips() {
		for channels in 1..=4 {
			let image = gradient(channels);
			assert_eq!(decode(&encode(&image), 1 << 20), Ok(image));
		}
	}

	/// A file written with each filter on its rows, as encoders other than ours write them.
	fn filtered(image: &Image) -> Vec<u8> {
		let (stride, bpp) = (image.stride(), image.channels as usize);
		let mut raw = Vec::new();
		for y in 0..image.height as usize {
			let filter = (y % 5) as u8;
			raw.push(filter);
			let row = &image.pixels[y * stride..(y + 1) * stride];
			let above = |i: usize| if y == 0 { 0 } else { image.pixels[(y - 1) * stride + i] };
			for i in 0..stride {
				let left = if i >= bpp { row[i - bpp] } else { 0 };
				let corner = if i >= bpp { above(i - bpp) } else { 0 };
				let predicted = match filter {
					0 => 0,
					1 => left,
					2 => above(i),
					3 => ((left as u16 + above(i) as u16) / 2) as u8,
					_ => paeth(left, above(i), corner),
				};
				raw.push(row[i].wrapping_sub(predicted));
			}
		}
		let mut file = Vec::from(&SIGNATURE[..]);
		let mut header = Vec::new();
		header.extend_from_slice(&image.width.to_be_bytes());
		header.extend_from_slice(&image.height.to_be_bytes());
		header.extend_from_slice(&[8, colour_type(image.channels), 0, 0, 0]);
		chunk(&mut file, b"IHDR", &header);
		chunk(&mut file, b"tEXt", b"Comment\0skipped");
		let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&raw, 9);
		let (first, second) = compressed.split_at(compressed.len() / 2);
		chunk(&mut file, b"IDAT", first);
		chunk(&mut file, b"IDAT", second);
		chunk(&mut file, b"IEND", &[]);
		file
	}

	#[test]
	fn all_five_filters_and_split_data_are_read() {
		for channels in [1, 3, 4] {
			let image = gradient(channels);
			assert_eq!(decode(&filtered(&image), 1 << 20), Ok(image));
		}
	}

	#[test]
	fn hostile_files_are_refused_with_a_reason() {
		let file = encode(&gradient(3));
		assert!(decode(&file[1..], 1 << 20).unwrap_err().contains("signature"));
		assert!(decode(&file[..file.len() - 12], 1 << 20).unwrap_err().contains("IEND"));
		let mut corrupt = file.clone();
		corrupt[45] ^= 1; // in the IDAT data
		assert!(decode(&corrupt, 1 << 20).unwrap_err().contains("CRC"));
		assert!(decode(&file, 100).unwrap_err().contains("beyond 100 pixels"));
		// A header that claims more rows than the data holds, and a zip bomb behind a small header.
		let mut short = gradient(1);
		short.height = 40;
		short.pixels.resize(37 * 40, 0);
		let big = encode(&short);
		let small = encode(&gradient(1));
		let mut liar = Vec::from(&small[..33]);
		liar.extend_from_slice(&big[33..]);
		assert!(decode(&liar, 1 << 20).unwrap_err().contains("inflate"));
	}
}
