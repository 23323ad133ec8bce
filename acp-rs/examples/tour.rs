//! The end-to-end tour: every documentation example the crates model, read, typed and validated.
//!
//! Run with `cargo run -p acp-rs --example tour`. It reads the de-mangled ACP documentation fixtures committed
//! under the workspace's `testdata/` (examples may read files; the libraries never do),
//! types each document by its apiVersion/kind, prints its validation result, and then shows the
//! arithmetic the other crates build on.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use acp_rs::model::object::{KnownObject, ObjectError, parse_yaml};
use acp_rs::model::quantity::Quantity;

/// The workspace's seed fixtures: `testdata/` at the repository root.
fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

/// Every seed example: the `*.yaml` files of the seed folders (`<3 digits>/`) under `root`.
fn fixture_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(seeds) = std::fs::read_dir(root) else {
        return out;
    };
    for seed in seeds.flatten().map(|e| e.path()) {
        let is_seed = seed.file_name().is_some_and(|n| {
            n.len() == 3 && n.to_string_lossy().bytes().all(|b| b.is_ascii_digit())
        });
        let Ok(entries) = std::fs::read_dir(&seed) else {
            continue;
        };
        if !is_seed {
            continue;
        }
        for p in entries.flatten().map(|e| e.path()) {
            if p.extension().is_some_and(|x| x == "yaml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn name_of(o: &KnownObject) -> String {
    let v = o.to_value().unwrap_or_default();
    let name = v
        .pointer("/metadata/name")
        .and_then(|n| n.as_str())
        .unwrap_or("<generated>");
    match v.pointer("/metadata/namespace").and_then(|n| n.as_str()) {
        Some(ns) => format!("{ns}/{name}"),
        None => name.to_owned(),
    }
}

/// What the tour shows, printed before any long listing.
const SUMMARY: &str = "\
acp-rs tour: the Alauda Container Platform's rules, computed offline.
  1. Seed examples      every YAML example of the product documentation, typed by kind, every check run
  2. Quantities         exact Kubernetes quantity arithmetic and canonical printing (acp-model)
  3. ALB rules          dslx rules ordered and matched against requests (acp-dsl)
  4. Crontab            CronHPA schedules resolved, next fire times (acp-cron)
  5. Namespace import   an imported namespace's quota merged into a project (acp-quota)
  6. Overcommit         a namespace's LimitRange from its overcommit ratio (acp-quota)
  7. HPA                the controller's replica count for the documentation's example (acp-workload)
  8. VPA                a recommendation capped by a LimitRange (acp-workload)
  9. Rollout plan       a Deployment rollout step by step under a quota (acp-workload)
 10. MachineConfig      validation, the rendered pool config and the node update plan (acp-ignition)
 11. Node pressure      a 10Gi node's allocatable both ways and who is evicted, in order (acp-quota)
 12. Pod Security       a pod refused by `restricted` in the API server's words, and its fix (acp-model)
";

fn main() {
    println!("{SUMMARY}");
    let root = testdata();
    let files = fixture_files(&root);
    println!(
        "== Seed examples ({} files under {})",
        files.len(),
        root.display()
    );
    let (mut objects, mut valid, mut rejected) = (0usize, 0usize, 0usize);
    // Every check every crate knows for the object (`acp_rs::validate`), time zone names
    // against jiff's bundled database.
    let zones = jiff::tz::TimeZoneDatabase::bundled();
    let validator = acp_rs::Validator::new().with_time_zones(&zones);
    for file in &files {
        let text = std::fs::read_to_string(file).expect("fixture is readable");
        let source = text
            .lines()
            .next()
            .unwrap_or("")
            .trim_start_matches("# ")
            .to_owned();
        let shown = file
            .strip_prefix(&root)
            .unwrap_or(file)
            .display()
            .to_string();
        match parse_yaml(&text) {
            Ok(docs) => {
                for o in docs {
                    objects += 1;
                    let errs = validator.validate(&o);
                    if errs.is_empty() {
                        valid += 1;
                        println!("  ok      {:<28} {:<40} [{shown}]", o.kind(), name_of(&o));
                    } else {
                        println!("  invalid {:<28} {:<40} [{shown}]", o.kind(), name_of(&o));
                        for e in &errs {
                            println!("            - {e}");
                        }
                    }
                }
            }
            Err(ObjectError::Unknown { .. }) => {}
            Err(e) => {
                rejected += 1;
                println!("  error   {shown}\n            - {e}\n            ({source})");
            }
        }
    }
    println!(
        "  => {objects} objects typed, {valid} valid, {rejected} documents the seeds get wrong (explained above)"
    );

    println!("\n== Exact quantities (apimachinery canonical form)");
    for s in ["1.5Gi", "0.1", "1000m", "1e3", "129e6", ".000000000001Ki"] {
        let q: Quantity = s.parse().expect("seed quantity parses");
        println!("  {s:>16} -> {q}");
    }
    let limit: Quantity = "4".parse().expect("cpu");
    let used: Quantity = "2500m".parse().expect("cpu");
    println!("  4 cpu - 2500m used = {} remaining", limit - used);

    alb_rule_matching(&root);
    cron_schedules(&root);
    quota_import(&root);
    overcommit_and_limitrange(&root);
    hpa_seed_example();
    vpa_under_limit_range();
    rollout_plan(&root);
    machine_config_validation();
    machine_config_rollout();
    node_pressure();
    pod_security();
}

/// Reads the first document of an ACP documentation fixture under `003/`.
fn seed003(root: &Path, file: &str) -> KnownObject {
    let text = std::fs::read_to_string(root.join("003").join(file)).expect("fixture is readable");
    parse_yaml(&text).expect("fixture parses").remove(0)
}

// seed 003:4871, 4108, 4732
/// Overcommit and LimitRange defaulting of the ACP documentation pod.
fn overcommit_and_limitrange(root: &Path) {
    use acp_rs::quota::limitrange::{LimitRanger, default_limit_range};
    use acp_rs::quota::overcommit::Overcommit;
    let (
        KnownObject::NamespaceResourceRatio(ratio),
        KnownObject::LimitRange(mut lr),
        KnownObject::Pod(pod),
    ) = (
        seed003(
            root,
            "L4871-namespaceresourceratio-example-namespace-overcommit.yaml",
        ),
        seed003(root, "L4108-limitrange-example-limitrange.yaml"),
        seed003(root, "L4732-pod-uid-gid-test-pod.yaml"),
    )
    else {
        panic!("unexpected kinds in the seed fixtures")
    };
    println!("\n== Overcommit and LimitRange (acp-quota)");
    default_limit_range(&mut lr);
    let mut p = (*pod).clone();
    let report = Overcommit::from_ratio(&ratio)
        .apply_to_pod(&mut p, std::slice::from_ref(&lr))
        .expect("the seed ratio applies");
    for c in report.changes {
        println!(
            "  overcommit {} {}: limit {} ({:?}) / {} = request {}",
            c.container, c.resource, c.limit, c.limit_source, c.ratio, c.request
        );
    }
    let mut p = (*pod).clone();
    LimitRanger::default()
        .create_pod(&[*lr], &mut p)
        .expect("the seed pod passes the seed LimitRange");
    let annotations = p.metadata.annotations.unwrap_or_default();
    println!(
        "  without overcommit, LimitRanger sets {:?}",
        annotations.get("kubernetes.io/limit-ranger")
    );
}

// seed 003:9881 and 15348-15366
/// The ACP documentation CronHPA's next changes in Asia/Shanghai, and the ACP documentation's Beijing → UTC conversion.
fn cron_schedules(root: &Path) {
    use acp_rs::cron::cronhpa::CronHpaRules;
    use acp_rs::cron::{Schedule, convert, describe};
    use jiff::tz::TimeZone;

    println!("\n== CronHPA and crontab (acp-cron)");
    let text = std::fs::read_to_string(root.join("003/L9881-cronhpa-my-deployment-cronhpa.yaml"))
        .expect("seed CronHPA");
    let docs = parse_yaml(&text).expect("seed CronHPA parses");
    let Some(KnownObject::CronHpa(c)) = docs.first() else {
        panic!("not a CronHPA")
    };
    let rules = CronHpaRules::try_from(&c.object.spec).expect("seed schedules parse");
    let shanghai = TimeZone::get("Asia/Shanghai").expect("bundled tzdb");
    let now: jiff::Timestamp = "2025-03-14T10:00:00+08:00".parse().expect("timestamp");
    println!(
        "  {} in Asia/Shanghai, from {}:",
        c.object.metadata.name.as_deref().unwrap_or(""),
        now.to_zoned(shanghai.clone())
    );
    for r in rules.upcoming(&shanghai, now, 5) {
        let schedule = &rules.rules[r.rule_index].schedule;
        println!(
            "    {}  -> {} replicas   (crons[{}] `{}`: {})",
            r.fired_at
                .to_zoned(shanghai.clone())
                .strftime("%a %Y-%m-%d %H:%M %Z"),
            r.target_replicas,
            r.rule_index,
            schedule,
            describe::english(schedule)
        );
    }
    for local in ["42 9 * * *", "32 4 * * 1"] {
        let schedule = Schedule::parse(local).expect("seed schedule");
        let utc = convert::to_utc(&schedule, 8 * 60).expect("fixed offset");
        let utc: Vec<&str> = utc.iter().map(Schedule::as_str).collect();
        println!(
            "  Beijing `{local}` ({}) = UTC `{}`",
            describe::chinese(&schedule),
            utc.join("` + `")
        );
    }
}

// seed 001:1107
/// The ACP documentation's example Rule behind its Frontend's default
/// backend: which requests it takes, and why another one falls through.
fn alb_rule_matching(root: &Path) {
    use acp_rs::dsl::request::Request;
    use acp_rs::dsl::ruleset::{RuleInput, RuleSet};
    use acp_rs::model::alb::BackendService;

    println!("\n== ALB rule matching (acp-dsl)");
    let text = std::fs::read_to_string(root.join("001/L1107-rule-alb-demo-00080-test.yaml"))
        .expect("seed Rule");
    let docs = parse_yaml(&text).expect("seed Rule parses");
    let Some(KnownObject::Rule(rule)) = docs.first() else {
        panic!("not a Rule")
    };
    let default = RuleInput::frontend_default(
        "alb-demo-00080",
        vec![BackendService {
            namespace: Some("default".into()),
            name: Some("hello-world".into()),
            port: Some(80),
            weight: Some(100),
        }],
    );
    let rules = RuleSet::compile([RuleInput::from(&**rule), default]);
    let hit = Request::new("POST", "www.app.com", "/app-a/users?group=vip")
        .with_header("location", "east-1")
        .with_cookie("uid", "42")
        .with_remote_addr("1.1.1.50");
    let miss = Request::new("POST", "www.app.com", "/app-a/users?group=vip")
        .with_header("location", "west-1")
        .with_cookie("uid", "42")
        .with_remote_addr("1.1.1.50");
    for (what, req) in [
        (
            "POST www.app.com/app-a/users?group=vip, LOCATION east-1",
            hit,
        ),
        ("same, LOCATION west-1", miss),
    ] {
        let winner = rules.matching(&req).map_or("<none>", |e| e.name());
        println!("  {what}\n    -> {winner}");
        for line in rules.explain(&req).to_string().lines() {
            println!("       {line}");
        }
    }
}

// seed 003:9431-9437
/// The ACP documentation's HPA worked example: 80 %, 80 %, 90 % at a 60 % target → 5 pods,
/// by the console's formula and by the controller.
fn hpa_seed_example() {
    use acp_rs::workload::hpa::{self, ConsoleInput, ConsolePolicy};
    println!("\n== HPA (acp-workload)");
    let r = hpa::console_replicas(&ConsoleInput {
        current_replicas: 3,
        min_replicas: 1,
        max_replicas: 10,
        tolerance_percent: 10,
        policies: vec![ConsolePolicy {
            name: "CPU 利用率".into(),
            actual: vec![80, 80, 90],
            target: 60,
        }],
    })
    .expect("valid input");
    println!("  console formula: {} pods", r.replicas);
    for line in r.to_string().lines() {
        println!("    {line}");
    }
    // The controller's own arithmetic: 100m requests, 80m/80m/90m usage.
    let now = jiff::Timestamp::from_second(1_700_000_000).expect("in range");
    let h: hpa::HpaV2 = serde_json::from_value(serde_json::json!({
        "metadata": {"name": "web"},
        "spec": {
            "scaleTargetRef": {"kind": "Deployment", "name": "web"},
            "minReplicas": 1, "maxReplicas": 10,
            "metrics": [{"type": "Resource", "resource": {"name": "cpu",
                "target": {"type": "Utilization", "averageUtilization": 60}}}]
        }
    }))
    .expect("hpa");
    let pods: Vec<_> = ["a", "b", "c"]
        .iter()
        .map(|n| hpa::fixtures::ready_pod(n, "100m", now))
        .collect();
    let samples = [hpa::MetricSample::PodResources(vec![
        hpa::fixtures::pod_usage("a", "cpu", "80m", now),
        hpa::fixtures::pod_usage("b", "cpu", "80m", now),
        hpa::fixtures::pod_usage("c", "cpu", "90m", now),
    ])];
    let d = hpa::compute(
        &hpa::HpaInput {
            hpa: &h,
            spec_replicas: 3,
            status_replicas: 3,
            pods: &pods,
            metrics: &samples,
            history: &Default::default(),
            now,
        },
        &Default::default(),
    )
    .expect("valid spec");
    println!(
        "  controller: {} pods ({})",
        d.desired_replicas, d.rescale_reason
    );
}

// seed 003:11397
/// The ACP documentation Deployment rolled to a new image, then the same
/// rollout under a `pods: 3` ResourceQuota that is already full.
fn rollout_plan(root: &Path) {
    use acp_rs::model::kube_version::WithSpec;
    use acp_rs::workload::planner::{PlanOptions, fits_quota};
    println!("\n== Rollout plan (acp-workload planner)");
    let KnownObject::Deployment(old) = seed003(root, "L11397-deployment-nginx-deployment.yaml")
    else {
        panic!("not a Deployment")
    };
    let mut new = old.clone();
    new.spec_mut()
        .expect("spec")
        .template
        .spec
        .as_mut()
        .expect("pod spec")
        .containers[0]
        .image = Some("nginx:1.16.1".into());
    let quota = "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: pods-3}\nspec: {hard: {pods: '3'}}\nstatus: {used: {pods: '3'}}\n";
    let Some(KnownObject::ResourceQuota(quota)) = parse_yaml(quota).expect("parses").pop() else {
        panic!("not a ResourceQuota")
    };
    let free = fits_quota(&old, &new, &PlanOptions::default(), &[]).expect("plan");
    println!(
        "  nginx-deployment -> nginx:1.16.1 (maxSurge {}, maxUnavailable {}):",
        free.plan.max_surge, free.plan.max_unavailable
    );
    for s in &free.plan.steps {
        println!("    {s}");
    }
    println!(
        "  {}; peak extra: {}",
        free.plan.outcome, free.plan.peak_extra
    );
    let tight = fits_quota(&old, &new, &PlanOptions::default(), &[*quota]).expect("plan");
    println!("  under pods: 3 -> {}", tight.plan.outcome);
}

// seed 003:17753-17848
/// The ACP documentation FAQ's namespace import: quotas `a` and `b` of `to-import` become one `default`
/// holding the minimum of each resource.
fn quota_import(root: &Path) {
    use acp_rs::quota::import::merge_quotas;

    println!("\n== Namespace import (acp-quota)");
    let text = std::fs::read_to_string(root.join("003/L17778-resourcequota-a.yaml"))
        .expect("seed quotas a and b");
    let quotas: Vec<_> = parse_yaml(&text)
        .expect("seed quotas parse")
        .into_iter()
        .filter_map(|o| match o {
            KnownObject::ResourceQuota(q) => Some(*q),
            _ => None,
        })
        .collect();
    let merged = merge_quotas("to-import", &quotas).expect("valid quotas");
    for (name, q) in merged.merged_from.iter().zip(&quotas) {
        let hard = q
            .spec
            .as_ref()
            .and_then(|s| s.hard.as_ref())
            .expect("spec.hard");
        let hard: Vec<String> = hard.iter().map(|(k, v)| format!("{k}={}", v.0)).collect();
        println!("  {name:>7}: {}", hard.join(","));
    }
    println!("  default: {}", merged.hard);
    println!("  then delete: {}", merged.to_delete.join(", "));
}

// seed 004:925, 937, 939, 971-975, 987
/// Machine Configuration: the ACP documentation's worker pool rendered, and the next node updates.
fn machine_config_rollout() {
    use acp_rs::ignition::plan::{PoolNode, plan_update};
    use acp_rs::ignition::render::render_pool;
    use acp_rs::model::machineconfig::{MachineConfig, MachineConfigPool};
    use serde_json::json;
    println!(
        "\n== Machine Configuration (acp-ignition): render the worker pool, plan the node updates"
    );
    let mc = |name: &str, role: &str, config: serde_json::Value| -> MachineConfig {
        serde_json::from_value(json!({
            "apiVersion": "machineconfiguration.alauda.io/v1alpha1",
            "kind": "MachineConfig", "spec": {"config": config},
            "metadata": {"name": name, "labels": {"machineconfiguration.alauda.io/role": role}}
        }))
        .expect("MachineConfig")
    };
    let empty = json!({"ignition": {"version": "3.4.0"}});
    let chrony = json!({"ignition": {"version": "3.4.0"}, "storage": {"files": [{
        "path": "/etc/chrony.conf", "mode": 420,
        "contents": {"source": "data:,server%200.centos.pool.ntp.org%20iburst%0A"}}]}});
    let configs = [
        mc("00-master", "master", empty.clone()),
        mc("00-worker", "worker", empty),
        mc("99-worker-chrony", "worker", chrony),
    ];
    let mut pool: MachineConfigPool = serde_json::from_value(json!({
        "apiVersion": "machineconfiguration.alauda.io/v1alpha1", "kind": "MachineConfigPool",
        "metadata": {"name": "worker"}, "spec": {"maxUnavailable": 1,
            "machineConfigSelector": {"matchLabels": {"machineconfiguration.alauda.io/role": "worker"}},
            "nodeSelector": {"matchLabels": {"node-role.kubernetes.io/worker": ""}}}
    }))
    .expect("MachineConfigPool");
    let rendered = render_pool(&pool, &configs).expect("the worker pool renders");
    println!("  {} from {}", rendered.name, rendered.sources.join(" + "));
    pool.spec.configuration = Some(rendered.pool_configuration());
    // The seed's current worker config (seed 004:987); the seed names two workers (1031–1032),
    // the third node's name is assumed.
    let old = "rendered-worker-f4b64";
    let nodes = [
        PoolNode::new("192.168.134.99", 1_700_000_300).with_config(old, old, "Done"),
        PoolNode::new("192.168.135.83", 1_700_000_100).with_config(old, old, "Done"),
        PoolNode::new("192.168.136.20", 1_700_000_200).with_config(old, old, "Done"),
    ];
    for line in plan_update(&pool, &nodes)
        .expect("plan")
        .to_string()
        .lines()
    {
        println!("  {line}");
    }
}

// seed 004:925; seed 004:949-965
/// MachineConfig validation: the ACP documentation's empty `00-worker`,
/// a config Ignition rejects, and a valid one ACP does not apply.
fn machine_config_validation() {
    use acp_rs::ignition::{policy, validate};
    println!("\n== MachineConfig validation (acp-ignition)");
    let seed = "apiVersion: machineconfiguration.alauda.io/v1alpha1\nkind: MachineConfig\n\
                metadata: {name: 00-worker, labels: {machineconfiguration.alauda.io/role: worker}}\n\
                spec: {config: {ignition: {version: 3.4.0}}}\n";
    let (mc, parsed) = validate::parse_machine_config_yaml(seed).expect("the seed config parses");
    println!(
        "  {}: Ignition {} valid, {} warnings, policy: {} problems",
        mc.metadata.name.unwrap_or_default(),
        parsed.config.ignition.version,
        parsed.report.warnings().count(),
        policy::check(&parsed.config, &policy::Policy::default()).len()
    );
    let bad =
        br#"{"ignition":{"version":"3.4.0"},"storage":{"files":[{"path":"etc/motd","mode":4096}]},
                   "systemd":{"units":[{"name":"hello","enabled":true,"contents":"[Service]"}]}}"#;
    if let Err(validate::ParseError::Invalid(report)) = validate::parse(bad) {
        for line in report.to_string().lines() {
            println!("  {line}");
        }
    }
    let unsupported = validate::parse(
        br#"{"ignition":{"version":"3.4.0"},"storage":{"disks":[{"device":"/dev/sdb"}]},
        "passwd":{"users":[{"name":"admin","sshAuthorizedKeys":["ssh-ed25519 AAAA"]}]}}"#,
    )
    .expect("valid Ignition");
    for e in policy::check(&unsupported.config, &policy::Policy::default()).iter() {
        println!("  {e}");
    }
}

