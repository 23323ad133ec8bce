//! Node pressure against upstream's own test tables (kubelet eviction helpers, qos policy,
//! scheduler fit), facts carried over, named after the upstream function.

use std::time::Duration;

use acp_model::quantity::Quantity;
use acp_quota::QosClass;
use acp_quota::ResourceList;
use acp_quota::pressure::oom::{burstable_clamp, burstable_linear};
use acp_quota::pressure::{
    AllocatableFlavour, ContainerUsage, EvictionSettings, FitOptions, FsLayout, FsMeasure,
    NodeCondition, NodeReclaim, NodeStats, NodeUsage, OomFlavour, Os, PodStats, PodUsage,
    PressureState, RankBy, Reservations, SchedulerResource, Signal, StarvedResource, Threshold,
    ThresholdValue, admit_under_pressure, container_oom_score_adjust, eviction_grace_period,
    eviction_message, fits_request, node_allocatable, node_conditions, node_reclaim_for_signal,
    parse_threshold_config, pod_fits, rank, rank_disk_pressure, rank_for_signal,
    rank_memory_pressure, rank_pid_pressure, thresholds_met,
};
use acp_quota::pressure::{Observation, Observations};
use jiff::Timestamp;
use k8s_openapi::api::core::v1::Pod;
use serde_json::json;

use crate::support::{q, read};

fn settings(hard: &str, soft: &str, grace: &str, reclaim: &str) -> EvictionSettings {
    EvictionSettings::none()
        .with_enforce_node_allocatable(Vec::new())
        .with_eviction_hard(hard)
        .unwrap()
        .with_eviction_soft(soft)
        .unwrap()
        .with_eviction_soft_grace_period(grace)
        .unwrap()
        .with_eviction_minimum_reclaim(reclaim)
        .unwrap()
}

fn qv(s: &str) -> ThresholdValue {
    ThresholdValue::Quantity(q(s))
}

fn show(t: &Threshold) -> String {
    let reclaim = t
        .min_reclaim
        .as_ref()
        .map(|r| r.to_string())
        .unwrap_or_default();
    format!(
        "{}<{} grace={:?} reclaim={reclaim}",
        t.signal, t.value, t.grace_period
    )
}

/// name, hard, soft, grace period, minimum reclaim, expected thresholds.
type ValidCase<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, &'a [&'a str]);

#[test]
fn parse_threshold_config_valid() {
    // name, hard, soft, grace, reclaim, expected thresholds
    let cases: &[ValidCase] = &[
        ("no values", "", "", "", "", &[]),
        (
            "all flag values",
            "memory.available<150Mi",
            "memory.available<300Mi",
            "memory.available=30s",
            "memory.available=0",
            &[
                "memory.available<150Mi grace=0ns reclaim=0",
                "memory.available<300Mi grace=30s reclaim=0",
            ],
        ),
        (
            "all flag values in percentages",
            "memory.available<10%",
            "memory.available<30%",
            "memory.available=30s",
            "memory.available=5%",
            &[
                "memory.available<10% grace=0ns reclaim=5%",
                "memory.available<30% grace=30s reclaim=5%",
            ],
        ),
        (
            "disk flag values",
            "imagefs.available<150Mi,nodefs.available<100Mi",
            "imagefs.available<300Mi,nodefs.available<200Mi",
            "imagefs.available=30s,nodefs.available=30s",
            "imagefs.available=2Gi,nodefs.available=1Gi",
            &[
                "nodefs.available<100Mi grace=0ns reclaim=1Gi",
                "imagefs.available<150Mi grace=0ns reclaim=2Gi",
                "nodefs.available<200Mi grace=30s reclaim=1Gi",
                "imagefs.available<300Mi grace=30s reclaim=2Gi",
            ],
        ),
        (
            "disk flag values in percentages",
            "imagefs.available<15%,nodefs.available<10.5%",
            "imagefs.available<30%,nodefs.available<20.5%",
            "imagefs.available=30s,nodefs.available=30s",
            "imagefs.available=10%,nodefs.available=5%",
            &[
                "nodefs.available<10.5% grace=0ns reclaim=5%",
                "imagefs.available<15% grace=0ns reclaim=10%",
                "nodefs.available<20.5% grace=30s reclaim=5%",
                "imagefs.available<30% grace=30s reclaim=10%",
            ],
        ),
        (
            "inode flag values",
            "imagefs.inodesFree<150Mi,nodefs.inodesFree<100Mi",
            "imagefs.inodesFree<300Mi,nodefs.inodesFree<200Mi",
            "imagefs.inodesFree=30s,nodefs.inodesFree=30s",
            "imagefs.inodesFree=2Gi,nodefs.inodesFree=1Gi",
            &[
                "nodefs.inodesFree<100Mi grace=0ns reclaim=1Gi",
                "imagefs.inodesFree<150Mi grace=0ns reclaim=2Gi",
                "nodefs.inodesFree<200Mi grace=30s reclaim=1Gi",
                "imagefs.inodesFree<300Mi grace=30s reclaim=2Gi",
            ],
        ),
        (
            "pid and allocatable signals",
            "pid.available<300,allocatableMemory.available<150Mi,containerfs.available<1Gi",
            "",
            "",
            "",
            &[
                "allocatableMemory.available<150Mi grace=0ns reclaim=",
                "containerfs.available<1Gi grace=0ns reclaim=",
                "pid.available<300 grace=0ns reclaim=",
            ],
        ),
        // 0% and 100% are ignored.
        (
            "ignored percentages",
            "memory.available<0%,nodefs.available<100%",
            "",
            "",
            "",
            &[],
        ),
    ];
    for (name, hard, soft, grace, reclaim, want) in cases {
        let got = parse_threshold_config(&settings(hard, soft, grace, reclaim)).unwrap();
        let got: Vec<String> = got.thresholds.iter().map(show).collect();
        assert_eq!(got, *want, "{name}");
    }
}

