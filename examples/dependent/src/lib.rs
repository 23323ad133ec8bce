//! What a webhook or an operator built on acp-rs does with it: every call returns a `Result`
//! whose error is a `std::error::Error + Send + Sync + 'static`, so `?` carries it into
//! `anyhow::Error` or `Box<dyn Error>` with its whole message.

use acp_rs::cron::Schedule;
use acp_rs::dsl::{Dslx, wire::DslxTerm};
use acp_rs::ignition::validate;
use acp_rs::quota::admission::{AdmissionOptions, QuotaObject, admit, synced};
use anyhow::Context;
use jiff::{Timestamp, tz::TimeZone};
use k8s_openapi::api::core::v1::{Pod, ResourceQuota};

/// A validating webhook's answer for a Pod: admitted, or the apiserver's refusal text.
pub fn admit_pod(quota_json: &str, pod_json: &str) -> anyhow::Result<()> {
    let quota: ResourceQuota = serde_json::from_str(quota_json).context("reading the quota")?;
    let pod: Pod = serde_json::from_str(pod_json).context("reading the pod")?;
    let options = AdmissionOptions::new(Timestamp::UNIX_EPOCH);
    admit(&[synced(&quota)], QuotaObject::Pod(&pod), &options)?;
    Ok(())
}

/// A Rule's `dslx` terms, validated into the typed language.
pub fn check_dslx(terms_json: &str) -> Result<Dslx, Box<dyn std::error::Error + Send + Sync>> {
    let terms: Vec<DslxTerm> = serde_json::from_str(terms_json)?;
    Ok(Dslx::from_wire(&terms)?)
}

/// The files an Ignition config writes, or its whole validation report.
pub fn ignition_files(config: &[u8]) -> anyhow::Result<Vec<String>> {
    let parsed = validate::parse(config)?;
    Ok(parsed
        .config
        .storage
        .files
        .iter()
        .map(|f| f.path.clone())
        .collect())
}

/// The next `n` fire times of a crontab line in a zone, as RFC 3339 instants.
pub fn next_fires(line: &str, zone: &str, after: &str, n: usize) -> anyhow::Result<Vec<String>> {
    let schedule: Schedule = line.parse()?;
    let tz = TimeZone::get(zone)?;
    let after: Timestamp = after.parse()?;
    Ok(schedule
        .iter_after(after, &tz)
        .take(n)
        .map(|t| t.to_string())
        .collect())
}
