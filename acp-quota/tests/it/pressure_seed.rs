//! The ACP documentation's node-pressure examples (resource exhaustion, node fit).

use std::time::Duration;

use acp_quota::pressure::{
    AllocatableFlavour, EvictionSettings, FsLayout, NodeCondition, NodeReclaim, NodeStats,
    OomFlavour, Outcome, PodUsage, Reservations, Rules, Signal, SimulationOptions,
    admit_under_pressure, container_oom_score_adjust, node_allocatable, node_reclaim_for_signal,
    parse_threshold_config, simulate,
};
use acp_quota::{QosClass, ResourceList};
use k8s_openapi::api::core::v1::Pod;
use serde_json::json;

const MI: u64 = 1 << 20;

/// The seed's `kubeletArguments` list form: one `signal<value` (or `signal=value`) per item.
fn items(lines: &[&str]) -> String {
    lines.join(",")
}

fn example_settings() -> EvictionSettings {
    // seed 003:10874-10888
    EvictionSettings::none()
        .with_rules(Rules::Acp)
        .with_eviction_hard(&items(&["memory.available<.5Gi"]))
        .unwrap()
        .with_eviction_soft(&items(&["memory.available<1Gi"]))
        .unwrap()
        .with_eviction_soft_grace_period(&items(&["memory.available=30s"]))
        .unwrap()
}

#[test]
fn seed_003_10854_example_allocatable_both_flavours() {
    let capacity = ResourceList::parse_pairs([("memory", "10Gi")]).unwrap();
    let config = parse_threshold_config(&example_settings()).unwrap();
    let reserved = Reservations::new()
        .with_system_reserved(ResourceList::parse_pairs([("memory", "2Gi")]).unwrap());
    // seed 003:10864: allocatable = 8Gi (the documentation's model).
    let seed = node_allocatable(
        &capacity,
        &reserved.clone().with_flavour(AllocatableFlavour::Seed),
        &config,
    );
    assert_eq!(seed.get("memory").unwrap().to_string(), "8Gi");
    // The kubelet also holds back the hard eviction threshold: 7.5Gi.
    let upstream = node_allocatable(&capacity, &reserved, &config);
    assert_eq!(upstream.get("memory").unwrap().to_string(), "7680Mi");
    // seed 003:10854-10858: 10% reserved, allocatable 9Gi by the documentation; evicting at 95%
    // (memory.available<5%) the kubelet reports 8.5Gi.
    let reserved = Reservations::new()
        .with_system_reserved(ResourceList::parse_pairs([("memory", "1Gi")]).unwrap());
    let evict_at_95 = parse_threshold_config(
        &EvictionSettings::none()
            .with_eviction_hard("memory.available<5%")
            .unwrap(),
    )
    .unwrap();
    let seed = node_allocatable(
        &capacity,
        &reserved.clone().with_flavour(AllocatableFlavour::Seed),
        &evict_at_95,
    );
    assert_eq!(seed.get("memory").unwrap().to_string(), "9Gi");
    assert_eq!(
        node_allocatable(&capacity, &reserved, &evict_at_95)
            .get("memory")
            .unwrap()
            .to_string(),
        "8704Mi"
    );
}

#[test]
fn seed_003_10756_system_reserved_example() {
    // eviction-hard memory.available<500Mi, system-reserved memory=1.5Gi
    let config = parse_threshold_config(
        &EvictionSettings::none()
            .with_eviction_hard("memory.available<500Mi")
            .unwrap(),
    )
    .unwrap();
    let capacity = ResourceList::parse_pairs([("memory", "8Gi")]).unwrap();
    let reserved = Reservations::new()
        .with_system_reserved(ResourceList::parse_pairs([("memory", "1.5Gi")]).unwrap());
    assert_eq!(
        node_allocatable(&capacity, &reserved, &config)
            .get("memory")
            .unwrap()
            .to_string(),
        "6156Mi"
    );
}

