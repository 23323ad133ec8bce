//! CronHPA target resolution (tkestack/cron-hpa).
// seed 003:9826-9946
//!
//! A CronHPA scales its target to `targetReplicas` of the rule that fired most recently; when
//! several rules fire at the same time, the earlier-defined rule wins ("如果多个调度同时触发，
//! 平台将使用优先级更高的规则（即配置中定义较早的规则）").
//! Schedules use CronJob syntax and the
// seed 003:9946; seed 003:9832-9836, 9936-9940
//! cluster's time zone.
// seed 003:9951
//!
//! ```
//! use acp_cron::cronhpa::{CronHpaRules, Flavor};
//! use jiff::{Timestamp, tz::TimeZone};
//!
//! // The ACP documentation's example.
// seed 003:9881-9913
//! let rules = CronHpaRules::from_pairs(&[("0 0 * * *", 0), ("0 8 * * 1-5", 3), ("0 18 * * 1-5", 1)])?;
//! let sh = TimeZone::get("Asia/Shanghai")?;
//! // Wednesday 2025-01-08 12:00 in Shanghai: the 08:00 rule is the newest fire.
//! let now: Timestamp = "2025-01-08T04:00:00Z".parse()?;
//! let r = rules.resolve(&sh, None, now, Flavor::Acp).unwrap();
//! assert_eq!((r.rule_index, r.target_replicas), (1, 3));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::{ParseError, ParseOptions, Schedule};

/// API versions a CronHPA may use: the ACP documentation's `tkestack.io/v1` and upstream's
/// `extensions.tkestack.io/v1` (defined once, in [`acp_model::cronhpa`]).
pub use acp_model::cronhpa::API_VERSIONS;

/// Whether `api_version` is one of [`API_VERSIONS`].
pub fn is_cronhpa_api_version(api_version: &str) -> bool {
    acp_model::cronhpa::CronHpaApiVersion::parse(api_version).is_some()
}

/// Every check the crates know for a CronHPA: its own validation in acp-model (metadata, target,
/// and each schedule against the crontab grammar) plus, for each schedule with a
/// `TZ=`/`CRON_TZ=` prefix, that `db` knows the zone and that it is not `Local`
/// ([`Schedule::resolve_time_zone`]).
///
/// ```
/// use acp_cron::cronhpa::validate;
/// use acp_model::cronhpa::CronHpa;
/// let hpa: CronHpa = serde_json::from_value(serde_json::json!({
///     "metadata": {"name": "web"},
///     "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"},
///              "crons": [{"schedule": "CRON_TZ=Mars/Olympus 0 8 * * *", "targetReplicas": 2}]}
/// })).unwrap();
/// assert_eq!(
///     validate(&hpa, jiff::tz::db()).to_string(),
///     "spec.crons[0].schedule: Invalid value: \"CRON_TZ=Mars/Olympus 0 8 * * *\": unknown time zone Mars/Olympus"
/// );
/// ```
pub fn validate(
    hpa: &acp_model::cronhpa::CronHpa,
    db: &jiff::tz::TimeZoneDatabase,
) -> acp_model::validation::ErrorList {
    use acp_model::validation::{FieldError, FieldPath, Validate};
    let mut errs = hpa.validate();
    let crons = FieldPath::new("spec").child("crons");
    for (i, c) in hpa.spec.crons.iter().enumerate() {
        // Schedules that do not parse were reported above.
        let Ok(s) = Schedule::parse(&c.schedule) else {
            continue;
        };
        if let Err(e) = s.resolve_time_zone(db, &TimeZone::UTC) {
            errs.push(FieldError::invalid(
                &crons.index(i).child("schedule"),
                c.schedule.as_str(),
                e.to_string(),
            ));
        }
    }
    errs
}

/// One `spec.crons[]` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CronHpaRule {
    /// `name`, if given.
    pub name: Option<String>,
    /// Parsed `schedule`.
    pub schedule: Schedule,
    /// `targetReplicas`.
    pub target_replicas: i32,
}

/// The rules of one CronHPA, in definition order (earlier = higher priority).
///
/// Built from the wire type with `CronHpaRules::try_from(&cron_hpa.spec)` (the failing rule's
/// index is reported in [`RuleError`]), or from `(schedule, targetReplicas)` pairs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CronHpaRules {
    /// The rules.
    pub rules: Vec<CronHpaRule>,
}

