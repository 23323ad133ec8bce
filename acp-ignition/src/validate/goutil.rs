//! The few Go library behaviours Ignition's validation depends on, re-implemented from their
//! documented and observed behaviour: `path.Clean` / `Ext`, coreos/go-semver's
//! version parsing, `net/url.Parse` (does it fail, scheme, opaque part, query) and aws-sdk-go-v2
//! `arn.Parse`. Data URLs are checked by the crate's `dataurl` module; `strconv.Quote` is
//! `acp_model::go::quote`.

use acp_model::go;

/// Go's `path.Clean`.
pub(crate) fn path_clean(p: &str) -> String {
    if p.is_empty() {
        return ".".to_owned();
    }
    let rooted = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            s => parts.push(s),
        }
    }
    let body = parts.join("/");
    match (rooted, body.is_empty()) {
        (true, _) => format!("/{body}"),
        (false, true) => ".".to_owned(),
        (false, false) => body,
    }
}

/// Go's `path.Ext`: the suffix from the last `.` of the last element, or `""`.
pub(crate) fn path_ext(p: &str) -> &str {
    for (i, b) in p.bytes().enumerate().rev() {
        if b == b'/' {
            break;
        }
        if b == b'.' {
            return p.get(i..).unwrap_or_default();
        }
    }
    ""
}

/// Go's `path.Join(a, b)` for two elements.
pub(crate) fn path_join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => String::new(),
        (true, false) => path_clean(b),
        (false, true) => path_clean(a),
        (false, false) => path_clean(&format!("{a}/{b}")),
    }
}

/// Whether coreos/go-semver `NewVersion(s)` parses and equals 3.4.0 with no pre-release or
/// build metadata (Ignition `config/v3_4/config.go` `Parse`: `*version != types.MaxVersion`).
/// go-semver splits off `+metadata` and `-prerelease` at their first occurrence and reads the
/// three parts with `strconv.ParseInt`, so `03.4.0`, `3.4.00` and `3.4.0-` are 3.4.0 too.
pub(crate) fn is_version_3_4_0(s: &str) -> bool {
    semver_is_3_4_0(s) == Some(true)
}

/// coreos/go-semver `NewVersion(s)`: `None` when it fails to parse, else whether it is
/// exactly 3.4.0 (no pre-release, no metadata). Identifiers must match
/// `^[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*$`.
pub(crate) fn semver_is_3_4_0(s: &str) -> Option<bool> {
    let valid_ident = |id: &str| {
        id.is_empty()
            || id
                .split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    };
    let (rest, metadata) = s.split_once('+').unwrap_or((s, ""));
    let (rest, pre) = rest.split_once('-').unwrap_or((rest, ""));
    let parts: Vec<&str> = rest.splitn(3, '.').collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if !valid_ident(pre) || !valid_ident(metadata) {
        return None;
    }
    let int = |s: &str| go::atoi(s).ok();
    let (a, b, c) = (int(a)?, int(b)?, int(c)?);
    Some((a, b, c) == (3, 4, 0) && pre.is_empty() && metadata.is_empty())
}

// ---------------------------------------------------------------------------------------------
// net/url
// ---------------------------------------------------------------------------------------------

/// What Ignition reads from a parsed URL.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Url<'a> {
    /// Lower-cased scheme, `""` when none.
    pub(crate) scheme: std::borrow::Cow<'a, str>,
    /// The part after `scheme:` when it does not start with `/`.
    pub(crate) opaque: &'a str,
    /// The query after `?`, not unescaped.
    pub(crate) raw_query: &'a str,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Path,
    Host,
    Zone,
    UserPassword,
    QueryComponent,
    Fragment,
}

fn should_escape_host(c: u8) -> bool {
    if c.is_ascii_alphanumeric() {
        return false;
    }
    !matches!(
        c,
        b'!' | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b':'
            | b'['
            | b']'
            | b'<'
            | b'>'
            | b'"'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
    )
}

fn unhex(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        b'A'..=b'F' => c - b'A' + 10,
        _ => 0,
    }
}

/// Go's `url.unescape(s, mode)`: whether it succeeds.
fn unescape(s: &str, mode: Mode) -> Result<(), ()> {
    unescape_into(s, mode, None)
}

