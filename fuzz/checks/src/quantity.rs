//! Invariants of `acp_model::quantity::Quantity` parsing and printing (fuzz target `quantity`).
//!
//! For any input: parsing never panics. When it parses:
//! * `Display` is the input itself (upstream keeps it) or the canonical form;
//! * the printed and the canonical text parse back to the same value and print the same
//!   again (print is a fixed point) — except for the two upstream printing gaps, which are
//!   asserted precisely instead: values of 10^21 and more in `DecimalSI` / beyond `Ei` in
//!   `BinarySI` print as a bare mantissa, and exponents outside `i32` do not read back
//!   because upstream truncates parsed exponents to 32 bits.

/// Panics when an invariant does not hold for `data`.
pub fn check(data: &[u8]) {
    use acp_model::quantity::Quantity;

    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(q) = text.parse::<Quantity>() else {
        return;
    };
    let shown = q.to_string();
    let canonical = q.to_canonical_string();
    assert!(
        shown == text || shown == canonical,
        "{text:?} shown as {shown:?}, canonical {canonical:?}"
    );
    let _ = (q.value(), q.milli_value(), q.sign(), q.is_zero());

    for printed in [&shown, &canonical] {
        let exponent_outside_i32 = printed
            .rsplit_once(['e', 'E'])
            .and_then(|(_, e)| e.parse::<i64>().ok())
            .is_some_and(|e| i32::try_from(e).is_err());
        if exponent_outside_i32 {
            continue;
        }
        let again: Quantity = match printed.parse() {
            Ok(v) => v,
            Err(e) => panic!("{text:?} printed as {printed:?}, which does not parse: {e}"),
        };
        if again != q {
            // The only accepted mismatch: upstream has no suffix above E / Ei.
            let limit: Quantity = "1e21".parse().unwrap_or_default();
            let magnitude = if q.sign() < 0 { -&q } else { q.clone() };
            let bare = printed
                .trim_start_matches('-')
                .bytes()
                .all(|b| b.is_ascii_digit());
            assert!(
                bare && magnitude >= limit,
                "{text:?} printed as {printed:?} reads back as {again:?}"
            );
            continue;
        }
        assert_eq!(
            &again.to_string(),
            printed,
            "{text:?}: print is not a fixed point"
        );
    }
}
