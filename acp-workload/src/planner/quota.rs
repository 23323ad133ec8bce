//! The namespace's ResourceQuotas as the planner sees them: per quota and resource, the hard
//! limit, what the rest of the namespace uses, and what one old / one new pod is charged.

use std::fmt;

use acp_model::quantity::{Format, Quantity};
use acp_model::validation::{ErrorList, FieldPath};
use k8s_openapi::api::core::v1::{Pod, PodTemplateSpec, ResourceQuota};

use super::PlanError;
use acp_quota::resources::ResourceList;
use acp_quota::usage::{self, FeatureGates};

/// Which pod template a pod is created from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Template {
    /// The template before the change.
    Old,
    /// The template after the change.
    New,
}

/// One resource of one ResourceQuota.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuotaLine {
    /// The ResourceQuota's name.
    pub quota: String,
    /// The resource (`pods`, `requests.cpu`, …).
    pub resource: String,
    /// `spec.hard[resource]`.
    pub hard: Quantity,
    /// What everything but this workload's pods uses.
    pub other: Quantity,
    /// What one pod of the old template is charged (zero when the quota does not select it).
    pub old_cost: Quantity,
    /// What one pod of the new template is charged.
    pub new_cost: Quantity,
}

/// A quota that refuses every pod of a template, whatever the counts (the "must specify"
/// constraint: the quota tracks `requests.cpu` and a container sets none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuotaRefusal {
    /// The ResourceQuota's name.
    pub quota: String,
    /// Which template it refuses.
    pub template: Template,
    /// Upstream's message (`must specify limits.cpu for: app`).
    pub message: String,
}

/// The quotas a rollout runs under. Empty: no limit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuotaLimits {
    /// Every resource of every quota that one of the two templates is charged for.
    pub lines: Vec<QuotaLine>,
    /// Quotas that refuse a template outright.
    pub refusals: Vec<QuotaRefusal>,
}

/// Why pods could not be created: which quota, which resource, and how far over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuotaShortfall {
    /// The ResourceQuota's name.
    pub quota: String,
    /// The resource that ran out (`pods`, `requests.cpu`, …), or empty for a refusal.
    pub resource: String,
    /// `spec.hard[resource]`.
    pub hard: Quantity,
    /// What the namespace would use with every pod the controller wants.
    pub requested: Quantity,
    /// Pods the controller wants but the quota does not admit.
    pub pods_short: i64,
    /// A refusal's message instead of a count, when the quota refuses the template.
    pub refusal: Option<String>,
}

impl fmt::Display for QuotaShortfall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pods = if self.pods_short == 1 { "pod" } else { "pods" };
        if let Some(msg) = &self.refusal {
            return write!(
                f,
                "ResourceQuota {:?} refuses the new pods ({msg}): {} {pods} missing",
                self.quota, self.pods_short
            );
        }
        write!(
            f,
            "ResourceQuota {:?} is {} {pods} short: {} would need {}, hard limit {}",
            self.quota, self.pods_short, self.resource, self.requested, self.hard
        )
    }
}

/// `q × n`, exact (repeated doubling over [`Quantity::checked_add`]); `None` when it does not
/// fit Quantity's exact range.
pub(crate) fn mul(q: &Quantity, n: i64) -> Option<Quantity> {
    if n == 0 || q.is_zero() {
        return Some(Quantity::ZERO);
    }
    let neg = n < 0;
    let mut k = n.unsigned_abs();
    let mut acc = Quantity::ZERO;
    let mut base = q.clone();
    loop {
        if k & 1 == 1 {
            acc = acc.checked_add(&base)?;
        }
        k >>= 1;
        if k == 0 {
            break;
        }
        base = base.checked_add(&base)?;
    }
    Some(if neg { -acc } else { acc })
}

/// The largest `n ≤ want` with `n × cost ≤ room` (`cost > 0`).
fn max_fit(room: &Quantity, cost: &Quantity, want: i64) -> i64 {
    if want <= 0 || room.sign() < 0 {
        return 0;
    }
    // Multiples cost·2^k up to `want`.
    let mut table: Vec<Quantity> = Vec::new();
    let mut m = cost.clone();
    let mut k: i64 = 1;
    while k <= want {
        table.push(m.clone());
        match m.checked_add(&m) {
            Some(next) => m = next,
            None => break,
        }
        match k.checked_mul(2) {
            Some(next) => k = next,
            None => break,
        }
    }
    let mut n: i64 = 0;
    let mut acc = Quantity::ZERO;
    for (bit, mult) in table.iter().enumerate().rev() {
        let step = 1i64 << bit;
        if n + step > want {
            continue;
        }
        if let Some(next) = acc.checked_add(mult)
            && next <= *room
        {
            acc = next;
            n += step;
        }
    }
    n
}

impl QuotaLine {
    fn cost(&self, t: Template) -> &Quantity {
        match t {
            Template::Old => &self.old_cost,
            Template::New => &self.new_cost,
        }
    }

