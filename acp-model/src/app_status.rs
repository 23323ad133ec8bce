//! The display status the ACP console shows for an application and for its computing components.
// seed 003:8116-8151
//!
//! ```
//! use acp_model::app_status::{
//!     ApplicationDisplayStatus, ApplicationStatusSummary, WorkloadDisplayStatus, deployment_status,
//! };
//! use acp_model::kube_version::{SpecField, WithSpec};
//! use k8s_openapi::api::apps::v1::{Deployment, DeploymentSpec, DeploymentStatus};
//!
//! // A Deployment whose 3 replicas are all updated and available is Running.
//! let mut d = Deployment {
//!     spec: DeploymentSpec { replicas: Some(3), ..Default::default() }.into_field(),
//!     status: Some(DeploymentStatus {
//!         replicas: Some(3),
//!         updated_replicas: Some(3),
//!         ready_replicas: Some(3),
//!         available_replicas: Some(3),
//!         ..Default::default()
//!     }),
//!     ..Default::default()
//! };
//! assert_eq!(deployment_status(&d), WorkloadDisplayStatus::Running);
//!
//! // Scaled to 0 and no Pod left: Stopped.
//! d.spec_mut().unwrap().replicas = Some(0);
//! d.status = None;
//! assert_eq!(deployment_status(&d), WorkloadDisplayStatus::Stopped);
//!
//! // One running and one stopped component: the application is Partially Running.
//! use WorkloadDisplayStatus::*;
//! let app = ApplicationStatusSummary::from_components(None, [Running, Stopped]);
//! assert_eq!(app.status, ApplicationDisplayStatus::PartiallyRunning);
//! assert_eq!(app.status.to_string(), "Partially Running");
//! assert_eq!((app.running, app.total), (1, 2));
//! ```
//!
//! # What the ACP documentation says
//!
//! Applications ("the number after the status is the number of computing
// seed 003:8118-8132
//! components"):
// seed 003:8120
//!
//! | status | meaning |
//! | --- | --- |
//! | Running | all computing components are running normally |
//! | Partially Running | some computing components are running, the others are stopped |
//! | Stopped | all computing components are stopped |
//! | Processing | at least one computing component is processing (待处理) |
//! | No Computing Components | the application has no computing component |
//! | Failed | deployment failed |
//!
//! Deployments ("the number in a computing component's status is its number of
// seed 003:8145-8151
//! Pods"):
// seed 003:8134
//! Running — all Pods run normally; Processing — some Pod is not running; Stopped — all Pods are
//! stopped; Failed — deployment failed.
//!
//! # What we decide where the ACP documentation is silent
//!
//! Application precedence, first match wins (our reading; the ACP documentation lists the states without an
//! order):
//!
//! 1. **Failed** if `spec.assemblyPhase` is `Failed` (the
// seed 000:993-998
//!    installer sets it "when the application cannot be successfully assembled") or **any**
//!    component is Failed. A failure wins over Processing: a failed Deployment does not make
//!    progress, and hiding it behind "Processing" would hide the one thing the user must act on.
//! 2. **Processing** if `spec.assemblyPhase` is `Pending` (components "are still being
//!    deployed") or any component is Processing (ACP docs: "at least one").
// seed 003:8128; seed 000:993-998
//! 3. **No Computing Components** if there is none.
// seed 003:8130
//! 4. **Running** if all are Running, **Stopped** if all are Stopped, otherwise
//!    **Partially Running** (only Running and Stopped components remain).
// seed 003:8124
//!
//! Workload status (the ACP documentation defines "running normally" only in words; we use the rollout
//! checks of `kubectl rollout status`, k8s.io/kubectl `pkg/polymorphichelpers/rollout_status.go`,
//! `DeploymentStatusViewer` / `StatefulSetStatusViewer` / `DaemonSetStatusViewer`):
//!
//! 1. **Stopped**: nothing is wanted and no Pod is left — desired 0 and `status.replicas` 0 (and
//!    no terminating replicas). Scaling down to 0 with Pods still present is Processing.
//! 2. **Processing** while the controller has not observed the current spec
//!    (`status.observedGeneration < metadata.generation`).
//! 3. **Failed** (Deployments only): condition `Progressing` is `False` with reason
//!    `ProgressDeadlineExceeded` (the rollout timed out; kubectl reports it as an error), or
//!    condition `ReplicaFailure` is `True` (Pods cannot be created, e.g. quota). Source: k8s
//!    `pkg/controller/deployment/util/deployment_util.go` (`TimedOutReason`,
//!    `DeploymentReplicaFailure`). StatefulSets and DaemonSets have no failure condition upstream
//!    and are never Failed here.
//! 4. **Running** when Pods are wanted and the rollout is complete with every wanted Pod
//!    available: all replicas updated, no old or surplus replica left, all available. (Desired 0
//!    with Pods still present, i.e. scaling to zero, is Processing.)
//! 5. **Processing** otherwise.
//!
//! The ACP documentation gives the status rules for Deployments only; StatefulSets and DaemonSets — the other
//! computing components — get the same rules by analogy, with their own counters.

