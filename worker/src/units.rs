//! Token amounts as people write them: CNET with up to 12 decimals.

/// Planck per CNET (12 decimals).
pub const PLANCK_PER_CNET: u128 = 1_000_000_000_000;

/// Parses `"100"`, `"0.5"` or `"1.000000000001"` CNET into planck.
pub fn parse_cnet(text: &str) -> Result<u128, String> {
	let bad = || format!("`{text}` is not an amount of CNET (digits, at most 12 decimals)");
	let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
	if whole.is_empty() && frac.is_empty() || frac.len() > 12 || !(whole.chars().chain(frac.chars()).all(|c| c.is_ascii_digit())) {
		return Err(bad());
	}
	let whole: u128 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| bad())? };
	let frac: u128 = if frac.is_empty() { 0 } else { format!("{frac:0<12}").parse().map_err(|_| bad())? };
	whole.checked_mul(PLANCK_PER_CNET).and_then(|w| w.checked_add(frac)).ok_or_else(bad)
}

/// Formats planck as CNET, trimming trailing zeros.
pub fn format_cnet(planck: u128) -> String {
	let whole = planck / PLANCK_PER_CNET;
	let frac = planck % PLANCK_PER_CNET;
	if frac == 0 {
		return format!("{whole} CNET");
	}
	let frac = format!("{frac:012}");
	format!("{whole}.{} CNET", frac.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_round_trip_and_bad_ones_are_refused() {
		assert_eq!(parse_cnet("100"), Ok(100 * PLANCK_PER_CNET));
		assert_eq!(parse_cnet("0.5"), Ok(PLANCK_PER_CNET / 2));
		assert_eq!(parse_cnet(".000000000001"), Ok(1));
		assert!(parse_cnet("1.0000000000001").is_err(), "13 decimals");
		assert!(parse_cnet("-1").is_err());
		assert!(parse_cnet("").is_err());
		assert!(parse_cnet("1e3").is_err());
		assert!(parse_cnet("999999999999999999999999999999").is_err(), "overflow");
		assert_eq!(format_cnet(1_500_000_000_000), "1.5 CNET");
		assert_eq!(format_cnet(7 * PLANCK_PER_CNET), "7 CNET");
	}
}
