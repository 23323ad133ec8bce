//! `encoding/json`'s verdict on a document, in its words: the syntax check every `Unmarshal`
//! runs first (`checkValid`), then the type check of unmarshalling into
//! `map[string]interface{}`.

use super::quote;

/// Nesting deeper than this is an error (`encoding/json`'s `maxNestingDepth`).
const MAX_NESTING_DEPTH: usize = 10_000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// Inside an object, before a key's `:`.
    Key,
    /// Inside an object, after a key's `:`.
    Value,
    /// Inside an array.
    Array,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    BeginValue,
    BeginValueOrEmpty,
    BeginStringOrEmpty,
    BeginString,
    EndValue,
    EndTop,
    InString,
    InStringEsc,
    /// Inside `\u`, with this many hex digits read.
    InStringEscU(u8),
    Neg,
    One,
    Zero,
    Dot,
    Dot0,
    E,
    ESign,
    E0,
    /// Inside a literal (`true`, `false`, `null`): the literal and how many bytes were read.
    Literal(&'static [u8], usize),
}

/// Go's `quoteChar`: a byte as Go shows it in a syntax error (`'x'`, `'\''`, `'"'`, `'\n'`).
fn quote_char(c: u8) -> String {
    match c {
        b'\'' => r"'\''".to_owned(),
        b'"' => "'\"'".to_owned(),
        _ => {
            let q = quote(&char::from(c).to_string());
            format!("'{}'", &q[1..q.len() - 1])
        }
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

struct Scanner {
    state: State,
    stack: Vec<Frame>,
    err: Option<String>,
}

impl Scanner {
    fn error(&mut self, c: u8, context: &str) {
        self.err = Some(format!("invalid character {} {context}", quote_char(c)));
    }

    fn push(&mut self, c: u8, frame: Frame) -> bool {
        self.stack.push(frame);
        if self.stack.len() > MAX_NESTING_DEPTH {
            self.error(c, "exceeded max depth");
            return false;
        }
        true
    }

    /// One byte; `false` once an error is recorded.
    fn step(&mut self, c: u8) -> bool {
        use State::*;
        match self.state {
            BeginValueOrEmpty if !is_space(c) && c == b']' => return self.end_value(c),
            BeginValueOrEmpty | BeginValue => {
                if is_space(c) {
                    return true;
                }
                match c {
                    b'{' => {
                        self.state = BeginStringOrEmpty;
                        return self.push(c, Frame::Key);
                    }
                    b'[' => {
                        self.state = BeginValueOrEmpty;
                        return self.push(c, Frame::Array);
                    }
                    b'"' => self.state = InString,
                    b'-' => self.state = Neg,
                    b'0' => self.state = Zero,
                    b'1'..=b'9' => self.state = One,
                    b't' => self.state = Literal(b"true", 1),
                    b'f' => self.state = Literal(b"false", 1),
                    b'n' => self.state = Literal(b"null", 1),
                    _ => {
                        self.error(c, "looking for beginning of value");
                        return false;
                    }
                }
            }
            BeginStringOrEmpty if !is_space(c) && c == b'}' => {
                if let Some(top) = self.stack.last_mut() {
                    *top = Frame::Value;
                }
                return self.end_value(c);
            }
            BeginStringOrEmpty | BeginString => {
                if is_space(c) {
                    return true;
                }
                if c == b'"' {
                    self.state = InString;
                } else {
                    self.error(c, "looking for beginning of object key string");
                    return false;
                }
            }
            EndValue => return self.end_value(c),
            EndTop => {
                if !is_space(c) {
                    self.error(c, "after top-level value");
                    return false;
                }
            }
            _ => return self.step_scalar(c),
        }
        true
    }

    /// The states inside a string, number or literal.
    fn step_scalar(&mut self, c: u8) -> bool {
        use State::*;
        match self.state {
            InString => match c {
                b'"' => self.state = EndValue,
                b'\\' => self.state = InStringEsc,
                0..=0x1f => {
                    self.error(c, "in string literal");
                    return false;
                }
                _ => {}
            },
            InStringEsc => match c {
                b'b' | b'f' | b'n' | b'r' | b't' | b'\\' | b'/' | b'"' => self.state = InString,
                b'u' => self.state = InStringEscU(0),
                _ => {
                    self.error(c, "in string escape code");
                    return false;
                }
            },
            InStringEscU(n) => {
                if c.is_ascii_hexdigit() {
                    self.state = if n == 3 {
                        InString
                    } else {
                        InStringEscU(n + 1)
                    };
                } else {
                    self.error(c, "in \\u hexadecimal character escape");
                    return false;
                }
            }
            Neg => match c {
                b'0' => self.state = Zero,
                b'1'..=b'9' => self.state = One,
                _ => {
                    self.error(c, "in numeric literal");
                    return false;
                }
            },
            One if c.is_ascii_digit() => {}
            One | Zero => match c {
                b'.' => self.state = Dot,
                b'e' | b'E' => self.state = E,
                _ => return self.end_value(c),
            },
            Dot => {
                if c.is_ascii_digit() {
                    self.state = Dot0;
                } else {
                    self.error(c, "after decimal point in numeric literal");
                    return false;
                }
            }
            Dot0 => match c {
                b'0'..=b'9' => {}
                b'e' | b'E' => self.state = E,
                _ => return self.end_value(c),
            },
            E if c == b'+' || c == b'-' => self.state = ESign,
            E | ESign => {
                if c.is_ascii_digit() {
                    self.state = E0;
                } else {
                    self.error(c, "in exponent of numeric literal");
                    return false;
                }
            }
            E0 if !c.is_ascii_digit() => return self.end_value(c),
            Literal(word, read) => {
                let want = word[read];
                if c != want {
                    let name = std::str::from_utf8(word).unwrap_or("");
                    self.error(
                        c,
                        &format!("in literal {name} (expecting {})", quote_char(want)),
                    );
                    return false;
                }
                self.state = if read + 1 == word.len() {
                    EndValue
                } else {
                    Literal(word, read + 1)
                };
            }
            _ => {}
        }
        true
    }

    /// `stateEndValue`: what may follow a complete value.
    fn end_value(&mut self, c: u8) -> bool {
        let Some(&top) = self.stack.last() else {
            self.state = State::EndTop;
            return self.step(c);
        };
        if is_space(c) {
            self.state = State::EndValue;
            return true;
        }
        match top {
            Frame::Key => {
                if c == b':' {
                    if let Some(t) = self.stack.last_mut() {
                        *t = Frame::Value;
                    }
                    self.state = State::BeginValue;
                    return true;
                }
                self.error(c, "after object key");
                false
            }
            Frame::Value => match c {
                b',' => {
                    if let Some(t) = self.stack.last_mut() {
                        *t = Frame::Key;
                    }
                    self.state = State::BeginString;
                    true
                }
                b'}' => {
                    self.stack.pop();
                    self.state = State::EndValue;
                    if self.stack.is_empty() {
                        self.state = State::EndTop;
                    }
                    true
                }
                _ => {
                    self.error(c, "after object key:value pair");
                    false
                }
            },
            Frame::Array => match c {
                b',' => {
                    self.state = State::BeginValue;
                    true
                }
                b']' => {
                    self.stack.pop();
                    self.state = State::EndValue;
                    if self.stack.is_empty() {
                        self.state = State::EndTop;
                    }
                    true
                }
                _ => {
                    self.error(c, "after array element");
                    false
                }
            },
        }
    }
}

/// Go's `json.Unmarshal(data, &map[string]interface{}{})` error text, `None` when it succeeds.
///
/// First the syntax (`invalid character 'x' looking for beginning of value`, `unexpected end
/// of JSON input`, …), then the top-level type: an array, string, number or boolean cannot be
/// stored in a map (`json: cannot unmarshal array into Go value of type map[string]interface
/// {}`); `null` can. Invalid UTF-8 inside strings is accepted, as Go accepts it.
///
/// ```
/// use acp_model::go::json_unmarshal_map_error;
/// assert_eq!(json_unmarshal_map_error(br#"{"auths":{}}"#), None);
/// assert_eq!(
///     json_unmarshal_map_error(b"{auths}").as_deref(),
///     Some("invalid character 'a' looking for beginning of object key string")
/// );
/// assert_eq!(json_unmarshal_map_error(b"").as_deref(), Some("unexpected end of JSON input"));
/// ```
pub fn json_unmarshal_map_error(data: &[u8]) -> Option<String> {
    let mut s = Scanner {
        state: State::BeginValue,
        stack: Vec::new(),
        err: None,
    };
    for &c in data {
        if !s.step(c) {
            return s.err;
        }
    }
    // End of input: a space completes a number or reports what is missing.
    if s.state != State::EndTop && !s.step(b' ') {
        return s.err;
    }
    if s.state != State::EndTop {
        return Some("unexpected end of JSON input".to_owned());
    }
    let first = data.iter().copied().find(|&c| !is_space(c))?;
    let kind = match first {
        b'{' | b'n' => return None,
        b'[' => "array",
        b'"' => "string",
        b't' | b'f' => "bool",
        _ => "number",
    };
    Some(format!(
        "json: cannot unmarshal {kind} into Go value of type map[string]interface {{}}"
    ))
}
