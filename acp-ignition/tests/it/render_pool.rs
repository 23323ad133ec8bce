//! Pool rendering: selection by role label, custom pools inheriting worker,
//! `rendered-<pool>-<hash>` names stable across input permutations.

use acp_ignition::render::{RenderError, RenderOptions, render_pool, render_pool_with};
use acp_model::machineconfig::{MachineConfig, MachineConfigPool};
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::support;

fn pool(name: &str, selector: Value) -> MachineConfigPool {
    serde_json::from_value(json!({
        "apiVersion": "machineconfiguration.alauda.io/v1alpha1",
        "kind": "MachineConfigPool",
        "metadata": {"name": name, "uid": "3f1c"},
        "spec": {
            "machineConfigSelector": selector,
            "nodeSelector": {"matchLabels": {format!("node-role.kubernetes.io/{name}"): ""}},
        },
    }))
    .unwrap()
}

fn role_pool(name: &str) -> MachineConfigPool {
    pool(
        name,
        json!({"matchLabels": {"machineconfiguration.alauda.io/role": name}}),
    )
}

fn mc(name: &str, role: &str, config: Value) -> MachineConfig {
    support::mc(name, role, json!({"config": config}))
}

fn with_file(path: &str, text: &str) -> Value {
    json!({"ignition": {"version": "3.4.0"}, "storage": {"files": [
        {"path": path, "mode": 420, "contents": {"source": format!("data:,{text}")}}]}})
}

fn empty() -> Value {
    json!({"ignition": {"version": "3.4.0"}})
}

// seed 004:925
/// The installation's objects (ACP docs: "two empty MachineConfigs
/// (00-master and 00-worker)"), plus a chrony config for workers as in ACP's MachineConfig guide
/// (docs.alauda.io `configure/machine_config/managing`, `99-worker-chrony`).
fn cluster() -> Vec<MachineConfig> {
    vec![
        mc("00-master", "master", empty()),
        mc("00-worker", "worker", empty()),
        mc(
            "99-worker-chrony",
            "worker",
            json!({"ignition": {"version": "3.4.0"}, "storage": {"files": [{
                "path": "/etc/chrony.conf", "mode": 420, "overwrite": true,
                "contents": {"source": "data:text/plain;base64,c2VydmVyIDAuY2VudG9zLnBvb2wubnRwLm9yZyBpYnVyc3QK"}}]}}),
        ),
    ]
}

// seed 004:925; seed 004:937, 986-987
/// The master pool manages 00-master, the worker pool
/// 00-worker; each renders into `rendered-<pool>-<hash>`.
#[test]
fn seed_l925_default_pools_render_their_own_configs() {
    let master = render_pool(&role_pool("master"), &cluster()).unwrap();
    assert_eq!(master.sources, ["00-master"]);
    assert_eq!(master.name, format!("rendered-master-{}", master.hash));
    assert_eq!(
        acp_model::machineconfig::rendered_pool_name(&master.name),
        Some("master")
    );
    let worker = render_pool(&role_pool("worker"), &cluster()).unwrap();
    assert_eq!(worker.sources, ["00-worker", "99-worker-chrony"]);
    assert_eq!(worker.config.storage.files[0].path, "/etc/chrony.conf");
    // The rendered spec as upstream writes it: defaults filled in.
    let spec = serde_json::to_value(&worker.machine_config.spec).unwrap();
    assert_eq!(spec["kernelType"], "default");
    assert_eq!(spec["fips"], false);
    assert_eq!(spec["kernelArguments"], json!([]));
    assert_eq!(spec["config"]["ignition"]["version"], "3.4.0");
    // Owned by the pool, so never an input of a later render.
    let owner = &worker
        .machine_config
        .metadata
        .owner_references
        .as_ref()
        .unwrap()[0];
    assert_eq!(
        (owner.kind.as_str(), owner.name.as_str()),
        ("MachineConfigPool", "worker")
    );
    assert_eq!(owner.controller, Some(true));
    assert!(worker.machine_config.is_pool_owned());
    let mut again = cluster();
    again.push(worker.machine_config.clone());
    assert_eq!(
        render_pool(&role_pool("worker"), &again).unwrap().name,
        worker.name
    );
    // The pool's spec.configuration.
    let cfg = worker.pool_configuration();
    assert_eq!(cfg.name.as_deref(), Some(worker.name.as_str()));
    let sources: Vec<&str> = cfg
        .source
        .as_ref()
        .unwrap()
        .iter()
        .map(|r| r.name.as_deref().unwrap())
        .collect();
    assert_eq!(sources, ["00-worker", "99-worker-chrony"]);
}

