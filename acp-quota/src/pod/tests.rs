//! Cases transcribed (as facts) from component-helpers `resource/helpers_test.go` (v0.35.7)
//! and kubernetes `pkg/apis/core/v1/helper/qos/qos_test.go` `TestComputePodQOS`.

use super::*;
use k8s_openapi::api::core::v1::{ContainerStatus, PodCondition, PodStatus};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as K8sQuantity;

type Pairs<'a> = &'a [(&'a str, &'a str)];

fn m(p: Pairs) -> Option<K8sResourceList> {
    if p.is_empty() {
        return None;
    }
    Some(
        p.iter()
            .map(|(k, v)| ((*k).to_owned(), K8sQuantity((*v).to_owned())))
            .collect(),
    )
}

fn rr(req: Pairs, lim: Pairs) -> ResourceRequirements {
    ResourceRequirements {
        requests: m(req),
        limits: m(lim),
        ..Default::default()
    }
}

fn c(name: &str, req: Pairs, lim: Pairs) -> Container {
    Container {
        name: name.to_owned(),
        resources: Some(rr(req, lim)),
        ..Default::default()
    }
}

fn sidecar(name: &str, req: Pairs, lim: Pairs) -> Container {
    Container {
        restart_policy: Some("Always".into()),
        ..c(name, req, lim)
    }
}

fn cs(name: &str, actuated_req: Pairs, actuated_lim: Pairs, allocated: Pairs) -> ContainerStatus {
    ContainerStatus {
        name: name.to_owned(),
        resources: Some(rr(actuated_req, actuated_lim)),
        allocated_resources: m(allocated),
        ..Default::default()
    }
}

#[derive(Default)]
struct P {
    containers: Vec<Container>,
    inits: Vec<Container>,
    overhead: Pairs<'static>,
    pod_level: Option<ResourceRequirements>,
    statuses: Vec<ContainerStatus>,
    init_statuses: Vec<ContainerStatus>,
    infeasible: bool,
}

impl P {
    fn build(self) -> Pod {
        Pod {
            spec: Some(PodSpec {
                containers: self.containers,
                init_containers: Some(self.inits),
                overhead: m(self.overhead),
                resources: self.pod_level,
                ..Default::default()
            }),
            status: Some(PodStatus {
                container_statuses: Some(self.statuses),
                init_container_statuses: Some(self.init_statuses),
                conditions: self.infeasible.then(|| {
                    vec![PodCondition {
                        type_: "PodResizePending".into(),
                        status: "True".into(),
                        reason: Some("Infeasible".into()),
                        ..Default::default()
                    }]
                }),
                ..Default::default()
            }),
            ..Default::default()
        }
    }
}

fn rl(p: Pairs) -> ResourceList {
    ResourceList::parse_pairs(p.iter().copied()).unwrap()
}

fn req(p: &Pod, o: &PodResourcesOptions) -> ResourceList {
    pod_requests(p, o).unwrap()
}

fn lim(p: &Pod, o: &PodResourcesOptions) -> ResourceList {
    pod_limits(p, o).unwrap()
}

fn none() -> PodResourcesOptions {
    PodResourcesOptions::default()
}

fn status() -> PodResourcesOptions {
    PodResourcesOptions {
        use_status_resources: true,
        ..Default::default()
    }
}

fn no_overhead() -> PodResourcesOptions {
    PodResourcesOptions {
        exclude_overhead: true,
        ..Default::default()
    }
}

/// upstream `getPod`: one container and one init container with the same resources.
fn get_pod(cpu_req: &str, cpu_lim: &str, mem_req: &str, mem_lim: &str, oh: Pairs<'static>) -> Pod {
    let mut r = vec![];
    let mut l = vec![];
    if !cpu_req.is_empty() {
        r.push(("cpu", cpu_req));
    }
    if !mem_req.is_empty() {
        r.push(("memory", mem_req));
    }
    if !cpu_lim.is_empty() {
        l.push(("cpu", cpu_lim));
    }
    if !mem_lim.is_empty() {
        l.push(("memory", mem_lim));
    }
    P {
        containers: vec![c("foo", &r, &l)],
        inits: vec![c("init-foo", &r, &l)],
        overhead: oh,
        ..Default::default()
    }
    .build()
}

