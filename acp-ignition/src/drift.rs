//! Drift between a rendered config and a node: every file and unit the node no
//! longer has as the config says, and the `Degraded` reason the daemon would report.
//!
//! ```
//! use acp_ignition::drift::{NodeObservation, Observed, check_drift};
//! use acp_ignition::types::Config;
//!
//! let config = Config::from_value(&serde_json::json!({
//!     "ignition": {"version": "3.4.0"},
//!     "storage": {"files": [{"path": "/etc/chrony.conf", "mode": 420,
//!                            "contents": {"source": "data:,server%20a"}}]}
//! })).unwrap();
//! let mut seen = NodeObservation::default();
//! seen.files.insert("/etc/chrony.conf".into(), Observed::file(0o644, "server b"));
//! let report = check_drift("rendered-worker-1", &config, &seen);
//! assert!(report.is_degraded());
//! assert_eq!(
//!     report.reason().unwrap(),
//!     "unexpected on-disk state validating against rendered-worker-1: \
//!      content mismatch for file \"/etc/chrony.conf\""
//! );
//! ```
//!
//! # Sources and decisions
//!
//! Upstream openshift/machine-config-operator `pkg/daemon/on_disk_validation.go`
//! (`validateOnDiskState`, `checkV3Files`, `checkV3Units`, `checkV3Unit`, `checkV3Dropin`,
//! `checkFileContentsAndMode`, `checkUnitEnabled`) and `pkg/daemon/daemon.go`
//! (`validateOnDiskStateOrImage`: `unexpected on-disk state validating against <config>: …`):
//!
//! * **Files**, in config order: an `append` section is an error (`found an append section when
//!   checking files. Append is not supported`); the contents are decoded (`data:` URL, then the
//!   compression); the path is `lstat`ed (`could not stat file "<path>": lstat <path>: no such
//!   file or directory`); the mode must equal the config's (default `0644`) as Go's
//!   `os.FileMode` (`mode mismatch for file: "<path>"; expected: -rw-r--r--/420/0644; received:
//!   …`); the bytes must be equal (`content mismatch for file "<path>"`).
//! * **Units**, after the files: each drop-in at `/etc/systemd/system/<unit>.d/<name>` with its
//!   contents and mode `0644` (an empty drop-in may be absent); then, if the unit has contents:
//!   when `mask` is true the unit path must resolve to `/dev/null`; otherwise the unit file at
//!   `/etc/systemd/system/<unit>` with mode `0644`, and `enabled` against `systemctl is-enabled`
//!   (`true` fails on `disabled`, `masked`, `masked-runtime`, `not-found`; `false` fails on
//!   `enabled`, `enabled-runtime`). A unit without contents is not checked, as upstream.
//! * **Every** drifted item is listed (upstream stops at the first); [`DriftReport::reason`] is
//!   the first one in upstream's order, wrapped as the daemon wraps it, which is what the node's
//!   reason annotation shows.
//! * **Drift is not repaired.** "When Machine Configuration-managed files change outside the
//!   system, machine-config-daemon marks the node as Degraded but doesn't overwrite the modified
//!   files"; elsewhere: "marks affected nodes as Degraded until
// seed 004:945; seed 004:933
//!   an administrator resolves the issue"). The report therefore carries no repair actions: the
//!   node state becomes `Degraded` ([`DriftReport::node_state`]) and stays until the files are
//!   restored by hand.
//! * **Mode bits.** Upstream compares `os.FileMode(mode)` with `Lstat`'s mode: Go keeps the
//!   setuid/setgid/sticky bits in other positions than Unix does, so a file whose config mode has
//!   them (e.g. `0o4755`) never matches — reproduced, since it is what the daemon reports.
//! * **Undecidable items.** gzip-compressed contents cannot be decoded without an inflate
//!   implementation, which this crate does not have (no dependency for it): such files are
//!   listed in [`DriftReport::undecidable`] with their mode still checked. So are files and unit
//!   states the observation does not cover (absent from [`NodeObservation`], as opposed to
//!   observed [`Observed::Missing`]), and non-`data:` sources (fetched remotely by Ignition; the
//!   daemon cannot decode them either and reports the decode error, which is listed as drift).
//! * Not modelled: upstream's skip list of OpenShift certificate files written by another
//!   component (`getFilesToIgnore`), and Ignition spec 2 configs.

use std::collections::BTreeMap;
use std::fmt;

use acp_model::machineconfig::NodeConfigState;

use crate::dataurl;
use crate::types::{Config, File, Unit};

