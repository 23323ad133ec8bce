//! MachineConfigs as users write them: the ACP documentation's MachineConfigs, YAML file modes as kubectl
//! reads them, typed round trips of `spec.config`, and the supported-field policy.

use acp_ignition::policy::{self, Policy};
use acp_ignition::types::*;
use acp_ignition::validate::{self, MachineConfigError, ParseError};
use proptest::prelude::*;

// seed 004:925; IGNITIONVERSION at seed 004:1014-1015
/// "two empty MachineConfigs (00-master and 00-worker)",
/// IGNITIONVERSION 3.4.0; the same reconstruction as acp-model's
/// `tests/machineconfig_seed004.rs` (the seed has no YAML).
const SEED_L925: [&str; 2] = [
    "apiVersion: machineconfiguration.alauda.io/v1alpha1
kind: MachineConfig
metadata:
  name: 00-master
  labels:
    machineconfiguration.alauda.io/role: master
spec:
  config:
    ignition:
      version: 3.4.0
",
    "apiVersion: machineconfiguration.alauda.io/v1alpha1
kind: MachineConfig
metadata:
  name: 00-worker
  labels:
    machineconfiguration.alauda.io/role: worker
spec:
  config:
    ignition:
      version: 3.4.0
",
];

// seed 004:951-953
/// A MachineConfig using each supported modification (a file in a
/// writable directory, a systemd unit with a drop-in, the boot user's SSH key). Constructed:
/// the seed has no YAML example.
const SUPPORTED: &str = "apiVersion: machineconfiguration.alauda.io/v1alpha1
kind: MachineConfig
metadata:
  name: 99-worker-custom
  labels:
    machineconfiguration.alauda.io/role: worker
spec:
  config:
    ignition:
      version: 3.4.0
    storage:
      files:
      - path: /etc/chrony.conf
        mode: 0644
        overwrite: true
        contents:
          source: data:,pool%20ntp.example.com%20iburst%0A
    systemd:
      units:
      - name: hello.service
        enabled: true
        contents: |
          [Unit]
          Description=hello
          [Service]
          ExecStart=/usr/bin/echo hello
          [Install]
          WantedBy=multi-user.target
      - name: kubelet.service
        dropins:
        - name: 10-extra.conf
          contents: |
            [Service]
            Environment=EXTRA=1
    passwd:
      users:
      - name: core
        sshAuthorizedKeys:
        - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample admin@example.com
";

#[test]
fn seed_l925_empty_machineconfigs_round_trip_validate_and_pass_the_policy() {
    for yaml in SEED_L925 {
        let (mc, parsed) = validate::parse_machine_config_yaml(yaml).unwrap();
        let raw = mc.spec.config.clone().unwrap();
        assert_eq!(parsed.config, Config::new());
        assert!(parsed.report.is_empty());
        // Exact round trip of the raw value through the types.
        assert_eq!(Config::from_value(&raw).unwrap().to_value(), raw);
        assert_eq!(Config::try_from(&mc).unwrap(), parsed.config);
        assert!(policy::check(&parsed.config, &Policy::default()).is_empty());
    }
}

#[test]
fn supported_machineconfig_round_trips_exactly_and_validates() {
    let (mc, parsed) = validate::parse_machine_config_yaml(SUPPORTED).unwrap();
    assert!(parsed.report.is_empty(), "{}", parsed.report);
    let raw = mc.spec.config.clone().unwrap();
    assert_eq!(parsed.config.to_value(), raw, "typed config loses nothing");
    assert_eq!(parsed.config.storage.files[0].mode, Some(0o644));
    assert_eq!(
        parsed.config.systemd.units[1].dropins[0].name,
        "10-extra.conf"
    );
    assert!(policy::check(&parsed.config, &Policy::default()).is_empty());
}

#[test]
fn yaml_file_modes_read_as_kubectl_reads_them() {
    // 0644 and 0o644 are octal (go-yaml v2 / YAML 1.1, as kubectl); 420 is decimal.
    for (written, mode) in [
        ("0644", 0o644),
        ("0o644", 0o644),
        ("420", 420),
        ("0755", 0o755),
    ] {
        let yaml = SUPPORTED.replace("mode: 0644", &format!("mode: {written}"));
        let (_, parsed) = validate::parse_machine_config_yaml(&yaml).unwrap();
        assert_eq!(parsed.config.storage.files[0].mode, Some(mode), "{written}");
    }
    // A quoted mode is a string, which Ignition rejects with Go's type error.
    let yaml = SUPPORTED.replace("mode: 0644", "mode: \"0644\"");
    let err = validate::parse_machine_config_yaml(&yaml).unwrap_err();
    let MachineConfigError::Config(ParseError::Invalid(report)) = err else {
        panic!("{err}")
    };
    assert_eq!(
        report.to_string(),
        "error: json: cannot unmarshal string into Go struct field File.storage.files.FileEmbedded1.mode of type int\n"
    );
}

