//! The `ignition_parse` fuzz target's check: arbitrary bytes → Ignition parse/validate never panics, and a
//! config that parses survives a typed round trip.

/// Panics when an invariant breaks on `data`.
pub fn check(data: &[u8]) {
    use acp_ignition::validate::{self, ParseError};

    let parsed = match validate::parse(data) {
        Ok(p) => p,
        Err(ParseError::Invalid(report)) => {
            // Rejected configs always say why.
            assert!(report.is_fatal(), "Invalid without an error entry");
            return;
        }
        Err(ParseError::Empty) => {
            assert!(data.is_empty());
            return;
        }
        Err(ParseError::UnknownVersion) => return,
        Err(other) => panic!("a parse error this check does not know: {other}"),
    };
    assert!(!parsed.report.is_fatal(), "accepted config carries errors");
    // The typed config validates the same way on its own.
    assert!(
        !validate::validate(&parsed.config).is_fatal(),
        "parse accepted what validate rejects"
    );
    // Typed round trip: serialize, parse again, same config, no new problems.
    let json = serde_json::to_vec(&parsed.config).expect("typed config serializes");
    let again = validate::parse(&json).expect("serialized config parses");
    assert_eq!(
        again.config, parsed.config,
        "typed round trip changed the config"
    );
    // Same warnings, less those about the input's keys (unknown keys, `null` structs), which
    // the typed output cannot have.
    let about_content = |r: &validate::Report| -> Vec<String> {
        r.entries
            .iter()
            .filter(|e| {
                !e.message.starts_with("unused key ")
                    && !e.message.starts_with("context tree does not match")
            })
            .map(|e| e.path_message())
            .collect()
    };
    assert_eq!(
        about_content(&again.report),
        about_content(&parsed.report),
        "typed round trip changed the warnings"
    );
    // serde's reading of the output agrees with Ignition's.
    let serde: acp_ignition::types::Config =
        serde_json::from_slice(&json).expect("serde reads the output");
    assert_eq!(serde, parsed.config);
    // The raw value path (MachineConfig spec.config) accepts the output too.
    let value: serde_json::Value = serde_json::from_slice(&json).expect("output is JSON");
    let from_value = validate::parse_value(&value).expect("value path accepts the output");
    assert_eq!(from_value.config, parsed.config);
}
