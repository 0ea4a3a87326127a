//! The failure matrix: every set of up to k nodes failing at once, which groups survive and where they
//! run, and what that says (tolerates any one failure? any two? the worst case).

use serde::Serialize;

use super::design::{Design, NodeId};
use super::engine::{GroupStatus, Options, Simulation};
use crate::combinations::{self, TooLarge};

/// The matrix, stored flat: row i failed `failed[starts[i]..starts[i + 1]]` and left group g on `owners[i * groups + g]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailureMatrix {
    pub node_count: usize,
    pub group_count: usize,
    pub max_failures: usize,
    failed: Vec<NodeId>,
    starts: Vec<usize>,
    quorum: Vec<bool>,
    owners: Vec<Option<NodeId>>,
}

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

impl FailureMatrix {
    /// Fails every set of up to `max_failures` nodes (all nodes when `None`) at once, from the healthy cluster.
    pub fn compute(design: &Design, max_failures: Option<usize>) -> Result<FailureMatrix, TooLarge> {
        let nodes = design.node_count();
        let max_failures = max_failures.unwrap_or(nodes).min(nodes);
        let total = TooLarge::check(nodes, max_failures, "node")?;
        let groups = design.scenario.groups.len();
        let mut matrix = FailureMatrix {
            node_count: nodes,
            group_count: groups,
            max_failures,
            failed: Vec::new(),
            starts: vec![0],
            quorum: Vec::with_capacity(total as usize),
            owners: Vec::with_capacity(total as usize * groups),
        };
        let mut simulation = Simulation::quiet(design, Options::default());
        let healthy = simulation.state().clone();
        let mut chosen: Vec<usize> = Vec::with_capacity(max_failures);
        for k in 0..=max_failures {
            chosen.clear();
            chosen.extend(0..k);
            loop {
                simulation.reset_to(&healthy);
                simulation.fail_nodes_at_once(chosen.iter().map(|&i| NodeId(i as u32)));
                let state = simulation.state();
                matrix.failed.extend(chosen.iter().map(|&i| NodeId(i as u32)));
                matrix.starts.push(matrix.failed.len());
                matrix.quorum.push(state.quorum.held());
                matrix.owners.extend(state.groups.iter().map(|g| match g.status {
                    GroupStatus::Online(node) => Some(node),
                    GroupStatus::Failed | GroupStatus::Offline => None,
                }));
                if !combinations::next(&mut chosen, nodes) {
                    break;
                }
            }
        }
        Ok(matrix)
    }

    pub fn len(&self) -> usize {
        self.quorum.len()
    }

    pub fn is_empty(&self) -> bool {
        self.quorum.is_empty()
    }

    pub fn row(&self, index: usize) -> Row<'_> {
        Row {
            failed: &self.failed[self.starts[index]..self.starts[index + 1]],
            quorum: self.quorum[index],
            owners: &self.owners[index * self.group_count..(index + 1) * self.group_count],
        }
    }

    /// Rows by number of failed nodes, then in lexicographic order of the nodes.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        (0..self.len()).map(|i| self.row(i))
    }

    /// The counts that answer "what does this design survive?".
    pub fn summary(&self, design: &Design) -> Summary {
        let names = |failed: &[NodeId]| failed.iter().map(|&n| design.node_name(n).to_string()).collect();
        let mut levels: Vec<Level> = Vec::new();
        let mut survives = vec![0u64; self.group_count];
        let mut first_loss: Option<Row<'_>> = None;
        for row in self.rows() {
            let k = row.failed.len();
            if levels.len() <= k {
                levels.push(Level {
                    failures: k,
                    combinations: 0,
                    every_group_survives: 0,
                    tolerated: true,
                    worst: Worst { failed: names(row.failed), online: row.online(), quorum: row.quorum },
                });
            }
            let level = &mut levels[k];
            level.combinations += 1;
            let online = row.online();
            if online == self.group_count {
                level.every_group_survives += 1;
            } else {
                level.tolerated = false;
                if first_loss.is_none() {
                    first_loss = Some(row);
                }
            }
            if online < level.worst.online {
                level.worst = Worst { failed: names(row.failed), online, quorum: row.quorum };
            }
            for (g, owner) in row.owners.iter().enumerate() {
                survives[g] += u64::from(owner.is_some());
            }
        }
        let tolerates = levels.iter().skip(1).take_while(|l| l.tolerated).count();
        Summary {
            nodes: self.node_count,
            groups: self.group_count,
            max_failures: self.max_failures,
            combinations: self.len() as u64,
            tolerates_any: tolerates,
            first_loss: first_loss.map(|row| Worst {
                failed: names(row.failed),
                online: row.online(),
                quorum: row.quorum,
            }),
            levels,
            survival: design
                .group_ids()
                .map(|g| GroupSurvival {
                    name: design.group_name(g).to_string(),
                    survives: survives[g.index()],
                    of: self.len() as u64,
                })
                .collect(),
        }
    }
}

/// The answer for one number of simultaneous failures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Worst {
    pub failed: Vec<String>,
    pub online: usize,
    pub quorum: bool,
}

/// How often each group survives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupSurvival {
    pub name: String,
    pub survives: u64,
    pub of: u64,
}

/// The summary of a matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placement {
    pub name: String,
    /// The node it runs on; `None` when it is failed or offline.
    pub owner: Option<String>,
}

/// One row of the matrix, with names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowReport {
    pub failed: Vec<String>,
    pub quorum: bool,
    pub online: usize,
    pub groups: Vec<Placement>,
}

/// The matrix as the CLI prints it: the summary, and every row unless asked not to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatrixReport {
    pub summary: Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<RowReport>>,
}

impl FailureMatrix {
    /// The summary, with every row when `rows` is true.
    pub fn report(&self, design: &Design, rows: bool) -> MatrixReport {
        let node_names = |nodes: &[NodeId]| nodes.iter().map(|&n| design.node_name(n).to_string()).collect();
        MatrixReport {
            summary: self.summary(design),
            rows: rows.then(|| {
                self.rows()
                    .map(|row| RowReport {
                        failed: node_names(row.failed),
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
                    .collect()
            }),
        }
    }
}
