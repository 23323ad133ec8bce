//! An exact Kubernetes resource quantity (`k8s.io/apimachinery/pkg/api/resource.Quantity`).
//!
//! ```
//! use acp_model::quantity::{Format, Quantity};
//!
//! let mem: Quantity = "1.5Gi".parse()?;
//! assert_eq!(mem.to_string(), "1536Mi");
//! assert_eq!(mem.format(), Format::BinarySI);
//!
//! let cpu: Quantity = "0.1".parse()?;
//! assert_eq!(cpu.to_string(), "100m");
//! assert_eq!(cpu.milli_value(), 100);
//! assert_eq!(cpu.value(), 1); // rounds up, like Go's `Value()`
//!
//! let total = &cpu + &"250m".parse::<Quantity>()?;
//! assert_eq!(total.to_string(), "350m");
//! assert!(total > cpu);
//! assert_eq!("1000m".parse::<Quantity>()?, "1".parse::<Quantity>()?); // equal by value
//! # Ok::<(), acp_model::quantity::ParseQuantityError>(())
//! ```
//!
//! # Fidelity
//!
//! The behaviour follows apimachinery **v0.35.x** (Kubernetes 1.35; checked against v0.35.7,
//! whose `pkg/api/resource` is unchanged up to the upstream `master` of 2026-07 apart from
//! the new `QuantityPtrEqual` helper). Each rule below names the upstream function it follows.
//! The git history of `quantity.go`, `amount.go`, `math.go`, `scale_int.go` and `suffix.go`
//! shows no behavioural change to parsing, printing, comparison, `Add`/`Sub`/`Neg` or
//! `ScaledValue` since the package moved to apimachinery in January 2017 (later commits add
//! `Mul`, `AsApproximateFloat64`/`AsFloat64Slow`, CBOR, `QuantityValue`, and docs); so the
//! upstream quirks documented here (the missing suffix above `E`, the exponent truncation, the
//! inconsistent negative rounding of `Value()`) are long-standing, not recent.
//!
//! * **Parsing** (`ParseQuantity`, `parseQuantityString`, `suffixer.interpret`): the same
//!   grammar, the same three errors with the same texts, rounding of every non-zero value *up*
//!   (away from zero) to a whole number of nano units, and the cap of `BinarySI` values at
//!   `2^63-1` in magnitude (`"9Ei"` becomes `9223372036854775807`). A decimal exponent is read
//!   as a 64-bit integer and then truncated to 32 bits as upstream does (`int32(parsed)`), so
//!   `"1e4294967296"` is `1`. There is no upper bound: `"1e999999999"` parses.
//! * **Printing** ([`Display`](std::fmt::Display), `Quantity.String`): like upstream, a
//!   quantity parsed from a string keeps that exact string when upstream's parser keeps it
//!   (its `s` cache, filled only on the int64 fast path), even where the string is not
//!   canonical: `"+1"`, `"01"`, `"1.500"`, `"1E3"`, `"1e+3"` and `"5e0"` print back unchanged
//!   (upstream does this too, and so does the API server when it re-encodes them). Everything
//!   else, and every result of arithmetic, prints in canonical form
//!   ([`Quantity::to_canonical_string`], `CanonicalizeBytes`): `1.5Gi` → `1536Mi`, `0.1` →
//!   `100m`, `1000m` → `1`, `.000000000001Ki` → `2n`. As upstream, `DecimalSI` has no suffix
//!   above `E` (10^18) or below `n`, and `BinarySI` none above `Ei`: such values are printed as
//!   a bare mantissa, so `"1000E"` prints as `"1"` (an upstream bug we reproduce; the printed
//!   text then no longer parses back to the same value).
//! * **Comparison** (`Cmp`, `Equal`): by value, exactly, whatever the format. [`Eq`], [`Ord`]
//!   and [`Hash`] all use the value only.
//! * **Arithmetic** (`Add`, `Sub`, `Neg`): exact. The result keeps the format of the left
//!   operand unless the left operand is zero, in which case it takes the right operand's.
//!
//! # Deviations from upstream
//!
//! * [`Quantity::scaled_value`] (`ScaledValue`, `Value`, `MilliValue`) always rounds away
//!   from zero as upstream documents. Upstream does so only for quantities it stores as
//!   `int64Amount`; for the ones it stores as `inf.Dec` (parsed with more than 18 digits, a
//!   fractional binary amount, more than 9 decimals, or results of overflowing arithmetic) its
//!   `scaledValue` rounds negative values towards +∞ and off by one (`"-1.1Ki"`: upstream
//!   `-1125`, ours `-1127`; `"-1.5e-9"`: upstream `1`, ours `-1`). When the result does not fit
//!   an `i64`, upstream returns `0` (`int64Amount`) or a wrapped, platform-dependent value
//!   (`inf.Dec`, e.g. `"9Ei"` milli-value `-1000`); we always return `0`, and
//!   [`Quantity::checked_scaled_value`] reports the overflow.
//! * Upstream prints a `BinarySI` `int64Amount` equal to `-2^63` as `-9223372036854775808`;
//!   we print `-8Ei` as upstream does for the same value held as `inf.Dec`.
//! * Upstream computes scales in wrapping 32-bit arithmetic. We use exact 64-bit exponents
//!   after the explicit `int32` truncation of the parsed exponent, which only differs for
//!   exponents within a few units of ±2^31 (where upstream typically never finishes).
//! * Upstream's `Add`/`Sub` would build a billion-digit number for `1e999999999 + 1`. We are
//!   exact up to [`MAX_EXACT_DIGITS`] digits between the highest and lowest digit of the
//!   result; beyond that [`Quantity::checked_add`]/[`Quantity::checked_sub`] return `None` and
//!   the operators return the operand of larger magnitude (the other one is smaller than
//!   10^-1000000 of it). `BinarySI` values with more digits than that print in `DecimalSI`.
//! * [`Format`] is a closed enum: upstream's "unknown format prints as `DecimalExponent`" case
//!   cannot occur. [`Quantity::set_format`] also drops a kept input string (upstream keeps
//!   printing the cached string after `q.Format` is assigned).
//! * Serde: see [`Quantity`]'s `Deserialize` notes (JSON numbers with a fraction or exponent).

