//! Laws of node pressure on generated inputs: ranking is a total order, the simulator never
//! evicts more than it must, allocatable never exceeds capacity.

use std::cmp::Ordering;

use acp_model::quantity::{Format, Quantity};
use acp_quota::ResourceList;
use acp_quota::pressure::simulate::free_pod;
use acp_quota::pressure::{
    AllocatableFlavour, EvictionSettings, FsLayout, NodeStats, Outcome, PodStats, PodUsage, RankBy,
    Reservations, Signal, SimulationOptions, Step, compare, node_allocatable,
    parse_threshold_config, rank, rank_for_signal, simulate, thresholds_met,
};
use proptest::prelude::*;

use crate::support::proptest_config;

const MI: u64 = 1 << 20;

fn pod_strategy() -> impl Strategy<Value = PodUsage> {
    (
        -3i32..3,
        prop::option::of(0u64..8),
        0u64..8,
        0u64..8,
        0u64..4,
        0u64..4,
        0u64..50,
        any::<bool>(),
    )
        .prop_map(
            |(priority, request, ws, disk, req_disk, logs, procs, stats)| PodUsage {
                name: String::new(),
                priority,
                critical: false,
                memory_request: Quantity::from_int(
                    i64::try_from(request.unwrap_or(0) * 256 * MI).unwrap(),
                    Format::BinarySI,
                ),
                ephemeral_storage_request: Quantity::from_int(
                    i64::try_from(req_disk * 256 * MI).unwrap(),
                    Format::BinarySI,
                ),
                stats: stats.then(|| PodStats {
                    memory_working_set: ws * 256 * MI,
                    rootfs_bytes: disk * 128 * MI,
                    logs_bytes: logs * 64 * MI,
                    rootfs_inodes: disk * 100,
                    logs_inodes: logs * 10,
                    processes: procs,
                    ..PodStats::default()
                }),
                ..PodUsage::default()
            },
        )
}

fn rank_by() -> impl Strategy<Value = RankBy> {
    prop_oneof![
        Just(RankBy::Memory),
        Just(RankBy::Pids),
        Just(rank_for_signal(Signal::NodeFsAvailable, FsLayout::Single)),
        Just(rank_for_signal(Signal::NodeFsInodesFree, FsLayout::ImageFs)),
        Just(rank_for_signal(Signal::ImageFsAvailable, FsLayout::ImageFs)),
    ]
}

proptest! {
    #![proptest_config(proptest_config(256))]

    /// `compare` is a total order: reflexive-equal, antisymmetric, transitive; `rank` sorts by it.
    #[test]
    fn ranking_is_a_total_order(pods in prop::collection::vec(pod_strategy(), 1..12), by in rank_by()) {
        for a in &pods {
            prop_assert_eq!(compare(a, a, by), Ordering::Equal);
            for b in &pods {
                prop_assert_eq!(compare(a, b, by), compare(b, a, by).reverse());
                for c in &pods {
                    if compare(a, b, by) != Ordering::Greater && compare(b, c, by) != Ordering::Greater {
                        prop_assert_ne!(compare(a, c, by), Ordering::Greater);
                    }
                }
            }
        }
        let order = rank(&pods, by);
        let mut seen = order.clone();
        seen.sort_unstable();
        prop_assert_eq!(seen, (0..pods.len()).collect::<Vec<_>>());
        for w in order.windows(2) {
            let c = compare(&pods[w[0]], &pods[w[1]], by);
            prop_assert!(c == Ordering::Less || (c == Ordering::Equal && w[0] < w[1]));
        }
    }

    /// Every eviction was needed: with all earlier evictions done, the threshold acted on was
    /// still met (counting its minimum reclaim once it had been acted on).
    #[test]
    fn simulator_never_evicts_more_than_it_must(
        pods in prop::collection::vec(pod_strategy(), 0..16),
        threshold_mi in 64u64..2048,
        reclaim_mi in prop::option::of(0u64..1024),
        system_mi in 0u64..2048,
    ) {
        let mut settings = EvictionSettings::none().with_eviction_hard(&format!("memory.available<{threshold_mi}Mi")).unwrap();
        if let Some(r) = reclaim_mi {
            settings = settings.with_eviction_minimum_reclaim(&format!("memory.available={r}Mi")).unwrap();
        }
        let config = parse_threshold_config(&settings).unwrap();
        let used: u64 = system_mi * MI + pods.iter().filter_map(|p| p.stats.as_ref()).map(|s| s.memory_working_set).sum::<u64>();
        let capacity = used.max(4096 * MI);
        let stats = NodeStats::memory(capacity, used);
        let sim = simulate(&config, &stats, &pods, &SimulationOptions::default());
        let mut node = stats;
        let mut first = true;
        for step in &sim.steps {
            let Step::Evicted(e) = step else { continue };
            let met = thresholds_met(std::slice::from_ref(&e.threshold), &node.observations(), !first);
            prop_assert!(!met.is_empty(), "{} evicted without need", e.pod);
            first = false;
            if let Some(s) = &pods[e.index].stats {
                free_pod(&mut node, s, FsLayout::Single);
            }
        }
        match sim.outcome {
            Outcome::Resolved { .. } => {
                prop_assert!(thresholds_met(&config.thresholds, &node.observations(), false).is_empty());
            }
            Outcome::NoPodToEvict { .. } => prop_assert_eq!(sim.evictions().count(), pods.len()),
            Outcome::CycleLimit => prop_assert!(false, "hard thresholds never wait"),
        }
    }

    /// Allocatable is never above capacity nor below zero, whatever the reservations.
    #[test]
    fn allocatable_is_at_most_capacity(
        cap in prop::collection::vec(0i64..1 << 40, 3),
        kube in prop::collection::vec(-(1i64 << 30)..1 << 40, 3),
        system in prop::collection::vec(0i64..1 << 40, 3),
        hugepages in 0i64..1 << 34,
        hard_mi in 1u32..4096,
        pct in 1u32..100,
        seed_flavour in any::<bool>(),
    ) {
        let names = ["cpu", "memory", "ephemeral-storage"];
        let mut capacity = ResourceList::new();
        let mut kube_r = ResourceList::new();
        let mut system_r = ResourceList::new();
        for i in 0..3 {
            capacity.insert(names[i], Quantity::from_int(cap[i], Format::BinarySI));
            kube_r.insert(names[i], Quantity::from_int(kube[i], Format::BinarySI));
            system_r.insert(names[i], Quantity::from_int(system[i], Format::BinarySI));
        }
        capacity.insert("hugepages-1Gi", Quantity::from_int(hugepages, Format::BinarySI));
        let config = parse_threshold_config(&EvictionSettings::none()
            .with_eviction_hard(&format!("memory.available<{hard_mi}Mi,nodefs.available<{pct}%")).unwrap()).unwrap();
        let flavour = if seed_flavour { AllocatableFlavour::Seed } else { AllocatableFlavour::Upstream };
        let r = Reservations::new().with_kube_reserved(kube_r).with_system_reserved(system_r).with_flavour(flavour);
        let alloc = node_allocatable(&capacity, &r, &config);
        prop_assert_eq!(alloc.len(), capacity.len());
        for (name, value) in alloc.iter() {
            prop_assert!(value <= capacity.get(name).unwrap(), "{name}");
            prop_assert!(value.sign() >= 0, "{name}");
        }
    }
}
