//! The Kubernetes minor version this build targets, and the fields that differ between minors.
//!
//! k8s-openapi generates one set of types per Kubernetes minor (`v1_33` … `v1_37`); the final
//! binary picks one with a k8s-openapi feature (or `K8S_OPENAPI_ENABLED_VERSION`). A few fields
//! the crates read exist only from some minor on, and some `spec` fields stop being optional.
//! This module reads them the same way under every version, so the rest of the crates compile
//! — and behave as that Kubernetes version does — whichever version the binary chose.
//!
//! | what | 1.33 | 1.34 | 1.35 | 1.36 | 1.37 |
//! | --- | --- | --- | --- | --- | --- |
//! | `PodStatus.resources`, `PodStatus.allocatedResources` (pod-level resize) | — | — | ✓ | ✓ | ✓ |
//! | `HorizontalPodAutoscaler.spec`, `CronJob.spec` | optional | optional | optional | required | required |
//! | `Deployment` / `StatefulSet` / `DaemonSet` / `ReplicaSet` `.spec` | optional | optional | optional | optional | required |
//!
//! ```
//! use acp_model::kube_version::{self, WithSpec};
//! use k8s_openapi::api::apps::v1::Deployment;
//!
//! let d: Deployment = serde_json::from_value(serde_json::json!({"spec": {"replicas": 3}})).unwrap();
//! assert_eq!(d.spec_ref().and_then(|s| s.replicas), Some(3));
//! assert!((33..=37).contains(&kube_version::MINOR));
//! ```

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::{
    DaemonSet, DaemonSetSpec, Deployment, DeploymentSpec, ReplicaSet, ReplicaSetSpec, StatefulSet,
    StatefulSetSpec,
};
use k8s_openapi::api::autoscaling::v2::{HorizontalPodAutoscaler, HorizontalPodAutoscalerSpec};
use k8s_openapi::api::batch::v1::{CronJob, CronJobSpec};
use k8s_openapi::api::core::v1::{PodStatus, ResourceRequirements};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

k8s_openapi::k8s_if_1_33! {
    /// The Kubernetes minor version of the k8s-openapi types this build uses (`1.MINOR`).
    pub const MINOR: u32 = 33;
}
k8s_openapi::k8s_if_1_34! {
    /// The Kubernetes minor version of the k8s-openapi types this build uses (`1.MINOR`).
    pub const MINOR: u32 = 34;
}
k8s_openapi::k8s_if_1_35! {
    /// The Kubernetes minor version of the k8s-openapi types this build uses (`1.MINOR`).
    pub const MINOR: u32 = 35;
}
k8s_openapi::k8s_if_1_36! {
    /// The Kubernetes minor version of the k8s-openapi types this build uses (`1.MINOR`).
    pub const MINOR: u32 = 36;
}
k8s_openapi::k8s_if_1_37! {
    /// The Kubernetes minor version of the k8s-openapi types this build uses (`1.MINOR`).
    pub const MINOR: u32 = 37;
}

/// A built-in object whose `spec` is optional in some Kubernetes minors and required in others.
///
/// Read and write the spec through these methods and the code is the same under every version:
/// where the field is required, [`spec_ref`](WithSpec::spec_ref) is always `Some`.
pub trait WithSpec {
    /// The spec type.
    type Spec: Default;
    /// The spec, `None` when the object has none (only possible where the field is optional).
    fn spec_ref(&self) -> Option<&Self::Spec>;
    /// The spec, mutably, `None` when the object has none.
    fn spec_mut(&mut self) -> Option<&mut Self::Spec>;
    /// The spec, mutably, created empty first when the object has none.
    fn spec_or_default_mut(&mut self) -> &mut Self::Spec;
    /// Replaces the spec.
    fn set_spec(&mut self, spec: Self::Spec);
}

/// A spec value turned into the object's `spec` field, whatever its type in this minor:
/// `Some(spec)` where the field is optional, `spec` where it is required. For building objects
/// in struct-literal form: `Deployment { spec: DeploymentSpec { .. }.into_field(), .. }`.
pub trait SpecField: Sized {
    /// The type of the object's `spec` field.
    type Field;
    /// The field value holding `self`.
    fn into_field(self) -> Self::Field;
}

#[allow(
    unused_macros,
    reason = "unused under the versions where every such spec is required"
)]
macro_rules! optional_spec {
    ($($ty:ty => $spec:ty),* $(,)?) => {$(
        impl WithSpec for $ty {
            type Spec = $spec;
            fn spec_ref(&self) -> Option<&$spec> {
                self.spec.as_ref()
            }
            fn spec_mut(&mut self) -> Option<&mut $spec> {
                self.spec.as_mut()
            }
            fn spec_or_default_mut(&mut self) -> &mut $spec {
                self.spec.get_or_insert_with(Default::default)
            }
            fn set_spec(&mut self, spec: $spec) {
                self.spec = Some(spec);
            }
        }
        impl SpecField for $spec {
            type Field = Option<$spec>;
            fn into_field(self) -> Option<$spec> {
                Some(self)
            }
        }
    )*};
}

