//! [`Validate`] for [`Alb2`], [`Frontend`] and [`Rule`]: the rules the ACP documentation states, plus the
//! ranges the ALB itself enforces or documents (each rule names its source).

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::alb2::{
    Alb2, Alb2Config, GATEWAY_MODES, IP_FAMILY_POLICIES, NetworkMode, SSL_STRATEGIES,
};
use super::common::{
    BackendProtocol, FrontendProtocol, REDIRECT_CODES, RedirectConfig, SESSION_AFFINITY_POLICIES,
    ServiceGroup, Source, SourceType,
};
use super::frontend::Frontend;
use super::labels;
use super::naming::{frontend_name, parse_certificate_name, parse_frontend_name, parse_port_range};
use super::rule::Rule;
use crate::names::{self, NameRule};
use crate::validation::{ErrorList, FieldError, FieldPath, Validate};

/// The priority range documented on `RuleSpec.Priority` (alauda/alb `pkg/apis/alauda/v1/types.go`:
/// "priority ranges from \[1,10\]").
pub const PRIORITY_RANGE: (i64, i64) = (1, 10);

/// The weight range the ALB clamps to (alauda/alb `controller/cli/policy_backend.go`,
/// `generateBackend`).
pub const WEIGHT_RANGE: (i64, i64) = (0, 100);

fn check_port(errs: &mut ErrorList, path: &FieldPath, port: i64) {
    for msg in names::is_valid_port_num(port) {
        errs.push(FieldError::invalid(path, port, msg));
    }
}

fn check_range(errs: &mut ErrorList, path: &FieldPath, v: i64, (lo, hi): (i64, i64)) {
    if v < lo || v > hi {
        errs.push(FieldError::invalid(
            path,
            v,
            format!("must be between {lo} and {hi}, inclusive"),
        ));
    }
}

fn label<'a>(meta: &'a ObjectMeta, key: &str) -> Option<&'a str> {
    meta.labels.as_ref()?.get(key).map(String::as_str)
}

fn label_path(key: &str) -> FieldPath {
    FieldPath::new("metadata").child("labels").key(key)
}

/// The `alb2.cpaas.io/name` label, reported when missing or empty.
fn required_label<'a>(
    errs: &mut ErrorList,
    meta: &'a ObjectMeta,
    key: &str,
    detail: &str,
) -> Option<&'a str> {
    match label(meta, key) {
        Some(v) if !v.is_empty() => Some(v),
        _ => {
            errs.push(FieldError::required(&label_path(key), detail));
            None
        }
    }
}

fn check_service_group(errs: &mut ErrorList, path: &FieldPath, sg: &ServiceGroup) {
    if let Some(policy) = sg.session_affinity_policy.as_deref()
        && !SESSION_AFFINITY_POLICIES.contains(&policy)
    {
        errs.push(FieldError::not_supported(
            &path.child("session_affinity_policy"),
            policy,
            SESSION_AFFINITY_POLICIES,
        ));
    }
    let services_path = path.child("services");
    for (i, svc) in sg.services.iter().flatten().enumerate() {
        let p = services_path.index(i);
        if svc.name.as_deref().unwrap_or("").is_empty() {
            errs.push(FieldError::required(&p.child("name"), ""));
        }
        if svc.namespace.as_deref().unwrap_or("").is_empty() {
            errs.push(FieldError::required(&p.child("namespace"), ""));
        }
        match svc.port {
            None => errs.push(FieldError::required(&p.child("port"), "")),
            Some(port) => check_port(errs, &p.child("port"), port),
        }
        if let Some(w) = svc.weight {
            check_range(errs, &p.child("weight"), w, WEIGHT_RANGE);
        }
    }
}

fn check_backend_protocol(errs: &mut ErrorList, value: Option<&str>) {
    if let Some(bp) = value
        && !bp.is_empty()
        && BackendProtocol::parse(bp).is_none()
    {
        errs.push(FieldError::not_supported(
            &FieldPath::new("spec").child("backendProtocol"),
            bp,
            BackendProtocol::KNOWN,
        ));
    }
}

fn check_certificate_name(errs: &mut ErrorList, value: Option<&str>) {
    if let Some(c) = value
        && !c.is_empty()
        && parse_certificate_name(c).is_none()
    {
        errs.push(FieldError::invalid(
            &FieldPath::new("spec").child("certificate_name"),
            c,
            "must be <secret namespace>/<secret name>",
        ));
    }
}