/// A rule whose schedule does not parse.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("spec.crons[{index}].schedule: {error}")]
#[non_exhaustive]
pub struct RuleError {
    /// Index in `spec.crons`.
    pub index: usize,
    /// The parse error.
    pub error: ParseError,
}

/// Which documented behaviour picks the due rule: the ACP documentation's or the upstream
/// controller's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Flavor {
    /// The ACP documentation's rule: the newest past fire wins; ties go to the earlier-defined rule.
    #[default]
    Acp,
    /// tkestack/cron-hpa's controller: the first rule in list order with a fire in
    /// `(last_applied, now]` wins, however old that fire is.
    Tkestack,
}

/// The rule in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resolution {
    /// Index of the rule in `spec.crons`.
    pub rule_index: usize,
    /// Its `targetReplicas`.
    pub target_replicas: i32,
    /// The fire that made it due.
    pub fired_at: Timestamp,
}

impl TryFrom<&acp_model::cronhpa::CronHpaSpec> for CronHpaRules {
    type Error = RuleError;

    // seed 003:9836
    /// Parses every `spec.crons[i].schedule` with the Kubernetes (robfig v3) parser, keeping the
    /// definition order (earlier rules win ties).
    fn try_from(spec: &acp_model::cronhpa::CronHpaSpec) -> Result<CronHpaRules, RuleError> {
        let pairs: Vec<(&str, i32)> = spec
            .crons
            .iter()
            .map(|c| (c.schedule.as_str(), c.target_replicas))
            .collect();
        CronHpaRules::from_pairs(&pairs)
    }
}

impl CronHpaRules {
    /// Parses `(schedule, targetReplicas)` pairs with the default (Kubernetes) parser.
    pub fn from_pairs(pairs: &[(&str, i32)]) -> Result<CronHpaRules, RuleError> {
        CronHpaRules::from_pairs_with(pairs, ParseOptions::default())
    }

    /// Parses `(schedule, targetReplicas)` pairs with explicit parser options.
    pub fn from_pairs_with(
        pairs: &[(&str, i32)],
        options: ParseOptions,
    ) -> Result<CronHpaRules, RuleError> {
        let mut rules = Vec::with_capacity(pairs.len());
        for (index, (s, r)) in pairs.iter().enumerate() {
            let schedule =
                Schedule::parse_with(s, options).map_err(|error| RuleError { index, error })?;
            rules.push(CronHpaRule {
                name: None,
                schedule,
                target_replicas: *r,
            });
        }
        Ok(CronHpaRules { rules })
    }

    /// The rule in force at `now`: among fires in `(last_applied, now]` (or `(-inf, now]`
    /// within the five-year window without `last_applied`), chosen by `flavor`. `None` when no rule
    /// fired since `last_applied` (keep the current replica count).
    pub fn resolve(
        &self,
        tz: &TimeZone,
        last_applied: Option<Timestamp>,
        now: Timestamp,
        flavor: Flavor,
    ) -> Option<Resolution> {
        // Latest fire at or before `now`.
        let upper = now
            .checked_add(SignedDuration::from_nanos(1))
            .unwrap_or(now);
        let mut best: Option<Resolution> = None;
        for (i, rule) in self.rules.iter().enumerate() {
            let Some(fired) = rule.schedule.prev_before(upper, tz) else {
                continue;
            };
            if last_applied.is_some_and(|l| fired <= l) {
                continue;
            }
            let cand = Resolution {
                rule_index: i,
                target_replicas: rule.target_replicas,
                fired_at: fired,
            };
            match flavor {
                Flavor::Tkestack => return Some(cand),
                Flavor::Acp => {
                    if best.is_none_or(|b| fired > b.fired_at) {
                        best = Some(cand);
                    }
                }
            }
        }
        best
    }

    /// The next change strictly after `now`: the earliest next fire over all rules, ties to the
    /// earlier-defined rule.
    pub fn next_change(&self, tz: &TimeZone, now: Timestamp) -> Option<Resolution> {
        let mut best: Option<Resolution> = None;
        for (i, rule) in self.rules.iter().enumerate() {
            if let Some(t) = rule.schedule.next_after(now, tz)
                && best.is_none_or(|b| t < b.fired_at)
            {
                best = Some(Resolution {
                    rule_index: i,
                    target_replicas: rule.target_replicas,
                    fired_at: t,
                });
            }
        }
        best
    }

