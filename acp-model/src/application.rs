//! `app.k8s.io/v1beta1` **Application** and **ApplicationHistory**: the custom applications of
//! ACP.
// seed 000:913-1275; the same CRDs again in seed 003:987-1700
//!
//! ```
//! use acp_model::application::{Application, AssemblyPhase, GroupKind};
//! use acp_model::validation::Validate;
//!
// seed 003:6363
//! // The documented example application.
//! let app: Application = serde_saphyr::from_str(
//!     "apiVersion: app.k8s.io/v1beta1
//! kind: Application
//! metadata:
//!   name: webapp
//! spec:
//!   componentKinds:
//!     - group: apps
//!       kind: Deployment
//!     - group: \"\"
//!       kind: Service
//!   descriptor: {}
//! ",
//! )
//! .unwrap();
//! let kinds = app.spec.component_kinds.as_deref().unwrap();
//! assert_eq!(kinds[0], GroupKind::new("apps", "Deployment"));
//! assert!(app.validate().is_empty());
//!
//! // Every problem at once, with its path from the object root.
//! let mut bad = app.clone();
//! bad.metadata.name = Some("Web_App".into());
//! bad.spec.assembly_phase = Some(AssemblyPhase::Other("Done".into()));
//! let errs = bad.validate();
//! assert_eq!(errs.len(), 2);
//! assert!(errs.to_string().contains(r#"spec.assemblyPhase: Unsupported value: "Done""#));
//! ```
//!
//! # What is modelled, and from where
//!
//! * Every property of the documented CRDs' `openAPIV3Schema`.
// seed 000:961-1168 and seed 000:1174-1275. The two copies of the CRD (seed 000 and seed 003)
// agree property for property; seed 003's copy is a PDF-to-text dump that splits long
// description lines and carries stray page fragments (`' '` at seed 003:1558, `,` at
// seed 003:1427) — see `tests/schemas/README.md`.
//! * Fields the ACP documentation's schema does not list but the upstream type
//!   (`kubernetes-sigs/application`, `api/v1beta1/application_types.go`) has: `spec.addOwnerRef`,
//!   the `group`/`kind` of `spec.componentKinds[]` (upstream `metav1.GroupKind`), the inlined
//!   `corev1.ObjectReference` fields and `protocol` of the `valueFrom` references, and
//!   `status.conditions`, `status.components`, `status.componentsReady`. The ACP documentation CRDs are
//!   `apiextensions.k8s.io/v1beta1` without `preserveUnknownFields: false`, so the apiserver does
//!   not prune and a cluster can hold these fields; modelling them keeps such objects intact.
//!   `tests/application_schema_paths.rs` lists every such path.
//! * Open string sets (`assemblyPhase`, `info[].type`, `info[].valueFrom.type`) are enums with an
//!   `Other(String)` fallback: the schema types them as plain strings, so a cluster can hold any
//!   value and it must survive a round trip; [`Validate`] reports values outside the documented set
//!   where the source makes the set closed.
//!
//! # Deviations forced by kube's derive
//!
// seed 000:976
//! * The documented `spec` is optional (no `required`). kube's derive makes `spec` a
//!   mandatory struct field, so [`ApplicationSpec`] deserialises an absent (or `null`) `spec` as
//!   the empty spec (see its `Deserialize` impl), and serialises it back as `spec: {}`. The ACP documentation
//!   examples without `spec` therefore gain `spec: {}` on a round trip.
// seed 003:14215, seed 003:14268
//!   [`ApplicationHistory`] keeps the derive's behaviour: its `spec` is required when
//!   deserialising (ACP always writes it).
//! * The ACP documentation's ApplicationHistory CRD has no `subresources` but its schema has a
// seed 000:1184-1185
//!   `status`; kube's derive adds a `status` subresource whenever the type has a status. Use
//!   [`application_history_crd`] for the ACP documentation's exact CRD shape.
//! * kube generates `apiextensions.k8s.io/v1` CRDs; the ACP documentation show `v1beta1` CRDs.
// seed 000:957

use std::collections::BTreeSet;

use k8s_openapi::api::core::v1::ObjectReference;
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, Time};
use kube::CustomResource;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use crate::names::{self, NameRule};
use crate::validation::{ErrorList, FieldError, FieldPath, Validate};

// seed 000:965
/// The API group of both kinds.
pub const GROUP: &str = "app.k8s.io";
// seed 000:1164-1168
/// The served and stored version.
pub const VERSION: &str = "v1beta1";