fn check_source(errs: &mut ErrorList, source: Option<&Source>) {
    if let Some(SourceType::Other(t)) = source.and_then(|s| s.kind.as_ref()) {
        errs.push(FieldError::not_supported(
            &FieldPath::new("spec").child("source").child("type"),
            t.as_str(),
            SourceType::KNOWN,
        ));
    }
}

fn check_redirect_code(errs: &mut ErrorList, path: &FieldPath, code: i64) {
    if !REDIRECT_CODES.contains(&code) {
        let supported: Vec<String> = REDIRECT_CODES.iter().map(i64::to_string).collect();
        errs.push(FieldError::not_supported(path, code, &supported));
    }
}

fn check_redirect(errs: &mut ErrorList, path: &FieldPath, r: &RedirectConfig) {
    if let Some(code) = r.code {
        check_redirect_code(errs, &path.child("code"), code);
    }
    if let Some(port) = r.port {
        check_port(errs, &path.child("port"), port);
    }
}

impl Validate for Frontend {
    // seed 001:1067, 1081; seed 001:1066, 1080; seed 001:1072; seed 001:1083-1085; seed 001:1086; seed 001:1082; seed 001:1092
    /// Checks, all reported at once:
    /// - `metadata` passes apimachinery's object-meta checks (name a DNS-1123 subdomain, labels
    ///   valid), and `metadata.name` equals `<alb>-<port as 5 digits>` of its
    ///   ALB label and `spec.port`;
    /// - label `alb2.cpaas.io/name` is set;
    /// - `spec.port` is set and 1–65535 (CRD min/max);
    /// - `spec.protocol` is set and one of `http https grpc grpcs tcp udp`;
    /// - `tcp`/`udp` Frontends have a `serviceGroup` with services;
    /// - services have name, namespace, a port 1–65535 and a weight 0–100; the affinity policy
    ///   is known (see [`ServiceGroup`]);
    /// - `backendProtocol` is empty or http/https/grpc/grpcs (any case);
    /// - `certificate_name` is empty or `<ns>/<name>`;
    /// - `spec.source.type` is `ingress`;
    /// - `spec.config.redirect` has a known code and a valid port.
    fn validate(&self) -> ErrorList {
        let mut errs = ErrorList::new();
        let spec_path = FieldPath::new("spec");
        errs.extend(names::validate_object_meta(
            &self.metadata,
            NameRule::Dns1123Subdomain,
        ));
        let alb = required_label(
            &mut errs,
            &self.metadata,
            labels::ALB_NAME,
            "the ALB this Frontend belongs to",
        );

        let port_path = spec_path.child("port");
        let port = match self.spec.port {
            None => {
                errs.push(FieldError::required(&port_path, ""));
                None
            }
            Some(p) => {
                check_port(&mut errs, &port_path, i64::from(p));
                u16::try_from(p).ok().filter(|&p| p != 0)
            }
        };

        if let Some(name) = self.metadata.name.as_deref().filter(|n| !n.is_empty()) {
            let name_path = FieldPath::new("metadata").child("name");
            match (alb, port) {
                (Some(alb), Some(port)) => {
                    let want = frontend_name(alb, port);
                    if name != want {
                        errs.push(FieldError::invalid(
                            &name_path,
                            name,
                            format!("must be \"{want}\" (<ALB name>-<port as 5 digits>)"),
                        ));
                    }
                }
                _ => {
                    if parse_frontend_name(name).is_none() {
                        errs.push(FieldError::invalid(
                            &name_path,
                            name,
                            "must be <ALB name>-<port as 5 digits>, e.g. \"alb-demo-00080\"",
                        ));
                    }
                }
            }
        }

        let protocol_path = spec_path.child("protocol");
        match &self.spec.protocol {
            None => errs.push(FieldError::required(&protocol_path, "")),
            Some(FrontendProtocol::Other(p)) => errs.push(FieldError::not_supported(
                &protocol_path,
                p.as_str(),
                FrontendProtocol::KNOWN,
            )),
            Some(_) => {}
        }

        let sg_path = spec_path.child("serviceGroup");
        match &self.spec.service_group {
            None if self.is_l4() => errs.push(FieldError::required(
                &sg_path,
                "tcp and udp frontends need a serviceGroup",
            )),
            None => {}
            Some(sg) => {
                if self.is_l4() && sg.services.as_ref().is_none_or(Vec::is_empty) {
                    errs.push(FieldError::required(
                        &sg_path.child("services"),
                        "tcp and udp frontends need a serviceGroup",
                    ));
                }
                check_service_group(&mut errs, &sg_path, sg);
            }
        }

        check_backend_protocol(&mut errs, self.spec.backend_protocol.as_deref());
        check_certificate_name(&mut errs, self.spec.certificate_name.as_deref());
        check_source(&mut errs, self.spec.source.as_ref());
        if let Some(r) = self.spec.config.as_ref().and_then(|c| c.redirect.as_ref()) {
            check_redirect(&mut errs, &spec_path.child("config").child("redirect"), r);
        }
        errs
    }
}