mod nat;
mod num;
mod serde_impl;

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;
use std::sync::Arc;

use nat::Nat;
use num::{Big, Num};

/// Exact arithmetic limit: [`Quantity::checked_add`] returns `None` when the exact result
/// would need more than this many decimal digits from its highest to its lowest digit.
pub const MAX_EXACT_DIGITS: u64 = num::MAX_EXACT_DIGITS;

/// `10^-9`, upstream `resource.Nano`; a scale for [`Quantity::scaled_value`].
pub const NANO: i32 = -9;
/// `10^-6`, upstream `resource.Micro`.
pub const MICRO: i32 = -6;
/// `10^-3`, upstream `resource.Milli`.
pub const MILLI: i32 = -3;
/// `10^3`, upstream `resource.Kilo`.
pub const KILO: i32 = 3;
/// `10^6`, upstream `resource.Mega`.
pub const MEGA: i32 = 6;
/// `10^9`, upstream `resource.Giga`.
pub const GIGA: i32 = 9;
/// `10^12`, upstream `resource.Tera`.
pub const TERA: i32 = 12;
/// `10^15`, upstream `resource.Peta`.
pub const PETA: i32 = 15;
/// `10^18`, upstream `resource.Exa`.
pub const EXA: i32 = 18;

/// How a quantity is printed (upstream `resource.Format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// `12e6`: a power-of-ten exponent that is a multiple of 3.
    DecimalExponent,
    /// `12Mi`: binary suffixes `Ki` … `Ei` (powers of 1024).
    BinarySI,
    /// `12M`: decimal suffixes `n`, `u`, `m`, `k`, `M`, `G`, `T`, `P`, `E`.
    DecimalSI,
}

impl Format {
    /// The upstream spelling (`"DecimalExponent"`, `"BinarySI"`, `"DecimalSI"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::DecimalExponent => "DecimalExponent",
            Format::BinarySI => "BinarySI",
            Format::DecimalSI => "DecimalSI",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a string is not a quantity; the texts are upstream's `ErrFormatWrong`, `ErrNumeric`
/// and `ErrSuffix`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ParseQuantityError {
    /// The string does not have the shape `<number><suffix>` (upstream `ErrFormatWrong`).
    #[error(
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    )]
    FormatWrong,
    /// The number has no digit (upstream `ErrNumeric`, e.g. `".Pi"`).
    #[error("unable to parse numeric part of quantity")]
    Numeric,
    /// The suffix is not one of the known ones (upstream `ErrSuffix`, e.g. `"1ki"`).
    #[error("unable to parse quantity's suffix")]
    Suffix,
}

