//! `ResourceList` arithmetic over exact quantities.
//!
//! [`ResourceList`] is a map from resource name (`cpu`, `requests.memory`, `count/pods`, …) to
//! an exact [`Quantity`], with the operations of apiserver `pkg/quota/v1/resources.go`: add,
//! subtract, non-negative subtract, mask, max, the per-key minimum used by the namespace-import
//! merge, and `less_than_or_equal` returning the exceeded keys.
//!
//! ```
//! use acp_quota::resources::ResourceList;
//!
//! let hard = ResourceList::parse_pairs([("requests.cpu", "2"), ("pods", "10")])?;
//! let used = ResourceList::parse_pairs([("requests.cpu", "1500m"), ("pods", "3")])?;
//! let pod = ResourceList::parse_pairs([("requests.cpu", "1"), ("pods", "1")])?;
//!
//! let would_use = used.add(&pod);
//! assert_eq!(would_use.get("requests.cpu").unwrap().to_string(), "2500m");
//! let (fits, exceeded) = would_use.less_than_or_equal(&hard);
//! assert!(!fits);
//! assert_eq!(exceeded, ["requests.cpu"]);
//!
//! // the per-key minimum (the import merge), converted back to k8s-openapi's map
//! let a = ResourceList::parse_pairs([("limits.cpu", "4"), ("pods", "10")])?;
//! let b = ResourceList::parse_pairs([("limits.cpu", "2"), ("limits.memory", "4Gi")])?;
//! let min = a.min_merge(&b);
//! assert_eq!(min.to_string(), "limits.cpu=2,limits.memory=4Gi,pods=10");
//! let wire = min.to_k8s();
//! assert_eq!(wire["limits.memory"].0, "4Gi");
//! # Ok::<(), acp_model::validation::ErrorList>(())
//! ```
//!
//! # Fidelity
//!
//! Every operation follows the function of the same name in `k8s.io/apiserver`
//! `pkg/quota/v1/resources.go` (v0.35). Upstream's `ResourceList` is a Go map, so upstream
//! returns key lists (`LessThanOrEqual`, `IsNegative`, `ResourceNames`) in random order; ours
//! are sorted (the map is a `BTreeMap`). Quantities are compared by value (`Cmp`), so
//! `1000m == 1`; arithmetic keeps the left operand's format as upstream `Add`/`Sub` do.
//! [`ResourceList::min_merge`] has no upstream counterpart: it is the per-resource minimum
//! the namespace import uses.
// seed 003:17750 onwards

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use acp_model::quantity::Quantity;
use acp_model::validation::{ErrorList, FieldError, FieldPath};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as K8sQuantity;
use serde::{Deserialize, Serialize};

/// k8s-openapi's wire form of a resource list (`requests`, `limits`, `hard`, `used`, …).
pub type K8sResourceList = BTreeMap<String, K8sQuantity>;

/// A resource list: resource name → exact quantity (upstream `corev1.ResourceList`).
///
/// Equality is upstream `Equals`: the same keys, each with an equal value (`1000m == 1`).
/// Serialises as a plain map of quantity strings, like the wire form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ResourceList(BTreeMap<String, Quantity>);

impl ResourceList {
    /// An empty list.
    pub fn new() -> Self {
        ResourceList(BTreeMap::new())
    }

    /// Parses `(name, quantity)` pairs; every unparsable quantity is reported (path `[name]`).
    pub fn parse_pairs<K, V, I>(pairs: I) -> Result<Self, ErrorList>
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: AsRef<str>,
    {
        let mut out = BTreeMap::new();
        let mut errs = ErrorList::new();
        for (k, v) in pairs {
            let k = k.into();
            match Quantity::parse(v.as_ref().trim()) {
                Ok(q) => {
                    out.insert(k, q);
                }
                Err(e) => errs.push(FieldError::invalid(
                    &FieldPath::root().key(&k),
                    v.as_ref(),
                    e.to_string(),
                )),
            }
        }
        errs.into_result().map(|()| ResourceList(out))
    }

    /// Converts k8s-openapi's map, reporting every unparsable quantity under `path[name]`
    /// (`Invalid value: "x": quantities must match the regular expression …`).
    pub fn from_k8s(map: &K8sResourceList, path: &FieldPath) -> Result<Self, ErrorList> {
        ResourceList::from_k8s_at(map, || path.clone())
    }

