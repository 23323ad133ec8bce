//! Reports of coreos/ignition v2.26.0 `config/v3_4.Parse` (built with Go 1.24), recorded by
//! running it on generated inputs; `validate::parse` must print the same report, entry for
//! entry, with the same line and column.
//!
//! The tables in `tests/data/` (input → Ignition's error and report) are our own, generated:
//!
//! * `ignition_v2_26_0_positions.jsonl`: entries that sit on objects and arrays (duplicates,
//!   missing fields, links, partitions, luks, raid device lists, HTTP headers, template units,
//!   `context tree does not match`), compact, pretty-printed, CRLF, brackets ending lines;
//! * `ignition_v2_26_0_truncated.json`: valid configs cut at many byte offsets (inside
//!   strings, escapes, numbers and literals), some followed by a space;
//! * `ignition_v2_26_0_s3_arn.jsonl`: `arn:` sources (sections empty or not, accesspoints,
//!   slashes, `versionId` queries) as a file's source and as a merged config.

use acp_ignition::validate::{self, ParseError, PathElem, Position};
use proptest::prelude::*;
use serde_json::Value;

/// What the recording printed per input: the error's text (empty when parsing succeeded)
/// and vcontext's `Report.String`.
fn ours(input: &[u8]) -> (String, String) {
    match validate::parse(input) {
        Ok(p) => (String::new(), p.report.to_string()),
        Err(ParseError::Invalid(r)) => ("config is not valid".to_owned(), r.to_string()),
        Err(e) => (e.to_string(), String::new()),
    }
}

fn rows(data: &str) -> Vec<Vec<Value>> {
    data.lines()
        .map(|l| serde_json::from_str::<Vec<Value>>(l).unwrap())
        .collect()
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap()
}

#[test]
fn parse_positions_of_objects_and_arrays() {
    let table = rows(include_str!("../data/ignition_v2_26_0_positions.jsonl"));
    assert!(table.len() >= 300);
    let mut entries = 0;
    for row in &table {
        let [input, err, report] = row.as_slice() else {
            panic!("bad row {row:?}")
        };
        let got = ours(text(input).as_bytes());
        assert_eq!(
            got,
            (text(err).to_owned(), text(report).to_owned()),
            "{input}"
        );
        entries += text(report).lines().count();
    }
    // The table is not vacuous: most rows report something.
    assert!(entries > table.len(), "{entries}");
}

#[test]
fn parse_position_of_an_ext4_filesystem_with_a_label_and_no_device() {
    // Ignition v2.26.0 (Go 1.24) prints these; the crate used to print one column less.
    let raw = r#"{"ignition":{"version":"3.4.0"},"storage":{"filesystems":[{"format":"ext4","label":"data"}]}}"#;
    assert_eq!(
        ours(raw.as_bytes()).1,
        "error at $.storage.filesystems.0.device, line 1 col 60: path not specified\n"
    );
    // The object starts right after its `{`: at the end of a line, one past its last
    // character; with CRLF, at the `\r`.
    let raw = "{\"ignition\":{\"version\":\"3.4.0\"},\"storage\":{\"filesystems\":[{\r\n\"format\":\"ext4\",\"label\":\"data\"}]}}";
    assert_eq!(
        ours(raw.as_bytes()).1,
        "error at $.storage.filesystems.0.device, line 1 col 60: path not specified\n"
    );
}

#[test]
fn parse_truncated_json() {
    let data: Value =
        serde_json::from_str(include_str!("../data/ignition_v2_26_0_truncated.json")).unwrap();
    let texts: Vec<&str> = data["texts"].as_array().unwrap().iter().map(text).collect();
    let cases = data["cases"].as_array().unwrap();
    assert!(cases.len() >= 300);
    let mut in_token = 0;
    for case in cases {
        let [t, len, space, err, report] = case.as_array().unwrap().as_slice() else {
            panic!("bad case {case:?}")
        };
        let src = texts[usize::try_from(t.as_u64().unwrap()).unwrap()].as_bytes();
        let mut input = src[..usize::try_from(len.as_u64().unwrap()).unwrap()].to_vec();
        if space.as_u64() == Some(1) {
            input.push(b' ');
        }
        let got = ours(&input);
        assert_eq!(
            got,
            (text(err).to_owned(), text(report).to_owned()),
            "{}",
            String::from_utf8_lossy(&input)
        );
        if text(report).contains("invalid character ' '") {
            in_token += 1;
        }
    }
    // Every kind of token the input can end inside is in the table.
    for context in [
        "in string escape code",
        "in \\u hexadecimal character escape",
        "in numeric literal",
        "after decimal point in numeric literal",
        "in exponent of numeric literal",
        "in literal true (expecting 'r')",
        "in literal false (expecting 's')",
        "in literal null (expecting 'l')",
    ] {
        assert!(
            cases.iter().any(|c| text(&c[4]).contains(context)),
            "{context}"
        );
    }
    assert!(in_token >= 100, "{in_token}");
}

