//! Invariant of object validation (fuzz target `object_validation`).
//!
//! For any input: no panic. The text is read as a YAML stream (`parse_yaml`); every object is
//! validated (`KnownObject::validate`) and checked against the Secrets of the same stream
//! (`validate_env_from_secrets`); every error has a non-empty message whose body stays short
//! however large the input (values and details are shortened) and whose path is no longer than
//! the input allows. The raw bytes also go through the `encoding/json` checker and, as text,
//! through the image-reference parser and the pull-policy default.

use acp_model::KnownObject;
use acp_model::validation::ErrorList;

/// The longest error body: a shortened value (quoted, so up to 10 bytes per input byte of the
/// first 256) plus a shortened detail.
const MAX_BODY: usize = 4096;

fn check_errors(errs: &ErrorList, input_len: usize) {
    for e in errs {
        let body = e.body();
        assert!(!body.is_empty(), "empty error body: {e:?}");
        assert!(
            body.len() <= MAX_BODY,
            "body of {} bytes: {e:?}",
            body.len()
        );
        assert!(
            e.field.len() <= input_len + 512,
            "path of {} bytes from {input_len} input bytes",
            e.field.len()
        );
        assert!(!e.to_string().is_empty());
    }
}

/// Panics when validating `data` panics or breaks the invariant above.
pub fn check(data: &[u8]) {
    let _ = acp_model::go::json_unmarshal_map_error(data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = acp_model::image::parse_normalized(text);
    let _ = acp_model::image::default_pull_policy(text);
    let Ok(objects) = acp_model::object::parse_yaml(text) else {
        return;
    };
    let secrets: Vec<_> = objects
        .iter()
        .filter_map(|o| match o {
            KnownObject::Secret(s) => Some((**s).clone()),
            _ => None,
        })
        .collect();
    for o in &objects {
        check_errors(&o.validate(), data.len());
        check_errors(&o.validate_env_from_secrets(&secrets), data.len());
        if let Some((path, spec)) = o.pod_spec() {
            for (i, c) in spec.containers.iter().enumerate() {
                let p = path.child("containers").index(i).child("image");
                check_errors(
                    &acp_model::image::lint_image(&p, c.image.as_deref().unwrap_or("")),
                    data.len(),
                );
            }
        }
    }
}
