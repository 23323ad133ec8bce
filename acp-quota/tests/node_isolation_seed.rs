//! Node isolation over the seed's rules.
// seed 003:17525-17750
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use acp_quota::node_isolation::{Decision, NodeIsolationPolicy, PolicySet, may_run};
use proptest::prelude::*;

fn pol(name: &str, exclusive: bool, projects: &[&str], nodes: &[&str]) -> NodeIsolationPolicy {
    NodeIsolationPolicy {
        name: name.into(),
        exclusive,
        projects: projects.iter().map(|s| s.to_string()).collect(),
        nodes: nodes.iter().map(|s| s.to_string()).collect(),
    }
}

fn set() -> PolicySet {
    PolicySet::new(vec![
        pol("gpu", true, &["ai", "ml"], &["10.0.0.1", "10.0.0.2"]),
        pol("shared", false, &["web"], &["10.0.0.3"]),
    ])
    .unwrap()
}

#[test]
fn seed_l17587_project_pods_are_forced_onto_their_policy_nodes() {
    let s = set();
    assert!(s.may_run("ai", "10.0.0.1") && s.may_run("ml", "10.0.0.2"));
    assert!(!s.may_run("ai", "10.0.0.3"));
    assert!(!s.may_run("ai", "10.0.0.9"));
    assert_eq!(
        s.decide("ai", "10.0.0.9"),
        Decision::OutsideProjectPolicy {
            policy: "gpu".into()
        }
    );
    assert_eq!(
        s.decide("ai", "10.0.0.9").to_string(),
        "refused: the project's node isolation policy \"gpu\" confines its pods to the policy's nodes"
    );
}

#[test]
fn seed_l17649_exclusivity_on_reserves_the_nodes() {
    let s = set();
    assert_eq!(
        s.decide("ops", "10.0.0.1"),
        Decision::ReservedByExclusivePolicy {
            policy: "gpu".into()
        }
    );
    assert!(!s.may_run("web", "10.0.0.2"));
}

#[test]
fn seed_l17653_exclusivity_off_shares_the_nodes() {
    let s = set();
    assert_eq!(
        s.decide("ops", "10.0.0.3"),
        Decision::SharedNode {
            policy: "shared".into()
        }
    );
    assert!(s.may_run("ops", "10.0.0.3"));
    // but the policy's own project stays confined
    assert!(!s.may_run("web", "10.0.0.9"));
    assert_eq!(s.decide("ops", "10.0.0.9"), Decision::Unrestricted);
}

#[test]
fn seed_l17647_exclusivity_defaults_on() {
    let p: NodeIsolationPolicy =
        serde_json::from_str(r#"{"name":"a","projects":["x"],"nodes":["n1"]}"#).unwrap();
    let s = PolicySet::new(vec![p]).unwrap();
    assert!(!s.may_run("y", "n1"));
}

#[test]
fn seed_l17672_l17686_one_policy_per_project_and_per_node() {
    let errs = PolicySet::new(vec![
        pol("a", true, &["ai"], &["n1"]),
        pol("b", false, &["ai", "web"], &["n1", "n2"]),
    ])
    .unwrap_err();
    let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        msgs,
        vec![
            r#"policies[1].projects[0]: Invalid value: "ai": a project can be assigned to only one node isolation policy"#,
            r#"policies[1].nodes[0]: Invalid value: "n1": a node can belong to only one node isolation policy"#,
        ]
    );
}

#[test]
fn allowed_nodes_and_unvalidated_placement() {
    let nodes: Vec<String> = ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let s = set();
    assert_eq!(s.allowed_nodes("ai", &nodes), vec!["10.0.0.1", "10.0.0.2"]);
    assert_eq!(s.allowed_nodes("ops", &nodes), vec!["10.0.0.3", "10.0.0.4"]);
    assert_eq!(s.allowed_nodes("web", &nodes), vec!["10.0.0.3"]);
    // deleting every policy lifts the restrictions (seed 003:17704)
    assert_eq!(PolicySet::default().allowed_nodes("ai", &nodes).len(), 4);
    // an invalid set read strictly: ai in two policies may run on neither one's nodes alone
    let bad = [
        pol("a", true, &["ai"], &["n1"]),
        pol("b", true, &["ai"], &["n2"]),
    ];
    assert!(!may_run(&bad, "ai", "n1") && !may_run(&bad, "ai", "n2"));
}

proptest! {
    #[test]
    fn set_agrees_with_each_policy(
        excl in proptest::collection::vec(any::<bool>(), 3),
        project in 0usize..5,
        node in 0usize..7,
    ) {
        // projects p0..p2 each in policy i with nodes n{2i}, n{2i+1}; p3, p4 and n6 unbound
        let policies: Vec<NodeIsolationPolicy> = (0..3)
            .map(|i| pol(&format!("pol{i}"), excl[i], &[&format!("p{i}")], &[&format!("n{}", 2 * i), &format!("n{}", 2 * i + 1)]))
            .collect();
        let s = PolicySet::new(policies.clone()).unwrap();
        let (p, n) = (format!("p{project}"), format!("n{node}"));
        prop_assert_eq!(s.may_run(&p, &n), may_run(&policies, &p, &n));
        if project < 3 {
            prop_assert_eq!(s.may_run(&p, &n), node / 2 == project);
        }
    }
}
