use super::*;
use fhe_traits::Serialize;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn random(len: usize, bound: i64, rng: &mut ChaCha8Rng) -> Vec<i64> {
	(0..len).map(|_| rng.random_range(-bound..=bound)).collect()
}

/// What the consumer gives the provider: its key, and `w` in the clear or encrypted.
fn provider_side(consumer: &ConsumerKey, layout: &Layout, w: &[i64], encrypted: bool, rng: &mut ChaCha8Rng) -> (ServerKey, Weights) {
	let key = consumer.server_key(layout, encrypted, rng).unwrap();
	let weights = if encrypted { Weights::Encrypted(consumer.encrypt_weights(layout, w, rng).unwrap()) } else { Weights::Plain(w.to_vec()) };
	(key, weights)
}

/// Encrypts, evaluates and decrypts `layout`; returns the decrypted outputs and the expected
/// ones. Values within `bound` keep two layers' outputs inside `±t/2`.
fn round_trip(layout: Layout, batch: usize, encrypted: bool, bound: i64, seed: u64) -> (Vec<Vec<i64>>, Vec<Vec<i64>>) {
	let mut rng = ChaCha8Rng::seed_from_u64(seed);
	let consumer = ConsumerKey::generate(&mut rng);
	let w = random(layout.weight_count(), bound, &mut rng);
	let (key, weights) = provider_side(&consumer, &layout, &w, encrypted, &mut rng);
	let xs: Vec<Vec<i64>> = (0..batch).map(|_| random(layout.cols, bound, &mut rng)).collect();
	let cts = consumer.encrypt(&layout, &xs, &mut rng).unwrap();
	let out = evaluate(&key, &layout, &weights, &cts).unwrap();
	let got = consumer.decrypt(&layout, &out, batch).unwrap();
	(got, xs.iter().map(|x| plain_layers(&layout, &w, x).unwrap()).collect())
}

#[test]
fn layers_of_many_shapes_decrypt_to_the_plaintext_product() {
	// Square and not, powers of two and not, one vector and several ciphertexts' worth.
	for &(rows, cols, batch) in &[(1, 1, 1), (3, 5, 2), (5, 3, 3), (16, 16, 4), (37, 100, 1), (64, 64, 70)] {
		let (got, expected) = round_trip(Layout::new(rows, cols).unwrap(), batch, false, 127, rows as u64 * 1000 + cols as u64);
		assert_eq!(got, expected, "{rows}×{cols}, batch {batch}");
	}
}

#[test]
fn layers_with_encrypted_weights_decrypt_to_the_plaintext_product() {
	for &(rows, cols, batch) in &[(1, 1, 1), (3, 5, 2), (16, 16, 4), (37, 100, 1), (64, 64, 70)] {
		let (got, expected) = round_trip(Layout::new(rows, cols).unwrap(), batch, true, 127, rows as u64 * 7 + cols as u64);
		assert_eq!(got, expected, "{rows}×{cols}, batch {batch}, encrypted weights");
	}
}

#[test]
fn two_layers_decrypt_to_both_products() {
	// The second layer narrower, wider and setting the padded side itself; one vector and
	// several ciphertexts' worth (the degree-8,192 ring carries 4,096/d vectors).
	for &(second, rows, cols, batch) in &[(1, 1, 1, 1), (3, 5, 7, 2), (9, 4, 6, 3), (40, 16, 16, 1), (8, 30, 20, 130)] {
		let layout = Layout::of(rows, cols, Some(second)).unwrap();
		assert_eq!(layout.ring, Ring::TwoLayers);
		for encrypted in [false, true] {
			let (got, expected) = round_trip(layout, batch, encrypted, 15, (second * 100 + rows * 10 + cols) as u64);
			assert_eq!(got, expected, "{second}×{rows}·{rows}×{cols}, batch {batch}, encrypted weights {encrypted}");
			assert_eq!(got[0].len(), second);
		}
	}
}

