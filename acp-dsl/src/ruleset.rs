//! Compiled, indexed rule sets: "which rule gets this request, and why not that one?".

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use acp_model::alb::BackendService;
use acp_model::validation::{ErrorList, FieldError, FieldPath};

use crate::ast::{Cond, Dslx, Target};
use crate::eval::{self, Outcome, Value};
use crate::order::{SortKey, internal_dsl};
use crate::request::{MatchOptions, Request};
use crate::wire::DslxTerm;

/// Whether an input is a user Rule or a Frontend's default backend.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleKind {
    /// A `Rule` object.
    Rule,
    // seed 001:1086
    /// The Frontend's `serviceGroup`: a catch-all that sorts last.
    FrontendDefault,
}

/// The parts of a `Rule` that matching and ordering need (built from `acp_model::alb::Rule`).
#[derive(Clone, Debug, PartialEq)]
pub struct RuleInput {
    /// `metadata.name` (the last sort tie-break).
    pub name: String,
    /// `spec.priority`; unset counts as 0.
    pub priority: Option<i64>,
    /// `spec.dslx`.
    pub dslx: Vec<DslxTerm>,
    /// `metadata.labels`.
    pub labels: BTreeMap<String, String>,
    // seed 001:1155-1160
    /// `spec.serviceGroup.services`, as on the wire.
    /// Carried along for the caller; matching and ordering never look at them.
    pub backends: Vec<BackendService>,
    /// Rule or Frontend default.
    pub kind: RuleKind,
}

impl RuleInput {
    /// A rule with a name, a priority and a `dslx`.
    pub fn new(name: &str, priority: Option<i64>, dslx: Vec<DslxTerm>) -> RuleInput {
        RuleInput {
            name: name.to_owned(),
            priority,
            dslx,
            labels: BTreeMap::new(),
            backends: Vec::new(),
            kind: RuleKind::Rule,
        }
    }

    /// A Frontend's default backend: `URL STARTS_WITH /`, sorted last
    /// (alauda/alb `controller/cli/policy_l7.go` `initHttpModeFt`). `backends` are the Frontend's
    /// `spec.serviceGroup.services`.
    ///
    /// ```
    /// use acp_dsl::acp_model::alb::BackendService;
    /// use acp_dsl::{Request, RuleInput, RuleSet};
    /// let hello = BackendService {
    ///     namespace: Some("default".into()),
    ///     name: Some("hello-world".into()),
    ///     port: Some(80),
    ///     weight: Some(100),
    /// };
    /// let set = RuleSet::compile([RuleInput::frontend_default("alb-demo-00080", vec![hello])]);
    /// let hit = set.matching(&Request::new("GET", "a.com", "/x")).unwrap();
    /// assert_eq!(hit.input().backends[0].name.as_deref(), Some("hello-world"));
    /// ```
    pub fn frontend_default(ft_name: &str, backends: Vec<BackendService>) -> RuleInput {
        RuleInput {
            name: ft_name.to_owned(),
            priority: None,
            dslx: vec![DslxTerm {
                kind: "URL".into(),
                key: None,
                values: vec![vec!["STARTS_WITH".into(), "/".into()]],
            }],
            labels: BTreeMap::new(),
            backends,
            kind: RuleKind::FrontendDefault,
        }
    }

    fn sort_key(&self) -> SortKey {
        match self.kind {
            RuleKind::Rule => SortKey::of(&self.name, self.priority, &self.dslx),
            RuleKind::FrontendDefault => SortKey::frontend_default(&self.name),
        }
    }
}

/// A rule of a [`RuleSet`], in ALB order.
#[derive(Clone, Debug)]
pub struct Entry {
    input: RuleInput,
    dslx: Dslx,
    key: SortKey,
}

impl Entry {
    /// The rule name.
    pub fn name(&self) -> &str {
        &self.input.name
    }
    /// The sort key ALB orders by.
    pub fn sort_key(&self) -> &SortKey {
        &self.key
    }
    /// The validated `dslx`.
    pub fn dslx(&self) -> &Dslx {
        &self.dslx
    }
    /// The input the rule was compiled from.
    pub fn input(&self) -> &RuleInput {
        &self.input
    }
}

/// A rule left out of a [`RuleSet`] and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    /// The rule name.
    pub name: String,
    /// Every problem (paths under `spec.dslx`).
    pub errors: ErrorList,
}

