//! Labels and annotations the ALB reads and writes.
//!
//! Upstream builds every key from a configurable base domain (Helm value
//! `global.labelBaseDomain`, default `cpaas.io`; alauda/alb `config/config.go`, the `FMT_*`
//! constants). The constants here use `cpaas.io`, the domain the ACP documentation shows.
//! The cross-cutting `cpaas.io/project`
// seed 001:1066, 1111-1112
//! namespace label, by which the ALB leader decides which namespaces belong to a project when it
//! translates Ingresses (alauda/alb `ingress/project.go`,
// seed 001:1308-1310
//! `GetProjectIngresses`), is [`crate::labels::PROJECT`].

// seed 001:1066, 1080, 1112, 1162
/// `alb2.cpaas.io/name`: on a Frontend or Rule, the ALB it belongs to; required
/// (alauda/alb `FMT_NAME`).
pub const ALB_NAME: &str = "alb2.cpaas.io/name";

// seed 001:1111, 1161
/// `alb2.cpaas.io/frontend`: on a Rule, the Frontend it belongs to; required
/// (alauda/alb `FMT_FT`).
pub const FRONTEND: &str = "alb2.cpaas.io/frontend";

// seed 001:1299-1304
/// `alb2.cpaas.io/leader`: marks the leader ALB pod
/// (alauda/alb `FMT_LEADER`).
pub const LEADER: &str = "alb2.cpaas.io/leader";

/// `alb2.cpaas.io/source-type`: on generated Rules, the kind of source (`ingress`)
/// (alauda/alb `FMT_SOURCE_TYPE`, `ingress/ingress_sync.go` `GenerateRule`).
pub const SOURCE_TYPE: &str = "alb2.cpaas.io/source-type";

/// `alb2.cpaas.io/source-name`: on generated Rules, the Ingress name cut to 63 characters
/// (alauda/alb `FMT_SOURCE_NAME`, `GenerateRule`).
pub const SOURCE_NAME: &str = "alb2.cpaas.io/source-name";

/// `alb2.cpaas.io/source-ns`: on generated Rules, the Ingress namespace cut to 63 characters
/// (alauda/alb `FMT_SOURCE_NS`, `GenerateRule`).
pub const SOURCE_NS: &str = "alb2.cpaas.io/source-ns";

/// `alb2.cpaas.io/source-index`: on generated Rules, `<rule index>-<path index>` of the Ingress
/// path (alauda/alb `FMT_SOURCE_INDEX`, `GenerateRule`).
pub const SOURCE_INDEX: &str = "alb2.cpaas.io/source-index";

/// Annotation `alb2.cpaas.io/source-ingress-rule-index` on generated Rules (alauda/alb
/// `FMT_SOURCE_INGRESS_RULE_INDEX`).
pub const SOURCE_INGRESS_RULE_INDEX: &str = "alb2.cpaas.io/source-ingress-rule-index";

/// Annotation `alb2.cpaas.io/source-ingress-path-index` on generated Rules (alauda/alb
/// `FMT_SOURCE_INGRESS_PATH_INDEX`).
pub const SOURCE_INGRESS_PATH_INDEX: &str = "alb2.cpaas.io/source-ingress-path-index";

// seed 001:1221-1227
/// `project.cpaas.io/`: prefix of the project labels of an ALB2 or (port project mode) a Frontend;
/// `project.cpaas.io/<project>: "true"` (alauda/alb
/// `controller/alb2.go`, `GetOwnProjectsFromLabel`). See [`projects_from_labels`](super::projects_from_labels).
pub const PROJECT_PREFIX: &str = "project.cpaas.io/";

/// `project.cpaas.io/name`: the legacy single-project label of an ALB2
/// (`project.cpaas.io/name: ALL_ALL`; alauda/alb `getProjectFromLabel`).
pub const PROJECT_NAME: &str = "project.cpaas.io/name";

/// `cpaas.io/role` on an ALB2: `instance` (absent too) or `port` (port project mode)
/// (alauda/alb `controller/alb2.go`, `GetAlbRoleType`).
pub const ROLE: &str = "cpaas.io/role";

/// `loadbalancer.cpaas.io/bind`: legacy binding key (alauda/alb `FMT_BINDKEY`).
pub const BIND: &str = "loadbalancer.cpaas.io/bind";

