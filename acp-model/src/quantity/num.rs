//! Exact decimal numbers `mantissa · 10^exponent`: an `i64`/`i32` fast path and a
//! [`Nat`]-backed slow path. Every operation here is exact; the only inexact operation,
//! rounding, says so.

use std::cmp::Ordering;
use std::sync::Arc;

use super::nat::{Nat, POW10};

/// An exact result of [`Num::add`] is refused when it would need more than this many decimal
/// digits between its highest and lowest digit (see [`super::MAX_EXACT_DIGITS`]).
pub(crate) const MAX_EXACT_DIGITS: u64 = 1_000_000;

/// A signed decimal with an arbitrary-precision magnitude.
#[derive(Clone, Debug)]
pub(crate) struct Big {
    pub(crate) neg: bool,
    pub(crate) mag: Nat,
    pub(crate) exp: i64,
}

/// An exact decimal number: `mant · 10^exp`, or the big form when that does not fit.
#[derive(Clone, Debug)]
pub(crate) enum Num {
    Small { mant: i64, exp: i32 },
    Big(Arc<Big>),
}

fn pow10_i128(k: u32) -> i128 {
    10i128.pow(k)
}

impl Big {
    pub(crate) fn zero() -> Big {
        Big {
            neg: false,
            mag: Nat::default(),
            exp: 0,
        }
    }

    fn is_zero(&self) -> bool {
        self.mag.is_zero()
    }

    fn from_i128(v: i128, exp: i64) -> Big {
        Big {
            neg: v < 0,
            mag: Nat::from_u128(v.unsigned_abs()),
            exp,
        }
    }

    /// Highest decimal position + 1 (`value < 10^top`); only meaningful when non-zero.
    fn top(&self) -> i128 {
        i128::from(self.exp) + i128::from(self.mag.num_digits())
    }

    /// Compares magnitudes without ever materialising a power of ten larger than the operands.
    pub(crate) fn cmp_abs(&self, other: &Big) -> Ordering {
        match (self.is_zero(), other.is_zero()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            _ => {}
        }
        let by_top = self.top().cmp(&other.top());
        if by_top != Ordering::Equal {
            return by_top;
        }
        // Same top: the exponent gap is bounded by the digit counts.
        match self.exp.cmp(&other.exp) {
            Ordering::Equal => self.mag.cmp(&other.mag),
            Ordering::Greater => self
                .mag
                .mul_pow10(self.exp.abs_diff(other.exp))
                .cmp(&other.mag),
            Ordering::Less => self
                .mag
                .cmp(&other.mag.mul_pow10(other.exp.abs_diff(self.exp))),
        }
    }

    pub(crate) fn cmp(&self, other: &Big) -> Ordering {
        let sa = if self.is_zero() {
            0
        } else if self.neg {
            -1
        } else {
            1
        };
        let sb = if other.is_zero() {
            0
        } else if other.neg {
            -1
        } else {
            1
        };
        if sa != sb {
            return sa.cmp(&sb);
        }
        let abs = self.cmp_abs(other);
        if sa < 0 { abs.reverse() } else { abs }
    }

    /// Exact sum, or `None` when it would span more than [`MAX_EXACT_DIGITS`] digits.
    pub(crate) fn add(&self, other: &Big) -> Option<Big> {
        if other.is_zero() {
            return Some(self.clone());
        }
        if self.is_zero() {
            return Some(other.clone());
        }
        let low = self.exp.min(other.exp);
        let span = self.top().max(other.top()) - i128::from(low);
        if span > i128::from(MAX_EXACT_DIGITS) {
            return None;
        }
        let a = self.mag.mul_pow10(self.exp.abs_diff(low));
        let b = other.mag.mul_pow10(other.exp.abs_diff(low));
        let (neg, mag) = if self.neg == other.neg {
            (self.neg, a.add(&b))
        } else if a >= b {
            (self.neg, a.sub(&b))
        } else {
            (other.neg, b.sub(&a))
        };
        let neg = neg && !mag.is_zero();
        Some(Big { neg, mag, exp: low })
    }

