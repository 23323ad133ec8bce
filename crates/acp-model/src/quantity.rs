//! Exact Kubernetes quantities (placeholder; being written).