#[test]
fn invalid_ignition_in_a_machineconfig_reports_every_problem() {
    let yaml = SUPPORTED
        .replace("path: /etc/chrony.conf", "path: etc/chrony.conf")
        .replace("name: hello.service", "name: hello")
        .replace("10-extra.conf", "10-extra");
    let err = validate::parse_machine_config_yaml(&yaml).unwrap_err();
    assert_eq!(
        err.to_string(),
        "spec.config: config is not valid: \
         error at $.storage.files.0.path: path not absolute; \
         error at $.systemd.units.0.name: invalid systemd unit extension; \
         error at $.systemd.units.1.dropins.0.name: invalid systemd drop-in extension"
    );
    let MachineConfigError::Config(ParseError::Invalid(report)) = err else {
        panic!()
    };
    let errors: Vec<String> = report.errors().map(|e| e.path_message()).collect();
    assert_eq!(
        errors,
        [
            "$.storage.files.0.path: path not absolute",
            "$.systemd.units.0.name: invalid systemd unit extension",
            "$.systemd.units.1.dropins.0.name: invalid systemd drop-in extension",
        ]
    );
    assert_eq!(report.warnings().count(), 0);
}

#[test]
fn a_machineconfig_without_config_is_an_empty_config() {
    let yaml = "apiVersion: machineconfiguration.alauda.io/v1alpha1\nkind: MachineConfig\n\
                metadata: {name: x, labels: {machineconfiguration.alauda.io/role: worker}}\nspec: {}\n";
    let (_, parsed) = validate::parse_machine_config_yaml(yaml).unwrap();
    assert_eq!(parsed.config, Config::new());
}

#[test]
fn not_a_machineconfig_is_a_yaml_error() {
    let err = validate::parse_machine_config_yaml("apiVersion: v1\nkind: Pod\n").unwrap_err();
    assert!(matches!(err, MachineConfigError::Yaml(_)), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Policy (seed 004:949-965)
// ---------------------------------------------------------------------------------------------

fn policy_msgs(json: &str) -> Vec<String> {
    let parsed = validate::parse(json.as_bytes()).unwrap();
    policy::check(&parsed.config, &Policy::default())
        .iter()
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn seed_l951_only_files_units_and_boot_user_keys_are_supported() {
    let msgs = policy_msgs(
        r#"{"ignition":{"version":"3.4.0","config":{"merge":[{"source":"https://x/c.ign"}]},"timeouts":{"httpTotal":5}},
        "kernelArguments":{"shouldExist":["quiet"]},
        "storage":{"disks":[{"device":"/dev/sdb"}],"raid":[{"name":"md0","level":"raid1","devices":["/dev/sdc"]}],
          "filesystems":[{"device":"/dev/sdd","format":"xfs"}],"luks":[{"name":"data","device":"/dev/sde"}],
          "directories":[{"path":"/etc/d"}],"links":[{"path":"/etc/l","target":"/etc/d"}]}}"#,
    );
    let supported = "Machine Configuration supports only storage.files, systemd.units and the SSH keys of the boot user";
    assert_eq!(
        msgs,
        [
            format!("spec.config.ignition.config: Forbidden: ignition.config only affects fetching remote configs at first boot and is not applied by Machine Configuration; {supported}"),
            format!("spec.config.ignition.timeouts: Forbidden: ignition.timeouts only affects fetching remote configs at first boot and is not applied by Machine Configuration; {supported}"),
            "spec.config.kernelArguments: Forbidden: Ignition kernel arguments are not applied on a running node; use spec.kernelArguments of the MachineConfig".to_owned(),
            format!("spec.config.storage.disks: Forbidden: disks cannot be managed on a running node; {supported}"),
            format!("spec.config.storage.raid: Forbidden: raid cannot be managed on a running node; {supported}"),
            format!("spec.config.storage.filesystems: Forbidden: filesystems cannot be managed on a running node; {supported}"),
            format!("spec.config.storage.luks: Forbidden: luks cannot be managed on a running node; {supported}"),
            format!("spec.config.storage.directories: Forbidden: directories cannot be managed on a running node; {supported}"),
            format!("spec.config.storage.links: Forbidden: links cannot be managed on a running node; {supported}"),
        ]
    );
}

#[test]
fn seed_l955_l965_users_groups_and_other_users_keys_are_rejected() {
    let msgs = policy_msgs(
        r#"{"ignition":{"version":"3.4.0"},"passwd":{"groups":[{"name":"ops"}],"users":[
          {"name":"core","sshAuthorizedKeys":["ssh-ed25519 A"],"passwordHash":"$6$x","shell":"/bin/zsh"},
          {"name":"admin","sshAuthorizedKeys":["ssh-ed25519 B"]}]}}"#,
    );
    assert_eq!(
        msgs,
        [
            "spec.config.passwd.groups: Forbidden: Machine Configuration doesn't create users or groups; Machine Configuration supports only storage.files, systemd.units and the SSH keys of the boot user",
            "spec.config.passwd.users[0].passwordHash: Forbidden: only sshAuthorizedKeys of the boot user \"core\" can be managed; Machine Configuration doesn't create or modify users",
            "spec.config.passwd.users[0].shell: Forbidden: only sshAuthorizedKeys of the boot user \"core\" can be managed; Machine Configuration doesn't create or modify users",
            "spec.config.passwd.users[1].name: Unsupported value: \"admin\": supported values: \"core\"",
        ]
    );
    let mut keyless = Config::new();
    keyless.passwd.users.push(PasswdUser {
        name: "core".into(),
        ..PasswdUser::default()
    });
    let msgs: Vec<String> = policy::check(&keyless, &Policy::default())
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert_eq!(
        msgs,
        [
            "spec.config.passwd.users[0].sshAuthorizedKeys: Required value: a passwd user entry must carry the boot user's SSH public keys"
        ]
    );
    // The boot user is a setting (the seed does not name it).
    let parsed = validate::parse(
        br#"{"ignition":{"version":"3.4.0"},"passwd":{"users":[{"name":"root","sshAuthorizedKeys":["k"]}]}}"#,
    )
    .unwrap();
    let root = Policy {
        boot_user: "root".into(),
        ..Policy::default()
    };
    assert!(policy::check(&parsed.config, &root).is_empty());
}

