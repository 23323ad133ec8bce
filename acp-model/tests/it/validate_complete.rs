//! `KnownObject::validate` runs every check acp-model has for the object: the whole `dslx` check
//! for a Rule, the crontab grammar for a CronHPA and a CronJob. Each newly wired check is asserted
//! with its exact path and message, read from YAML as a user's file would be.

use acp_model::object::{KnownObject, parse_yaml};

fn one(yaml: &str) -> KnownObject {
    let mut docs = parse_yaml(yaml).unwrap();
    assert_eq!(docs.len(), 1);
    docs.remove(0)
}

fn messages(o: &KnownObject) -> Vec<String> {
    o.validate().iter().map(ToString::to_string).collect()
}

/// A Rule whose only problem can be its `dslx`, given as a YAML flow sequence.
fn rule(dslx: &str) -> KnownObject {
    one(&format!(
        r#"
apiVersion: crd.alauda.io/v1
kind: Rule
metadata:
  name: alb-demo-00080-x
  namespace: cpaas-system
  labels:
    alb2.cpaas.io/name: alb-demo
    alb2.cpaas.io/frontend: alb-demo-00080
spec:
  priority: 5
  dslx: {dslx}
"#
    ))
}

fn cronhpa(schedule: &str) -> KnownObject {
    one(&format!(
        r#"
apiVersion: tkestack.io/v1
kind: CronHPA
metadata:
  name: web
  namespace: default
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  crons:
    - schedule: '{schedule}'
      targetReplicas: 3
"#
    ))
}

fn cronjob(schedule: &str) -> KnownObject {
    one(&format!(
        r#"
apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: '{schedule}'
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{{name: b, image: busybox}}]
"#
    ))
}

#[test]
fn valid_objects_pass() {
    let r = rule(
        r#"[{type: METHOD, values: [[EQ, POST]]},
            {type: URL, values: [[STARTS_WITH, /a], [REGEX, "^/b(c|d)$"]]},
            {type: SRC_IP, values: [[RANGE, 1.1.1.1, 1.1.1.100]]},
            {type: HEADER, key: LOCATION, values: [[IN, east-1, east-2]]}]"#,
    );
    assert!(r.validate().is_empty(), "{}", r.validate());
    assert!(cronhpa("0 8 * * 1-5").validate().is_empty());
    assert!(
        cronhpa("CRON_TZ=Asia/Shanghai @every 1h30m")
            .validate()
            .is_empty()
    );
    assert!(cronjob("*/5 * * * *").validate().is_empty());
}

// The two cases the Rule's own validation used to let through.
#[test]
fn rule_operator_like_is_rejected() {
    assert_eq!(
        messages(&rule("[{type: URL, values: [[LIKE, /a%]]}]")),
        [
            r#"spec.dslx[0].values[0][0]: Unsupported value: "LIKE": supported values: "EQ", "IN", "STARTS_WITH", "ENDS_WITH", "REGEX", "EXIST", "RANGE""#
        ]
    );
}