/// FNV-1a: short keys, no per-map seed (keys come from rules, not from requests).
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;

#[derive(Clone, Debug, Default)]
struct Node {
    /// Sorted by byte.
    children: Vec<(u8, u32)>,
    /// Rules with a `STARTS_WITH` row ending here.
    prefix: Vec<u32>,
    /// Rules with an `EQ`/`IN` row ending here.
    exact: Vec<u32>,
}

/// A per-host URL index: a byte trie of prefixes and exact paths plus the rules it cannot
/// discriminate.
#[derive(Clone, Debug)]
struct UrlIndex {
    nodes: Vec<Node>,
    any: Vec<u32>,
}

fn push_sorted(list: &mut Vec<u32>, pos: u32) {
    if list.last() != Some(&pos) {
        list.push(pos);
    }
}

impl UrlIndex {
    fn new() -> UrlIndex {
        UrlIndex {
            nodes: vec![Node::default()],
            any: Vec::new(),
        }
    }

    fn node_for(&mut self, key: &str) -> usize {
        let mut cur = 0usize;
        for &b in key.as_bytes() {
            let found = self.nodes[cur]
                .children
                .binary_search_by_key(&b, |(c, _)| *c);
            cur = match found {
                Ok(i) => self.nodes[cur].children[i].1 as usize,
                Err(i) => {
                    let id = self.nodes.len();
                    self.nodes.push(Node::default());
                    self.nodes[cur].children.insert(i, (b, id as u32));
                    id
                }
            };
        }
        cur
    }

    fn insert(&mut self, keys: &UrlKeys, pos: u32) {
        match keys {
            UrlKeys::Any => push_sorted(&mut self.any, pos),
            UrlKeys::Keys { prefixes, exacts } => {
                for p in prefixes {
                    let n = self.node_for(p);
                    push_sorted(&mut self.nodes[n].prefix, pos);
                }
                for e in exacts {
                    let n = self.node_for(e);
                    push_sorted(&mut self.nodes[n].exact, pos);
                }
            }
        }
    }

    fn collect<'a>(&'a self, path: &[u8], out: &mut Vec<&'a [u32]>) {
        if !self.any.is_empty() {
            out.push(&self.any);
        }
        let mut cur = &self.nodes[0];
        let mut consumed = 0;
        loop {
            if !cur.prefix.is_empty() {
                out.push(&cur.prefix);
            }
            let Some(&b) = path.get(consumed) else {
                if !cur.exact.is_empty() {
                    out.push(&cur.exact);
                }
                return;
            };
            match cur.children.binary_search_by_key(&b, |(c, _)| *c) {
                Ok(i) => {
                    cur = &self.nodes[cur.children[i].1 as usize];
                    consumed += 1;
                }
                Err(_) => return,
            }
        }
    }
}

enum UrlKeys {
    Any,
    Keys {
        prefixes: Vec<String>,
        exacts: Vec<String>,
    },
}

enum HostKeys {
    Any,
    Keys {
        exact: Vec<String>,
        wildcard: Vec<String>,
    },
}

fn url_keys(d: &Dslx) -> UrlKeys {
    let Some(t) = d.terms().iter().find(|t| *t.target() == Target::Url) else {
        return UrlKeys::Any;
    };
    let mut prefixes = Vec::new();
    let mut exacts = Vec::new();
    for c in t.rows() {
        match c {
            Cond::StartsWith(p) => prefixes.push(p.clone()),
            Cond::Eq(v) => exacts.push(v.clone()),
            Cond::In(vs) => exacts.extend(vs.iter().cloned()),
            _ => return UrlKeys::Any,
        }
    }
    UrlKeys::Keys { prefixes, exacts }
}

fn host_keys(d: &Dslx, opts: &MatchOptions) -> HostKeys {
    let Some(t) = d.terms().iter().find(|t| *t.target() == Target::Host) else {
        return HostKeys::Any;
    };
    let mut exact = Vec::new();
    let mut wildcard = Vec::new();
    for c in t.rows() {
        match c {
            Cond::Eq(v) => exact.push(v.clone()),
            Cond::In(vs) => exact.extend(vs.iter().cloned()),
            Cond::EndsWith(p) if !opts.alb_compat => {
                let s = p.strip_prefix('*').unwrap_or(p);
                if s.starts_with('.') {
                    wildcard.push(s.to_owned());
                } else {
                    return HostKeys::Any;
                }
            }
            _ => return HostKeys::Any,
        }
    }
    HostKeys::Keys { exact, wildcard }
}