impl Validate for Rule {
    // seed 001:1111-1112, 1161-1162; seed 001:1081; seed 001:1165; seed 001:1163-1164, 1166
    /// Checks, all reported at once:
    /// - `metadata` passes apimachinery's object-meta checks (name a DNS-1123 subdomain, labels
    ///   valid);
    /// - labels `alb2.cpaas.io/name` and `alb2.cpaas.io/frontend` are set,
    ///   the Frontend label has the shape
    ///   `<alb>-<port as 5 digits>` of the same ALB;
    /// - `spec.priority` is 1–10 when set (alauda/alb `RuleSpec.Priority` doc; lower wins);
    /// - `spec.dslx`, when set, passes every check of [`Dslx::from_wire`](super::dslx::Dslx::from_wire):
    ///   at least one term; a known `type`, a `key` exactly for `HEADER`, `PARAM` and `COOKIE`;
    ///   at least one row per term, each a known operator with its number of arguments; `REGEX`
    ///   patterns compile (no PCRE-only look-around or back-references); `SRC_IP` arguments are
    ///   addresses; `RANGE` bounds are in order;
    /// - services, `backendProtocol`, `certificate_name` and `source` as for [`Frontend`];
    /// - `redirectCode` and `config.redirect.code` are one of [`REDIRECT_CODES`]; the redirect
    ///   port is valid.
    fn validate(&self) -> ErrorList {
        let mut errs = ErrorList::new();
        let spec_path = FieldPath::new("spec");
        errs.extend(names::validate_object_meta(
            &self.metadata,
            NameRule::Dns1123Subdomain,
        ));
        let alb = required_label(
            &mut errs,
            &self.metadata,
            labels::ALB_NAME,
            "the ALB this rule belongs to",
        );
        if let Some(ft) = required_label(
            &mut errs,
            &self.metadata,
            labels::FRONTEND,
            "the Frontend this rule belongs to",
        ) {
            let p = label_path(labels::FRONTEND);
            match parse_frontend_name(ft) {
                None => errs.push(FieldError::invalid(
                    &p,
                    ft,
                    "must be <ALB name>-<port as 5 digits>, e.g. \"alb-demo-00080\"",
                )),
                Some((ft_alb, _)) => {
                    if let Some(alb) = alb
                        && alb != ft_alb
                    {
                        errs.push(FieldError::invalid(
                            &p,
                            ft,
                            format!("must be a Frontend of ALB \"{alb}\" (\"{alb}-<port>\")"),
                        ));
                    }
                }
            }
        }

        if let Some(pr) = self.spec.priority {
            check_range(&mut errs, &spec_path.child("priority"), pr, PRIORITY_RANGE);
        }
        if let Some(dslx) = &self.spec.dslx {
            errs.extend(super::dslx::validate_dslx(dslx, &spec_path.child("dslx")));
        }
        if let Some(sg) = &self.spec.service_group {
            check_service_group(&mut errs, &spec_path.child("serviceGroup"), sg);
        }
        check_backend_protocol(&mut errs, self.spec.backend_protocol.as_deref());
        check_certificate_name(&mut errs, self.spec.certificate_name.as_deref());
        check_source(&mut errs, self.spec.source.as_ref());
        if let Some(code) = self.spec.redirect_code {
            check_redirect_code(&mut errs, &spec_path.child("redirectCode"), code);
        }
        if let Some(r) = self.spec.config.as_ref().and_then(|c| c.redirect.as_ref()) {
            check_redirect(&mut errs, &spec_path.child("config").child("redirect"), r);
        }
        errs
    }
}