/// Go's `url.unescape(s, mode)`, writing the unescaped bytes to `out` when given.
fn unescape_into(s: &str, mode: Mode, mut out: Option<&mut Vec<u8>>) -> Result<(), ()> {
    let b = s.as_bytes();
    let mut push = |c: u8| {
        if let Some(o) = out.as_deref_mut() {
            o.push(c);
        }
    };
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'%' => {
                let (Some(&h1), Some(&h2)) = (b.get(i + 1), b.get(i + 2)) else {
                    return Err(());
                };
                if !h1.is_ascii_hexdigit() || !h2.is_ascii_hexdigit() {
                    return Err(());
                }
                let esc = b.get(i..i + 3).unwrap_or_default();
                if mode == Mode::Host && unhex(h1) < 8 && esc != b"%25" {
                    return Err(());
                }
                let v = (unhex(h1) << 4) | unhex(h2);
                if mode == Mode::Zone && esc != b"%25" && v != b' ' && should_escape_host(v) {
                    return Err(());
                }
                push(v);
                i += 3;
            }
            b'+' => {
                push(if mode == Mode::QueryComponent {
                    b' '
                } else {
                    b'+'
                });
                i += 1;
            }
            _ => {
                if matches!(mode, Mode::Host | Mode::Zone) && c < 0x80 && should_escape_host(c) {
                    return Err(());
                }
                push(c);
                i += 1;
            }
        }
    }
    let _ = (Mode::Path, Mode::Fragment, Mode::UserPassword);
    Ok(())
}

fn valid_optional_port(port: &str) -> bool {
    match port.strip_prefix(':') {
        None => port.is_empty(),
        Some(digits) => digits.bytes().all(|b| b.is_ascii_digit()),
    }
}

fn parse_host(host: &str) -> Result<(), ()> {
    if host.starts_with('[') {
        let i = host.rfind(']').ok_or(())?;
        if !valid_optional_port(host.get(i + 1..).unwrap_or_default()) {
            return Err(());
        }
        let inner = host.get(..i).unwrap_or_default();
        if let Some(zone) = inner.find("%25") {
            unescape(host.get(..zone).unwrap_or_default(), Mode::Host)?;
            unescape(host.get(zone..i).unwrap_or_default(), Mode::Zone)?;
            return unescape(host.get(i..).unwrap_or_default(), Mode::Host);
        }
    } else if let Some(i) = host.rfind(':')
        && !valid_optional_port(host.get(i..).unwrap_or_default())
    {
        return Err(());
    }
    unescape(host, Mode::Host)
}

fn valid_userinfo(s: &str) -> bool {
    s.bytes().all(|b| {
        b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b':'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'%'
                    | b'@'
            )
    }) && s.is_ascii()
}

fn parse_authority(authority: &str) -> Result<(), ()> {
    match authority.rfind('@') {
        None => parse_host(authority),
        Some(i) => {
            parse_host(authority.get(i + 1..).unwrap_or_default())?;
            let userinfo = authority.get(..i).unwrap_or_default();
            if !valid_userinfo(userinfo) {
                return Err(());
            }
            match userinfo.split_once(':') {
                None => unescape(userinfo, Mode::UserPassword),
                Some((u, p)) => {
                    unescape(u, Mode::UserPassword)?;
                    unescape(p, Mode::UserPassword)
                }
            }
        }
    }
}

/// Go's `url.Parse`: `Err(())` exactly when Go returns an error (Ignition maps every such
/// error to one message).
// DEVIATION: Go 1.25's extra IPv6-literal host checks are not modelled.
pub(crate) fn url_parse(raw: &str) -> Result<Url<'_>, ()> {
    let (u, frag) = raw.split_once('#').unwrap_or((raw, ""));
    let url = parse_no_fragment(u)?;
    unescape(frag, Mode::Fragment)?;
    Ok(url)
}

fn parse_no_fragment(raw: &str) -> Result<Url<'_>, ()> {
    if raw.bytes().any(|b| b < 0x20 || b == 0x7f) {
        return Err(());
    }
    let mut url = Url::default();
    if raw == "*" {
        return Ok(url);
    }
    // getScheme
    let mut rest = raw;
    for (i, b) in raw.bytes().enumerate() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' => {}
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                if i == 0 {
                    break;
                }
            }
            b':' => {
                if i == 0 {
                    return Err(());
                }
                let scheme = raw.get(..i).unwrap_or_default();
                url.scheme = if scheme.bytes().any(|b| b.is_ascii_uppercase()) {
                    std::borrow::Cow::Owned(scheme.to_ascii_lowercase())
                } else {
                    std::borrow::Cow::Borrowed(scheme)
                };
                rest = raw.get(i + 1..).unwrap_or_default();
                break;
            }
            _ => break,
        }
    }
    if rest.ends_with('?') && rest.matches('?').count() == 1 {
        rest = rest.get(..rest.len() - 1).unwrap_or_default();
    } else if let Some((r, q)) = rest.split_once('?') {
        url.raw_query = q;
        rest = r;
    }
    if !rest.starts_with('/') {
        if !url.scheme.is_empty() {
            url.opaque = rest;
            return Ok(url);
        }
        let segment = rest.split('/').next().unwrap_or_default();
        if segment.contains(':') {
            return Err(());
        }
    }
    if (!url.scheme.is_empty() || !rest.starts_with("///")) && rest.starts_with("//") {
        let authority_and_path = rest.get(2..).unwrap_or_default();
        let (authority, path) = match authority_and_path.find('/') {
            Some(i) => (
                authority_and_path.get(..i).unwrap_or_default(),
                authority_and_path.get(i..).unwrap_or_default(),
            ),
            None => (authority_and_path, ""),
        };
        parse_authority(authority)?;
        rest = path;
    }
    unescape(rest, Mode::Path)?;
    Ok(url)
}

