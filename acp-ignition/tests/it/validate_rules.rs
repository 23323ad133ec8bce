//! One test per Ignition v3.4.0 validation rule, each with Ignition's exact message and path
//! (coreos/ignition `config/shared/errors/errors.go`, `config/v3_4/types/*.go`,
//! `config/validate/validate.go`). Where a test transcribes an upstream table, it says which.

use acp_ignition::validate::{self, ParseError, Severity};

/// Parses `{"ignition":{"version":"3.4.0"}, <rest>}` and returns (errors, warnings) as
/// `$.path: message`.
fn check(rest: &str) -> (Vec<String>, Vec<String>) {
    let raw = if rest.is_empty() {
        r#"{"ignition":{"version":"3.4.0"}}"#.to_owned()
    } else {
        format!(r#"{{"ignition":{{"version":"3.4.0"}},{rest}}}"#)
    };
    report(&raw)
}

fn report(raw: &str) -> (Vec<String>, Vec<String>) {
    let entries = match validate::parse(raw.as_bytes()) {
        Ok(p) => p.report.entries,
        Err(ParseError::Invalid(r)) => r.entries,
        Err(e) => return (vec![e.to_string()], vec![]),
    };
    let pick = |s: Severity| {
        entries
            .iter()
            .filter(|e| e.severity == s)
            .map(|e| e.path_message())
            .collect::<Vec<_>>()
    };
    (pick(Severity::Error), pick(Severity::Warning))
}

fn errors(rest: &str) -> Vec<String> {
    check(rest).0
}

fn warnings(rest: &str) -> Vec<String> {
    let (e, w) = check(rest);
    assert!(e.is_empty(), "unexpected errors {e:?}");
    w
}

fn file(json: &str) -> String {
    format!(r#""storage":{{"files":[{json}]}}"#)
}

fn contents(source: &str) -> String {
    file(&format!(
        r#"{{"path":"/etc/a","contents":{{"source":{source:?}}}}}"#
    ))
}

// ---------------------------------------------------------------------------------------------
// Parse (config/v3_4/config.go Parse, config/util/parsingErrors.go)
// ---------------------------------------------------------------------------------------------

#[test]
fn empty_input_is_not_a_config() {
    assert_eq!(validate::parse(b""), Err(ParseError::Empty));
    assert_eq!(ParseError::Empty.to_string(), "not a config (empty)");
}

#[test]
fn bad_json_reports_gos_syntax_error_with_line_and_column() {
    let Err(ParseError::Invalid(r)) =
        validate::parse(b"{\n  \"ignition\": {\"version\": \"3.4.0\",}\n}")
    else {
        panic!()
    };
    assert_eq!(
        r.to_string(),
        "error at line 2 col 36: invalid character '}' looking for beginning of object key string\n"
    );
    assert_eq!(
        ParseError::Invalid(r).to_string(),
        "config is not valid: error at line 2 col 36: invalid character '}' looking for \
         beginning of object key string",
        "Ignition's ErrInvalid, then the whole report"
    );
}

#[test]
fn wrong_json_type_reports_gos_unmarshal_type_error() {
    let (e, _) = report(
        r#"{"ignition":{"version":"3.4.0"},"systemd":{"units":[{"name":"a.service","enabled":"yes"}]}}"#,
    );
    assert_eq!(
        e,
        [
            "json: cannot unmarshal string into Go struct field Unit.systemd.units.enabled of type bool"
        ]
    );
}

#[test]
fn versions_other_than_3_4_0_are_unsupported() {
    for v in ["3.3.0", "3.5.0", "3.4.0-experimental", "3.4", "", "x"] {
        let raw = format!(r#"{{"ignition":{{"version":{v:?}}}}}"#);
        assert_eq!(
            validate::parse(raw.as_bytes()),
            Err(ParseError::UnknownVersion),
            "{v}"
        );
    }
    assert_eq!(
        validate::parse(b"{}"),
        Err(ParseError::UnknownVersion),
        "missing version"
    );
    assert_eq!(
        ParseError::UnknownVersion.to_string(),
        "unsupported config version"
    );
    // go-semver reads these as 3.4.0.
    for v in ["03.4.0", "3.4.00", "3.4.0+"] {
        let raw = format!(r#"{{"ignition":{{"version":{v:?}}}}}"#);
        assert!(validate::parse(raw.as_bytes()).is_ok(), "{v}");
    }
}

#[test]
fn validate_reports_versions_on_typed_configs() {
    let mut c = acp_ignition::types::Config::new();
    c.ignition.version = "3.2.0".into();
    let msgs: Vec<String> = validate::validate(&c)
        .entries
        .iter()
        .map(|e| e.path_message())
        .collect();
    assert_eq!(msgs, ["$.ignition.version: unsupported config version"]);
    c.ignition.version = "three".into();
    let msgs: Vec<String> = validate::validate(&c)
        .entries
        .iter()
        .map(|e| e.path_message())
        .collect();
    assert_eq!(
        msgs,
        ["$.ignition.version: invalid config version (couldn't parse)"]
    );
}

// ---------------------------------------------------------------------------------------------
// Paths (types/path.go validatePath)
// ---------------------------------------------------------------------------------------------

#[test]
fn path_not_specified() {
    assert_eq!(
        errors(&file(r#"{"path":""}"#)),
        ["$.storage.files.0.path: path not specified"]
    );
}

#[test]
fn path_not_absolute() {
    assert_eq!(
        errors(&file(r#"{"path":"etc/motd"}"#)),
        ["$.storage.files.0.path: path not absolute"]
    );
}

#[test]
fn path_not_clean() {
    // cases of path_test.go TestValidatePath
    for p in ["/etc/../motd", "/etc//motd", "/etc/motd/", "/etc/./motd"] {
        assert_eq!(
            errors(&file(&format!(r#"{{"path":{p:?}}}"#))),
            ["$.storage.files.0.path: path is not fully simplified"],
            "{p}"
        );
    }
}

#[test]
fn directory_and_link_paths_are_checked_too() {
    assert_eq!(
        errors(
            r#""storage":{"directories":[{"path":"d"}],"links":[{"path":"/l/","target":"/x"}]}"#
        ),
        [
            "$.storage.directories.0.path: path not absolute",
            "$.storage.links.0.path: path is not fully simplified"
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Files (types/file.go, mode.go, resource.go, verification.go, url.go, headers.go)
// ---------------------------------------------------------------------------------------------

#[test]
fn mode_out_of_range_is_illegal() {
    assert_eq!(
        check(&file(r#"{"path":"/a","mode":4096}"#)),
        (
            vec!["$.storage.files.0.mode: illegal file mode".to_owned()],
            vec![]
        )
    );
    let (e, w) = check(&file(r#"{"path":"/a","mode":-1}"#));
    assert_eq!(e, ["$.storage.files.0.mode: illegal file mode"]);
    assert_eq!(
        w,
        [
            "$.storage.files.0.mode: setuid/setgid/sticky bits are not supported or functional in spec versions older than 3.6.0"
        ]
    );
}

#[test]
fn mode_with_special_bits_warns() {
    for mode in [0o4755, 0o2755, 0o1777] {
        assert_eq!(
            warnings(&file(&format!(r#"{{"path":"/a","mode":{mode}}}"#))),
            [
                "$.storage.files.0.mode: setuid/setgid/sticky bits are not supported or functional in spec versions older than 3.6.0"
            ]
        );
    }
    assert_eq!(
        warnings(r#""storage":{"directories":[{"path":"/d","mode":1023}]}"#),
        [
            "$.storage.directories.0.mode: setuid/setgid/sticky bits are not supported or functional in spec versions older than 3.6.0"
        ]
    );
    assert!(warnings(&file(r#"{"path":"/a","mode":511}"#)).is_empty());
}

#[test]
fn overwrite_needs_a_source() {
    assert_eq!(
        errors(&file(r#"{"path":"/a","overwrite":true}"#)),
        ["$.storage.files.0.overwrite: overwrite must be false if source is unspecified"]
    );
    assert!(errors(&file(r#"{"path":"/a","overwrite":false}"#)).is_empty());
    assert!(
        errors(&file(
            r#"{"path":"/a","overwrite":true,"contents":{"source":""}}"#
        ))
        .is_empty()
    );
}

#[test]
fn verification_needs_a_source() {
    let h = "sha256-".to_owned() + &"0".repeat(64);
    assert_eq!(
        errors(&file(&format!(
            r#"{{"path":"/a","contents":{{"verification":{{"hash":{h:?}}}}}}}"#
        ))),
        [
            "$.storage.files.0.contents.verification.hash: source must be specified if verification is specified"
        ]
    );
}

#[test]
fn verification_hash_format() {
    // cases of verification_test.go TestHashParts / TestHashValidate
    let cases = [
        ("xor01234567", "malformed hash specifier"),
        ("md5-0123", "unrecognized hash function"),
        ("sha512-0123", "incorrect size for hash sum"),
        ("sha256-0123", "incorrect size for hash sum"),
    ];
    for (hash, msg) in cases {
        assert_eq!(
            errors(&file(&format!(
                r#"{{"path":"/a","contents":{{"source":"data:,x","verification":{{"hash":{hash:?}}}}}}}"#
            ))),
            [format!(
                "$.storage.files.0.contents.verification.hash: {msg}"
            )],
            "{hash}"
        );
    }
    for ok in [
        format!("sha512-{}", "a".repeat(128)),
        format!("sha256-{}", "Z".repeat(64)),
    ] {
        assert!(errors(&file(&format!(
            r#"{{"path":"/a","contents":{{"source":"data:,x","verification":{{"hash":{ok:?}}}}}}}"#
        )))
        .is_empty());
    }
}

#[test]
fn compression_is_gzip_or_none() {
    assert_eq!(
        errors(&file(
            r#"{"path":"/a","contents":{"source":"data:,x","compression":"xz"}}"#
        )),
        ["$.storage.files.0.contents.compression: invalid compression method"]
    );
    for ok in ["", "gzip"] {
        assert!(
            errors(&file(&format!(
                r#"{{"path":"/a","contents":{{"source":"data:,x","compression":{ok:?}}}}}"#
            )))
            .is_empty()
        );
    }
}

#[test]
fn url_schemes_and_their_checks() {
    // cases of url_test.go TestURLValidate
    let ok = [
        "http://example.com",
        "https://example.com",
        "tftp://example.com:69/foobar.txt",
        "data:,example%20file%0A",
        "s3://bucket/key",
        "s3://bucket/key?versionId=aVersionHash",
        "arn:aws:s3:us-west-2:123456789012:bucket-name/object-key",
        "arn:aws:s3:us-west-2:123456789012:bucket-name/object-key?versionId=aVersionHash",
        "arn:aws:s3:us-west-2:123456789012:accesspoint/accesspoint-name/object",
        "arn:aws:s3:us-west-2:123456789012:accesspoint/accesspoint-name/some/nested/object",
        "arn:aws:s3:::bucket-name/object-key",
        "arn:aws:s3:::bucket-name/some/nested/object",
        "gs://bucket/object",
        // Not in the upstream table: an empty partition, Ignition v2.26.0 accepts it.
        "arn::s3:::b/k",
    ];
    for u in ok {
        assert!(errors(&contents(u)).is_empty(), "{u}");
    }
    let bad = [
        ("bad://", "invalid url scheme"),
        ("s3://bucket/key?versionId=", "invalid S3 object VersionId"),
        ("Arn:", "invalid S3 ARN format"),
        (
            "arn:aws:iam:us-west-2:123456789012:resource",
            "invalid S3 ARN format",
        ),
        (
            "arn:aws:s3:::bucket-name-but-no-key",
            "invalid S3 ARN format",
        ),
        (
            "arn:aws:s3:us-west-2:123456789012:accesspoint",
            "invalid S3 ARN format",
        ),
        (
            "arn:aws:s3:us-west-2:123456789012:accesspoint/",
            "invalid S3 ARN format",
        ),
        (
            "arn:aws:s3:us-west-2:123456789012:accesspoint/accesspoint-name-but-no-bucket",
            "invalid S3 ARN format",
        ),
        // aws-sdk-go-v2 v1.41.1 (vendored by Ignition v2.26.0) only checks the `arn:` prefix
        // and the number of sections: an empty service or resource fails Ignition's own
        // checks; an empty partition passes (below).
        ("arn:aws::::b/k", "invalid S3 ARN format"),
        ("arn:aws:s3:::", "invalid S3 ARN format"),
        // net/url.Parse failures.
        ("http://[::1/", "unable to parse url"),
        ("http://a b/", "unable to parse url"),
        ("://x", "unable to parse url"),
        // vincent-petithory/dataurl errors pass through unchanged.
        ("data:text", "missing media type slash"),
        ("data:,a b", "invalid data character"),
        ("data:;base64,YQ", "illegal base64 data at input byte 0"),
    ];
    for (u, msg) in bad {
        assert_eq!(
            errors(&contents(u)),
            [format!("$.storage.files.0.contents.source: {msg}")],
            "{u}"
        );
    }
}

#[test]
fn http_headers() {
    // cases of headers_test.go
    let h = |source: &str, headers: &str| {
        errors(&file(&format!(
            r#"{{"path":"/a","contents":{{"source":{source:?},"httpHeaders":{headers}}}}}"#
        )))
    };
    assert!(h("https://h/x", r#"[{"name":"A","value":"b"}]"#).is_empty());
    assert_eq!(
        h("https://h/x", r#"[{"name":"","value":"b"}]"#),
        ["$.storage.files.0.contents.httpHeaders.0.name: HTTP header name can't be empty"]
    );
    assert_eq!(
        h("https://h/x", r#"[{"name":"A","value":""}]"#),
        ["$.storage.files.0.contents.httpHeaders.0.value: unable to parse HTTP header"]
    );
    assert_eq!(
        h("data:,x", r#"[{"name":"A","value":"b"}]"#),
        ["$.storage.files.0.contents.httpHeaders: cannot use HTTP headers with this source scheme"]
    );
    assert_eq!(
        errors(&file(
            r#"{"path":"/a","contents":{"httpHeaders":[{"name":"A","value":"b"}]}}"#
        )),
        ["$.storage.files.0.contents.httpHeaders: unable to parse url"]
    );
    assert_eq!(
        h(
            "https://h/x",
            r#"[{"name":"A","value":"b"},{"name":"A","value":"c"}]"#
        ),
        ["$.storage.files.0.contents.httpHeaders.1: duplicate entry defined"]
    );
}

#[test]
fn owner_by_id_or_name_not_both() {
    assert_eq!(
        errors(&file(
            r#"{"path":"/a","user":{"id":0,"name":"root"},"group":{"id":0,"name":"root"}}"#
        )),
        [
            "$.storage.files.0.group: cannot set both id and name",
            "$.storage.files.0.user: cannot set both id and name"
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Links (types/storage.go)
// ---------------------------------------------------------------------------------------------

#[test]
fn link_target_required() {
    assert_eq!(
        errors(r#""storage":{"links":[{"path":"/l"}]}"#),
        ["$.storage.links.0.target: link target is required"]
    );
}

#[test]
fn paths_through_links_are_rejected() {
    // cases of storage_test.go TestStorageValidate ("link in path")
    assert_eq!(
        errors(
            r#""storage":{"links":[{"path":"/a","target":"/b"},{"path":"/a/l","target":"/c"}],
            "files":[{"path":"/a/f"}],"directories":[{"path":"/a/d"}]}"#
        ),
        [
            "$.storage.directories.0: directory path includes link in config",
            "$.storage.files.0: file path includes link in config",
            "$.storage.links.1: link path includes link in config"
        ]
    );
}

#[test]
fn hard_links() {
    let (e, w) = check(
        r#""storage":{"directories":[{"path":"/d"}],"links":[{"path":"/l","target":"/d","hard":true,
        "user":{"id":1},"group":{"name":"g"}}]}"#,
    );
    assert_eq!(e, ["$.storage.links.0: hard link target is a directory"]);
    assert_eq!(
        w,
        [
            "$.storage.links.0.user.id: user/group ignored for hard link",
            "$.storage.links.0.group.name: user/group ignored for hard link"
        ]
    );
    // A relative hard-link target is joined onto the link's own path (storage.go).
    assert_eq!(
        errors(
            r#""storage":{"directories":[{"path":"/l/d"}],"links":[{"path":"/l","target":"d","hard":true}]}"#
        ),
        [
            "$.storage.directories.0: directory path includes link in config",
            "$.storage.links.0: hard link target is a directory"
        ]
    );
    // Symbolic links may point at directories.
    assert!(
        errors(
            r#""storage":{"directories":[{"path":"/d"}],"links":[{"path":"/l","target":"/d"}]}"#
        )
        .is_empty()
    );
}

// ---------------------------------------------------------------------------------------------
// Duplicates (config/validate ValidateDups) and unused keys (ValidateUnusedKeys)
// ---------------------------------------------------------------------------------------------

#[test]
fn duplicates_across_files_directories_and_links() {
    assert_eq!(
        errors(
            r#""storage":{"directories":[{"path":"/x"}],"files":[{"path":"/x"},{"path":"/y"}],
            "links":[{"path":"/y","target":"/z"}]}"#
        ),
        [
            "$.storage.files.0: duplicate entry defined",
            "$.storage.links.0: duplicate entry defined"
        ]
    );
}

#[test]
fn duplicates_in_keyed_lists() {
    assert_eq!(
        errors(
            r#""systemd":{"units":[{"name":"a.service","dropins":[{"name":"x.conf"},{"name":"x.conf"}]},{"name":"a.service"}]},
            "passwd":{"users":[{"name":"core","sshAuthorizedKeys":["k","k"]},{"name":"core"}],"groups":[{"name":"g"},{"name":"g"}]},
            "kernelArguments":{"shouldExist":["a","b"],"shouldNotExist":["b"]}"#
        ),
        [
            "$.kernelArguments.shouldNotExist.0: duplicate entry defined",
            "$.passwd.groups.1: duplicate entry defined",
            "$.passwd.users.1: duplicate entry defined",
            "$.passwd.users.0.sshAuthorizedKeys.1: duplicate entry defined",
            "$.systemd.units.1: duplicate entry defined",
            "$.systemd.units.0.dropins.1: duplicate entry defined"
        ]
    );
    // `append` may repeat a source (FileEmbedded1.IgnoreDuplicates).
    assert!(
        errors(&file(
            r#"{"path":"/a","append":[{"source":"data:,x"},{"source":"data:,x"}]}"#
        ))
        .is_empty()
    );
}

#[test]
fn unknown_keys_are_warnings_and_case_insensitive_keys_still_decode() {
    let raw = r#"{"ignition":{"version":"3.4.0"},"storage":{"files":[{"Path":"/etc/a","modee":420}]},"extra":1}"#;
    let parsed = validate::parse(raw.as_bytes()).unwrap();
    assert_eq!(parsed.config.storage.files[0].path, "/etc/a");
    let w: Vec<String> = parsed
        .report
        .entries
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert_eq!(
        w,
        [
            "warning at $.extra, line 1 col 85: unused key extra",
            "warning at $.storage.files.0.Path, line 1 col 54: unused key Path",
            "warning at $.storage.files.0.modee, line 1 col 70: unused key modee"
        ]
    );
}

#[test]
fn a_megabyte_unknown_key_gives_a_short_warning() {
    let key = "k".repeat(1 << 20);
    let raw = format!(r#"{{"ignition":{{"version":"3.4.0"}},"{key}":1}}"#);
    let parsed = validate::parse(raw.as_bytes()).unwrap();
    let w = parsed.report.entries[0].to_string();
    assert!(w.len() < 1200, "{} bytes", w.len());
    assert!(w.starts_with("warning at $.kkkk"), "{}", &w[..40]);
    assert!(w.ends_with("…(1048576 bytes)"), "{}", &w[w.len() - 40..]);
    // The key itself stays available, whole.
    assert!(matches!(
        &parsed.report.entries[0].path.0[0],
        validate::PathElem::Key(k) if k.len() == 1 << 20
    ));
}

// ---------------------------------------------------------------------------------------------
// systemd (types/unit.go, systemd.go, config.go; go-systemd unit lexer)
// ---------------------------------------------------------------------------------------------

#[test]
fn unit_name_extension() {
    // cases of unit_test.go TestSystemdUnitNameValidate
    for ok in [
        "test.service",
        "test.socket",
        "test.device",
        "test.mount",
        "test.automount",
        "test.swap",
        "test.target",
        "test.path",
        "test.timer",
        "test.snapshot",
        "test.slice",
        "test.scope",
    ] {
        assert!(errors(&format!(r#""systemd":{{"units":[{{"name":{ok:?}}}]}}"#)).is_empty());
    }
    for bad in ["test.blah", "test", "test.service.d"] {
        assert_eq!(
            errors(&format!(r#""systemd":{{"units":[{{"name":{bad:?}}}]}}"#)),
            ["$.systemd.units.0.name: invalid systemd unit extension"],
            "{bad}"
        );
    }
}

#[test]
fn dropin_name_ends_in_conf() {
    assert_eq!(
        errors(r#""systemd":{"units":[{"name":"a.service","dropins":[{"name":"x.txt"}]}]}"#),
        ["$.systemd.units.0.dropins.0.name: invalid systemd drop-in extension"]
    );
}

#[test]
fn unit_contents_go_through_the_systemd_lexer() {
    // cases of unit_test.go TestSystemdUnitValidateContents
    let cases = [
        ("[Foo]\nQux=Bar", None),
        (
            "[Foo",
            Some("invalid unit content: unable to find end of section"),
        ),
        (
            "[Foo]\nQux=Bar\n[Baz",
            Some("invalid unit content: unable to find end of section"),
        ),
        ("[Foo]\nQux", Some("invalid unit content: EOF")),
        (
            "[Foo]\nQux\nA=b",
            Some("invalid unit content: unexpected newline encountered while parsing option name"),
        ),
        (
            "[Foo] bar",
            Some("invalid unit content: found garbage after section name : \"bar\""),
        ),
    ];
    for (contents, msg) in cases {
        let rest =
            format!(r#""systemd":{{"units":[{{"name":"a.service","contents":{contents:?}}}]}}"#);
        let want: Vec<String> = msg
            .map(|m| format!("$.systemd.units.0.contents: {m}"))
            .into_iter()
            .collect();
        assert_eq!(errors(&rest), want, "{contents}");
        let rest = format!(
            r#""systemd":{{"units":[{{"name":"a.service","dropins":[{{"name":"a.conf","contents":{contents:?}}}]}}]}}"#
        );
        let want: Vec<String> = msg
            .map(|m| format!("$.systemd.units.0.dropins.0.contents: {m}"))
            .into_iter()
            .collect();
        assert_eq!(errors(&rest), want, "dropin {contents}");
    }
    let long = format!("[Unit]\nDescription={}\n", "x".repeat(2100));
    assert_eq!(
        errors(&format!(
            r#""systemd":{{"units":[{{"name":"a.service","contents":{long:?}}}]}}"#
        )),
        ["$.systemd.units.0.contents: invalid unit content: line too long (max 2048 bytes)"]
    );
}

#[test]
fn enabled_unit_without_install_section_warns() {
    // cases of unit_test.go TestSystemdUnitValidateInstallSection
    assert_eq!(
        warnings(
            r#""systemd":{"units":[{"name":"foo.service","enabled":true,"contents":"[Service]\nExecStart=/bin/true"}]}"#
        ),
        [
            "$.systemd.units.0.contents: unit \"foo.service\" is enabled, but has no install section so enable does nothing"
        ]
    );
    // An [Install] header with no options does not count (Ignition looks at options).
    assert_eq!(
        warnings(r#""systemd":{"units":[{"name":"foo.service","enabled":true,"contents":"[Install]\n"}]}"#).len(),
        1
    );
    for ok in [
        r#"{"name":"foo.service","enabled":true,"contents":"[Install]\nWantedBy=multi-user.target"}"#,
        r#"{"name":"foo.service","enabled":false,"contents":"[Service]\nExecStart=/bin/true"}"#,
        r#"{"name":"foo.service","enabled":true}"#,
        r#"{"name":"foo.service","enabled":true,"contents":""}"#,
    ] {
        assert!(
            warnings(&format!(r#""systemd":{{"units":[{ok}]}}"#)).is_empty(),
            "{ok}"
        );
    }
}

#[test]
fn enabled_instance_of_template_without_install_section_warns() {
    // cases of systemd_test.go TestSystemdValidate
    assert_eq!(
        warnings(
            r#""systemd":{"units":[{"name":"echo@.service","contents":"[Unit]\nDescription=x\n[Service]\nExecStart=/bin/echo %i"},{"name":"echo@bar.service","enabled":true}]}"#
        ),
        [
            "$.systemd.units.1.contents: template unit \"echo@.service\" for \"echo@bar.service\" doesn't have Install section"
        ]
    );
    assert!(warnings(r#""systemd":{"units":[{"name":"echo@.service","contents":"[Install]\nWantedBy=multi-user.target"},{"name":"echo@bar.service","enabled":true}]}"#).is_empty());
}

#[test]
fn storage_paths_may_not_conflict_with_units() {
    // cases of config_test.go TestConfigValidation
    assert_eq!(
        errors(
            r#""systemd":{"units":[{"name":"foo.service","contents":"[Unit]","dropins":[{"name":"b.conf","contents":"[Unit]"}]}]},
            "storage":{"files":[{"path":"/etc/systemd/system/foo.service"}],"directories":[{"path":"/etc/systemd/system/foo.service.d/b.conf"}],
            "links":[{"path":"/etc/systemd/system/foo.service","target":"/x"}]}"#
        ),
        [
            "$.storage.files.0.path: path conflicts with systemd unit or dropin",
            "$.storage.directories.0.path: path conflicts with systemd unit or dropin",
            "$.storage.links.0.path: path conflicts with systemd unit or dropin",
            "$.storage.links.0: duplicate entry defined"
        ]
    );
    // A unit without contents writes nothing, so no conflict.
    assert!(
        errors(r#""systemd":{"units":[{"name":"foo.service"}]},"storage":{"files":[{"path":"/etc/systemd/system/foo.service"}]}"#)
            .is_empty()
    );
}

// ---------------------------------------------------------------------------------------------
// ignition section (types/ignition.go, tls.go, proxy.go)
// ---------------------------------------------------------------------------------------------

#[test]
fn merged_configs_and_cas_need_a_source() {
    let (e, _) = report(
        r#"{"ignition":{"version":"3.4.0","config":{"merge":[{}]},"security":{"tls":{"certificateAuthorities":[{"source":"gopher://x"}]}}}}"#,
    );
    assert_eq!(
        e,
        [
            "$.ignition.config.merge.0: source is required",
            "$.ignition.security.tls.certificateAuthorities.0: invalid url scheme",
            "$.ignition.security.tls.certificateAuthorities.0.source: invalid url scheme"
        ]
    );
}

#[test]
fn proxies() {
    // cases of proxy_test.go TestProxyValidate
    let (e, w) = report(
        r#"{"ignition":{"version":"3.4.0","proxy":{"httpProxy":"ftp://p","httpsProxy":"http://p"}}}"#,
    );
    assert_eq!(e, ["$.ignition.proxy.httpProxy: proxies must be http(s)"]);
    assert_eq!(
        w,
        [
            "$.ignition.proxy.httpsProxy: insecure plaintext HTTP proxy specified for HTTPS resources"
        ]
    );
    let (e, _) = report(r#"{"ignition":{"version":"3.4.0","proxy":{"httpProxy":"http://[x"}}}"#);
    assert_eq!(e, ["$.ignition.proxy.httpProxy: unable to parse url"]);
}

// ---------------------------------------------------------------------------------------------
// Disks, filesystems, RAID, LUKS (types/disk.go, partition.go, filesystem.go, raid.go, luks.go,
// clevis.go, tang.go, device.go)
// ---------------------------------------------------------------------------------------------

#[test]
fn disk_device_required() {
    assert_eq!(
        errors(r#""storage":{"disks":[{"device":""}]}"#),
        ["$.storage.disks.0.device: disk device is required"]
    );
    assert_eq!(
        errors(r#""storage":{"disks":[{"device":"sda"}]}"#),
        ["$.storage.disks.0.device: path not absolute"]
    );
}

#[test]
fn partitions() {
    // cases of partition_test.go and disk_test.go
    let d = |parts: &str| {
        errors(&format!(
            r#""storage":{{"disks":[{{"device":"/dev/sda","partitions":{parts}}}]}}"#
        ))
    };
    assert_eq!(
        d(r#"[{"number":1},{"number":1}]"#),
        [
            "$.storage.disks.0.partitions.1: partition numbers collide",
            "$.storage.disks.0.partitions.1: duplicate entry defined"
        ]
    );
    assert_eq!(
        d(r#"[{"number":1,"startMiB":1,"sizeMiB":10},{"number":2,"startMiB":5,"sizeMiB":10}]"#),
        ["$.storage.disks.0.partitions.1: partitions overlap"]
    );
    assert_eq!(
        d(r#"[{"label":"a"},{"label":"a"}]"#),
        [
            "$.storage.disks.0.partitions.1: cannot use the same partition label twice",
            "$.storage.disks.0.partitions.1: duplicate entry defined"
        ]
    );
    assert_eq!(
        d(r#"[{"number":1,"shouldExist":false,"sizeMiB":5}]"#),
        [
            "$.storage.disks.0.partitions.0: shouldExist specified false with other options also specified"
        ]
    );
    // Disk.partitionsMixZeroesAndNonexistence: a partition that must not exist next to one
    // numbered 0 (the same partition counts).
    assert_eq!(
        d(r#"[{"number":1,"shouldExist":false},{"label":"b"}]"#),
        [
            "$.storage.disks.0.partitions: shouldExist is false for a partition and other partition(s) has start or size 0"
        ]
    );
    assert_eq!(
        d(r#"[{"label":"a","shouldExist":false}]"#),
        [
            "$.storage.disks.0.partitions: shouldExist is false for a partition and other partition(s) has start or size 0",
            "$.storage.disks.0.partitions.0: shouldExist specified false with other options also specified"
        ]
    );
    assert!(d(r#"[{"number":1,"shouldExist":false},{"number":2,"label":"b"}]"#).is_empty());
    assert_eq!(
        d(r#"[{"sizeMiB":5}]"#),
        ["$.storage.disks.0.partitions.0: a partition number >= 1 or a label must be specified"]
    );
    assert_eq!(
        d(&format!(r#"[{{"label":{:?}}}]"#, "x".repeat(37))),
        ["$.storage.disks.0.partitions.0.label: partition labels may not exceed 36 characters"]
    );
    assert_eq!(
        d(r#"[{"label":"a:b"}]"#),
        [
            "$.storage.disks.0.partitions.0.label: partition label will be truncated to text before the colon"
        ]
    );
    assert_eq!(
        d(r#"[{"number":1,"guid":"x","typeGuid":"0FC63DAF-8483-4772-8E79-3D69D8477DE4"}]"#),
        [
            "$.storage.disks.0.partitions.0.guid: doesn't match the form \"01234567-89AB-CDEF-EDCB-A98765432101\""
        ]
    );
}

#[test]
fn filesystems() {
    // cases of filesystem_test.go
    let fs = |json: &str| errors(&format!(r#""storage":{{"filesystems":[{json}]}}"#));
    assert_eq!(
        fs(r#"{"device":"/dev/a","format":"zfs"}"#),
        ["$.storage.filesystems.0.format: invalid filesystem format"]
    );
    assert_eq!(
        fs(r#"{"device":"/dev/a","path":"/m"}"#),
        [
            "$.storage.filesystems.0.format: format cannot be empty when path, label, uuid, wipeFilesystem, options, or mountOptions is specified"
        ]
    );
    assert_eq!(
        fs(r#"{"device":"/dev/a","label":"l"}"#),
        [
            "$.storage.filesystems.0.format: format cannot be empty when path, label, uuid, wipeFilesystem, options, or mountOptions is specified",
            "$.storage.filesystems.0.label: filesystem must specify format if label is specified"
        ]
    );
    for (format, max) in [
        ("ext4", 16),
        ("btrfs", 256),
        ("xfs", 12),
        ("swap", 15),
        ("vfat", 11),
    ] {
        assert!(
            fs(&format!(
                r#"{{"device":"/dev/a","format":"{format}","label":{:?}}}"#,
                "l".repeat(max)
            ))
            .is_empty()
        );
        assert_eq!(
            fs(&format!(
                r#"{{"device":"/dev/a","format":"{format}","label":{:?}}}"#,
                "l".repeat(max + 1)
            )),
            [format!(
                "$.storage.filesystems.0.label: filesystem labels cannot be longer than {max} characters when using {format}"
            )]
        );
    }
    assert_eq!(
        fs(r#"{"device":"dev","path":"m","format":"ext4"}"#),
        [
            "$.storage.filesystems.0.path: path not absolute",
            "$.storage.filesystems.0.device: path not absolute"
        ]
    );
}

#[test]
fn filesystem_on_wiped_or_partitioned_disk_warns() {
    // cases of storage_test.go TestStorageValidate (warnings)
    assert_eq!(
        warnings(
            r#""storage":{"disks":[{"device":"/dev/a","partitions":[{"number":1}]},{"device":"/dev/b","wipeTable":true},
        {"device":"/dev/c","wipeTable":true}],
        "filesystems":[{"device":"/dev/a","format":"ext4"},{"device":"/dev/b","format":"ext4"},{"device":"/dev/c","format":"xfs","wipeFilesystem":true}]}"#
        ),
        [
            "$.storage.filesystems.0.device: filesystem overwrites partitioned device",
            "$.storage.filesystems.1.device: device matches disk with wipeTable enabled; filesystem will be wiped"
        ]
    );
}

#[test]
fn raid() {
    // cases of raid_test.go
    let r = |json: &str| errors(&format!(r#""storage":{{"raid":[{json}]}}"#));
    assert_eq!(
        r(r#"{"name":"md","devices":["/dev/a"]}"#),
        ["$.storage.raid.0.level: raid level is required"]
    );
    assert_eq!(
        r(r#"{"name":"md","level":"raid99","devices":["/dev/a"]}"#),
        ["$.storage.raid.0.level: unrecognized raid level"]
    );
    assert_eq!(
        r(r#"{"name":"md","level":"stripe","spares":1,"devices":["/dev/a"]}"#),
        ["$.storage.raid.0.level: spares unsupported for linear and raid0 arrays"]
    );
    assert_eq!(
        r(r#"{"name":"md","level":"raid1"}"#),
        ["$.storage.raid.0.devices: raid devices required"]
    );
    assert_eq!(
        r(r#"{"name":"md","level":"raid1","devices":["sda","/dev/a","/dev/a"]}"#),
        [
            "$.storage.raid.0.devices.0: path not absolute",
            "$.storage.raid.0.devices.2: duplicate entry defined"
        ]
    );
}

#[test]
fn luks() {
    let l = |json: &str| errors(&format!(r#""storage":{{"luks":[{json}]}}"#));
    assert_eq!(
        l(&format!(
            r#"{{"name":"a/b","device":"/dev/a","label":{:?}}}"#,
            "l".repeat(48)
        )),
        [
            "$.storage.luks.0.name: device names cannot contain slashes",
            "$.storage.luks.0.label: luks device labels cannot be longer than 47 characters"
        ]
    );
    assert_eq!(
        l(r#"{"name":"a"}"#),
        ["$.storage.luks.0.device: disk device is required"]
    );
    assert_eq!(
        l(r#"{"name":"a","device":"/dev/a","keyFile":{"source":"gopher://x"}}"#),
        [
            "$.storage.luks.0.keys: invalid key-file source",
            "$.storage.luks.0.keyFile.source: invalid url scheme"
        ]
    );
    // cases of clevis_test.go
    assert_eq!(
        l(
            r#"{"name":"a","device":"/dev/a","clevis":{"custom":{"pin":"tpm2","config":"{}"},"tpm2":true}}"#
        ),
        ["$.storage.luks.0.clevis: cannot use custom clevis config with tpm2, tang, or threshold"]
    );
    assert_eq!(
        l(r#"{"name":"a","device":"/dev/a","clevis":{"custom":{"needsNetwork":true}}}"#),
        [
            "$.storage.luks.0.clevis.custom.pin: missing required custom clevis pin",
            "$.storage.luks.0.clevis.custom.config: missing required custom clevis config"
        ]
    );
    assert_eq!(
        l(r#"{"name":"a","device":"/dev/a","clevis":{"custom":{"pin":"foo","config":"{}"}}}"#),
        ["$.storage.luks.0.clevis.custom.pin: unsupported clevis pin"]
    );
    // cases of tang_test.go
    assert_eq!(
        l(
            r#"{"name":"a","device":"/dev/a","clevis":{"tang":[{"url":"ftp://t","advertisement":"{\"a\":1e999}"}]}}"#
        ),
        [
            "$.storage.luks.0.clevis.tang.0.url: invalid url scheme",
            "$.storage.luks.0.clevis.tang.0.thumbprint: thumbprint is required",
            "$.storage.luks.0.clevis.tang.0.advertisement: advertisement is not valid JSON"
        ]
    );
    assert!(
        l(r#"{"name":"a","device":"/dev/a","clevis":{"tang":[{"url":"http://t","thumbprint":"x","advertisement":"{\"payload\":\"x\"}"}]}}"#)
            .is_empty()
    );
}

#[test]
fn every_problem_at_once_errors_and_warnings_separated() {
    let (e, w) = check(
        r#""storage":{"files":[{"path":"rel","mode":2049},{"path":"/b","overwrite":true}]},
        "systemd":{"units":[{"name":"x","enabled":true,"contents":"[Unit]"}]},"bogus":true"#,
    );
    assert_eq!(
        e,
        [
            "$.storage.files.0.path: path not absolute",
            "$.storage.files.1.overwrite: overwrite must be false if source is unspecified",
            "$.systemd.units.0.name: invalid systemd unit extension"
        ]
    );
    assert_eq!(
        w,
        [
            "$.storage.files.0.mode: setuid/setgid/sticky bits are not supported or functional in spec versions older than 3.6.0",
            "$.systemd.units.0.contents: unit \"x\" is enabled, but has no install section so enable does nothing",
            "$.bogus: unused key bogus"
        ]
    );
}
