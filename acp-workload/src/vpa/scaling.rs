//! Proportional scaling of quantities as the VPA does it (kubernetes/autoscaler
//! `vertical-pod-autoscaler/pkg/utils/vpa/limit_and_request_scaling.go`).
//!
//! Upstream multiplies and divides `math/big` integers; the operands are `int64` milli-values
//! (CPU) or values (everything else), so their product always fits an `i128` and the arithmetic
//! here is exact. `big.Int` division is Euclidean (`DivMod`, `Div`), reproduced with
//! `div_euclid`/`rem_euclid`.

use acp_model::quantity::{MILLI, Quantity};
use acp_model::resource_names::CPU;

/// A milli-value (`scale` = [`MILLI`]) or value (`scale` = 0) as upstream reads it for the
/// scaling: exact when it fits an `i64`. Beyond, upstream reads `0` (`int64Amount`) or a
/// wrapped two's-complement value (`inf.Dec`, e.g. `1Ei` has milli-value `-2^63`); here the
/// value saturates at `±(2^63-1)`, which keeps the "capping limit to int64" outcome upstream's
/// own tests expect for `1Ei`.
// DEVIATION: a value beyond int64 saturates at ±(2^63-1); upstream reads 0 or a wrapped value,
// depending on how the quantity is stored.
pub(super) fn saturated(q: &Quantity, scale: i32) -> i64 {
    q.checked_scaled_value(scale)
        .unwrap_or(if q.sign() < 0 { i64::MIN } else { i64::MAX })
}

/// Upstream `roundingMode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Rounding {
    /// `noRounding`: the quotient is floored (Euclidean division).
    None,
    /// `roundUpToFullUnit`: CPU quotients with a remainder are rounded up; memory is unchanged
    /// (upstream's `RoundUp(0)` on a whole number is a no-op).
    Up,
    /// `roundDownToFullUnit`: memory goes through upstream's `Sub(999m)` + `RoundUp(0)`, which
    /// leaves positive values alone and turns `0` into `-1`; CPU is floored as `None`.
    Down,
}

/// Upstream `scalingResultType` of `scaleQuantityProportionallyCPU`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Scaled {
    /// `success`.
    Success,
    /// `capped`: the quotient does not fit an `int64`; the result is `MaxInt64` milli-units.
    Capped,
    /// `divisionByZero`: the base is zero; the result is the scaled quantity unchanged.
    DivisionByZero,
}

/// `scaleQuantityProportionallyCPU`: `scaled × result / base` in milli-units, formatted as
/// `scaled`.
pub(super) fn scale_cpu(
    scaled: &Quantity,
    base: &Quantity,
    result: &Quantity,
    rounding: Rounding,
) -> (Quantity, Scaled) {
    let b = i128::from(saturated(base, MILLI));
    if base.is_zero() || b == 0 {
        return (scaled.clone(), Scaled::DivisionByZero);
    }
    let product = i128::from(saturated(scaled, MILLI)) * i128::from(saturated(result, MILLI));
    let quotient = product.div_euclid(b);
    let remainder = product.rem_euclid(b);
    match i64::try_from(quotient) {
        Ok(q) => {
            let q = if remainder != 0 && rounding == Rounding::Up {
                // Upstream adds 1 to the big quotient after the int64 check; at MaxInt64 its
                // `Int64()` would wrap. Saturated here.
                q.saturating_add(1)
            } else {
                q
            };
            (Quantity::from_millis(q, scaled.format()), Scaled::Success)
        }
        Err(_) => (
            Quantity::from_millis(i64::MAX, scaled.format()),
            Scaled::Capped,
        ),
    }
}

/// `scaleQuantityProportionallyMem`: `scaled × result / base` in whole units, formatted as
/// `scaled`; `true` when the quotient was capped to `MaxInt64`.
///
/// Upstream divides by zero here (a Go panic) when `base` is zero; that cannot happen on the
/// paths upstream's own callers guard, and here it returns `scaled` unchanged.
// DEVIATION: a zero base returns `scaled` unchanged; upstream divides by zero (a Go panic).
pub(super) fn scale_mem(
    scaled: &Quantity,
    base: &Quantity,
    result: &Quantity,
    rounding: Rounding,
) -> (Quantity, bool) {
    let b = i128::from(saturated(base, 0));
    if b == 0 {
        return (scaled.clone(), false);
    }
    let product = i128::from(saturated(scaled, 0)) * i128::from(saturated(result, 0));
    match i64::try_from(product.div_euclid(b)) {
        Ok(v) => {
            let v = if rounding == Rounding::Down {
                round_down_to_full_unit(v)
            } else {
                v
            };
            (Quantity::from_int(v, scaled.format()), false)
        }
        Err(_) => (Quantity::from_int(i64::MAX, scaled.format()), true),
    }
}