use std::fmt;

use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, StatefulSet};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use crate::application::AssemblyPhase;
use crate::kube_version::{StrField, WithSpec};

// seed 003:8145-8151
/// The console's status of a computing component (Deployment, StatefulSet, DaemonSet).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WorkloadDisplayStatus {
    // seed 003:8145
    /// All Pods run normally.
    Running,
    // seed 003:8147
    /// Some Pod is not running yet.
    Processing,
    // seed 003:8149
    /// All Pods are stopped.
    Stopped,
    // seed 003:8151
    /// The deployment failed.
    Failed,
}

impl WorkloadDisplayStatus {
    /// The console's English word.
    pub fn as_str(self) -> &'static str {
        match self {
            WorkloadDisplayStatus::Running => "Running",
            WorkloadDisplayStatus::Processing => "Processing",
            WorkloadDisplayStatus::Stopped => "Stopped",
            WorkloadDisplayStatus::Failed => "Failed",
        }
    }
}

impl fmt::Display for WorkloadDisplayStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

// seed 003:8118-8132
/// The console's status of an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ApplicationDisplayStatus {
    // seed 003:8122
    /// All computing components run normally.
    Running,
    // seed 003:8124
    /// Some computing components run, the others are stopped.
    PartiallyRunning,
    // seed 003:8126
    /// All computing components are stopped.
    Stopped,
    // seed 003:8128
    /// At least one computing component is processing.
    Processing,
    // seed 003:8130
    /// The application has no computing component.
    NoComputingComponents,
    // seed 003:8132
    /// The deployment failed.
    Failed,
}

impl ApplicationDisplayStatus {
    /// The console's English words (`Partially Running`, `No Computing Components`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationDisplayStatus::Running => "Running",
            ApplicationDisplayStatus::PartiallyRunning => "Partially Running",
            ApplicationDisplayStatus::Stopped => "Stopped",
            ApplicationDisplayStatus::Processing => "Processing",
            ApplicationDisplayStatus::NoComputingComponents => "No Computing Components",
            ApplicationDisplayStatus::Failed => "Failed",
        }
    }
}

impl fmt::Display for ApplicationDisplayStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

// seed 003:8120
/// An application's status with the per-status counts of its computing components (the console
/// shows the number of computing components beside the status).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ApplicationStatusSummary {
    /// The application's status.
    pub status: ApplicationDisplayStatus,
    /// How many computing components.
    pub total: usize,
    /// How many are Running.
    pub running: usize,
    /// How many are Processing.
    pub processing: usize,
    /// How many are Stopped.
    pub stopped: usize,
    /// How many are Failed.
    pub failed: usize,
}

impl ApplicationStatusSummary {
    /// Aggregates the components' statuses, with the precedence in the module docs.
    /// `assembly_phase` is the Application's `spec.assemblyPhase` (`None` when absent).
    pub fn from_components(
        assembly_phase: Option<&AssemblyPhase>,
        components: impl IntoIterator<Item = WorkloadDisplayStatus>,
    ) -> Self {
        let mut s = ApplicationStatusSummary {
            status: ApplicationDisplayStatus::NoComputingComponents,
            total: 0,
            running: 0,
            processing: 0,
            stopped: 0,
            failed: 0,
        };
        for c in components {
            s.total += 1;
            match c {
                WorkloadDisplayStatus::Running => s.running += 1,
                WorkloadDisplayStatus::Processing => s.processing += 1,
                WorkloadDisplayStatus::Stopped => s.stopped += 1,
                WorkloadDisplayStatus::Failed => s.failed += 1,
            }
        }
        s.status = if matches!(assembly_phase, Some(AssemblyPhase::Failed)) || s.failed > 0 {
            ApplicationDisplayStatus::Failed
        } else if matches!(assembly_phase, Some(AssemblyPhase::Pending)) || s.processing > 0 {
            ApplicationDisplayStatus::Processing
        } else if s.total == 0 {
            ApplicationDisplayStatus::NoComputingComponents
        } else if s.running == s.total {
            ApplicationDisplayStatus::Running
        } else if s.stopped == s.total {
            ApplicationDisplayStatus::Stopped
        } else {
            ApplicationDisplayStatus::PartiallyRunning
        };
        s
    }
}