    /// [`ResourceList::from_k8s`] building the field path only when an error is reported.
    pub(crate) fn from_k8s_at(
        map: &K8sResourceList,
        path: impl Fn() -> FieldPath,
    ) -> Result<Self, ErrorList> {
        // the source is sorted: collecting builds the tree in bulk
        let mut errs = ErrorList::new();
        let out: BTreeMap<String, Quantity> = map
            .iter()
            .filter_map(|(k, v)| match Quantity::try_from(v) {
                Ok(q) => Some((k.clone(), q)),
                Err(e) => {
                    errs.push(FieldError::invalid(&path().key(k), &v.0, e.to_string()));
                    None
                }
            })
            .collect();
        errs.into_result().map(|()| ResourceList(out))
    }

    /// [`ResourceList::from_k8s`] of an optional map (absent = empty).
    pub fn from_k8s_opt(
        map: Option<&K8sResourceList>,
        path: &FieldPath,
    ) -> Result<Self, ErrorList> {
        match map {
            Some(m) => ResourceList::from_k8s(m, path),
            None => Ok(ResourceList::new()),
        }
    }

    /// k8s-openapi's map with only the quantities that parse (absent = empty). For readers of
    /// objects the apiserver has already decoded, where an unparsable quantity cannot occur.
    pub fn from_k8s_lossy(map: Option<&K8sResourceList>) -> Self {
        map.into_iter()
            .flatten()
            .filter_map(|(k, v)| Quantity::try_from(v).ok().map(|q| (k.clone(), q)))
            .collect()
    }

    /// k8s-openapi's map, each quantity printed as upstream prints it.
    pub fn to_k8s(&self) -> K8sResourceList {
        self.0
            .iter()
            .map(|(k, v)| (k.clone(), K8sQuantity::from(v)))
            .collect()
    }

    /// The quantity of `name`.
    pub fn get(&self, name: &str) -> Option<&Quantity> {
        self.0.get(name)
    }

    /// `true` when `name` is present.
    pub fn contains_key(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    /// Sets `name`, returning the previous quantity.
    pub fn insert(&mut self, name: impl Into<String>, quantity: Quantity) -> Option<Quantity> {
        self.0.insert(name.into(), quantity)
    }

    /// Removes `name`, returning its quantity.
    pub fn remove(&mut self, name: &str) -> Option<Quantity> {
        self.0.remove(name)
    }

    /// Number of resources.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// `true` when no resource is present (not the same as [`ResourceList::is_zero`]).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The entries in name order.
    pub fn iter(&self) -> std::collections::btree_map::Iter<'_, String, Quantity> {
        self.0.iter()
    }