#[test]
fn the_largest_layer_with_extreme_values_is_exact() {
	let mut rng = ChaCha8Rng::seed_from_u64(9);
	let (rows, cols) = (MAX_DIM, MAX_DIM);
	let layout = Layout::new(rows, cols).unwrap();
	let consumer = ConsumerKey::generate(&mut rng);
	let ek = consumer.server_key(&layout, false, &mut rng).unwrap();
	// |y| ≤ 1024 · 180 · 180 = 33,177,600 < t/2.
	let w = random(rows * cols, 180, &mut rng);
	let mut x = random(cols, 180, &mut rng);
	x[0] = -180;
	let cts = consumer.encrypt(&layout, &[x.clone()], &mut rng).unwrap();
	let out = evaluate(&ek, &layout, &Weights::Plain(w.clone()), &cts).unwrap();
	assert_eq!(consumer.decrypt(&layout, &out, 1).unwrap(), vec![plain_layer(rows, cols, &w, &x)]);
}

#[test]
fn evaluation_is_deterministic_to_the_byte() {
	for encrypted in [false, true] {
		let mut rng = ChaCha8Rng::seed_from_u64(3);
		let layout = Layout::new(20, 30).unwrap();
		let consumer = ConsumerKey::generate(&mut rng);
		let w = random(20 * 30, 50, &mut rng);
		let (ek, weights) = provider_side(&consumer, &layout, &w, encrypted, &mut rng);
		let xs: Vec<Vec<i64>> = (0..5).map(|_| random(30, 50, &mut rng)).collect();
		let cts = consumer.encrypt(&layout, &xs, &mut rng).unwrap();
		let input = blob::input_blob(&[7; 32], &layout, 5, &weights, &cts);
		let key = blob::key_blob(&layout, &ek);
		// Two "workers": each parses the blobs afresh and evaluates.
		let worker = || {
			let job = blob::parse_input(&input, &layout, 5, encrypted).unwrap();
			let key = blob::parse_key_blob(&key).unwrap();
			assert_eq!((key.ring, key.d, key.key.relinearization.is_some()), (Ring::OneLayer, 32, encrypted));
			blob::output_blob(&evaluate(&key.key, &layout, &job.weights, &job.ciphertexts).unwrap())
		};
		let (first, second) = (worker(), worker());
		assert_eq!(first, second, "encrypted weights: {encrypted}");
		// And the result is not the input: the weights did something.
		let out = blob::parse_output(&first, &layout, 5).unwrap();
		assert_ne!(out[0].to_bytes(), cts[0].to_bytes());
		assert_eq!(consumer.decrypt(&layout, &out, 5).unwrap(), xs.iter().map(|x| plain_layer(20, 30, &w, x)).collect::<Vec<_>>());
	}
}

#[test]
fn another_consumers_key_decrypts_to_noise() {
	let mut rng = ChaCha8Rng::seed_from_u64(4);
	let layout = Layout::new(8, 8).unwrap();
	let owner = ConsumerKey::generate(&mut rng);
	let other = ConsumerKey::generate(&mut rng);
	let x = vec![vec![1, 2, 3, 4, 5, 6, 7, 8]];
	let cts = owner.encrypt(&layout, &x, &mut rng).unwrap();
	let identity: Vec<i64> = (0..64).map(|i| i64::from(i % 9 == 0)).collect();
	let ek = owner.server_key(&layout, false, &mut rng).unwrap();
	let out = evaluate(&ek, &layout, &Weights::Plain(identity), &cts).unwrap();
	assert_eq!(owner.decrypt(&layout, &out, 1).unwrap(), x);
	assert_ne!(other.decrypt(&layout, &out, 1).unwrap(), x);
}