// TestPodRequestsAndLimits
#[test]
fn upstream_pod_requests_and_limits() {
    let p = get_pod("", "9", "", "", &[]);
    assert_eq!(req(&p, &none()), rl(&[]));
    assert_eq!(lim(&p, &none()), rl(&[("cpu", "9")]));

    let p = get_pod("", "", "", "", &[("cpu", "5"), ("memory", "5")]);
    assert_eq!(req(&p, &none()), rl(&[("cpu", "5"), ("memory", "5")]));
    assert_eq!(lim(&p, &none()), rl(&[]));

    let p = get_pod("1", "", "10", "", &[("cpu", "5"), ("memory", "5")]);
    assert_eq!(req(&p, &none()), rl(&[("cpu", "6"), ("memory", "15")]));
    assert_eq!(lim(&p, &none()), rl(&[]));

    let p = get_pod("1", "2", "10", "12", &[("cpu", "5"), ("memory", "5")]);
    assert_eq!(req(&p, &none()), rl(&[("cpu", "6"), ("memory", "15")]));
    assert_eq!(lim(&p, &none()), rl(&[("cpu", "7"), ("memory", "17")]));

    let p = get_pod("1", "2", "10", "", &[("cpu", "5"), ("memory", "5")]);
    assert_eq!(req(&p, &none()), rl(&[("cpu", "6"), ("memory", "15")]));
    assert_eq!(lim(&p, &none()), rl(&[("cpu", "7")]));
}

// TestPodRequestsAndLimitsWithoutOverhead
#[test]
fn upstream_pod_requests_and_limits_without_overhead() {
    let two = || {
        vec![
            c(
                "foobar",
                &[("cpu", "1"), ("memory", "5")],
                &[("cpu", "2"), ("memory", "10")],
            ),
            c(
                "foobar2",
                &[("cpu", "4"), ("memory", "12")],
                &[("cpu", "8"), ("memory", "24")],
            ),
        ]
    };
    let p = P {
        containers: two(),
        ..Default::default()
    }
    .build();
    assert_eq!(
        req(&p, &no_overhead()),
        rl(&[("cpu", "5"), ("memory", "17")])
    );
    assert_eq!(
        lim(&p, &no_overhead()),
        rl(&[("cpu", "10"), ("memory", "34")])
    );

    let p = P {
        containers: two(),
        overhead: &[("cpu", "3"), ("memory", "8")],
        ..Default::default()
    }
    .build();
    assert_eq!(
        req(&p, &no_overhead()),
        rl(&[("cpu", "5"), ("memory", "17")])
    );
    assert_eq!(
        lim(&p, &no_overhead()),
        rl(&[("cpu", "10"), ("memory", "34")])
    );

    let p = P {
        containers: two(),
        overhead: &[("cpu", "3"), ("memory", "8")],
        inits: vec![
            c(
                "small-init",
                &[("cpu", "1"), ("memory", "5")],
                &[("cpu", "1"), ("memory", "5")],
            ),
            c(
                "big-init",
                &[("cpu", "40"), ("memory", "120")],
                &[("cpu", "80"), ("memory", "240")],
            ),
        ],
        ..Default::default()
    }
    .build();
    assert_eq!(
        req(&p, &no_overhead()),
        rl(&[("cpu", "40"), ("memory", "120")])
    );
    assert_eq!(
        lim(&p, &no_overhead()),
        rl(&[("cpu", "80"), ("memory", "240")])
    );
}

/// The init-container and sidecar cases shared by TestPodResourceRequests and
/// TestPodResourceLimits: (description, inits, containers, overhead, options, expected cpu).
fn shared_cases(limits: bool) -> Vec<(&'static str, P, PodResourcesOptions, ResourceList)> {
    let k = |v: &'static str| -> Vec<(&'static str, &'static str)> { vec![("cpu", v)] };
    let mk = |name: &str, v: &'static str| {
        if limits {
            c(name, &[], &k(v))
        } else {
            c(name, &k(v), &[])
        }
    };
    let sc = |name: &str, v: &'static str| {
        if limits {
            sidecar(name, &[], &k(v))
        } else {
            sidecar(name, &k(v), &[])
        }
    };
    vec![
        (
            "nil options, larger init container",
            P {
                inits: vec![mk("", "4")],
                containers: vec![mk("", "1")],
                ..Default::default()
            },
            none(),
            rl(&[("cpu", "4")]),
        ),
        (
            "nil options, larger containers",
            P {
                inits: vec![mk("", "2")],
                containers: vec![mk("", "2"), mk("", "3")],
                ..Default::default()
            },
            none(),
            rl(&[("cpu", "5")]),
        ),
        (
            "pod overhead excluded",
            P {
                inits: vec![mk("", "2")],
                containers: vec![mk("", "2"), mk("", "3")],
                overhead: &[("cpu", "1")],
                ..Default::default()
            },
            no_overhead(),
            rl(&[("cpu", "5")]),
        ),
        (
            "restartable init container",
            P {
                inits: vec![sc("restartable-init-1", "1")],
                containers: vec![mk("container-1", "1")],
                ..Default::default()
            },
            none(),
            rl(&[("cpu", "2")]),
        ),
        (
            "multiple restartable init containers",
            P {
                inits: vec![
                    mk("init-1", "5"),
                    sc("restartable-init-1", "1"),
                    sc("restartable-init-2", "2"),
                    sc("restartable-init-3", "3"),
                ],
                containers: vec![mk("container-1", "1")],
                ..Default::default()
            },
            none(),
            rl(&[("cpu", "7")]),
        ),
        (
            "multiple restartable and regular init containers",
            P {
                inits: vec![
                    mk("init-1", "5"),
                    sc("restartable-init-1", "1"),
                    sc("restartable-init-2", "2"),
                    mk("init-2", "5"),
                    sc("restartable-init-3", "3"),
                ],
                containers: vec![mk("container-1", "1")],
                ..Default::default()
            },
            none(),
            rl(&[("cpu", "8")]),
        ),
        (
            "restartable-init, init and regular",
            P {
                inits: vec![sc("restartable-init-1", "10"), mk("init-1", "200")],
                containers: vec![mk("container-1", "100")],
                ..Default::default()
            },
            none(),
            rl(&[("cpu", "210")]),
        ),
    ]
}

