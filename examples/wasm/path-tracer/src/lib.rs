//! A CompNet program: renders a scene of spheres (diffuse, metal and glass, under a sky) by Monte
//! Carlo path tracing and writes it as a PNG the consumer opens.
//!
//! Input (text, any order, defaults in brackets):
//! `width=320 height=180 samples=32 depth=8 seed=1`.
//! Output: an 8-bit RGB PNG of `width × height` pixels.
//!
//! Each pixel draws its own random numbers (SplitMix64 seeded by the seed and the pixel's index),
//! and the only functions beyond `+ − × ÷ √` are `libm`'s, so the same input gives the same image
//! to the last bit on every machine, natively or as a job.
#![no_std]

use compnet_guest::{format, String, Vec};

/// What is rendered and how well.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
	/// Image width, pixels.
	pub width: u32,
	/// Image height, pixels.
	pub height: u32,
	/// Paths per pixel.
	pub samples: u32,
	/// Bounces per path at most.
	pub depth: u32,
	/// The seed of every pixel's random numbers.
	pub seed: u64,
}

/// The largest image side accepted.
pub const MAX_SIDE: u32 = 4096;

#[derive(Clone, Copy, Debug, PartialEq)]
struct V(f64, f64, f64);

impl V {
	fn add(self, o: V) -> V {
		V(self.0 + o.0, self.1 + o.1, self.2 + o.2)
	}
	fn sub(self, o: V) -> V {
		V(self.0 - o.0, self.1 - o.1, self.2 - o.2)
	}
	fn mul(self, o: V) -> V {
		V(self.0 * o.0, self.1 * o.1, self.2 * o.2)
	}
	fn scale(self, s: f64) -> V {
		V(self.0 * s, self.1 * s, self.2 * s)
	}
	fn dot(self, o: V) -> f64 {
		self.0 * o.0 + self.1 * o.1 + self.2 * o.2
	}
	fn cross(self, o: V) -> V {
		V(self.1 * o.2 - self.2 * o.1, self.2 * o.0 - self.0 * o.2, self.0 * o.1 - self.1 * o.0)
	}
	fn length(self) -> f64 {
		libm::sqrt(self.dot(self))
	}
	fn unit(self) -> V {
		self.scale(1.0 / self.length())
	}
}

/// SplitMix64: a small, fast generator with a full 64-bit period.
struct Rng(u64);

