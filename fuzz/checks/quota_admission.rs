// The `quota_admission` fuzz check, shared by the fuzz target `fuzz_targets/quota_admission.rs`
// and the stable replay test `acp-quota/tests/fuzz_corpus.rs` (both `include!` this file).
//
// Input: a YAML stream of ResourceQuotas, LimitRanges, Pods and PersistentVolumeClaims (any
// order; `kind` picks the type, unknown kinds are skipped). For every pod and PVC: admission
// against the quotas as given and as `synced`, pod requests/limits/QoS/usage, and the import
// merge of the quotas and LimitRanges never panic; LimitRanger (defaulting, mutation,
// validation) and overcommit run on each pod first, and the pods they pass are admitted too.
// Invariants checked:
//   * determinism: admitting twice gives the same answer;
//   * bookkeeping: an admitted request's new usage is the old usage plus what it charged, and
//     within every quota's hard limit for the charged resources;
//   * monotonicity in the limits: a request admitted against some quotas is still admitted when
//     every hard limit grows by 1;
//   * the import merge is a lower bound of every unscoped quota it merged.

/// Panics when an invariant breaks on `data`.
#[allow(
    clippy::too_many_lines,
    reason = "fuzz harness: one linear decoder of the input bytes"
)]
pub fn check(data: &[u8]) {
    use acp_quota::admission::{AdmissionOptions, QuotaObject, admit, synced};
    use acp_quota::resources::ResourceList;
    use serde_json::Value;

    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(docs) =
        serde_saphyr::from_multiple_with_options::<Value>(text, acp_model::object::yaml_options())
    else {
        return;
    };
    let mut quotas = Vec::new();
    let mut limit_ranges = Vec::new();
    let mut pods: Vec<k8s_openapi::api::core::v1::Pod> = Vec::new();
    let mut pvcs = Vec::new();
    for doc in docs {
        let kind = doc
            .get("kind")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        match kind.as_str() {
            "ResourceQuota" => quotas.extend(serde_json::from_value(doc).ok()),
            "LimitRange" => limit_ranges.extend(serde_json::from_value(doc).ok()),
            "Pod" => pods.extend(serde_json::from_value(doc).ok()),
            "PersistentVolumeClaim" => pvcs.extend(serde_json::from_value(doc).ok()),
            _ => {}
        }
    }
    if quotas.len() > 16 || pods.len() + pvcs.len() > 16 {
        return;
    }

    let _ = acp_quota::import::import_limit_range("fuzz", &limit_ranges).map_err(|e| e.to_string());
    // LimitRanger (defaulting, mutation, validation) and overcommit run before quota admission,
    // as on the apiserver; pods they admit are admitted against the quotas too.
    let ranger = acp_quota::limitrange::LimitRanger::default();
    let overcommit = acp_quota::overcommit::Overcommit::new(
        acp_model::ratio::Ratio::Ratio(2),
        acp_model::ratio::Ratio::Ratio(3),
    );
    let mut admitted = Vec::new();
    for p in &pods {
        let mut m = p.clone();
        if ranger.create_pod(&limit_ranges, &mut m).is_ok() {
            let mut o = m.clone();
            if let Ok(report) = overcommit.apply_to_pod(&mut o, &limit_ranges) {
                let _ = report.changes.len();
                admitted.push(o);
            }
            admitted.push(m);
        }
    }
    pods.extend(admitted);
    let mut objects = Vec::new();
    for p in &pods {
        objects.push(QuotaObject::Pod(p));
    }
    for p in &pvcs {
        objects.push(QuotaObject::PersistentVolumeClaim(p));
    }

    // the import merge
    if let Ok(m) = acp_quota::import::merge_quotas("fuzz", &quotas) {
        let _ = m.to_string();
        let _ = m.resource_quota();
        for q in &quotas {
            let scoped = q.spec.as_ref().is_some_and(|s| {
                s.scopes.as_ref().is_some_and(|v| !v.is_empty()) || s.scope_selector.is_some()
            });
            if scoped {
                continue;
            }
            let hard = q.spec.as_ref().and_then(|s| s.hard.as_ref());
            if let Some(Ok(h)) = hard.map(ResourceList::try_from) {
                assert!(
                    m.hard.less_than_or_equal(&h).0,
                    "merge above a merged quota"
                );
            }
        }
    }

    let opts = AdmissionOptions::new(jiff::Timestamp::UNIX_EPOCH);
    let synced_quotas: Vec<_> = quotas.iter().map(synced).collect();
    // every hard limit + 1 (None when a limit does not parse)
    let mut grown_sets = Vec::new();
    for qs in [&quotas, &synced_quotas] {
        let mut out = qs.clone();
        let mut ok = true;
        for q in &mut out {
            let Some(hard) = q.status.as_mut().and_then(|s| s.hard.as_mut()) else {
                continue;
            };
            let Ok(parsed) = ResourceList::try_from(&*hard) else {
                ok = false;
                break;
            };
            let one =
                acp_model::quantity::Quantity::from_int(1, acp_model::quantity::Format::DecimalSI);
            for (k, v) in &parsed {
                hard.insert(k.clone(), (v + &one).into());
            }
        }
        grown_sets.push(ok.then_some(out));
    }

    for obj in objects {
        if let QuotaObject::Pod(p) = obj {
            let o = acp_quota::pod::PodResourcesOptions::quota();
            let _ = acp_quota::pod::pod_requests(p, &o).map(|r| r.to_string());
            let _ = acp_quota::pod::pod_limits(p, &o).map(|r| r.to_string());
            let _ = acp_quota::pod::qos_class(p);
            let _ = acp_quota::usage::pod_usage(p, opts.now, &opts.gates);
        }
        for (qs, grown) in [&quotas, &synced_quotas].into_iter().zip(&grown_sets) {
            let first = admit(qs, obj, &opts);
            let again = admit(qs, obj, &opts);
            assert_eq!(first, again, "admission is not deterministic");
            match first {
                Ok(a) => {
                    assert_eq!(a.quotas.len(), qs.len());
                    for (u, q) in a.quotas.iter().zip(qs.iter()) {
                        let st = q.status.as_ref();
                        let (Ok(old), Ok(hard)) = (
                            ResourceList::from_k8s_opt(
                                st.and_then(|s| s.used.as_ref()),
                                &acp_model::validation::FieldPath::root(),
                            ),
                            ResourceList::from_k8s_opt(
                                st.and_then(|s| s.hard.as_ref()),
                                &acp_model::validation::FieldPath::root(),
                            ),
                        ) else {
                            panic!("admitted against an unparsable quota");
                        };
                        assert_eq!(u.used, old.add(&u.charged), "used != old + charged");
                        let charged_keys = u.charged.resource_names();
                        assert!(
                            u.used.mask(&charged_keys).less_than_or_equal(&hard).0,
                            "admitted above a hard limit"
                        );
                    }
                    if let Some(g) = grown {
                        assert!(
                            admit(g, obj, &opts).is_ok(),
                            "rejected once the limits grew"
                        );
                    }
                }
                Err(e) => {
                    let _ = e.to_string();
                }
            }
        }
    }
}
