//! A JSON reader that behaves like Go's `encoding/json` where Ignition can see it: the syntax
//! check and its messages (`scanner.go`: `invalid character 'x' looking for beginning of value`,
//! `unexpected end of JSON input`, and, for input that ends inside a token, the error Go 1.24's
//! scanner gives the space it steps with at the end; the offset after the offending byte),
//! string unquoting (invalid UTF-8 and lone surrogates become U+FFFD byte by byte), and a tree
//! that keeps every value's byte offset (what `coreos/go-json` gives vcontext for line/column
//! markers).
//!
//! The tree is an arena (`Vec<Node>`) built without recursion, so deeply nested input neither
//! overflows the stack while parsing nor while dropping.

use std::borrow::Cow;

/// One JSON value.
#[derive(Debug, Clone)]
pub(crate) struct Node<'a> {
    /// Byte offset of the value's first byte (`None` for trees built from a `serde_json::Value`).
    pub(crate) start: Option<usize>,
    /// Byte offset just past the value.
    pub(crate) end: Option<usize>,
    pub(crate) kind: Kind<'a>,
}

/// What a [`Node`] is.
#[derive(Debug, Clone)]
pub(crate) enum Kind<'a> {
    Null,
    Bool(bool),
    /// The number's literal text, as Go keeps it for `strconv.ParseInt`.
    Number(Cow<'a, str>),
    String(Cow<'a, str>),
    /// Indices of the elements in the arena.
    Array(Vec<usize>),
    /// Members in document order (duplicates kept): key, key offset, value index.
    Object(Vec<Member<'a>>),
}

/// A member of an object.
#[derive(Debug, Clone)]
pub(crate) struct Member<'a> {
    pub(crate) key: Cow<'a, str>,
    pub(crate) key_start: Option<usize>,
    pub(crate) value: usize,
}

/// A parsed document: the arena and the root's index.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tree<'a> {
    pub(crate) nodes: Vec<Node<'a>>,
}

impl<'a> Tree<'a> {
    /// The root node (the last one pushed is never the root; the root is always index 0).
    pub(crate) fn root(&self) -> Option<&Node<'a>> {
        self.nodes.first()
    }

    pub(crate) fn get(&self, i: usize) -> Option<&Node<'a>> {
        self.nodes.get(i)
    }
}

/// Go's `*json.SyntaxError`: the message and the offset Go reports (bytes read when the
/// error was found: the offending byte's index + 1, or the input length at EOF).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub(crate) msg: String,
    pub(crate) offset: usize,
}

/// Go's `quoteChar` (scanner.go): `'x'`, with `'\''` and `'"'` special-cased.
pub(crate) fn quote_char(c: u8) -> String {
    match c {
        b'\'' => "'\\''".to_owned(),
        b'"' => "'\"'".to_owned(),
        _ => {
            // Go's string(c) of a byte is the code point U+00cc.
            let s = acp_model::go::quote(&char::from(c).to_string());
            let inner = s
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .unwrap_or(&s);
            format!("'{inner}'")
        }
    }
}

const MAX_DEPTH: usize = 10_000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    /// Inside an array; the element index list lives in `stack` frame.
    Array,
    /// Inside an object, after the key (value comes next).
    Object,
}

struct Frame<'a> {
    ctx: Ctx,
    node: usize,
    /// For objects: the pending key and its offset.
    key: Option<(Cow<'a, str>, usize)>,
}

/// The containers open at the current position.
struct Open<'a> {
    stack: Vec<Frame<'a>>,
    /// Elements of open arrays, per frame.
    array_items: Vec<Vec<usize>>,
    /// Members of open objects, per frame.
    object_members: Vec<Vec<Member<'a>>>,
}

struct Parser<'a> {
    src: &'a [u8],
    pos: usize,
    nodes: Vec<Node<'a>>,
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

impl<'a> Parser<'a> {
    fn err(&self, at: usize, context: &str) -> SyntaxError {
        match self.src.get(at) {
            Some(&c) => SyntaxError {
                msg: format!("invalid character {} {context}", quote_char(c)),
                offset: at + 1,
            },
            None => self.eof(),
        }
    }