#[allow(
    unused_macros,
    reason = "unused under the versions where every such spec is optional"
)]
macro_rules! required_spec {
    ($($ty:ty => $spec:ty),* $(,)?) => {$(
        impl WithSpec for $ty {
            type Spec = $spec;
            fn spec_ref(&self) -> Option<&$spec> {
                Some(&self.spec)
            }
            fn spec_mut(&mut self) -> Option<&mut $spec> {
                Some(&mut self.spec)
            }
            fn spec_or_default_mut(&mut self) -> &mut $spec {
                &mut self.spec
            }
            fn set_spec(&mut self, spec: $spec) {
                self.spec = spec;
            }
        }
        impl SpecField for $spec {
            type Field = $spec;
            fn into_field(self) -> $spec {
                self
            }
        }
    )*};
}

k8s_openapi::k8s_if_le_1_35! {
    optional_spec!(
        HorizontalPodAutoscaler => HorizontalPodAutoscalerSpec,
        CronJob => CronJobSpec,
    );
}
k8s_openapi::k8s_if_ge_1_36! {
    required_spec!(
        HorizontalPodAutoscaler => HorizontalPodAutoscalerSpec,
        CronJob => CronJobSpec,
    );
}
k8s_openapi::k8s_if_le_1_36! {
    optional_spec!(
        Deployment => DeploymentSpec,
        StatefulSet => StatefulSetSpec,
        DaemonSet => DaemonSetSpec,
        ReplicaSet => ReplicaSetSpec,
    );
}
k8s_openapi::k8s_if_ge_1_37! {
    required_spec!(
        Deployment => DeploymentSpec,
        StatefulSet => StatefulSetSpec,
        DaemonSet => DaemonSetSpec,
        ReplicaSet => ReplicaSetSpec,
    );
}

k8s_openapi::k8s_if_ge_1_35! {
    /// `status.resources` of a pod: the pod-level resources the kubelet actuated (Kubernetes
    /// 1.35+). Always `None` under 1.33 and 1.34, which have no such field.
    pub fn pod_status_resources(status: &PodStatus) -> Option<&ResourceRequirements> {
        status.resources.as_ref()
    }
    /// `status.allocatedResources` of a pod: the pod-level resources allocated to it (Kubernetes
    /// 1.35+). Always `None` under 1.33 and 1.34, which have no such field.
    pub fn pod_status_allocated_resources(
        status: &PodStatus,
    ) -> Option<&BTreeMap<String, Quantity>> {
        status.allocated_resources.as_ref()
    }
}
k8s_openapi::k8s_if_le_1_34! {
    /// `status.resources` of a pod: the pod-level resources the kubelet actuated (Kubernetes
    /// 1.35+). Always `None` under 1.33 and 1.34, which have no such field.
    pub fn pod_status_resources(_status: &PodStatus) -> Option<&ResourceRequirements> {
        None
    }
    /// `status.allocatedResources` of a pod: the pod-level resources allocated to it (Kubernetes
    /// 1.35+). Always `None` under 1.33 and 1.34, which have no such field.
    pub fn pod_status_allocated_resources(
        _status: &PodStatus,
    ) -> Option<&BTreeMap<String, Quantity>> {
        None
    }
}

/// A string field that is required in some Kubernetes minors and optional in others (for example
/// `DeploymentCondition.status`: `String` up to 1.36, `Option<String>` in 1.37), read with Go's
/// meaning of an absent string: `""`.
///
/// ```
/// use acp_model::kube_version::StrField;
///
/// assert_eq!(String::from("True").go_str(), "True");
/// assert_eq!(None::<String>.go_str(), "");
/// ```
pub trait StrField {
    /// The value, `""` when absent.
    fn go_str(&self) -> &str;
}

impl StrField for String {
    fn go_str(&self) -> &str {
        self
    }
}

impl StrField for Option<String> {
    fn go_str(&self) -> &str {
        self.as_deref().unwrap_or("")
    }
}

/// An integer field that is required in some Kubernetes minors and optional in others, read with
/// Go's meaning of an absent number: `0`.
///
/// ```
/// use acp_model::kube_version::IntField;
///
/// assert_eq!(3_i32.go_int(), 3);
/// assert_eq!(None::<i32>.go_int(), 0);
/// ```
pub trait IntField {
    /// The value, `0` when absent.
    fn go_int(&self) -> i64;
}

impl IntField for i32 {
    fn go_int(&self) -> i64 {
        i64::from(*self)
    }
}

impl IntField for Option<i32> {
    fn go_int(&self) -> i64 {
        self.map_or(0, i64::from)
    }
}

impl IntField for i64 {
    fn go_int(&self) -> i64 {
        *self
    }
}

impl IntField for Option<i64> {
    fn go_int(&self) -> i64 {
        self.unwrap_or(0)
    }
}