#[test]
fn validate_url_s3_arn() {
    let table = rows(include_str!("../data/ignition_v2_26_0_s3_arn.jsonl"));
    assert!(table.len() >= 300);
    let (mut accepted, mut rejected) = (0, 0);
    for row in &table {
        let [kind, arn, err, report] = row.as_slice() else {
            panic!("bad row {row:?}")
        };
        let source = serde_json::to_string(text(arn)).unwrap();
        let input = match text(kind) {
            "file" => format!(
                r#"{{"ignition":{{"version":"3.4.0"}},"storage":{{"files":[{{"path":"/f","contents":{{"source":{source}}}}}]}}}}"#
            ),
            "merge" => format!(
                r#"{{"ignition":{{"version":"3.4.0","config":{{"merge":[{{"source":{source}}}]}}}}}}"#
            ),
            other => panic!("{other}"),
        };
        assert_eq!(
            ours(input.as_bytes()),
            (text(err).to_owned(), text(report).to_owned()),
            "{arn}"
        );
        if text(err).is_empty() {
            accepted += 1;
        } else {
            rejected += 1;
        }
    }
    assert!(accepted >= 40 && rejected >= 200, "{accepted} {rejected}");
}

// --- property: every position is inside the input and on the value Ignition's reader marks ---

/// Compact configs whose reports hold entries on objects, arrays, scalars and keys.
const TEMPLATES: &[&str] = &[
    r#"{"ignition":{"version":"3.4.0"},"storage":{"files":[{"path":"/a"},{"path":"/a","mode":4096}],"directories":[{"path":"/a"}]}}"#,
    r#"{"ignition":{"version":"3.4.0"},"storage":{"filesystems":[{"format":"ext4","label":"x"}],"links":[{"path":"/l"},{"path":"/h","target":"/d","hard":true,"user":{"name":"u"}}],"directories":[{"path":"/d"}]}}"#,
    r#"{"ignition":{"version":"3.4.0"},"storage":{"disks":[{"device":"/dev/sda","partitions":[{"number":1},{"number":1},{"sizeMiB":5},{"label":"a:b"}]},{"partitions":[]}]}}"#,
    r#"{"ignition":{"version":"3.4.0"},"storage":{"raid":[{"name":"md0","level":"raid1","devices":[]},{"name":"md1","devices":["/a","/a"]}],"luks":[{"name":"a","device":"/dev/x","keyFile":{"source":"bad"},"clevis":{"tang":[{"url":"http://a"}]}}]}}"#,
    r#"{"ignition":{"version":"3.4.0"},"storage":{"files":[{"path":"/f","contents":{"source":"data:,x","httpHeaders":[{"name":"a","value":"b"},{"name":"a","value":"c"}]}}]}}"#,
    r#"{"ignition":{"version":"3.4.0"},"systemd":{"units":[{"name":"a@.service","enabled":true,"contents":"[Unit]\n"},{"name":"a@.service","dropins":[{"name":"x.conf"},{"name":"x.conf"}]}]}}"#,
    r#"{"ignition":{"version":"3.4.0"},"storage":null,"passwd":{"users":[{"name":"u"},{"name":"u"}],"groups":[null]},"kernelArguments":{"shouldExist":["a","a"]},"extra":{"k":[1]}}"#,
    r#"{"ignition":{"version":"3.4.0","config":{"merge":[{"source":"arn:aws:s3:::b"},{"source":"arn:aws:s3:::b"}]},"proxy":{"noProxy":["a","a"]}},"storage":{"files":[{"path":"/f","bogus":{}}]}}"#,
];