#[test]
fn seed_003_10548_eviction_hard_and_soft_examples_parse() {
    let five = [
        "memory.available<100Mi",
        "nodefs.available<10%",
        "nodefs.inodesFree<5%",
        "imagefs.available<15%",
        "imagefs.inodesFree<10%",
    ];
    let grace = [
        "memory.available=1m30s",
        "nodefs.available=1m30s",
        "nodefs.inodesFree=1m30s",
        "imagefs.available=1m30s",
        "imagefs.inodesFree=1m30s",
    ];
    let hard = EvictionSettings::none()
        .with_rules(Rules::Acp)
        .with_eviction_hard(&items(&five))
        .unwrap();
    assert_eq!(parse_threshold_config(&hard).unwrap().thresholds.len(), 6); // + allocatableMemory
    let soft = EvictionSettings::none()
        .with_rules(Rules::Acp)
        .with_eviction_soft(&items(&five))
        .unwrap()
        .with_eviction_soft_grace_period(&items(&grace))
        .unwrap();
    let config = parse_threshold_config(&soft).unwrap();
    assert_eq!(config.thresholds.len(), 5);
    assert!(
        config
            .thresholds
            .iter()
            .all(|t| t.grace_period == Duration::from_secs(90))
    );
    // seed 003:10689-10697: the "default hard thresholds" the documentation lists.
    let documented = [
        "memory.available<500Mi",
        "nodefs.available<500Mi",
        "nodefs.inodesFree<5%",
        "imagefs.available<100Mi",
        "imagefs.inodesFree<10%",
    ];
    let s = EvictionSettings::none()
        .with_rules(Rules::Acp)
        .with_eviction_hard(&items(&documented))
        .unwrap();
    assert!(parse_threshold_config(&s).is_ok());
}

#[test]
fn seed_003_10568_inodes_free_must_be_a_percentage() {
    let s = EvictionSettings::none()
        .with_rules(Rules::Acp)
        .with_eviction_soft("imagefs.inodesFree<100k")
        .unwrap();
    let err = parse_threshold_config(&s).unwrap_err().to_string();
    assert_eq!(
        err,
        "evictionSoft[imagefs.inodesFree]: Invalid value: \"100k\": imagefs.inodesFree must be a percentage (e.g. 5%)"
    );
}

#[test]
fn seed_003_10769_transition_period_default_5m() {
    assert_eq!(
        EvictionSettings::default().eviction_pressure_transition_period,
        Duration::from_secs(300)
    );
}

#[test]
fn seed_003_10773_reclaim_node_level_resources() {
    // Without an imagefs: dead containers, then unused images (seed 003:10781).
    assert_eq!(
        node_reclaim_for_signal(Signal::NodeFsAvailable, FsLayout::Single),
        [
            NodeReclaim::DeleteUnusedContainers,
            NodeReclaim::DeleteUnusedImages
        ]
    );
    // With an imagefs: unused images for imagefs (seed 003:10777); the documentation also has
    // dead containers reclaimed for nodefs (seed 003:10775), which the current kubelet does for
    // imagefs instead.
    assert!(
        node_reclaim_for_signal(Signal::ImageFsAvailable, FsLayout::ImageFs)
            .contains(&NodeReclaim::DeleteUnusedImages)
    );
    assert!(node_reclaim_for_signal(Signal::NodeFsAvailable, FsLayout::ImageFs).is_empty());
}

