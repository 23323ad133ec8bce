//! The metrics APIs as the API server sends them, and what the HPA controller's metrics client
//! makes of them (`pkg/controller/podautoscaler/metrics/client.go`).
//!
//! * `metrics.k8s.io/v1beta1` [`PodMetricsList`] (metrics-server): one [`PodMetrics`] per pod
//!   with a `timestamp`, a `window` written as a Go duration (`"30s"`, `"1m0.5s"`) and the
//!   usage of each container. [`PodMetricsList::to_sample`] gives the
//!   [`MetricSample::PodResources`] of a `Resource` / `ContainerResource` metric; the controller's
//!   per-pod sum over containers, its dropping of pods with a container lacking the resource,
//!   and its `container … not present in metrics for pod …` error happen in [`super::compute`],
//!   as upstream's `getPodMetrics` / `getContainerMetrics`.
//! * `custom.metrics.k8s.io/v1beta2` [`MetricValueList`]: [`MetricValueList::to_pods_sample`]
//!   for a `Pods` metric (`GetRawMetric`: value per described object, later items replace
//!   earlier ones of the same name), [`MetricValueList::to_object_sample`] for an `Object`
//!   metric (`GetObjectMetric`: exactly one item).
//! * `external.metrics.k8s.io/v1beta1` [`ExternalMetricValueList`]:
//!   [`ExternalMetricValueList::to_sample`] (`GetExternalMetric`).
//!
//! An empty list becomes [`MetricSample::Unavailable`] with upstream's message (`no metrics
//! returned from … API`), as the client returns that error before the replica calculation.
//!
//! ```
//! use acp_workload::hpa::{metrics_api::PodMetricsList, MetricSample};
//!
//! let list: PodMetricsList = serde_json::from_str(r#"{
//!   "kind": "PodMetricsList", "apiVersion": "metrics.k8s.io/v1beta1", "metadata": {},
//!   "items": [{
//!     "metadata": {"name": "web-0", "namespace": "demo"},
//!     "timestamp": "2025-03-01T10:00:00Z", "window": "15.011s",
//!     "containers": [{"name": "app", "usage": {"cpu": "250m", "memory": "100Mi"}}]
//!   }]
//! }"#)?;
//! assert_eq!(list.items[0].window.as_duration(), jiff::SignedDuration::from_millis(15_011));
//! let MetricSample::PodResources(pods) = list.to_sample() else { unreachable!() };
//! assert_eq!(pods[0].pod, "web-0");
//! assert_eq!(pods[0].namespace, "demo");
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;

use acp_model::quantity::Quantity;
use jiff::{SignedDuration, Timestamp};
use k8s_openapi::api::core::v1::ObjectReference;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ListMeta, ObjectMeta, Time};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{ContainerUsage, MetricSample};

/// A `metav1.Duration`: a Go duration string on the wire (`"30s"`, `"1m0.5s"`, `"0s"`), read
/// with Go's `time.ParseDuration` grammar and written as Go's `Duration.String`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GoDuration(pub SignedDuration);

impl GoDuration {
    /// The duration.
    pub fn as_duration(self) -> SignedDuration {
        self.0
    }
}

impl fmt::Display for GoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A Go duration is int64 nanoseconds; anything wider saturates.
        let nanos = i64::try_from(self.0.as_nanos()).unwrap_or(if self.0.is_negative() {
            i64::MIN
        } else {
            i64::MAX
        });
        f.write_str(&acp_model::go::format_duration(nanos))
    }
}

impl std::str::FromStr for GoDuration {
    type Err = acp_model::go::DurationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        acp_model::go::parse_duration(s).map(|n| GoDuration(SignedDuration::from_nanos(n)))
    }
}