// TestPodResourceRequests (the cases without status) and TestPodResourceLimits (same).
#[test]
fn upstream_init_and_sidecar_cases() {
    for limits in [false, true] {
        for (name, p, o, want) in shared_cases(limits) {
            let pod = p.build();
            let got = if limits { lim(&pod, &o) } else { req(&pod, &o) };
            assert_eq!(got, want, "{name} (limits: {limits})");
        }
    }
}

// TestPodResourceRequests "pod overhead included"; TestPodResourceLimits "pod overhead
// included" (overhead only on non-zero limits).
#[test]
fn upstream_overhead_included() {
    let p = P {
        overhead: &[("cpu", "1"), ("memory", "1Gi")],
        inits: vec![c("", &[("cpu", "2")], &[("cpu", "2")])],
        containers: vec![c("", &[("cpu", "2")], &[]), c("", &[("cpu", "3")], &[])],
        ..Default::default()
    }
    .build();
    assert_eq!(req(&p, &none()), rl(&[("cpu", "6"), ("memory", "1Gi")]));

    let p = P {
        overhead: &[("cpu", "1"), ("memory", "1Gi")],
        inits: vec![c("", &[], &[("cpu", "2")])],
        containers: vec![c("", &[], &[("cpu", "2")]), c("", &[], &[("cpu", "3")])],
        ..Default::default()
    }
    .build();
    assert_eq!(lim(&p, &none()), rl(&[("cpu", "6")]));
}

// TestPodResourceLimits: unlimited containers.
#[test]
fn upstream_unlimited_containers() {
    let p = P {
        containers: vec![c("", &[], &[])],
        ..Default::default()
    }
    .build();
    assert_eq!(lim(&p, &none()), rl(&[]));
    let two = &[("cpu", "2"), ("memory", "2Gi")];
    let p = P {
        containers: vec![c("", &[], two), c("", &[], &[])],
        ..Default::default()
    }
    .build();
    assert_eq!(lim(&p, &none()), rl(two));
    let p = P {
        inits: vec![c("", &[], two), c("", &[], &[])],
        containers: vec![c("", &[], &[("cpu", "1"), ("memory", "1Gi")])],
        ..Default::default()
    }
    .build();
    assert_eq!(lim(&p, &none()), rl(two));
}