/// An exact Kubernetes quantity: a decimal number of any size and precision (never a float),
/// a [`Format`] that decides how it prints, and possibly the string it was parsed from (see
/// the [module docs](self)).
///
/// Cloning is cheap: small values are inline and big ones are shared (`Arc`).
#[derive(Clone)]
pub struct Quantity {
    num: Num,
    format: Format,
    /// The input string when upstream would print it back verbatim and it differs from the
    /// canonical form.
    verbatim: Option<Arc<str>>,
}

impl Quantity {
    /// Zero, `DecimalSI`.
    pub const ZERO: Quantity = Quantity {
        num: Num::ZERO,
        format: Format::DecimalSI,
        verbatim: None,
    };

    /// `value` units in `format` (upstream `NewQuantity`).
    pub fn from_int(value: i64, format: Format) -> Quantity {
        Quantity {
            num: Num::Small {
                mant: value,
                exp: 0,
            },
            format,
            verbatim: None,
        }
    }

    /// `value / 1000` in `format` (upstream `NewMilliQuantity`). A `BinarySI` quantity with a
    /// fraction prints as `DecimalSI`.
    pub fn from_millis(value: i64, format: Format) -> Quantity {
        Quantity {
            num: Num::Small {
                mant: value,
                exp: -3,
            },
            format,
            verbatim: None,
        }
    }

    /// `value · 10^scale` in `DecimalSI` (upstream `NewScaledQuantity`). Not rounded: a scale
    /// below [`NANO`] is kept exactly (and, as upstream, prints without a suffix).
    pub fn from_scaled(value: i64, scale: i32) -> Quantity {
        Quantity {
            num: Num::Small {
                mant: value,
                exp: scale,
            },
            format: Format::DecimalSI,
            verbatim: None,
        }
    }

    /// Parses `s` with upstream's grammar and rounding (`ParseQuantity`). Surrounding
    /// whitespace is an error here (the serde path trims it, as upstream's `UnmarshalJSON`).
    pub fn parse(s: &str) -> Result<Quantity, ParseQuantityError> {
        parse(s)
    }

    /// The format this quantity prints in.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Changes the format (upstream assigns `q.Format`); drops a kept input string.
    // DEVIATION: drops the kept input string; upstream keeps printing the cached string after
    // `q.Format` is assigned. `Format` is closed, so upstream's unknown-format case cannot occur.
    pub fn set_format(&mut self, format: Format) {
        self.format = format;
        self.verbatim = None;
    }

    /// This quantity with another format.
    #[must_use]
    pub fn with_format(mut self, format: Format) -> Quantity {
        self.set_format(format);
        self
    }

    /// `true` when the value is zero (upstream `IsZero`).
    pub fn is_zero(&self) -> bool {
        self.num.signum() == 0
    }

    /// `-1`, `0` or `1` (upstream `Sign`).
    pub fn sign(&self) -> i32 {
        self.num.signum()
    }

    /// Compares with an integer (upstream `CmpInt64`).
    pub fn cmp_int64(&self, v: i64) -> Ordering {
        self.num.cmp(&Num::Small { mant: v, exp: 0 })
    }

    /// `ceil(q / 10^scale)` rounded away from zero, or `None` when it does not fit an `i64`.
    pub fn checked_scaled_value(&self, scale: i32) -> Option<i64> {
        self.num.scaled_i64(scale)
    }

    /// `q / 10^scale` rounded away from zero (upstream `ScaledValue`); `0` when the result
    /// does not fit an `i64` (see the module docs for how upstream differs there).
    // DEVIATION: always rounds away from zero, as upstream documents; upstream rounds
    // `inf.Dec`-held negatives towards +inf, and returns 0 or a wrapped value on i64 overflow where
    // we return 0 (see `checked_scaled_value`).
    pub fn scaled_value(&self, scale: i32) -> i64 {
        self.checked_scaled_value(scale).unwrap_or(0)
    }