impl Serialize for GoDuration {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for GoDuration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Go's zero `time.Time` (`0001-01-01T00:00:00Z`): what a missing or `null` `metav1.Time` reads as.
fn go_zero_time() -> Timestamp {
    // The literal is in jiff's range.
    Timestamp::from_second(-62_135_596_800).unwrap_or(Timestamp::MIN)
}

fn time_or_zero(t: Option<&Time>) -> Timestamp {
    t.map_or_else(go_zero_time, |t| t.0)
}

/// `metrics.k8s.io/v1beta1` `PodMetricsList`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PodMetricsList {
    /// `metrics.k8s.io/v1beta1`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// `PodMetricsList`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// List metadata.
    pub metadata: ListMeta,
    /// One sample per pod.
    pub items: Vec<PodMetrics>,
}

/// `metrics.k8s.io/v1beta1` `PodMetrics`: one pod's usage over `window`, ending at `timestamp`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PodMetrics {
    /// `metrics.k8s.io/v1beta1`, when sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// `PodMetrics`, when sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The pod's name and namespace (and the labels metrics-server copies).
    pub metadata: ObjectMeta,
    /// When the sample window ends; Go's zero time when missing.
    pub timestamp: Option<Time>,
    /// The sample window (`"30s"`).
    pub window: GoDuration,
    /// Usage per container.
    pub containers: Vec<ContainerMetrics>,
}

/// `metrics.k8s.io/v1beta1` `ContainerMetrics`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContainerMetrics {
    /// Container name.
    pub name: String,
    /// Usage per resource (`cpu`, `memory`).
    pub usage: BTreeMap<String, Quantity>,
}

impl PodMetrics {
    /// This pod's sample as the HPA reads it.
    pub fn to_hpa(&self) -> super::PodMetrics {
        super::PodMetrics {
            pod: self.metadata.name.clone().unwrap_or_default(),
            namespace: self.metadata.namespace.clone().unwrap_or_default(),
            timestamp: time_or_zero(self.timestamp.as_ref()),
            window: self.window.0,
            containers: self
                .containers
                .iter()
                .map(|c| ContainerUsage {
                    name: c.name.clone(),
                    usage: c.usage.clone(),
                })
                .collect(),
        }
    }
}

impl PodMetricsList {
    /// The sample of a `Resource` or `ContainerResource` metric: every pod, in list order. (An
    /// empty list gives the controller's `no metrics returned from resource metrics API` when
    /// the HPA is computed.)
    pub fn to_sample(&self) -> MetricSample {
        MetricSample::PodResources(self.items.iter().map(PodMetrics::to_hpa).collect())
    }

    /// The timestamp `GetResourceMetric` returns beside the values: the first item's.
    pub fn timestamp(&self) -> Option<Timestamp> {
        self.items
            .first()
            .map(|m| time_or_zero(m.timestamp.as_ref()))
    }
}

/// `custom.metrics.k8s.io/v1beta2` `MetricValueList`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MetricValueList {
    /// `custom.metrics.k8s.io/v1beta2`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// `MetricValueList`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// List metadata.
    pub metadata: ListMeta,
    /// One value per described object.
    pub items: Vec<MetricValue>,
}

/// `custom.metrics.k8s.io/v1beta2` `MetricValue`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MetricValue {
    /// The object the value describes (a pod, an Ingress, a namespace …).
    pub described_object: ObjectReference,
    /// The metric's name and selector.
    pub metric: MetricIdentifier,
    /// When the value was produced; Go's zero time when missing.
    pub timestamp: Option<Time>,
    /// The window of a rate, in seconds; the controller assumes one minute when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window_seconds: Option<i64>,
    /// The value.
    pub value: Quantity,
}

/// `custom.metrics.k8s.io/v1beta2` `MetricIdentifier`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MetricIdentifier {
    /// Metric name.
    pub name: String,
    /// The metric selector, when the query had one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
}

/// The window `GetRawMetric` assumes for a value without `windowSeconds`
/// (`metricServerDefaultMetricWindow`).
pub const DEFAULT_METRIC_WINDOW: SignedDuration = SignedDuration::from_mins(1);