// TestPodResourceRequests: the in-place resize cases.
#[test]
fn upstream_resize_requests() {
    let one = |spec: &'static str| vec![c("container-1", &[("cpu", spec)], &[])];
    // resized, infeasible → the actuated value
    let p = P {
        containers: one("4"),
        statuses: vec![cs("container-1", &[("cpu", "2")], &[], &[])],
        infeasible: true,
        ..Default::default()
    }
    .build();
    assert_eq!(req(&p, &status()), rl(&[("cpu", "2")]));
    // resized, infeasible, but don't use status
    assert_eq!(req(&p, &none()), rl(&[("cpu", "4")]));
    // resized, infeasible & in-progress → max(actuated, allocated)
    let p = P {
        containers: one("6"),
        statuses: vec![cs("container-1", &[("cpu", "2")], &[], &[("cpu", "4")])],
        infeasible: true,
        ..Default::default()
    }
    .build();
    assert_eq!(req(&p, &status()), rl(&[("cpu", "4")]));
    // resized, no resize status → max(spec, actuated)
    let p = P {
        containers: one("4"),
        statuses: vec![cs("container-1", &[("cpu", "2")], &[], &[])],
        ..Default::default()
    }
    .build();
    assert_eq!(req(&p, &status()), rl(&[("cpu", "4")]));
    // resized: per-resource 3-way maximum
    let p = P {
        containers: vec![c(
            "container-1",
            &[
                ("cpu", "30m"),
                ("memory", "20M"),
                ("ephemeral-storage", "10G"),
            ],
            &[],
        )],
        statuses: vec![cs(
            "container-1",
            &[
                ("cpu", "10m"),
                ("memory", "30M"),
                ("ephemeral-storage", "20G"),
            ],
            &[],
            &[
                ("cpu", "20m"),
                ("memory", "10M"),
                ("ephemeral-storage", "30G"),
            ],
        )],
        ..Default::default()
    }
    .build();
    assert_eq!(
        req(&p, &status()),
        rl(&[
            ("cpu", "30m"),
            ("memory", "30M"),
            ("ephemeral-storage", "30G")
        ])
    );
    // restartable init container: infeasible / no resize status / don't use status
    let mk = |infeasible| {
        P {
            inits: vec![sidecar("restartable-init-1", &[("cpu", "4")], &[])],
            init_statuses: vec![cs("restartable-init-1", &[("cpu", "2")], &[], &[])],
            infeasible,
            ..Default::default()
        }
        .build()
    };
    assert_eq!(req(&mk(true), &status()), rl(&[("cpu", "2")]));
    assert_eq!(req(&mk(false), &status()), rl(&[("cpu", "4")]));
    assert_eq!(req(&mk(true), &none()), rl(&[("cpu", "4")]));
}

// TestPodResourceLimits: the in-place resize cases.
#[test]
fn upstream_resize_limits() {
    let mk = |spec: &'static str, actual: &'static str, init: bool| {
        if init {
            P {
                inits: vec![sidecar("restartable-init-1", &[], &[("memory", spec)])],
                init_statuses: vec![cs("restartable-init-1", &[], &[("memory", actual)], &[])],
                ..Default::default()
            }
        } else {
            P {
                containers: vec![c("container-1", &[], &[("memory", spec)])],
                statuses: vec![cs("container-1", &[], &[("memory", actual)], &[])],
                ..Default::default()
            }
        }
        .build()
    };
    for init in [false, true] {
        // pod scaled up / scaled down
        assert_eq!(
            lim(&mk("2Gi", "1Gi", init), &status()),
            rl(&[("memory", "2Gi")])
        );
        assert_eq!(
            lim(&mk("1Gi", "2Gi", init), &status()),
            rl(&[("memory", "2Gi")])
        );
        // pod scaled down, don't use status
        assert_eq!(
            lim(&mk("1Gi", "2Gi", init), &none()),
            rl(&[("memory", "1Gi")])
        );
    }
}

// TestIsPodLevelResourcesSet, TestIsPodLevelLimitsSet, TestIsSupportedPodLevelResource
#[test]
fn upstream_pod_level_set() {
    let spec = |r: Option<ResourceRequirements>| PodSpec {
        resources: r,
        ..Default::default()
    };
    assert!(!is_pod_level_resources_set(&spec(None)));
    assert!(!is_pod_level_resources_set(&spec(Some(rr(&[], &[])))));
    assert!(!is_pod_level_resources_set(&spec(Some(rr(
        &[("ephemeral-storage", "1Mi")],
        &[]
    )))));
    assert!(!is_pod_level_resources_set(&spec(Some(rr(
        &[],
        &[("ephemeral-storage", "1Mi")]
    )))));
    assert!(is_pod_level_resources_set(&spec(Some(rr(
        &[("ephemeral-storage", "1Mi"), ("cpu", "1m")],
        &[]
    )))));
    assert!(is_pod_level_resources_set(&spec(Some(rr(
        &[],
        &[("ephemeral-storage", "1Mi"), ("cpu", "1m")]
    )))));
    assert!(!is_pod_level_requests_set(&spec(Some(rr(
        &[],
        &[("cpu", "1m")]
    )))));
    assert!(is_pod_level_requests_set(&spec(Some(rr(
        &[("memory", "100Mi")],
        &[]
    )))));
    for (r, want) in [
        ("cpu", true),
        ("memory", true),
        ("ephemeral-storage", false),
        ("hugepages-2Mi", true),
        ("hugepages-1Gi", true),
    ] {
        assert_eq!(is_supported_pod_level_resource(r), want, "{r}");
    }
}