/// The directory of systemd units (upstream `pathSystemd`).
pub const SYSTEMD_DIR: &str = "/etc/systemd/system";
/// Where a masked unit points (upstream `pathDevNull`).
pub const DEV_NULL: &str = "/dev/null";
/// The mode of units, drop-ins and of files without a `mode` (upstream
/// `defaultFilePermissions`, `0644`).
pub const DEFAULT_MODE: u32 = 0o644;

/// What is at a path on the node (what `lstat` and a read found).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Observed {
    /// Nothing (`ENOENT`).
    Missing,
    /// A regular file.
    File {
        /// Unix permission and special bits (`st_mode & 0o7777`).
        mode: u32,
        /// The bytes.
        contents: Vec<u8>,
    },
    /// A symbolic link.
    Symlink {
        /// Where it points.
        target: String,
    },
    /// A directory.
    Directory {
        /// Unix permission and special bits.
        mode: u32,
    },
}

impl Observed {
    /// A regular file.
    pub fn file(mode: u32, contents: impl Into<Vec<u8>>) -> Self {
        Observed::File {
            mode,
            contents: contents.into(),
        }
    }

    /// Go's `os.FileMode` of what `Lstat` returns (`None` when missing).
    fn go_mode(&self) -> Option<u32> {
        let special = |mode: u32| {
            (mode & 0o777)
                | if mode & 0o4000 != 0 { 1 << 23 } else { 0 }
                | if mode & 0o2000 != 0 { 1 << 22 } else { 0 }
                | if mode & 0o1000 != 0 { 1 << 20 } else { 0 }
        };
        match self {
            Observed::Missing => None,
            Observed::File { mode, .. } => Some(special(*mode)),
            // Go reports links as `Lrwxrwxrwx` (Linux links are 0777).
            Observed::Symlink { .. } => Some((1 << 27) | 0o777),
            Observed::Directory { mode } => Some((1 << 31) | special(*mode)),
        }
    }
}

/// What was observed on a node: the paths the config manages, and unit states.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NodeObservation {
    /// By absolute path: files, unit files (`/etc/systemd/system/<unit>`) and drop-ins
    /// (`/etc/systemd/system/<unit>.d/<name>`). A path absent from the map was not observed
    /// (undecidable); one observed absent is [`Observed::Missing`].
    pub files: BTreeMap<String, Observed>,
    /// `systemctl is-enabled <unit>` output by unit name (`enabled`, `disabled`, `masked`,
    /// `static`, `not-found` …).
    pub unit_states: BTreeMap<String, String>,
}

/// What drifted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DriftTarget {
    /// A file of `storage.files`.
    File(String),
    /// A unit of `systemd.units` (its file, drop-in, mask or enablement).
    Unit(String),
}

impl fmt::Display for DriftTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DriftTarget::File(p) => write!(f, "file {p}"),
            DriftTarget::Unit(u) => write!(f, "unit {u}"),
        }
    }
}

/// One drifted item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drift {
    /// The file or unit.
    pub target: DriftTarget,
    /// The daemon's message for it (e.g. `content mismatch for file "/etc/chrony.conf"`).
    pub message: String,
}

/// An item that could not be checked, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undecidable {
    /// The file or unit.
    pub target: DriftTarget,
    /// Why.
    pub reason: String,
}

/// The result of [`check_drift`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DriftReport {
    /// The rendered config checked against.
    pub config: String,
    /// Every drifted item, in upstream's order (files, then units).
    pub drifts: Vec<Drift>,
    /// Items that could not be decided.
    pub undecidable: Vec<Undecidable>,
}

impl DriftReport {
    /// Any drift: the node is `Degraded`.
    pub fn is_degraded(&self) -> bool {
        !self.drifts.is_empty()
    }

    /// The node state the daemon sets: `Degraded` on drift, else `Done` (no drift found).
    pub fn node_state(&self) -> NodeConfigState {
        if self.is_degraded() {
            NodeConfigState::Degraded
        } else {
            NodeConfigState::Done
        }
    }

    /// The daemon's reason for `Degraded`: the first drift in upstream's order, as
    /// `unexpected on-disk state validating against <config>: <message>`.
    pub fn reason(&self) -> Option<String> {
        self.drifts.first().map(|d| {
            format!(
                "unexpected on-disk state validating against {}: {}",
                self.config, d.message
            )
        })
    }
}

