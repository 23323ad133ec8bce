//! A minimal arbitrary-precision natural number for the slow path of [`super::Quantity`].
//!
//! Limbs are base 10^19, little-endian, with no zero limb at the top (zero is the empty
//! vector). Decimal limbs make everything a quantity needs linear: reading and writing decimal
//! digits, multiplying or dividing by a power of ten, and the residue modulo 1024 (10^19 is a
//! multiple of 1024, so it only depends on the lowest limb). No general big × big product is
//! ever needed.

use std::cmp::Ordering;

/// 10^19, the limb base.
pub(crate) const BASE: u64 = 10_000_000_000_000_000_000;
/// Decimal digits per limb.
pub(crate) const LIMB_DIGITS: u64 = 19;

/// 10^0 ..= 10^19.
pub(crate) const POW10: [u64; 20] = {
    let mut t = [1u64; 20];
    let mut i = 1;
    while i < 20 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// Number of decimal digits of `v` (0 has 0 digits).
pub(crate) fn digits_u64(v: u64) -> u64 {
    let mut n = 0;
    while n < 20 && v >= POW10[n as usize] {
        n += 1;
    }
    n
}

/// An arbitrary-precision natural number.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Nat(Vec<u64>);

impl Nat {
    pub(crate) fn limbs(&self) -> &[u64] {
        &self.0
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    pub(crate) fn from_u128(mut v: u128) -> Self {
        let mut limbs = Vec::new();
        while v > 0 {
            limbs.push((v % u128::from(BASE)) as u64);
            v /= u128::from(BASE);
        }
        Nat(limbs)
    }

    /// Reads ASCII decimal digits (every byte must be `b'0'..=b'9'`).
    pub(crate) fn from_ascii_digits(digits: &[u8]) -> Self {
        let mut limbs = Vec::with_capacity(digits.len() / LIMB_DIGITS as usize + 1);
        let mut end = digits.len();
        while end > 0 {
            let start = end.saturating_sub(LIMB_DIGITS as usize);
            let mut limb = 0u64;
            for &d in &digits[start..end] {
                limb = limb * 10 + u64::from(d - b'0');
            }
            limbs.push(limb);
            end = start;
        }
        let mut n = Nat(limbs);
        n.trim();
        n
    }

    pub(crate) fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn to_u128(&self) -> Option<u128> {
        let mut acc: u128 = 0;
        for &limb in self.0.iter().rev() {
            acc = acc
                .checked_mul(u128::from(BASE))?
                .checked_add(u128::from(limb))?;
        }
        Some(acc)
    }

    /// Number of decimal digits (0 for zero).
    pub(crate) fn num_digits(&self) -> u64 {
        match self.0.last() {
            None => 0,
            Some(&top) => (self.0.len() as u64 - 1) * LIMB_DIGITS + digits_u64(top),
        }
    }

    /// Number of trailing decimal zeros (0 for zero).
    pub(crate) fn trailing_zeros(&self) -> u64 {
        let mut n = 0;
        for &limb in &self.0 {
            if limb == 0 {
                n += LIMB_DIGITS;
                continue;
            }
            let mut l = limb;
            while l % 10 == 0 {
                l /= 10;
                n += 1;
            }
            return n;
        }
        0
    }

    pub(crate) fn mul_small(&mut self, m: u64) {
        if m == 0 {
            self.0.clear();
            return;
        }
        let mut carry: u128 = 0;
        for limb in &mut self.0 {
            let v = u128::from(*limb) * u128::from(m) + carry;
            *limb = (v % u128::from(BASE)) as u64;
            carry = v / u128::from(BASE);
        }
        while carry > 0 {
            self.0.push((carry % u128::from(BASE)) as u64);
            carry /= u128::from(BASE);
        }
    }

    /// Divides in place by `d` (non-zero) and returns the remainder.
    pub(crate) fn div_rem_small(&mut self, d: u64) -> u64 {
        let mut rem: u128 = 0;
        for limb in self.0.iter_mut().rev() {
            let cur = rem * u128::from(BASE) + u128::from(*limb);
            *limb = (cur / u128::from(d)) as u64;
            rem = cur % u128::from(d);
        }
        self.trim();
        rem as u64
    }

    /// `self · 10^k`.
    pub(crate) fn mul_pow10(&self, k: u64) -> Nat {
        if self.is_zero() {
            return Nat::default();
        }
        let whole = (k / LIMB_DIGITS) as usize;
        let mut limbs = vec![0u64; whole];
        limbs.extend_from_slice(&self.0);
        let mut n = Nat(limbs);
        n.mul_small(POW10[(k % LIMB_DIGITS) as usize]);
        n
    }

    /// `floor(self / 10^k)` and whether the division left a remainder.
    pub(crate) fn div_pow10(&self, k: u64) -> (Nat, bool) {
        if k == 0 {
            return (self.clone(), false);
        }
        if k >= self.num_digits() {
            return (Nat::default(), !self.is_zero());
        }
        let whole = (k / LIMB_DIGITS) as usize;
        let mut inexact = self.0[..whole].iter().any(|&l| l != 0);
        let mut n = Nat(self.0[whole..].to_vec());
        let r = n.div_rem_small(POW10[(k % LIMB_DIGITS) as usize]);
        inexact |= r != 0;
        (n, inexact)
    }

    pub(crate) fn add(&self, other: &Nat) -> Nat {
        let (long, short) = if self.0.len() >= other.0.len() {
            (self, other)
        } else {
            (other, self)
        };
        let mut out = Vec::with_capacity(long.0.len() + 1);
        let mut carry = 0u64;
        for (i, &a) in long.0.iter().enumerate() {
            // a, b < 10^19 so the sum fits in u128 (not in u64).
            let mut v = u128::from(a)
                + u128::from(carry)
                + u128::from(short.0.get(i).copied().unwrap_or(0));
            carry = 0;
            if v >= u128::from(BASE) {
                v -= u128::from(BASE);
                carry = 1;
            }
            out.push(v as u64);
        }
        if carry > 0 {
            out.push(carry);
        }
        Nat(out)
    }

    /// `self - other`; requires `self >= other`.
    pub(crate) fn sub(&self, other: &Nat) -> Nat {
        let mut out = Vec::with_capacity(self.0.len());
        let mut borrow = 0u64;
        for (i, &a) in self.0.iter().enumerate() {
            let b = other.0.get(i).copied().unwrap_or(0) + borrow;
            if a >= b {
                out.push(a - b);
                borrow = 0;
            } else {
                out.push(a + (BASE - b));
                borrow = 1;
            }
        }
        let mut n = Nat(out);
        n.trim();
        n
    }

    pub(crate) fn add_one(&self) -> Nat {
        self.add(&Nat(vec![1]))
    }

    /// `self mod 1024`: 10^19 is a multiple of 1024, so only the lowest limb matters.
    pub(crate) fn rem_1024(&self) -> u64 {
        self.0.first().map_or(0, |l| l % 1024)
    }

    pub(crate) fn write_decimal(&self, out: &mut impl std::fmt::Write) {
        let Some((top, rest)) = self.0.split_last() else {
            let _ = out.write_char('0');
            return;
        };
        let _ = write!(out, "{top}");
        for limb in rest.iter().rev() {
            let _ = write!(out, "{limb:019}");
        }
    }
}

impl PartialOrd for Nat {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Nat {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(n: &Nat) -> String {
        let mut out = String::new();
        n.write_decimal(&mut out);
        out
    }

    #[test]
    fn digits_round_trip() {
        for text in [
            "0",
            "1",
            "9999999999999999999",
            "10000000000000000000",
            "123456789012345678901234567890",
        ] {
            let n = Nat::from_ascii_digits(text.as_bytes());
            assert_eq!(s(&n), text);
        }
        assert_eq!(s(&Nat::from_ascii_digits(b"000120")), "120");
    }

    #[test]
    fn shifting() {
        let n = Nat::from_ascii_digits(b"123456789012345678901234567890");
        assert_eq!(
            s(&n.mul_pow10(25)),
            format!("123456789012345678901234567890{}", "0".repeat(25))
        );
        let (q, inexact) = n.div_pow10(21);
        assert_eq!((s(&q), inexact), ("123456789".to_string(), true));
        let (q, inexact) = n.mul_pow10(40).div_pow10(40);
        assert_eq!((q, inexact), (n.clone(), false));
        assert_eq!(n.mul_pow10(40).trailing_zeros(), 41);
        assert_eq!(n.div_pow10(100), (Nat::default(), true));
    }

    #[test]
    fn add_sub_cmp() {
        let a = Nat::from_ascii_digits(b"9999999999999999999999999999999999999");
        let b = Nat::from_u128(1);
        let c = a.add(&b);
        assert_eq!(s(&c), format!("1{}", "0".repeat(37)));
        assert_eq!(c.sub(&b), a);
        assert!(c > a && b < a);
        assert_eq!(c.sub(&c), Nat::default());
        assert_eq!(c.to_u128(), Some(10u128.pow(37)));
        let nines = Nat::from_ascii_digits(&[b'9'; 57]);
        assert_eq!(s(&nines.add(&nines)), format!("1{}8", "9".repeat(56)));
        let mut d = Nat::from_u128(3 << 70);
        assert_eq!(d.rem_1024(), 0);
        assert_eq!(d.div_rem_small(1 << 60), 0);
        assert_eq!(d.to_u128(), Some(3 << 10));
    }
}
