//! The failure matrix: every set of up to k nodes failing at once, which groups survive and where they
//! run, and what that says (tolerates any one failure? any two? the worst case).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize, Serializer};

use crate::read::Read;

use super::design::{Design, NodeId};
use super::engine::{GroupStatus, NodeSets, Options, Scratch, Simulation, State};
use crate::combinations::Cost;

/// The 2003 cluster's side of the shared matrix ([`crate::matrix`]): sets of failed nodes, and where each
/// group runs after them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nodes {}

/// The matrix of a 2003 cluster.
pub type FailureMatrix = crate::matrix::FailureMatrix<Nodes>;

/// One row: the nodes that failed and where each group ended up.
#[derive(Debug, Clone, Copy)]
pub struct Row<'m> {
    pub failed: &'m [NodeId],
    pub quorum: bool,
    /// Per group: its node, or `None` when it is not online.
    pub owners: &'m [Option<NodeId>],
}

impl Row<'_> {
    pub fn online(&self) -> usize {
        self.owners.iter().filter(|o| o.is_some()).count()
    }
}

/// What the matrix keeps of each row: quorum, and row i's group g on `owners[i * groups + g]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    groups: usize,
    quorum: Vec<bool>,
    owners: Vec<Option<NodeId>>,
}

/// What settles a set: the bitmasks of [`NodeSets`] when the healthy cluster holds quorum, else the
/// engine from the healthy cluster; and where the groups run after the set being settled.
pub struct Settler<'d> {
    simulation: Simulation<'d>,
    healthy: State,
    sets: Option<NodeSets>,
    scratch: Scratch,
    owners: Vec<Option<NodeId>>,
}

impl crate::matrix::Family for Nodes {
    type Design = Design;
    type Member = NodeId;
    type Columns = Columns;
    type Row<'m> = Row<'m>;
    type Settler<'d> = Settler<'d>;
    type Tally<'d> = Tally<'d>;
    type Summary = Summary;

    fn members(design: &Design) -> usize {
        design.node_count()
    }

    /// Sets × groups placements.
    fn cost(design: &Design, listed: bool) -> Cost {
        let groups = design.scenario.groups.len() as u64;
        Cost { of: "node", per: "groups", per_set: groups, listed: listed.then_some((groups, "groups")) }
    }

    fn settler(design: &Design) -> Settler<'_> {
        let simulation = Simulation::quiet(design, Options::default());
        let healthy = simulation.state().clone();
        let sets = NodeSets::new(&simulation);
        let owners = Vec::with_capacity(design.scenario.groups.len());
        Settler { simulation, healthy, sets, scratch: Scratch::default(), owners }
    }

    fn settle<'s>(settler: &'s mut Settler<'_>, failed: &'s [NodeId]) -> Row<'s> {
        let Settler { simulation, healthy, sets, scratch, owners } = settler;
        if let Some(sets) = sets {
            let quorum = sets.settle(failed, scratch, owners);
            return Row { failed, quorum, owners };
        }
        simulation.reset_to(healthy);
        simulation.fail_nodes_at_once(failed.iter().copied());
        let state = simulation.state();
        owners.clear();
        owners.extend(state.groups.iter().map(|g| match g.status {
            GroupStatus::Online(node) => Some(node),
            GroupStatus::Failed | GroupStatus::Offline => None,
        }));
        Row { failed, quorum: state.quorum.held(), owners }
    }

    fn columns(design: &Design, rows: usize) -> Columns {
        let groups = design.scenario.groups.len();
        Columns { groups, quorum: Vec::with_capacity(rows), owners: Vec::with_capacity(rows * groups) }
    }

    fn keep(columns: &mut Columns, row: Row<'_>) {
        columns.quorum.push(row.quorum);
        columns.owners.extend_from_slice(row.owners);
    }

    fn kept<'m>(columns: &'m Columns, index: usize, failed: &'m [NodeId]) -> Row<'m> {
        let groups = columns.groups;
        Row { failed, quorum: columns.quorum[index], owners: &columns.owners[index * groups..(index + 1) * groups] }
    }

    fn tally(design: &Design, max_failures: usize) -> Tally<'_> {
        Tally::new(design, max_failures)
    }

    fn add(tally: &mut Tally<'_>, row: Row<'_>) {
        tally.add(row)
    }

    fn finish(tally: Tally<'_>) -> Summary {
        tally.finish()
    }
}

impl crate::matrix::Summarised for Summary {
    type Of = Nodes;
}

/// The summary being added up, row by row.
pub struct Tally<'d> {
    design: &'d Design,
    max_failures: usize,
    rows: u64,
    levels: Vec<Level>,
    survives: Vec<u64>,
    first_loss: Option<Worst>,
}

