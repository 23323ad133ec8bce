//! Property tests for `Quantity`: printing round-trips, ordering, exact arithmetic.

use std::cmp::Ordering;

use acp_model::quantity::Quantity;
use proptest::prelude::*;

const SUFFIXES: &[&str] = &[
    "", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "e3",
    "e-3", "E6", "e-9", "e12", "e-12", "e0", "e+2", "e-7", "e17",
];

/// Strings in upstream's grammar: sign, up to `max_int` integer digits, optional fraction,
/// suffix.
fn quantity_text_up_to(max_int: usize) -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["", "-", "+"]),
        proptest::string::string_regex(&format!("[0-9]{{0,{max_int}}}")).unwrap(),
        prop::option::of("[0-9]{0,14}"),
        prop::sample::select(SUFFIXES.to_vec()),
    )
        .prop_map(|(sign, int, frac, suffix)| match frac {
            Some(f) => format!("{sign}{int}.{f}{suffix}"),
            None => format!("{sign}{int}{suffix}"),
        })
}

fn quantity_text() -> impl Strategy<Value = String> {
    quantity_text_up_to(12)
}

fn quantity() -> impl Strategy<Value = Quantity> {
    prop_oneof![
        quantity_text_up_to(40).prop_filter_map("parses", |s| s.parse::<Quantity>().ok()),
        (any::<i64>(), -15i32..=21).prop_map(|(v, s)| Quantity::from_scaled(v, s)),
        (any::<i64>())
            .prop_map(|v| Quantity::from_millis(v, acp_model::quantity::Format::BinarySI)),
    ]
}

/// Upstream prints values of 10^21 and above in `DecimalSI` without a suffix (there is none
/// above `E`), and `from_scaled` below nano likewise: those texts do not parse back.
fn printable(q: &Quantity) -> bool {
    let big: Quantity = "1e21".parse().unwrap();
    let abs = if q.sign() < 0 { -q } else { q.clone() };
    abs < big
        && (q.is_zero() || q.scaled_value(acp_model::quantity::NANO) != 0 && is_nano_multiple(q))
}

fn is_nano_multiple(q: &Quantity) -> bool {
    let n = Quantity::from_scaled(q.checked_scaled_value(-9).unwrap_or(0), -9);
    &n == q
}

proptest! {
    #![proptest_config(crate::support::proptest_config(2000))]

    #[test]
    fn parse_print_parse_is_identity(s in quantity_text()) {
        if let Ok(q) = s.parse::<Quantity>() {
            if !printable(&q) {
                return Ok(());
            }
            let printed = q.to_string();
            let again: Quantity = printed.parse().unwrap();
            prop_assert_eq!(&again, &q, "{} -> {}", s, printed);
            // print is a fixed point
            prop_assert_eq!(again.to_string(), printed.clone());
            let canonical = q.to_canonical_string();
            let c: Quantity = canonical.parse().unwrap();
            prop_assert_eq!(&c, &q);
            prop_assert_eq!(c.to_string(), canonical);
        }
    }

    #[test]
    fn display_is_input_or_canonical(s in quantity_text()) {
        if let Ok(q) = s.parse::<Quantity>() {
            let shown = q.to_string();
            prop_assert!(shown == s || shown == q.to_canonical_string(), "{} shown as {}", s, shown);
        }
    }

    #[test]
    fn order_is_total_and_matches_sub(a in quantity(), b in quantity(), c in quantity()) {
        let ab = a.cmp(&b);
        prop_assert_eq!(ab, b.cmp(&a).reverse());
        prop_assert_eq!(ab == Ordering::Equal, a == b);
        prop_assert_eq!((&a - &b).sign(), match ab { Ordering::Less => -1, Ordering::Equal => 0, Ordering::Greater => 1 });
        if a <= b && b <= c {
            prop_assert!(a <= c);
        }
    }

    #[test]
    fn add_is_commutative_and_associative(a in quantity(), b in quantity(), c in quantity()) {
        prop_assert_eq!(&a + &b, &b + &a);
        prop_assert_eq!(&(&a + &b) + &c, &a + &(&b + &c));
        prop_assert_eq!(&(&a + &b) - &b, a.clone());
        prop_assert_eq!(&a - &a, Quantity::ZERO);
        prop_assert_eq!(-(-&a), a.clone());
    }

    #[test]
    fn value_rounds_away_from_zero(a in quantity()) {
        if let Some(v) = a.checked_scaled_value(0) {
            let back = Quantity::from_int(v, acp_model::quantity::Format::DecimalSI);
            if a.sign() >= 0 {
                prop_assert!(back >= a && &back - &a < Quantity::from_int(1, acp_model::quantity::Format::DecimalSI));
            } else {
                prop_assert!(back <= a && &a - &back < Quantity::from_int(1, acp_model::quantity::Format::DecimalSI));
            }
        }
    }
}