/// [`ApplicationStatusSummary::from_components`]'s status only.
pub fn application_status(
    assembly_phase: Option<&AssemblyPhase>,
    components: impl IntoIterator<Item = WorkloadDisplayStatus>,
) -> ApplicationDisplayStatus {
    ApplicationStatusSummary::from_components(assembly_phase, components).status
}

/// Whether the controller has seen the current spec: `status.observedGeneration >=
/// metadata.generation`. An object without `metadata.generation` (not yet stored) counts as seen.
fn observed(meta: &ObjectMeta, observed_generation: Option<i64>) -> bool {
    match meta.generation {
        None => true,
        Some(g) => observed_generation.is_some_and(|o| o >= g),
    }
}

/// A Deployment's display status from its replica counts and conditions (see the module docs
/// for the order of the checks). `spec.replicas` defaults to 1 as the apiserver defaults it
/// (k8s `pkg/apis/apps/v1/defaults.go`, `SetDefaults_Deployment`).
pub fn deployment_status(d: &Deployment) -> WorkloadDisplayStatus {
    let desired = d.spec_ref().and_then(|s| s.replicas).unwrap_or(1);
    let st = d.status.clone().unwrap_or_default();
    let replicas = st.replicas.unwrap_or(0);
    let updated = st.updated_replicas.unwrap_or(0);
    let available = st.available_replicas.unwrap_or(0);
    let terminating = st.terminating_replicas.unwrap_or(0);

    if desired == 0 && replicas == 0 && terminating == 0 {
        return WorkloadDisplayStatus::Stopped;
    }
    if !observed(&d.metadata, st.observed_generation) {
        return WorkloadDisplayStatus::Processing;
    }
    let failed = st.conditions.iter().flatten().any(|c| {
        (c.type_.go_str() == "Progressing"
            && c.status.go_str() == "False"
            && c.reason.as_deref() == Some("ProgressDeadlineExceeded"))
            || (c.type_.go_str() == "ReplicaFailure" && c.status.go_str() == "True")
    });
    if failed {
        return WorkloadDisplayStatus::Failed;
    }
    // kubectl DeploymentStatusViewer: updated < desired, replicas > updated (old replicas
    // pending termination) and available < updated all mean "waiting".
    if desired > 0 && updated >= desired && replicas <= updated && available >= updated {
        WorkloadDisplayStatus::Running
    } else {
        WorkloadDisplayStatus::Processing
    }
}

/// A StatefulSet's display status, by analogy with Deployments (the ACP documentation covers Deployments
/// only). `spec.replicas` defaults to 1. Running needs `status.replicas == desired`, all desired
/// Pods ready and available (`availableReplicas` falls back to `readyReplicas` on servers that do
/// not report it) and the rollout done: with `RollingUpdate` and a `partition`, at least
/// `desired - partition` updated replicas; with `RollingUpdate` and no partition,
/// `currentRevision == updateRevision` (kubectl `StatefulSetStatusViewer`). With `OnDelete`
/// Pods of an old revision still count as running normally.
pub fn stateful_set_status(s: &StatefulSet) -> WorkloadDisplayStatus {
    let spec = s.spec_ref();
    let desired = spec.and_then(|sp| sp.replicas).unwrap_or(1);
    let st = s.status.clone().unwrap_or_default();
    if desired == 0 && st.replicas == 0 {
        return WorkloadDisplayStatus::Stopped;
    }
    if !observed(&s.metadata, st.observed_generation) {
        return WorkloadDisplayStatus::Processing;
    }
    let ready = st.ready_replicas.unwrap_or(0);
    let available = st.available_replicas.unwrap_or(ready);
    let strategy = spec.and_then(|sp| sp.update_strategy.as_ref());
    let on_delete = strategy.and_then(|u| u.type_.as_deref()) == Some("OnDelete");
    let partition = strategy
        .and_then(|u| u.rolling_update.as_ref())
        .and_then(|r| r.partition)
        .unwrap_or(0);
    let rolled_out = on_delete
        || if partition > 0 {
            st.updated_replicas.unwrap_or(0) >= desired.saturating_sub(partition)
        } else {
            match (&st.current_revision, &st.update_revision) {
                (Some(c), Some(u)) => c == u,
                _ => true,
            }
        };
    if desired > 0
        && st.replicas == desired
        && ready >= desired
        && available >= desired
        && rolled_out
    {
        WorkloadDisplayStatus::Running
    } else {
        WorkloadDisplayStatus::Processing
    }
}