    fn eof(&self) -> SyntaxError {
        SyntaxError {
            msg: "unexpected end of JSON input".to_owned(),
            offset: self.src.len(),
        }
    }

    /// The input ends inside a token. Go's scanner ends its input by stepping once more with a
    /// space (`scanner.eof`), so a token that cannot end there reports that space as the
    /// offending character, at the end of the input.
    fn eof_in_token(&self, context: &str) -> SyntaxError {
        SyntaxError {
            msg: format!("invalid character ' ' {context}"),
            offset: self.src.len(),
        }
    }

    fn skip_space(&mut self) {
        while self.src.get(self.pos).is_some_and(|&c| is_space(c)) {
            self.pos += 1;
        }
    }

    fn push(&mut self, start: usize, kind: Kind<'a>) -> usize {
        self.nodes.push(Node {
            start: Some(start),
            end: Some(self.pos),
            kind,
        });
        self.nodes.len() - 1
    }

    /// Scans a literal (string, number, true/false/null) at `self.pos`, which holds its first
    /// byte (already known to start a value).
    fn literal(&mut self) -> Result<Kind<'a>, SyntaxError> {
        let start = self.pos;
        match self.src.get(start) {
            Some(b'"') => self.string().map(Kind::String),
            Some(b't') => self.word(b"true", "true").map(|()| Kind::Bool(true)),
            Some(b'f') => self.word(b"false", "false").map(|()| Kind::Bool(false)),
            Some(b'n') => self.word(b"null", "null").map(|()| Kind::Null),
            Some(_) => self.number(),
            None => Err(self.eof()),
        }
    }

    fn word(&mut self, w: &[u8], name: &str) -> Result<(), SyntaxError> {
        for (i, &want) in w.iter().enumerate().skip(1) {
            let at = self.pos + i;
            let context = || format!("in literal {name} (expecting {})", quote_char(want));
            match self.src.get(at) {
                None => return Err(self.eof_in_token(&context())),
                Some(&c) if c == want => {}
                Some(_) => return Err(self.err(at, &context())),
            }
        }
        self.pos += w.len();
        Ok(())
    }

    fn number(&mut self) -> Result<Kind<'a>, SyntaxError> {
        let start = self.pos;
        let src = self.src;
        let digit = |i: usize| src.get(i).is_some_and(u8::is_ascii_digit);
        let mut i = start;
        if src.get(i) == Some(&b'-') {
            i += 1;
            if src.get(i).is_none() {
                return Err(self.eof_in_token("in numeric literal"));
            }
            if !digit(i) {
                return Err(self.err(i, "in numeric literal"));
            }
        }
        if src.get(i) == Some(&b'0') {
            i += 1;
        } else {
            while digit(i) {
                i += 1;
            }
        }
        if src.get(i) == Some(&b'.') {
            i += 1;
            if src.get(i).is_none() {
                return Err(self.eof_in_token("after decimal point in numeric literal"));
            }
            if !digit(i) {
                return Err(self.err(i, "after decimal point in numeric literal"));
            }
            while digit(i) {
                i += 1;
            }
        }
        if matches!(src.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(src.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if src.get(i).is_none() {
                return Err(self.eof_in_token("in exponent of numeric literal"));
            }
            if !digit(i) {
                return Err(self.err(i, "in exponent of numeric literal"));
            }
            while digit(i) {
                i += 1;
            }
        }
        self.pos = i;
        let text = src.get(start..i).unwrap_or_default();
        // Number literals are ASCII.
        Ok(Kind::Number(String::from_utf8_lossy(text)))
    }

    /// Scans and unquotes a string starting at the opening quote.
    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        let src = self.src;
        let mut i = self.pos + 1;
        let body_start = i;
        // Syntax pass, as Go's scanner: control characters and escapes.
        loop {
            match src.get(i) {
                None => return Err(self.eof()),
                Some(b'"') => break,
                Some(b'\\') => {
                    i += 1;
                    match src.get(i) {
                        None => return Err(self.eof_in_token("in string escape code")),
                        Some(b'b' | b'f' | b'n' | b'r' | b't' | b'\\' | b'/' | b'"') => i += 1,
                        Some(b'u') => {
                            i += 1;
                            for _ in 0..4 {
                                match src.get(i) {
                                    None => {
                                        return Err(self
                                            .eof_in_token("in \\u hexadecimal character escape"));
                                    }
                                    Some(c) if c.is_ascii_hexdigit() => i += 1,
                                    Some(_) => {
                                        return Err(
                                            self.err(i, "in \\u hexadecimal character escape")
                                        );
                                    }
                                }
                            }
                        }
                        Some(_) => return Err(self.err(i, "in string escape code")),
                    }
                }
                Some(&c) if c < 0x20 => return Err(self.err(i, "in string literal")),
                Some(_) => i += 1,
            }
        }
        self.pos = i + 1;
        Ok(unquote_body(src.get(body_start..i).unwrap_or_default()))
    }

    fn parse(mut self) -> Result<Tree<'a>, SyntaxError> {
        let mut open = Open {
            stack: Vec::new(),
            array_items: Vec::new(),
            object_members: Vec::new(),
        };
        self.skip_space();
        loop {
            let Some(finished) = self.begin_value(&mut open)? else {
                continue;
            };
            if !self.end_value(&mut open, finished)? {
                return Ok(Tree { nodes: self.nodes });
            }
        }
    }

    /// Go's `stateBeginValue`: reads a literal (`Some(node)`, complete) or opens an object or
    /// array (`None`, its first value follows).
    fn begin_value(&mut self, open: &mut Open<'a>) -> Result<Option<usize>, SyntaxError> {
        self.skip_space();
        let start = self.pos;
        let finished = match self.src.get(start) {
            None => return Err(self.eof()),
            Some(b'{') => {
                if open.stack.len() >= MAX_DEPTH {
                    return Err(self.err(start, "exceeded max depth"));
                }
                self.pos += 1;
                let idx = self.push(start, Kind::Object(Vec::new()));
                self.skip_space();
                match self.src.get(self.pos) {
                    None => return Err(self.eof()),
                    Some(b'}') => {
                        self.pos += 1;
                        if let Some(n) = self.nodes.get_mut(idx) {
                            n.end = Some(self.pos);
                        }
                        idx
                    }
                    Some(b'"') => {
                        let key_start = self.pos;
                        let key = self.string()?;
                        self.skip_space();
                        match self.src.get(self.pos) {
                            None => return Err(self.eof()),
                            Some(b':') => self.pos += 1,
                            Some(_) => return Err(self.err(self.pos, "after object key")),
                        }
                        open.stack.push(Frame {
                            ctx: Ctx::Object,
                            node: idx,
                            key: Some((key, key_start)),
                        });
                        open.object_members.push(Vec::new());
                        return Ok(None);
                    }
                    Some(_) => {
                        return Err(
                            self.err(self.pos, "looking for beginning of object key string")
                        );
                    }
                }
            }
            Some(b'[') => {
                if open.stack.len() >= MAX_DEPTH {
                    return Err(self.err(start, "exceeded max depth"));
                }
                self.pos += 1;
                let idx = self.push(start, Kind::Array(Vec::new()));
                self.skip_space();
                match self.src.get(self.pos) {
                    None => return Err(self.eof()),
                    Some(b']') => {
                        self.pos += 1;
                        if let Some(n) = self.nodes.get_mut(idx) {
                            n.end = Some(self.pos);
                        }
                        idx
                    }
                    Some(_) => {
                        open.stack.push(Frame {
                            ctx: Ctx::Array,
                            node: idx,
                            key: None,
                        });
                        open.array_items.push(Vec::new());
                        return Ok(None);
                    }
                }
            }
            Some(&c) if c == b'"' || c == b'-' || c.is_ascii_digit() || b"tfn".contains(&c) => {
                let kind = self.literal()?;
                self.push(start, kind)
            }
            Some(_) => return Err(self.err(start, "looking for beginning of value")),
        };
        Ok(Some(finished))
    }

    /// Go's `stateEndValue` and the states after it: attaches the complete value `done` to the
    /// open containers, closing them as they end. `true` when another value follows, `false`
    /// when the top-level value is complete (only white space may follow it).
    fn end_value(&mut self, open: &mut Open<'a>, finished: usize) -> Result<bool, SyntaxError> {
        let mut done = finished;
        loop {
            let Some(frame) = open.stack.last_mut() else {
                // Top level: only white space may follow.
                self.skip_space();
                if self.pos < self.src.len() {
                    return Err(self.err(self.pos, "after top-level value"));
                }
                return Ok(false);
            };
            match frame.ctx {
                Ctx::Array => {
                    if let Some(items) = open.array_items.last_mut() {
                        items.push(done);
                    }
                    self.skip_space();
                    match self.src.get(self.pos) {
                        None => return Err(self.eof()),
                        Some(b',') => {
                            self.pos += 1;
                            return Ok(true);
                        }
                        Some(b']') => {
                            self.pos += 1;
                            let node = frame.node;
                            open.stack.pop();
                            let items = open.array_items.pop().unwrap_or_default();
                            if let Some(n) = self.nodes.get_mut(node) {
                                n.end = Some(self.pos);
                                n.kind = Kind::Array(items);
                            }
                            done = node;
                        }
                        Some(_) => return Err(self.err(self.pos, "after array element")),
                    }
                }
                Ctx::Object => {
                    if let (Some(members), Some((key, key_start))) =
                        (open.object_members.last_mut(), frame.key.take())
                    {
                        members.push(Member {
                            key,
                            key_start: Some(key_start),
                            value: done,
                        });
                    }
                    self.skip_space();
                    match self.src.get(self.pos) {
                        None => return Err(self.eof()),
                        Some(b',') => {
                            self.pos += 1;
                            self.skip_space();
                            match self.src.get(self.pos) {
                                None => return Err(self.eof()),
                                Some(b'"') => {}
                                Some(_) => {
                                    return Err(self.err(
                                        self.pos,
                                        "looking for beginning of object key string",
                                    ));
                                }
                            }
                            let key_start = self.pos;
                            let key = self.string()?;
                            self.skip_space();
                            match self.src.get(self.pos) {
                                None => return Err(self.eof()),
                                Some(b':') => self.pos += 1,
                                Some(_) => {
                                    return Err(self.err(self.pos, "after object key"));
                                }
                            }
                            frame.key = Some((key, key_start));
                            return Ok(true);
                        }
                        Some(b'}') => {
                            self.pos += 1;
                            let node = frame.node;
                            open.stack.pop();
                            let members = open.object_members.pop().unwrap_or_default();
                            if let Some(n) = self.nodes.get_mut(node) {
                                n.end = Some(self.pos);
                                n.kind = Kind::Object(members);
                            }
                            done = node;
                        }
                        Some(_) => {
                            return Err(self.err(self.pos, "after object key:value pair"));
                        }
                    }
                }
            }
        }
    }
}