// TestPodLevelResourceRequests
#[test]
#[allow(
    clippy::too_many_lines,
    reason = "upstream TestPodLevelResourceRequests table, one data literal"
)]
fn upstream_pod_level_requests() {
    let skip = PodResourcesOptions {
        skip_pod_level_resources: true,
        ..Default::default()
    };
    let with =
        |pod_level: ResourceRequirements, containers: Vec<Container>, inits: Vec<Container>| {
            P {
                pod_level: Some(pod_level),
                containers,
                inits,
                ..Default::default()
            }
            .build()
        };
    let mem2 = rr(&[("memory", "2Mi")], &[]);
    assert_eq!(req(&with(rr(&[], &[]), vec![], vec![]), &none()), rl(&[]));
    assert_eq!(req(&with(mem2.clone(), vec![], vec![]), &skip), rl(&[]));
    assert_eq!(
        req(&with(mem2.clone(), vec![], vec![]), &none()),
        rl(&[("memory", "2Mi")])
    );
    assert_eq!(
        req(
            &with(mem2, vec![c("", &[("cpu", "2m")], &[])], vec![]),
            &none()
        ),
        rl(&[("memory", "2Mi"), ("cpu", "2m")])
    );
    assert_eq!(
        req(
            &with(
                rr(&[("storage", "2Mi")], &[]),
                vec![c("", &[("storage", "3Mi")], &[])],
                vec![]
            ),
            &none()
        ),
        rl(&[("storage", "3Mi")])
    );
    assert_eq!(
        req(
            &with(
                rr(&[("storage", "2Mi")], &[]),
                vec![c("", &[("memory", "3Mi")], &[])],
                vec![]
            ),
            &none()
        ),
        rl(&[("memory", "3Mi")])
    );
    let app = || c("", &[("memory", "3Mi"), ("cpu", "2m")], &[]);
    assert_eq!(
        req(&with(rr(&[], &[]), vec![app()], vec![]), &none()),
        rl(&[("memory", "3Mi"), ("cpu", "2m")])
    );
    assert_eq!(
        req(
            &with(
                rr(&[("memory", "6Mi"), ("cpu", "8m")], &[]),
                vec![app()],
                vec![]
            ),
            &none()
        ),
        rl(&[("memory", "6Mi"), ("cpu", "8m")])
    );
    let init = || c("", &[("memory", "5Mi"), ("cpu", "4m")], &[]);
    let side = || sidecar("", &[("memory", "5Mi"), ("cpu", "4m")], &[]);
    let init2 = || c("", &[("memory", "6Mi"), ("cpu", "8m")], &[]);
    for o in [none(), skip.clone()] {
        assert_eq!(
            req(&with(rr(&[], &[]), vec![app()], vec![init()]), &o),
            rl(&[("memory", "5Mi"), ("cpu", "4m")])
        );
    }
    assert_eq!(
        req(&with(rr(&[], &[]), vec![app()], vec![side()]), &none()),
        rl(&[("memory", "8Mi"), ("cpu", "6m")])
    );
    assert_eq!(
        req(
            &with(rr(&[], &[]), vec![app()], vec![side(), init2()]),
            &none()
        ),
        rl(&[("memory", "11Mi"), ("cpu", "12m")])
    );
    assert_eq!(
        req(
            &with(
                rr(&[("memory", "15Mi"), ("cpu", "18m")], &[]),
                vec![app()],
                vec![side(), init2()]
            ),
            &none()
        ),
        rl(&[("memory", "15Mi"), ("cpu", "18m")])
    );
    // hugepages
    assert_eq!(
        req(
            &with(
                rr(
                    &[("memory", "10Mi"), ("hugepages-2Mi", "2Mi")],
                    &[("hugepages-2Mi", "2Mi")]
                ),
                vec![],
                vec![]
            ),
            &none()
        ),
        rl(&[("memory", "10Mi"), ("hugepages-2Mi", "2Mi")])
    );
    assert_eq!(
        req(
            &with(
                rr(
                    &[
                        ("cpu", "1"),
                        ("hugepages-2Mi", "2Mi"),
                        ("hugepages-1Gi", "1Gi")
                    ],
                    &[("hugepages-2Mi", "2Mi"), ("hugepages-1Gi", "1Gi")]
                ),
                vec![],
                vec![]
            ),
            &none()
        ),
        rl(&[
            ("cpu", "1"),
            ("hugepages-2Mi", "2Mi"),
            ("hugepages-1Gi", "1Gi")
        ])
    );
    assert_eq!(
        req(
            &with(
                rr(
                    &[("cpu", "1"), ("hugepages-2Mi", "10Mi")],
                    &[("hugepages-2Mi", "10Mi")]
                ),
                vec![c(
                    "",
                    &[("hugepages-2Mi", "6Mi")],
                    &[("hugepages-2Mi", "6Mi")]
                )],
                vec![]
            ),
            &none()
        ),
        rl(&[("cpu", "1"), ("hugepages-2Mi", "10Mi")])
    );
    assert_eq!(
        req(
            &with(
                rr(
                    &[
                        ("cpu", "1"),
                        ("hugepages-2Mi", "10Mi"),
                        ("hugepages-1Gi", "2Gi")
                    ],
                    &[("hugepages-2Mi", "10Mi"), ("hugepages-1Gi", "2Gi")]
                ),
                vec![c(
                    "",
                    &[("cpu", "1"), ("hugepages-1Gi", "2Gi")],
                    &[("hugepages-1Gi", "2Gi")]
                )],
                vec![]
            ),
            &none()
        ),
        rl(&[
            ("cpu", "1"),
            ("hugepages-2Mi", "10Mi"),
            ("hugepages-1Gi", "2Gi")
        ])
    );
    assert_eq!(
        req(
            &with(
                rr(
                    &[("cpu", "1"), ("hugepages-2Mi", "10Mi")],
                    &[("hugepages-2Mi", "10Mi")]
                ),
                vec![c(
                    "",
                    &[("memory", "4Mi"), ("hugepages-1Gi", "1Gi")],
                    &[("hugepages-1Gi", "1Gi")]
                )],
                vec![]
            ),
            &none()
        ),
        rl(&[
            ("cpu", "1"),
            ("memory", "4Mi"),
            ("hugepages-2Mi", "10Mi"),
            ("hugepages-1Gi", "1Gi")
        ])
    );
}