impl<'d> Tally<'d> {
    fn new(design: &'d Design, max_failures: usize) -> Tally<'d> {
        let survives = vec![0; design.scenario.groups.len()];
        Tally { design, max_failures, rows: 0, levels: Vec::new(), survives, first_loss: None }
    }

    fn worst(&self, row: Row<'_>, online: usize) -> Worst {
        Worst {
            failed: row.failed.iter().map(|&n| self.design.node_name(n).to_string()).collect(),
            online,
            quorum: row.quorum,
        }
    }

    fn add(&mut self, row: Row<'_>) {
        self.rows += 1;
        let k = row.failed.len();
        let online = row.online();
        if self.levels.len() <= k {
            let worst = self.worst(row, online);
            self.levels.push(Level { failures: k, combinations: 0, every_group_survives: 0, tolerated: true, worst });
        }
        let groups = self.survives.len();
        if online < groups && self.first_loss.is_none() {
            self.first_loss = Some(self.worst(row, online));
        }
        if online < self.levels[k].worst.online {
            self.levels[k].worst = self.worst(row, online);
        }
        let level = &mut self.levels[k];
        level.combinations += 1;
        if online == groups {
            level.every_group_survives += 1;
        } else {
            level.tolerated = false;
        }
        for (survives, owner) in self.survives.iter_mut().zip(row.owners) {
            *survives += u64::from(owner.is_some());
        }
    }

    fn finish(self) -> Summary {
        let design = self.design;
        let tolerates = self.levels.iter().skip(1).take_while(|l| l.tolerated).count();
        Summary {
            nodes: design.node_count(),
            groups: self.survives.len(),
            max_failures: self.max_failures,
            combinations: self.rows,
            tolerates_any: tolerates,
            first_loss: self.first_loss,
            levels: self.levels,
            survival: design
                .group_ids()
                .map(|g| GroupSurvival {
                    name: design.group_name(g).to_string(),
                    survives: self.survives[g.index()],
                    of: self.rows,
                })
                .collect(),
        }
    }
}

/// The answer for one number of simultaneous failures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
pub struct Level {
    pub failures: usize,
    pub combinations: u64,
    pub every_group_survives: u64,
    /// Whether every set of this many failed nodes leaves every group online.
    pub tolerated: bool,
    /// The set that leaves the fewest groups online (the first such, in row order).
    pub worst: Worst,
}

/// A set of failed nodes and what it leaves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
pub struct Worst {
    pub failed: Vec<String>,
    pub online: usize,
    pub quorum: bool,
}

/// How often each group survives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
pub struct GroupSurvival {
    pub name: String,
    pub survives: u64,
    pub of: u64,
}

/// The summary of a matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Read, JsonSchema)]
pub struct Summary {
    pub nodes: usize,
    pub groups: usize,
    pub max_failures: usize,
    pub combinations: u64,
    /// The largest k such that any k simultaneous node failures leave every group online.
    pub tolerates_any: usize,
    /// The smallest set of failed nodes that takes a group down (the first in row order), if any.
    pub first_loss: Option<Worst>,
    pub levels: Vec<Level>,
    pub survival: Vec<GroupSurvival>,
}

/// A group's place in one row of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Placement {
    pub name: String,
    /// The node it runs on; `None` when it is failed or offline.
    pub owner: Option<String>,
}

/// One row of the matrix, with names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RowReport {
    pub failed: Vec<String>,
    pub quorum: bool,
    pub online: usize,
    pub groups: Vec<Placement>,
}

/// Every row of a matrix with names, made one at a time as they are read or written, so that printing a
/// large matrix holds one row's names at a time.
#[derive(Debug, Clone, Copy)]
pub struct Rows<'m> {
    matrix: &'m FailureMatrix,
    design: &'m Design,
}

impl<'m> Rows<'m> {
    pub fn len(&self) -> usize {
        self.matrix.len()
    }

    pub fn is_empty(&self) -> bool {
        self.matrix.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = RowReport> + 'm {
        let design = self.design;
        self.matrix.rows().map(move |row| RowReport {
            failed: row.failed.iter().map(|&n| design.node_name(n).to_string()).collect(),
            quorum: row.quorum,
            online: row.online(),
            groups: design
                .group_ids()
                .map(|g| Placement {
                    name: design.group_name(g).to_string(),
                    owner: row.owners[g.index()].map(|n| design.node_name(n).to_string()),
                })
                .collect(),
        })
    }
}

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// The matrix as the CLI prints it: the summary, and every row unless asked not to.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MatrixReport<'m> {
    pub summary: Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Vec<RowReport>>")]
    pub rows: Option<Rows<'m>>,
}

impl FailureMatrix {
    /// The summary, with every row when `rows` is true.
    pub fn report<'m>(&'m self, design: &'m Design, rows: bool) -> MatrixReport<'m> {
        MatrixReport { summary: self.summary(design), rows: rows.then_some(Rows { matrix: self, design }) }
    }
}