/// Unquotes a string body as Go's `unquoteBytes`: escapes decoded, surrogate pairs joined,
/// lone surrogates and invalid UTF-8 bytes replaced by U+FFFD one byte at a time.
fn unquote_body(s: &[u8]) -> Cow<'_, str> {
    if !s.contains(&b'\\')
        && let Ok(v) = std::str::from_utf8(s)
    {
        return Cow::Borrowed(v);
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(&c) = s.get(i) {
        if c == b'\\' {
            match s.get(i + 1) {
                Some(b'u') => {
                    let Some(r) = hex4(s, i + 2) else {
                        // The scanner already checked the escape; unreachable on valid input.
                        i += 2;
                        continue;
                    };
                    i += 6;
                    if (0xD800..0xE000).contains(&r) {
                        if (0xD800..0xDC00).contains(&r)
                            && s.get(i) == Some(&b'\\')
                            && s.get(i + 1) == Some(&b'u')
                            && let Some(r2) = hex4(s, i + 2)
                            && (0xDC00..0xE000).contains(&r2)
                        {
                            let cp = 0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00);
                            out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                            i += 6;
                        } else {
                            out.push('\u{FFFD}');
                        }
                    } else {
                        out.push(char::from_u32(r).unwrap_or('\u{FFFD}'));
                    }
                    continue;
                }
                Some(&e) => {
                    out.push(match e {
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        other => char::from(other),
                    });
                    i += 2;
                    continue;
                }
                None => break,
            }
        }
        let (ch, size) = decode_rune(s.get(i..).unwrap_or_default());
        out.push(ch);
        i += size;
    }
    Cow::Owned(out)
}