/// name, hard, soft, grace period, minimum reclaim, expected error.
type ErrorCase = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const ERROR_CASES: &[ErrorCase] = &[
    (
        "invalid-signal",
        "mem.available<150Mi",
        "",
        "",
        "",
        "evictionHard[mem.available]: unsupported eviction signal mem.available",
    ),
    (
        "hard-signal-negative",
        "memory.available<-150Mi",
        "",
        "",
        "",
        "evictionHard[memory.available]: eviction threshold memory.available must be positive: -150Mi",
    ),
    (
        "hard-signal-zero",
        "memory.available<0",
        "",
        "",
        "",
        "evictionHard[memory.available]: eviction threshold memory.available must be positive: 0",
    ),
    (
        "hard-signal-negative-percentage",
        "memory.available<-15%",
        "",
        "",
        "",
        "evictionHard[memory.available]: eviction percentage threshold memory.available must be >= 0%: -15%",
    ),
    (
        "hard-signal-above-100",
        "memory.available<101%",
        "",
        "",
        "",
        "evictionHard[memory.available]: eviction percentage threshold memory.available must be <= 100%: 101%",
    ),
    (
        "soft-signal-negative",
        "",
        "memory.available<-150Mi",
        "",
        "",
        "evictionSoft[memory.available]: eviction threshold memory.available must be positive: -150Mi",
    ),
    (
        "valid-and-invalid-signal",
        "memory.available<150Mi,invalid.foo<150Mi",
        "",
        "",
        "",
        "evictionHard[invalid.foo]: unsupported eviction signal invalid.foo",
    ),
    (
        "soft-no-grace-period",
        "",
        "memory.available<150Mi",
        "",
        "",
        "evictionSoftGracePeriod: grace period must be specified for the soft eviction threshold memory.available",
    ),
    (
        "soft-negative-grace-period",
        "",
        "memory.available<150Mi",
        "memory.available=-30s",
        "",
        "evictionSoftGracePeriod[memory.available]: invalid eviction grace period specified: -30s, must be a positive value",
    ),
    (
        "soft-bad-grace-period",
        "",
        "memory.available<150Mi",
        "memory.available=30",
        "",
        "evictionSoftGracePeriod[memory.available]: time: missing unit in duration \"30\"",
    ),
    (
        "negative-reclaim",
        "",
        "",
        "",
        "memory.available=-300Mi",
        "evictionMinimumReclaim[memory.available]: negative eviction minimum reclaim specified for memory.available",
    ),
    (
        "zero-percentage-reclaim",
        "",
        "",
        "",
        "memory.available=0%",
        "evictionMinimumReclaim[memory.available]: eviction percentage minimum reclaim memory.available must be positive: 0%",
    ),
    (
        "bad-percentage",
        "memory.available<abc%",
        "",
        "",
        "",
        "evictionHard[memory.available]: strconv.ParseFloat: parsing \"abc\": invalid syntax",
    ),
    (
        "swap is not an eviction signal",
        "swap.available<1Gi",
        "",
        "",
        "",
        "evictionHard[swap.available]: unsupported eviction signal swap.available",
    ),
];

#[test]
fn parse_threshold_config_errors() {
    let cases = ERROR_CASES;
    for (name, hard, soft, grace, reclaim, want) in cases {
        let err = parse_threshold_config(&settings(hard, soft, grace, reclaim)).unwrap_err();
        assert_eq!(err.to_string(), *want, "{name}");
    }
    assert_eq!(
        EvictionSettings::none()
            .with_eviction_hard("memory.available=1Gi")
            .unwrap_err()
            .to_string(),
        "malformed pair, expect string<string: \"memory.available=1Gi\""
    );
}

#[test]
fn parse_threshold_config_acp_rules_inodes_percentages_only() {
    // seed 003:10568
    let s = EvictionSettings::none()
        .with_rules(acp_quota::pressure::Rules::Acp)
        .with_eviction_hard("nodefs.inodesFree<100000")
        .unwrap();
    assert_eq!(
        parse_threshold_config(&s).unwrap_err().to_string(),
        "evictionHard[nodefs.inodesFree]: Invalid value: \"100000\": nodefs.inodesFree must be a percentage (e.g. 5%)"
    );
    let ok = s
        .clone()
        .with_eviction_hard("nodefs.inodesFree<5%")
        .unwrap();
    assert_eq!(parse_threshold_config(&ok).unwrap().thresholds.len(), 1);
    // The kubelet itself accepts the quantity.
    let upstream = s.with_rules(acp_quota::pressure::Rules::Upstream);
    assert!(parse_threshold_config(&upstream).is_ok());
}

#[test]
fn add_allocatable_thresholds() {
    // With enforceNodeAllocatable=[pods], the hard memory.available threshold is copied to
    // allocatableMemory.available, its minimum reclaim too; soft ones are not.
    let s = EvictionSettings::none()
        .with_eviction_hard("memory.available<150Mi")
        .unwrap()
        .with_eviction_soft("memory.available<300Mi")
        .unwrap()
        .with_eviction_soft_grace_period("memory.available=30s")
        .unwrap()
        .with_eviction_minimum_reclaim("memory.available=100Mi")
        .unwrap();
    let got: Vec<String> = parse_threshold_config(&s)
        .unwrap()
        .thresholds
        .iter()
        .map(show)
        .collect();
    assert_eq!(
        got,
        [
            "memory.available<150Mi grace=0ns reclaim=100Mi",
            "memory.available<300Mi grace=30s reclaim=100Mi",
            "allocatableMemory.available<150Mi grace=0ns reclaim=100Mi",
        ]
    );
}