#[derive(Clone, Debug)]
struct Index {
    exact: FnvMap<UrlIndex>,
    wildcard: FnvMap<UrlIndex>,
    any_host: UrlIndex,
}

impl Index {
    fn build(entries: &[Entry], opts: &MatchOptions) -> Index {
        let mut idx = Index {
            exact: FnvMap::default(),
            wildcard: FnvMap::default(),
            any_host: UrlIndex::new(),
        };
        for (pos, e) in entries.iter().enumerate() {
            let pos = pos as u32;
            let urls = url_keys(&e.dslx);
            match host_keys(&e.dslx, opts) {
                HostKeys::Any => idx.any_host.insert(&urls, pos),
                HostKeys::Keys { exact, wildcard } => {
                    for h in exact {
                        idx.exact
                            .entry(h)
                            .or_insert_with(UrlIndex::new)
                            .insert(&urls, pos);
                    }
                    for s in wildcard {
                        idx.wildcard
                            .entry(s)
                            .or_insert_with(UrlIndex::new)
                            .insert(&urls, pos);
                    }
                }
            }
        }
        idx
    }

    fn candidates<'a>(&'a self, req: &Request, out: &mut Vec<&'a [u32]>) {
        let path = req.path.as_bytes();
        if let Some(u) = self.exact.get(req.host.as_str()) {
            u.collect(path, out);
        }
        if let Some(dot) = req.host.find('.')
            && dot > 0
            && let Some(u) = self.wildcard.get(&req.host[dot..])
        {
            u.collect(path, out);
        }
        self.any_host.collect(path, out);
    }
}

/// Rules compiled for matching, in ALB order, with an index over hosts and URLs.
///
/// ```
/// use acp_dsl::{wire::DslxTerm, Request, RuleInput, RuleSet};
/// let term = |kind: &str, op: &str, arg: &str| DslxTerm {
///     kind: kind.into(), key: None, values: vec![vec![op.into(), arg.into()]],
/// };
/// let set = RuleSet::compile(vec![
///     RuleInput::new("api", Some(5), vec![term("HOST", "EQ", "a.com"), term("URL", "STARTS_WITH", "/api")]),
///     RuleInput::new("site", Some(5), vec![term("HOST", "ENDS_WITH", "*.com")]),
/// ]);
/// let req = Request::new("GET", "A.com:8080", "/api/v1?x=1");
/// assert_eq!(set.matching(&req).map(|e| e.name()), Some("api"));
/// assert_eq!(set.matching(&Request::new("GET", "a.com", "/")).map(|e| e.name()), Some("site"));
/// ```
#[derive(Clone, Debug)]
pub struct RuleSet {
    entries: Vec<Entry>,
    rejected: Vec<Rejected>,
    index: Index,
    options: MatchOptions,
}

impl RuleSet {
    /// Compiles rules with the default [`MatchOptions`].
    // DEVIATION: a rule whose dslx is invalid is reported in `rejected` with every problem; ALB
    // skips it silently, evaluates malformed rows to false, or panics on empty rows.
    pub fn compile(rules: impl IntoIterator<Item = RuleInput>) -> RuleSet {
        RuleSet::compile_with(rules, MatchOptions::default())
    }

    /// Compiles rules: validates each `dslx` (invalid rules go to [`RuleSet::rejected`], as ALB
    /// skips rules it cannot translate), sorts in ALB order and builds the index.
    pub fn compile_with(
        rules: impl IntoIterator<Item = RuleInput>,
        options: MatchOptions,
    ) -> RuleSet {
        let path = FieldPath::new("spec").child("dslx");
        let mut keyed = Vec::new();
        let mut rejected = Vec::new();
        for (i, input) in rules.into_iter().enumerate() {
            match Dslx::from_wire_at(&input.dslx, &path) {
                Ok(dslx) => {
                    if options.alb_compat
                        && input.kind == RuleKind::Rule
                        && internal_dsl(&input.dslx).is_none()
                    {
                        // DEVIATION: multi-row terms with an `EXIST` row work in the default
                        // mode; ALB (and alb_compat) rejects the whole rule.
                        rejected.push(Rejected {
                            name: input.name.clone(),
                            errors: FieldError::invalid(
                                &path,
                                "",
                                "ALB refuses a multi-row term with a row of fewer than 2 \
                                 entries (DSLX2Internal: invalid dslx values)",
                            )
                            .into(),
                        });
                        continue;
                    }
                    let key = input.sort_key();
                    keyed.push((i, Entry { input, dslx, key }));
                }
                Err(errors) => rejected.push(Rejected {
                    name: input.name.clone(),
                    errors,
                }),
            }
        }
        keyed.sort_by(|a, b| a.1.key.cmp(&b.1.key).then(a.0.cmp(&b.0)));
        let entries: Vec<Entry> = keyed.into_iter().map(|(_, e)| e).collect();
        let index = Index::build(&entries, &options);
        RuleSet {
            entries,
            rejected,
            index,
            options,
        }
    }