#[test]
fn rule_pcre_look_ahead_is_rejected() {
    assert_eq!(
        messages(&rule(r#"[{type: URL, values: [[REGEX, "^/(?=api)"]]}]"#)),
        [
            r#"spec.dslx[0].values[0][1]: Invalid value: "^/(?=api)": PCRE-only syntax (look-around or back-references) is not supported: the regex crate matches in linear time"#
        ]
    );
}

// One row per check of the dslx grammar that Rule::validate did not run before.
#[test]
fn rule_runs_every_dslx_check() {
    let cases: &[(&str, &str)] = &[
        (
            "[]",
            "spec.dslx: Required value: at least one term is required (ALB never matches a rule without dslx)",
        ),
        (
            "[{type: PATH, values: [[EQ, /]]}]",
            r#"spec.dslx[0].type: Unsupported value: "PATH": supported values: "HOST", "URL", "SRC_IP", "METHOD", "HEADER", "PARAM", "COOKIE""#,
        ),
        (
            "[{type: COOKIE, values: [[EXIST]]}]",
            "spec.dslx[0].key: Required value: COOKIE needs a key",
        ),
        (
            "[{type: URL, key: x, values: [[EQ, /]]}]",
            r#"spec.dslx[0].key: Invalid value: "x": URL takes no key (ALB would pass it as an argument and never match)"#,
        ),
        (
            "[{type: URL, values: [[EQ, /a, /b]]}]",
            r#"spec.dslx[0].values[0]: Invalid value: ["EQ","/a","/b"]: EQ takes exactly 1 argument, got 2"#,
        ),
        (
            "[{type: HOST, values: [[IN]]}]",
            r#"spec.dslx[0].values[0]: Invalid value: ["IN"]: IN takes at least 1 argument, got 0"#,
        ),
        (
            "[{type: PARAM, key: a, values: [[EXIST, x]]}]",
            r#"spec.dslx[0].values[0]: Invalid value: ["EXIST","x"]: EXIST takes no argument, got 1"#,
        ),
        (
            r#"[{type: URL, values: [[REGEX, "(a"]]}]"#,
            r#"spec.dslx[0].values[0][1]: Invalid value: "(a": invalid regular expression: error: unclosed group"#,
        ),
        (
            r#"[{type: URL, values: [[REGEX, "(a)\\1"]]}]"#,
            r#"spec.dslx[0].values[0][1]: Invalid value: "(a)\\1": PCRE-only syntax (look-around or back-references) is not supported: the regex crate matches in linear time"#,
        ),
        (
            "[{type: SRC_IP, values: [[EQ, 10.0.0.256]]}]",
            r#"spec.dslx[0].values[0][1]: Invalid value: "10.0.0.256": must be a valid IPv4 or IPv6 address"#,
        ),
        (
            "[{type: SRC_IP, values: [[RANGE, 1.1.1.1, '::1']]}]",
            r#"spec.dslx[0].values[0]: Invalid value: ["RANGE","1.1.1.1","::1"]: both bounds must be addresses of the same family"#,
        ),
        (
            "[{type: SRC_IP, values: [[RANGE, 1.1.1.10, 1.1.1.9]]}]",
            r#"spec.dslx[0].values[0]: Invalid value: ["RANGE","1.1.1.10","1.1.1.9"]: start must not be greater than end"#,
        ),
    ];
    for (dslx, want) in cases {
        assert_eq!(messages(&rule(dslx)), [*want], "{dslx}");
    }
}

#[test]
fn cronhpa_zero_step_is_rejected() {
    assert_eq!(
        messages(&cronhpa("*/0 * * * *")),
        [
            r#"spec.crons[0].schedule: Invalid value: "*/0 * * * *": invalid minute field, token "*/0": step of range should be a positive number: */0; allowed values are 0-59"#
        ]
    );
}

// One row per kind of crontab error the CronHPA's validation did not run before.
#[test]
fn cronhpa_runs_the_crontab_grammar() {
    let cases: &[(&str, &str)] = &[
        ("0 8 * *", "expected exactly 5 fields, found 4: [0 8 * *]"),
        (
            "0 8 * * 7",
            r#"invalid day-of-week field, token "7": end of range (7) above maximum (6): 7; allowed values are 0-6 or SUN-SAT"#,
        ),
        (
            "0 8 0 * *",
            r#"invalid day-of-month field, token "0": beginning of range (0) below minimum (1): 0; allowed values are 1-31"#,
        ),
        (
            "0 18-8 * * *",
            r#"invalid hour field, token "18-8": beginning of range (18) beyond end of range (8): 18-8; allowed values are 0-23"#,
        ),
        (
            "0 8 * FOO *",
            r#"invalid month field, token "FOO": failed to parse int from FOO: strconv.Atoi: parsing "FOO": invalid syntax; allowed values are 1-12 or JAN-DEC"#,
        ),
        (
            "0 1-2-3 * * *",
            r#"invalid hour field, token "1-2-3": too many hyphens: 1-2-3; allowed values are 0-23"#,
        ),
        ("@fortnightly", "unrecognized descriptor: @fortnightly"),
        (
            "@every 1x",
            r#"failed to parse duration @every 1x: time: unknown unit "x" in duration "1x""#,
        ),
        (
            "TZ=UTC",
            r#"time zone prefix "TZ=UTC" must be followed by a space and a schedule"#,
        ),
    ];
    for (schedule, want) in cases {
        assert_eq!(
            messages(&cronhpa(schedule)),
            [format!(
                "spec.crons[0].schedule: Invalid value: {schedule:?}: {want}"
            )],
            "{schedule}"
        );
    }
}

#[test]
fn cronjob_schedule_is_checked_like_the_api_server() {
    assert_eq!(
        messages(&cronjob("*/0 * * * *")),
        [
            r#"spec.schedule: Invalid value: "*/0 * * * *": step of range should be a positive number: */0"#
        ]
    );
    assert_eq!(
        messages(&cronjob("CRON_TZ=UTC 0 * * * *")),
        [
            r#"spec.schedule: Invalid value: "CRON_TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead"#
        ]
    );
    assert_eq!(
        messages(&cronjob("TZ=UTC")),
        [
            r#"spec.schedule: Invalid value: "TZ=UTC": time zone prefix "TZ=UTC" must be followed by a space and a schedule"#,
            r#"spec.schedule: Invalid value: "TZ=UTC": cannot use TZ or CRON_TZ in schedule, use timeZone field instead"#,
        ]
    );
    assert_eq!(messages(&cronjob("")), ["spec.schedule: Required value"]);
}
