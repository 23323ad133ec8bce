//! Why a crontab line does not parse.

use core::fmt;

use crate::validation::echo;

/// One of the five crontab fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// Minute, 0–59.
    Minute,
    /// Hour, 0–23.
    Hour,
    /// Day of month, 1–31.
    DayOfMonth,
    /// Month, 1–12 or `JAN`–`DEC`.
    Month,
    /// Day of week, 0–6 (Sunday = 0) or `SUN`–`SAT`.
    DayOfWeek,
}

impl Field {
    /// The five fields in crontab order.
    pub const ALL: [Field; 5] = [
        Field::Minute,
        Field::Hour,
        Field::DayOfMonth,
        Field::Month,
        Field::DayOfWeek,
    ];

    // seed 003:15373-15375
    /// Smallest value allowed in the field (robfig/cron v3 `spec.go` bounds).
    pub const fn min(self) -> u32 {
        match self {
            Field::DayOfMonth | Field::Month => 1,
            _ => 0,
        }
    }

    /// Largest value allowed in the field. Day-of-week stops at 6: `7` is rejected as robfig/cron v3
    /// rejects it.
    pub const fn max(self) -> u32 {
        match self {
            Field::Minute => 59,
            Field::Hour => 23,
            Field::DayOfMonth => 31,
            Field::Month => 12,
            Field::DayOfWeek => 6,
        }
    }

    /// Human name of the field, as used in error messages (`"day-of-week"`).
    pub const fn name(self) -> &'static str {
        match self {
            Field::Minute => "minute",
            Field::Hour => "hour",
            Field::DayOfMonth => "day-of-month",
            Field::Month => "month",
            Field::DayOfWeek => "day-of-week",
        }
    }

    /// The allowed values as the ACP documentation's table writes them (`"1-12 or JAN-DEC"`).
    pub const fn allowed(self) -> &'static str {
        match self {
            Field::Minute => "0-59",
            Field::Hour => "0-23",
            Field::DayOfMonth => "1-31",
            Field::Month => "1-12 or JAN-DEC",
            Field::DayOfWeek => "0-6 or SUN-SAT",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What is wrong with one range expression of a field (the text between commas).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldErrorKind {
    /// A number (or name) could not be read; `out_of_range` when it overflowed a 64-bit integer.
    NotANumber {
        /// The offending text.
        text: String,
        /// The digits overflowed (Go: `value out of range`) rather than being malformed.
        out_of_range: bool,
    },
    /// A negative number (only reachable in a step, `*/-1`).
    Negative {
        /// The value read.
        value: i64,
        /// The offending text.
        text: String,
    },
    /// More than one `-` in a range.
    TooManyHyphens,
    /// More than one `/` in a range.
    TooManySlashes,
    /// The start of the range is below the field's minimum.
    BelowMinimum {
        /// The start value.
        start: u64,
    },
    /// The end of the range is above the field's maximum.
    AboveMaximum {
        /// The end value.
        end: u64,
    },
    /// The start of the range is after its end.
    Reversed {
        /// The start value.
        start: u64,
        /// The end value.
        end: u64,
    },
    /// A step of zero.
    ZeroStep,
}

/// Why a schedule string could not be parsed.
///
/// Parts of the input longer than [`MAX_ECHOED_BYTES`](crate::validation::MAX_ECHOED_BYTES)
/// are shortened in `Display` (as [`crate::validation::echo`] does); the variants keep them
/// whole.
///
/// [`Display`](fmt::Display) names the field, the token and the allowed range;
/// [`ParseError::robfig_message`] gives the exact text robfig/cron v3 (and therefore the Kubernetes
/// API server, `spec.schedule: Invalid value: …`) prints.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The schedule is the empty string.
    #[error("empty spec string")]
    Empty,
    /// A `TZ=`/`CRON_TZ=` prefix without a space after the zone name. robfig/cron v3 panics on
    /// this input (`parser.go` `Parse` slices with the index of a missing space); we report it.
    #[error("time zone prefix {:?} must be followed by a space and a schedule", echo(.0))]
    TimeZoneWithoutSchedule(String),
    /// Not exactly five whitespace-separated fields.
    #[error("expected exactly 5 fields, found {found}: [{}]", echo(fields))]
    FieldCount {
        /// How many fields were found.
        found: usize,
        /// The fields, space separated.
        fields: String,
    },
    /// One field is invalid.
    #[error("invalid {field} field, token {:?}: {}; allowed values are {}", echo(token), kind_text(*.field, token, .kind), .field.allowed())]
    Field {
        /// Which field.
        field: Field,
        /// The offending range expression (text between commas).
        token: String,
        /// What is wrong with it.
        kind: FieldErrorKind,
    },
    /// A word starting with `@` that is not a known descriptor.
    #[error("unrecognized descriptor: {}", echo(.0))]
    UnknownDescriptor(String),
    /// `@every` with a duration Go's `time.ParseDuration` would reject.
    #[error("failed to parse duration {}: {}", echo(spec), echo(reason))]
    Duration {
        /// The whole descriptor.
        spec: String,
        /// Go's reason text (`time: unknown unit "x" in duration "1x"`).
        reason: String,
    },
}

// DEVIATION: a token longer than MAX_ECHOED_BYTES is shortened in messages (robfig prints it
// whole), so that a huge schedule cannot make a huge error message.
fn kind_text(field: Field, expr: &str, kind: &FieldErrorKind) -> String {
    let expr = echo(expr);
    match kind {
        FieldErrorKind::NotANumber { text, out_of_range } => format!(
            "failed to parse int from {}: strconv.Atoi: parsing {:?}: {}",
            echo(text),
            echo(text),
            if *out_of_range {
                "value out of range"
            } else {
                "invalid syntax"
            }
        ),
        FieldErrorKind::Negative { value, text } => {
            format!("negative number ({value}) not allowed: {}", echo(text))
        }
        FieldErrorKind::TooManyHyphens => format!("too many hyphens: {expr}"),
        FieldErrorKind::TooManySlashes => format!("too many slashes: {expr}"),
        FieldErrorKind::BelowMinimum { start } => format!(
            "beginning of range ({start}) below minimum ({}): {expr}",
            field.min()
        ),
        FieldErrorKind::AboveMaximum { end } => {
            format!(
                "end of range ({end}) above maximum ({}): {expr}",
                field.max()
            )
        }
        FieldErrorKind::Reversed { start, end } => {
            format!("beginning of range ({start}) beyond end of range ({end}): {expr}")
        }
        FieldErrorKind::ZeroStep => format!("step of range should be a positive number: {expr}"),
    }
}

impl ParseError {
    /// The message robfig/cron v3.0.1 `ParseStandard` returns for the same input, which is what
    /// the Kubernetes API server shows after `spec.schedule: Invalid value: "<schedule>": `.
    ///
    /// For [`ParseError::TimeZoneWithoutSchedule`] robfig panics; the API server then fails the
    /// request, so there is no upstream text and our own message is returned.
    pub fn robfig_message(&self) -> String {
        match self {
            ParseError::Field { field, token, kind } => kind_text(*field, token, kind),
            other => other.to_string(),
        }
    }
}