/// The values of `key` in a raw query, as Go's `url.ParseQuery` keeps them (pairs with a `;`
/// or a bad escape are skipped); `None` when the key is absent.
pub(crate) fn query_values(raw_query: &str, key: &str) -> Option<Vec<String>> {
    let mut found: Option<Vec<String>> = None;
    for pair in raw_query.split('&') {
        if pair.contains(';') || pair.is_empty() {
            continue;
        }
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let (mut kb, mut vb) = (Vec::new(), Vec::new());
        if unescape_into(k, Mode::QueryComponent, Some(&mut kb)).is_err()
            || unescape_into(v, Mode::QueryComponent, Some(&mut vb)).is_err()
        {
            continue;
        }
        if kb == key.as_bytes() {
            found
                .get_or_insert_with(Vec::new)
                .push(String::from_utf8_lossy(&vb).into_owned());
        }
    }
    found
}

// ---------------------------------------------------------------------------------------------
// aws arn
// ---------------------------------------------------------------------------------------------

/// `arn.IsARN` then `arn.Parse` of aws-sdk-go-v2 v1.41.1 (the release Ignition v2.26.0
/// vendors): the service and resource sections, or `None` when `IsARN` rejects the text (no
/// `arn:` prefix, or fewer than five colons).
///
/// That release checks nothing else: once `IsARN` holds, splitting at the first five colons
/// always yields the six sections `Parse` wants, and empty partition, service, region, account
/// or resource sections are all accepted. Stricter ARN parsers (rejecting an empty partition,
/// service or resource) are not what Ignition v2.26.0 runs.
pub(crate) fn arn_parse(s: &str) -> Option<(&str, &str)> {
    if !s.starts_with("arn:") || s.matches(':').count() < 5 {
        return None;
    }
    let mut sections = s.splitn(6, ':');
    let service = sections.nth(2)?;
    let resource = sections.nth(2)?;
    Some((service, resource))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_like_go_path() {
        for (i, o) in [
            ("/a/b/../c", "/a/c"),
            ("/a//b/", "/a/b"),
            ("/../a", "/a"),
            ("a/./b", "a/b"),
            ("", "."),
            ("/", "/"),
            ("../..", "../.."),
            ("a/..", "."),
        ] {
            assert_eq!(path_clean(i), o, "{i}");
        }
        assert_eq!(path_ext("/a.b/c"), "");
        assert_eq!(path_ext("x.service"), ".service");
        assert_eq!(path_join("/a/b", "../c"), "/a/c");
    }

    #[test]
    fn semver_like_go_semver() {
        for ok in [
            "3.4.0", "03.4.0", "3.4.00", "3.4.0-", "3.4.0+", "3.4.-0", "3.+4.0",
        ] {
            // `-` and `+` split off pre-release and metadata at their first occurrence.
            let expect = ok != "3.4.-0" && ok != "3.+4.0";
            assert_eq!(is_version_3_4_0(ok), expect, "{ok}");
        }
        for bad in [
            "3.4",
            "3.4.0.0",
            "3.4.0-rc1",
            "v3.4.0",
            "3.3.0",
            "",
            "3.4.0+meta",
        ] {
            assert!(!is_version_3_4_0(bad), "{bad}");
        }
    }

    #[test]
    fn url_parse_like_go() {
        assert_eq!(url_parse("HTTPS://h/p").unwrap().scheme, "https");
        assert_eq!(
            url_parse("arn:aws:s3:::b/k?versionId=1").unwrap().opaque,
            "aws:s3:::b/k"
        );
        for bad in [
            "://x",
            "http://a b/",
            "http://h:port/",
            "http://[::1/",
            "http://h/%zz",
            "a:b/c\u{1}",
            "x#%zz",
            "http://us er@h/",
        ] {
            assert!(url_parse(bad).is_err(), "{bad}");
        }
        assert!(url_parse("relative/path").is_ok());
        assert!(
            url_parse("1a:b").is_err(),
            "first path segment with a colon"
        );
        assert_eq!(
            query_values("a=1&versionId=&b", "versionId"),
            Some(vec![String::new()])
        );
        assert_eq!(query_values("a=1", "versionId"), None);
    }
}