    /// Rounds away from zero to a multiple of `10^target`; `true` when nothing was lost.
    pub(crate) fn round_away(&self, target: i64) -> (Big, bool) {
        if self.exp >= target || self.is_zero() {
            return (self.clone(), true);
        }
        let (q, inexact) = self.mag.div_pow10(self.exp.abs_diff(target));
        let mag = if inexact { q.add_one() } else { q };
        (
            Big {
                neg: self.neg,
                mag,
                exp: target,
            },
            !inexact,
        )
    }

    /// Removes trailing decimal zeros of the mantissa.
    pub(crate) fn normalized(&self) -> Big {
        if self.is_zero() {
            return Big::zero();
        }
        let tz = self.mag.trailing_zeros();
        if tz == 0 {
            return self.clone();
        }
        Big {
            neg: self.neg,
            mag: self.mag.div_pow10(tz).0,
            exp: self.exp.saturating_add(tz as i64),
        }
    }

    /// The integer `|self|` when `self` is an integer with at most `max_digits` digits.
    pub(crate) fn integer_magnitude(&self, max_digits: u64) -> Option<Nat> {
        if self.is_zero() {
            return Some(Nat::default());
        }
        if self.exp < 0 {
            let (q, inexact) = self.mag.div_pow10(self.exp.unsigned_abs());
            return if inexact { None } else { Some(q) };
        }
        if self.top() > i128::from(max_digits) {
            return None;
        }
        Some(self.mag.mul_pow10(self.exp.unsigned_abs()))
    }
}

impl Num {
    pub(crate) const ZERO: Num = Num::Small { mant: 0, exp: 0 };

    pub(crate) fn from_i128(v: i128, exp: i64) -> Num {
        match (i64::try_from(v), i32::try_from(exp)) {
            (Ok(mant), Ok(exp)) => Num::Small { mant, exp },
            _ => Num::from_big(Big::from_i128(v, exp)),
        }
    }

    /// Normalises a big value back to the fast form when it fits.
    pub(crate) fn from_big(b: Big) -> Num {
        if b.is_zero() {
            return Num::ZERO;
        }
        let b = b.normalized();
        if let (Some(m), Ok(exp)) = (b.mag.to_u128(), i32::try_from(b.exp))
            && m <= 1 << 63
        {
            let v = if b.neg { -(m as i128) } else { m as i128 };
            if let Ok(mant) = i64::try_from(v) {
                return Num::Small { mant, exp };
            }
        }
        Num::Big(Arc::new(b))
    }

    pub(crate) fn to_big(&self) -> Big {
        match self {
            Num::Small { mant, exp } => Big::from_i128(i128::from(*mant), i64::from(*exp)),
            Num::Big(b) => Big::clone(b),
        }
    }

    pub(crate) fn signum(&self) -> i32 {
        match self {
            Num::Small { mant, .. } => mant.signum() as i32,
            Num::Big(b) => {
                if b.is_zero() {
                    0
                } else if b.neg {
                    -1
                } else {
                    1
                }
            }
        }
    }

    pub(crate) fn cmp(&self, other: &Num) -> Ordering {
        if let (Num::Small { mant: a, exp: ea }, Num::Small { mant: b, exp: eb }) = (self, other) {
            if ea == eb {
                return a.cmp(b);
            }
            let d = i64::from(*ea) - i64::from(*eb);
            if d.abs() <= 18 {
                let (a, b) = (i128::from(*a), i128::from(*b));
                return if d > 0 {
                    (a * pow10_i128(d as u32)).cmp(&b)
                } else {
                    a.cmp(&(b * pow10_i128((-d) as u32)))
                };
            }
        }
        self.to_big().cmp(&other.to_big())
    }