    /// The value rounded away from zero to an integer (upstream `Value`): `"0.1"` → `1`.
    pub fn value(&self) -> i64 {
        self.scaled_value(0)
    }

    /// The value in thousandths, rounded away from zero (upstream `MilliValue`).
    pub fn milli_value(&self) -> i64 {
        self.scaled_value(MILLI)
    }

    /// The canonical form (upstream `CanonicalizeBytes`), ignoring a kept input string:
    /// `"+1"` parses to a quantity that prints `+1` but whose canonical form is `1`.
    pub fn to_canonical_string(&self) -> String {
        let mut out = String::with_capacity(24);
        self.write_canonical(&mut out);
        out
    }

    /// The exact sum, or `None` past [`MAX_EXACT_DIGITS`]. The format is `self`'s, or `rhs`'s
    /// when `self` is zero (upstream `Add`).
    // DEVIATION: exact only up to MAX_EXACT_DIGITS digits; beyond that `None` (the operators keep
    // the larger operand) where upstream builds an arbitrarily long number.
    pub fn checked_add(&self, rhs: &Quantity) -> Option<Quantity> {
        let num = self.num.add(&rhs.num)?;
        Some(Quantity {
            num,
            format: self.result_format(rhs),
            verbatim: None,
        })
    }

    /// The exact difference, or `None` past [`MAX_EXACT_DIGITS`]. The format is `self`'s, or
    /// `rhs`'s when `self` is zero (upstream `Sub`).
    pub fn checked_sub(&self, rhs: &Quantity) -> Option<Quantity> {
        let num = self.num.add(&rhs.num.neg())?;
        Some(Quantity {
            num,
            format: self.result_format(rhs),
            verbatim: None,
        })
    }

    fn result_format(&self, rhs: &Quantity) -> Format {
        if self.is_zero() {
            rhs.format
        } else {
            self.format
        }
    }

    /// Sum or difference; past the exactness limit, the operand of larger magnitude.
    fn add_or_dominant(&self, rhs: &Quantity, negate_rhs: bool) -> Quantity {
        let r = if negate_rhs {
            rhs.num.neg()
        } else {
            rhs.num.clone()
        };
        let num = match self.num.add(&r) {
            Some(n) => n,
            None => {
                if self.num.to_big().cmp_abs(&r.to_big()) == Ordering::Less {
                    r
                } else {
                    self.num.clone()
                }
            }
        };
        Quantity {
            num,
            format: self.result_format(rhs),
            verbatim: None,
        }
    }

    fn write_canonical(&self, out: &mut impl fmt::Write) {
        if self.is_zero() {
            let _ = out.write_char('0');
            return;
        }
        match self.format {
            Format::DecimalExponent | Format::DecimalSI => {
                write_decimal(&self.num, self.format, out)
            }
            Format::BinarySI => {
                if self.num.cmp_abs_int(1024) == Ordering::Less {
                    return write_decimal(&self.num, Format::DecimalSI, out);
                }
                let (rounded, exact) = self.num.round_away(0);
                if !exact || !write_binary(&rounded, out) {
                    write_decimal(&self.num, Format::DecimalSI, out);
                }
            }
        }
    }
}

fn decimal_suffix(exp: i64, format: Format, out: &mut impl fmt::Write) {
    match format {
        Format::DecimalExponent => {
            if exp != 0 {
                let _ = write!(out, "e{exp}");
            }
        }
        _ => {
            let _ = out.write_str(match exp {
                -9 => "n",
                -6 => "u",
                -3 => "m",
                3 => "k",
                6 => "M",
                9 => "G",
                12 => "T",
                15 => "P",
                18 => "E",
                // upstream `listSuffixer.construct` has no entry: the suffix is left out.
                _ => "",
            });
        }
    }
}

/// Writes `u` in decimal without going through `fmt`.
fn push_u128(mut u: u128, out: &mut impl fmt::Write) {
    let mut buf = [0u8; 40];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (u % 10) as u8;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    // only ASCII digits were written
    let _ = out.write_str(std::str::from_utf8(&buf[i..]).unwrap_or_default());
}