    /// What the namespace uses with `old` and `new` pods of this workload charged.
    pub(crate) fn charged(&self, old: i64, new: i64) -> Option<Quantity> {
        self.other
            .checked_add(&mul(&self.old_cost, old)?)?
            .checked_add(&mul(&self.new_cost, new)?)
    }
}

/// A pod made of a template, as the quota evaluator sees it.
fn pod_of(t: &PodTemplateSpec) -> Pod {
    Pod {
        metadata: t.metadata.clone().unwrap_or_default(),
        spec: t.spec.clone(),
        status: None,
    }
}

fn one() -> Quantity {
    Quantity::from_int(1, Format::DecimalSI)
}

/// What one pod of `t` is charged by the pod quota evaluator ([`usage::pod_usage`]).
pub(crate) fn template_usage(
    t: &PodTemplateSpec,
    gates: &FeatureGates,
) -> Result<ResourceList, PlanError> {
    usage::pod_usage(&pod_of(t), jiff::Timestamp::UNIX_EPOCH, gates).map_err(PlanError::Quantities)
}

/// A pod charged `pods: 1` and `count/pods: 1` only.
pub(crate) fn pods_only_usage() -> ResourceList {
    [(usage::PODS, one()), (usage::COUNT_PODS, one())]
        .into_iter()
        .collect()
}

impl QuotaLimits {
    /// No quota.
    pub fn none() -> Self {
        QuotaLimits::default()
    }

    /// One quota named `quota` with `pods: hard`, `other_pods` of them used by the rest of the
    /// namespace; every pod costs 1.
    pub fn pods(quota: &str, hard: i64, other_pods: i64) -> Self {
        QuotaLimits {
            lines: vec![QuotaLine {
                quota: quota.to_owned(),
                resource: usage::PODS.to_owned(),
                hard: Quantity::from_int(hard, Format::DecimalSI),
                other: Quantity::from_int(other_pods, Format::DecimalSI),
                old_cost: one(),
                new_cost: one(),
            }],
            refusals: Vec::new(),
        }
    }

    /// The limits `quotas` put on pods of `old` and `new`, as the apiserver's quota admission
    /// applies them: a quota counts only when all its scopes select the pod
    /// ([`usage::quota_scope_selectors`], [`usage::pod_matches_scope`]); only the resources of
    /// `spec.hard` the pod is charged for (non-zero, [`usage::pod_usage`]) are checked; a
    /// quota tracking `cpu`/`memory` refuses a template whose containers do not set them
    /// ([`usage::pod_constraints`]).
    ///
    /// What the rest of the namespace uses is `status.used` minus `workload_pods` old pods
    /// (the workload's own pods, already counted in `status.used`), never below zero; a quota
    /// without `status.used` counts nothing else.
    pub fn from_quotas(
        quotas: &[ResourceQuota],
        old: &PodTemplateSpec,
        new: &PodTemplateSpec,
        workload_pods: i64,
        gates: &FeatureGates,
    ) -> Result<Self, PlanError> {
        let old_pod = pod_of(old);
        let new_pod = pod_of(new);
        let old_usage = template_usage(old, gates)?;
        let new_usage = template_usage(new, gates)?;
        let mut out = QuotaLimits::default();
        for (i, q) in quotas.iter().enumerate() {
            let name = q.metadata.name.clone().unwrap_or_default();
            let path = FieldPath::new("items").index(i);
            let hard = ResourceList::from_k8s_opt(
                q.spec.as_ref().and_then(|s| s.hard.as_ref()),
                &path.child("spec").child("hard"),
            )
            .map_err(PlanError::Quantities)?;
            let used = ResourceList::from_k8s_opt(
                q.status.as_ref().and_then(|s| s.used.as_ref()),
                &path.child("status").child("used"),
            )
            .map_err(PlanError::Quantities)?;
            let selectors = usage::quota_scope_selectors(q);
            let matches = |pod: &Pod| -> Result<bool, PlanError> {
                for sel in &selectors {
                    if !usage::pod_matches_scope(sel, pod, gates)
                        .map_err(|e| PlanError::Scope(e.to_string()))?
                    {
                        return Ok(false);
                    }
                }
                Ok(true)
            };
            let (old_matches, new_matches) = (matches(&old_pod)?, matches(&new_pod)?);
            let names = hard.resource_names();
            for (t, pod, m) in [
                (Template::Old, &old_pod, old_matches),
                (Template::New, &new_pod, new_matches),
            ] {
                if !m {
                    continue;
                }
                if let Some(message) = usage::pod_constraints(&names, pod, gates) {
                    out.refusals.push(QuotaRefusal {
                        quota: name.clone(),
                        template: t,
                        message,
                    });
                }
            }
            for (resource, hard_q) in hard.iter() {
                let cost = |u: &ResourceList, m: bool| {
                    if m {
                        u.get(resource).cloned().unwrap_or(Quantity::ZERO)
                    } else {
                        Quantity::ZERO
                    }
                };
                let old_cost = cost(&old_usage, old_matches);
                let new_cost = cost(&new_usage, new_matches);
                if old_cost.is_zero() && new_cost.is_zero() {
                    continue;
                }
                let own = mul(&old_cost, workload_pods).ok_or_else(|| overflow(resource))?;
                let other = match used.get(resource) {
                    Some(u) => u
                        .checked_sub(&own)
                        .ok_or_else(|| overflow(resource))?
                        .max(Quantity::ZERO),
                    None => Quantity::ZERO,
                };
                out.lines.push(QuotaLine {
                    quota: name.clone(),
                    resource: resource.clone(),
                    hard: hard_q.clone(),
                    other,
                    old_cost,
                    new_cost,
                });
            }
        }
        Ok(out)
    }

