//! The integration tests of acp-model, one test binary: each `it/<name>.rs` is a module (upstream
//! test tables named after the upstream function, seed examples named `seed_…`), and
//! `support/` holds what they share (the workspace `testdata/` folder, common builders).
//!
//! Seed fixtures live in the workspace's `testdata/` and are read through `support` only.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod it {
    mod alb_crd;
    mod alb_fixtures;
    mod alb_validate;
    mod api;
    mod application_fixtures;
    mod application_schema_paths;
    mod crds;
    mod dr_sync;
    mod kinds003_fixtures;
    mod machineconfig_seed004;
    mod machineconfig_validate;
    mod machineconfig_yaml;
    mod objval;
    mod objval_upstream;
    mod psa_checks;
    mod psa_evaluate;
    mod psa_policy;
    mod psa_props;
    mod quantity_props;
    mod quantity_upstream;
    mod quantity_vs_kube_quantity;
    mod seed_fixtures;
    mod validate_complete;
    mod yaml_loader;
}
