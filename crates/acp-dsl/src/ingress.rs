//! Ingress → Rules/Frontends translation (in progress).