fn hex4(s: &[u8], at: usize) -> Option<u32> {
    let h = s.get(at..at + 4)?;
    let t = std::str::from_utf8(h).ok()?;
    u32::from_str_radix(t, 16).ok()
}

/// Go's `utf8.DecodeRune`: the first rune, or (U+FFFD, 1) for an invalid byte.
pub(crate) fn decode_rune(s: &[u8]) -> (char, usize) {
    let Some(&b0) = s.first() else {
        return ('\u{FFFD}', 0);
    };
    let len = match b0 {
        0x00..=0x7F => 1,
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return ('\u{FFFD}', 1),
    };
    match s.get(..len).and_then(|b| std::str::from_utf8(b).ok()) {
        Some(v) => (v.chars().next().unwrap_or('\u{FFFD}'), len),
        None => ('\u{FFFD}', 1),
    }
}

/// Parses `src` as Go's `json.Unmarshal` checks it (syntax first, whole input).
pub(crate) fn parse(src: &[u8]) -> Result<Tree<'_>, SyntaxError> {
    Parser {
        src,
        pos: 0,
        nodes: Vec::new(),
    }
    .parse()
}

/// The same tree for a value that is already parsed (no offsets), built without recursion.
pub(crate) fn from_value(v: &serde_json::Value) -> Tree<'_> {
    use serde_json::Value;
    let mut nodes: Vec<Node<'_>> = Vec::new();
    // (value, parent slot to fill: (node index, position in its child list))
    let mut work: Vec<(&Value, Option<(usize, usize)>)> = vec![(v, None)];
    while let Some((value, parent)) = work.pop() {
        let idx = nodes.len();
        let kind = match value {
            Value::Null => Kind::Null,
            Value::Bool(b) => Kind::Bool(*b),
            Value::Number(n) => Kind::Number(Cow::Owned(n.to_string())),
            Value::String(s) => Kind::String(Cow::Borrowed(s)),
            Value::Array(a) => {
                for (i, item) in a.iter().enumerate().rev() {
                    work.push((item, Some((idx, i))));
                }
                Kind::Array(vec![usize::MAX; a.len()])
            }
            Value::Object(m) => {
                let members = m
                    .iter()
                    .map(|(k, _)| Member {
                        key: Cow::Borrowed(k.as_str()),
                        key_start: None,
                        value: usize::MAX,
                    })
                    .collect();
                for (i, (_, item)) in m.iter().enumerate().rev() {
                    work.push((item, Some((idx, i))));
                }
                Kind::Object(members)
            }
        };
        nodes.push(Node {
            start: None,
            end: None,
            kind,
        });
        if let Some((p, slot)) = parent
            && let Some(pn) = nodes.get_mut(p)
        {
            match &mut pn.kind {
                Kind::Array(items) => {
                    if let Some(s) = items.get_mut(slot) {
                        *s = idx;
                    }
                }
                Kind::Object(members) => {
                    if let Some(m) = members.get_mut(slot) {
                        m.value = idx;
                    }
                }
                _ => {}
            }
        }
    }
    Tree { nodes }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(s: &str) -> (String, usize) {
        let e = parse(s.as_bytes()).unwrap_err();
        (e.msg, e.offset)
    }

    #[test]
    fn go_scanner_messages() {
        // Messages of Go's encoding/json scanner.go, offsets = index of the byte + 1.
        assert_eq!(
            err("{\"a\" 1}"),
            ("invalid character '1' after object key".into(), 6)
        );
        assert_eq!(err(""), ("unexpected end of JSON input".into(), 0));
        assert_eq!(err("{"), ("unexpected end of JSON input".into(), 1));
        assert_eq!(
            err("x"),
            (
                "invalid character 'x' looking for beginning of value".into(),
                1
            )
        );
        assert_eq!(
            err("{\"a\":1 \"b\"}"),
            (
                "invalid character '\"' after object key:value pair".into(),
                8
            )
        );
        assert_eq!(
            err("[1 2]"),
            ("invalid character '2' after array element".into(), 4)
        );
        assert_eq!(
            err("{} x"),
            ("invalid character 'x' after top-level value".into(), 4)
        );
        assert_eq!(
            err("{,}"),
            (
                "invalid character ',' looking for beginning of object key string".into(),
                2
            )
        );
        assert_eq!(
            err("tru "),
            (
                "invalid character ' ' in literal true (expecting 'e')".into(),
                4
            )
        );
        assert_eq!(
            err("\"\n\""),
            ("invalid character '\\n' in string literal".into(), 2)
        );
        assert_eq!(
            err("\"\\x\""),
            ("invalid character 'x' in string escape code".into(), 3)
        );
        assert_eq!(
            err("-x"),
            ("invalid character 'x' in numeric literal".into(), 2)
        );
        assert_eq!(
            err("1.x"),
            (
                "invalid character 'x' after decimal point in numeric literal".into(),
                3
            )
        );
        assert_eq!(
            err("1ex"),
            (
                "invalid character 'x' in exponent of numeric literal".into(),
                3
            )
        );
        assert_eq!(
            err("01"),
            ("invalid character '1' after top-level value".into(), 2)
        );
        assert_eq!(
            err("{'a':1}"),
            (
                "invalid character '\\'' looking for beginning of object key string".into(),
                2
            )
        );
        assert_eq!(
            err("[\u{e9}]"),
            (
                "invalid character 'Ã' looking for beginning of value".into(),
                2
            )
        );
    }

    #[test]
    fn input_ending_inside_a_token() {
        // Go 1.24's scanner steps once more with a space at the end of the input; the offset
        // is the input's length. Expected texts: coreos/ignition v2.26.0 built with Go 1.24.
        for (input, msg) in [
            ("\"a\\", "invalid character ' ' in string escape code"),
            (
                "\"\\u00",
                "invalid character ' ' in \\u hexadecimal character escape",
            ),
            ("[-", "invalid character ' ' in numeric literal"),
            (
                "[1.",
                "invalid character ' ' after decimal point in numeric literal",
            ),
            (
                "[1e",
                "invalid character ' ' in exponent of numeric literal",
            ),
            (
                "[1E+",
                "invalid character ' ' in exponent of numeric literal",
            ),
            (
                "{\"a\":t",
                "invalid character ' ' in literal true (expecting 'r')",
            ),
            (
                "[fals",
                "invalid character ' ' in literal false (expecting 'e')",
            ),
            (
                "nul",
                "invalid character ' ' in literal null (expecting 'l')",
            ),
            // Where a token may end, the end of the input is just that.
            ("\"abc", "unexpected end of JSON input"),
            ("[12", "unexpected end of JSON input"),
            ("[1.5e3", "unexpected end of JSON input"),
            ("[true", "unexpected end of JSON input"),
        ] {
            assert_eq!(err(input), (msg.to_owned(), input.len()), "{input}");
        }
    }

    #[test]
    fn strings_are_unquoted_like_go() {
        let mut input = br#"["a\u00e9\ud83d\ude00\ud800x\n", "?"]"#.to_vec();
        let q = input.iter().position(|&b| b == b'?').unwrap();
        input[q] = 0xff;
        let t = parse(&input).unwrap();
        let Kind::Array(items) = &t.root().unwrap().kind else {
            panic!()
        };
        let s: Vec<String> = items
            .iter()
            .map(|&i| match &t.get(i).unwrap().kind {
                Kind::String(s) => s.to_string(),
                _ => panic!(),
            })
            .collect();
        assert_eq!(s, vec!["a\u{e9}\u{1F600}\u{FFFD}x\n", "\u{FFFD}"]);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(20_000);
        assert_eq!(
            err(&deep),
            ("invalid character '[' exceeded max depth".into(), 10_001)
        );
        let ok = format!("{}{}", "[".repeat(5_000), "]".repeat(5_000));
        assert!(parse(ok.as_bytes()).is_ok());
    }
}