/// Upstream `AsCanonicalBytes` + `constructBytes(10, …)`: strip trailing zeros, lower the
/// exponent to a multiple of three.
fn write_decimal(num: &Num, format: Format, out: &mut impl fmt::Write) {
    match num {
        Num::Small { mant, exp } => {
            let mut m = mant.unsigned_abs();
            let mut e = i64::from(*exp);
            while m != 0 && m % 10 == 0 {
                m /= 10;
                e += 1;
            }
            let r = e.rem_euclid(3);
            let m = u128::from(m) * u128::from(nat::POW10[r as usize]);
            if *mant < 0 {
                let _ = out.write_char('-');
            }
            push_u128(m, out);
            decimal_suffix(e - r, format, out);
        }
        Num::Big(b) => {
            let n = b.normalized();
            let r = n.exp.rem_euclid(3);
            let mut m = n.mag;
            m.mul_small(nat::POW10[r as usize]);
            if n.neg {
                let _ = out.write_char('-');
            }
            m.write_decimal(out);
            decimal_suffix(n.exp - r, format, out);
        }
    }
}

/// Upstream `AsCanonicalBase1024Bytes` + `constructBytes(2, …)` for an integer value.
/// Returns `false` (writing nothing) when the integer has more than [`MAX_EXACT_DIGITS`]
/// digits.
fn write_binary(num: &Num, out: &mut impl fmt::Write) -> bool {
    let neg = num.signum() < 0;
    let small = match num {
        Num::Small { mant, exp } if *exp >= 0 && *exp <= 19 => {
            Some(u128::from(mant.unsigned_abs()) * u128::from(nat::POW10[*exp as usize]))
        }
        _ => None,
    };
    let mut k = 0usize;
    if let Some(mut m) = small {
        while m != 0 && m % 1024 == 0 {
            m /= 1024;
            k += 1;
        }
        if neg {
            let _ = out.write_char('-');
        }
        push_u128(m, out);
    } else {
        let Some(mut m) = num.to_big().integer_magnitude(MAX_EXACT_DIGITS) else {
            return false;
        };
        while !m.is_zero() && m.rem_1024() == 0 {
            m.div_rem_small(1024);
            k += 1;
        }
        if neg {
            let _ = out.write_char('-');
        }
        m.write_decimal(out);
    }
    let _ = out.write_str(match k {
        1 => "Ki",
        2 => "Mi",
        3 => "Gi",
        4 => "Ti",
        5 => "Pi",
        6 => "Ei",
        // No suffix for 1024^0, nor (upstream gap) above `Ei`.
        _ => "",
    });
    true
}

// ---------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------

/// The pieces upstream's `parseQuantityString` cuts a quantity into.
struct Pieces<'a> {
    positive: bool,
    /// Sign, integer digits (with leading zeros), point and fraction digits.
    value: &'a [u8],
    /// Integer digits without leading zeros; `"0"` when there are none.
    num: &'a [u8],
    denom: &'a [u8],
    suffix: &'a [u8],
}

const SUFFIX_LETTERS: &[u8] = b"eEinumkKMGTP";