    /// The rules, in the order ALB tries them.
    pub fn rules(&self) -> &[Entry] {
        &self.entries
    }

    /// The rules left out, with every problem.
    pub fn rejected(&self) -> &[Rejected] {
        &self.rejected
    }

    /// The options the set was compiled with.
    pub fn options(&self) -> &MatchOptions {
        &self.options
    }

    fn full_match(&self, e: &Entry, req: &Request) -> bool {
        eval::matches(&e.dslx, req, &self.options)
    }

    /// The position (in [`RuleSet::rules`]) of the rule ALB picks, using the index.
    pub fn matching_position(&self, req: &Request) -> Option<usize> {
        let mut lists: Vec<&[u32]> = Vec::with_capacity(16);
        self.index.candidates(req, &mut lists);
        loop {
            let mut best = u32::MAX;
            for l in &lists {
                if let Some(&h) = l.first() {
                    best = best.min(h);
                }
            }
            if best == u32::MAX {
                return None;
            }
            for l in lists.iter_mut() {
                if l.first() == Some(&best) {
                    *l = &l[1..];
                }
            }
            let pos = best as usize;
            if let Some(e) = self.entries.get(pos)
                && self.full_match(e, req)
            {
                return Some(pos);
            }
        }
    }

    /// The rule ALB picks for this request (first full match in ALB order), using the index.
    pub fn matching(&self, req: &Request) -> Option<&Entry> {
        self.matching_position(req)
            .and_then(|p| self.entries.get(p))
    }

    /// ALB's outcome for this request: the first rule in order that matches, `Ok(None)` when
    /// none does, or the error that stops ALB at a rule (under [`MatchOptions::alb_compat`] a
    /// Lua error: the client gets a 500, later rules are never tried).
    ///
    /// [`RuleSet::matching`] counts a raising rule as not matching; this does not.
    pub fn try_matching(&self, req: &Request) -> Result<Option<&Entry>, RuleError> {
        for (position, e) in self.entries.iter().enumerate() {
            match eval::evaluate(&e.dslx, req, &self.options) {
                Outcome::Match => return Ok(Some(e)),
                Outcome::NoMatch => {}
                Outcome::Error(message) => {
                    return Err(RuleError {
                        position,
                        rule: e.name().to_owned(),
                        message,
                    });
                }
            }
        }
        Ok(None)
    }

    /// The same answer by scanning every rule in order (the oracle).
    pub fn matching_naive(&self, req: &Request) -> Option<&Entry> {
        self.entries.iter().find(|e| self.full_match(e, req))
    }

    /// For each rule in order until the winner, whether it matched and, if not, which term
    /// failed and what the request held.
    pub fn explain(&self, req: &Request) -> Explanation {
        let mut steps = Vec::new();
        let mut winner = None;
        for (pos, e) in self.entries.iter().enumerate() {
            match eval::first_failing_term(&e.dslx, req, &self.options) {
                None => {
                    steps.push(Step {
                        position: pos,
                        rule: e.name().to_owned(),
                        failure: None,
                    });
                    winner = Some(pos);
                    break;
                }
                Some(t) => {
                    let term = &e.dslx.terms()[t];
                    let value = eval::lookup(term.target(), req, &self.options);
                    let error = match eval::eval_term_outcome(term, req, &self.options) {
                        Outcome::Error(m) => Some(m),
                        _ => None,
                    };
                    let stop = error.is_some();
                    steps.push(Step {
                        position: pos,
                        rule: e.name().to_owned(),
                        failure: Some(TermFailure {
                            term: t,
                            target: term.target().to_string(),
                            observed: match value {
                                Value::Absent => None,
                                Value::Str(s) => Some(s.to_owned()),
                                Value::Flag => Some("true".to_owned()),
                                Value::Table(_) => Some(eval::LUA_TABLE_TOSTRING.to_owned()),
                            },
                            observed_text: value.describe(),
                            expected: crate::legacy::print_term(&term.to_wire()),
                            error,
                        }),
                    });
                    if stop {
                        break;
                    }
                }
            }
        }
        Explanation { steps, winner }
    }
}

