//! The systemd unit-file lexer Ignition validates unit and drop-in contents with:
//! coreos/go-systemd `unit/deserialize.go` (`DeserializeOptions`), reached through Ignition
//! `config/shared/parse/unit.go` `ParseUnitContents`, which prefixes its errors with
//! `invalid unit content: `.
//!
//! go-systemd reads through a `bufio.Reader` (4096-byte buffer) and, before every lexer step,
//! rejects the input when at least 2048 bytes are buffered and the next 2048 hold no `\r` or
//! `\n` (`line too long (max 2048 bytes)`). Whether a long line is caught therefore depends on
//! where the buffer happens to be; this module models the buffer exactly (fill, compaction,
//! `ReadRune`, `UnreadRune`, `ReadBytes`) so the verdict is the same as Go's.

const BUF_SIZE: usize = 4096;
const LINE_MAX: usize = 2048;

/// One `Name=Value` line of a unit: its section and name (values are not needed by Ignition).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnitOption {
    pub(crate) section: String,
    pub(crate) name: String,
}

/// `bufio.Reader` over a `strings.Reader`, as far as the lexer uses it.
struct BufReader<'a> {
    src: &'a [u8],
    /// `b.r`, `b.w`: read and write offsets in the (virtual) buffer.
    r: usize,
    w: usize,
    /// Bytes taken from the source so far (the source offset of `b.w`).
    rd: usize,
    eof: bool,
    last_rune_size: Option<usize>,
}

#[derive(Debug)]
enum ReadErr {
    Eof,
    BufferFull,
}

impl<'a> BufReader<'a> {
    fn new(src: &'a [u8]) -> Self {
        BufReader {
            src,
            r: 0,
            w: 0,
            rd: 0,
            eof: false,
            last_rune_size: None,
        }
    }

    fn buffered(&self) -> usize {
        self.w - self.r
    }

    /// Source offset of `b.r`.
    fn pos(&self) -> usize {
        self.rd - self.buffered()
    }

    fn unread_bytes(&self) -> &'a [u8] {
        self.src.get(self.pos()..self.rd).unwrap_or_default()
    }

    fn fill(&mut self) {
        if self.r > 0 {
            self.w -= self.r;
            self.r = 0;
        }
        let room = BUF_SIZE.saturating_sub(self.w);
        let n = room.min(self.src.len().saturating_sub(self.rd));
        if n == 0 {
            self.eof = true;
        } else {
            self.w += n;
            self.rd += n;
        }
    }

    fn take_err(&mut self) -> ReadErr {
        self.eof = false;
        ReadErr::Eof
    }

    fn full_rune(&self) -> bool {
        let p = self.unread_bytes();
        let Some(&b0) = p.first() else {
            return false;
        };
        let need = match b0 {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 1,
        };
        p.len() >= need
    }

    fn read_rune(&mut self) -> Result<char, ReadErr> {
        while self.r + 4 > self.w && !self.full_rune() && !self.eof && self.buffered() < BUF_SIZE {
            self.fill();
        }
        self.last_rune_size = None;
        if self.r == self.w {
            return Err(self.take_err());
        }
        let (c, size) = super::json::decode_rune(self.unread_bytes());
        let size = size.max(1);
        self.r += size;
        self.last_rune_size = Some(size);
        Ok(c)
    }

    fn unread_rune(&mut self) {
        if let Some(size) = self.last_rune_size.take() {
            self.r = self.r.saturating_sub(size);
        }
    }

    fn read_slice(&mut self, delim: u8) -> (&'a [u8], Option<ReadErr>) {
        let mut s = 0;
        loop {
            let unread = self.unread_bytes();
            if let Some(i) = unread
                .get(s..)
                .and_then(|tail| tail.iter().position(|&b| b == delim))
            {
                let n = s + i + 1;
                self.r += n;
                return (unread.get(..n).unwrap_or_default(), None);
            }
            if self.eof {
                self.r = self.w;
                return (unread, Some(self.take_err()));
            }
            if self.buffered() >= BUF_SIZE {
                self.r = self.w;
                return (unread, Some(ReadErr::BufferFull));
            }
            s = self.buffered();
            self.fill();
        }
    }

    /// `ReadBytes`: the bytes up to and including `delim`, and whether EOF came first.
    fn read_bytes(&mut self, delim: u8) -> (Vec<u8>, bool) {
        let mut out = Vec::new();
        loop {
            let (frag, err) = self.read_slice(delim);
            out.extend_from_slice(frag);
            match err {
                Some(ReadErr::BufferFull) => continue,
                Some(ReadErr::Eof) => return (out, true),
                None => return (out, false),
            }
        }
    }

    /// The lexer's `toEOL`: the line without one `\r` then one `\n` suffix, and whether EOF
    /// ended it.
    fn read_to_eol(&mut self) -> (Vec<u8>, bool) {
        let (mut line, eof) = self.read_bytes(b'\n');
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        (line, eof)
    }
}

