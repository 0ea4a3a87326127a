//! IPv4 subnets as both IP plans use them: how many addresses a subnet gives hosts, the n-th of them, and
//! whether two subnets overlap. One rule for both families: neither the network nor the broadcast address
//! goes to a host, so a /31 or a /32 (a point-to-point link, a single host route) holds no cluster or DAG
//! address (clusterplan's choice, docs/choices.md).

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

/// How many addresses of a subnet hosts may use: all but the network and broadcast addresses; none in a
/// /31 or /32.
pub fn usable(subnet: Ipv4Net) -> u64 {
    match subnet.prefix_len() {
        31 | 32 => 0,
        prefix => (1u64 << (32 - prefix)) - 2,
    }
}

/// The usable address at `offset` (0 is the first after the network address), if the subnet has that many.
/// Constant time, however large the offset.
pub fn host(subnet: Ipv4Net, offset: u64) -> Option<Ipv4Addr> {
    (offset < usable(subnet)).then(|| Ipv4Addr::from(u32::from(subnet.network()) + 1 + offset as u32))
}

/// Whether two subnets share any address.
pub fn overlap(a: Ipv4Net, b: Ipv4Net) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(text: &str) -> Ipv4Net {
        text.parse().unwrap()
    }

    #[test]
    fn hosts_skip_the_network_and_broadcast_addresses() {
        assert_eq!(usable(net("10.0.0.0/24")), 254);
        assert_eq!(usable(net("10.0.0.0/30")), 2);
        assert_eq!(usable(net("10.0.0.0/31")), 0);
        assert_eq!(usable(net("10.0.0.1/32")), 0);
        assert_eq!(usable(net("0.0.0.0/0")), (1 << 32) - 2);
        assert_eq!(host(net("10.0.0.0/24"), 0), Some("10.0.0.1".parse().unwrap()));
        assert_eq!(host(net("10.0.0.0/24"), 253), Some("10.0.0.254".parse().unwrap()));
        assert_eq!(host(net("10.0.0.0/24"), 254), None);
        assert_eq!(host(net("0.0.0.0/0"), 4_000_000_000), Some(Ipv4Addr::from(4_000_000_001)));
        assert_eq!(host(net("10.0.0.0/31"), 0), None);
    }

    #[test]
    fn overlaps() {
        assert!(overlap(net("10.0.0.0/16"), net("10.0.5.0/24")));
        assert!(overlap(net("10.0.5.0/24"), net("10.0.0.0/16")));
        assert!(!overlap(net("10.0.0.0/24"), net("10.0.1.0/24")));
    }
}
