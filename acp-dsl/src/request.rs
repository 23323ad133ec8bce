//! The request as ALB's matcher sees it, and the matching options.

/// How a request is evaluated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct MatchOptions {
    /// `SRC_IP` is the `X-Real-IP` header when present (ALB does this unconditionally:
    /// alauda/alb `template/nginx/lua/match_engine/operation.lua` `parse_single_matcher`).
    pub trust_x_real_ip: bool,
    /// Otherwise `SRC_IP` is the first entry of `X-Forwarded-For` when present (ALB: yes).
    pub trust_x_forwarded_for: bool,
    /// Reproduce ALB's quirks exactly instead of the documented semantics (see the crate docs,
    /// "Deviations from upstream (ALB)").
    pub alb_compat: bool,
}

impl MatchOptions {
    /// Sets [`trust_x_real_ip`](MatchOptions::trust_x_real_ip).
    #[must_use]
    pub fn with_trust_x_real_ip(mut self, trust_x_real_ip: bool) -> Self {
        self.trust_x_real_ip = trust_x_real_ip;
        self
    }

    /// Sets [`trust_x_forwarded_for`](MatchOptions::trust_x_forwarded_for).
    #[must_use]
    pub fn with_trust_x_forwarded_for(mut self, trust_x_forwarded_for: bool) -> Self {
        self.trust_x_forwarded_for = trust_x_forwarded_for;
        self
    }

    /// Sets [`alb_compat`](MatchOptions::alb_compat).
    #[must_use]
    pub fn with_alb_compat(mut self, alb_compat: bool) -> Self {
        self.alb_compat = alb_compat;
        self
    }
}

impl Default for MatchOptions {
    /// ALB's behaviour for `SRC_IP` (both headers trusted), documented semantics otherwise.
    fn default() -> Self {
        MatchOptions {
            trust_x_real_ip: true,
            trust_x_forwarded_for: true,
            alb_compat: false,
        }
    }
}

impl MatchOptions {
    /// Everything exactly as ALB does it, quirks included.
    pub fn alb_compat() -> Self {
        MatchOptions {
            alb_compat: true,
            ..MatchOptions::default()
        }
    }
}

/// One query parameter: name, and value (`None` for `?flag` without `=`).
pub type Param = (String, Option<String>);

/// An HTTP request, reduced to what `dslx` can look at.
///
/// Built with [`Request::new`] and the `with_*` methods; the constructor normalises as nginx does
/// before ALB sees the values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub(crate) method: String,
    pub(crate) host: String,
    pub(crate) path: String,
    pub(crate) params: Vec<Param>,
    /// `(normalised name, value)`; the name lower-cased with `_` turned into `-`.
    pub(crate) headers: Vec<(String, String)>,
    /// The values of the `Cookie` headers, in order (cookies are read from them as nginx reads
    /// `$cookie_<name>`, see [`Request::cookie`]).
    pub(crate) cookie_headers: Vec<String>,
    pub(crate) remote_addr: String,
}

/// Lower-cases a header name and maps `_` to `-` (nginx's `$http_<name>` equivalence).
pub(crate) fn normalize_header_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// The value of a hex digit.
fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `%XX` and `+` as `ngx.req.get_uri_args` does; invalid escapes stay as written.
pub(crate) fn decode_component(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                }
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Normalises a host as nginx's `$host` and ALB do: lower-case, `:port` removed (IPv6 literals
/// keep their brackets), one trailing dot removed.
// DEVIATION: the host is cut at the port after the closing bracket of an IPv6 literal; ALB cuts at
// the first `:`, mangling bracketed IPv6 literals.
pub(crate) fn normalize_host(host: &str) -> String {
    let h = host.trim();
    let without_port = if h.starts_with('[') {
        match h.find(']') {
            Some(end) => &h[..=end],
            None => h,
        }
    } else {
        match h.find(':') {
            Some(i) => &h[..i],
            None => h,
        }
    };
    let mut out = without_port.to_ascii_lowercase();
    if out.ends_with('.') && out.len() > 1 {
        out.pop();
    }
    out
}

/// One `Cookie` header searched for `name` as nginx does (`ngx_http_parse_multi_header_lines`,
/// identical in nginx 1.22.1 and 1.25.3).
fn nginx_cookie<'h>(header: &'h str, name: &[u8]) -> Option<&'h str> {
    let b = header.as_bytes();
    if name.len() > b.len() {
        return None;
    }
    let mut i = 0;
    while i < b.len() {
        if b.get(i..i + name.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(name))
        {
            let mut j = i + name.len();
            while b.get(j) == Some(&b' ') {
                j += 1;
            }
            if b.get(j) == Some(&b'=') {
                j += 1;
                while b.get(j) == Some(&b' ') {
                    j += 1;
                }
                let end = b[j..]
                    .iter()
                    .position(|&c| c == b';')
                    .map_or(b.len(), |k| j + k);
                return header.get(j..end);
            }
            // The byte after the name (and spaces) is consumed before the search resumes.
            i = (j + 1).min(b.len());
        }
        while let Some(&c) = b.get(i) {
            i += 1;
            if c == b';' || c == b',' {
                break;
            }
        }
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
    }
    None
}

