//! Error types of the crate that are not the crontab grammar's.

/// Error from resolving a schedule's `TZ=`/`CRON_TZ=` prefix against a time zone database.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TimeZoneError {
    /// The name is `Local` (in any case): it means the controller's machine zone, which a pure
    /// library cannot know; pass the zone explicitly.
    #[error("time zone {0:?} refers to the machine's local zone; pass an explicit IANA zone")]
    Local(String),
    /// The database has no zone by that name (Go: `unknown time zone X`).
    #[error("unknown time zone {0}")]
    Unknown(String),
}
