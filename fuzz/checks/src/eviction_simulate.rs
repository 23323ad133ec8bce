//! The `eviction_simulate` fuzz target's check.
//!
//! Input bytes: a header (memory threshold, minimum reclaim, system usage, node size, layout,
//! a nodefs threshold, a PID threshold, a soft grace period) then 8 bytes per pod (priority,
//! memory request, working set, rootfs, logs, volumes, processes, flags). The simulator runs
//! on the node with every pod; invariants:
//!   * it never panics and always ends (within its cycle limit);
//!   * every pod is evicted at most once, and never a critical one;
//!   * every eviction was needed: replaying the earlier evictions, the threshold acted on was
//!     still met at that point (its minimum reclaim counted once the episode has begun);
//!   * `Resolved` means no threshold is met once the evicted pods' usage is freed.

use acp_quota::pressure::simulate::free_pod;
use acp_quota::pressure::{
    EvictionSettings, FsLayout, FsStats, NodeStats, Outcome, PodStats, PodUsage, SimulationOptions,
    Step, parse_threshold_config, simulate, thresholds_met,
};

const MI: u64 = 1 << 20;

/// Panics when an invariant breaks on `data`.
#[allow(
    clippy::too_many_lines,
    reason = "fuzz harness: one linear decoder of the input bytes"
)]
pub fn check(data: &[u8]) {
    let Some((head, rest)) = data.split_first_chunk::<8>() else {
        return;
    };
    let [mem_t, reclaim, system, size, layout, disk_t, pid_t, grace] = *head;
    let layout = match layout % 3 {
        0 => FsLayout::Single,
        1 => FsLayout::ImageFs,
        _ => FsLayout::SplitImageFs,
    };
    let mut hard = format!("memory.available<{}Mi", u32::from(mem_t) * 16 + 1);
    if disk_t > 0 {
        hard.push_str(&format!(",nodefs.available<{}%", disk_t % 100));
    }
    if pid_t > 0 {
        hard.push_str(&format!(",pid.available<{}", u32::from(pid_t) * 4));
    }
    let mut settings = EvictionSettings::none()
        .with_eviction_hard(&hard)
        .expect("well-formed");
    if reclaim > 0 {
        settings = settings
            .with_eviction_minimum_reclaim(&format!(
                "memory.available={}Mi",
                u32::from(reclaim) * 8
            ))
            .expect("well-formed");
    }
    if grace > 0 {
        settings = settings
            .with_eviction_soft("memory.available<2Gi")
            .and_then(|s| {
                s.with_eviction_soft_grace_period(&format!("memory.available={}s", grace))
            })
            .expect("well-formed");
    }
    let config = parse_threshold_config(&settings).expect("generated settings are valid");
    let pods: Vec<PodUsage> = rest
        .chunks_exact(8)
        .take(64)
        .enumerate()
        .map(|(i, c)| PodUsage {
            name: format!("p{i}"),
            priority: i32::from(c[0] as i8),
            critical: c[7] & 1 == 1,
            memory_request: acp_model::quantity::Quantity::from_int(
                i64::from(c[1]) * 16 * (1 << 20),
                acp_model::quantity::Format::BinarySI,
            ),
            termination_grace_period: (c[7] & 2 == 2).then_some(i64::from(c[7] >> 2)),
            stats: (c[7] & 4 == 0).then(|| PodStats {
                memory_working_set: u64::from(c[2]) * 16 * MI,
                rootfs_bytes: u64::from(c[3]) * 8 * MI,
                logs_bytes: u64::from(c[4]) * MI,
                local_volume_bytes: u64::from(c[5]) * 4 * MI,
                rootfs_inodes: u64::from(c[3]) * 10,
                logs_inodes: u64::from(c[4]),
                local_volume_inodes: u64::from(c[5]) * 3,
                processes: u64::from(c[6]),
                containers: Vec::new(),
            }),
            ..PodUsage::default()
        })
        .collect();
    let sum = |f: &dyn Fn(&PodStats) -> u64| {
        pods.iter()
            .filter_map(|p| p.stats.as_ref())
            .map(f)
            .sum::<u64>()
    };
    let mem_used = u64::from(system) * 16 * MI + sum(&|s| s.memory_working_set);
    let mem_cap = mem_used.max(u64::from(size) * 64 * MI);
    let disk_used = sum(&|s| s.rootfs_bytes + s.logs_bytes + s.local_volume_bytes);
    let disk_cap = disk_used.max(u64::from(size) * 32 * MI).max(1);
    let fs = FsStats {
        available_bytes: disk_cap - disk_used,
        capacity_bytes: disk_cap,
        inodes_free: 1 << 20,
        inodes: 1 << 21,
    };
    let procs = sum(&|s| s.processes);
    let stats = NodeStats::memory(mem_cap, mem_used)
        .with_nodefs(fs)
        .with_imagefs(fs)
        .with_containerfs(fs)
        .with_pids(procs.max(1024), procs);
    let options = SimulationOptions::default()
        .with_layout(layout)
        .with_max_cycles(2_000);
    let sim = simulate(&config, &stats, &pods, &options);
    assert_eq!(
        sim,
        simulate(&config, &stats, &pods, &options),
        "not deterministic"
    );
    let mut node = stats;
    let mut evicted = vec![false; pods.len()];
    let mut earlier_steps = false;
    for step in &sim.steps {
        let Step::Evicted(e) = step else {
            earlier_steps = true;
            continue;
        };
        assert!(!evicted[e.index], "{} evicted twice", e.pod);
        assert!(!pods[e.index].critical, "critical pod {} evicted", e.pod);
        evicted[e.index] = true;
        // After the first action, every threshold acted on in the previous cycle (not only the
        // one reclaimed) counts its minimum reclaim, as upstream's `thresholdsMet` does.
        let met = thresholds_met(
            std::slice::from_ref(&e.threshold),
            &node.observations(),
            earlier_steps,
        );
        // A reclaim step may have freed disk space the replay does not model; only memory and
        // PID evictions are replayed exactly.
        if !e.threshold.signal.is_inodes()
            && e.threshold.signal.resource()
                != acp_quota::pressure::StarvedResource::EphemeralStorage
        {
            assert!(!met.is_empty(), "{} evicted without need", e.pod);
        }
        earlier_steps = true;
        if let Some(s) = &pods[e.index].stats {
            free_pod(&mut node, s, layout);
        }
    }
    if let Outcome::Resolved { .. } = sim.outcome {
        let replay_exact = sim.steps.iter().all(|s| matches!(s, Step::Evicted(_)));
        if replay_exact {
            assert!(
                thresholds_met(&config.thresholds, &node.observations(), false).is_empty(),
                "resolved while met"
            );
        }
    }
}