impl Request {
    /// A request: method (as sent, e.g. `POST`), host (the `Host` header; lower-cased, `:port`
    /// and one trailing dot removed), and the request target (`/path?query`; the path is the
    /// `URL`, the query gives the `PARAM`s, percent-decoded).
    ///
    /// The path is used as given: nginx's `$uri` is additionally percent-decoded and
    /// dot-segment-normalised, which callers who start from a raw request line should do first.
    pub fn new(method: &str, host: &str, target: &str) -> Request {
        let (path, query) = match target.find('?') {
            Some(i) => (&target[..i], Some(&target[i + 1..])),
            None => (target, None),
        };
        let mut params = Vec::new();
        if let Some(q) = query {
            for part in q.split('&').filter(|p| !p.is_empty()) {
                match part.find('=') {
                    Some(i) => params.push((
                        decode_component(&part[..i]),
                        Some(decode_component(&part[i + 1..])),
                    )),
                    None => params.push((decode_component(part), None)),
                }
            }
        }
        Request {
            method: method.to_owned(),
            host: normalize_host(host),
            path: path.to_owned(),
            params,
            headers: Vec::new(),
            cookie_headers: Vec::new(),
            remote_addr: String::new(),
        }
    }

    /// Adds a header (its value as the server received it, surrounding whitespace removed).
    /// A `Cookie` header also adds its cookies.
    #[must_use]
    pub fn with_header(mut self, name: &str, value: &str) -> Request {
        let n = normalize_header_name(name);
        if n == "cookie" {
            self.cookie_headers.push(value.to_owned());
        }
        self.headers.push((n, value.to_owned()));
        self
    }

    /// Adds a cookie, as if sent in a `Cookie` header of its own, `name=value`.
    ///
    /// The value is read back the way nginx reads it, so a value holding `;` is cut there.
    #[must_use]
    pub fn with_cookie(mut self, name: &str, value: &str) -> Request {
        self.cookie_headers.push(format!("{name}={value}"));
        self
    }

    /// Sets the address of the peer (nginx `$remote_addr`).
    #[must_use]
    pub fn with_remote_addr(mut self, addr: &str) -> Request {
        self.remote_addr = addr.to_owned();
        self
    }

    /// The method.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The normalised host.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The path (`URL`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query parameters, in order.
    pub fn params(&self) -> &[Param] {
        &self.params
    }

    /// The first header with this name (case-insensitive; `_` and `-` are equivalent).
    pub fn header(&self, name: &str) -> Option<&str> {
        let n = normalize_header_name(name);
        self.header_normalized(&n)
    }

    /// The cookie `name` as nginx's `$cookie_<name>` (and so ALB) reads it.
    ///
    /// The `Cookie` headers are searched in order. Within a header, pairs are separated by `;`
    /// or `,` (each followed by any spaces); a pair whose name equals `name` ignoring ASCII case,
    /// followed by optional spaces and `=`, gives the value: after the `=` and any spaces, up to
    /// the next `;` (a `,` does not end it, trailing spaces are kept). A pair without `=` is no
    /// cookie, and nginx then resumes its search after the *next* separator.
    ///
    /// ```
    /// use acp_dsl::Request;
    /// let r = Request::new("GET", "h", "/").with_header("Cookie", "a=1,uid=5; T = 2 ;b ; B=3");
    /// assert_eq!(r.cookie("uid"), Some("5"));
    /// assert_eq!(r.cookie("a"), Some("1,uid=5"));
    /// assert_eq!(r.cookie("t"), Some("2 "));
    /// // `b` has no `=`, and the search resumes after the next `;`, past `B=3`.
    /// assert_eq!(r.cookie("b"), None);
    /// ```
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookie_headers
            .iter()
            .find_map(|h| nginx_cookie(h, name.as_bytes()))
    }

    pub(crate) fn header_normalized(&self, n: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == n)
            .map(|(_, v)| v.as_str())
    }

    /// The client address `SRC_IP` sees under these options.
    // DEVIATION: the caller may distrust `X-Real-IP` and `X-Forwarded-For` (MatchOptions); ALB
    // trusts both unconditionally (the default here).
    pub fn src_ip(&self, opts: &MatchOptions) -> &str {
        if opts.trust_x_real_ip
            && let Some(v) = self.header_normalized("x-real-ip")
        {
            return v;
        }
        if opts.trust_x_forwarded_for
            && let Some(v) = self.header_normalized("x-forwarded-for")
        {
            return match v.find(',') {
                Some(i) => &v[..i],
                None => v,
            };
        }
        &self.remote_addr
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_normalised() {
        assert_eq!(normalize_host("WWW.App.com:8080"), "www.app.com");
        assert_eq!(normalize_host("a.com."), "a.com");
        assert_eq!(normalize_host("[::1]:80"), "[::1]");
    }

    #[test]
    fn query_is_split_and_decoded() {
        let r = Request::new("GET", "h", "/a/b?group=vip&x=%41+b&flag&&y=%zz");
        assert_eq!(r.path(), "/a/b");
        assert_eq!(
            r.params(),
            &[
                ("group".to_string(), Some("vip".to_string())),
                ("x".to_string(), Some("A b".to_string())),
                ("flag".to_string(), None),
                ("y".to_string(), Some("%zz".to_string())),
            ]
        );
    }

    #[test]
    fn src_ip_follows_trust() {
        let r = Request::new("GET", "h", "/")
            .with_remote_addr("9.9.9.9")
            .with_header("X-Forwarded-For", "1.1.1.5, 2.2.2.2");
        assert_eq!(r.src_ip(&MatchOptions::default()), "1.1.1.5");
        let none = MatchOptions {
            trust_x_forwarded_for: false,
            ..MatchOptions::default()
        };
        assert_eq!(r.src_ip(&none), "9.9.9.9");
        let r = r.with_header("x_real_ip", "3.3.3.3");
        assert_eq!(r.src_ip(&MatchOptions::default()), "3.3.3.3");
        assert_eq!(r.header("X-REAL-IP"), Some("3.3.3.3"));
    }
}