/// Upstream's `result.Sub(999m)` then `result.RoundUp(0)` on a whole number `v`.
///
/// While `v × 1000 − 999` fits an `int64` (apimachinery `int64Amount`), `RoundUp` is
/// `negativeScaleInt64`: truncate towards zero and, because a fraction was dropped, step one
/// unit away from zero by the sign of `v × 1000 − 999` — so `v ≥ 1` stays `v`, while `0`
/// (from `−0.999`) becomes `−1` and `v ≤ −1` becomes `v − 1`. Past that, the amount is an
/// `inf.Dec` rounded away from zero: `v` for positive, `v − 1` for negative. (Checked against
/// apimachinery's `resource` package with Go.)
fn round_down_to_full_unit(v: i64) -> i64 {
    match v.checked_mul(1000).and_then(|x| x.checked_sub(999)) {
        Some(x) => {
            let t = x / 1000;
            if x % 1000 == 0 {
                t
            } else if x > 0 {
                t + 1
            } else {
                t - 1
            }
        }
        None if v > 0 => v,
        None => v.saturating_sub(1),
    }
}

/// The annotation when a limit cannot be scaled (upstream `getProportionalResourceLimit`).
fn not_set(resource: &str, why: &str) -> String {
    format!("{resource}: limit NOT set since {why} is nil or 0")
}

/// The limit that keeps the original limit:request ratio for a recommended request, with the
/// annotation upstream records (kubernetes/autoscaler
/// `vertical-pod-autoscaler/pkg/utils/vpa/limit_and_request_scaling.go`
/// `getProportionalResourceLimit`). An absent quantity counts as zero, as upstream's
/// `ResourceList.Cpu()`/`Memory()` getters return zero for a missing key.
///
/// * no original limit (absent or zero) → `default_limit` is used instead; still none →
///   `None`, annotation `"<r>: limit NOT set since originalLimit is nil or 0"`;
/// * zero recommended request → `None`, `"<r>: limit NOT set since recommendedRequest is nil
///   or 0"`;
/// * no original request, or request = limit in milli-units → the limit is the recommended
///   request;
/// * otherwise `limit × recommended / request`: for `cpu` in milli-units, floored; for any
///   other resource (upstream calls this for `memory` only) in whole units, floored. A result
///   beyond `int64` is capped to `MaxInt64` (milli-)units with the annotation `"<r>: failed
///   to keep limit to request ratio; capping limit to int64"`.
///
/// ```
/// use acp_model::quantity::Quantity;
/// use acp_workload::vpa::proportional_limit;
/// let q = |s: &str| s.parse::<Quantity>().unwrap();
/// // upstream TestGetProportionalResourceLimitCPU "handle non-integer ratios": 2 × 1 / 1.5
/// let (limit, note) = proportional_limit("cpu", Some(&q("2")), Some(&q("1.50")), Some(&q("1")), None);
/// assert_eq!(limit.unwrap().to_string(), "1333m");
/// assert_eq!(note, None);
/// ```
pub fn proportional_limit(
    resource: &str,
    original_limit: Option<&Quantity>,
    original_request: Option<&Quantity>,
    recommended_request: Option<&Quantity>,
    default_limit: Option<&Quantity>,
) -> (Option<Quantity>, Option<String>) {
    let Some(limit) = nonzero_q(original_limit).or_else(|| nonzero_q(default_limit)) else {
        return (None, Some(not_set(resource, "originalLimit")));
    };
    let Some(recommended) = nonzero_q(recommended_request) else {
        return (None, Some(not_set(resource, "recommendedRequest")));
    };
    let Some(request) = nonzero_q(original_request) else {
        return (Some(recommended.clone()), None);
    };
    if saturated(request, MILLI) == saturated(limit, MILLI) {
        return (Some(recommended.clone()), None);
    }
    let capped_note =
        || format!("{resource}: failed to keep limit to request ratio; capping limit to int64");
    if resource == CPU {
        let (q, how) = scale_cpu(limit, request, recommended, Rounding::None);
        let note = (how == Scaled::Capped).then(capped_note);
        (Some(q), note)
    } else {
        let (q, capped) = scale_mem(limit, request, recommended, Rounding::None);
        (Some(q), capped.then(capped_note))
    }
}

/// Upstream `GetBoundaryRequest`: the request whose limit, at the original limit:request
/// ratio, is exactly `boundary`; zero means "no boundary". The original limit falls back to
/// `default_limit`; without either there is no boundary; without an original request the
/// boundary is `boundary` itself. Floored (`noRounding`).
pub(super) fn boundary_request(
    resource: &str,
    original_request: Option<&Quantity>,
    original_limit: Option<&Quantity>,
    boundary: Option<&Quantity>,
    default_limit: Option<&Quantity>,
) -> Quantity {
    let Some(limit) = nonzero_q(original_limit).or_else(|| nonzero_q(default_limit)) else {
        return Quantity::ZERO;
    };
    let zero = Quantity::ZERO;
    let boundary = boundary.unwrap_or(&zero);
    let Some(request) = nonzero_q(original_request) else {
        return boundary.clone();
    };
    if resource == CPU {
        scale_cpu(request, limit, boundary, Rounding::None).0
    } else {
        scale_mem(request, limit, boundary, Rounding::None).0
    }
}

/// `None` for an absent or zero quantity (upstream's `q == nil || q.Value() == 0`; `Value()`
/// rounds away from zero, so only zero reads as zero).
fn nonzero_q(q: Option<&Quantity>) -> Option<&Quantity> {
    q.filter(|q| !q.is_zero())
}