#[test]
fn seed_003_10814_oom_score_adj_older_values() {
    let cap = 10i64 << 30;
    let g: Pod =
        serde_json::from_value(json!({"spec": {"containers": [{"name": "c", "resources": {
        "requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"cpu": "1", "memory": "1Gi"}}}]}}))
        .unwrap();
    let b: Pod =
        serde_json::from_value(json!({"spec": {"containers": [{"name": "c", "resources": {
        "requests": {"memory": "10Gi"}}}]}}))
        .unwrap();
    let e: Pod = serde_json::from_value(json!({"spec": {"containers": [{"name": "c"}]}})).unwrap();
    let c = |p: &Pod| p.spec.as_ref().unwrap().containers[0].clone();
    // seed 003:10818: Guaranteed −998 (the kubelet now says −997).
    assert_eq!(
        container_oom_score_adjust(&g, &c(&g), cap, OomFlavour::Seed).unwrap(),
        -998
    );
    assert_eq!(
        container_oom_score_adjust(&g, &c(&g), cap, OomFlavour::Upstream).unwrap(),
        -997
    );
    // seed 003:10821: min(max(2, …), 999) (the kubelet now clamps at 3).
    assert_eq!(
        container_oom_score_adjust(&b, &c(&b), cap, OomFlavour::Seed).unwrap(),
        2
    );
    assert_eq!(
        container_oom_score_adjust(&b, &c(&b), cap, OomFlavour::Upstream).unwrap(),
        3
    );
    // seed 003:10825
    assert_eq!(
        container_oom_score_adjust(&e, &c(&e), cap, OomFlavour::Seed).unwrap(),
        1000
    );
}

#[test]
fn seed_003_10835_scheduler_under_pressure() {
    // MemoryPressure: no BestEffort pod; DiskPressure: no new pod.
    assert!(
        admit_under_pressure(
            &[NodeCondition::MemoryPressure],
            QosClass::BestEffort,
            false,
            false
        )
        .is_err()
    );
    assert!(
        admit_under_pressure(
            &[NodeCondition::MemoryPressure],
            QosClass::Burstable,
            false,
            false
        )
        .is_ok()
    );
    assert!(
        admit_under_pressure(
            &[NodeCondition::DiskPressure],
            QosClass::Guaranteed,
            false,
            false
        )
        .is_err()
    );
    assert_eq!(
        NodeCondition::DiskPressure.taint_key(),
        "node.kubernetes.io/disk-pressure"
    );
}

#[test]
fn seed_003_10866_example_eviction_sequence() {
    // The example node (10Gi), memory falling to 700Mi free: the soft threshold (1Gi, 30s)
    // evicts after 30s; then a spike to 300Mi free crosses the hard one (.5Gi) at once.
    let config = parse_threshold_config(&example_settings()).unwrap();
    let pods = [
        PodUsage::memory("db", 1000, "4Gi", 3500 * MI),
        PodUsage::memory("web", 0, "512Mi", 1024 * MI),
        PodUsage::memory("batch", -10, "256Mi", 768 * MI),
        PodUsage::memory("cache", 0, "0", 2048 * MI),
    ];
    let node = NodeStats::memory(10240 * MI, (10240 - 700) * MI);
    let sim = simulate(&config, &node, &pods, &SimulationOptions::default());
    let got: Vec<(i64, &str, bool)> = sim
        .evictions()
        .map(|e| (e.at.as_second(), e.pod.as_str(), e.threshold.is_hard()))
        .collect();
    // batch: over request, lowest priority; its 768Mi lifts free memory to 1468Mi > 1Gi.
    assert_eq!(got, [(30, "batch", false)]);
    assert!(matches!(sim.outcome, Outcome::Resolved { .. }));
    let spike = NodeStats::memory(10240 * MI, (10240 - 300) * MI);
    let sim = simulate(&config, &spike, &pods, &SimulationOptions::default());
    let got: Vec<(i64, &str, bool, i64)> = sim
        .evictions()
        .map(|e| {
            (
                e.at.as_second(),
                e.pod.as_str(),
                e.threshold.is_hard(),
                e.grace_period,
            )
        })
        .collect();
    // Hard at once (grace 1s): batch frees 768Mi → 1068Mi free, above both thresholds.
    assert_eq!(got, [(0, "batch", true, 1)]);
    let first = sim.evictions().next().unwrap();
    assert_eq!(
        first.message,
        "The node was low on resource: memory. Threshold quantity: 512Mi, available: 300Mi. "
    );
}

#[test]
fn seed_003_10787_pod_eviction_order_by_qos_and_usage() {
    // The documentation orders by QoS and consumption; the kubelet orders by "usage above the
    // request" first (BestEffort pods always are), then priority, then usage − request, so a
    // Guaranteed pod within its request goes last.
    let pods = [
        PodUsage::memory("guaranteed", 0, "1Gi", 900 * MI),
        PodUsage::memory("burstable", 0, "256Mi", 700 * MI),
        PodUsage::memory("best-effort-small", 0, "0", 100 * MI),
        PodUsage::memory("best-effort-big", 0, "0", 800 * MI),
    ];
    let order: Vec<&str> = acp_quota::pressure::rank_memory_pressure(&pods)
        .into_iter()
        .map(|i| pods[i].name.as_str())
        .collect();
    assert_eq!(
        order,
        [
            "best-effort-big",
            "burstable",
            "best-effort-small",
            "guaranteed"
        ]
    );
    // The burstable pod's 444Mi above its request outranks the small BestEffort pod's 100Mi.
}