// TestAggregateContainerRequestsAndLimits (with ExcludeOverhead irrelevant: no overhead)
#[test]
fn upstream_aggregate_container_requests_and_limits() {
    let nine = &[("cpu", "9")][..];
    let case = |containers: Vec<Container>, inits: Vec<Container>| {
        P {
            containers,
            inits,
            ..Default::default()
        }
        .build()
    };
    let p = case(vec![c("", &[], nine)], vec![]);
    assert_eq!((req(&p, &none()), lim(&p, &none())), (rl(&[]), rl(nine)));
    let p = case(vec![c("", &[], nine), c("", &[], nine)], vec![]);
    assert_eq!(
        (req(&p, &none()), lim(&p, &none())),
        (rl(&[]), rl(&[("cpu", "18")]))
    );
    let p = case(vec![c("", nine, &[])], vec![]);
    assert_eq!((req(&p, &none()), lim(&p, &none())), (rl(nine), rl(&[])));
    let p = case(vec![c("", nine, &[]), c("", nine, &[])], vec![]);
    assert_eq!(
        (req(&p, &none()), lim(&p, &none())),
        (rl(&[("cpu", "18")]), rl(&[]))
    );
    let p = case(vec![c("", nine, &[])], vec![c("", nine, &[])]);
    assert_eq!(req(&p, &none()), rl(nine));
    let p = case(
        vec![c("", nine, &[])],
        vec![
            sidecar("", &[("cpu", "8")], &[]),
            c("", &[("cpu", "6")], &[]),
        ],
    );
    assert_eq!(req(&p, &none()), rl(&[("cpu", "17")]));
    let p = case(vec![c("", &[], nine)], vec![c("", &[], nine)]);
    assert_eq!(lim(&p, &none()), rl(nine));
    let p = case(
        vec![c("", &[], nine)],
        vec![
            sidecar("", &[], &[("cpu", "8")]),
            c("", &[], &[("cpu", "6")]),
        ],
    );
    assert_eq!(lim(&p, &none()), rl(&[("cpu", "17")]));
    // empty spec requests, status with requests
    let p = P {
        containers: vec![c("container-1", &[], &[])],
        statuses: vec![cs("container-1", &[("cpu", "2")], &[], &[])],
        ..Default::default()
    }
    .build();
    assert_eq!(
        (req(&p, &status()), lim(&p, &status())),
        (rl(&[("cpu", "2")]), rl(&[]))
    );
    let p = P {
        inits: vec![sidecar("container-1", &[], &[])],
        init_statuses: vec![cs("container-1", &[("cpu", "2")], &[], &[])],
        ..Default::default()
    }
    .build();
    assert_eq!(
        (req(&p, &status()), lim(&p, &status())),
        (rl(&[("cpu", "2")]), rl(&[]))
    );
}