#[test]
fn seed_l961_files_need_a_writable_non_root_directory_and_inline_contents() {
    let msgs = policy_msgs(
        r#"{"ignition":{"version":"3.4.0"},"storage":{"files":[
          {"path":"/etc/ok.conf","contents":{"source":"data:,x"}},
          {"path":"/usr/local/bin/tool","contents":{"source":"https://example.com/tool"}},
          {"path":"/etc/motd","append":[{"source":"data:,more"}]}]}}"#,
    );
    assert_eq!(
        msgs,
        [
            "spec.config.storage.files[1].path: Invalid value: \"/usr/local/bin/tool\": /usr is on a read-only partition; files can only be managed if their containing partition is writable",
            "spec.config.storage.files[1].contents.source: Invalid value: \"https://example.com/tool\": only data: URLs are supported; the node writes contents without fetching them",
            "spec.config.storage.files[2].append: Forbidden: appending is not idempotent on a running node; give the whole file in contents",
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Property: typed configs survive serialization through Ignition's reader
// ---------------------------------------------------------------------------------------------

fn small_str() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,6}".prop_map(|s| s),
        Just(String::new()),
        "/[a-z]{1,4}(/[a-z.]{1,4}){0,2}".prop_map(|s| s),
        "\\PC{0,6}".prop_map(|s| s),
    ]
}

fn config() -> impl Strategy<Value = Config> {
    let file = (
        small_str(),
        proptest::option::of(-10i64..0o20000),
        proptest::option::of(any::<bool>()),
        proptest::option::of(prop_oneof![
            Just("data:,x".to_owned()),
            Just("https://h/p".to_owned()),
            small_str()
        ]),
        proptest::option::of(0i64..3),
    )
        .prop_map(|(path, mode, overwrite, source, uid)| File {
            path,
            mode,
            overwrite,
            user: NodeUser {
                id: uid,
                name: None,
            },
            contents: Resource {
                source,
                ..Resource::default()
            },
            ..File::default()
        });
    let unit = (
        small_str(),
        proptest::option::of(prop_oneof![
            Just("[Unit]\nA=b\n".to_owned()),
            Just("[Install]\nWantedBy=x".to_owned()),
            small_str()
        ]),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(|(name, contents, enabled)| Unit {
            name: format!("{name}.service"),
            contents,
            enabled,
            ..Unit::default()
        });
    (
        proptest::collection::vec(file, 0..4),
        proptest::collection::vec(unit, 0..3),
        proptest::collection::vec(small_str(), 0..3),
    )
        .prop_map(|(files, units, keys)| {
            let mut c = Config::new();
            c.storage.files = files;
            c.systemd.units = units;
            if !keys.is_empty() {
                c.passwd.users.push(PasswdUser {
                    name: "core".into(),
                    ssh_authorized_keys: keys,
                    ..PasswdUser::default()
                });
            }
            c
        })
}

proptest! {
    #[test]
    fn typed_round_trip_and_parse_agree_with_validate(c in config()) {
        let json = serde_json::to_vec(&c).unwrap();
        // serde round trip is exact.
        prop_assert_eq!(&serde_json::from_slice::<Config>(&json).unwrap(), &c);
        prop_assert_eq!(&Config::from_value(&c.to_value()).unwrap(), &c);
        // Ignition's reader gives back the same config, or exactly validate()'s errors.
        let direct = validate::validate(&c);
        match validate::parse(&json) {
            Ok(p) => {
                prop_assert_eq!(&p.config, &c);
                prop_assert!(!direct.is_fatal());
            }
            Err(ParseError::Invalid(r)) => {
                let strip = |r: &validate::Report| -> Vec<String> {
                    r.errors().map(|e| e.path_message()).collect()
                };
                prop_assert_eq!(strip(&r), strip(&direct));
            }
            Err(e) => prop_assert!(false, "unexpected {}", e),
        }
    }
}