/// Upstream `parseQuantityString`, byte for byte.
fn scan(s: &[u8]) -> Result<Pieces<'_>, ParseQuantityError> {
    let end = s.len();
    let mut pos = 0;
    let mut positive = true;
    match s.first() {
        Some(b'-') => {
            positive = false;
            pos += 1;
        }
        Some(b'+') => pos += 1,
        _ => {}
    }
    while pos < end && s[pos] == b'0' {
        pos += 1;
    }
    if pos >= end {
        return Ok(Pieces {
            positive,
            value: b"0",
            num: b"0",
            denom: b"",
            suffix: b"",
        });
    }
    let num_start = pos;
    while pos < end && s[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos >= end {
        return Ok(Pieces {
            positive,
            value: s,
            num: &s[num_start..],
            denom: b"",
            suffix: b"",
        });
    }
    let num: &[u8] = if pos == num_start {
        b"0"
    } else {
        &s[num_start..pos]
    };
    let mut denom: &[u8] = b"";
    if s[pos] == b'.' {
        pos += 1;
        let denom_start = pos;
        while pos < end && s[pos].is_ascii_digit() {
            pos += 1;
        }
        if pos >= end {
            return Ok(Pieces {
                positive,
                value: s,
                num,
                denom: &s[denom_start..],
                suffix: b"",
            });
        }
        denom = &s[denom_start..pos];
    }
    let value = &s[..pos];
    let suffix_start = pos;
    while pos < end && SUFFIX_LETTERS.contains(&s[pos]) {
        pos += 1;
    }
    if pos < end && (s[pos] == b'-' || s[pos] == b'+') {
        pos += 1;
    }
    while pos < end && s[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos >= end {
        Ok(Pieces {
            positive,
            value,
            num,
            denom,
            suffix: &s[suffix_start..],
        })
    } else {
        Err(ParseQuantityError::FormatWrong)
    }
}

/// Upstream `suffixHandler.interpret`: base, exponent and format of a suffix.
fn interpret(suffix: &[u8]) -> Option<(u32, i32, Format)> {
    use Format::*;
    Some(match suffix {
        b"" => (10, 0, DecimalSI),
        b"n" => (10, -9, DecimalSI),
        b"u" => (10, -6, DecimalSI),
        b"m" => (10, -3, DecimalSI),
        b"k" => (10, 3, DecimalSI),
        b"M" => (10, 6, DecimalSI),
        b"G" => (10, 9, DecimalSI),
        b"T" => (10, 12, DecimalSI),
        b"P" => (10, 15, DecimalSI),
        b"E" => (10, 18, DecimalSI),
        b"Ki" => (2, 10, BinarySI),
        b"Mi" => (2, 20, BinarySI),
        b"Gi" => (2, 30, BinarySI),
        b"Ti" => (2, 40, BinarySI),
        b"Pi" => (2, 50, BinarySI),
        b"Ei" => (2, 60, BinarySI),
        [b'e' | b'E', rest @ ..] if !rest.is_empty() => {
            // DEVIATION: after the int32 truncation, scales are exact 64-bit exponents; upstream
            // computes them in wrapping 32-bit arithmetic (differs only within a few units of
            // ±2^31).
            // upstream: `int32(parsed)`, a truncation.
            (
                10,
                crate::go::atoi_bytes(rest).ok()? as i32,
                DecimalExponent,
            )
        }
        _ => return None,
    })
}

/// Does the verbatim text differ from what canonical printing would produce, given that
/// upstream's fast path decided to keep it?
fn verbatim_differs(s: &[u8], p: &Pieces<'_>, format: Format, exponent: i32) -> bool {
    let first_digit = if s[0] == b'-' { s.get(1) } else { s.first() };
    if s[0] == b'+' || first_digit == Some(&b'0') || p.value.contains(&b'.') {
        return true;
    }
    if format != Format::DecimalExponent {
        return false;
    }
    // canonical suffix: "" for 0, else 'e' + the decimal exponent.
    match p.suffix {
        [b'e', rest @ ..] if exponent != 0 => {
            let digits = rest.strip_prefix(b"-").unwrap_or(rest);
            !(digits.first().is_some_and(|d| (b'1'..=b'9').contains(d))
                && crate::go::atoi_bytes(rest) == Ok(i64::from(exponent)))
        }
        _ => true,
    }
}

// Upstream: `ParseQuantity`; its two branches are `parse_int64` and `parse_inf_dec` here.
fn parse(str: &str) -> Result<Quantity, ParseQuantityError> {
    let s = str.as_bytes();
    if s.is_empty() {
        return Err(ParseQuantityError::FormatWrong);
    }
    if s == b"0" {
        return Ok(Quantity::ZERO);
    }
    let p = scan(s)?;
    let (base, exponent, format) = interpret(p.suffix).ok_or(ParseQuantityError::Suffix)?;
    if let Some(q) = parse_int64(str, &p, format, exponent) {
        return Ok(q);
    }
    parse_inf_dec(&p, base, exponent, format)
}

/// `ParseQuantity`'s int64 fast path: `None` when the value needs the `inf.Dec` path.
fn parse_int64(str: &str, p: &Pieces<'_>, format: Format, exponent: i32) -> Option<Quantity> {
    let s = str.as_bytes();
    let digits = (p.num.len() + p.denom.len()) as i64;
    let (precision, mut scale, multiplier) = match format {
        Format::BinarySI if p.denom.is_empty() => (
            14 - p.num.len() as i64 - i64::from(exponent) * 3 / 10,
            0i64,
            1i64 << exponent,
        ),
        Format::BinarySI => (-1, 0, 1),
        _ => (18 - digits, i64::from(exponent), 1),
    };
    if precision >= 0 {
        scale -= p.denom.len() as i64;
        if scale >= i64::from(NANO) {
            let mut value: i64 = 0;
            for &d in p.num.iter().chain(p.denom) {
                value = value * 10 + i64::from(d - b'0');
            }
            if let Some(mut result) = value.checked_mul(multiplier) {
                if !p.positive {
                    result = -result;
                }
                let keep = match format {
                    Format::BinarySI => value & 0x07 != 0,
                    _ => {
                        let shifted_at = |i: usize| -> u8 {
                            if i < p.num.len() {
                                p.num[i]
                            } else {
                                p.denom[i - p.num.len()]
                            }
                        };
                        let n = digits as usize;
                        scale % 3 == 0
                            && !(n >= 3 && (1..=3).all(|k| shifted_at(n - k) == b'0'))
                            && shifted_at(0) != b'0'
                    }
                };
                let verbatim =
                    (keep && verbatim_differs(s, p, format, exponent)).then(|| Arc::from(str));
                // scale is within [-9, i32::MAX] here.
                let exp = scale as i32;
                return Some(Quantity {
                    num: Num::Small { mant: result, exp },
                    format,
                    verbatim,
                });
            }
        }
    }
    None
}

/// `ParseQuantity`'s `inf.Dec` path: any magnitude, rounded up to nano units.
fn parse_inf_dec(
    p: &Pieces<'_>,
    base: u32,
    exponent: i32,
    format: Format,
) -> Result<Quantity, ParseQuantityError> {
    let mut ds: Vec<u8> = Vec::with_capacity(p.value.len());
    let mut frac_len: i64 = 0;
    let mut after_point = false;
    for &c in p.value {
        match c {
            b'0'..=b'9' => {
                ds.push(c);
                if after_point {
                    frac_len += 1;
                }
            }
            b'.' => after_point = true,
            _ => {}
        }
    }
    if ds.is_empty() {
        return Err(ParseQuantityError::Numeric);
    }
    let mut mag = Nat::from_ascii_digits(&ds);
    let mut exp = -frac_len;
    if base == 10 {
        exp += i64::from(exponent);
    } else {
        mag.mul_small(1u64 << exponent);
    }
    let neg = !p.positive && !mag.is_zero();
    let mut big = Big { neg, mag, exp };
    let mut format = format;
    if !big.mag.is_zero() {
        big = big.round_away(i64::from(NANO)).0;
        if format == Format::BinarySI {
            let max = Big {
                neg: false,
                mag: Nat::from_u128(i64::MAX as u128),
                exp: 0,
            };
            if big.cmp_abs(&max) == Ordering::Greater {
                big = Big { neg, ..max };
            }
            let one = Big {
                neg: false,
                mag: Nat::from_u128(1),
                exp: 0,
            };
            if big.cmp_abs(&one) == Ordering::Less {
                format = Format::DecimalSI;
            }
        }
    }
    Ok(Quantity {
        num: Num::from_big(big),
        format,
        verbatim: None,
    })
}

// ---------------------------------------------------------------------------------------
// Traits
// ---------------------------------------------------------------------------------------

impl Default for Quantity {
    fn default() -> Self {
        Quantity::ZERO
    }
}

// DEVIATION: a BinarySI value equal to -2^63 prints as `-8Ei` (upstream's `inf.Dec` form); upstream
// prints its `int64Amount` as `-9223372036854775808`.
impl fmt::Display for Quantity {
    /// Upstream `String()`: the kept input string, else the canonical form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(v) = &self.verbatim {
            return f.write_str(v);
        }
        if let Num::Small { .. } = self.num {
            // at most a sign, 39 digits and `e-2147483648`
            let mut out = StackBuf {
                buf: [0; 64],
                len: 0,
            };
            self.write_canonical(&mut out);
            return f.write_str(out.as_str());
        }
        let mut out = String::with_capacity(24);
        self.write_canonical(&mut out);
        f.write_str(&out)
    }
}