#[test]
fn non_missing_container_requests_fill_only_missing() {
    let o = PodResourcesOptions {
        non_missing_container_requests: rl(&[("cpu", "100m"), ("memory", "200Mi")]),
        ..Default::default()
    };
    let p = P {
        containers: vec![c("a", &[("cpu", "0")], &[]), c("b", &[], &[])],
        ..Default::default()
    }
    .build();
    assert_eq!(req(&p, &o), rl(&[("cpu", "100m"), ("memory", "400Mi")]));
}

#[test]
fn skip_container_level_resources_is_requests_only() {
    let o = PodResourcesOptions {
        skip_container_level_resources: true,
        ..Default::default()
    };
    let p = P {
        containers: vec![c("a", &[("cpu", "1")], &[("cpu", "2")])],
        pod_level: Some(rr(&[("memory", "1Gi")], &[])),
        overhead: &[("cpu", "100m")],
        ..Default::default()
    }
    .build();
    assert_eq!(req(&p, &o), rl(&[("memory", "1Gi"), ("cpu", "100m")]));
    assert_eq!(lim(&p, &o), rl(&[("cpu", "2100m")]));
}

#[test]
fn invalid_quantities_are_reported_with_paths() {
    let p = P {
        containers: vec![c("a", &[("cpu", "lots")], &[])],
        inits: vec![c("i", &[("memory", "1ki")], &[])],
        ..Default::default()
    }
    .build();
    let err = pod_requests(&p, &none()).unwrap_err().to_string();
    assert!(
        err.contains("spec.containers[0].resources.requests[cpu]: Invalid value: \"lots\""),
        "{err}"
    );
    assert!(err.contains("spec.initContainers[0].resources.requests[memory]: Invalid value: \"1ki\": unable to parse quantity's suffix"), "{err}");
    assert!(qos_class(&p).is_err());
}

fn qos(
    containers: Vec<Container>,
    inits: Vec<Container>,
    pod_level: Option<ResourceRequirements>,
) -> QosClass {
    let spec = PodSpec {
        containers,
        init_containers: Some(inits),
        resources: pod_level,
        ..Default::default()
    };
    compute_qos_class(&spec, true).unwrap()
}

fn cm(cpu: &'static str, mem: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut v = vec![];
    if !cpu.is_empty() {
        v.push(("cpu", cpu));
    }
    if !mem.is_empty() {
        v.push(("memory", mem));
    }
    v
}

fn qc(req: (&'static str, &'static str), lim: (&'static str, &'static str)) -> Container {
    c("", &cm(req.0, req.1), &cm(lim.0, lim.1))
}

// qos_test.go TestComputePodQOS
#[test]
#[allow(
    clippy::too_many_lines,
    reason = "upstream TestComputePodQOS table, one data literal"
)]
fn upstream_compute_pod_qos() {
    use QosClass::*;
    let g = || qc(("100m", "100Mi"), ("100m", "100Mi"));
    let be = || qc(("", ""), ("", ""));
    assert_eq!(qos(vec![g()], vec![], None), Guaranteed);
    assert_eq!(qos(vec![g(), g()], vec![], None), Guaranteed);
    assert_eq!(qos(vec![be(), be()], vec![], None), BestEffort);
    assert_eq!(qos(vec![be()], vec![], None), BestEffort);
    assert_eq!(
        qos(vec![be(), qc(("1", ""), ("2", ""))], vec![], None),
        Burstable
    );
    assert_eq!(
        qos(
            vec![be(), qc(("10m", "100Mi"), ("10m", "100Mi"))],
            vec![],
            None
        ),
        Burstable
    );
    assert_eq!(
        qos(vec![qc(("", "100Mi"), ("", "100Mi"))], vec![], None),
        Burstable
    );
    assert_eq!(
        qos(vec![qc(("100m", "100Mi"), ("", ""))], vec![], None),
        Burstable
    );
    assert_eq!(
        qos(vec![qc(("1", "100Mi"), ("2", "100Mi")), g()], vec![], None),
        Burstable
    );
    assert_eq!(
        qos(
            vec![
                qc(("100m", "100Mi"), ("200m", "200Mi")),
                qc(("100m", "100Mi"), ("", ""))
            ],
            vec![],
            None
        ),
        Burstable
    );
    assert_eq!(
        qos(vec![qc(("10m", "100Mi"), ("100m", "200Mi"))], vec![], None),
        Burstable
    );
    assert_eq!(
        qos(vec![qc(("0", "0"), ("100m", "200Mi"))], vec![], None),
        Burstable
    );
    let mut hp = cm("0", "0");
    hp.push(("hugepages-2Mi", "1Gi"));
    assert_eq!(qos(vec![c("", &hp, &hp)], vec![], None), BestEffort);
    assert_eq!(
        qos(
            vec![be()],
            vec![qc(("10m", "100Mi"), ("100m", "200Mi"))],
            None
        ),
        Burstable
    );
    // pod-level resources (feature enabled)
    let pl = |r: (&'static str, &'static str), l: (&'static str, &'static str)| {
        Some(rr(&cm(r.0, r.1), &cm(l.0, l.1)))
    };
    assert_eq!(
        qos(vec![be()], vec![], pl(("10m", "100Mi"), ("10m", "100Mi"))),
        Guaranteed
    );
    assert_eq!(
        qos(
            vec![qc(("3m", "10Mi"), ("5m", "20Mi"))],
            vec![],
            pl(("10m", "100Mi"), ("10m", "100Mi"))
        ),
        Guaranteed
    );
    assert_eq!(
        qos(vec![be()], vec![], pl(("10m", "10Mi"), ("20m", "50Mi"))),
        Burstable
    );
    assert_eq!(
        qos(
            vec![qc(("5m", "10Mi"), ("5m", "10Mi"))],
            vec![],
            pl(("10m", "10Mi"), ("20m", "50Mi"))
        ),
        Burstable
    );
    assert_eq!(
        qos(
            vec![qc(("5m", "10Mi"), ("", ""))],
            vec![],
            pl(("10m", "10Mi"), ("", ""))
        ),
        Burstable
    );
    assert_eq!(
        qos(
            vec![
                qc(("5m", "10Mi"), ("", "")),
                qc(("5m", "10Mi"), ("5m", "10Mi"))
            ],
            vec![],
            pl(("10m", "10Mi"), ("5m", ""))
        ),
        Burstable
    );
}

