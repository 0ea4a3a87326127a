//! The resource dependency graph of a group (petgraph): cycles, online and offline order, and which
//! resources go offline when one fails.

use petgraph::Direction;
use petgraph::algo::{tarjan_scc, toposort};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::Dfs;

use super::design::{Dependency, Design, GroupId};

/// The dependencies inside one group. An edge runs from a resource to the one that depends on it,
/// so a topological order is the order to bring resources online.
#[derive(Debug, Clone)]
pub struct DependencyGraph {
    graph: DiGraph<u32, ()>,
}

impl DependencyGraph {
    /// Builds the graph of `group`; dependencies on other groups are left out (the rules report them).
    pub fn new(design: &Design, group: GroupId) -> DependencyGraph {
        let resources = &design.group(group).resources;
        let mut graph = DiGraph::with_capacity(resources.len(), resources.len() * 2);
        for index in 0..resources.len() as u32 {
            graph.add_node(index);
        }
        for (dependent, resource) in resources.iter().enumerate() {
            for dependency in &resource.depends_on {
                if let Dependency::Local(required) = *dependency {
                    graph.add_edge(NodeIndex::new(required as usize), NodeIndex::new(dependent), ());
                }
            }
        }
        DependencyGraph { graph }
    }

    /// Sets of resources that depend on each other in a circle (each sorted), in resource order.
    pub fn cycles(&self) -> Vec<Vec<u32>> {
        let mut cycles: Vec<Vec<u32>> = tarjan_scc(&self.graph)
            .into_iter()
            .filter(|component| component.len() > 1 || self.graph.contains_edge(component[0], component[0]))
            .map(|component| {
                let mut members: Vec<u32> = component.into_iter().map(|n| self.graph[n]).collect();
                crate::order::sort(&mut members);
                members
            })
            .collect();
        crate::order::sort(&mut cycles);
        cycles
    }

    /// The order to bring resources online: every resource after the ones it depends on. `None` on a cycle.
    pub fn online_order(&self) -> Option<Vec<u32>> {
        toposort(&self.graph, None).ok().map(|order| order.into_iter().map(|n| self.graph[n]).collect())
    }

    /// The order to take resources offline: dependents first.
    pub fn offline_order(&self) -> Option<Vec<u32>> {
        self.online_order().map(|mut order| {
            order.reverse();
            order
        })
    }

    /// Resources that depend, directly or not, on `resource` (not including it).
    pub fn dependents_of(&self, resource: u32) -> Vec<u32> {
        let mut found = Vec::new();
        let mut dfs = Dfs::new(&self.graph, NodeIndex::new(resource as usize));
        while let Some(node) = dfs.next(&self.graph) {
            if self.graph[node] != resource {
                found.push(self.graph[node]);
            }
        }
        crate::order::sort(&mut found);
        found
    }

    /// The resources `resource` names directly in its `depends_on` (`dependencies`), or that name it in
    /// theirs (not `dependencies`); in no particular order, a name listed twice coming twice.
    pub fn direct(&self, resource: u32, dependencies: bool) -> impl Iterator<Item = u32> + '_ {
        let direction = if dependencies { Direction::Incoming } else { Direction::Outgoing };
        self.graph.neighbors_directed(NodeIndex::new(resource as usize), direction).map(|n| self.graph[n])
    }

    /// Whether `dependent` names `required` directly in its `depends_on`.
    pub fn depends_directly(&self, dependent: u32, required: u32) -> bool {
        self.graph
            .neighbors_directed(NodeIndex::new(dependent as usize), Direction::Incoming)
            .any(|n| self.graph[n] == required)
    }
}
