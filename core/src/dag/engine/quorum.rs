//! Settling after an event: who is up, the partitions (sites joined by working WAN links), their votes
//! and which one holds quorum, and the DACP bits in DAC mode; then the databases.

use super::selection::settle_databases;
use super::{Partition, State};
use crate::dag::design::Design;
use crate::partition::Partitions;

/// Recomputes everything derived: who is up, partitions and votes, quorum, DACP bits, databases.
pub fn settle(dag: &Design, s: &mut State) {
    let sites = dag.site_count();
    for server in dag.server_ids() {
        let i = server.index();
        let up = s.server_ok[i] && s.site_up[dag.site_of(server).index()];
        if s.up[i] && !up {
            s.down_at[i] = s.step;
            s.dacp[i] = false;
        }
        s.up[i] = up;
    }
    let witness_site = s.witness_site(dag);
    // The alternate witness has no event of its own: it is up while its site is.
    let witness_ok = if s.alternate_in_use && dag.alternate_site.is_some() { true } else { s.witness_ok };
    let witness_up = witness_ok && s.site_up[witness_site.index()];
    if witness_up && !s.witness_up {
        s.witness_up_since = s.step;
    }
    s.witness_up = witness_up;

    // Partitions: sites joined by working WAN links, each numbered by its first site.
    let mut joined = Partitions::new(sites);
    for a in dag.site_ids() {
        for b in dag.site_ids().filter(|b| b.index() > a.index()) {
            if s.site_up[a.index()] && s.site_up[b.index()] && s.wan_up(a, b) {
                joined.join(a.index(), b.index());
            }
        }
    }
    let members = s.member_count();
    let witness_counts = members > 0 && members.is_multiple_of(2);
    let needed = (members + u32::from(witness_counts)) / 2 + 1;
    s.partitions.clear();
    s.site_partition = vec![None; sites];
    for site in dag.site_ids() {
        if !s.site_up[site.index()] {
            continue;
        }
        let root = joined.root(site.index());
        let index = match s.site_partition[root] {
            Some(index) if root != site.index() => index,
            _ => {
                s.partitions.push(Partition {
                    sites: Vec::new(),
                    members: Vec::new(),
                    witness_vote: false,
                    votes: 0,
                    needed,
                });
                s.partitions.len() - 1
            }
        };
        s.site_partition[site.index()] = Some(index);
        s.partitions[index].sites.push(site);
    }
    for server in dag.server_ids() {
        if s.is_up(server) && !s.stopped[server.index()] {
            let index = s.site_partition[dag.site_of(server).index()].expect("an up server's site is up");
            s.partitions[index].members.push(server);
        }
    }
    for (index, partition) in s.partitions.iter_mut().enumerate() {
        partition.witness_vote = witness_counts && witness_up && s.site_partition[witness_site.index()] == Some(index);
        partition.votes = partition.members.len() as u32 + u32::from(partition.witness_vote);
    }
    s.quorum = s.partitions.iter().position(Partition::held);

    // DACP: a starting member sets its bit once it reaches a member whose bit is 1, or every member, or (two
    // members) a witness that has been up since before the member went down.
    if dag.scenario.dac_mode {
        for (index, partition) in s.partitions.iter().enumerate() {
            let any_set = partition.members.iter().any(|&m| s.dacp[m.index()]);
            let all_members = partition.members.len() as u32 == members;
            let witness_here = witness_up && s.site_partition[witness_site.index()] == Some(index);
            for &m in &partition.members {
                let witness_older = members == 2 && witness_here && s.witness_up_since < s.down_at[m.index()];
                if any_set || all_members || witness_older {
                    s.dacp[m.index()] = true;
                }
            }
        }
    }
    settle_databases(dag, s);
}