// seed 001:1299-1304
/// Ingress annotations the ALB leader reads when it translates an Ingress into Rules
/// (alauda/alb `ingress/const.go`, `ingress/ingress_sync.go`
/// `GenerateRule`, `config/config.go` `Names`).
pub mod ingress {
    /// `nginx.ingress.kubernetes.io/rewrite-target` → `spec.rewrite_target`.
    pub const REWRITE_TARGET: &str = "nginx.ingress.kubernetes.io/rewrite-target";
    /// `nginx.ingress.kubernetes.io/enable-cors` (`"true"`) → `spec.enableCORS`.
    pub const ENABLE_CORS: &str = "nginx.ingress.kubernetes.io/enable-cors";
    /// `nginx.ingress.kubernetes.io/cors-allow-headers` → `spec.corsAllowHeaders`.
    pub const CORS_ALLOW_HEADERS: &str = "nginx.ingress.kubernetes.io/cors-allow-headers";
    /// `nginx.ingress.kubernetes.io/cors-allow-origin` → `spec.corsAllowOrigin`.
    pub const CORS_ALLOW_ORIGIN: &str = "nginx.ingress.kubernetes.io/cors-allow-origin";
    /// `nginx.ingress.kubernetes.io/backend-protocol` → `spec.backendProtocol` (lower-cased;
    /// only `http` and `https` are accepted for Ingresses).
    pub const BACKEND_PROTOCOL: &str = "nginx.ingress.kubernetes.io/backend-protocol";
    /// `nginx.ingress.kubernetes.io/upstream-vhost` → `spec.vhost`.
    pub const UPSTREAM_VHOST: &str = "nginx.ingress.kubernetes.io/upstream-vhost";
    /// `alb.networking.cpaas.io/tls`: extra host → certificate mappings.
    pub const TLS: &str = "alb.networking.cpaas.io/tls";
    /// `alb.networking.cpaas.io/enable-https`: SSL strategy of the Ingress.
    pub const ENABLE_HTTPS: &str = "alb.networking.cpaas.io/enable-https";
    /// `alb.ingress.cpaas.io/rewrite-request`.
    pub const REWRITE_REQUEST: &str = "alb.ingress.cpaas.io/rewrite-request";
    /// `alb.ingress.cpaas.io/rewrite-response`.
    pub const REWRITE_RESPONSE: &str = "alb.ingress.cpaas.io/rewrite-response";
    /// `alb.ingress.cpaas.io/otel`.
    pub const OTEL: &str = "alb.ingress.cpaas.io/otel";
    /// `alb.modsecurity.cpaas.io/cmref`.
    pub const MODSECURITY_CMREF: &str = "alb.modsecurity.cpaas.io/cmref";
    /// `alb.modsecurity.cpaas.io/use-recommend`.
    pub const MODSECURITY_USE_RECOMMEND: &str = "alb.modsecurity.cpaas.io/use-recommend";
    /// The default priority of Ingress-generated Rules (alauda/alb `DefaultPriority`).
    pub const DEFAULT_PRIORITY: i64 = 5;

    /// `alb.cpaas.io/ingress-rule-priority-<rule index>-<path index>`: the priority of the Rule
    /// generated for one Ingress path (alauda/alb `FMT_ALBRulePriorityAnnotation`).
    ///
    /// ```
    /// use acp_model::alb::labels::ingress::rule_priority;
    /// assert_eq!(rule_priority(0, 1), "alb.cpaas.io/ingress-rule-priority-0-1");
    /// ```
    pub fn rule_priority(rule_index: usize, path_index: usize) -> String {
        format!("alb.cpaas.io/ingress-rule-priority-{rule_index}-{path_index}")
    }
}

/// Annotations read on Rules (alauda/alb `config/config.go`, `Names`).
pub mod rule {
    /// `alb.rule.cpaas.io/rewrite-request`.
    pub const REWRITE_REQUEST: &str = "alb.rule.cpaas.io/rewrite-request";
    /// `alb.rule.cpaas.io/rewrite-response`.
    pub const REWRITE_RESPONSE: &str = "alb.rule.cpaas.io/rewrite-response";
}