/// A DaemonSet's display status, by analogy with Deployments (the ACP documentation covers Deployments only).
/// The desired count is `status.desiredNumberScheduled`; a DaemonSet that matches no node and has
/// no Pod is Stopped. Running needs every desired Pod available and, with `RollingUpdate`, updated
/// (kubectl `DaemonSetStatusViewer`), and no Pod on a node where it should not run
/// (`currentNumberScheduled <= desired`, `numberMisscheduled == 0`).
pub fn daemon_set_status(ds: &DaemonSet) -> WorkloadDisplayStatus {
    let st = ds.status.clone().unwrap_or_default();
    let desired = st.desired_number_scheduled;
    if desired == 0 && st.current_number_scheduled == 0 && st.number_misscheduled == 0 {
        return WorkloadDisplayStatus::Stopped;
    }
    if !observed(&ds.metadata, st.observed_generation) {
        return WorkloadDisplayStatus::Processing;
    }
    let on_delete = ds
        .spec_ref()
        .and_then(|sp| sp.update_strategy.as_ref())
        .and_then(|u| u.type_.as_deref())
        == Some("OnDelete");
    let updated_ok = on_delete || st.updated_number_scheduled.unwrap_or(0) >= desired;
    let available = st.number_available.unwrap_or(0);
    if desired > 0
        && available >= desired
        && st.number_ready >= desired
        && st.current_number_scheduled <= desired
        && st.number_misscheduled == 0
        && updated_ok
    {
        WorkloadDisplayStatus::Running
    } else {
        WorkloadDisplayStatus::Processing
    }
}

#[cfg(test)]
mod tests {
    use super::ApplicationDisplayStatus as A;
    use super::WorkloadDisplayStatus::*;
    use super::*;
    use crate::kube_version::SpecField;
    use k8s_openapi::api::apps::v1::{
        DaemonSetSpec, DaemonSetStatus, DaemonSetUpdateStrategy, DeploymentCondition,
        DeploymentSpec, DeploymentStatus, RollingUpdateStatefulSetStrategy, StatefulSetSpec,
        StatefulSetStatus, StatefulSetUpdateStrategy,
    };

    fn agg(phase: Option<AssemblyPhase>, c: &[WorkloadDisplayStatus]) -> A {
        application_status(phase.as_ref(), c.iter().copied())
    }

    #[test]
    fn application_precedence() {
        assert_eq!(agg(None, &[]), A::NoComputingComponents);
        assert_eq!(agg(None, &[Running, Running]), A::Running);
        assert_eq!(agg(None, &[Stopped, Stopped]), A::Stopped);
        assert_eq!(agg(None, &[Stopped]), A::Stopped);
        assert_eq!(agg(None, &[Running, Stopped]), A::PartiallyRunning);
        assert_eq!(agg(None, &[Running, Processing]), A::Processing);
        assert_eq!(agg(None, &[Stopped, Processing]), A::Processing);
        assert_eq!(agg(None, &[Running, Stopped, Processing]), A::Processing);
        assert_eq!(agg(None, &[Processing, Failed]), A::Failed);
        assert_eq!(agg(None, &[Running, Failed]), A::Failed);
        assert_eq!(agg(Some(AssemblyPhase::Failed), &[Running]), A::Failed);
        assert_eq!(agg(Some(AssemblyPhase::Failed), &[]), A::Failed);
        assert_eq!(agg(Some(AssemblyPhase::Pending), &[Running]), A::Processing);
        assert_eq!(agg(Some(AssemblyPhase::Pending), &[]), A::Processing);
        assert_eq!(
            agg(Some(AssemblyPhase::Succeeded), &[]),
            A::NoComputingComponents
        );
        assert_eq!(
            agg(Some(AssemblyPhase::Other("x".into())), &[Running]),
            A::Running
        );
        let s = ApplicationStatusSummary::from_components(
            None,
            [Running, Stopped, Processing, Failed, Running],
        );
        assert_eq!(
            (s.total, s.running, s.stopped, s.processing, s.failed),
            (5, 2, 1, 1, 1)
        );
    }

