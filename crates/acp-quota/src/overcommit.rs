//! Overcommit: requests from limits through `NamespaceResourceRatio` (issue 3 item 6).
//!
//! Owner while being built: `quota-b`.