/// Annotations ACP puts on Applications.
pub mod annotations {
    // seed 003:14227
    /// The chart an Application deployed from a Helm chart comes from, `<repo>/<chart>`.
    pub const CHART_SOURCE: &str = "app.cpaas.io/chart.source";
    // seed 003:14229
    /// The chart version.
    pub const CHART_VERSION: &str = "app.cpaas.io/chart.version";
    // seed 003:14231, seed 003:14276
    /// The chart values as a JSON string.
    pub const CHART_VALUES: &str = "app.cpaas.io/chart.values";
    // seed 003:13921-13931
    /// On a **HelmRequest**: `"true"` makes the platform sync it into an Application.
    pub const CREATE_APP: &str = "alauda.io/create-app";
}

/// Labels used with Applications.
pub mod labels {
    // seed 003:14237
    /// Set to `"true"` on an Application that mirrors a HelmRequest.
    pub const SYNC_FROM_HELMREQUEST: &str = "sync-from-helmrequest";
    // seed 000:1146-1151
    /// The label every component should carry and `spec.selector` should match.
    pub const APP_NAME: &str = "app.kubernetes.io/name";
}

open_enum! {
    // seed 000:993-998
    /// `spec.assemblyPhase`: whether the installer has deployed all components
    /// (upstream `ApplicationAssemblyPhase` constants and
    /// `docs/api.md`, which types the field as `"Pending", "Succeeded" or "Failed"`). Upstream:
    /// an empty value is equivalent to `Succeeded`.
    AssemblyPhase {
        /// Components are still being deployed.
        Pending => "Pending",
        /// All components are deployed.
        Succeeded => "Succeeded",
        /// The application could not be assembled.
        Failed => "Failed",
    }
}

open_enum! {
    // seed 000:1098-1100
    /// `spec.info[].type` (the CRD gives only `type: string`; the
    /// values are upstream's `InfoItemType` constants).
    InfoItemType {
        /// The item carries its `value` directly.
        Value => "Value",
        /// The item's value comes from `valueFrom`.
        Reference => "Reference",
    }
}

open_enum! {
    /// `spec.info[].valueFrom.type`: which reference holds the value
    // seed 000:1140-1141
    /// (the CRD gives only `type: string`; the values are upstream's
    /// `InfoItemSourceType` constants, each naming the reference field of the same name).
    InfoItemSourceType {
        /// `secretKeyRef`.
        SecretKeyRef => "SecretKeyRef",
        /// `configMapKeyRef`.
        ConfigMapKeyRef => "ConfigMapKeyRef",
        /// `serviceRef`.
        ServiceRef => "ServiceRef",
        /// `ingressRef`.
        IngressRef => "IngressRef",
    }
}

// seed 000:991-1153
/// The desired state of an [`Application`].
///
/// Every field is optional, as in the ACP schema. An absent or `null` `spec` deserialises as
/// `ApplicationSpec::default()` (see the module docs).
#[derive(CustomResource, Serialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[kube(
    group = "app.k8s.io",
    version = "v1beta1",
    kind = "Application",
    namespaced,
    status = "ApplicationStatus",
    derive = "PartialEq",
    derive = "Default",
    doc = "An ACP custom application: a set of Kubernetes resources managed as one unit."
    // seed 000:957-1168
)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationSpec {
    // seed 000:993-998
    /// Set by the installer: `Pending` while components are deployed, `Succeeded` once all are,
    /// `Failed` when the application cannot be assembled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assembly_phase: Option<AssemblyPhase>,
    // seed 000:999-1007
    /// The kinds of resources the application is made of, e.g.
    /// `[{"group":"core","kind":"Service"},{"group":"apps","kind":"Deployment"}]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component_kinds: Option<Vec<GroupKind>>,
    // seed 000:1008-1090
    /// Human-facing metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub descriptor: Option<Descriptor>,
    /// Whether the application adopts the matched resources by adding an owner reference to
    /// them. Not in the ACP schema; upstream `ApplicationSpec.AddOwnerRef`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_owner_ref: Option<bool>,
    // seed 000:1091-1144
    /// Human-readable key/value pairs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info: Option<Vec<InfoItem>>,
    // seed 000:1145-1152
    /// Matches the application's resources; components should carry
    /// [`labels::APP_NAME`] and the selector should match it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
}

/// The wire form of [`ApplicationSpec`]; exists so that an absent `spec` can default.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ApplicationSpecWire {
    #[serde(default)]
    assembly_phase: Option<AssemblyPhase>,
    #[serde(default)]
    component_kinds: Option<Vec<GroupKind>>,
    #[serde(default)]
    descriptor: Option<Descriptor>,
    #[serde(default)]
    add_owner_ref: Option<bool>,
    #[serde(default)]
    info: Option<Vec<InfoItem>>,
    #[serde(default)]
    selector: Option<LabelSelector>,
}