    #[test]
    fn english_words() {
        let all = [
            (A::Running, "Running"),
            (A::PartiallyRunning, "Partially Running"),
            (A::Stopped, "Stopped"),
            (A::Processing, "Processing"),
            (A::NoComputingComponents, "No Computing Components"),
            (A::Failed, "Failed"),
        ];
        for (s, w) in all {
            assert_eq!(s.to_string(), w);
        }
        assert_eq!(Processing.to_string(), "Processing");
    }

    fn deploy(
        spec_replicas: Option<i32>,
        (replicas, updated, ready, available): (i32, i32, i32, i32),
    ) -> Deployment {
        Deployment {
            spec: DeploymentSpec {
                replicas: spec_replicas,
                ..Default::default()
            }
            .into_field(),
            status: Some(DeploymentStatus {
                replicas: Some(replicas),
                updated_replicas: Some(updated),
                ready_replicas: Some(ready),
                available_replicas: Some(available),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn deployment_counts() {
        assert_eq!(deployment_status(&deploy(Some(3), (3, 3, 3, 3))), Running);
        // spec.replicas defaults to 1.
        assert_eq!(deployment_status(&deploy(None, (1, 1, 1, 1))), Running);
        assert_eq!(deployment_status(&deploy(None, (0, 0, 0, 0))), Processing);
        // Not all available / not all updated / old replicas still there.
        assert_eq!(
            deployment_status(&deploy(Some(3), (3, 3, 3, 2))),
            Processing
        );
        assert_eq!(
            deployment_status(&deploy(Some(3), (3, 2, 3, 3))),
            Processing
        );
        assert_eq!(
            deployment_status(&deploy(Some(3), (4, 3, 4, 4))),
            Processing
        );
        // Scaled to zero: Stopped once the last Pod is gone.
        assert_eq!(deployment_status(&deploy(Some(0), (0, 0, 0, 0))), Stopped);
        assert_eq!(
            deployment_status(&deploy(Some(0), (1, 0, 1, 1))),
            Processing
        );
        let mut d = deploy(Some(0), (0, 0, 0, 0));
        d.status.as_mut().unwrap().terminating_replicas = Some(1);
        assert_eq!(deployment_status(&d), Processing);
        // No status at all.
        let mut d = deploy(Some(2), (0, 0, 0, 0));
        d.status = None;
        assert_eq!(deployment_status(&d), Processing);
    }

    #[test]
    fn deployment_generation_and_failure() {
        let mut d = deploy(Some(2), (2, 2, 2, 2));
        d.metadata.generation = Some(5);
        d.status.as_mut().unwrap().observed_generation = Some(4);
        assert_eq!(deployment_status(&d), Processing);
        d.status.as_mut().unwrap().observed_generation = Some(5);
        assert_eq!(deployment_status(&d), Running);
        d.status.as_mut().unwrap().observed_generation = None;
        assert_eq!(deployment_status(&d), Processing);
        d.status.as_mut().unwrap().observed_generation = Some(5);

        let cond = |t: &str, s: &str, r: &str| DeploymentCondition {
            type_: t.to_owned().into(),
            status: s.to_owned().into(),
            reason: Some(r.into()),
            ..Default::default()
        };
        let mut f = deploy(Some(2), (2, 1, 1, 1));
        f.status.as_mut().unwrap().conditions = Some(vec![cond(
            "Progressing",
            "False",
            "ProgressDeadlineExceeded",
        )]);
        assert_eq!(deployment_status(&f), Failed);
        f.status.as_mut().unwrap().conditions =
            Some(vec![cond("Progressing", "True", "ReplicaSetUpdated")]);
        assert_eq!(deployment_status(&f), Processing);
        f.status.as_mut().unwrap().conditions =
            Some(vec![cond("ReplicaFailure", "True", "FailedCreate")]);
        assert_eq!(deployment_status(&f), Failed);
        // Failed is not reported for a spec the controller has not seen yet …
        f.metadata.generation = Some(2);
        f.status.as_mut().unwrap().observed_generation = Some(1);
        assert_eq!(deployment_status(&f), Processing);
        // … nor for a Deployment scaled to zero with no Pod left.
        let mut z = deploy(Some(0), (0, 0, 0, 0));
        z.status.as_mut().unwrap().conditions =
            Some(vec![cond("ReplicaFailure", "True", "FailedCreate")]);
        assert_eq!(deployment_status(&z), Stopped);
    }

    fn sts(desired: Option<i32>, replicas: i32, ready: i32) -> StatefulSet {
        StatefulSet {
            spec: StatefulSetSpec {
                replicas: desired,
                ..Default::default()
            }
            .into_field(),
            status: Some(StatefulSetStatus {
                replicas,
                ready_replicas: Some(ready),
                available_replicas: Some(ready),
                updated_replicas: Some(replicas),
                current_revision: Some("r1".into()),
                update_revision: Some("r1".into()),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn stateful_set_counts() {
        assert_eq!(stateful_set_status(&sts(Some(3), 3, 3)), Running);
        assert_eq!(stateful_set_status(&sts(None, 1, 1)), Running);
        assert_eq!(stateful_set_status(&sts(Some(3), 3, 2)), Processing);
        assert_eq!(stateful_set_status(&sts(Some(0), 0, 0)), Stopped);
        assert_eq!(stateful_set_status(&sts(Some(0), 1, 1)), Processing);
        // Rolling update in progress.
        let mut s = sts(Some(3), 3, 3);
        s.status.as_mut().unwrap().update_revision = Some("r2".into());
        s.status.as_mut().unwrap().updated_replicas = Some(1);
        assert_eq!(stateful_set_status(&s), Processing);
        // A partition of 2 only asks for 1 updated replica.
        s.spec_mut().unwrap().update_strategy = Some(StatefulSetUpdateStrategy {
            type_: Some("RollingUpdate".into()),
            rolling_update: Some(RollingUpdateStatefulSetStrategy {
                partition: Some(2),
                ..Default::default()
            }),
        });
        assert_eq!(stateful_set_status(&s), Running);
        // OnDelete: old-revision Pods still run normally.
        s.spec_mut().unwrap().update_strategy = Some(StatefulSetUpdateStrategy {
            type_: Some("OnDelete".into()),
            rolling_update: None,
        });
        s.status.as_mut().unwrap().updated_replicas = Some(0);
        assert_eq!(stateful_set_status(&s), Running);
        // No availableReplicas reported: readyReplicas stands in.
        let mut s = sts(Some(2), 2, 2);
        s.status.as_mut().unwrap().available_replicas = None;
        assert_eq!(stateful_set_status(&s), Running);
    }

    fn ds(desired: i32, current: i32, ready: i32, available: i32, updated: i32) -> DaemonSet {
        DaemonSet {
            status: Some(DaemonSetStatus {
                desired_number_scheduled: desired,
                current_number_scheduled: current,
                number_ready: ready,
                number_available: Some(available),
                updated_number_scheduled: Some(updated),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn daemon_set_counts() {
        assert_eq!(daemon_set_status(&ds(3, 3, 3, 3, 3)), Running);
        assert_eq!(daemon_set_status(&ds(3, 3, 3, 2, 3)), Processing);
        assert_eq!(daemon_set_status(&ds(3, 3, 3, 3, 2)), Processing);
        assert_eq!(daemon_set_status(&ds(0, 0, 0, 0, 0)), Stopped);
        assert_eq!(daemon_set_status(&ds(0, 1, 1, 1, 1)), Processing);
        let mut d = ds(3, 3, 3, 3, 0);
        d.set_spec(DaemonSetSpec {
            update_strategy: Some(DaemonSetUpdateStrategy {
                type_: Some("OnDelete".into()),
                rolling_update: None,
            }),
            ..Default::default()
        });
        assert_eq!(daemon_set_status(&d), Running);
        d.metadata.generation = Some(2);
        d.status.as_mut().unwrap().observed_generation = Some(1);
        assert_eq!(daemon_set_status(&d), Processing);
    }

    #[test]
    fn negative_and_extreme_counts_do_not_panic() {
        for v in [i32::MIN, -1, 0, 1, i32::MAX] {
            let _ = deployment_status(&deploy(Some(v), (v, v, v, v)));
            let mut s = sts(Some(v), v, v);
            s.spec_mut().unwrap().update_strategy = Some(StatefulSetUpdateStrategy {
                type_: None,
                rolling_update: Some(RollingUpdateStatefulSetStrategy {
                    partition: Some(v),
                    ..Default::default()
                }),
            });
            let _ = stateful_set_status(&s);
            let _ = daemon_set_status(&ds(v, v, v, v, v));
        }
    }
}