#[test]
fn golden_hash_of_the_empty_worker_pool() {
    // 00-worker alone: spec {"config":{"ignition":{"version":"3.4.0"}},"extensions":[],"fips":false,
    // "kernelArguments":[],"kernelType":"default"}; MD5 computed independently (Python hashlib).
    let r = render_pool(&role_pool("worker"), &cluster()[..2]).unwrap();
    assert_eq!(r.name, "rendered-worker-c7f6ddad92e53f95f9ba62801c7be1e9");
}

// seed 004:929
/// Custom pools inherit the worker pool's configurations
/// and add their own; their own come after the worker configs whatever their names.
#[test]
fn seed_l929_custom_pool_inherits_worker() {
    let mut configs = cluster();
    configs.push(mc(
        "50-infra",
        "infra",
        with_file("/etc/chrony.conf", "infra"),
    ));
    configs.push(mc("00-infra", "infra", with_file("/etc/infra", "x")));
    let infra = render_pool(&role_pool("infra"), &configs).unwrap();
    assert_eq!(
        infra.sources,
        ["00-worker", "99-worker-chrony", "00-infra", "50-infra"]
    );
    // The pool's own 50-infra overrides the worker's 99-worker-chrony.
    let chrony = infra
        .config
        .storage
        .files
        .iter()
        .find(|f| f.path == "/etc/chrony.conf")
        .unwrap();
    assert_eq!(chrony.contents.source.as_deref(), Some("data:,infra"));

    // Upstream style: the custom pool's selector names both roles; same result.
    let upstream = pool(
        "infra",
        json!({"matchExpressions": [{"key": "machineconfiguration.alauda.io/role",
            "operator": "In", "values": ["worker", "infra"]}]}),
    );
    let opts = RenderOptions::default().with_inherit_worker(false);
    assert_eq!(
        render_pool_with(&upstream, &configs, &opts).unwrap().name,
        infra.name
    );
    // Without inheritance and a selector of its own role only: only its own configs.
    let own = render_pool_with(&role_pool("infra"), &configs, &opts).unwrap();
    assert_eq!(own.sources, ["00-infra", "50-infra"]);

    // A worker change propagates to the custom pool (seed 004:929).
    configs[1] = mc("00-worker", "worker", with_file("/etc/motd", "hello"));
    let after = render_pool(&role_pool("infra"), &configs).unwrap();
    assert_ne!(after.name, infra.name);
    assert!(
        after
            .config
            .storage
            .files
            .iter()
            .any(|f| f.path == "/etc/motd")
    );
}

// seed 004:927
/// "Master nodes cannot use custom pools".
#[test]
fn seed_l927_custom_pool_cannot_take_master_configs() {
    let p = pool(
        "infra",
        json!({"matchExpressions": [{"key": "machineconfiguration.alauda.io/role",
            "operator": "In", "values": ["master", "infra"]}]}),
    );
    let err = render_pool(&p, &cluster()).unwrap_err();
    assert!(
        matches!(err, RenderError::MasterInCustomPool { ref configs, .. } if configs == &["00-master"])
    );
    assert!(
        err.to_string()
            .contains("master nodes cannot use custom pools")
    );
}

#[test]
fn selector_errors() {
    let err = render_pool(&pool("worker", json!({})), &cluster()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "pool \"worker\": spec.machineConfigSelector selects all MachineConfigs; a non-empty selector is required"
    );
    let err = render_pool(&role_pool("gpu"), &[]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no MachineConfigs found matching selector machineconfiguration.alauda.io/role=gpu"
    );
    let opts = RenderOptions::default().with_inherit_worker(false);
    let err = render_pool_with(&role_pool("gpu"), &cluster(), &opts).unwrap_err();
    assert!(matches!(err, RenderError::NoConfigs(_)));
    let bad = pool(
        "worker",
        json!({"matchExpressions": [{"key": "k", "operator": "Like", "values": ["x"]}]}),
    );
    assert_eq!(
        render_pool(&bad, &cluster()).unwrap_err().to_string(),
        "pool \"worker\": spec.machineConfigSelector: \"Like\" is not a valid label selector operator"
    );
    let mut no_selector = role_pool("worker");
    no_selector.spec.machine_config_selector = None;
    assert!(matches!(
        render_pool(&no_selector, &cluster()),
        Err(RenderError::NoConfigs(_))
    ));
    let mut dup = cluster();
    dup.push(mc("00-worker", "worker", with_file("/x", "y")));
    assert_eq!(
        render_pool(&role_pool("worker"), &dup)
            .unwrap_err()
            .to_string(),
        "MachineConfig name \"00-worker\" appears more than once"
    );
}

