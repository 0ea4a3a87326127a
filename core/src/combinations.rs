//! Sets of things failing at once, for both failure matrices: how many sets of up to k of n there are, the
//! next set in lexicographic order, and the cap beyond which a matrix is refused as too large.

/// The most sets one failure matrix tries (2^20); beyond it the caller must ask for fewer failures.
pub const MAX_COMBINATIONS: u64 = 1 << 20;

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

/// A failure matrix would be too large to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge {
    /// How many sets it would try (`u64::MAX`: more than 2^64).
    pub combinations: u64,
    /// The largest number of simultaneous failures that fits.
    pub fits: usize,
    /// What fails: "node" (2003 clusters) or "server" (DAGs).
    pub of: &'static str,
}

impl TooLarge {
    /// Checks `count` things failing up to `max_failures` at once against the cap.
    pub fn check(things: usize, max_failures: usize, of: &'static str) -> Result<u64, TooLarge> {
        let total = count(things, max_failures);
        if total <= MAX_COMBINATIONS {
            return Ok(total);
        }
        let fits = (0..=max_failures).take_while(|&k| count(things, k) <= MAX_COMBINATIONS).last().unwrap_or(0);
        Err(TooLarge { combinations: total, fits, of })
    }
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let count =
            if self.combinations == u64::MAX { "more than 2^64".to_string() } else { self.combinations.to_string() };
        write!(
            f,
            "{count} {} sets to try, more than the {MAX_COMBINATIONS} this tool runs at once: ask for at most {} simultaneous failures",
            self.of, self.fits
        )
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
    fn binomials() {
        assert_eq!(binomial(8, 4), 70);
        assert_eq!(binomial(16, 8), 12_870);
        assert_eq!(binomial(3, 5), 0);
        assert_eq!(binomial(10_000, 5000), u64::MAX, "saturates instead of overflowing");
    }

    #[test]
    fn too_large_says_what_fits() {
        assert_eq!(TooLarge::check(16, 16, "node"), Ok(65_536));
        let error = TooLarge::check(40, 40, "server").unwrap_err();
        assert_eq!((error.fits, error.of), (5, "server"));
        assert!(error.to_string().starts_with("1099511627776 server sets to try"), "{error}");
    }
}
