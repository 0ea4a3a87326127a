//! Partitions: which nodes (2003 clusters) or sites (DAGs) can reach each other, as a union-find over their
//! indices. The root of a partition is always its lowest index, so partitions are numbered the same way
//! every time.

/// A union-find over `0..count`.
#[derive(Debug, Clone, Default)]
pub struct Partitions {
    parent: Vec<usize>,
}

impl Partitions {
    /// Every member in a partition of its own.
    pub fn new(count: usize) -> Partitions {
        Partitions { parent: (0..count).collect() }
    }

    /// Every member in a partition of its own again, reusing the buffer.
    pub fn reset(&mut self, count: usize) {
        self.parent.clear();
        self.parent.extend(0..count);
    }

    /// The lowest index of the partition `member` is in.
    pub fn root(&self, mut member: usize) -> usize {
        while self.parent[member] != member {
            member = self.parent[member];
        }
        member
    }

    /// Puts `a` and `b` in one partition.
    pub fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        // The smaller root stays the root, so a partition's root is its lowest index.
        let (low, high) = if a < b { (a, b) } else { (b, a) };
        self.parent[high] = low;
    }
}

#[cfg(test)]
mod tests {
    use super::Partitions;

    #[test]
    fn a_partition_is_named_by_its_lowest_member() {
        let mut partitions = Partitions::new(5);
        partitions.join(4, 2);
        partitions.join(3, 4);
        assert_eq!([0, 1, 2, 3, 4].map(|m| partitions.root(m)), [0, 1, 2, 2, 2]);
        partitions.join(1, 3);
        assert_eq!([0, 1, 2, 3, 4].map(|m| partitions.root(m)), [0, 1, 1, 1, 1]);
        partitions.reset(3);
        assert_eq!([0, 1, 2].map(|m| partitions.root(m)), [0, 1, 2]);
    }
}
