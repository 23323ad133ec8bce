//! Laws of Pod Security evaluation over generated pods: restricted implies baseline at every
//! version (but for upstream's windows exception), the fix makes the pod pass and its patch produces the fixed pod, and the
//! early-exit check agrees with the full evaluation.

use acp_model::psa::{
    CheckId, Level, LevelVersion, Version, apply_patch, evaluate, fix, latest_minor, passes,
};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

use super::psa_checks::pod;
use crate::support;

fn pick<T: Clone + std::fmt::Debug + 'static>(xs: Vec<T>) -> impl Strategy<Value = Option<T>> {
    proptest::option::of(proptest::sample::select(xs))
}

fn security_context() -> impl Strategy<Value = Value> {
    (
        (pick(vec![true, false]), pick(vec![true, false]), pick(vec![true, false]), pick(vec![0i64, 1000])),
        (
            pick(vec![json!({"drop": ["ALL"]}), json!({"add": ["NET_BIND_SERVICE"], "drop": ["ALL"]}),
                json!({"add": ["SYS_ADMIN", "CHOWN"]}), json!({"add": ["NET_RAW"], "drop": ["ALL"]})]),
            pick(vec!["Default", "Unmasked"]),
            pick(vec!["RuntimeDefault", "Localhost", "Unconfined"]),
            pick(vec![json!({"type": "container_t"}), json!({"type": "spc_t"}), json!({"user": "u", "role": "r"}), json!({"level": "s0"})]),
        ),
        (pick(vec!["RuntimeDefault", "Unconfined", "Localhost"]), pick(vec![true, false])),
    )
        .prop_map(|((privileged, ape, non_root, user), (caps, proc_mount, seccomp, selinux), (apparmor, host_process))| {
            let mut m = Map::new();
            let mut put = |k: &str, v: Option<Value>| {
                if let Some(v) = v {
                    m.insert(k.into(), v);
                }
            };
            put("privileged", privileged.map(Value::from));
            put("allowPrivilegeEscalation", ape.map(Value::from));
            put("runAsNonRoot", non_root.map(Value::from));
            put("runAsUser", user.map(Value::from));
            put("capabilities", caps);
            put("procMount", proc_mount.map(Value::from));
            put("seccompProfile", seccomp.map(|t| json!({"type": t, "localhostProfile": if t == "Localhost" { json!("p.json") } else { Value::Null }})));
            put("seLinuxOptions", selinux);
            put("appArmorProfile", apparmor.map(|t| json!({"type": t, "localhostProfile": if t == "Localhost" { json!("p") } else { Value::Null }})));
            put("windowsOptions", host_process.map(|h| json!({"hostProcess": h})));
            Value::Object(m)
        })
}

fn container(name: &'static str) -> impl Strategy<Value = Value> {
    (
        proptest::option::of(security_context()),
        pick(vec![8080, 0]),
        pick(vec!["localhost", ""]),
    )
        .prop_map(move |(sc, host_port, probe_host)| {
            let mut c = json!({"name": name, "image": "registry.example/app:1"});
            if let Some(sc) = sc {
                c["securityContext"] = sc;
            }
            if let Some(hp) = host_port {
                c["ports"] = json!([{"containerPort": 80, "hostPort": hp}]);
            }
            if let Some(h) = probe_host {
                c["livenessProbe"] = json!({"httpGet": {"port": 80, "host": h}});
            }
            c
        })
}