#[test]
fn keys_round_trip_and_a_key_for_a_smaller_layer_is_refused() {
	let mut rng = ChaCha8Rng::seed_from_u64(5);
	let consumer = ConsumerKey::generate(&mut rng);
	let again = ConsumerKey::from_bytes(&consumer.to_bytes()).unwrap();
	assert_eq!(again.to_bytes(), consumer.to_bytes());
	assert_eq!(consumer.to_bytes().len(), SECRET_KEY_BYTES);
	// The seed derives the same secret key of each ring again, and different ones per ring.
	for ring in [Ring::OneLayer, Ring::TwoLayers] {
		assert_eq!(again.secret(ring).to_bytes(), consumer.secret(ring).to_bytes());
	}
	assert_ne!(consumer.secret(Ring::OneLayer).to_bytes()[..64], consumer.secret(Ring::TwoLayers).to_bytes()[..64]);
	let refused = |bytes: &[u8]| match ConsumerKey::from_bytes(bytes) {
		Err(HeError::Corrupt { why, .. }) => why,
		Ok(_) => panic!("accepted a bad key file"),
		Err(e) => panic!("{e}"),
	};
	assert!(refused(&consumer.to_bytes()[..39]).contains("39 bytes"));
	assert!(refused(&[0; SECRET_KEY_BYTES]).contains("CNHE-SK1"));
	let small = Layout::new(4, 4).unwrap();
	let big = Layout::new(64, 64).unwrap();
	let ek = consumer.server_key(&small, false, &mut rng).unwrap();
	let cts = consumer.encrypt(&big, &[vec![1; 64]], &mut rng).unwrap();
	assert_eq!(evaluate(&ek, &big, &Weights::Plain(vec![1; 64 * 64]), &cts).err(), Some(HeError::MissingRotation(3)));
	// Encrypted weights need the relinearization key, which a plaintext-weights key lacks.
	let ek = consumer.server_key(&small, false, &mut rng).unwrap();
	let diags = consumer.encrypt_weights(&small, &[1; 16], &mut rng).unwrap();
	let cts = consumer.encrypt(&small, &[vec![1; 4]], &mut rng).unwrap();
	assert_eq!(evaluate(&ek, &small, &Weights::Encrypted(diags.clone()), &cts).err(), Some(HeError::MissingRelinearization));
	let ek = consumer.server_key(&small, true, &mut rng).unwrap();
	assert!(matches!(evaluate(&ek, &small, &Weights::Encrypted(diags[1..].to_vec()), &cts), Err(HeError::Mismatch(_))));
}

#[test]
fn bad_shapes_values_and_blobs_are_refused_with_the_reason() {
	let mut rng = ChaCha8Rng::seed_from_u64(6);
	assert_eq!(Layout::new(0, 3), Err(HeError::Shape { rows: 0, cols: 3 }));
	assert_eq!(Layout::new(3, MAX_DIM + 1), Err(HeError::Shape { rows: 3, cols: MAX_DIM + 1 }));
	let layout = Layout::new(4, 4).unwrap();
	let consumer = ConsumerKey::generate(&mut rng);
	assert!(matches!(consumer.encrypt(&layout, &[vec![1; 3]], &mut rng), Err(HeError::Mismatch(_))));
	assert_eq!(
		consumer.encrypt(&layout, &[vec![MAX_MAGNITUDE + 1, 0, 0, 0]], &mut rng).err(),
		Some(HeError::Magnitude { what: "input", value: MAX_MAGNITUDE + 1 })
	);
	let ek = consumer.server_key(&layout, false, &mut rng).unwrap();
	let cts = consumer.encrypt(&layout, &[vec![1, 2, 3, 4]], &mut rng).unwrap();
	assert!(matches!(evaluate(&ek, &layout, &Weights::Plain(vec![1; 15]), &cts), Err(HeError::Mismatch(_))));

	let input = blob::input_blob(&[1; 32], &layout, 1, &Weights::Plain(vec![2; 16]), &cts);
	assert!(blob::parse_input(&input, &layout, 1, false).is_ok());
	assert_eq!(blob::input_key_root(&input).unwrap(), [1; 32]);
	// Weights in the clear where the job (on-chain) promised encrypted ones, and the reverse.
	assert!(matches!(blob::parse_input(&input, &layout, 1, true), Err(HeError::Corrupt { why, .. }) if why.contains("holds plaintext weights")));
	let diags = consumer.encrypt_weights(&layout, &[2; 16], &mut rng).unwrap();
	let sealed = blob::input_blob(&[1; 32], &layout, 1, &Weights::Encrypted(diags), &cts);
	assert!(blob::parse_input(&sealed, &layout, 1, true).is_ok());
	assert!(matches!(blob::parse_input(&sealed, &layout, 1, false), Err(HeError::Corrupt { why, .. }) if why.contains("holds encrypted weights")));
	let refused = |bytes: &[u8], layout: &Layout, batch| match blob::parse_input(bytes, layout, batch, false) {
		Err(HeError::Corrupt { why, .. }) => why,
		other => panic!("accepted a bad input: {:?}", other.map(|_| ())),
	};
	assert!(refused(&input, &layout, 2).contains("the job says"));
	// A one-layer input where the job has a second layer.
	assert!(refused(&input, &Layout::of(4, 4, Some(2)).unwrap(), 1).contains("the job says"));
	assert!(refused(&input[..input.len() - 10], &layout, 1).contains("truncated"));
	assert!(refused(&[&input[..], &[0]].concat(), &layout, 1).contains("trailing"));
	assert!(refused(b"CNHE-EK1", &layout, 1).contains("does not start with"));
	// Garbage inside a ciphertext: refused, not a panic.
	let mut flipped = input.clone();
	let at = flipped.len() - 40;
	flipped[at..].iter_mut().for_each(|b| *b = 0xff);
	assert!(blob::parse_input(&flipped, &layout, 1, false).is_err());
	// The second layer's shape is checked too, and an output past ±t/2 is refused in the clear.
	assert_eq!(Layout::of(4, 4, Some(MAX_DIM + 1)), Err(HeError::Shape { rows: MAX_DIM + 1, cols: 4 }));
	let two = Layout::of(2, 1, Some(1)).unwrap();
	assert!(matches!(plain_layers(&two, &[1, 1], &[1]), Err(HeError::Mismatch(_))));
	assert_eq!(
		plain_layers(&two, &[MAX_MAGNITUDE, MAX_MAGNITUDE, 1, 1], &[1]),
		Err(HeError::Magnitude { what: "output", value: 2 * MAX_MAGNITUDE })
	);
	let mut key = blob::key_blob(&layout, &ek);
	let cut = key.len() / 2;
	key.truncate(cut);
	assert!(matches!(blob::parse_key_blob(&key), Err(HeError::Corrupt { .. })));
}

