//! A CronHPA's own validation (acp-model's `CronHpa::validate`) and this crate's parser agree on
//! every schedule: a generated line is reported by the object's validation exactly when
//! [`Schedule::parse`] (and so [`CronHpaRules`]) refuses it, with the parser's message.

use acp_cron::Schedule;
use acp_cron::cronhpa::CronHpaRules;
use acp_model::cronhpa::CronHpa;
use acp_model::validation::Validate;
use proptest::prelude::*;

use crate::support::proptest_config;

/// One range expression, often out of range or malformed.
fn atom() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => Just("*".to_string()),
        1 => Just("?".to_string()),
        2 => (1..13u32).prop_map(|v| v.to_string()),
        1 => (0..70u32).prop_map(|v| v.to_string()),
        1 => (0..70u32, 0..70u32).prop_map(|(a, b)| format!("{a}-{b}")),
        1 => (0..40u32, 0..5u32).prop_map(|(a, s)| format!("{a}/{s}")),
        1 => (0..5u32).prop_map(|s| format!("*/{s}")),
        1 => proptest::sample::select(vec![
            "MON", "jan", "SUN-SAT", "FOO", "1-2-3", "1//2", "*/-1", "", "x",
            "99999999999999999999",
        ])
        .prop_map(str::to_owned),
    ]
}

fn field() -> impl Strategy<Value = String> {
    proptest::collection::vec(atom(), 1..3).prop_map(|v| v.join(","))
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::collection::vec(field(), 5).prop_map(|v| v.join(" ")),
        1 => proptest::collection::vec(field(), 3..7).prop_map(|v| v.join(" ")),
        1 => proptest::sample::select(vec![
            "@daily", "@hourly", "@weekly", "@fortnightly", "@every 1h30m", "@every 1x",
            "@every ", "TZ=UTC", "CRON_TZ=Asia/Shanghai 0 8 * * *", "TZ=UTC */0 * * * *",
        ])
        .prop_map(str::to_owned),
    ]
}

fn cronhpa(schedule: &str) -> CronHpa {
    serde_json::from_value(serde_json::json!({
        "metadata": {"name": "web"},
        "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"},
                 "crons": [{"schedule": schedule, "targetReplicas": 1}]}
    }))
    .unwrap()
}

proptest! {
    #![proptest_config(proptest_config(3000))]

    #[test]
    fn cronhpa_validate_agrees_with_schedule_parse(s in line()) {
        prop_assume!(!s.trim().is_empty());
        let hpa = cronhpa(&s);
        let own: Vec<String> = hpa.validate().iter().map(ToString::to_string).collect();
        match Schedule::parse(&s) {
            Ok(_) => {
                prop_assert!(own.is_empty(), "{s:?} parses, but validate says {own:?}");
                prop_assert!(CronHpaRules::try_from(&hpa.spec).is_ok());
            }
            Err(e) => {
                prop_assert_eq!(own, vec![format!("spec.crons[0].schedule: Invalid value: {s:?}: {e}")]);
                prop_assert!(CronHpaRules::try_from(&hpa.spec).is_err());
            }
        }
    }
}

// The generator reaches both outcomes, so the property above is not vacuous.
#[test]
fn generated_lines_both_parse_and_fail() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = line();
    let (mut ok, mut bad) = (0, 0);
    for _ in 0..3000 {
        let s = strategy.new_tree(&mut runner).unwrap().current();
        if Schedule::parse(&s).is_ok() {
            ok += 1;
        } else {
            bad += 1;
        }
    }
    eprintln!("generated crontab lines: {ok} parse, {bad} fail");
    assert!(ok >= 300 && bad >= 300, "ok {ok}, bad {bad}");
}