impl Rng {
	fn next(&mut self) -> u64 {
		self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
		z ^ (z >> 31)
	}
	/// Uniform in [0, 1).
	fn uniform(&mut self) -> f64 {
		(self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
	}
	/// Uniform in the unit ball.
	fn in_ball(&mut self) -> V {
		loop {
			let p = V(2.0 * self.uniform() - 1.0, 2.0 * self.uniform() - 1.0, 2.0 * self.uniform() - 1.0);
			if p.dot(p) < 1.0 {
				return p;
			}
		}
	}
}

#[derive(Clone, Copy)]
enum Material {
	Diffuse(V),
	Metal(V, f64),
	Glass(f64),
}

struct Sphere {
	center: V,
	radius: f64,
	material: Material,
}

/// The scene: a ground, three large spheres and a ring of small ones.
fn scene() -> Vec<Sphere> {
	let mut spheres = Vec::new();
	spheres.push(Sphere { center: V(0.0, -1000.0, 0.0), radius: 1000.0, material: Material::Diffuse(V(0.5, 0.5, 0.5)) });
	spheres.push(Sphere { center: V(0.0, 1.0, 0.0), radius: 1.0, material: Material::Glass(1.5) });
	spheres.push(Sphere { center: V(-4.0, 1.0, 0.0), radius: 1.0, material: Material::Diffuse(V(0.4, 0.2, 0.1)) });
	spheres.push(Sphere { center: V(4.0, 1.0, 0.0), radius: 1.0, material: Material::Metal(V(0.7, 0.6, 0.5), 0.0) });
	for i in 0..12 {
		let angle = core::f64::consts::TAU * i as f64 / 12.0;
		let center = V(6.0 * libm::cos(angle), 0.2, 6.0 * libm::sin(angle));
		let material = match i % 3 {
			0 => Material::Diffuse(V(0.2 + 0.06 * i as f64, 0.3, 0.8 - 0.05 * i as f64)),
			1 => Material::Metal(V(0.8, 0.8, 0.9), 0.05 * i as f64),
			_ => Material::Glass(1.5),
		};
		spheres.push(Sphere { center, radius: 0.2, material });
	}
	spheres
}

/// The nearest hit of the ray `origin + t·direction` with `t` in `(0.001, ∞)`.
fn hit(spheres: &[Sphere], origin: V, direction: V) -> Option<(f64, &Sphere)> {
	let mut nearest: Option<(f64, &Sphere)> = None;
	for sphere in spheres {
		let oc = origin.sub(sphere.center);
		let a = direction.dot(direction);
		let half_b = oc.dot(direction);
		let c = oc.dot(oc) - sphere.radius * sphere.radius;
		let discriminant = half_b * half_b - a * c;
		if discriminant < 0.0 {
			continue;
		}
		let root = libm::sqrt(discriminant);
		let far = nearest.map_or(f64::INFINITY, |(t, _)| t);
		for t in [(-half_b - root) / a, (-half_b + root) / a] {
			if t > 0.001 && t < far {
				nearest = Some((t, sphere));
				break;
			}
		}
	}
	nearest
}

fn reflect(v: V, n: V) -> V {
	v.sub(n.scale(2.0 * v.dot(n)))
}

/// The light arriving along a ray, after at most `depth` bounces.
fn radiance(spheres: &[Sphere], mut origin: V, mut direction: V, depth: u32, rng: &mut Rng) -> V {
	let mut throughput = V(1.0, 1.0, 1.0);
	for _ in 0..depth {
		let Some((t, sphere)) = hit(spheres, origin, direction) else {
			let up = 0.5 * (direction.unit().1 + 1.0);
			let sky = V(1.0, 1.0, 1.0).scale(1.0 - up).add(V(0.5, 0.7, 1.0).scale(up));
			return throughput.mul(sky);
		};
		let point = origin.add(direction.scale(t));
		let outward = point.sub(sphere.center).scale(1.0 / sphere.radius);
		let front = direction.dot(outward) < 0.0;
		let normal = if front { outward } else { outward.scale(-1.0) };
		let (next, attenuation) = match sphere.material {
			Material::Diffuse(albedo) => {
				let scattered = normal.add(rng.in_ball().unit());
				let scattered = if scattered.dot(scattered) < 1e-16 { normal } else { scattered };
				(scattered, albedo)
			},
			Material::Metal(albedo, fuzz) => {
				let reflected = reflect(direction.unit(), normal).add(rng.in_ball().scale(fuzz));
				if reflected.dot(normal) <= 0.0 {
					return V(0.0, 0.0, 0.0);
				}
				(reflected, albedo)
			},
			Material::Glass(index) => {
				let ratio = if front { 1.0 / index } else { index };
				let unit = direction.unit();
				let cos = (-unit.dot(normal)).min(1.0);
				let sin = libm::sqrt(1.0 - cos * cos);
				// Schlick's approximation of the reflectance.
				let r0 = ((1.0 - ratio) / (1.0 + ratio)) * ((1.0 - ratio) / (1.0 + ratio));
				let reflectance = r0 + (1.0 - r0) * libm::pow(1.0 - cos, 5.0);
				let next = if ratio * sin > 1.0 || reflectance > rng.uniform() {
					reflect(unit, normal)
				} else {
					let perpendicular = unit.add(normal.scale(cos)).scale(ratio);
					let parallel = normal.scale(-libm::sqrt((1.0 - perpendicular.dot(perpendicular)).abs()));
					perpendicular.add(parallel)
				};
				(next, V(1.0, 1.0, 1.0))
			},
		};
		throughput = throughput.mul(attenuation);
		origin = point;
		direction = next;
	}
	V(0.0, 0.0, 0.0)
}

/// Renders the scene: `width × height` RGB pixels, row by row from the top.
pub fn render(settings: &Settings) -> Vec<u8> {
	let spheres = scene();
	let (width, height) = (settings.width as f64, settings.height as f64);
	let eye = V(13.0, 2.0, 3.0);
	let target = V(0.0, 0.5, 0.0);
	let w = eye.sub(target).unit();
	let u = V(0.0, 1.0, 0.0).cross(w).unit();
	let v = w.cross(u);
	let half_height = libm::tan(20.0f64.to_radians() / 2.0);
	let half_width = half_height * width / height;
	let mut pixels = Vec::with_capacity(settings.width as usize * settings.height as usize * 3);
	for y in 0..settings.height {
		for x in 0..settings.width {
			let index = y as u64 * settings.width as u64 + x as u64;
			let mut rng = Rng(settings.seed ^ index.wrapping_mul(0xd1b5_4a32_d192_ed03));
			let mut sum = V(0.0, 0.0, 0.0);
			for _ in 0..settings.samples {
				let s = (2.0 * (x as f64 + rng.uniform()) / width - 1.0) * half_width;
				let t = (1.0 - 2.0 * (y as f64 + rng.uniform()) / height) * half_height;
				let direction = u.scale(s).add(v.scale(t)).sub(w);
				sum = sum.add(radiance(&spheres, eye, direction, settings.depth, &mut rng));
			}
			let mean = sum.scale(1.0 / settings.samples as f64);
			// Gamma 2, clamped.
			for channel in [mean.0, mean.1, mean.2] {
				pixels.push((libm::sqrt(channel).clamp(0.0, 0.999) * 256.0) as u8);
			}
		}
	}
	pixels
}

/// `pixels` (RGB, 8 bits, row by row) as a PNG file.
pub fn png(width: u32, height: u32, pixels: &[u8]) -> Vec<u8> {
	compnet_png::encode(&compnet_png::Image { width, height, channels: 3, pixels: pixels.to_vec() })
}

/// Parses the input text.
pub fn parse(input: &str) -> Result<Settings, String> {
	let mut settings = Settings { width: 320, height: 180, samples: 32, depth: 8, seed: 1 };
	for field in input.split_whitespace() {
		let (key, value) = field.split_once('=').ok_or_else(|| format!("`{field}` is not key=value"))?;
		let count = || value.parse::<u32>().map_err(|_| format!("{key}: `{value}` is not a count"));
		match key {
			"width" => settings.width = count()?,
			"height" => settings.height = count()?,
			"samples" => settings.samples = count()?,
			"depth" => settings.depth = count()?,
			"seed" => settings.seed = value.parse().map_err(|_| format!("seed: `{value}` is not a count"))?,
			_ => return Err(format!("unknown field `{key}`")),
		}
	}
	if settings.width == 0 || settings.height == 0 || settings.width > MAX_SIDE || settings.height > MAX_SIDE {
		return Err(format!("width and height must be 1 to {MAX_SIDE}"));
	}
	if settings.samples == 0 || settings.depth == 0 {
		return Err("samples and depth must be at least 1".into());
	}
	Ok(settings)
}

/// The program: parse, render, write the PNG.
pub fn main() {
	let input = compnet_guest::input();
	let text = core::str::from_utf8(&input).unwrap_or_else(|_| compnet_guest::fail("the input is not UTF-8"));
	let settings = parse(text).unwrap_or_else(|e| compnet_guest::fail(&e));
	let pixels = render(&settings);
	compnet_guest::write(&png(settings.width, settings.height, &pixels));
}

compnet_guest::entry!(main);
