//! Services as the API server validates them on create, the subset acp-model models
//! (`ValidateService` in Kubernetes' `pkg/apis/core/validation`): the name a DNS-1035 label,
//! the `type`, and the ports — present unless the Service is headless or `ExternalName`; each
//! named when there are several, names DNS-1123 labels and unique, `port` 1–65535, protocol
//! `TCP`/`UDP`/`SCTP`, `targetPort` a port number or an IANA port name.
//!
//! ```
//! use acp_model::service::validate_service;
//! use k8s_openapi::api::core::v1::Service;
//! let svc: Service = serde_json::from_value(serde_json::json!({
//!     "metadata": {"name": "web"},
//!     "spec": {"ports": [{"port": 80, "targetPort": "http"}, {"port": 443, "targetPort": 8443}]}
//! })).unwrap();
//! assert_eq!(
//!     validate_service(&svc).to_string(),
//!     "[spec.ports[0].name: Required value, spec.ports[1].name: Required value]"
//! );
//! ```

use std::collections::BTreeSet;

use k8s_openapi::api::core::v1::Service;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::names::{
    NameRule, is_dns1123_label, is_valid_port_name, is_valid_port_num, validate_object_meta,
};
use crate::pod::PORT_PROTOCOLS;
use crate::validation::{ErrorList, FieldError, FieldPath};

/// The Service types, sorted as the API server lists them.
pub const SERVICE_TYPES: [&str; 4] = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];

/// The API server's checks of a new Service; see the [module docs](self).
pub fn validate_service(svc: &Service) -> ErrorList {
    let mut errs = validate_object_meta(&svc.metadata, NameRule::Dns1035Label);
    let Some(spec) = &svc.spec else {
        errs.push(FieldError::required(
            &FieldPath::new("spec").child("ports"),
            "",
        ));
        return errs;
    };
    let sp = FieldPath::new("spec");
    let ty = spec
        .type_
        .as_deref()
        .filter(|t| !t.is_empty())
        .unwrap_or("ClusterIP");
    if !SERVICE_TYPES.contains(&ty) {
        errs.push(FieldError::not_supported(
            &sp.child("type"),
            ty,
            &SERVICE_TYPES,
        ));
    }
    let headless = spec.cluster_ip.as_deref() == Some("None");
    let ports = spec.ports.as_deref().unwrap_or_default();
    if ports.is_empty() && !headless && ty != "ExternalName" {
        errs.push(FieldError::required(&sp.child("ports"), ""));
    }
    let require_name = ports.len() > 1;
    let mut names = BTreeSet::new();
    for (i, port) in ports.iter().enumerate() {
        let p = sp.child("ports").index(i);
        let name = port.name.as_deref().unwrap_or("");
        if require_name && name.is_empty() {
            errs.push(FieldError::required(&p.child("name"), ""));
        } else if !name.is_empty() {
            for msg in is_dns1123_label(name) {
                errs.push(FieldError::invalid(&p.child("name"), name, msg));
            }
            if !names.insert(name) {
                errs.push(FieldError::duplicate(&p.child("name"), name));
            }
        }
        for msg in is_valid_port_num(i64::from(port.port)) {
            errs.push(FieldError::invalid(&p.child("port"), port.port, msg));
        }
        let protocol = port
            .protocol
            .as_deref()
            .filter(|p| !p.is_empty())
            .unwrap_or("TCP");
        if !PORT_PROTOCOLS.contains(&protocol) {
            errs.push(FieldError::not_supported(
                &p.child("protocol"),
                protocol,
                &PORT_PROTOCOLS,
            ));
        }
        // An unset target port is defaulted to the port.
        match &port.target_port {
            Some(IntOrString::Int(n)) if *n != 0 => {
                for msg in is_valid_port_num(i64::from(*n)) {
                    errs.push(FieldError::invalid(&p.child("targetPort"), *n, msg));
                }
            }
            Some(IntOrString::String(s)) if !s.is_empty() => {
                for msg in is_valid_port_name(s) {
                    errs.push(FieldError::invalid(&p.child("targetPort"), s.as_str(), msg));
                }
            }
            _ => {}
        }
        if ty == "ClusterIP" && port.node_port.is_some_and(|n| n != 0) {
            errs.push(FieldError::forbidden(
                &p.child("nodePort"),
                "may not be used when `type` is 'ClusterIP'",
            ));
        }
    }
    errs
}