/// Go's `bytes.TrimSpace` / `strings.TrimSpace` (Unicode white space).
fn trim_space(b: &[u8]) -> String {
    String::from_utf8_lossy(b).trim().to_owned()
}

fn is_comment(c: char) -> bool {
    c == '#' || c == ';'
}

enum Step {
    NextSection,
    SectionName,
    SectionSuffix(String),
    IgnoreLine(Box<Step>),
    NextSectionOrOption(String),
    OptionName(String),
    OptionValue(String, String),
}

/// go-systemd `DeserializeOptions`: the options, or the error text.
fn deserialize_options(content: &str) -> Result<Vec<UnitOption>, String> {
    let mut buf = BufReader::new(content.as_bytes());
    let mut options = Vec::new();
    let mut step = Some(Step::NextSection);
    while let Some(current) = step.take() {
        if buf.buffered() >= LINE_MAX {
            let peek = buf.unread_bytes().get(..LINE_MAX).unwrap_or_default();
            if !peek.iter().any(|&b| b == b'\r' || b == b'\n') {
                return Err(format!("line too long (max {LINE_MAX} bytes)"));
            }
        }
        step = match current {
            Step::NextSection => match buf.read_rune() {
                Err(_) => None,
                Ok('[') => Some(Step::SectionName),
                Ok(c) if is_comment(c) => Some(Step::IgnoreLine(Box::new(Step::NextSection))),
                Ok(_) => Some(Step::NextSection),
            },
            Step::SectionName => {
                let (sec, eof) = buf.read_bytes(b']');
                if eof {
                    return Err("unable to find end of section".to_owned());
                }
                let name = sec.get(..sec.len().saturating_sub(1)).unwrap_or_default();
                Some(Step::SectionSuffix(
                    String::from_utf8_lossy(name).into_owned(),
                ))
            }
            Step::SectionSuffix(section) => {
                let (garbage, _) = buf.read_to_eol();
                let garbage = trim_space(&garbage);
                if !garbage.is_empty() {
                    // go-systemd prints its never-set `l.section` field here: always empty.
                    return Err(format!(
                        "found garbage after section name : {}",
                        acp_model::go::quote(&garbage)
                    ));
                }
                Some(Step::NextSectionOrOption(section))
            }
            Step::IgnoreLine(next) => {
                loop {
                    let (mut line, _) = buf.read_to_eol();
                    if line.last() == Some(&b' ') {
                        line.pop();
                    }
                    if line.last() != Some(&b'\\') {
                        break;
                    }
                }
                Some(*next)
            }
            Step::NextSectionOrOption(section) => match buf.read_rune() {
                Err(_) => None,
                Ok(c) if c.is_whitespace() => Some(Step::NextSectionOrOption(section)),
                Ok('[') => Some(Step::SectionName),
                Ok(c) if is_comment(c) => Some(Step::IgnoreLine(Box::new(
                    Step::NextSectionOrOption(section),
                ))),
                Ok(_) => {
                    buf.unread_rune();
                    Some(Step::OptionName(section))
                }
            },
            Step::OptionName(section) => {
                let mut partial = String::new();
                loop {
                    match buf.read_rune() {
                        Err(_) => return Err("EOF".to_owned()),
                        Ok('\n' | '\r') => {
                            return Err("unexpected newline encountered while parsing option name"
                                .to_owned());
                        }
                        Ok('=') => break,
                        Ok(c) => partial.push(c),
                    }
                }
                Some(Step::OptionValue(section, partial.trim().to_owned()))
            }
            Step::OptionValue(section, name) => {
                let (line, eof) = buf.read_to_eol();
                if !trim_space(&line).is_empty() && line.last() == Some(&b'\\') {
                    let _ = eof;
                    Some(Step::OptionValue(section, name))
                } else {
                    options.push(UnitOption {
                        section: section.clone(),
                        name,
                    });
                    Some(Step::NextSectionOrOption(section))
                }
            }
        };
    }
    Ok(options)
}

