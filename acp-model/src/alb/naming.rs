//! Naming conventions: Frontend names, certificate references, port ranges and project labels.

use std::collections::BTreeMap;

use super::labels;

// seed 001:1067, 1081
/// The name of the Frontend of ALB `alb` on `port`: `<alb>-<port as 5 digits>`
/// (alauda/alb `ingress/ingress_sync.go`,
/// `fmt.Sprintf("%s-%05d", …)`).
///
/// ```
/// use acp_model::alb::{frontend_name, parse_frontend_name};
/// assert_eq!(frontend_name("alb-demo", 80), "alb-demo-00080");
/// assert_eq!(parse_frontend_name("alb-demo-00080"), Some(("alb-demo", 80)));
/// ```
pub fn frontend_name(alb: &str, port: u16) -> String {
    format!("{alb}-{port:05}")
}

/// Splits a Frontend name made by [`frontend_name`] into the ALB name and the port.
///
/// `None` unless the name ends in `-` and exactly five ASCII digits forming a port 1–65535, with a
/// non-empty ALB name before it.
pub fn parse_frontend_name(name: &str) -> Option<(&str, u16)> {
    let (alb, digits) = name.rsplit_once('-')?;
    if alb.is_empty() || digits.len() != 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let port: u16 = digits.parse().ok()?;
    (port != 0).then_some((alb, port))
}

// seed 001:1082
/// Splits a `certificate_name` into the Secret's namespace and name.
///
/// The documented form is `<namespace>/<name>`; the legacy
/// `<namespace>_<name>` is tried first, as the ALB does (alauda/alb `controller/cli/cert.go`,
/// `ParseCertificateName`). Exactly one separator is allowed. Unlike upstream, empty parts are
/// rejected (`None`), since no Secret can have an empty name.
///
/// ```
/// use acp_model::alb::parse_certificate_name;
/// assert_eq!(parse_certificate_name("cpaas-system/demo-tls"), Some(("cpaas-system", "demo-tls")));
/// assert_eq!(parse_certificate_name("default_demo"), Some(("default", "demo")));
/// assert_eq!(parse_certificate_name("demo"), None);
/// ```
// DEVIATION: empty namespace or name parts are rejected (`None`); alauda/alb `ParseCertificateName`
// accepts them.
pub fn parse_certificate_name(s: &str) -> Option<(&str, &str)> {
    let sep = if s.contains('_') {
        '_'
    } else if s.contains('/') {
        '/'
    } else {
        return None;
    };
    let mut parts = s.split(sep);
    let (ns, name) = (parts.next()?, parts.next()?);
    if parts.next().is_some() || ns.is_empty() || name.is_empty() {
        return None;
    }
    Some((ns, name))
}

/// Parses the `port` of a [`PortProject`](super::PortProject): `"80"` → `(80, 80)`,
/// `"113-333"` → `(113, 333)`. A range needs start < end (alauda/alb `controller/common.go`,
/// `getPortProject`: "range start should less than end"); ports are 1–65535.
///
/// ```
/// use acp_model::alb::parse_port_range;
/// assert_eq!(parse_port_range("113-333"), Some((113, 333)));
/// assert_eq!(parse_port_range("80"), Some((80, 80)));
/// assert_eq!(parse_port_range("333-113"), None);
/// ```
pub fn parse_port_range(s: &str) -> Option<(u16, u16)> {
    fn port(p: &str) -> Option<u16> {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        p.parse::<u16>().ok().filter(|&v| v != 0)
    }
    match s.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (port(a)?, port(b)?);
            (a < b).then_some((a, b))
        }
        None => port(s).map(|p| (p, p)),
    }
}

// seed 001:1306-1310
/// The projects an ALB2 (or, in port project mode, a Frontend) belongs to according to its labels:
/// `project.cpaas.io/<project>: "true"`, or the legacy `project.cpaas.io/name: <project>`;
/// duplicates dropped, in label-key order (alauda/alb `controller/alb2.go`,
/// `GetOwnProjectsFromLabel`). Projects are sets of namespaces.
///
/// ```
/// use std::collections::BTreeMap;
/// use acp_model::alb::projects_from_labels;
/// let labels = BTreeMap::from([
///     ("project.cpaas.io/p1".to_string(), "true".to_string()),
///     ("project.cpaas.io/name".to_string(), "ALL_ALL".to_string()),
///     ("project.cpaas.io/p2".to_string(), "false".to_string()),
/// ]);
/// assert_eq!(projects_from_labels(&labels), ["ALL_ALL", "p1"]);
/// ```
pub fn projects_from_labels(labels: &BTreeMap<String, String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (k, v) in labels {
        let Some(rest) = k.strip_prefix(labels::PROJECT_PREFIX) else {
            continue;
        };
        let project = if k == labels::PROJECT_NAME {
            v.as_str()
        } else if v == "true" {
            rest
        } else {
            ""
        };
        if !project.is_empty() && !out.iter().any(|p| p == project) {
            out.push(project.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frontend_names_round_trip() {
        for port in [1u16, 80, 443, 8080, 65535] {
            let n = frontend_name("a-b", port);
            assert_eq!(parse_frontend_name(&n), Some(("a-b", port)));
        }
        assert_eq!(frontend_name("x", 7), "x-00007");
        for bad in [
            "alb",
            "alb-80",
            "alb-000080",
            "-00080",
            "alb-00000",
            "alb-65536",
            "alb-99999",
            "alb-0008a",
            "alb-+0080",
        ] {
            assert_eq!(parse_frontend_name(bad), None, "{bad}");
        }
    }

    #[test]
    fn certificate_names() {
        assert_eq!(parse_certificate_name("a/b"), Some(("a", "b")));
        assert_eq!(parse_certificate_name("a_b"), Some(("a", "b")));
        // `_` wins, as upstream: "a_b/c" splits on `_`.
        assert_eq!(parse_certificate_name("a_b/c"), Some(("a", "b/c")));
        for bad in ["", "a", "a/b/c", "a_b_c", "/b", "a/", "_"] {
            assert_eq!(parse_certificate_name(bad), None, "{bad}");
        }
    }

    #[test]
    fn port_ranges() {
        assert_eq!(parse_port_range("1-65535"), Some((1, 65535)));
        for bad in ["", "0", "80-80", "a-b", "1-", "-1", "1-2-3", "65536", "0-5"] {
            assert_eq!(parse_port_range(bad), None, "{bad}");
        }
    }
}