// DEVIATION: kube's derive makes `spec` mandatory, so an absent or null `spec` reads as the empty
// spec and is written back as `spec: {}`; the ACP CRD leaves `spec` optional.
impl<'de> Deserialize<'de> for ApplicationSpec {
    /// Deserialises through `Option`, so that serde's missing-field path (which asks for an
    /// option) and an explicit `null` both give the empty spec.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let wire = Option::<ApplicationSpecWire>::deserialize(d)?;
        Ok(
            wire.map_or_else(ApplicationSpec::default, |w| ApplicationSpec {
                assembly_phase: w.assembly_phase,
                component_kinds: w.component_kinds,
                descriptor: w.descriptor,
                add_owner_ref: w.add_owner_ref,
                info: w.info,
                selector: w.selector,
            }),
        )
    }
}

// seed 000:1004-1006; seed 003:6381
/// One entry of `spec.componentKinds`: an API group and a kind.
///
/// The ACP documentation gives the items only as `type: object` with the example
/// `{"group":"core","kind": "Service"}`; the fields are
/// upstream's `metav1.GroupKind`, whose CRD marks both required. Both are `Option` so that an
/// entry missing one is still readable and [`Validate`] can report it. The core group is `""`;
/// the ACP documentation writes `"core"`.
// seed 000
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq, JsonSchema)]
pub struct GroupKind {
    /// The API group (`""` or `"core"` for the core group, `apps`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The kind (`Deployment`, `Service`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

impl GroupKind {
    /// A group/kind pair with both fields set.
    pub fn new(group: &str, kind: &str) -> Self {
        GroupKind {
            group: Some(group.to_owned()),
            kind: Some(kind.to_owned()),
        }
    }
}

// seed 000:1008-1090
/// `spec.descriptor`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Descriptor {
    // seed 000:1010-1012
    /// A short, human-readable description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    // seed 000:1013-1029
    /// Icons: source, size and MIME type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icons: Option<Vec<ImageSpec>>,
    // seed 000:1030-1034
    /// Keywords that identify the application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keywords: Option<Vec<String>>,
    // seed 000:1035-1046
    /// Descriptive URLs: documentation, dashboards ….
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<Link>>,
    // seed 000:1047-1063
    /// The distributors of the application: name, email and URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintainers: Option<Vec<ContactData>>,
    // seed 000:1064-1067
    /// Quick-start notes, plain text or CommonMark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    // seed 000:1068-1081
    /// The operational owners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owners: Option<Vec<ContactData>>,
    // seed 000:1082-1086
    /// The type of the application (WordPress, MySQL, …); applications of one type share it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    // seed 000:1087-1089
    /// A version indicator, e.g. `5.7` for MySQL 5.7.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

// seed 000:1015-1029
/// An icon of the application.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq, JsonSchema)]
pub struct ImageSpec {
    // seed 000:1017-1019
    /// The size of the icon, e.g. `25x25`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
    // seed 000:1020-1022; seed 000:1026-1027
    /// The source of the icon: a URL or a data URL; required.
    pub src: String,
    // seed 000:1023-1025
    /// The MIME type of the icon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
}

// seed 000:1037-1046
/// A descriptive link.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq, JsonSchema)]
pub struct Link {
    // seed 000:1039-1041
    /// What the link is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    // seed 000:1042-1044
    /// The URL. No format is stated, none is checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

// seed 000:1051-1063 and 1069-1081
/// A maintainer or owner.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq, JsonSchema)]
pub struct ContactData {
    // seed 000:1053-1055
    /// The email address. No format is stated, none is checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    // seed 000:1056-1058
    /// The name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    // seed 000:1059-1061
    /// A URL to contact them. No format is stated, none is checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

// seed 000:1093-1144
/// One `spec.info` item: a named value, given directly or by reference.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct InfoItem {
    // seed 000:1095-1097
    /// The name of the information; upstream's strategic-merge key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    // seed 000:1098-1100
    /// The type of the information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<InfoItemType>,
    // seed 000:1101-1103
    /// The value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    // seed 000:1104-1143
    /// Where the value comes from instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_from: Option<InfoItemSource>,
}

// seed 000:1104-1143
/// `spec.info[].valueFrom`: a reference to the value.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct InfoItemSource {
    // seed 000:1107-1112
    /// A key of a ConfigMap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_map_key_ref: Option<ConfigMapKeySelector>,
    // seed 000:1113-1122
    /// An Ingress host and path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ingress_ref: Option<IngressSelector>,
    // seed 000:1123-1128
    /// A key of a Secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_key_ref: Option<SecretKeySelector>,
    // seed 000:1129-1139
    /// A Service port and path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_ref: Option<ServiceSelector>,
    // seed 000:1140-1141
    /// Which of the references is meant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<InfoItemSourceType>,
}

// seed 000:1107-1112
/// Selects a key of a ConfigMap.
///
/// The ACP documentation lists only `key`; upstream inlines a `corev1.ObjectReference` (which ConfigMap:
/// `name`, `namespace`, …), kept in [`Self::object`].
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
pub struct ConfigMapKeySelector {
    /// The ConfigMap (upstream, inlined `ObjectReference`; not in the ACP schema).
    #[serde(flatten)]
    pub object: ObjectReference,
    // seed 000:1110-1111
    /// The key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

// seed 000:1123-1128
/// Selects a key of a Secret.
///
/// The ACP documentation lists only `key`; upstream inlines a `corev1.ObjectReference`, kept in
/// [`Self::object`].
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
pub struct SecretKeySelector {
    /// The Secret (upstream, inlined `ObjectReference`; not in the ACP schema).
    #[serde(flatten)]
    pub object: ObjectReference,
    // seed 000:1126-1127
    /// The key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

// seed 000:1129-1139
/// Selects a Service.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
pub struct ServiceSelector {
    /// The Service (upstream, inlined `ObjectReference`; not in the ACP schema).
    #[serde(flatten)]
    pub object: ObjectReference,
    // seed 000:1132-1134
    /// The HTTP path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    // seed 000:1135-1138
    /// The Service port, int32.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
    /// The protocol (upstream `ServiceSelector.Protocol`; not in the ACP schema).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
}

// seed 000:1113-1122
/// Selects an Ingress.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
pub struct IngressSelector {
    /// The Ingress (upstream, inlined `ObjectReference`; not in the ACP schema).
    #[serde(flatten)]
    pub object: ObjectReference,
    // seed 000:1116-1118
    /// The host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    // seed 000:1119-1121
    /// The HTTP path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The protocol (upstream `IngressSelector.Protocol`; not in the ACP schema).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
}

// seed 000:1154-1161
// seed 003:748
/// The observed state of an [`Application`] (the ACP CRD
/// lists only `observedGeneration`; the rest is upstream `ApplicationStatus`, written by ACP's
/// controller).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationStatus {
    // seed 000:1157-1161
    /// The generation most recently acted upon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed_generation: Option<i64>,
    /// The latest observations (upstream `ApplicationStatus.Conditions`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<Vec<ApplicationCondition>>,
    /// The status of each matched object (upstream `ComponentList.Objects`, JSON `components`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub components: Option<Vec<ObjectStatus>>,
    /// `ready/total` components (upstream `ApplicationStatus.ComponentsReady`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub components_ready: Option<String>,
}

/// Upstream's condition types (`api/v1beta1/application_types.go`).
pub mod condition_types {
    /// The controller considers the application ready.
    pub const READY: &str = "Ready";
    /// Functionally tested.
    pub const QUALIFIED: &str = "Qualified";
    /// The controller is done acting (observed generation is current).
    pub const SETTLED: &str = "Settled";
    /// Tracks finalizer failures.
    pub const CLEANUP: &str = "Cleanup";
    /// The last recorded error.
    pub const ERROR: &str = "Error";
}

/// A status condition (upstream `Condition`; not in the ACP schema).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationCondition {
    /// The condition type, see [`condition_types`].
    pub r#type: String,
    /// `True`, `False` or `Unknown`.
    pub status: String,
    /// Machine-readable reason of the last transition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Human-readable details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// When the condition was last probed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_update_time: Option<Time>,
    /// When the status last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_transition_time: Option<Time>,
}

/// The status of one component (upstream `ObjectStatus`; not in the ACP schema).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq, JsonSchema)]
pub struct ObjectStatus {
    /// A link to the object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The object's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The object's kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The object's API group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Upstream values: `InProgress`, `Ready`, `Unknown`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

// seed 000:1202-1261
/// The desired state of an [`ApplicationHistory`]: one versioned snapshot of an application.
#[derive(CustomResource, Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[kube(
    group = "app.k8s.io",
    version = "v1beta1",
    kind = "ApplicationHistory",
    plural = "applicationhistories",
    namespaced,
    status = "ApplicationHistoryStatus",
    derive = "PartialEq",
    derive = "Default",
    doc = "A recorded change of an Application: who, why, what changed and the YAML snapshot."
    // seed 000:1170-1275
)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationHistorySpec {
    // seed 000:1204-1206
    /// Why the application changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_cause: Option<String>,
    // seed 000:1207-1210
    /// When this history entry was created, RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_timestamp: Option<Time>,
    // seed 000:1211-1248
    /// The resources created, updated and deleted relative to the previous revision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_diffs: Option<ResourceDiffs>,
    // seed 000:1249-1253
    /// The revision number, incremented on every change of the application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<i64>,
    // seed 000:1254-1256
    /// Who triggered the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    // seed 000:1257-1260
    /// The YAML snapshot of the application and its components.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yaml: Option<String>,
}

// seed 000:1211-1248
/// `spec.resourceDiffs`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq, JsonSchema)]
pub struct ResourceDiffs {
    // seed 000:1215-1225
    /// Resources created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create: Option<Vec<ResourceRef>>,
    // seed 000:1226-1236
    /// Resources deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete: Option<Vec<ResourceRef>>,
    // seed 000:1237-1247
    /// Resources updated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update: Option<Vec<ResourceRef>>,
}

// seed 000:1216-1224
/// The kind and name of a changed resource.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq, JsonSchema)]
pub struct ResourceRef {
    /// The resource's kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The resource's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

// seed 000:1262-1270
/// The observed state of an [`ApplicationHistory`].
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationHistoryStatus {
    // seed 000:1265-1269
    /// The generation most recently acted upon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed_generation: Option<i64>,
}

// seed 000:1184-1185
/// The ApplicationHistory CRD in the ACP documentation's shape: kube's derived CRD without the `status`
/// subresource, which the ACP documentation's CRD does not declare.
pub fn application_history_crd() -> CustomResourceDefinition {
    let mut crd = <ApplicationHistory as kube::CustomResourceExt>::crd();
    for v in &mut crd.spec.versions {
        v.subresources = None;
    }
    crd
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/// The reference fields of `valueFrom`, in schema order.
const REF_FIELDS: [&str; 4] = [
    "configMapKeyRef",
    "secretKeyRef",
    "serviceRef",
    "ingressRef",
];

impl InfoItemSource {
    /// The names of the reference fields that are set, in schema order.
    pub fn refs_set(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        if self.config_map_key_ref.is_some() {
            v.push(REF_FIELDS[0]);
        }
        if self.secret_key_ref.is_some() {
            v.push(REF_FIELDS[1]);
        }
        if self.service_ref.is_some() {
            v.push(REF_FIELDS[2]);
        }
        if self.ingress_ref.is_some() {
            v.push(REF_FIELDS[3]);
        }
        v
    }
}

impl InfoItemSourceType {
    /// The reference field this type names (`SecretKeyRef` → `secretKeyRef`), `None` for
    /// [`InfoItemSourceType::Other`].
    pub fn field_name(&self) -> Option<&'static str> {
        match self {
            InfoItemSourceType::ConfigMapKeyRef => Some(REF_FIELDS[0]),
            InfoItemSourceType::SecretKeyRef => Some(REF_FIELDS[1]),
            InfoItemSourceType::ServiceRef => Some(REF_FIELDS[2]),
            InfoItemSourceType::IngressRef => Some(REF_FIELDS[3]),
            InfoItemSourceType::Other(_) => None,
        }
    }
}

fn validate_info_source(src: &InfoItemSource, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let set = src.refs_set();
    match &src.r#type {
        Some(t) => match t.field_name() {
            Some(field) => {
                if !set.contains(&field) {
                    errs.push(FieldError::required(
                        &path.child(field),
                        format!("must be specified when `type` is '{t}'"),
                    ));
                }
                for other in set.iter().filter(|f| **f != field) {
                    errs.push(FieldError::forbidden(
                        &path.child(other),
                        format!("may not be specified when `type` is '{t}'"),
                    ));
                }
            }
            None => errs.push(FieldError::not_supported(
                &path.child("type"),
                t.as_str(),
                InfoItemSourceType::KNOWN,
            )),
        },
        None => match set.len() {
            0 => errs.push(FieldError::invalid(
                path,
                "",
                "must specify one of: `configMapKeyRef`, `secretKeyRef`, `serviceRef` or \
                 `ingressRef`",
            )),
            1 => {}
            _ => errs.push(FieldError::invalid(
                path,
                "",
                "may not have more than one field specified at a time",
            )),
        },
    }
    if let Some(port) = src.service_ref.as_ref().and_then(|s| s.port) {
        for msg in names::is_valid_port_num(i64::from(port)) {
            errs.push(FieldError::invalid(
                &path.child("serviceRef").child("port"),
                port,
                msg,
            ));
        }
    }
    errs
}

impl Validate for Application {
    // seed 000:1042, seed 000:1053
    // seed 000:993-998
    /// The rules, each with its source:
    ///
    /// * `metadata`: name (or generateName) required, a DNS-1123 subdomain; namespace a DNS-1123
    ///   label — what the apiserver checks for every custom resource (see
    ///   `validate_object_meta` in the source).
    /// * `spec.assemblyPhase`: one of `Pending`, `Succeeded`, `Failed`
    ///   (upstream `docs/api.md`).
    /// * `spec.componentKinds[i].group` and `.kind`: required (upstream CRD
    ///   `config/crd/bases/app.k8s.io_applications.yaml`, `required: [group, kind]`; the group
    ///   may be empty, the core group).
    /// * `spec.info[i].name`: required and unique — it is the strategic-merge key
    ///   (upstream `+patchMergeKey=name` on `ApplicationSpec.Info`).
    /// * `spec.info[i]`: `value` and `valueFrom` not both (mirrors core `EnvVar`, whose shape
    ///   `InfoItem` copies: k8s `pkg/apis/core/validation` `validateEnvVars`); `type: Reference`
    ///   needs `valueFrom`, `type: Value` forbids it (upstream `InfoItemType` constants).
    ///   An item with neither is allowed: Go's `omitempty` writes an empty value as absent.
    /// * `spec.info[i].valueFrom`: `type`, when set, is one of the four upstream
    ///   `InfoItemSourceType`s and the reference it names must be the one given; without `type`
    ///   exactly one reference (core `validateEnvVarValueFrom` messages).
    ///   `serviceRef.port` within 1–65535 (a Service port; apimachinery `IsValidPortNum`).
    /// * `spec.selector`: matchExpressions operator/values (apimachinery `ValidateLabelSelector`).
    ///
    /// Not checked, because no source states a rule: URL and email shapes (the ACP documentation gives
    /// neither `format` nor pattern), `descriptor.icons[].src` contents,
    /// unknown `info[].type` values (upstream's set is not closed in any schema).
    fn validate(&self) -> ErrorList {
        let mut errs = names::validate_object_meta(&self.metadata, NameRule::Dns1123Subdomain);
        let spec = &self.spec;
        let sp = FieldPath::new("spec");
        if let Some(phase) = &spec.assembly_phase
            && !phase.is_known()
        {
            errs.push(FieldError::not_supported(
                &sp.child("assemblyPhase"),
                phase.as_str(),
                AssemblyPhase::KNOWN,
            ));
        }
        for (i, gk) in spec.component_kinds.iter().flatten().enumerate() {
            let p = sp.child("componentKinds").index(i);
            if gk.group.is_none() {
                errs.push(FieldError::required(&p.child("group"), ""));
            }
            if gk.kind.as_deref().is_none_or(str::is_empty) {
                errs.push(FieldError::required(&p.child("kind"), ""));
            }
        }
        let mut names = BTreeSet::new();
        for (i, item) in spec.info.iter().flatten().enumerate() {
            let p = sp.child("info").index(i);
            match item.name.as_deref() {
                None | Some("") => errs.push(FieldError::required(&p.child("name"), "")),
                Some(n) => {
                    if !names.insert(n) {
                        errs.push(FieldError::duplicate(&p.child("name"), n));
                    }
                }
            }
            let has_value = item.value.as_deref().is_some_and(|v| !v.is_empty());
            if has_value && item.value_from.is_some() {
                errs.push(FieldError::invalid(
                    &p.child("valueFrom"),
                    "",
                    "may not be specified when `value` is not empty",
                ));
            }
            match (&item.r#type, &item.value_from) {
                (Some(InfoItemType::Reference), None) => errs.push(FieldError::required(
                    &p.child("valueFrom"),
                    "must be specified when `type` is 'Reference'",
                )),
                (Some(InfoItemType::Value), Some(_)) => errs.push(FieldError::forbidden(
                    &p.child("valueFrom"),
                    "may not be specified when `type` is 'Value'",
                )),
                _ => {}
            }
            if let Some(src) = &item.value_from {
                errs.extend(validate_info_source(src, &p.child("valueFrom")));
            }
        }
        if let Some(sel) = &spec.selector {
            errs.extend(names::validate_label_selector(sel, &sp.child("selector")));
        }
        errs
    }
}

impl Validate for ApplicationHistory {
    /// `metadata` as for every custom resource (name or generateName required, DNS-1123
    /// subdomain; namespace a DNS-1123 label). The CRD states no rule for the spec
    /// (it has neither `required` nor ranges), so none is checked.
    // seed 000:1202-1261
    fn validate(&self) -> ErrorList {
        names::validate_object_meta(&self.metadata, NameRule::Dns1123Subdomain)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelectorRequirement;

    fn app(name: &str) -> Application {
        Application::new(name, ApplicationSpec::default())
    }

    #[test]
    fn missing_or_null_spec_reads_as_default() {
        let a: Application = serde_json::from_value(serde_json::json!({
            "apiVersion": "app.k8s.io/v1beta1", "kind": "Application",
            "metadata": {"name": "x"}
        }))
        .unwrap();
        assert_eq!(a.spec, ApplicationSpec::default());
        let a: Application = serde_json::from_value(serde_json::json!({
            "apiVersion": "app.k8s.io/v1beta1", "kind": "Application",
            "metadata": {"name": "x"}, "spec": null
        }))
        .unwrap();
        assert_eq!(a.spec, ApplicationSpec::default());
        // A wrongly typed spec is still an error.
        assert!(
            serde_json::from_value::<Application>(serde_json::json!({
                "metadata": {"name": "x"}, "spec": 3
            }))
            .is_err()
        );
    }

    #[test]
    fn open_enums_keep_unknown_values() {
        let p: AssemblyPhase = serde_json::from_str("\"Weird\"").unwrap();
        assert_eq!(p, AssemblyPhase::Other("Weird".into()));
        assert_eq!(serde_json::to_string(&p).unwrap(), "\"Weird\"");
        let p: AssemblyPhase = serde_json::from_str("\"Failed\"").unwrap();
        assert_eq!(p, AssemblyPhase::Failed);
        assert!(p.is_known());
        assert_eq!(
            InfoItemSourceType::from("ServiceRef").field_name(),
            Some("serviceRef")
        );
    }

    #[test]
    fn name_rules() {
        assert!(app("web-app.v2").validate().is_empty());
        let errs = app("Web").validate();
        assert_eq!(errs.len(), 1);
        assert!(
            errs.to_string().starts_with(
                r#"metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain"#
            )
        );
        let errs = app("").validate();
        assert_eq!(
            errs.to_string(),
            "metadata.name: Required value: name or generateName is required"
        );
        let mut a = app("");
        a.metadata.generate_name = Some("web-".into());
        assert!(a.validate().is_empty());
        let long = "a".repeat(254);
        assert!(
            app(&long)
                .validate()
                .to_string()
                .contains("must be no more than 253 characters")
        );
        assert!(app(&"a".repeat(253)).validate().is_empty());
        let mut a = app("x");
        a.metadata.namespace = Some("Bad_NS".into());
        assert!(
            a.validate()
                .to_string()
                .starts_with(r#"metadata.namespace: Invalid value: "Bad_NS""#)
        );
        for bad in ["-a", "a-", "a..b", ".a", "a_b"] {
            assert!(!app(bad).validate().is_empty(), "{bad}");
        }
    }

    #[test]
    fn component_kinds_need_group_and_kind() {
        let mut a = app("x");
        a.spec.component_kinds = Some(vec![
            GroupKind::new("", "Service"),
            GroupKind {
                group: None,
                kind: Some("Deployment".into()),
            },
            GroupKind {
                group: Some("apps".into()),
                kind: None,
            },
        ]);
        assert_eq!(
            a.validate().to_string(),
            "[spec.componentKinds[1].group: Required value, \
             spec.componentKinds[2].kind: Required value]"
        );
    }

    fn item(name: &str) -> InfoItem {
        InfoItem {
            name: Some(name.into()),
            ..Default::default()
        }
    }

    #[test]
    fn info_items() {
        let mut a = app("x");
        let mut by_ref = item("url");
        by_ref.r#type = Some(InfoItemType::Reference);
        by_ref.value_from = Some(InfoItemSource {
            r#type: Some(InfoItemSourceType::ServiceRef),
            service_ref: Some(ServiceSelector {
                port: Some(80),
                ..Default::default()
            }),
            ..Default::default()
        });
        let mut plain = item("user");
        plain.value = Some("admin".into());
        a.spec.info = Some(vec![by_ref.clone(), plain.clone(), item("empty")]);
        assert!(a.validate().is_empty(), "{}", a.validate());

        // Duplicate and missing names.
        a.spec.info = Some(vec![plain.clone(), plain.clone(), InfoItem::default()]);
        assert_eq!(
            a.validate().to_string(),
            r#"[spec.info[1].name: Duplicate value: "user", spec.info[2].name: Required value]"#
        );

        // value and valueFrom together; type Value with valueFrom.
        let mut both = by_ref.clone();
        both.value = Some("v".into());
        both.r#type = Some(InfoItemType::Value);
        a.spec.info = Some(vec![both]);
        assert_eq!(
            a.validate().to_string(),
            "[spec.info[0].valueFrom: Invalid value: \"\": may not be specified when `value` is \
             not empty, spec.info[0].valueFrom: Forbidden: may not be specified when `type` is \
             'Value']"
        );

        // type Reference without valueFrom.
        let mut r = item("r");
        r.r#type = Some(InfoItemType::Reference);
        a.spec.info = Some(vec![r]);
        assert_eq!(
            a.validate().to_string(),
            "spec.info[0].valueFrom: Required value: must be specified when `type` is 'Reference'"
        );
    }

    #[test]
    fn value_from_type_must_match_the_reference() {
        let mut a = app("x");
        let mut it = item("i");
        it.value_from = Some(InfoItemSource {
            r#type: Some(InfoItemSourceType::SecretKeyRef),
            config_map_key_ref: Some(ConfigMapKeySelector::default()),
            service_ref: Some(ServiceSelector {
                port: Some(0),
                ..Default::default()
            }),
            ..Default::default()
        });
        a.spec.info = Some(vec![it.clone()]);
        assert_eq!(
            a.validate().to_string(),
            "[spec.info[0].valueFrom.secretKeyRef: Required value: must be specified when `type` \
             is 'SecretKeyRef', spec.info[0].valueFrom.configMapKeyRef: Forbidden: may not be \
             specified when `type` is 'SecretKeyRef', spec.info[0].valueFrom.serviceRef: \
             Forbidden: may not be specified when `type` is 'SecretKeyRef', \
             spec.info[0].valueFrom.serviceRef.port: Invalid value: 0: must be between 1 and \
             65535, inclusive]"
        );
        // Unknown type.
        it.value_from = Some(InfoItemSource {
            r#type: Some(InfoItemSourceType::Other("FieldRef".into())),
            ..Default::default()
        });
        a.spec.info = Some(vec![it.clone()]);
        assert_eq!(
            a.validate().to_string(),
            r#"spec.info[0].valueFrom.type: Unsupported value: "FieldRef": supported values: "SecretKeyRef", "ConfigMapKeyRef", "ServiceRef", "IngressRef""#
        );
        // No type: exactly one reference.
        it.value_from = Some(InfoItemSource::default());
        a.spec.info = Some(vec![it.clone()]);
        assert!(a.validate().to_string().contains("must specify one of"));
        it.value_from = Some(InfoItemSource {
            ingress_ref: Some(IngressSelector::default()),
            secret_key_ref: Some(SecretKeySelector::default()),
            ..Default::default()
        });
        a.spec.info = Some(vec![it.clone()]);
        assert!(
            a.validate()
                .to_string()
                .contains("may not have more than one field specified at a time")
        );
        it.value_from = Some(InfoItemSource {
            ingress_ref: Some(IngressSelector::default()),
            ..Default::default()
        });
        a.spec.info = Some(vec![it]);
        assert!(a.validate().is_empty());
    }

    #[test]
    fn selector_and_phase() {
        let mut a = app("x");
        a.spec.assembly_phase = Some(AssemblyPhase::Pending);
        a.spec.selector = Some(LabelSelector {
            match_expressions: Some(vec![
                LabelSelectorRequirement {
                    key: "a".into(),
                    operator: "In".into(),
                    values: None,
                },
                LabelSelectorRequirement {
                    key: "b".into(),
                    operator: "Exists".into(),
                    values: Some(vec!["x".into()]),
                },
                LabelSelectorRequirement {
                    key: "c".into(),
                    operator: "Gt".into(),
                    values: None,
                },
            ]),
            ..Default::default()
        });
        let s = a.validate().to_string();
        assert!(s.contains("spec.selector.matchExpressions[0].values: Required value"));
        assert!(s.contains("spec.selector.matchExpressions[1].values: Forbidden"));
        assert!(s.contains(
            r#"spec.selector.matchExpressions[2].operator: Invalid value: "Gt": not a valid selector operator"#
        ));
        assert_eq!(a.validate().len(), 3);

        // Keys and values of selectors and metadata labels follow the label rules.
        let mut a = app("x");
        a.spec.selector = Some(LabelSelector {
            match_labels: Some([("app".to_owned(), "bad value".to_owned())].into()),
            match_expressions: Some(vec![LabelSelectorRequirement {
                key: "bad key".into(),
                operator: "In".into(),
                values: Some(vec!["ok".into(), "-bad".into()]),
            }]),
        });
        a.metadata.labels = Some([("a/b/c".to_owned(), "v".to_owned())].into());
        let s = a.validate().to_string();
        assert!(
            s.contains(r#"spec.selector.matchLabels[app]: Invalid value: "bad value""#),
            "{s}"
        );
        assert!(s.contains(r#"spec.selector.matchExpressions[0].key: Invalid value: "bad key""#));
        assert!(
            s.contains(r#"spec.selector.matchExpressions[0].values[1]: Invalid value: "-bad""#)
        );
        assert!(s.contains(r#"metadata.labels: Invalid value: "a/b/c""#));
        assert_eq!(a.validate().len(), 4, "{s}");
    }

    #[test]
    fn history_validates_metadata_only() {
        let h = ApplicationHistory::new("webapp-1", ApplicationHistorySpec::default());
        assert!(h.validate().is_empty());
        let h = ApplicationHistory::new("Webapp", ApplicationHistorySpec::default());
        assert_eq!(h.validate().len(), 1);
        let crd = application_history_crd();
        assert!(crd.spec.versions[0].subresources.is_none());
        assert_eq!(
            crd.metadata.name.as_deref(),
            Some("applicationhistories.app.k8s.io")
        );
    }
}
