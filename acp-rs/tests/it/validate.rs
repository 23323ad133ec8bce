//! `acp_rs::validate`: every crate's checks for one object.

use acp_rs::model::object::{KnownObject, parse_yaml};
use acp_rs::validate::Validator;

fn one(yaml: &str) -> KnownObject {
    let mut docs = parse_yaml(yaml).expect("test input parses");
    assert_eq!(docs.len(), 1);
    docs.remove(0)
}

fn messages(errs: &acp_rs::model::ErrorList) -> Vec<String> {
    errs.iter().map(|e| e.to_string()).collect()
}

#[test]
fn limit_range_gets_the_whole_upstream_check() {
    let lr = one("apiVersion: v1\nkind: LimitRange\nmetadata: {name: lr}\n\
                  spec: {limits: [{type: Container, min: {cpu: '2'}, max: {cpu: '1'}}]}\n");
    // acp-model alone knows only the metadata rules.
    assert!(lr.validate().is_empty());
    let errs = acp_rs::validate(&lr);
    assert_eq!(errs.len(), 1, "{errs}");
    assert!(
        messages(&errs)[0].starts_with("spec.limits[0].min[cpu]: Invalid value: \"2\""),
        "{errs}"
    );
}

#[test]
fn deployment_rollout_rules_are_run() {
    let d = one(r#"
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: "0%", maxUnavailable: 0}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: app, image: nginx}]}
"#);
    assert_eq!(
        messages(&acp_rs::validate(&d)),
        [
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"
        ]
    );
}

#[test]
fn daemonset_and_statefulset_update_strategies_are_run() {
    let ds = one(r#"
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  updateStrategy: {type: Sideways}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: app, image: agent}]}
"#);
    // Upstream reports the whole strategy, in Go's field names.
    assert_eq!(
        messages(&acp_rs::validate(&ds)),
        [
            r#"spec.updateStrategy: Unsupported value: {"RollingUpdate":null,"Type":"Sideways"}: supported values: "RollingUpdate", "OnDelete""#
        ]
    );

    let sts = one(r#"
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  podManagementPolicy: Random
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: app, image: db}]}
"#);
    let errs = messages(&acp_rs::validate(&sts));
    assert!(
        errs.iter()
            .any(|m| m.starts_with("spec.podManagementPolicy: Invalid value: \"Random\"")),
        "{errs:?}"
    );
}

#[test]
fn pod_gpu_rules_cover_init_containers_too() {
    let pod = one(r#"
apiVersion: v1
kind: Pod
metadata: {name: train}
spec:
  initContainers: [{name: warm, image: x, resources: {limits: {tencent.com/vcuda-core: "150"}}}]
  containers: [{name: app, image: x, resources: {limits: {tencent.com/vcuda-core: "-1"}}}]
"#);
    assert!(pod.validate().is_empty());
    let errs = messages(&acp_rs::validate(&pod));
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs[0].starts_with("spec.initContainers[0].resources.limits[tencent.com/vcuda-core]: Invalid value: \"150\""), "{errs:?}");
    assert!(
        errs[1].starts_with(
            "spec.containers[0].resources.limits[tencent.com/vcuda-core]: Invalid value: \"-1\""
        ),
        "{errs:?}"
    );
}

const MACHINE_CONFIG: &str = r#"
apiVersion: machineconfiguration.alauda.io/v1alpha1
kind: MachineConfig
metadata: {name: 99-worker-motd, labels: {machineconfiguration.alauda.io/role: worker}}
spec:
  config:
    ignition: {version: 3.4.0}
    storage:
      files: [{path: etc/motd, contents: {source: "data:,hi"}}]
"#;

#[test]
fn machine_config_ignition_errors_carry_spec_config_paths() {
    let mc = one(MACHINE_CONFIG);
    assert!(mc.validate().is_empty());
    assert_eq!(
        messages(&acp_rs::validate(&mc)),
        ["spec.config.storage.files[0].path: Invalid value: path not absolute"]
    );
}

#[test]
fn machine_config_policy_is_checked_unless_skipped() {
    let mc = one(&MACHINE_CONFIG.replace("etc/motd", "/etc/motd").replace(
        "    storage:",
        "    storage:\n      disks: [{device: /dev/sdb, wipeTable: true}]",
    ));
    let errs = messages(&acp_rs::validate(&mc));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].starts_with(
            "spec.config.storage.disks: Forbidden: disks cannot be managed on a running node"
        ),
        "{errs:?}"
    );
    assert!(
        Validator::new()
            .without_machine_config_policy()
            .validate(&mc)
            .is_empty()
    );
}

#[test]
fn machine_config_with_another_version_is_refused() {
    let mc = one(&MACHINE_CONFIG.replace("3.4.0", "3.1.0"));
    assert_eq!(
        messages(&acp_rs::validate(&mc)),
        // Reported once, by acp-model's own check.
        [r#"spec.config.ignition.version: Unsupported value: "3.1.0": supported values: "3.4.0""#]
    );
}

#[test]
fn time_zones_are_checked_only_with_a_database() {
    let cj = one(r#"
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 2 * * *"
  timeZone: Mars/Olympus
  jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: c, image: x}]}}}}
"#);
    assert!(acp_rs::validate(&cj).is_empty());
    let db = jiff::tz::TimeZoneDatabase::bundled();
    let errs = messages(&Validator::new().with_time_zones(&db).validate(&cj));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].starts_with("spec.timeZone: Invalid value: \"Mars/Olympus\""),
        "{errs:?}"
    );
}

#[test]
fn other_kinds_get_acp_models_checks() {
    let rule = one(r#"
apiVersion: crd.alauda.io/v1
kind: Rule
metadata: {name: r}
spec:
  priority: 5
  dslx: [{type: URL, values: [[LIKE, /a]]}]
"#);
    assert_eq!(acp_rs::validate(&rule), rule.validate());
    assert!(!rule.validate().is_empty());
}

#[test]
fn machine_config_policy_can_be_replaced() {
    let mc = one(&MACHINE_CONFIG.replace("etc/motd", "/etc/motd").replace(
        "    storage:",
        "    passwd: {users: [{name: admin, sshAuthorizedKeys: [ssh-ed25519 AAAA]}]}\n    storage:",
    ));
    let errs = messages(&acp_rs::validate(&mc));
    assert_eq!(
        errs,
        [
            r#"spec.config.passwd.users[0].name: Unsupported value: "admin": supported values: "core""#
        ]
    );
    let policy = acp_rs::ignition::policy::Policy {
        boot_user: "admin".to_owned(),
        ..Default::default()
    };
    assert!(
        Validator::new()
            .with_machine_config_policy(policy)
            .validate(&mc)
            .is_empty()
    );
}