#[test]
fn the_secret_key_is_not_in_the_evaluation_key_or_the_ciphertexts() {
	let mut rng = ChaCha8Rng::seed_from_u64(8);
	let layout = Layout::new(8, 8).unwrap();
	let consumer = ConsumerKey::generate(&mut rng);
	let key = blob::key_blob(&layout, &consumer.server_key(&layout, true, &mut rng).unwrap());
	let seed = &consumer.to_bytes()[8..];
	let secret = consumer.secret(Ring::OneLayer).to_bytes();
	for window in [seed, &secret[secret.len() / 2..secret.len() / 2 + 32]] {
		assert!(!key.windows(32).any(|w| w == window));
	}
}

/// The noise budget is log2(q/t): 83 bits for one layer, 148 for two. Every layout must leave a
/// wide margin at every size, with plaintext and with encrypted weights.
#[test]
fn layers_use_well_under_the_noise_budget() {
	for second in [None, Some(128)] {
		let (budget, bound) = if second.is_some() { (148, 125) } else { (83, 60) };
		for &(side, encrypted) in &[(16usize, false), (128, false), (16, true), (128, true)] {
			let mut rng = ChaCha8Rng::seed_from_u64(1);
			let layout = Layout::of(side, side, second.map(|_| side)).unwrap();
			let consumer = ConsumerKey::generate(&mut rng);
			let w = random(layout.weight_count(), 127, &mut rng);
			let (ek, weights) = provider_side(&consumer, &layout, &w, encrypted, &mut rng);
			let cts = consumer.encrypt(&layout, &[random(side, 127, &mut rng)], &mut rng).unwrap();
			let out = evaluate(&ek, &layout, &weights, &cts).unwrap();
			// SAFETY (of the crate's `unsafe`): a diagnostic that only reads the decryption.
			let noise = unsafe { consumer.secret(layout.ring).measure_noise(&out[0]).unwrap() };
			let layers = layout.depth();
			eprintln!("{layers} layer(s) of {side}×{side}, encrypted weights {encrypted}: {noise} bits of noise of {budget}");
			assert!(noise <= bound, "{layers} layer(s) of {side}×{side}, encrypted weights {encrypted}: {noise} bits of noise, the budget is {budget}");
		}
	}
}