impl MetricValue {
    /// The window `GetRawMetric` records: `windowSeconds`, else one minute.
    pub fn window(&self) -> SignedDuration {
        self.window_seconds
            .map_or(DEFAULT_METRIC_WINDOW, SignedDuration::from_secs)
    }

    /// When the value was produced (Go's zero time when missing).
    pub fn timestamp(&self) -> Timestamp {
        time_or_zero(self.timestamp.as_ref())
    }
}

impl MetricValueList {
    /// The sample of a `Pods` metric (`GetRawMetric` over the pods of the selector): the value of
    /// each described object by name; an empty list is `no metrics returned from custom metrics
    /// API`.
    pub fn to_pods_sample(&self) -> MetricSample {
        if self.items.is_empty() {
            return MetricSample::Unavailable("no metrics returned from custom metrics API".into());
        }
        MetricSample::PerPod(
            self.items
                .iter()
                .map(|m| {
                    (
                        m.described_object.name.clone().unwrap_or_default(),
                        m.value.clone(),
                    )
                })
                .collect(),
        )
    }

    /// The sample of an `Object` metric (`GetObjectMetric`): the API answers a single-object
    /// query with a one-item list; any other count is the client's error.
    pub fn to_object_sample(&self) -> MetricSample {
        match self.items.as_slice() {
            [one] => MetricSample::Object(one.value.clone()),
            items => MetricSample::Unavailable(format!(
                "unable to fetch metrics from custom metrics API: the custom metrics API server \
                 returned {} results when we asked for exactly one",
                items.len()
            )),
        }
    }

    /// The timestamp `GetRawMetric` returns beside the values: the first item's.
    pub fn timestamp(&self) -> Option<Timestamp> {
        self.items.first().map(MetricValue::timestamp)
    }
}

/// `external.metrics.k8s.io/v1beta1` `ExternalMetricValueList`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExternalMetricValueList {
    /// `external.metrics.k8s.io/v1beta1`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// `ExternalMetricValueList`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// List metadata.
    pub metadata: ListMeta,
    /// One value per matching series.
    pub items: Vec<ExternalMetricValue>,
}

/// `external.metrics.k8s.io/v1beta1` `ExternalMetricValue`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExternalMetricValue {
    /// Metric name.
    pub metric_name: String,
    /// The labels of this series.
    pub metric_labels: BTreeMap<String, String>,
    /// When the value was produced; Go's zero time when missing.
    pub timestamp: Option<Time>,
    /// The window of a rate, in seconds (JSON `window`).
    #[serde(rename = "window", skip_serializing_if = "Option::is_none")]
    pub window_seconds: Option<i64>,
    /// The value.
    pub value: Quantity,
}

impl ExternalMetricValueList {
    /// The sample of an `External` metric (`GetExternalMetric`): every value, in list order; an
    /// empty list is `no metrics returned from external metrics API`.
    pub fn to_sample(&self) -> MetricSample {
        if self.items.is_empty() {
            return MetricSample::Unavailable(
                "no metrics returned from external metrics API".into(),
            );
        }
        MetricSample::External(self.items.iter().map(|m| m.value.clone()).collect())
    }

    /// The timestamp `GetExternalMetric` returns beside the values: the first item's.
    pub fn timestamp(&self) -> Option<Timestamp> {
        self.items
            .first()
            .map(|m| time_or_zero(m.timestamp.as_ref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_zero_time_is_year_one() {
        assert_eq!(go_zero_time().to_string(), "0001-01-01T00:00:00Z");
    }

    #[test]
    fn go_duration_serde() {
        let d: GoDuration = serde_json::from_str("\"1m30s\"").unwrap();
        assert_eq!(d.0, SignedDuration::from_secs(90));
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"1m30s\"");
        let e = serde_json::from_str::<GoDuration>("\"30\"").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("time: missing unit in duration \"30\""),
            "{e}"
        );
        assert!(serde_json::from_str::<GoDuration>("30").is_err());
    }
}