    /// Compares the magnitude with `1024`-style small integers.
    pub(crate) fn cmp_abs_int(&self, v: u64) -> Ordering {
        if let Num::Small { mant, exp } = self {
            let m = i128::from(mant.unsigned_abs());
            let v = i128::from(v);
            if (0..=18).contains(exp) {
                return (m * pow10_i128(*exp as u32)).cmp(&v);
            }
            if (-18..0).contains(exp) {
                return m.cmp(&(v * pow10_i128(exp.unsigned_abs())));
            }
        }
        let v = Big {
            neg: false,
            mag: Nat::from_u128(u128::from(v)),
            exp: 0,
        };
        self.to_big().cmp_abs(&v)
    }

    pub(crate) fn neg(&self) -> Num {
        match self {
            Num::Small { mant, exp } => match mant.checked_neg() {
                Some(m) => Num::Small { mant: m, exp: *exp },
                None => Num::from_i128(-i128::from(*mant), i64::from(*exp)),
            },
            Num::Big(b) => {
                let mut b = Big::clone(b);
                b.neg = !b.neg && !b.is_zero();
                Num::Big(Arc::new(b))
            }
        }
    }

    /// Exact sum, or `None` beyond [`MAX_EXACT_DIGITS`].
    pub(crate) fn add(&self, other: &Num) -> Option<Num> {
        if let (Num::Small { mant: a, exp: ea }, Num::Small { mant: b, exp: eb }) = (self, other) {
            if *b == 0 {
                return Some(self.clone());
            }
            if *a == 0 {
                return Some(other.clone());
            }
            if ea == eb {
                return Some(match a.checked_add(*b) {
                    Some(mant) => Num::Small { mant, exp: *ea },
                    None => Num::from_i128(i128::from(*a) + i128::from(*b), i64::from(*ea)),
                });
            }
            let d = i64::from(*ea) - i64::from(*eb);
            if d.abs() <= 18 {
                let (a, b) = (i128::from(*a), i128::from(*b));
                return Some(if d > 0 {
                    Num::from_i128(a * pow10_i128(d as u32) + b, i64::from(*eb))
                } else {
                    Num::from_i128(a + b * pow10_i128((-d) as u32), i64::from(*ea))
                });
            }
        }
        self.to_big().add(&other.to_big()).map(Num::from_big)
    }

    /// Rounds away from zero to a multiple of `10^target`; `true` when exact.
    pub(crate) fn round_away(&self, target: i64) -> (Num, bool) {
        if let Num::Small { mant, exp } = self {
            let exp = i64::from(*exp);
            if exp >= target || *mant == 0 {
                return (self.clone(), true);
            }
            let k = target - exp;
            if k > 18 {
                return (Num::from_i128(i128::from(mant.signum()), target), false);
            }
            let p = POW10[k as usize] as i64;
            let (q, r) = (mant / p, mant % p);
            let q = if r != 0 { q + mant.signum() } else { q };
            return (Num::from_i128(i128::from(q), target), r == 0);
        }
        let (b, exact) = self.to_big().round_away(target);
        (Num::from_big(b), exact)
    }

    /// `self / 10^scale` rounded away from zero, when it fits an `i64`.
    pub(crate) fn scaled_i64(&self, scale: i32) -> Option<i64> {
        let (r, _) = self.round_away(i64::from(scale));
        match r {
            Num::Small { mant, exp } => {
                let k = i64::from(exp) - i64::from(scale);
                if mant == 0 {
                    Some(0)
                } else if k > 18 {
                    None
                } else {
                    mant.checked_mul(POW10[k as usize] as i64)
                }
            }
            Num::Big(b) => {
                let k = b.exp - i64::from(scale);
                if k > 18 {
                    return None;
                }
                let m = b
                    .mag
                    .to_u128()?
                    .checked_mul(u128::from(POW10[k.max(0) as usize]))?;
                let v = if b.neg {
                    -i128::try_from(m).ok()?
                } else {
                    i128::try_from(m).ok()?
                };
                i64::try_from(v).ok()
            }
        }
    }

    /// The normal form used for hashing: sign, exponent and the limbs of the stripped mantissa.
    pub(crate) fn hash_parts(&self) -> (bool, i64, Nat) {
        let b = self.to_big().normalized();
        (b.neg, b.exp, b.mag)
    }
}