#[test]
fn default_eviction_hard_per_os() {
    let show_os = |os| {
        let c = parse_threshold_config(
            &EvictionSettings::kubelet_defaults(os).with_enforce_node_allocatable(vec![]),
        )
        .unwrap();
        c.thresholds
            .iter()
            .map(|t| t.to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    assert_eq!(
        show_os(Os::Linux),
        "memory.available<100Mi,nodefs.available<10%,nodefs.inodesFree<5%,imagefs.available<15%"
    );
    assert_eq!(
        show_os(Os::Windows),
        "memory.available<500Mi,nodefs.available<10%"
    );
    assert_eq!(
        show_os(Os::Other),
        "memory.available<100Mi,nodefs.available<10%,imagefs.available<15%"
    );
    let d = EvictionSettings::default();
    assert_eq!(
        d.eviction_pressure_transition_period,
        Duration::from_secs(300)
    );
    assert_eq!(d.eviction_max_pod_grace_period, 0);
    assert_eq!(d.enforce_node_allocatable, ["pods"]);
}

#[test]
fn get_threshold_quantity() {
    let p = |s: &str| match parse_threshold_config(&settings(
        &format!("memory.available<{s}"),
        "",
        "",
        "",
    )) {
        Ok(c) => c.thresholds[0].value.clone(),
        Err(e) => panic!("{e}"),
    };
    let cases = [
        (qv("500Mi"), "100Mi", "500Mi"),
        (p("50%"), "100Mi", "50Mi"),
        (p("1%"), "1Gi", "10737418"),
        (p("10%"), "10Gi", "1Gi"),
        (p("7.5%"), "100", "7"),
    ];
    for (value, capacity, want) in cases {
        assert_eq!(
            value.quantity_for(&q(capacity)),
            q(want),
            "{value} of {capacity}"
        );
    }
}

#[test]
fn get_threshold_quantity_against_upstream_floats() {
    // Upstream's float32 percentage lands within 2^-23 of the exact value; ours is exact.
    let text = read("pressure/threshold_percentages.tsv");
    let mut rows = 0;
    let mut differ = 0;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (pct, cap, upstream): (&str, i64, i64) =
            (cols[0], cols[1].parse().unwrap(), cols[2].parse().unwrap());
        let c = parse_threshold_config(&settings(&format!("memory.available<{pct}"), "", "", ""))
            .unwrap();
        let ours = c.thresholds[0]
            .value
            .quantity_for(&Quantity::from_int(
                cap,
                acp_model::quantity::Format::DecimalSI,
            ))
            .value();
        let tolerance = cap / (1 << 23) + 1;
        assert!(
            (ours - upstream).abs() <= tolerance,
            "{pct} of {cap}: ours {ours}, upstream {upstream}"
        );
        differ += usize::from(ours != upstream);
        rows += 1;
    }
    assert_eq!(rows, 130);
    // The deviation is real: most rows differ by a few units (e.g. 10% of 10Gi).
    assert!(differ > 50, "{differ}");
}

fn observations(pairs: &[(Signal, &str, &str)]) -> Observations {
    Observations(
        pairs
            .iter()
            .map(|(s, avail, cap)| {
                (
                    *s,
                    Observation {
                        available: q(avail),
                        capacity: q(cap),
                    },
                )
            })
            .collect(),
    )
}

#[test]
fn thresholds_met_table() {
    let hard = Threshold::hard(Signal::MemoryAvailable, qv("1Gi")).with_min_reclaim(qv("500Mi"));
    let cases: &[(&str, bool, &str, bool)] = &[
        // name, enforce min reclaim, available, met
        ("threshold-met-memory", false, "500Mi", true),
        ("threshold-not-met", false, "2Gi", false),
        ("threshold-met-with-min-reclaim", true, "1.05Gi", true),
        ("threshold-not-met-with-min-reclaim", true, "2Gi", false),
        ("threshold-equal-is-not-met", false, "1Gi", false),
    ];
    for (name, enforce, avail, met) in cases {
        let obs = observations(&[(Signal::MemoryAvailable, avail, "10Gi")]);
        assert_eq!(
            !thresholds_met(std::slice::from_ref(&hard), &obs, *enforce).is_empty(),
            *met,
            "{name}"
        );
    }
    // No observation for the signal: not met.
    assert!(thresholds_met(&[hard], &Observations::default(), false).is_empty());
    // Percentages are taken of the observed capacity (available + working set).
    let pct = parse_threshold_config(&settings("nodefs.available<10%", "", "", "")).unwrap();
    let stats = NodeStats::default().with_nodefs(acp_quota::pressure::FsStats {
        available_bytes: 9 << 30,
        capacity_bytes: 100 << 30,
        inodes_free: 1,
        inodes: 1,
    });
    assert_eq!(
        thresholds_met(&pct.thresholds, &stats.observations(), false).len(),
        1
    );
}

#[test]
fn thresholds_met_grace_period_and_node_conditions_observed_since() {
    let config = parse_threshold_config(
        &EvictionSettings::none()
            .with_eviction_soft("memory.available<1Gi")
            .unwrap()
            .with_eviction_soft_grace_period("memory.available=1m")
            .unwrap()
            .with_pressure_transition_period(Duration::from_secs(300)),
    )
    .unwrap();
    let t0 = Timestamp::UNIX_EPOCH;
    let at = |s: i64| Timestamp::from_second(s).unwrap();
    let low = NodeStats::memory(10 << 30, (10 << 30) - (512 << 20)).observations();
    let fine = NodeStats::memory(10 << 30, 1 << 30).observations();
    let mut state = PressureState::new();
    let a = state.observe(&config, &low, t0);
    assert_eq!(a.node_conditions, [NodeCondition::MemoryPressure]);
    assert!(a.thresholds.is_empty(), "grace period not yet met");
    assert_eq!(a.taints(), ["node.kubernetes.io/memory-pressure"]);
    assert!(state.observe(&config, &low, at(59)).thresholds.is_empty());
    assert_eq!(state.observe(&config, &low, at(60)).thresholds.len(), 1);
    // Pressure gone: the condition stays for the transition period after the last sighting.
    let a = state.observe(&config, &fine, at(70));
    assert!(a.thresholds.is_empty());
    assert_eq!(a.node_conditions, [NodeCondition::MemoryPressure]);
    assert_eq!(
        state.observe(&config, &fine, at(60 + 299)).node_conditions,
        [NodeCondition::MemoryPressure]
    );
    assert!(
        state
            .observe(&config, &fine, at(60 + 300))
            .node_conditions
            .is_empty()
    );
}

#[test]
fn node_conditions_table() {
    let t = |s| Threshold::hard(s, qv("1"));
    assert_eq!(
        node_conditions(&[
            t(Signal::NodeFsAvailable),
            t(Signal::MemoryAvailable),
            t(Signal::ImageFsInodesFree),
            t(Signal::PidAvailable)
        ]),
        [
            NodeCondition::DiskPressure,
            NodeCondition::MemoryPressure,
            NodeCondition::PidPressure
        ]
    );
    assert!(node_conditions(&[]).is_empty());
}

#[test]
fn admit_under_pressure_table() {
    use NodeCondition::*;
    use QosClass::*;
    // conditions, qos, critical, tolerates memory-pressure, admitted
    let cases: &[(&[NodeCondition], QosClass, bool, bool, bool)] = &[
        (&[], BestEffort, false, false, true),
        (&[MemoryPressure], BestEffort, false, false, false),
        (&[MemoryPressure], BestEffort, false, true, true),
        (&[MemoryPressure], Burstable, false, false, true),
        (&[MemoryPressure], Guaranteed, false, false, true),
        (&[MemoryPressure], BestEffort, true, false, true),
        (&[DiskPressure], Guaranteed, false, false, false),
        (&[DiskPressure], Guaranteed, true, false, true),
        (
            &[MemoryPressure, DiskPressure],
            Burstable,
            false,
            true,
            false,
        ),
        (&[PidPressure], Burstable, false, false, false),
    ];
    for (conds, qos, critical, tolerates, ok) in cases {
        assert_eq!(
            admit_under_pressure(conds, *qos, *critical, *tolerates).is_ok(),
            *ok,
            "{conds:?} {qos:?}"
        );
    }
    let err =
        admit_under_pressure(&[MemoryPressure, DiskPressure], Burstable, false, false).unwrap_err();
    assert_eq!(
        err.to_string(),
        "The node had condition: [MemoryPressure DiskPressure]. "
    );
}

fn mem_pod(name: &str, priority: i32, request: &str, usage_mi: u64) -> PodUsage {
    PodUsage::memory(name, priority, request, usage_mi << 20)
}

fn names(pods: &[PodUsage], order: &[usize]) -> Vec<String> {
    order.iter().map(|&i| pods[i].name.clone()).collect()
}

#[test]
fn ordered_by_exceeds_request_memory() {
    let pods = [
        mem_pod("below-requests", -1, "200Mi", 199),
        mem_pod("exceeds-requests", 1, "100Mi", 101),
    ];
    assert_eq!(
        names(&pods, &rank_memory_pressure(&pods)),
        ["exceeds-requests", "below-requests"]
    );
}

#[test]
fn ordered_by_priority() {
    let pods = [
        mem_pod("high-priority", 12534, "0", 0),
        mem_pod("medium-priority", 1, "0", 0),
        mem_pod("low-priority", -134, "0", 0),
    ];
    assert_eq!(
        names(&pods, &rank_memory_pressure(&pods)),
        ["low-priority", "medium-priority", "high-priority"]
    );
}

#[test]
fn ordered_by_memory() {
    let pods = [
        mem_pod("best-effort-high", 0, "0", 500),
        mem_pod("best-effort-low", 0, "0", 300),
        mem_pod("burstable-high", 0, "100Mi", 800),
        mem_pod("burstable-low", 0, "100Mi", 300),
        mem_pod("guaranteed-high", 0, "1Gi", 800),
        mem_pod("guaranteed-low", 0, "1Gi", 200),
    ];
    assert_eq!(
        names(&pods, &rank_memory_pressure(&pods)),
        [
            "burstable-high",
            "best-effort-high",
            "best-effort-low",
            "burstable-low",
            "guaranteed-high",
            "guaranteed-low"
        ]
    );
}

#[test]
fn ordered_by_memory_without_stats_first() {
    let mut missing = mem_pod("no-stats", 100, "0", 0);
    missing.stats = None;
    let pods = [mem_pod("hog", -100, "0", 5000), missing];
    assert_eq!(
        names(&pods, &rank_memory_pressure(&pods)),
        ["no-stats", "hog"]
    );
}

fn disk_pod(
    name: &str,
    priority: i32,
    request: &str,
    root: u64,
    logs: u64,
    volumes: u64,
) -> PodUsage {
    PodUsage {
        name: name.to_owned(),
        priority,
        ephemeral_storage_request: q(request),
        stats: Some(PodStats {
            rootfs_bytes: root << 20,
            logs_bytes: logs << 20,
            local_volume_bytes: volumes << 20,
            rootfs_inodes: root * 1000,
            logs_inodes: logs * 1000,
            local_volume_inodes: volumes * 1000,
            ..PodStats::default()
        }),
        ..PodUsage::default()
    }
}

#[test]
fn ordered_by_disk() {
    let pods = [
        disk_pod("best-effort-high", 0, "0", 50, 100, 150),
        disk_pod("best-effort-low", 0, "0", 25, 25, 50),
        disk_pod("burstable-high", 0, "100Mi", 150, 150, 50),
        disk_pod("burstable-low", 0, "100Mi", 25, 35, 50),
        disk_pod("guaranteed-high", 0, "400Mi", 225, 100, 50),
        disk_pod("guaranteed-low", 0, "400Mi", 25, 45, 50),
    ];
    assert_eq!(
        names(&pods, &rank_disk_pressure(&pods, FsMeasure::ALL, false)),
        [
            "best-effort-high",
            "burstable-high",
            "best-effort-low",
            "burstable-low",
            "guaranteed-high",
            "guaranteed-low"
        ]
    );
}

#[test]
fn ordered_by_priority_disk() {
    let (lo, hi) = (-1, 1);
    let pods = [
        disk_pod(
            "below-requests-high-priority-low-usage",
            hi,
            "1Gi",
            100,
            60,
            40,
        ),
        disk_pod(
            "below-requests-high-priority-high-usage",
            hi,
            "1Gi",
            250,
            500,
            50,
        ),
        disk_pod(
            "below-requests-low-priority-low-usage",
            lo,
            "1Gi",
            50,
            100,
            50,
        ),
        disk_pod(
            "below-requests-low-priority-high-usage",
            lo,
            "1Gi",
            500,
            200,
            100,
        ),
        disk_pod(
            "above-requests-high-priority-low-usage",
            hi,
            "100Mi",
            90,
            50,
            10,
        ),
        disk_pod(
            "above-requests-high-priority-high-usage",
            hi,
            "100Mi",
            200,
            150,
            250,
        ),
        disk_pod("above-requests-low-priority-low-usage", lo, "0", 10, 10, 30),
        disk_pod(
            "above-requests-low-priority-high-usage",
            lo,
            "0",
            200,
            100,
            200,
        ),
    ];
    let mut want: Vec<String> = pods.iter().map(|p| p.name.clone()).collect();
    want.reverse();
    assert_eq!(
        names(&pods, &rank_disk_pressure(&pods, FsMeasure::ALL, false)),
        want
    );
}

#[test]
fn ordered_by_priority_inodes() {
    let (lo, hi) = (-1, 1);
    let inode_pod = |name: &str, prio, r, l, v| {
        let mut p = disk_pod(name, prio, "0", 0, 0, 0);
        let s = p.stats.as_mut().unwrap();
        (s.rootfs_inodes, s.logs_inodes, s.local_volume_inodes) = (r, l, v);
        p
    };
    let pods = [
        inode_pod("high-priority-low-usage", hi, 10000, 40000, 100000),
        inode_pod("high-priority-high-usage", hi, 150000, 150000, 50000),
        inode_pod("low-priority-low-usage", lo, 60000, 30000, 10000),
        inode_pod("low-priority-high-usage", lo, 50000, 100000, 250000),
    ];
    assert_eq!(
        names(&pods, &rank_disk_pressure(&pods, FsMeasure::ALL, true)),
        [
            "low-priority-high-usage",
            "low-priority-low-usage",
            "high-priority-high-usage",
            "high-priority-low-usage"
        ]
    );
}

#[test]
fn rank_pid_pressure_priority_then_processes() {
    let pid_pod = |name: &str, prio, procs| PodUsage {
        name: name.to_owned(),
        priority: prio,
        stats: Some(PodStats {
            processes: procs,
            ..PodStats::default()
        }),
        ..PodUsage::default()
    };
    let mut missing = pid_pod("high-no-stats", 10, 0);
    missing.stats = None;
    let pods = [
        pid_pod("high-few", 10, 5),
        missing,
        pid_pod("low-few", -1, 3),
        pid_pod("low-many", -1, 300),
        pid_pod("high-many", 10, 50),
    ];
    // Priority first; within a priority, pods without stats, then the most processes.
    assert_eq!(
        names(&pods, &rank_pid_pressure(&pods)),
        [
            "low-many",
            "low-few",
            "high-no-stats",
            "high-many",
            "high-few"
        ]
    );
}

#[test]
fn build_signal_to_rank_func() {
    use FsLayout::*;
    let node_side = FsMeasure {
        root: false,
        logs: true,
        local_volumes: true,
    };
    let root_only = FsMeasure {
        root: true,
        logs: false,
        local_volumes: false,
    };
    let nothing = FsMeasure {
        root: false,
        logs: false,
        local_volumes: false,
    };
    let disk = |measure, inodes| RankBy::Disk { measure, inodes };
    let cases = [
        (Signal::MemoryAvailable, Single, RankBy::Memory),
        (Signal::AllocatableMemoryAvailable, ImageFs, RankBy::Memory),
        (Signal::PidAvailable, SplitImageFs, RankBy::Pids),
        (Signal::NodeFsAvailable, Single, disk(FsMeasure::ALL, false)),
        (
            Signal::ImageFsInodesFree,
            Single,
            disk(FsMeasure::ALL, true),
        ),
        (Signal::NodeFsAvailable, ImageFs, disk(node_side, false)),
        (Signal::ImageFsAvailable, ImageFs, disk(root_only, false)),
        (
            Signal::ContainerFsInodesFree,
            ImageFs,
            disk(root_only, true),
        ),
        (
            Signal::NodeFsAvailable,
            SplitImageFs,
            disk(FsMeasure::ALL, false),
        ),
        (
            Signal::ContainerFsAvailable,
            SplitImageFs,
            disk(FsMeasure::ALL, false),
        ),
        (Signal::ImageFsAvailable, SplitImageFs, disk(nothing, false)),
    ];
    for (signal, layout, want) in cases {
        assert_eq!(rank_for_signal(signal, layout), want, "{signal} {layout:?}");
    }
}

#[test]
fn build_signal_to_node_reclaim_funcs() {
    use FsLayout::*;
    use NodeReclaim::*;
    let cases: &[(Signal, FsLayout, &[NodeReclaim])] = &[
        (Signal::MemoryAvailable, Single, &[]),
        (Signal::PidAvailable, Single, &[]),
        (
            Signal::NodeFsAvailable,
            Single,
            &[DeleteUnusedContainers, DeleteUnusedImages],
        ),
        (
            Signal::ImageFsInodesFree,
            Single,
            &[DeleteUnusedContainers, DeleteUnusedImages],
        ),
        (Signal::NodeFsAvailable, ImageFs, &[]),
        (
            Signal::ImageFsAvailable,
            ImageFs,
            &[DeleteUnusedContainers, DeleteUnusedImages],
        ),
        (
            Signal::ContainerFsAvailable,
            ImageFs,
            &[DeleteUnusedContainers, DeleteUnusedImages],
        ),
        (
            Signal::ImageFsAvailable,
            SplitImageFs,
            &[DeleteUnusedImages],
        ),
        (
            Signal::NodeFsInodesFree,
            SplitImageFs,
            &[DeleteUnusedContainers],
        ),
        (
            Signal::ContainerFsAvailable,
            SplitImageFs,
            &[DeleteUnusedContainers],
        ),
    ];
    for (signal, layout, want) in cases {
        assert_eq!(
            node_reclaim_for_signal(*signal, *layout),
            *want,
            "{signal} {layout:?}"
        );
    }
}

#[test]
fn eviction_message_memory() {
    let mut pod = mem_pod("web", 0, "100Mi", 700);
    pod.stats.as_mut().unwrap().containers = vec![
        ContainerUsage {
            name: "app".into(),
            memory_working_set: Some(600 << 20),
            memory_request: Some(q("100Mi")),
            ..ContainerUsage::default()
        },
        ContainerUsage {
            name: "sidecar".into(),
            memory_working_set: Some(100 << 20),
            memory_request: Some(q("200Mi")),
            ..ContainerUsage::default()
        },
        ContainerUsage {
            name: "no-request".into(),
            memory_working_set: Some(1),
            ..ContainerUsage::default()
        },
    ];
    let thresholds = [Threshold::hard(Signal::MemoryAvailable, qv("100Mi"))];
    let obs = observations(&[(Signal::MemoryAvailable, "50Mi", "10Gi")]);
    assert_eq!(
        eviction_message(StarvedResource::Memory, &pod, &thresholds, &obs),
        "The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi. \
         Container app was using 600Mi, request is 100Mi, has larger consumption of memory. \
         Container no-request was using 1, request is 0, has larger consumption of memory. "
    );
    // Without stats, only the first sentences; with a pod-level request, a pod sentence.
    let mut no_stats = pod.clone();
    no_stats.stats = None;
    assert_eq!(
        eviction_message(StarvedResource::Memory, &no_stats, &thresholds, &obs),
        "The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi. "
    );
    let mut pod_level = pod;
    pod_level.pod_level_memory_request = Some(q("256Mi"));
    pod_level.stats.as_mut().unwrap().containers.clear();
    assert_eq!(
        eviction_message(StarvedResource::Memory, &pod_level, &thresholds, &obs),
        "The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi. \
         Pod web was using 700Mi, request is 256Mi, has larger consumption of memory. "
    );
}

#[test]
fn eviction_grace_period_hard_and_soft() {
    let hard = Threshold::hard(Signal::MemoryAvailable, qv("100Mi"));
    let soft = hard.clone().with_grace_period(Duration::from_secs(90));
    let mut pod = mem_pod("p", 0, "0", 0);
    assert_eq!(eviction_grace_period(&hard, 30, &pod), 1);
    assert_eq!(eviction_grace_period(&soft, 30, &pod), 30);
    pod.termination_grace_period = Some(10);
    assert_eq!(eviction_grace_period(&soft, 30, &pod), 10);
    assert_eq!(eviction_grace_period(&soft, 0, &pod), 0);
}

#[test]
fn rank_is_the_sort_of_compare() {
    let pods = [
        mem_pod("a", 0, "1Gi", 10),
        mem_pod("b", 0, "0", 10),
        mem_pod("c", 5, "0", 10),
    ];
    let order = rank(&pods, RankBy::Memory);
    for w in order.windows(2) {
        assert_ne!(
            acp_quota::pressure::compare(&pods[w[0]], &pods[w[1]], RankBy::Memory),
            std::cmp::Ordering::Greater
        );
    }
}

fn pod(v: serde_json::Value) -> Pod {
    serde_json::from_value(v).unwrap()
}

#[test]
fn get_container_oom_score_adjust_qos_cases() {
    let cap = 8_000_000_000;
    let be = pod(json!({"spec": {"containers": [{"name": "c"}]}}));
    let guaranteed = pod(json!({"spec": {"containers": [{"name": "c", "resources": {
        "requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"cpu": "1", "memory": "1Gi"}}}]}}));
    let burstable_cpu_only = pod(
        json!({"spec": {"containers": [{"name": "c", "resources": {"requests": {"cpu": "1"}}}]}}),
    );
    let burstable_half = pod(
        json!({"spec": {"containers": [{"name": "c", "resources": {"requests": {"memory": "4000000000"}}}]}}),
    );
    let burstable_all = pod(
        json!({"spec": {"containers": [{"name": "c", "resources": {"requests": {"memory": "8000000000"}}}]}}),
    );
    let critical = pod(
        json!({"metadata": {"annotations": {"kubernetes.io/config.source": "file"}},
        "spec": {"priorityClassName": "system-node-critical", "containers": [{"name": "c"}]}}),
    );
    let cluster_critical = pod(
        json!({"spec": {"priority": 2000000000, "priorityClassName": "system-cluster-critical",
        "containers": [{"name": "c"}]}}),
    );
    let c = |p: &Pod| p.spec.as_ref().unwrap().containers[0].clone();
    let cases = [
        (&be, 1000, 1000),
        (&guaranteed, -997, -998),
        (&burstable_cpu_only, 999, 999),
        (&burstable_half, 500, 500),
        (&burstable_all, 3, 2),
        (&critical, -997, 1000),
        (&cluster_critical, 1000, 1000),
    ];
    for (p, upstream, seed) in cases {
        assert_eq!(
            container_oom_score_adjust(p, &c(p), cap, OomFlavour::Upstream).unwrap(),
            upstream,
            "{p:?}"
        );
        assert_eq!(
            container_oom_score_adjust(p, &c(p), cap, OomFlavour::Seed).unwrap(),
            seed,
            "{p:?}"
        );
    }
    assert_eq!(
        container_oom_score_adjust(&be, &c(&be), 0, OomFlavour::Upstream)
            .unwrap_err()
            .to_string(),
        "memoryCapacity: Invalid value: 0: must be greater than 0"
    );
}

#[test]
fn get_container_oom_score_adjust_sidecar_and_pod_level() {
    let cap = 10_000;
    // A sidecar requesting less than the regular container gets the regular container's score.
    let p = pod(json!({"spec": {
        "initContainers": [{"name": "side", "restartPolicy": "Always", "resources": {"requests": {"memory": "1000"}}}],
        "containers": [{"name": "main", "resources": {"requests": {"memory": "5000"}}}]}}));
    let spec = p.spec.clone().unwrap();
    let side = &spec.init_containers.as_ref().unwrap()[0];
    assert_eq!(
        container_oom_score_adjust(&p, &spec.containers[0], cap, OomFlavour::Upstream).unwrap(),
        500
    );
    assert_eq!(
        container_oom_score_adjust(&p, side, cap, OomFlavour::Upstream).unwrap(),
        500
    );
    assert_eq!(
        container_oom_score_adjust(&p, side, cap, OomFlavour::Seed).unwrap(),
        900
    );
    // Pod-level request 8000, containers 2000 + 0: the remaining 6000 is shared by 2.
    let p = pod(
        json!({"spec": {"resources": {"requests": {"memory": "8000"}},
        "containers": [{"name": "a", "resources": {"requests": {"memory": "2000"}}}, {"name": "b"}]}}),
    );
    let spec = p.spec.clone().unwrap();
    assert_eq!(
        container_oom_score_adjust(&p, &spec.containers[0], cap, OomFlavour::Upstream).unwrap(),
        500
    );
    assert_eq!(
        container_oom_score_adjust(&p, &spec.containers[1], cap, OomFlavour::Upstream).unwrap(),
        700
    );
}

#[test]
fn get_container_oom_score_adjust_burstable_against_go() {
    let text = read("pressure/oom_score_adj.tsv");
    let mut rows = 0;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let v: Vec<i64> = line.split('\t').map(|c| c.parse().unwrap()).collect();
        let linear = burstable_linear(v[0], v[1]);
        assert_eq!(
            i64::from(burstable_clamp(linear, OomFlavour::Upstream)),
            v[2],
            "{line}"
        );
        assert_eq!(
            i64::from(burstable_clamp(linear, OomFlavour::Seed)),
            v[3],
            "{line}"
        );
        rows += 1;
    }
    assert_eq!(rows, 2000);
}

#[test]
fn get_container_oom_score_adjust_pods_against_go() {
    // The same arithmetic through whole pods: a Burstable pod whose one container requests
    // the row's memory.
    let text = read("pressure/oom_score_adj.tsv");
    for line in text.lines().filter(|l| !l.starts_with('#')).take(300) {
        let v: Vec<i64> = line.split('\t').map(|c| c.parse().unwrap()).collect();
        let p = pod(json!({"spec": {"containers": [{"name": "c", "resources": {
            "requests": {"memory": v[0].to_string(), "cpu": "1"}}}]}}));
        let c = p.spec.as_ref().unwrap().containers[0].clone();
        assert_eq!(
            i64::from(container_oom_score_adjust(&p, &c, v[1], OomFlavour::Upstream).unwrap()),
            v[2],
            "{line}"
        );
    }
}

fn list(pairs: &[(&str, &str)]) -> ResourceList {
    ResourceList::parse_pairs(pairs.iter().copied()).unwrap()
}

#[test]
fn enough_requests() {
    // allocatable cpu 10, memory 20, pods 32, example.com/aaa 5, hugepages-2Mi 5; used
    // cpu 5 (5000m), memory 19, example.com/aaa 2.
    let node = NodeUsage {
        allocatable: list(&[
            ("cpu", "10m"),
            ("memory", "20"),
            ("pods", "32"),
            ("example.com/aaa", "5"),
            ("hugepages-2Mi", "5"),
            ("ephemeral-storage", "20"),
        ]),
        requested: SchedulerResource::from_list(&list(&[
            ("cpu", "5m"),
            ("memory", "19"),
            ("example.com/aaa", "2"),
            ("ephemeral-storage", "5"),
        ])),
        pods: 1,
    };
    let opts = FitOptions::new();
    let reasons = |pairs: &[(&str, &str)]| -> Vec<String> {
        fits_request(&SchedulerResource::from_list(&list(pairs)), &node, &opts)
            .into_iter()
            .map(|r| r.reason)
            .collect()
    };
    assert!(
        reasons(&[]).is_empty(),
        "no resources requested always fits"
    );
    assert!(reasons(&[("cpu", "1m"), ("memory", "1")]).is_empty());
    assert_eq!(
        reasons(&[("cpu", "8m"), ("memory", "19")]),
        ["Insufficient cpu", "Insufficient memory"]
    );
    assert_eq!(reasons(&[("cpu", "6m")]), ["Insufficient cpu"]);
    assert_eq!(reasons(&[("memory", "2")]), ["Insufficient memory"]);
    assert_eq!(
        reasons(&[("ephemeral-storage", "16")]),
        ["Insufficient ephemeral-storage"]
    );
    assert!(reasons(&[("example.com/aaa", "3")]).is_empty());
    assert_eq!(
        reasons(&[("example.com/aaa", "4")]),
        ["Insufficient example.com/aaa"]
    );
    assert_eq!(
        reasons(&[("example.com/bbb", "1")]),
        ["Insufficient example.com/bbb"]
    );
    assert_eq!(
        reasons(&[("hugepages-2Mi", "6")]),
        ["Insufficient hugepages-2Mi"]
    );
    let ignoring =
        FitOptions::new().with_ignored_resource_groups(["example.com".to_owned()].into());
    assert!(
        fits_request(
            &SchedulerResource::from_list(&list(&[("example.com/bbb", "1")])),
            &node,
            &ignoring
        )
        .is_empty()
    );
    let ignoring = FitOptions::new().with_ignored_resources(["example.com/bbb".to_owned()].into());
    assert!(
        fits_request(
            &SchedulerResource::from_list(&list(&[("example.com/bbb", "1")])),
            &node,
            &ignoring
        )
        .is_empty()
    );
    // Too many pods comes first, whatever is requested.
    let full = NodeUsage {
        pods: 32,
        ..node.clone()
    };
    let r = fits_request(
        &SchedulerResource::from_list(&list(&[("cpu", "6m")])),
        &full,
        &opts,
    );
    assert_eq!(
        r.iter().map(|r| r.reason.as_str()).collect::<Vec<_>>(),
        ["Too many pods", "Insufficient cpu"]
    );
    assert_eq!((r[0].requested, r[0].used, r[0].capacity), (1, 32, 32));
    assert_eq!((r[1].requested, r[1].used, r[1].capacity), (6, 5, 10));
}

#[test]
fn pod_fits_counts_the_pods_on_the_node() {
    // seed 003:4425-4431: available = allocatable − Σ requests of the pods on the node.
    let running = pod(
        json!({"spec": {"containers": [{"name": "a", "resources": {"requests": {"cpu": "1500m", "memory": "1Gi"}}}]}}),
    );
    let opts = FitOptions::new();
    let node = NodeUsage::new(
        list(&[("cpu", "2"), ("memory", "4Gi"), ("pods", "110")]),
        &[running.clone(), running],
        &opts,
    )
    .unwrap();
    assert_eq!(node.requested.milli_cpu, 3000);
    let small = pod(
        json!({"spec": {"containers": [{"name": "a", "resources": {"requests": {"memory": "1Gi"}}}]}}),
    );
    assert!(pod_fits(&small, &node, &opts).unwrap().is_empty());
    let big = pod(
        json!({"spec": {"containers": [{"name": "a", "resources": {"requests": {"memory": "3Gi"}}}]}}),
    );
    let r = pod_fits(&big, &node, &opts).unwrap();
    assert_eq!(r[0].reason, "Insufficient memory");
    let cpu = pod(
        json!({"spec": {"containers": [{"name": "a", "resources": {"requests": {"cpu": "1m"}}}]}}),
    );
    assert_eq!(
        pod_fits(&cpu, &node, &opts).unwrap()[0].reason,
        "Insufficient cpu"
    );
}

#[test]
fn node_allocatable_reservation() {
    // capacity cpu 10, memory 10Gi, ephemeral-storage 100Gi, hugepages-2Mi 1Gi; kube-reserved
    // cpu 100m, memory 100Mi; system-reserved cpu 50m, memory 50Mi; hard eviction
    // memory.available<100Mi and nodefs.available<10%.
    let capacity = list(&[
        ("cpu", "10"),
        ("memory", "10Gi"),
        ("ephemeral-storage", "100Gi"),
        ("hugepages-2Mi", "1Gi"),
        ("pods", "110"),
    ]);
    let config = parse_threshold_config(&settings(
        "memory.available<100Mi,nodefs.available<10%",
        "",
        "",
        "",
    ))
    .unwrap();
    let r = Reservations::new()
        .with_kube_reserved(list(&[("cpu", "100m"), ("memory", "100Mi")]))
        .with_system_reserved(list(&[("cpu", "50m"), ("memory", "50Mi")]));
    let got = node_allocatable(&capacity, &r, &config);
    assert_eq!(
        got.to_string(),
        "cpu=9850m,ephemeral-storage=90Gi,hugepages-2Mi=1Gi,memory=8966Mi,pods=110"
    );
    let seed = node_allocatable(
        &capacity,
        &r.with_flavour(AllocatableFlavour::Seed),
        &config,
    );
    assert_eq!(
        seed.to_string(),
        "cpu=9850m,ephemeral-storage=100Gi,hugepages-2Mi=1Gi,memory=10090Mi,pods=110"
    );
    // Reservations above capacity give zero, never negative.
    let tiny = node_allocatable(&list(&[("memory", "100Mi")]), &Reservations::new(), &config);
    assert_eq!(tiny.get("memory").unwrap(), &q("0"));
}
