//! Settling after an event: who is up, the partitions (sites joined by working WAN links), their votes
//! and which one holds quorum, and the DACP bits in DAC mode; then the databases.

use super::selection::settle_databases;
use super::{Partition, QuorumTest, StaleQuorum, State};
use crate::dag::design::{Design, ServerId, VoteModel};
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

    // Partitions: sites joined by working WAN links, each numbered by its first site. Only sites that carry
    // member traffic join others; a site without members (the witness's own, say) is reached, never crossed.
    let mut joined = Partitions::new(sites);
    for a in dag.site_ids() {
        for b in dag.site_ids().filter(|b| b.index() > a.index()) {
            let carry = dag.site_carries[a.index()] && dag.site_carries[b.index()];
            if carry && s.site_up[a.index()] && s.site_up[b.index()] && s.wan_up(a, b) {
                joined.join(a.index(), b.index());
            }
        }
    }
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
                    needed: 0,
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

    let model = dag.vote_model();
    if model == VoteModel::Static {
        // Every member not stopped votes; the witness votes when they are even.
        let members = s.member_count();
        for server in dag.server_ids() {
            s.vote[server.index()] = !s.stopped[server.index()];
        }
        s.witness_weight = members > 0 && members.is_multiple_of(2);
    }
    // The witness goes to the partition that reaches it; when several do, to the one with more votes, then
    // the one with the Primary Active Manager, then the first (clusterplan's choice where Windows races).
    let member_votes = |s: &State, p: usize| s.partitions[p].members.iter().filter(|m| s.vote[m.index()]).count();
    s.witness_partition = if witness_up {
        (0..s.partitions.len())
            .filter(|&p| !s.partitions[p].members.is_empty() && s.reaches(dag, p, witness_site))
            .max_by_key(|&p| {
                let pam = s.pam.is_some_and(|pam| s.partitions[p].members.contains(&pam));
                (member_votes(s, p), pam, std::cmp::Reverse(p))
            })
    } else {
        None
    };
    // Quorum: a majority of the votes there were before this step.
    let total = s.total_votes();
    let votes =
        |s: &State, p: usize| member_votes(s, p) as u32 + u32::from(s.witness_weight && s.witness_partition == Some(p));
    s.quorum = (0..s.partitions.len()).find(|&p| 2 * votes(s, p) > total);
    let tested = s.quorum.or_else(|| (0..s.partitions.len()).max_by_key(|&p| (votes(s, p), std::cmp::Reverse(p))));
    s.tested = QuorumTest {
        votes: tested.map_or(0, |p| votes(s, p)),
        total,
        voters: tested
            .map_or_else(Vec::new, |p| s.partitions[p].members.iter().copied().filter(|m| s.vote[m.index()]).collect()),
        witness: tested.is_some() && s.witness_weight && s.witness_partition == tested,
    };
    if let (Some(q), VoteModel::Dynamic { witness }) = (s.quorum, model) {
        let members = s.partitions[q].members.clone();
        let reached = s.witness_partition == Some(q);
        dynamic_votes(s, &members, reached, witness);
    }
    let total = s.total_votes();
    for p in 0..s.partitions.len() {
        let v = votes(s, p);
        let partition = &mut s.partitions[p];
        partition.witness_vote = s.witness_weight && s.witness_partition == Some(p);
        partition.votes = v;
        partition.needed = total / 2 + 1;
    }
    s.pam = s.quorum.and_then(|q| {
        let members = &s.partitions[q].members;
        s.pam.filter(|pam| members.contains(pam)).or_else(|| members.first().copied())
    });

    // DACP: a starting member sets its bit once it reaches a member whose bit is 1, or every member, or (two
    // members) a witness that has been up since before the member went down.
    if dag.scenario.dac_mode {
        let members = s.member_count();
        for (index, partition) in s.partitions.iter().enumerate() {
            let any_set = partition.members.iter().any(|&m| s.dacp[m.index()]);
            let all_members = partition.members.len() as u32 == members;
            let witness_here = s.witness_partition == Some(index);
            for &m in &partition.members {
                let witness_older = members == 2 && witness_here && s.witness_up_since < s.down_at[m.index()];
                if any_set || all_members || witness_older {
                    s.dacp[m.index()] = true;
                }
            }
        }
    }
    settle_databases(dag, s);
    s.stale = stale_quorum(dag, s);
}

/// Dynamic quorum's votes once `members` hold quorum (`reached`: they reach the witness): the survivors'
/// votes become the whole; then the total is kept odd, by the witness's vote under dynamic witness, else by
/// taking the vote of the last voting member in file order.
pub(super) fn dynamic_votes(s: &mut State, members: &[ServerId], reached: bool, dynamic_witness: bool) {
    for vote in &mut s.vote {
        *vote = false;
    }
    for member in members {
        s.vote[member.index()] = true;
    }
    // Exchange puts the witness in the cluster only while the DAG has an even number of members.
    let configured = s.member_count() > 0 && s.member_count().is_multiple_of(2);
    let voters = members.len();
    // Windows does not adjust the votes below three in a multi-node cluster with a witness: the last voting
    // member keeps the witness's vote beside its own, and needs it ("Behavior of Dynamic Witness on Windows
    // Server 2012 R2 Failover Clustering"; "Understand cluster and pool quorum": two nodes with a witness
    // survive one failure, "then another: No").
    let last_with_witness = voters == 1 && s.member_count() > 1;
    let witness_counts = voters.is_multiple_of(2) || last_with_witness;
    s.witness_weight = configured && (!dynamic_witness || (witness_counts && reached));
    if voters > 1 && (voters + usize::from(s.witness_weight)).is_multiple_of(2) {
        let last = *members.last().expect("voters > 1");
        s.vote[last.index()] = false;
    }
}

/// Stopped members up outside the running DAG's reach, counting the votes they last knew: whether they hold
/// quorum in their own eyes, and what they mount then (DACP decides in DAC mode).
fn stale_quorum(dag: &Design, s: &State) -> Option<StaleQuorum> {
    let known = s.known.as_ref()?;
    let total = known.vote.iter().filter(|&&v| v).count() as u32 + u32::from(known.witness_weight);
    (0..s.partitions.len()).filter(|&p| Some(p) != s.quorum).find_map(|p| {
        let members: Vec<ServerId> =
            dag.server_ids().filter(|&m| s.stopped[m.index()] && s.server_partition(dag, m) == Some(p)).collect();
        // They know only the primary witness; it is theirs unless the running DAG holds it.
        let running_holds = !s.alternate_in_use && s.quorum.is_some() && s.witness_partition == s.quorum;
        let witness = known.witness_weight && s.witness_ok && !running_holds && s.reaches(dag, p, dag.witness_site);
        let votes = members.iter().filter(|m| known.vote[m.index()]).count() as u32 + u32::from(witness);
        if members.is_empty() || 2 * votes <= total {
            return None;
        }
        let can_mount = |m: ServerId| !dag.scenario.dac_mode || s.dacp[m.index()];
        let mounts = dag
            .database_ids()
            .filter_map(|d| {
                let server = dag.copy_server(known.active[d.index()]?);
                (members.contains(&server) && can_mount(server)).then_some((d, server))
            })
            .collect();
        Some(StaleQuorum { partition: p, members, witness, votes, total, mounts })
    })
}