fn check_one_of(errs: &mut ErrorList, path: &FieldPath, value: Option<&str>, set: &[&str]) {
    if let Some(v) = value
        && !set.contains(&v)
    {
        errs.push(FieldError::not_supported(path, v, set));
    }
}

fn check_alb2_config(errs: &mut ErrorList, path: &FieldPath, c: &Alb2Config) {
    if let Some(NetworkMode::Other(m)) = &c.network_mode {
        errs.push(FieldError::not_supported(
            &path.child("networkMode"),
            m.as_str(),
            NetworkMode::KNOWN,
        ));
    }
    if let Some(r) = c.replicas
        && r < 0
    {
        errs.push(FieldError::invalid(
            &path.child("replicas"),
            r,
            "must be greater than or equal to 0",
        ));
    }
    for (field, value) in [
        ("ingressHTTPPort", c.ingress_http_port),
        ("ingressHTTPSPort", c.ingress_https_port),
        ("metricsPort", c.metrics_port),
        ("goMonitorPort", c.go_monitor_port),
    ] {
        if let Some(p) = value {
            check_port(errs, &path.child(field), p);
        }
    }
    let projects_path = path.child("projects");
    let projects = c.projects.as_deref().unwrap_or(&[]);
    for (i, p) in projects.iter().enumerate() {
        if p.is_empty() {
            errs.push(FieldError::required(&projects_path.index(i), ""));
        } else if projects[..i].contains(p) {
            errs.push(FieldError::duplicate(&projects_path.index(i), p));
        }
    }
    check_one_of(
        errs,
        &path.child("defaultSSLStrategy"),
        c.default_ssl_strategy.as_deref(),
        SSL_STRATEGIES,
    );
    if let Some(vip) = &c.vip {
        check_one_of(
            errs,
            &path.child("vip").child("lbSvcIpFamilyPolicy"),
            vip.lb_svc_ip_family_policy.as_deref(),
            IP_FAMILY_POLICIES,
        );
    }
    if let Some(gw) = &c.gateway {
        check_one_of(
            errs,
            &path.child("gateway").child("mode"),
            gw.mode.as_deref(),
            GATEWAY_MODES,
        );
    }
    let pp_path = path.child("portProjects");
    match c.port_projects() {
        Err(e) => errs.push(FieldError::invalid(
            &pp_path,
            c.port_projects.as_deref().unwrap_or(""),
            format!(
                "must be a JSON list of {{\"port\": \"<port>[-<port>]\", \"projects\": [...]}}: {e}"
            ),
        )),
        Ok(None) => {}
        Ok(Some(list)) => {
            for (i, pp) in list.iter().enumerate() {
                if parse_port_range(&pp.port).is_none() {
                    errs.push(FieldError::invalid(
                        &pp_path.index(i).child("port"),
                        pp.port.as_str(),
                        "must be a port or a range <start>-<end> with 1 <= start < end <= 65535",
                    ));
                }
            }
        }
    }
}

impl Validate for Alb2 {
    // seed 001:1081; seed 001:1023; seed 001:950; seed 001:948-949; seed 001:1225-1227
    /// Checks, all reported at once:
    /// - `metadata` passes apimachinery's object-meta checks (the name, a DNS-1123 subdomain, is
    ///   the prefix of its Frontends' names);
    /// - `config.networkMode` is `host` or `container`;
    /// - `config.replicas` is not negative;
    /// - the Ingress ports and metrics ports are 1–65535;
    /// - `config.projects` has no empty or repeated entry
    ///   ([`ALL_PROJECTS`](super::ALL_PROJECTS) means every project);
    /// - `defaultSSLStrategy`, `vip.lbSvcIpFamilyPolicy` and `gateway.mode` are from their sets;
    /// - `config.portProjects` parses, each port or range valid.
    ///
    /// Resource quantities are not checked here yet.
    fn validate(&self) -> ErrorList {
        let mut errs = ErrorList::new();
        errs.extend(names::validate_object_meta(
            &self.metadata,
            NameRule::Dns1123Subdomain,
        ));
        if let Some(c) = &self.spec.config {
            check_alb2_config(&mut errs, &FieldPath::new("spec").child("config"), c);
        }
        errs
    }
}