/// Go's `os.FileMode.String()`.
fn go_mode_string(m: u32) -> String {
    let mut s = String::new();
    for (i, c) in "dalTLDpSugct?".chars().enumerate() {
        if m & (1u32 << (31 - i)) != 0 {
            s.push(c);
        }
    }
    if s.is_empty() {
        s.push('-');
    }
    for (i, c) in "rwxrwxrwx".chars().enumerate() {
        s.push(if m & (1u32 << (8 - i)) != 0 { c } else { '-' });
    }
    s
}

/// Go's `%v/%d/%#o` of an `os.FileMode`.
fn go_mode_triple(m: u32) -> String {
    let octal = if m == 0 {
        "0".to_owned()
    } else {
        format!("0{m:o}")
    };
    format!("{}/{m}/{octal}", go_mode_string(m))
}

/// Upstream `checkFileContentsAndMode`, listing each mismatch.
fn check_file(
    path: &str,
    expected: Option<&[u8]>,
    mode: u32,
    seen: &Observed,
    target: &DriftTarget,
    out: &mut Vec<Drift>,
) {
    let drift = |message: String| Drift {
        target: target.clone(),
        message,
    };
    let Some(actual_mode) = seen.go_mode() else {
        out.push(drift(format!(
            "could not stat file {path:?}: lstat {path}: no such file or directory"
        )));
        return;
    };
    if actual_mode != mode {
        out.push(drift(format!(
            "mode mismatch for file: {path:?}; expected: {}; received: {}",
            go_mode_triple(mode),
            go_mode_triple(actual_mode)
        )));
    }
    let Some(expected) = expected else {
        return;
    };
    match seen {
        Observed::File { contents, .. } if contents.as_slice() != expected => {
            out.push(drift(format!("content mismatch for file {path:?}")));
        }
        Observed::Directory { .. } => {
            out.push(drift(format!(
                "could not read file {path:?}: read {path}: is a directory"
            )));
        }
        // A symlink is read through; its target was not observed as file contents.
        _ => {}
    }
}

/// The expected bytes of a file: `None` when undecidable (gzip), `Err` with the daemon's
/// message when it cannot be decoded (upstream `DecodeIgnitionFileContents`).
fn file_contents(f: &File) -> Result<Option<Vec<u8>>, String> {
    let Some(source) = &f.contents.source else {
        return Ok(Some(Vec::new()));
    };
    let data = dataurl::decode(source).map_err(|e| {
        format!(
            "couldn't decode file {:?}: could not decode file content string: {e}",
            f.path
        )
    })?;
    match f.contents.compression.as_deref() {
        None | Some("") => Ok(Some(data)),
        // DEVIATION: no inflate implementation: gzip contents are undecidable here; the daemon
        // decompresses and compares them.
        Some("gzip") => Ok(None),
        Some(other) => Err(format!(
            "couldn't decode file {:?}: unsupported compression type {other:?}",
            f.path
        )),
    }
}

/// Go's `os.FileMode(int)`: the low 32 bits.
fn go_file_mode(mode: Option<i64>) -> u32 {
    mode.map_or(DEFAULT_MODE, |m| {
        u32::try_from(m & 0xffff_ffff).unwrap_or(0)
    })
}

/// Resolves symlinks within the observation (upstream `filepath.EvalSymlinks`); a target not
/// observed is taken as it is.
fn resolve<'a>(obs: &'a NodeObservation, path: &'a str) -> Result<&'a str, String> {
    let mut current = path;
    for _ in 0..40 {
        match obs.files.get(current) {
            Some(Observed::Symlink { target }) => current = target,
            Some(Observed::Missing) => {
                return Err(format!("lstat {current}: no such file or directory"));
            }
            _ => return Ok(current),
        }
    }
    Err(format!("{path}: too many links"))
}