/// A fixed buffer for printing small quantities without allocating.
struct StackBuf {
    buf: [u8; 64],
    len: usize,
}

impl StackBuf {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}

impl fmt::Write for StackBuf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let dst = self.buf.get_mut(self.len..end).ok_or(fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

impl fmt::Debug for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Quantity({:?}, {})", self.to_string(), self.format)
    }
}

impl FromStr for Quantity {
    type Err = ParseQuantityError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s)
    }
}

impl TryFrom<&str> for Quantity {
    type Error = ParseQuantityError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        parse(s)
    }
}

impl TryFrom<String> for Quantity {
    type Error = ParseQuantityError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        parse(&s)
    }
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Self) -> bool {
        self.num.cmp(&other.num) == Ordering::Equal
    }
}

impl Eq for Quantity {}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Quantity {
    /// By value (upstream `Cmp`).
    fn cmp(&self, other: &Self) -> Ordering {
        self.num.cmp(&other.num)
    }
}

impl Hash for Quantity {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let (neg, exp, mag) = self.num.hash_parts();
        neg.hash(state);
        exp.hash(state);
        mag.limbs().hash(state);
    }
}

impl Neg for Quantity {
    type Output = Quantity;
    /// Upstream `Neg`: same format.
    fn neg(self) -> Quantity {
        -&self
    }
}