/// A rule whose evaluation raises an error in ALB ([`RuleSet::try_matching`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("rule #{position} {rule}: ALB raises a Lua error ({message}), the client gets a 500")]
#[non_exhaustive]
pub struct RuleError {
    /// Position in ALB order.
    pub position: usize,
    /// The rule name.
    pub rule: String,
    /// Lua's message.
    pub message: String,
}

/// Why a rule did not match: its first failing term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermFailure {
    /// Index of the failing term in the rule's `dslx`.
    pub term: usize,
    /// What the term looks at (`HEADER LOCATION`).
    pub target: String,
    /// The request's value (`None` when absent).
    pub observed: Option<String>,
    /// The value, printed for people.
    pub observed_text: String,
    /// The term in the legacy form (`(IN HEADER LOCATION east-1 east-2)`).
    pub expected: String,
    /// The error the term raises in ALB, if it does (ALB stops there with a 500; see
    /// [`RuleSet::try_matching`]).
    pub error: Option<String>,
}

/// One rule tried.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Position in ALB order.
    pub position: usize,
    /// The rule name.
    pub rule: String,
    /// `None` when the rule matched (the winner).
    pub failure: Option<TermFailure>,
}

/// The answer to "why did my request hit rule X": every rule tried, in order, until the winner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// The rules tried.
    pub steps: Vec<Step>,
    /// Position of the winner, if any.
    pub winner: Option<usize>,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for s in &self.steps {
            match &s.failure {
                None => writeln!(f, "#{} {}: matched", s.position, s.rule)?,
                Some(t) => {
                    write!(
                        f,
                        "#{} {}: dslx[{}] {} is {}, wanted {}",
                        s.position, s.rule, t.term, t.target, t.observed_text, t.expected
                    )?;
                    match &t.error {
                        Some(m) => {
                            writeln!(f, ": ALB raises a Lua error ({m}), stopping with a 500")?
                        }
                        None => writeln!(f)?,
                    }
                }
            }
        }
        let raised = self
            .steps
            .last()
            .is_some_and(|s| s.failure.as_ref().is_some_and(|t| t.error.is_some()));
        if self.winner.is_none() && !raised {
            writeln!(f, "no rule matched")?;
        }
        Ok(())
    }
}

#[cfg(feature = "crd")]
impl From<&acp_model::alb::Rule> for RuleInput {
    /// The parts of a `Rule` object that decide matching and order: name, `spec.priority`,
    /// `spec.dslx`, labels and `spec.serviceGroup.services`.
    ///
    /// ```
    /// use acp_dsl::ruleset::{RuleInput, RuleSet};
    /// let rule: acp_model::alb::Rule = serde_json::from_value(serde_json::json!({
    ///     "apiVersion": "crd.alauda.io/v1", "kind": "Rule",
    ///     "metadata": {"name": "api", "labels": {"alb2.cpaas.io/name": "alb-demo"}},
    ///     "spec": {"priority": 5, "dslx": [{"type": "URL", "values": [["STARTS_WITH", "/api"]]}]}
    /// })).unwrap();
    /// let input = RuleInput::from(&rule);
    /// assert_eq!((input.name.as_str(), input.priority), ("api", Some(5)));
    /// ```
    fn from(rule: &acp_model::alb::Rule) -> RuleInput {
        let mut input = RuleInput::new(
            rule.metadata.name.as_deref().unwrap_or_default(),
            rule.spec.priority,
            rule.spec.dslx.clone().unwrap_or_default(),
        );
        input.labels = rule.metadata.labels.clone().unwrap_or_default();
        input.backends = rule
            .spec
            .service_group
            .iter()
            .flat_map(|g| g.services.iter().flatten())
            .cloned()
            .collect();
        input
    }
}