fn check_unit(unit: &Unit, obs: &NodeObservation, report: &mut DriftReport) {
    let target = DriftTarget::Unit(unit.name.clone());
    let undecidable = |reason: String| Undecidable {
        target: target.clone(),
        reason,
    };
    for dropin in &unit.dropins {
        let path = format!("{SYSTEMD_DIR}/{}.d/{}", unit.name, dropin.name);
        let content = dropin.contents.as_deref().unwrap_or_default();
        match obs.files.get(&path) {
            None => report
                .undecidable
                .push(undecidable(format!("{path} was not observed"))),
            // An empty drop-in is removed; its absence is fine.
            Some(Observed::Missing) if content.is_empty() => {}
            Some(seen) => check_file(
                &path,
                Some(content.as_bytes()),
                DEFAULT_MODE,
                seen,
                &target,
                &mut report.drifts,
            ),
        }
    }
    let Some(contents) = unit.contents.as_deref().filter(|c| !c.is_empty()) else {
        return;
    };
    let path = format!("{SYSTEMD_DIR}/{}", unit.name);
    if !obs.files.contains_key(&path) {
        report
            .undecidable
            .push(undecidable(format!("{path} was not observed")));
        return;
    }
    if unit.mask == Some(true) {
        match resolve(obs, &path) {
            Err(e) => report.drifts.push(Drift {
                target,
                message: format!(
                    "state validation: error while evaluation symlink for path {path:?}: {e}"
                ),
            }),
            Ok(link) if link != DEV_NULL => report.drifts.push(Drift {
                target,
                message: format!(
                    "state validation: invalid unit masked setting. path: {path:?}; expected: {DEV_NULL}; received: {link}"
                ),
            }),
            Ok(_) => {}
        }
        return;
    }
    if let Some(seen) = obs.files.get(&path) {
        check_file(
            &path,
            Some(contents.as_bytes()),
            DEFAULT_MODE,
            seen,
            &target,
            &mut report.drifts,
        );
    }
    let Some(enabled) = unit.enabled else {
        return;
    };
    let Some(state) = obs.unit_states.get(&unit.name) else {
        report.undecidable.push(undecidable(format!(
            "`systemctl is-enabled {}` was not observed",
            unit.name
        )));
        return;
    };
    let state = state.trim();
    let bad = if enabled {
        matches!(
            state,
            "disabled" | "masked" | "masked-runtime" | "not-found"
        )
    } else {
        matches!(state, "enabled" | "enabled-runtime")
    };
    if bad {
        report.drifts.push(Drift {
            target,
            message: format!(
                "unit {:?} expected enabled={enabled}, but systemd reports {state:?}",
                unit.name
            ),
        });
    }
}

/// Checks a node against the rendered config `config_name` (its Ignition config `config`): see
/// the module docs.
// DEVIATION: every drifted item is listed (the daemon stops at the first; `DriftReport::reason` is
// that first one), and gzip-compressed contents are reported undecidable instead of inflated.
pub fn check_drift(config_name: &str, config: &Config, observed: &NodeObservation) -> DriftReport {
    let mut report = DriftReport {
        config: config_name.to_owned(),
        drifts: Vec::new(),
        undecidable: Vec::new(),
    };
    for f in &config.storage.files {
        let target = DriftTarget::File(f.path.clone());
        if !f.append.is_empty() {
            report.drifts.push(Drift {
                target,
                message: "found an append section when checking files. Append is not supported"
                    .to_owned(),
            });
            continue;
        }
        let expected = match file_contents(f) {
            Ok(e) => e,
            Err(message) => {
                report.drifts.push(Drift { target, message });
                continue;
            }
        };
        let Some(seen) = observed.files.get(&f.path) else {
            report.undecidable.push(Undecidable {
                target,
                reason: format!("{} was not observed", f.path),
            });
            continue;
        };
        if expected.is_none() {
            report.undecidable.push(Undecidable {
                target: target.clone(),
                reason: "gzip-compressed contents cannot be decoded here (no inflate \
                         implementation); only the mode was checked"
                    .to_owned(),
            });
        }
        check_file(
            &f.path,
            expected.as_deref(),
            go_file_mode(f.mode),
            seen,
            &target,
            &mut report.drifts,
        );
    }
    for unit in &config.systemd.units {
        check_unit(unit, observed, &mut report);
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_file_mode_strings() {
        assert_eq!(go_mode_triple(0o644), "-rw-r--r--/420/0644");
        assert_eq!(go_mode_triple(0), "----------/0/0");
        assert_eq!(
            go_mode_triple((1 << 27) | 0o777),
            "Lrwxrwxrwx/134218239/01000000777"
        );
        assert_eq!(
            go_mode_triple((1 << 31) | 0o755),
            "drwxr-xr-x/2147484141/020000000755"
        );
        // setuid in Go's position.
        assert_eq!(go_mode_string((1 << 23) | 0o755), "urwxr-xr-x");
        // A raw 0o4755 is not Go's setuid bit: only the permission bits print.
        assert_eq!(go_mode_triple(0o4755), "-rwxr-xr-x/2541/04755");
    }

    #[test]
    fn observed_modes() {
        assert_eq!(
            Observed::file(0o4755, "").go_mode(),
            Some((1 << 23) | 0o755)
        );
        assert_eq!(Observed::Missing.go_mode(), None);
    }
}