/// Ignition `ParseUnitContents`: no contents → no options; errors prefixed
/// `invalid unit content: `.
pub(crate) fn parse_unit_contents(content: Option<&str>) -> Result<Vec<UnitOption>, String> {
    match content {
        None => Ok(Vec::new()),
        Some(c) => deserialize_options(c).map_err(|e| format!("invalid unit content: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(s: &str) -> Vec<(String, String)> {
        parse_unit_contents(Some(s))
            .unwrap()
            .into_iter()
            .map(|o| (o.section, o.name))
            .collect()
    }

    fn err(s: &str) -> String {
        parse_unit_contents(Some(s)).unwrap_err()
    }

    #[test]
    fn lexes_sections_options_comments_and_continuations() {
        let unit = "# c\n[Unit]\nDescription=x \\\n  more\n; comment \\\n still comment\n\
                    [Service]\nExecStart=/bin/true\n\n[Install]\nWantedBy=multi-user.target";
        assert_eq!(
            opts(unit),
            vec![
                ("Unit".into(), "Description".into()),
                ("Service".into(), "ExecStart".into()),
                ("Install".into(), "WantedBy".into()),
            ]
        );
        assert_eq!(opts(""), vec![]);
        assert_eq!(opts("garbage before any section\n"), vec![]);
        assert_eq!(opts("[Install]\n"), vec![]);
    }

    #[test]
    fn go_systemd_errors() {
        // Messages of go-systemd unit/deserialize.go, prefixed by Ignition's ParseUnitContents.
        assert_eq!(
            err("[Unit"),
            "invalid unit content: unable to find end of section"
        );
        assert_eq!(
            err("[Unit] x\n"),
            "invalid unit content: found garbage after section name : \"x\""
        );
        assert_eq!(
            err("[Unit]\nFoo\nBar=1"),
            "invalid unit content: unexpected newline encountered while parsing option name"
        );
        assert_eq!(err("[Unit]\nFoo"), "invalid unit content: EOF");
        let long = format!("[Unit]\nDescription={}\n", "x".repeat(3000));
        assert_eq!(
            err(&long),
            "invalid unit content: line too long (max 2048 bytes)"
        );
        let fits = format!("[Unit]\nDescription={}\n", "x".repeat(2000));
        assert_eq!(opts(&fits).len(), 1);
    }

    #[test]
    fn a_long_line_is_missed_when_the_buffer_holds_less_than_line_max() {
        // 4090 bytes of short lines, then a 3000-byte line: when the lexer reaches it only a
        // few bytes are buffered, so go-systemd reads the line without the length check.
        let mut unit = String::from("[Unit]\n");
        while unit.len() < 4090 {
            unit.push_str("A=b\n");
        }
        unit.push_str(&format!("B={}\n", "y".repeat(3000)));
        // Checked against go-systemd's DeserializeOptions: no error, 1022 options.
        assert_eq!(parse_unit_contents(Some(&unit)).unwrap().len(), 1022);
    }
}
