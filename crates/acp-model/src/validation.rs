//! Field validation (placeholder; being written).
