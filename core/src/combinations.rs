//! Sets of things failing at once, for both failure matrices: how many sets of up to k of n there are, the
//! next set in lexicographic order, and the limits beyond which an analysis is refused before it runs.

/// The most sets one failure matrix tries (2^20); beyond it the caller must ask for fewer failures.
pub const MAX_COMBINATIONS: u64 = 1 << 20;

/// The most placements (a set times the groups, or the servers and databases, it settles) one analysis
/// works out for its summary: 2^26, a few seconds of work.
pub const MAX_WORK: u64 = 1 << 26;

/// The most placements an analysis keeps to list row by row: 2^22, some tens of megabytes kept and a few
/// hundred printed.
pub const MAX_LISTED: u64 = 1 << 22;

/// n choose k, saturating at `u64::MAX`.
pub fn binomial(n: u64, k: u64) -> u64 {
    if k > n {
        return 0;
    }
    let k = k.min(n - k);
    let mut result: u64 = 1;
    for i in 0..k {
        // result * (n - i) / (i + 1) stays exact when done in this order.
        result = match result.checked_mul(n - i) {
            Some(product) => product / (i + 1),
            None => return u64::MAX,
        };
    }
    result
}

/// How many sets of at most `max_failures` of `count` things there are (saturating).
pub fn count(count: usize, max_failures: usize) -> u64 {
    (0..=max_failures.min(count) as u64).fold(0u64, |sum, k| sum.saturating_add(binomial(count as u64, k)))
}

/// Steps `chosen` (sorted indices below `n`) to the next combination of the same size; false after the last.
pub fn next(chosen: &mut [usize], n: usize) -> bool {
    let k = chosen.len();
    for i in (0..k).rev() {
        if chosen[i] < n - k + i {
            chosen[i] += 1;
            for j in i + 1..k {
                chosen[j] = chosen[j - 1] + 1;
            }
            return true;
        }
    }
    false
}

/// Calls `visit` with every set of at most `max_failures` of `count` things (sorted indices), by size, then
/// in lexicographic order: the rows of a failure matrix.
pub fn for_each(count: usize, max_failures: usize, visit: impl FnMut(&[usize])) {
    for_each_watched(count, max_failures, &mut |_, _| {}, visit);
}

/// How many sets go by between two calls of a progress listener.
pub const PROGRESS_EVERY: u64 = 4096;

/// [`for_each`], telling `progress` the sets done and the sets in all every [`PROGRESS_EVERY`] sets and
/// once at the end.
pub fn for_each_watched(
    count: usize,
    max_failures: usize,
    progress: &mut dyn FnMut(u64, u64),
    mut visit: impl FnMut(&[usize]),
) {
    let total = self::count(count, max_failures);
    let mut done = 0u64;
    let mut chosen: Vec<usize> = Vec::with_capacity(max_failures);
    for k in 0..=max_failures.min(count) {
        chosen.clear();
        chosen.extend(0..k);
        loop {
            visit(&chosen);
            done += 1;
            if done.is_multiple_of(PROGRESS_EVERY) {
                progress(done, total);
            }
            if !next(&mut chosen, count) {
                break;
            }
        }
    }
    progress(done, total);
}

/// What an analysis settles per set of failures, for its limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    /// What fails: "node" (2003 clusters) or "server" (DAGs).
    pub of: &'static str,
    /// What each set settles, in words: "groups", or "servers and databases".
    pub per: &'static str,
    /// How many of them: the work per set.
    pub per_set: u64,
    /// When every row is kept to be listed: the values kept per row and what they are ("groups", "servers");
    /// those fall under [`MAX_LISTED`]. `None` for the summary alone.
    pub listed: Option<(u64, &'static str)>,
}

impl Cost {
    /// Whether `sets` sets fit every limit.
    fn fits(&self, sets: u64) -> bool {
        sets <= MAX_COMBINATIONS && self.work(sets) <= MAX_WORK && self.kept(sets) <= MAX_LISTED
    }

    fn work(&self, sets: u64) -> u64 {
        sets.saturating_mul(self.per_set.max(1))
    }

    fn kept(&self, sets: u64) -> u64 {
        self.listed.map_or(0, |(values, _)| sets.saturating_mul(values.max(1)))
    }
}

/// An analysis would be too large to run: the numbers, and what would fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge {
    /// How many sets it would try (`u64::MAX`: more than 2^64).
    pub combinations: u64,
    pub cost: Cost,
    /// The largest number of simultaneous failures that fits; `None` when not even the healthy design alone
    /// does.
    pub fits: Option<usize>,
    /// How many sets that is.
    pub fits_sets: u64,
    /// Whether the summary alone (not listing every row) would fit what was asked.
    pub summary_fits: bool,
}

impl TooLarge {
    /// Checks `things` failing up to `max_failures` at once against every limit; the number of sets when it
    /// fits.
    pub fn check(things: usize, max_failures: usize, cost: Cost) -> Result<u64, TooLarge> {
        let total = count(things, max_failures);
        if cost.fits(total) {
            return Ok(total);
        }
        let fits = (0..=max_failures).take_while(|&k| cost.fits(count(things, k))).last();
        let summary = Cost { listed: None, ..cost };
        Err(TooLarge {
            combinations: total,
            cost,
            fits,
            fits_sets: fits.map_or(0, |k| count(things, k)),
            summary_fits: cost.listed.is_some() && summary.fits(total),
        })
    }