    /// The quantity of `name`, mutable, if present.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut Quantity> {
        self.0.get_mut(name)
    }

    /// The resource names, in order.
    pub fn keys(&self) -> std::collections::btree_map::Keys<'_, String, Quantity> {
        self.0.keys()
    }

    /// `(name, quantity)` pairs in name order, the quantities mutable.
    pub fn iter_mut(&mut self) -> std::collections::btree_map::IterMut<'_, String, Quantity> {
        self.0.iter_mut()
    }

    /// Keeps only the entries for which `keep` returns `true`.
    pub fn retain(&mut self, keep: impl FnMut(&String, &mut Quantity) -> bool) {
        self.0.retain(keep);
    }

    /// The names in order (upstream `ResourceNames`, sorted).
    pub fn resource_names(&self) -> Vec<String> {
        self.0.keys().cloned().collect()
    }

    /// The names as a set (upstream `ToSet(ResourceNames(..))`).
    pub fn to_set(&self) -> BTreeSet<String> {
        self.0.keys().cloned().collect()
    }

    /// The underlying map.
    pub fn as_map(&self) -> &BTreeMap<String, Quantity> {
        &self.0
    }

    /// The underlying map, by value.
    pub fn into_map(self) -> BTreeMap<String, Quantity> {
        self.0
    }

    /// `self + other` per key; a key in only one list keeps its value (upstream `Add`).
    #[must_use]
    pub fn add(&self, other: &ResourceList) -> ResourceList {
        let mut out = self.clone();
        out.add_assign(other);
        out
    }

    /// Adds `other` into `self` in place (component-helpers `addResourceList`).
    pub fn add_assign(&mut self, other: &ResourceList) {
        for (k, v) in &other.0 {
            match self.0.get_mut(k) {
                Some(cur) => *cur += v,
                None => {
                    self.0.insert(k.clone(), v.clone());
                }
            }
        }
    }

    /// `self - other` per key; a key only in `other` becomes its negation (upstream
    /// `Subtract`).
    #[must_use]
    pub fn subtract(&self, other: &ResourceList) -> ResourceList {
        let mut out = self.clone();
        for (k, v) in &other.0 {
            match out.0.get_mut(k) {
                Some(cur) => *cur -= v,
                None => {
                    out.0.insert(k.clone(), -v);
                }
            }
        }
        out
    }

    /// `max(self - other, 0)` per key; a key only in `other` becomes `0` (upstream
    /// `SubtractWithNonNegativeResult`).
    #[must_use]
    pub fn subtract_non_negative(&self, other: &ResourceList) -> ResourceList {
        let mut out = BTreeMap::new();
        for (k, v) in &self.0 {
            let q = match other.0.get(k) {
                Some(o) => v - o,
                None => v.clone(),
            };
            out.insert(k.clone(), if q.sign() > 0 { q } else { Quantity::ZERO });
        }
        for k in other.0.keys() {
            out.entry(k.clone()).or_insert(Quantity::ZERO);
        }
        ResourceList(out)
    }

    /// Only the keys in `names` (upstream `Mask`).
    #[must_use]
    pub fn mask<S: AsRef<str>>(&self, names: &[S]) -> ResourceList {
        ResourceList(
            self.0
                .iter()
                .filter(|(k, _)| names.iter().any(|n| n.as_ref() == k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        )
    }

    /// Only the keys in `names` (a set; same as [`ResourceList::mask`]).
    #[must_use]
    pub fn mask_set(&self, names: &BTreeSet<String>) -> ResourceList {
        ResourceList(
            self.0
                .iter()
                .filter(|(k, _)| names.contains(k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        )
    }

    /// The larger value per key over the union of keys (upstream `Max`; on a tie `other`'s
    /// value is kept, as upstream does).
    #[must_use]
    pub fn max(&self, other: &ResourceList) -> ResourceList {
        let mut out = self.clone();
        for (k, v) in &other.0 {
            match out.0.get_mut(k) {
                Some(cur) => {
                    if *cur <= *v {
                        *cur = v.clone();
                    }
                }
                None => {
                    out.0.insert(k.clone(), v.clone());
                }
            }
        }
        out
    }

    /// Raises each key of `self` to `other`'s value where that is larger, adding keys only in
    /// `other` (component-helpers `maxResourceList`; on a tie `self`'s value is kept).
    pub fn max_assign(&mut self, other: &ResourceList) {
        for (k, v) in &other.0 {
            match self.0.get_mut(k) {
                Some(cur) => {
                    if *v > *cur {
                        *cur = v.clone();
                    }
                }
                None => {
                    self.0.insert(k.clone(), v.clone());
                }
            }
        }
    }

    /// The per-key minimum over the union of keys: a key set in only one list keeps its
    /// value, a key set in both gets the smaller (on a tie, `self`'s value and format).
    ///
    // seed 003:17750 onwards
    /// This is the merge of the namespace import ("for each resource, the minimum of the
    /// quotas that set it"). It is
    /// commutative, associative and idempotent (by value).
    #[must_use]
    pub fn min_merge(&self, other: &ResourceList) -> ResourceList {
        let mut out = self.clone();
        out.min_merge_assign(other);
        out
    }

    /// Sets `name` to `quantity` unless it already holds a value no larger (one step of
    /// [`ResourceList::min_merge`]).
    pub fn insert_min(&mut self, name: &str, quantity: Quantity) {
        match self.0.get_mut(name) {
            Some(cur) => {
                if quantity < *cur {
                    *cur = quantity;
                }
            }
            None => {
                self.0.insert(name.to_owned(), quantity);
            }
        }
    }

    /// [`ResourceList::min_merge`] in place.
    pub fn min_merge_assign(&mut self, other: &ResourceList) {
        for (k, v) in &other.0 {
            match self.0.get_mut(k) {
                Some(cur) => {
                    if *v < *cur {
                        *cur = v.clone();
                    }
                }
                None => {
                    self.0.insert(k.clone(), v.clone());
                }
            }
        }
    }

    /// Whether `self[k] <= other[k]` for every key `k` present in both lists, and the keys
    /// (sorted) where `self` is larger (upstream `LessThanOrEqual`). Keys in only one list
    /// never fail.
    pub fn less_than_or_equal(&self, other: &ResourceList) -> (bool, Vec<String>) {
        let exceeded = self.exceeded_keys(other);
        (exceeded.is_empty(), exceeded)
    }

    /// The keys (sorted) present in both lists where `self` is larger than `limit`.
    pub fn exceeded_keys(&self, limit: &ResourceList) -> Vec<String> {
        limit
            .0
            .iter()
            .filter(|(k, lim)| self.0.get(k.as_str()).is_some_and(|v| v > *lim))
            .map(|(k, _)| k.clone())
            .collect()
    }

    /// `true` when every value is zero (vacuously for an empty list; upstream `IsZero`).
    pub fn is_zero(&self) -> bool {
        self.0.values().all(Quantity::is_zero)
    }

    /// The keys (sorted) with a negative value (upstream `IsNegative`).
    pub fn is_negative(&self) -> Vec<String> {
        self.0
            .iter()
            .filter(|(_, v)| v.sign() < 0)
            .map(|(k, _)| k.clone())
            .collect()
    }

    /// Without zero values (upstream `RemoveZeros`).
    #[must_use]
    pub fn remove_zeros(&self) -> ResourceList {
        ResourceList(
            self.0
                .iter()
                .filter(|(_, v)| !v.is_zero())
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        )
    }
}

impl fmt::Display for ResourceList {
    /// `name=quantity` pairs joined by `,` in name order (the shape of the apiserver's quota
    /// messages, `prettyPrint`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (k, v) in &self.0 {
            if !first {
                f.write_str(",")?;
            }
            first = false;
            write!(f, "{k}={v}")?;
        }
        Ok(())
    }
}

impl FromIterator<(String, Quantity)> for ResourceList {
    fn from_iter<I: IntoIterator<Item = (String, Quantity)>>(iter: I) -> Self {
        ResourceList(iter.into_iter().collect())
    }
}

impl<'a> FromIterator<(&'a str, Quantity)> for ResourceList {
    fn from_iter<I: IntoIterator<Item = (&'a str, Quantity)>>(iter: I) -> Self {
        ResourceList(iter.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }
}

impl From<BTreeMap<String, Quantity>> for ResourceList {
    fn from(map: BTreeMap<String, Quantity>) -> Self {
        ResourceList(map)
    }
}

impl From<ResourceList> for BTreeMap<String, Quantity> {
    fn from(list: ResourceList) -> Self {
        list.0
    }
}

impl TryFrom<&K8sResourceList> for ResourceList {
    type Error = ErrorList;
    /// [`ResourceList::from_k8s`] with an empty field path (errors print `[name]: …`).
    fn try_from(map: &K8sResourceList) -> Result<Self, ErrorList> {
        ResourceList::from_k8s(map, &FieldPath::root())
    }
}

impl TryFrom<K8sResourceList> for ResourceList {
    type Error = ErrorList;
    fn try_from(map: K8sResourceList) -> Result<Self, ErrorList> {
        ResourceList::from_k8s(&map, &FieldPath::root())
    }
}

impl From<&ResourceList> for K8sResourceList {
    fn from(list: &ResourceList) -> Self {
        list.to_k8s()
    }
}

impl From<ResourceList> for K8sResourceList {
    fn from(list: ResourceList) -> Self {
        list.to_k8s()
    }
}

impl<Q: ?Sized + Ord> std::ops::Index<&Q> for ResourceList
where
    String: std::borrow::Borrow<Q>,
{
    type Output = Quantity;
    /// The quantity of a name that is present; panics when it is absent, as a map's index
    /// does (use [`ResourceList::get`] for names that may be missing).
    fn index(&self, name: &Q) -> &Quantity {
        &self.0[name]
    }
}

impl IntoIterator for ResourceList {
    type Item = (String, Quantity);
    type IntoIter = std::collections::btree_map::IntoIter<String, Quantity>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a ResourceList {
    type Item = (&'a String, &'a Quantity);
    type IntoIter = std::collections::btree_map::Iter<'a, String, Quantity>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// `true` when `item` is in `items` (upstream `Contains`).
pub fn contains<S: AsRef<str>>(items: &[S], item: &str) -> bool {
    items.iter().any(|i| i.as_ref() == item)
}

/// `true` when `item` starts with one of `prefixes` (upstream `ContainsPrefix`).
pub fn contains_prefix<S: AsRef<str>>(prefixes: &[S], item: &str) -> bool {
    prefixes.iter().any(|p| item.starts_with(p.as_ref()))
}

/// The names in both `a` and `b`, deduplicated and sorted (upstream `Intersection`).
pub fn intersection<S: AsRef<str>, T: AsRef<str>>(a: &[S], b: &[T]) -> Vec<String> {
    let set: BTreeSet<String> = a
        .iter()
        .map(AsRef::as_ref)
        .filter(|x| contains(b, x))
        .map(str::to_owned)
        .collect();
    set.into_iter().collect()
}

/// The names in `a` but not in `b`, deduplicated and sorted (upstream `Difference`).
pub fn difference<S: AsRef<str>, T: AsRef<str>>(a: &[S], b: &[T]) -> Vec<String> {
    let set: BTreeSet<String> = a
        .iter()
        .map(AsRef::as_ref)
        .filter(|x| !contains(b, x))
        .map(str::to_owned)
        .collect();
    set.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rl(pairs: &[(&str, &str)]) -> ResourceList {
        ResourceList::parse_pairs(pairs.iter().copied()).unwrap()
    }

    // The upstream cases of apiserver pkg/quota/v1/resources_test.go TestEquals, and more of ours.
    #[test]
    fn equals_by_value() {
        assert_eq!(ResourceList::new(), ResourceList::new());
        assert_eq!(rl(&[("cpu", "100m")]), rl(&[("cpu", "100m")]));
        assert_ne!(rl(&[("cpu", "100m")]), rl(&[("cpu", "101m")]));
        assert_ne!(rl(&[("cpu", "100m")]), ResourceList::new());
        assert_eq!(rl(&[("cpu", "1")]), rl(&[("cpu", "1000m")]));
    }

    // The upstream cases of resources_test.go TestLessThanOrEqual, and more of ours.
    #[test]
    fn less_than_or_equal_cases() {
        assert_eq!(
            ResourceList::new().less_than_or_equal(&ResourceList::new()),
            (true, vec![])
        );
        assert_eq!(
            rl(&[("cpu", "100m")]).less_than_or_equal(&ResourceList::new()),
            (true, vec![])
        );
        assert_eq!(
            ResourceList::new().less_than_or_equal(&rl(&[("cpu", "100m")])),
            (true, vec![])
        );
        assert_eq!(
            rl(&[("cpu", "100m")]).less_than_or_equal(&rl(&[("cpu", "100m")])),
            (true, vec![])
        );
        assert_eq!(
            rl(&[("cpu", "100m")]).less_than_or_equal(&rl(&[("cpu", "500m")])),
            (true, vec![])
        );
        assert_eq!(
            rl(&[("cpu", "500m"), ("memory", "1Gi")])
                .less_than_or_equal(&rl(&[("cpu", "100m"), ("memory", "2Gi")])),
            (false, vec!["cpu".to_owned()])
        );
        assert_eq!(
            rl(&[("cpu", "500m"), ("memory", "3Gi")])
                .less_than_or_equal(&rl(&[("cpu", "100m"), ("memory", "2Gi")])),
            (false, vec!["cpu".to_owned(), "memory".to_owned()])
        );
    }

    // The upstream cases of resources_test.go TestMax, and more of ours.
    #[test]
    fn max_cases() {
        assert_eq!(
            ResourceList::new().max(&ResourceList::new()),
            ResourceList::new()
        );
        assert_eq!(
            rl(&[("cpu", "100m")]).max(&ResourceList::new()),
            rl(&[("cpu", "100m")])
        );
        assert_eq!(
            ResourceList::new().max(&rl(&[("cpu", "100m")])),
            rl(&[("cpu", "100m")])
        );
        assert_eq!(
            rl(&[("cpu", "100m")]).max(&rl(&[("cpu", "150m")])),
            rl(&[("cpu", "150m")])
        );
        assert_eq!(
            rl(&[("cpu", "150m")]).max(&rl(&[("cpu", "100m")])),
            rl(&[("cpu", "150m")])
        );
        assert_eq!(
            rl(&[("cpu", "150m"), ("memory", "1Gi")])
                .max(&rl(&[("cpu", "100m"), ("memory", "2Gi")])),
            rl(&[("cpu", "150m"), ("memory", "2Gi")])
        );
    }

    // The upstream cases of resources_test.go TestAdd, and more of ours.
    #[test]
    fn add_cases() {
        assert_eq!(
            ResourceList::new().add(&ResourceList::new()),
            ResourceList::new()
        );
        assert_eq!(
            rl(&[("cpu", "100m")]).add(&rl(&[("cpu", "100m")])),
            rl(&[("cpu", "200m")])
        );
        assert_eq!(
            rl(&[("cpu", "100m")]).add(&ResourceList::new()),
            rl(&[("cpu", "100m")])
        );
        assert_eq!(
            ResourceList::new().add(&rl(&[("cpu", "100m")])),
            rl(&[("cpu", "100m")])
        );
    }

    // The upstream cases of resources_test.go TestSubtract, and more of ours.
    #[test]
    fn subtract_cases() {
        assert_eq!(
            rl(&[("cpu", "100m")]).subtract(&rl(&[("cpu", "100m")])),
            rl(&[("cpu", "0")])
        );
        assert_eq!(
            rl(&[("cpu", "100m")]).subtract(&ResourceList::new()),
            rl(&[("cpu", "100m")])
        );
        assert_eq!(
            ResourceList::new().subtract(&rl(&[("cpu", "100m")])),
            rl(&[("cpu", "-100m")])
        );
    }

    // The upstream cases of resources_test.go TestSubtractWithNonNegativeResult, and more of ours.
    #[test]
    fn subtract_non_negative_cases() {
        assert_eq!(
            rl(&[("cpu", "100m")]).subtract_non_negative(&rl(&[("cpu", "100m")])),
            rl(&[("cpu", "0")])
        );
        assert_eq!(
            rl(&[("cpu", "100m")]).subtract_non_negative(&ResourceList::new()),
            rl(&[("cpu", "100m")])
        );
        assert_eq!(
            ResourceList::new().subtract_non_negative(&rl(&[("cpu", "100m")])),
            rl(&[("cpu", "0")])
        );
        assert_eq!(
            rl(&[("cpu", "100m"), ("memory", "1Gi")])
                .subtract_non_negative(&rl(&[("cpu", "200m"), ("memory", "512Mi")])),
            rl(&[("cpu", "0"), ("memory", "512Mi")])
        );
    }

    // The upstream cases of resources_test.go TestMask, TestIsZero, TestIsNegative, TestRemoveZeros, and more of ours.
    #[test]
    fn mask_zero_negative() {
        let l = rl(&[("cpu", "100m"), ("memory", "1Gi")]);
        assert_eq!(l.mask(&["cpu"]), rl(&[("cpu", "100m")]));
        assert_eq!(l.mask::<&str>(&[]), ResourceList::new());
        assert_eq!(l.mask(&["cpu", "memory", "pods"]), l);
        assert!(ResourceList::new().is_zero());
        assert!(rl(&[("cpu", "0"), ("memory", "0")]).is_zero());
        assert!(!rl(&[("cpu", "0"), ("memory", "1")]).is_zero());
        assert_eq!(
            rl(&[("cpu", "-1"), ("memory", "0"), ("pods", "-2")]).is_negative(),
            ["cpu", "pods"]
        );
        assert!(ResourceList::new().is_negative().is_empty());
        assert_eq!(
            rl(&[("cpu", "0"), ("memory", "1")]).remove_zeros(),
            rl(&[("memory", "1")])
        );
    }

    // The upstream cases of resources_test.go TestIntersection / TestDifference / TestContainsPrefix, and more of ours.
    #[test]
    fn name_sets() {
        assert_eq!(
            intersection(&["cpu", "memory", "pods", "cpu"], &["pods", "cpu"]),
            ["cpu", "pods"]
        );
        assert_eq!(
            difference(&["pods", "memory", "cpu", "memory"], &["cpu"]),
            ["memory", "pods"]
        );
        assert!(contains_prefix(&["hugepages-"], "hugepages-2Mi"));
        assert!(!contains_prefix(&["hugepages-"], "requests.cpu"));
        assert!(contains(&["a", "b"], "b"));
    }

    #[test]
    fn k8s_round_trip_and_errors() {
        let mut m = K8sResourceList::new();
        m.insert("cpu".into(), K8sQuantity("500m".into()));
        m.insert("memory".into(), K8sQuantity("1.5Gi".into()));
        let l = ResourceList::try_from(&m).unwrap();
        assert_eq!(l.to_k8s()["memory"].0, "1536Mi");
        assert_eq!(l.to_k8s()["cpu"].0, "500m");
        m.insert("pods".into(), K8sQuantity("ten".into()));
        m.insert("x".into(), K8sQuantity("1ki".into()));
        let err = ResourceList::from_k8s(&m, &FieldPath::new("spec").child("hard")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "[spec.hard[pods]: Invalid value: \"ten\": quantities must match the regular expression \
             '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$', spec.hard[x]: Invalid value: \"1ki\": \
             unable to parse quantity's suffix]"
        );
    }

    #[test]
    fn display_and_serde() {
        let l = rl(&[("requests.cpu", "1"), ("limits.memory", "2Gi")]);
        assert_eq!(l.to_string(), "limits.memory=2Gi,requests.cpu=1");
        let j = serde_json::to_string(&l).unwrap();
        assert_eq!(j, r#"{"limits.memory":"2Gi","requests.cpu":"1"}"#);
        let back: ResourceList = serde_json::from_str(&j).unwrap();
        assert_eq!(back, l);
    }

    fn arb_list() -> impl Strategy<Value = ResourceList> {
        let key = prop::sample::select(vec!["cpu", "memory", "pods", "requests.storage", "x"]);
        let val = (-3000i64..3000, prop::sample::select(vec![-3i32, 0, 3, 6]))
            .prop_map(|(m, s)| Quantity::from_scaled(m, s));
        prop::collection::btree_map(key, val, 0..5).prop_map(|m| {
            m.into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect::<ResourceList>()
        })
    }

    proptest! {
        #[test]
        fn min_merge_commutative(a in arb_list(), b in arb_list()) {
            prop_assert_eq!(a.min_merge(&b), b.min_merge(&a));
        }

        #[test]
        fn min_merge_associative(a in arb_list(), b in arb_list(), c in arb_list()) {
            prop_assert_eq!(a.min_merge(&b).min_merge(&c), a.min_merge(&b.min_merge(&c)));
        }

        #[test]
        fn min_merge_idempotent(a in arb_list(), b in arb_list()) {
            prop_assert_eq!(a.min_merge(&a), a.clone());
            let ab = a.min_merge(&b);
            prop_assert_eq!(ab.min_merge(&b), ab.clone());
        }

        #[test]
        fn min_merge_is_lower_bound(a in arb_list(), b in arb_list()) {
            let m = a.min_merge(&b);
            prop_assert!(m.less_than_or_equal(&a).0);
            prop_assert!(m.less_than_or_equal(&b).0);
            prop_assert_eq!(m.to_set(), a.to_set().union(&b.to_set()).cloned().collect());
        }

        #[test]
        fn add_subtract_inverse(a in arb_list(), b in arb_list()) {
            let back = a.add(&b).subtract(&b);
            for (k, v) in &a {
                prop_assert_eq!(back.get(k), Some(v));
            }
            for (k, v) in &back {
                if !a.contains_key(k) {
                    prop_assert!(v.is_zero());
                }
            }
        }

        #[test]
        fn subtract_non_negative_never_negative(a in arb_list(), b in arb_list()) {
            prop_assert!(a.subtract_non_negative(&b).is_negative().is_empty());
        }

        #[test]
        fn max_is_upper_bound(a in arb_list(), b in arb_list()) {
            let m = a.max(&b);
            prop_assert!(a.less_than_or_equal(&m).0);
            prop_assert!(b.less_than_or_equal(&m).0);
            let mut m2 = a.clone();
            m2.max_assign(&b);
            prop_assert_eq!(m2, m);
        }
    }
}
