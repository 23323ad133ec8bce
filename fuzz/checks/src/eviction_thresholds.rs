//! The `eviction_thresholds` fuzz target's check.
//!
//! Input: up to four lines of UTF-8 — the `--eviction-hard`, `--eviction-soft`,
//! `--eviction-soft-grace-period` and `--eviction-minimum-reclaim` flag texts. Invariants:
//!   * parsing never panics and is deterministic;
//!   * every threshold is valid: a known signal, a positive quantity or a percentage in
//!     [0, 100], a grace period on every soft threshold;
//!   * printing the thresholds back (`signal<value`) and parsing them again gives the same
//!     values (the round trip);
//!   * the ACP rules only refuse more: what they accept, the kubelet's rules accept alike.

use acp_quota::pressure::{
    EvictionSettings, Rules, Signal, ThresholdValue, parse_threshold_config,
};

fn settings(lines: &[&str], rules: Rules) -> Option<EvictionSettings> {
    let get = |i: usize| lines.get(i).copied().unwrap_or("");
    EvictionSettings::none()
        .with_rules(rules)
        .with_eviction_hard(get(0))
        .ok()?
        .with_eviction_soft(get(1))
        .ok()?
        .with_eviction_soft_grace_period(get(2))
        .ok()?
        .with_eviction_minimum_reclaim(get(3))
        .ok()
}

/// Panics when an invariant breaks on `data`.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines: Vec<&str> = text.lines().collect();
    let Some(upstream) = settings(&lines, Rules::Upstream) else {
        return;
    };
    let parsed = parse_threshold_config(&upstream);
    assert_eq!(
        parsed,
        parse_threshold_config(&upstream),
        "not deterministic"
    );
    if let Some(Ok(a)) = settings(&lines, Rules::Acp).map(|acp| parse_threshold_config(&acp)) {
        assert_eq!(
            Ok(a),
            parsed,
            "ACP rules accepted what the kubelet's refuse"
        );
    }
    let Ok(config) = parsed else {
        return;
    };
    for t in &config.thresholds {
        assert_eq!(Signal::parse(t.signal.as_str()), Some(t.signal));
        match &t.value {
            ThresholdValue::Quantity(q) => assert!(q.sign() > 0, "{t}"),
            ThresholdValue::Percentage(p) => {
                assert!((0..=100_000_000_000).contains(&p.nano_percent()), "{t}");
            }
        }
    }
    // Round trip of the hard thresholds. A quantity whose text does not parse back to itself
    // (apimachinery prints `1000E` as `1`) is left out.
    let reparses = |v: &ThresholdValue| match v {
        ThresholdValue::Quantity(q) => {
            q.to_string()
                .parse::<acp_model::quantity::Quantity>()
                .ok()
                .as_ref()
                == Some(q)
        }
        ThresholdValue::Percentage(_) => true,
    };
    if !config.hard().all(|t| reparses(&t.value)) {
        return;
    }
    let hard: Vec<String> = config.hard().map(ToString::to_string).collect();
    let again = EvictionSettings::none()
        .with_enforce_node_allocatable(Vec::new())
        .with_eviction_hard(&hard.join(","))
        .expect("printed thresholds are well-formed pairs");
    let reparsed = parse_threshold_config(&again).expect("printed thresholds parse");
    let capacity: acp_model::quantity::Quantity = "1Ti".parse().expect("constant");
    for t in &reparsed.thresholds {
        assert!(
            config.hard().any(|o| o.signal == t.signal
                && o.value.quantity_for(&capacity) == t.value.quantity_for(&capacity)),
            "round trip changed {t}"
        );
    }
}
