//! The ACP documentation's example Rule and its dslx bullet list:
// seed 001:1107-1160
//! every bullet holds for the matching request and each
// seed 001:1172-1215
//! bullet's negation alone makes the rule miss.

use crate::wire::DslxTerm;
use crate::{Dslx, MatchOptions, Request, RuleInput, RuleSet, eval};

fn seed_dslx() -> Vec<DslxTerm> {
    serde_json::from_str(
        r#"[
      {"type": "METHOD", "values": [["EQ", "POST"]]},
      {"type": "URL", "values": [["STARTS_WITH", "/app-a"], ["STARTS_WITH", "/app-b"]]},
      {"type": "PARAM", "key": "group", "values": [["EQ", "vip"]]},
      {"type": "HOST", "values": [["ENDS_WITH", ".app.com"]]},
      {"type": "HEADER", "key": "LOCATION", "values": [["IN", "east-1", "east-2"]]},
      {"type": "COOKIE", "key": "uid", "values": [["EXIST"]]},
      {"type": "SRC_IP", "values": [["RANGE", "1.1.1.1", "1.1.1.100"]]}
    ]"#,
    )
    .unwrap()
}

struct R {
    method: &'static str,
    host: &'static str,
    target: &'static str,
    location: Option<&'static str>,
    cookie: Option<&'static str>,
    ip: &'static str,
}

const OK: R = R {
    method: "POST",
    host: "shop.app.com",
    target: "/app-a/orders?group=vip",
    location: Some("east-1"),
    cookie: Some("uid=7"),
    ip: "1.1.1.1",
};

fn req(r: &R) -> Request {
    let mut q = Request::new(r.method, r.host, r.target).with_remote_addr(r.ip);
    if let Some(l) = r.location {
        q = q.with_header("location", l);
    }
    if let Some(c) = r.cookie {
        q = q.with_header("Cookie", c);
    }
    q
}

fn check(r: &R) -> bool {
    let d = Dslx::from_wire(&seed_dslx()).unwrap();
    let a = eval::matches(&d, &req(r), &MatchOptions::default());
    let set = RuleSet::compile(vec![RuleInput::new(
        "alb-demo-00080-test",
        Some(4),
        seed_dslx(),
    )]);
    let b = set.matching(&req(r)).is_some();
    assert_eq!(a, b);
    let c = eval::matches(&d, &req(r), &MatchOptions::alb_compat());
    assert_eq!(a, c, "ALB agrees on the seed example");
    a
}

#[test]
fn the_matching_request_matches() {
    assert!(check(&OK));
    // Boundary and alternative values of each bullet still match.
    assert!(check(&R {
        target: "/app-b?group=vip",
        ..OK
    }));
    assert!(check(&R {
        target: "/app-bcd/x?a=1&group=vip",
        ..OK
    })); // plain prefix
    assert!(check(&R {
        host: "A.APP.COM:8443",
        ..OK
    }));
    assert!(check(&R {
        location: Some("east-2"),
        ..OK
    }));
    assert!(check(&R {
        cookie: Some("a=1; UID="),
        ..OK
    })); // empty value counts, name case-insensitive
    assert!(check(&R {
        ip: "1.1.1.100",
        ..OK
    }));
    assert!(check(&R {
        ip: "1.1.1.9",
        ..OK
    })); // numeric, not string order
}

#[test]
fn bullet_url_starts_with_app_a_or_app_b() {
    assert!(!check(&R {
        target: "/app-c?group=vip",
        ..OK
    }));
    assert!(!check(&R {
        target: "/x/app-a?group=vip",
        ..OK
    }));
    assert!(!check(&R {
        target: "/App-a?group=vip",
        ..OK
    }));
}

#[test]
fn bullet_method_is_post() {
    assert!(!check(&R {
        method: "GET",
        ..OK
    }));
    assert!(!check(&R {
        method: "post",
        ..OK
    }));
}

#[test]
fn bullet_param_group_is_vip() {
    assert!(!check(&R {
        target: "/app-a",
        ..OK
    }));
    assert!(!check(&R {
        target: "/app-a?group=VIP",
        ..OK
    }));
    assert!(!check(&R {
        target: "/app-a?Group=vip",
        ..OK
    })); // names are case-sensitive
    assert!(!check(&R {
        target: "/app-a?group=vip2",
        ..OK
    }));
}

#[test]
fn bullet_host_is_wildcard_app_com() {
    assert!(!check(&R {
        host: "app.com",
        ..OK
    }));
    assert!(!check(&R {
        host: "a.b.app.com",
        ..OK
    }));
    assert!(!check(&R {
        host: "shop.app.org",
        ..OK
    }));
}

#[test]
fn bullet_header_location_is_east_1_or_east_2() {
    assert!(!check(&R {
        location: None,
        ..OK
    }));
    assert!(!check(&R {
        location: Some("west-1"),
        ..OK
    }));
    assert!(!check(&R {
        location: Some("East-1"),
        ..OK
    }));
}

#[test]
fn bullet_cookie_uid_exists() {
    assert!(!check(&R { cookie: None, ..OK }));
    assert!(!check(&R {
        cookie: Some("uid2=1; xuid=2"),
        ..OK
    }));
}

#[test]
fn bullet_src_ip_in_range() {
    assert!(!check(&R {
        ip: "1.1.1.0",
        ..OK
    }));
    assert!(!check(&R {
        ip: "1.1.1.101",
        ..OK
    }));
    assert!(!check(&R {
        ip: "2.1.1.1",
        ..OK
    }));
    assert!(!check(&R { ip: "::1", ..OK }));
}

#[test]
fn src_ip_comes_from_forwarding_headers_when_trusted() {
    let r = req(&R {
        ip: "9.9.9.9",
        ..OK
    })
    .with_header("X-Forwarded-For", "1.1.1.50, 9.9.9.9");
    let d = Dslx::from_wire(&seed_dslx()).unwrap();
    assert!(eval::matches(&d, &r, &MatchOptions::default()));
    let distrust = MatchOptions {
        trust_x_forwarded_for: false,
        ..MatchOptions::default()
    };
    assert!(!eval::matches(&d, &r, &distrust));
}