    /// The upcoming changes after `now`, in time order (at most `n`).
    pub fn upcoming(&self, tz: &TimeZone, now: Timestamp, n: usize) -> Vec<Resolution> {
        let mut out = Vec::with_capacity(n);
        let mut cursor = now;
        while out.len() < n {
            let Some(r) = self.next_change(tz, cursor) else {
                break;
            };
            cursor = r.fired_at;
            out.push(r);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn seed_rules() -> CronHpaRules {
        CronHpaRules::from_pairs(&[("0 0 * * *", 0), ("0 8 * * 1-5", 3), ("0 18 * * 1-5", 1)])
            .unwrap()
    }

    #[test]
    fn seed_three_rules_over_a_week() {
        let sh = TimeZone::get("Asia/Shanghai").unwrap();
        let rules = seed_rules();
        let at = |local: &str| {
            let dt: jiff::civil::DateTime = local.parse().unwrap();
            let now = dt.to_zoned(sh.clone()).unwrap().timestamp();
            let r = rules.resolve(&sh, None, now, Flavor::Acp).unwrap();
            (r.rule_index, r.target_replicas)
        };
        // 2025-01-06 is a Monday.
        assert_eq!(at("2025-01-06T00:00"), (0, 0));
        assert_eq!(at("2025-01-06T07:59"), (0, 0));
        assert_eq!(at("2025-01-06T08:00"), (1, 3));
        assert_eq!(at("2025-01-06T17:59"), (1, 3));
        assert_eq!(at("2025-01-06T18:00"), (2, 1));
        assert_eq!(at("2025-01-06T23:59"), (2, 1));
        assert_eq!(at("2025-01-07T00:00"), (0, 0));
        // Weekend: only midnight fires.
        assert_eq!(at("2025-01-11T09:00"), (0, 0));
        assert_eq!(at("2025-01-12T19:00"), (0, 0));
        // With a last-applied time: nothing new since 08:00.
        let now = ts("2025-01-06T04:00:00Z"); // 12:00 Shanghai
        assert_eq!(
            rules.resolve(&sh, Some(ts("2025-01-06T00:00:00Z")), now, Flavor::Acp),
            None
        );
        let up: Vec<(usize, String)> = rules
            .upcoming(&sh, now, 3)
            .iter()
            .map(|r| (r.rule_index, r.fired_at.to_string()))
            .collect();
        assert_eq!(
            up,
            [
                (2, "2025-01-06T10:00:00Z".to_string()),
                (0, "2025-01-06T16:00:00Z".to_string()),
                (1, "2025-01-07T00:00:00Z".to_string())
            ]
        );
    }

    #[test]
    fn ties_go_to_the_earlier_rule() {
        // Console example (seed 003:9928-9940): Monday 01:00 → 1,
        // Tuesday 02:00 → 2, Tuesday 02:00 → 3; the 2nd rule wins on Tuesday.
        let rules =
            CronHpaRules::from_pairs(&[("0 1 * * 1", 1), ("0 2 * * 2", 2), ("0 2 * * 2", 3)])
                .unwrap();
        let utc = TimeZone::UTC;
        let r = rules
            .resolve(&utc, None, ts("2025-01-07T03:00:00Z"), Flavor::Acp)
            .unwrap();
        assert_eq!((r.rule_index, r.target_replicas), (1, 2));
        let n = rules.next_change(&utc, ts("2025-01-07T00:00:00Z")).unwrap();
        assert_eq!((n.rule_index, n.target_replicas), (1, 2));
        // tkestack: first rule in list order with any fire since last apply.
        let r = rules
            .resolve(
                &utc,
                Some(ts("2025-01-05T00:00:00Z")),
                ts("2025-01-07T03:00:00Z"),
                Flavor::Tkestack,
            )
            .unwrap();
        assert_eq!((r.rule_index, r.target_replicas), (0, 1));
        assert!(is_cronhpa_api_version("tkestack.io/v1"));
        assert!(is_cronhpa_api_version("extensions.tkestack.io/v1"));
        assert!(!is_cronhpa_api_version("autoscaling/v2"));
        let e = CronHpaRules::from_pairs(&[("0 0 * * *", 0), ("0 25 * * *", 1)]).unwrap_err();
        assert_eq!(e.index, 1);
        assert!(
            e.to_string()
                .starts_with("spec.crons[1].schedule: invalid hour field")
        );
    }
}