#[test]
fn selector_operators() {
    let mut configs = cluster();
    configs.push(mc("10-gpu", "worker", with_file("/etc/gpu", "1")));
    configs[3]
        .metadata
        .labels
        .as_mut()
        .unwrap()
        .insert("gpu".into(), "true".into());
    let only_gpu = pool(
        "worker",
        json!({"matchLabels": {"machineconfiguration.alauda.io/role": "worker"},
               "matchExpressions": [{"key": "gpu", "operator": "Exists"}]}),
    );
    assert_eq!(
        render_pool(&only_gpu, &configs).unwrap().sources,
        ["10-gpu"]
    );
    let no_gpu = pool(
        "worker",
        json!({"matchLabels": {"machineconfiguration.alauda.io/role": "worker"},
               "matchExpressions": [{"key": "gpu", "operator": "DoesNotExist"}]}),
    );
    assert_eq!(
        render_pool(&no_gpu, &configs).unwrap().sources,
        ["00-worker", "99-worker-chrony"]
    );
    let not_in = pool(
        "worker",
        json!({"matchExpressions": [
            {"key": "machineconfiguration.alauda.io/role", "operator": "NotIn", "values": ["master"]}]}),
    );
    assert_eq!(render_pool(&not_in, &configs).unwrap().sources.len(), 3);
}

#[test]
fn hash_ignores_pool_name_and_follows_content() {
    let a = render_pool(&role_pool("worker"), &cluster()).unwrap();
    // Same configs under another pool name (inheriting worker, nothing of its own).
    let b = render_pool(&role_pool("infra"), &cluster()).unwrap();
    assert_eq!(a.hash, b.hash);
    assert_eq!(b.name, format!("rendered-infra-{}", a.hash));
    let mut changed = cluster();
    changed[2] = mc(
        "99-worker-chrony",
        "worker",
        with_file("/etc/chrony.conf", "x"),
    );
    assert_ne!(
        render_pool(&role_pool("worker"), &changed).unwrap().hash,
        a.hash
    );
    // Map order in the input JSON does not matter.
    let reordered: MachineConfig = serde_json::from_str(
        r#"{"spec": {"config": {"storage": {"files": [{"contents": {"source": "data:text/plain;base64,c2VydmVyIDAuY2VudG9zLnBvb2wubnRwLm9yZyBpYnVyc3QK"}, "overwrite": true, "mode": 420, "path": "/etc/chrony.conf"}]}, "ignition": {"version": "3.4.0"}}},
            "metadata": {"labels": {"machineconfiguration.alauda.io/role": "worker"}, "name": "99-worker-chrony"},
            "kind": "MachineConfig", "apiVersion": "machineconfiguration.alauda.io/v1alpha1"}"#,
    )
    .unwrap();
    let mut again = cluster();
    again[2] = reordered;
    assert_eq!(
        render_pool(&role_pool("worker"), &again).unwrap().hash,
        a.hash
    );
}

fn many_configs() -> Vec<MachineConfig> {
    let mut v = cluster();
    for i in 0..6 {
        v.push(mc(
            &format!("{:02}-worker-extra", 10 + i),
            "worker",
            with_file(&format!("/etc/extra/{}", i % 3), &format!("v{i}")),
        ));
        v.push(mc(
            &format!("{:02}-infra", 10 + i),
            "infra",
            with_file(&format!("/etc/extra/{}", i % 2), &format!("i{i}")),
        ));
    }
    v
}

proptest! {
    #[test]
    fn rendered_name_is_stable_across_input_permutations(
        perm in Just(many_configs()).prop_shuffle()
    ) {
        let base = render_pool(&role_pool("infra"), &many_configs()).unwrap();
        let shuffled = render_pool(&role_pool("infra"), &perm).unwrap();
        prop_assert_eq!(&shuffled.name, &base.name);
        prop_assert_eq!(&shuffled.sources, &base.sources);
        let worker = render_pool(&role_pool("worker"), &many_configs()).unwrap();
        prop_assert_eq!(render_pool(&role_pool("worker"), &perm).unwrap().name, worker.name);
    }
}
