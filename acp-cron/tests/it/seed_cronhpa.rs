//! The seed's CronHPA (the committed fixture) read through
// seed 003:9881
//! `acp_model` and resolved through the `TryFrom<&CronHpaSpec>` adapter, in Asia/Shanghai.

use acp_cron::cronhpa::{CronHpaRules, Flavor};
use acp_model::object::{KnownObject, parse_yaml};
use jiff::tz::TimeZone;

use crate::support::{self, ts};

fn seed_rules() -> CronHpaRules {
    let docs = parse_yaml(&support::read(
        "003/L9881-cronhpa-my-deployment-cronhpa.yaml",
    ))
    .unwrap();
    let Some(KnownObject::CronHpa(c)) = docs.first() else {
        panic!("not a CronHPA")
    };
    CronHpaRules::try_from(&c.object.spec).unwrap()
}

#[test]
fn seed_rules_resolve_in_shanghai() {
    let rules = seed_rules();
    let tz = TimeZone::get("Asia/Shanghai").unwrap();
    // (now, expected targetReplicas, the fire that decided it) — 2025-03-12 is a Wednesday.
    let cases = [
        ("2025-03-12T08:30:00+08:00", 3, "2025-03-12T08:00:00+08:00"), // weekday morning: 3
        ("2025-03-12T19:00:00+08:00", 1, "2025-03-12T18:00:00+08:00"), // weekday evening: 1
        ("2025-03-12T00:00:30+08:00", 0, "2025-03-12T00:00:00+08:00"), // midnight: 0
        ("2025-03-15T12:00:00+08:00", 0, "2025-03-15T00:00:00+08:00"), // Saturday noon: 0
        ("2025-03-17T07:59:59+08:00", 0, "2025-03-17T00:00:00+08:00"), // Monday before 8: 0
    ];
    for (now, replicas, fired) in cases {
        let r = rules.resolve(&tz, None, ts(now), Flavor::Acp).unwrap();
        assert_eq!(
            (r.target_replicas, r.fired_at),
            (replicas, ts(fired)),
            "{now}"
        );
    }
    // Nothing fired since the last application: keep the current count.
    let last = ts("2025-03-12T08:00:00+08:00");
    assert!(
        rules
            .resolve(
                &tz,
                Some(last),
                ts("2025-03-12T09:00:00+08:00"),
                Flavor::Acp
            )
            .is_none()
    );
}

#[test]
fn invalid_schedule_names_its_rule() {
    let mut spec: acp_model::cronhpa::CronHpaSpec = serde_json::from_value(serde_json::json!({
        "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "d"},
        "crons": [{"schedule": "0 8 * * 1-5", "targetReplicas": 3}, {"schedule": "0 25 * * *", "targetReplicas": 1}]
    }))
    .unwrap();
    let err = CronHpaRules::try_from(&spec).unwrap_err();
    assert_eq!(err.index, 1);
    spec.crons.pop();
    assert_eq!(CronHpaRules::try_from(&spec).unwrap().rules.len(), 1);
}
