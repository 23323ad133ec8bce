//! The ACP console's formulation of the HPA rule.
// seed 003:9427-9451
//!
//! The console documents: per policy (metric), `ceil(sum(actual) / threshold)` pods — "所有 Pod
//! 的实际指标值之和除以指标阈值后向上取整", worked as `ceil[(80%+80%+90%)/60%] =
// seed 003:9431-9433
//! ceil 4.1 = 5` (the exact quotient is 4.1666…); several policies → the maximum;
// seed 003:9433-9437
//! the result kept within the minimum and maximum pod counts; scaling
// seed 003:9451; seed 003:9429, seed 003:9441-9445
//! only when the actual value leaves the ±10 % band around the threshold; a 300 s
// seed 003:9372-9374
//! scale-down window (applied by the controller, not by this formula).
// seed 003:9126-9127
//!
//! This is exact integer arithmetic over the values as the console shows them (percentages or
//! any other unit). The controller's own computation ([`super::compute`]) differs in details
//! the console leaves out: it truncates the average utilization to a whole percent, multiplies
//! the ratio by the number of *ready* pods, fills missing and unready pods, and limits scale-up
//! to `max(2 × current, 4)` per sync without a `behavior` — for the ACP documentation's example both give 5.

use std::fmt;

use acp_model::validation::{ErrorList, FieldError, FieldPath};

/// One policy (metric) as the console shows it: each pod's actual value and the threshold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsolePolicy {
    /// A label for the explanation (`CPU 利用率`, `cpu`, …).
    pub name: String,
    /// Each pod's actual value (e.g. `80` for 80 %).
    pub actual: Vec<i64>,
    /// The threshold in the same unit (e.g. `60` for 60 %); must be positive.
    pub target: i64,
}

/// The console inputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsoleInput {
    /// Pods running now.
    pub current_replicas: i32,
    /// 最小 Pod 数量.
    pub min_replicas: i32,
    /// 最大 Pod 数量.
    pub max_replicas: i32,
    /// The policies; the largest result wins.
    pub policies: Vec<ConsolePolicy>,
    /// The tolerance band in percent (the console's ±10 %; `0` disables it).
    pub tolerance_percent: i64,
}

/// The console's answer and its explanation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsoleResult {
    /// The pod count the console formula gives.
    pub replicas: i32,
    /// Per policy: `Some(ceil(sum/threshold))`, or `None` when within the tolerance band.
    pub per_policy: Vec<Option<i64>>,
    /// The computation in words, one line per step.
    pub explanation: Vec<String>,
}

impl fmt::Display for ConsoleResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.explanation.join("\n"))
    }
}

/// Why the console formula cannot be applied: every problem, as field errors.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
#[non_exhaustive]
pub struct ConsoleError(ErrorList);

impl ConsoleError {
    /// Every problem, each with its field path.
    pub fn errors(&self) -> &ErrorList {
        &self.0
    }

    /// Every problem, owned.
    pub fn into_errors(self) -> ErrorList {
        self.0
    }
}

// DEVIATION: the explanation prints the exact quotient truncated to two decimals (`ceil(4.16)`);
// the ACP documentation writes `ceil 4.1` for the same example. The result (5) is the same.
fn pct(num: i128, den: i128) -> String {
    // Two decimals, truncated, for the explanation only.
    let hundredths = num.saturating_mul(100) / den;
    format!("{}.{:02}", hundredths / 100, (hundredths % 100).abs())
}

/// Applies the console formula and explains it; all input problems are reported at once.
pub fn console_replicas(input: &ConsoleInput) -> Result<ConsoleResult, ConsoleError> {
    validate_console_input(input)?;
    let mut lines = Vec::new();
    let mut per_policy = Vec::new();
    let mut best: Option<i64> = None;
    for p in &input.policies {
        let sum: i128 = p.actual.iter().map(|&v| i128::from(v)).sum();
        let target = i128::from(p.target);
        let n = i128::try_from(p.actual.len()).unwrap_or(i128::MAX);
        let terms = p
            .actual
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(" + ");
        // Within tolerance: |average − target| ≤ tolerance% of target, i.e.
        // |sum − n·target| · 100 ≤ tolerance · n · target (exact).
        let deviation = (sum - n.saturating_mul(target)).abs().saturating_mul(100);
        let band = i128::from(input.tolerance_percent)
            .saturating_mul(n)
            .saturating_mul(target);
        if n > 0 && deviation <= band {
            lines.push(format!(
                "{}: average {} is within ±{}% of the threshold {}, so this policy keeps {} pods",
                p.name,
                pct(sum, n),
                input.tolerance_percent,
                p.target,
                input.current_replicas
            ));
            per_policy.push(None);
            best = Some(best.map_or(i64::from(input.current_replicas), |b| {
                b.max(i64::from(input.current_replicas))
            }));
            continue;
        }
        let pods = if sum <= 0 {
            0
        } else {
            (sum + target - 1) / target
        };
        let pods = i64::try_from(pods).unwrap_or(i64::MAX);
        lines.push(format!(
            "{}: ceil(({terms}) / {}) = ceil({} / {}) = ceil({}) = {pods} pods",
            p.name,
            p.target,
            sum,
            p.target,
            pct(sum, target)
        ));
        per_policy.push(Some(pods));
        best = Some(best.map_or(pods, |b| b.max(pods)));
    }
    let raw = best.unwrap_or(i64::from(input.current_replicas));
    if input.policies.len() > 1 {
        lines.push(format!(
            "several policies: the largest result wins, {raw} pods"
        ));
    }
    let clamped = raw.clamp(i64::from(input.min_replicas), i64::from(input.max_replicas));
    if clamped != raw {
        lines.push(format!(
            "{raw} is outside [{}, {}] (minimum and maximum pod count), so the console sets {clamped}",
            input.min_replicas, input.max_replicas
        ));
    } else {
        lines.push(format!(
            "{raw} is within [{}, {}], so the console sets {clamped} pods",
            input.min_replicas, input.max_replicas
        ));
    }
    Ok(ConsoleResult {
        replicas: i32::try_from(clamped).unwrap_or(input.max_replicas),
        per_policy,
        explanation: lines,
    })
}

/// Every problem of the input at once: no policy, `minReplicas > maxReplicas`, a target ≤ 0.
fn validate_console_input(input: &ConsoleInput) -> Result<(), ConsoleError> {
    let mut errs = ErrorList::new();
    if input.policies.is_empty() {
        errs.push(FieldError::required(
            &FieldPath::new("policies"),
            "at least one policy is needed",
        ));
    }
    if input.min_replicas > input.max_replicas {
        errs.push(FieldError::invalid(
            &FieldPath::new("minReplicas"),
            input.min_replicas,
            format!(
                "must be less than or equal to maxReplicas ({})",
                input.max_replicas
            ),
        ));
    }
    for (i, p) in input.policies.iter().enumerate() {
        if p.target <= 0 {
            errs.push(FieldError::invalid(
                &FieldPath::new("policies").index(i).child("target"),
                p.target,
                "must be greater than 0",
            ));
        }
    }
    if !errs.is_empty() {
        return Err(ConsoleError(errs));
    }
    Ok(())
}