    /// Sets times what each settles (saturating).
    pub fn placements(&self) -> u64 {
        self.cost.work(self.combinations)
    }
}

fn number(count: u64) -> String {
    if count == u64::MAX { "more than 2^64".to_string() } else { count.to_string() }
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Cost { of, per, per_set, listed } = self.cost;
        let sets = self.combinations;
        if sets > MAX_COMBINATIONS {
            write!(f, "{} {of} sets to try, more than the {MAX_COMBINATIONS} this tool tries at once", number(sets))?;
        } else if self.placements() > MAX_WORK {
            write!(
                f,
                "{sets} {of} sets of {per_set} {per} = {} placements, more than the {MAX_WORK} this tool works out \
                 at once",
                number(self.placements())
            )?;
        } else if let Some((values, what)) = listed {
            write!(
                f,
                "{sets} {of} sets of {values} {what} = {} values to list row by row, more than the {MAX_LISTED} this \
                 tool lists at once",
                number(self.cost.kept(sets))
            )?;
        }
        match self.fits {
            Some(k) => write!(f, "; at most {k} simultaneous failures fit ({} sets)", self.fits_sets)?,
            None => write!(f, "; not even the healthy design alone fits")?,
        }
        if self.summary_fits {
            write!(f, ", and the summary alone fits what was asked")?;
        }
        Ok(())
    }
}

impl std::error::Error for TooLarge {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combinations_in_lexicographic_order() {
        let mut chosen = vec![0, 1];
        let mut seen = vec![chosen.clone()];
        while next(&mut chosen, 4) {
            seen.push(chosen.clone());
        }
        assert_eq!(seen, [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]]);
        let mut empty: Vec<usize> = Vec::new();
        assert!(!next(&mut empty, 4), "the empty set is the only set of size 0");
    }

    #[test]
    fn every_set_by_size_then_in_order() {
        let mut seen: Vec<Vec<usize>> = Vec::new();
        for_each(3, 2, |chosen| seen.push(chosen.to_vec()));
        assert_eq!(seen, [vec![], vec![0], vec![1], vec![2], vec![0, 1], vec![0, 2], vec![1, 2]]);
        assert_eq!(seen.len() as u64, count(3, 2));
        let mut sizes = Vec::new();
        for_each(2, 5, |chosen| sizes.push(chosen.len()));
        assert_eq!(sizes, [0, 1, 1, 2], "no more failures than things");
    }

    #[test]
    fn binomials() {
        assert_eq!(binomial(8, 4), 70);
        assert_eq!(binomial(16, 8), 12_870);
        assert_eq!(binomial(3, 5), 0);
        assert_eq!(binomial(10_000, 5000), u64::MAX, "saturates instead of overflowing");
    }

    fn cost(per_set: u64, listed: bool) -> Cost {
        Cost { of: "node", per: "groups", per_set, listed: listed.then_some((per_set, "groups")) }
    }

    #[test]
    fn too_large_says_what_fits() {
        assert_eq!(TooLarge::check(16, 16, cost(4, true)), Ok(65_536));
        let error = TooLarge::check(40, 40, Cost { of: "server", ..cost(4, false) }).unwrap_err();
        assert_eq!((error.fits, error.fits_sets), (Some(5), 760_099));
        assert_eq!(
            error.to_string(),
            "1099511627776 server sets to try, more than the 1048576 this tool tries at once; \
             at most 5 simultaneous failures fit (760099 sets)"
        );
    }

    #[test]
    fn too_large_counts_placements_not_only_sets() {
        // 20 nodes and 1,500 groups: 2^20 sets fit the set limit, not the placement limit.
        let error = TooLarge::check(20, 20, cost(1500, false)).unwrap_err();
        assert_eq!((error.fits, error.fits_sets, error.placements()), (Some(5), 21_700, 1_572_864_000));
        assert_eq!(
            error.to_string(),
            "1048576 node sets of 1500 groups = 1572864000 placements, more than the 67108864 this tool works \
             out at once; at most 5 simultaneous failures fit (21700 sets)"
        );
        // Listing every row has the tighter limit; the summary alone may still fit.
        let error = TooLarge::check(16, 16, cost(100, true)).unwrap_err();
        assert!(error.summary_fits);
        assert_eq!(
            error.to_string(),
            "65536 node sets of 100 groups = 6553600 values to list row by row, more than the 4194304 this tool \
             lists at once; at most 8 simultaneous failures fit (39203 sets), and the summary alone fits what was asked"
        );
        // A design too large for even its healthy row.
        let error = TooLarge::check(2, 1, cost(MAX_WORK + 1, false)).unwrap_err();
        assert_eq!(error.fits, None);
        assert!(error.to_string().ends_with("not even the healthy design alone fits"), "{error}");
    }
}