const SPACES: &[&str] = &["", " ", "\n", "\r\n", "\t", "\n  ", " \r\n\t"];

/// The template with white space (chosen by `picks`) after every `{`, `[`, `,` and `:` and
/// before every `}` and `]` outside strings.
fn spaced(template: &str, picks: &[usize]) -> String {
    let mut out = String::new();
    let mut next = picks.iter().cycle().map(|&i| SPACES[i % SPACES.len()]);
    let (mut in_string, mut escaped) = (false, false);
    for c in template.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' | ',' | ':' => {
                out.push(c);
                out.push_str(next.next().unwrap_or(""));
            }
            '}' | ']' => {
                out.push_str(next.next().unwrap_or(""));
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The byte offset of a line and column (vcontext's counting: lines from `\n`, columns in
/// bytes, both from 1), if it lies inside the input.
fn offset_of(input: &[u8], p: Position) -> Option<usize> {
    let line = usize::try_from(p.line).ok()?.checked_sub(1)?;
    let col = usize::try_from(p.column).ok()?.checked_sub(1)?;
    let start = if line == 0 {
        0
    } else {
        input
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(line - 1)?
            .0
            + 1
    };
    let end = input[start..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(input.len(), |e| start + e + 1);
    (start + col < end).then_some(start + col)
}

/// The first JSON value in `bytes` (what follows it is ignored).
fn first_value(bytes: &[u8]) -> Option<Value> {
    serde_json::Deserializer::from_slice(bytes)
        .into_iter::<Value>()
        .next()?
        .ok()
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..crate::support::proptest_config(200) })]

    /// Every entry's line/column is inside the input and marks what Ignition's reader marks:
    /// the deepest value on the entry's path that exists — an object or array at the byte
    /// after its bracket, any other value at its first byte — or, for an unknown key, the key.
    /// White space changes positions only, never paths or messages.
    #[test]
    fn parse_markers_point_at_values(t in 0..TEMPLATES.len(), picks in prop::collection::vec(0..SPACES.len(), 1..40)) {
        let compact = TEMPLATES[t];
        let input = spaced(compact, &picks);
        let report = |raw: &str| match validate::parse(raw.as_bytes()) {
            Ok(p) => p.report,
            Err(ParseError::Invalid(r)) => r,
            Err(e) => panic!("{e}"),
        };
        let (spaced_report, compact_report) = (report(&input), report(compact));
        prop_assert!(!spaced_report.entries.is_empty());
        let strip = |r: &validate::Report| {
            r.entries.iter().map(|e| (e.severity, e.path_message())).collect::<Vec<_>>()
        };
        prop_assert_eq!(strip(&spaced_report), strip(&compact_report));

        let doc: Value = serde_json::from_str(&input).unwrap();
        let bytes = input.as_bytes();
        for e in &spaced_report.entries {
            let pos = e.position.unwrap();
            let at = offset_of(bytes, pos);
            prop_assert!(at.is_some(), "{} outside the input {:?}", e, input);
            let at = at.unwrap();
            // The deepest value on the path that exists.
            let mut value = &doc;
            let mut key = None;
            for step in &e.path.0 {
                let child = match step {
                    PathElem::Field(f) => value.get(f.as_ref()),
                    PathElem::Index(i) => value.get(*i),
                    PathElem::Key(k) => {
                        key = Some(k.clone());
                        break;
                    }
                };
                match child {
                    Some(c) => value = c,
                    None => break,
                }
            }
            if let Some(k) = key {
                prop_assert_eq!(first_value(&bytes[at..]), Some(Value::String(k)), "{}", e);
            } else if value.is_object() || value.is_array() {
                prop_assert!(at > 0 && matches!(bytes[at - 1], b'{' | b'['), "{}", e);
                prop_assert_eq!(first_value(&bytes[at - 1..]), Some(value.clone()), "{}", e);
            } else {
                prop_assert_eq!(first_value(&bytes[at..]), Some(value.clone()), "{}", e);
            }
        }
    }
}