fn pod_value() -> impl Strategy<Value = Value> {
    (
        proptest::collection::vec(container("app"), 0..3),
        proptest::collection::vec(container("init"), 0..2),
        proptest::option::of(security_context()),
        (
            pick(vec![true, false]),
            pick(vec![true, false]),
            pick(vec!["windows", "linux"]),
        ),
        pick(vec![
            json!({"name": "h", "hostPath": {"path": "/"}}),
            json!({"name": "e", "emptyDir": {}}),
            json!({"name": "n", "nfs": {"server": "s", "path": "/"}}),
        ]),
        pick(vec![
            "kernel.shm_rmid_forced",
            "net.core.somaxconn",
            "net.ipv4.tcp_rmem",
        ]),
        pick(vec![
            ("seccomp.security.alpha.kubernetes.io/pod", "unconfined"),
            (
                "container.apparmor.security.beta.kubernetes.io/app",
                "unconfined",
            ),
            (
                "container.seccomp.security.alpha.kubernetes.io/app",
                "runtime/default",
            ),
        ]),
    )
        .prop_map(
            |(
                mut containers,
                init,
                pod_sc,
                (host_net, host_users, os),
                volume,
                sysctl,
                annotation,
            )| {
                // names must differ for the checks to mean something; suffix them
                for (i, c) in containers.iter_mut().enumerate() {
                    c["name"] = json!(format!("app{i}"));
                }
                let mut spec = json!({"containers": containers, "initContainers": init});
                let mut psc = pod_sc.unwrap_or(json!({}));
                if let Some(s) = sysctl {
                    psc["sysctls"] = json!([{"name": s, "value": "1"}]);
                }
                spec["securityContext"] = psc;
                if let Some(h) = host_net {
                    spec["hostNetwork"] = json!(h);
                }
                if let Some(h) = host_users {
                    spec["hostUsers"] = json!(h);
                }
                if let Some(os) = os {
                    spec["os"] = json!({"name": os});
                }
                if let Some(v) = volume {
                    spec["volumes"] = json!([v]);
                }
                let mut meta = json!({"name": "p"});
                if let Some((k, v)) = annotation {
                    meta["annotations"] = json!({k: v});
                }
                json!({"metadata": meta, "spec": spec})
            },
        )
}

fn versions() -> impl Strategy<Value = Version> {
    prop_oneof![
        Just(Version::Latest),
        (0..=latest_minor()).prop_map(Version::V1)
    ]
}

proptest! {
    #![proptest_config(support::proptest_config(512))]

    #[test]
    fn restricted_implies_baseline(v in pod_value(), version in versions()) {
        let (m, s) = pod(v);
        let r = evaluate(LevelVersion::new(Level::Restricted, version), &m, &s);
        let b = evaluate(LevelVersion::new(Level::Baseline, version), &m, &s);
        if r.allowed() && !b.allowed() {
            // Upstream's one exception: from 1.25 restricted skips seccomp and capabilities for
            // `os.name: windows` pods and overrides the baseline checks of both, so a windows
            // pod setting these Linux-only fields (which API validation refuses) passes
            // restricted and fails baseline.
            prop_assert_eq!(s.os.as_ref().map(|o| o.name.as_str()), Some("windows"));
            prop_assert!(b.failures().all(|(id, _)| matches!(id, CheckId::SeccompProfileBaseline | CheckId::CapabilitiesBaseline)), "{}", b);
        }
        prop_assert!(evaluate(LevelVersion::new(Level::Privileged, version), &m, &s).allowed());
        prop_assert_eq!(passes(LevelVersion::new(Level::Restricted, version), &m, &s), r.allowed());
        prop_assert_eq!(passes(LevelVersion::new(Level::Baseline, version), &m, &s), b.allowed());
    }

    #[test]
    fn fix_passes_and_its_patch_is_the_fix(v in pod_value(), version in versions(), restricted in any::<bool>()) {
        let level = if restricted { Level::Restricted } else { Level::Baseline };
        let lv = LevelVersion::new(level, version);
        let (m, s) = pod(v);
        match fix(lv, &m, &s) {
            Ok(f) => {
                prop_assert!(passes(lv, &f.metadata, &f.spec), "{}", evaluate(lv, &f.metadata, &f.spec));
                let mut doc = json!({"metadata": &m, "spec": &s});
                apply_patch(&mut doc, &f.patch()).unwrap();
                prop_assert_eq!(doc, json!({"metadata": &f.metadata, "spec": &f.spec}));
                prop_assert_eq!(f.changes.is_empty(), passes(lv, &m, &s));
            }
            Err(e) => {
                prop_assert!(!e.failures.is_empty());
                prop_assert!(e.failures.iter().all(|(id, r)| !id.fixable() && !r.allowed));
            }
        }
    }
}