#[test]
fn qos_aggregates_sums_and_respects_gate_and_status() {
    // 1.35 sums requests and limits over containers: mismatched containers can still be
    // Guaranteed when the sums agree (upstream's aggregate rule).
    let p = vec![
        qc(("1", "1Gi"), ("2", "1Gi")),
        qc(("2", "1Gi"), ("1", "1Gi")),
    ];
    assert_eq!(qos(p, vec![], None), QosClass::Guaranteed);
    // gate off: pod-level resources ignored
    let spec = PodSpec {
        containers: vec![qc(("", ""), ("", ""))],
        resources: Some(rr(&cm("1", "1Gi"), &cm("1", "1Gi"))),
        ..Default::default()
    };
    assert_eq!(
        compute_qos_class(&spec, false).unwrap(),
        QosClass::BestEffort
    );
    assert_eq!(
        compute_qos_class(&spec, true).unwrap(),
        QosClass::Guaranteed
    );
    // status.qosClass wins
    let pod = Pod {
        spec: Some(spec),
        status: Some(PodStatus {
            qos_class: Some("Burstable".into()),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(qos_class(&pod).unwrap(), QosClass::Burstable);
}

// Pod-level `status.resources` exists from Kubernetes 1.35 on.
k8s_openapi::k8s_if_ge_1_35! {
#[test]
fn pod_level_in_place_status() {
    let o = PodResourcesOptions {
        use_status_resources: true,
        in_place_pod_level_resources_vertical_scaling: true,
        ..Default::default()
    };
    let mut p = P {
        pod_level: Some(rr(&[("cpu", "1"), ("memory", "1Gi")], &[("cpu", "2")])),
        ..Default::default()
    }
    .build();
    if let Some(st) = p.status.as_mut() {
        st.resources = Some(rr(&[("cpu", "3")], &[("cpu", "1")]));
    }
    // max(spec, actuated); memory absent from the status but kept from the spec by max
    assert_eq!(req(&p, &o), rl(&[("cpu", "3"), ("memory", "1Gi")]));
    assert_eq!(lim(&p, &o), rl(&[("cpu", "2")]));
    // without the pod-level gate the spec is used
    assert_eq!(req(&p, &status()), rl(&[("cpu", "1"), ("memory", "1Gi")]));
    // infeasible: actuated/allocated only; a pod-level key they lack reads as zero (upstream
    // indexes the effective map)
    if let Some(st) = p.status.as_mut() {
        st.conditions = Some(vec![PodCondition {
            type_: "PodResizePending".into(),
            status: "True".into(),
            reason: Some("Infeasible".into()),
            ..Default::default()
        }]);
    }
    assert_eq!(req(&p, &o), rl(&[("cpu", "3"), ("memory", "0")]));
    assert_eq!(lim(&p, &o), rl(&[("cpu", "1")]));
}
}