/// A VPA recommendation applied at pod admission, capped by the namespace's LimitRange.
fn vpa_under_limit_range() {
    use acp_rs::model::thirdparty::vpa::VerticalPodAutoscaler;
    use acp_rs::workload::vpa;
    use serde_json::json;
    println!("\n== VPA under a LimitRange (acp-workload)");
    let v: VerticalPodAutoscaler = serde_json::from_value(json!({
        "metadata": {"name": "my-deployment-vpa"},
        "spec": {"targetRef": {"kind": "Deployment", "name": "my-deployment"}},
        "status": {"recommendation": {"containerRecommendations": [{"containerName": "my-container",
            "target": {"cpu": "800m", "memory": "524288k"}}]}}
    }))
    .expect("VPA");
    let pod = serde_json::from_value(json!({
        "metadata": {"name": "p"},
        "spec": {"containers": [{"name": "my-container", "resources": {
            "requests": {"cpu": "250m", "memory": "256Mi"},
            "limits": {"cpu": "500m", "memory": "512Mi"}}}]}
    }))
    .expect("Pod");
    let lr = serde_json::from_value(json!({
        "metadata": {"name": "limits"},
        "spec": {"limits": [{"type": "Container", "max": {"cpu": "1", "memory": "1Gi"}}]}
    }))
    .expect("LimitRange");
    let show = |m: &vpa::ResourceList| {
        m.iter()
            .map(|(k, q)| format!("{k}={q}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    for c in vpa::recommended_resources(&v, &pod, &[lr]) {
        println!(
            "  VPA sets {}: requests {}, limits {} ({})",
            c.container,
            show(&c.requests),
            show(&c.limits),
            c.annotations.join("; ")
        );
    }
}

/// The ACP documentation's 10Gi node: allocatable both ways, and who is evicted when memory
/// runs short.
fn node_pressure() {
    use acp_rs::quota::ResourceList;
    use acp_rs::quota::pressure::{
        AllocatableFlavour, EvictionSettings, NodeStats, PodUsage, Reservations, SimulationOptions,
        Step, node_allocatable, parse_threshold_config, simulate,
    };
    println!("\n== Node pressure: the 10Gi node (acp-quota)");
    let settings = EvictionSettings::none()
        .with_eviction_hard("memory.available<.5Gi")
        .and_then(|s| s.with_eviction_soft("memory.available<1Gi"))
        .and_then(|s| s.with_eviction_soft_grace_period("memory.available=30s"))
        .expect("seed settings");
    let config = parse_threshold_config(&settings).expect("seed thresholds");
    let capacity = ResourceList::parse_pairs([("memory", "10Gi")]).expect("capacity");
    let reserved = Reservations::new()
        .with_system_reserved(ResourceList::parse_pairs([("memory", "2Gi")]).expect("reserved"));
    for (label, flavour) in [
        (
            "kubelet (capacity - reserved - hard eviction)",
            AllocatableFlavour::Upstream,
        ),
        (
            "ACP documentation (capacity - reserved)",
            AllocatableFlavour::Seed,
        ),
    ] {
        let a = node_allocatable(&capacity, &reserved.clone().with_flavour(flavour), &config);
        let memory = a.get("memory").map(ToString::to_string).unwrap_or_default();
        println!("  allocatable memory, {label}: {memory}");
    }
    let mi = 1u64 << 20;
    let pods = [
        PodUsage::memory("db", 1000, "4Gi", 3500 * mi),
        PodUsage::memory("web", 0, "512Mi", 1024 * mi),
        PodUsage::memory("batch", -10, "256Mi", 768 * mi),
        PodUsage::memory("cache", 0, "0", 2048 * mi),
    ];
    println!(
        "  pods: db 3500Mi/4Gi (prio 1000), web 1Gi/512Mi, batch 768Mi/256Mi (prio -10), cache 2Gi/none"
    );
    for free in [700u64, 100] {
        let stats = NodeStats::memory(10240 * mi, (10240 - free) * mi);
        let sim = simulate(&config, &stats, &pods, &SimulationOptions::default());
        println!("  {free}Mi free:");
        for step in &sim.steps {
            if let Step::Evicted(e) = step {
                let kind = if e.threshold.is_hard() {
                    "hard"
                } else {
                    "soft"
                };
                println!(
                    "    t={}s evict {} ({kind} {}, {} free, grace {}s)",
                    e.at.as_second(),
                    e.pod,
                    e.threshold,
                    e.available,
                    e.grace_period
                );
            }
        }
        println!("    -> {:?}", sim.outcome);
    }
}

/// A pod as most examples write it, refused by the `restricted` Pod Security Standard with the
/// API server's message; the smallest `securityContext` change that admits it, as a JSON Patch;
/// and a pod no such change can help.
fn pod_security() {
    use acp_rs::model::psa::{self, Level, LevelVersion};
    use k8s_openapi::api::core::v1::Pod;

    println!("\n== Pod Security Admission (acp-model): refused by restricted, and the fix");
    let pod: Pod = serde_json::from_value(serde_json::json!({
        "metadata": {"name": "web", "namespace": "team-a"},
        "spec": {"containers": [{"name": "app", "image": "nginx:1.27"}]}
    }))
    .expect("the example pod reads");
    let spec = pod.spec.as_ref().expect("the example pod has a spec");
    let restricted = LevelVersion::latest(Level::Restricted);
    println!(
        "  baseline:   {}",
        psa::evaluate(LevelVersion::latest(Level::Baseline), &pod.metadata, spec)
    );
    println!(
        "  restricted: {}",
        psa::evaluate(restricted, &pod.metadata, spec)
    );
    match psa::fix(restricted, &pod.metadata, spec) {
        Ok(fix) => {
            for change in &fix.changes {
                println!("    fix: {change}");
            }
            println!("    as a JSON Patch: {}", fix.patch());
            println!(
                "    fixed pod passes restricted: {}",
                psa::passes(restricted, &fix.metadata, &fix.spec)
            );
        }
        Err(e) => println!("    no fix: {e}"),
    }
    let host: Pod = serde_json::from_value(serde_json::json!({
        "metadata": {"name": "node-agent"},
        "spec": {"hostNetwork": true,
                 "volumes": [{"name": "root", "hostPath": {"path": "/"}}],
                 "containers": [{"name": "agent", "image": "agent:1"}]}
    }))
    .expect("the example pod reads");
    let host_spec = host.spec.as_ref().expect("the example pod has a spec");
    match psa::fix(
        LevelVersion::latest(Level::Baseline),
        &host.metadata,
        host_spec,
    ) {
        Ok(_) => println!("  node-agent: fixable"),
        Err(e) => println!("  node-agent at baseline: {e}"),
    }
}