    /// `true` when no quota applies.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.refusals.is_empty()
    }

    /// How many of `want` more pods of template `t` the quotas admit with `old` and `new`
    /// pods of this workload charged (terminating ones included).
    pub(crate) fn admissible(&self, old: i64, new: i64, want: i64, t: Template) -> i64 {
        if want <= 0 {
            return 0;
        }
        if self.refusals.iter().any(|r| r.template == t) {
            return 0;
        }
        let mut n = want;
        for line in &self.lines {
            let cost = line.cost(t);
            if cost.sign() <= 0 {
                continue;
            }
            let fit = match line.charged(old, new) {
                Some(c) => match line.hard.checked_sub(&c) {
                    Some(room) => max_fit(&room, cost, n),
                    None => 0,
                },
                None => 0,
            };
            n = n.min(fit);
            if n == 0 {
                break;
            }
        }
        n
    }

    /// The first quota that keeps `blocked` more pods of `t` out, with the numbers.
    pub(crate) fn shortfall(
        &self,
        old: i64,
        new: i64,
        blocked: i64,
        t: Template,
    ) -> Option<QuotaShortfall> {
        if let Some(r) = self.refusals.iter().find(|r| r.template == t) {
            return Some(QuotaShortfall {
                quota: r.quota.clone(),
                resource: String::new(),
                hard: Quantity::ZERO,
                requested: Quantity::ZERO,
                pods_short: blocked,
                refusal: Some(r.message.clone()),
            });
        }
        let (add_old, add_new) = match t {
            Template::Old => (blocked, 0),
            Template::New => (0, blocked),
        };
        for line in &self.lines {
            if line.cost(t).sign() <= 0 {
                continue;
            }
            let requested = line.charged(old + add_old, new + add_new)?;
            if requested > line.hard {
                let admitted = self.admissible_line(line, old, new, blocked, t);
                return Some(QuotaShortfall {
                    quota: line.quota.clone(),
                    resource: line.resource.clone(),
                    hard: line.hard.clone(),
                    requested,
                    pods_short: blocked - admitted,
                    refusal: None,
                });
            }
        }
        None
    }

    fn admissible_line(&self, line: &QuotaLine, old: i64, new: i64, want: i64, t: Template) -> i64 {
        match line
            .charged(old, new)
            .and_then(|c| line.hard.checked_sub(&c))
        {
            Some(room) => max_fit(&room, line.cost(t), want),
            None => 0,
        }
    }
}

fn overflow(resource: &str) -> PlanError {
    let mut e = ErrorList::new();
    e.push(acp_model::validation::FieldError::invalid(
        &FieldPath::new("spec").child("hard").key(resource),
        acp_model::validation::BadValue::Omitted,
        "quantity out of range",
    ));
    PlanError::Quantities(e)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn q(s: &str) -> Quantity {
        s.parse().unwrap()
    }

    #[test]
    fn mul_and_max_fit_are_exact() {
        assert_eq!(mul(&q("100m"), 13).unwrap(), q("1300m"));
        assert_eq!(mul(&q("128Mi"), 0).unwrap(), Quantity::ZERO);
        assert_eq!(mul(&q("1"), -3).unwrap(), q("-3"));
        assert_eq!(max_fit(&q("1"), &q("300m"), 10), 3);
        assert_eq!(max_fit(&q("900m"), &q("300m"), 10), 3);
        assert_eq!(max_fit(&q("899m"), &q("300m"), 10), 2);
        assert_eq!(max_fit(&q("10"), &q("1"), 4), 4);
        assert_eq!(max_fit(&q("-1"), &q("1"), 4), 0);
        assert_eq!(max_fit(&q("1000000"), &q("1"), 1_000_000), 1_000_000);
    }

    #[test]
    fn pods_quota_admits_up_to_hard() {
        let l = QuotaLimits::pods("q", 13, 0);
        assert_eq!(l.admissible(10, 0, 5, Template::New), 3);
        assert_eq!(l.admissible(10, 3, 5, Template::New), 0);
        let s = l.shortfall(10, 0, 5, Template::New).unwrap();
        assert_eq!(s.pods_short, 2);
        assert_eq!(
            s.to_string(),
            "ResourceQuota \"q\" is 2 pods short: pods would need 15, hard limit 13"
        );
    }
}