impl Neg for &Quantity {
    type Output = Quantity;
    fn neg(self) -> Quantity {
        Quantity {
            num: self.num.neg(),
            format: self.format,
            verbatim: None,
        }
    }
}

macro_rules! binop {
    ($tr:ident, $m:ident, $atr:ident, $am:ident, $neg:expr) => {
        impl $tr<&Quantity> for &Quantity {
            type Output = Quantity;
            fn $m(self, rhs: &Quantity) -> Quantity {
                self.add_or_dominant(rhs, $neg)
            }
        }
        impl $tr<Quantity> for Quantity {
            type Output = Quantity;
            fn $m(self, rhs: Quantity) -> Quantity {
                self.add_or_dominant(&rhs, $neg)
            }
        }
        impl $tr<&Quantity> for Quantity {
            type Output = Quantity;
            fn $m(self, rhs: &Quantity) -> Quantity {
                self.add_or_dominant(rhs, $neg)
            }
        }
        impl $atr<&Quantity> for Quantity {
            fn $am(&mut self, rhs: &Quantity) {
                *self = self.add_or_dominant(rhs, $neg);
            }
        }
        impl $atr<Quantity> for Quantity {
            fn $am(&mut self, rhs: Quantity) {
                *self = self.add_or_dominant(&rhs, $neg);
            }
        }
    };
}
binop!(Add, add, AddAssign, add_assign, false);
binop!(Sub, sub, SubAssign, sub_assign, true);

impl std::iter::Sum for Quantity {
    fn sum<I: Iterator<Item = Quantity>>(iter: I) -> Quantity {
        iter.fold(Quantity::ZERO, |a, b| a + b)
    }
}

impl<'a> std::iter::Sum<&'a Quantity> for Quantity {
    fn sum<I: Iterator<Item = &'a Quantity>>(iter: I) -> Quantity {
        iter.fold(Quantity::ZERO, |a, b| a + b)
    }
}

impl From<Quantity> for k8s_openapi::apimachinery::pkg::api::resource::Quantity {
    fn from(q: Quantity) -> Self {
        k8s_openapi::apimachinery::pkg::api::resource::Quantity(q.to_string())
    }
}

impl From<&Quantity> for k8s_openapi::apimachinery::pkg::api::resource::Quantity {
    fn from(q: &Quantity) -> Self {
        k8s_openapi::apimachinery::pkg::api::resource::Quantity(q.to_string())
    }
}

impl TryFrom<&k8s_openapi::apimachinery::pkg::api::resource::Quantity> for Quantity {
    type Error = ParseQuantityError;
    /// Trims surrounding whitespace first, as upstream's `UnmarshalJSON` does.
    fn try_from(
        q: &k8s_openapi::apimachinery::pkg::api::resource::Quantity,
    ) -> Result<Self, Self::Error> {
        parse(q.0.trim())
    }
}

impl TryFrom<k8s_openapi::apimachinery::pkg::api::resource::Quantity> for Quantity {
    type Error = ParseQuantityError;
    fn try_from(
        q: k8s_openapi::apimachinery::pkg::api::resource::Quantity,
    ) -> Result<Self, Self::Error> {
        Quantity::try_from(&q)
    }
}

#[cfg(test)]
mod tests;
