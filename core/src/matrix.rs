//! The failure matrix both families share: every set of up to k members (nodes, servers) failing at once
//! from the healthy design, in row order (by number of failures, then lexicographically), kept flat or only
//! summed up, within the limits of [`combinations`]. A family says what one set leaves, what it keeps of
//! it and how the sets add up, through [`Family`].

use std::fmt::Debug;

use crate::combinations::{self, Cost, TooLarge};

/// A family's side of the matrix.
pub trait Family: Sized {
    type Design;
    /// What fails: a node or a server, by its index.
    type Member: Copy + Debug + PartialEq + Eq + From<usize> + 'static;
    /// What the matrix keeps of each row besides its failed members, flat.
    type Columns: Debug + Clone + PartialEq + Eq;
    /// One row: the members that failed and what they leave.
    type Row<'m>: Copy;
    /// What settles one set from the healthy design (the engine, and its scratch space).
    type Settler<'d>;
    /// The summary being added up, row by row.
    type Tally<'d>;
    type Summary;

    /// How many members the design has.
    fn members(design: &Self::Design) -> usize;
    /// What a set costs, to check the analysis against its limits; `listed` when every row is kept.
    fn cost(design: &Self::Design, listed: bool) -> Cost;

    fn settler(design: &Self::Design) -> Self::Settler<'_>;
    /// What failing `failed` at once leaves.
    fn settle<'s>(settler: &'s mut Self::Settler<'_>, failed: &'s [Self::Member]) -> Self::Row<'s>;

    /// Room for `rows` rows of `design`.
    fn columns(design: &Self::Design, rows: usize) -> Self::Columns;
    fn keep(columns: &mut Self::Columns, row: Self::Row<'_>);
    /// Row `index` as kept.
    fn kept<'m>(columns: &'m Self::Columns, index: usize, failed: &'m [Self::Member]) -> Self::Row<'m>;

    fn tally(design: &Self::Design, max_failures: usize) -> Self::Tally<'_>;
    fn add(tally: &mut Self::Tally<'_>, row: Self::Row<'_>);
    fn finish(tally: Self::Tally<'_>) -> Self::Summary;
}

/// Every row of a matrix, flat: row i failed `failed[starts[i]..starts[i + 1]]`, and the family keeps the
/// rest in its columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailureMatrix<F: Family> {
    pub max_failures: usize,
    failed: Vec<F::Member>,
    starts: Vec<usize>,
    columns: F::Columns,
}

/// The number of failures asked for, within the member count, once the analysis is known to fit its
/// limits, and how many sets that is.
fn checked<F: Family>(design: &F::Design, max_failures: Option<usize>, listed: bool) -> Result<(usize, u64), TooLarge> {
    let members = F::members(design);
    let max_failures = max_failures.unwrap_or(members).min(members);
    Ok((max_failures, TooLarge::check(members, max_failures, F::cost(design, listed))?))
}

/// Fails every set of up to `max_failures` members at once from the healthy design, in row order, and hands
/// each set and its outcome to `visit`.
fn each_row<F: Family>(
    design: &F::Design,
    max_failures: usize,
    progress: &mut dyn FnMut(u64, u64),
    mut visit: impl FnMut(&[F::Member], F::Row<'_>),
) {
    let mut settler = F::settler(design);
    let mut failed: Vec<F::Member> = Vec::with_capacity(max_failures);
    combinations::for_each_watched(F::members(design), max_failures, progress, |chosen| {
        failed.clear();
        failed.extend(chosen.iter().map(|&i| F::Member::from(i)));
        visit(&failed, F::settle(&mut settler, &failed));
    });
}

impl<F: Family> FailureMatrix<F> {
    /// Fails every set of up to `max_failures` members (all when `None`) at once, from the healthy design,
    /// and keeps every row; refused beyond the limits of [`combinations`].
    pub fn compute(design: &F::Design, max_failures: Option<usize>) -> Result<FailureMatrix<F>, TooLarge> {
        FailureMatrix::compute_watched(design, max_failures, &mut |_, _| {})
    }

    /// [`FailureMatrix::compute`], telling `progress` the sets done and in all as it goes.
    pub fn compute_watched(
        design: &F::Design,
        max_failures: Option<usize>,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<FailureMatrix<F>, TooLarge> {
        let (max_failures, total) = checked::<F>(design, max_failures, true)?;
        let mut matrix = FailureMatrix {
            max_failures,
            failed: Vec::new(),
            starts: Vec::with_capacity(total as usize + 1),
            columns: F::columns(design, total as usize),
        };
        matrix.starts.push(0);
        each_row::<F>(design, max_failures, progress, |failed, row| {
            matrix.failed.extend_from_slice(failed);
            matrix.starts.push(matrix.failed.len());
            F::keep(&mut matrix.columns, row);
        });
        Ok(matrix)
    }

    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn row(&self, index: usize) -> F::Row<'_> {
        F::kept(&self.columns, index, &self.failed[self.starts[index]..self.starts[index + 1]])
    }

    /// Rows by number of failed members, then in lexicographic order of the members.
    pub fn rows(&self) -> impl Iterator<Item = F::Row<'_>> {
        (0..self.len()).map(|i| self.row(i))
    }

    /// The counts that answer "what does this design survive?".
    pub fn summary(&self, design: &F::Design) -> F::Summary {
        let mut tally = F::tally(design, self.max_failures);
        self.rows().for_each(|row| F::add(&mut tally, row));
        F::finish(tally)
    }
}

/// A family's summary, worked out without keeping any row, so it goes as far as
/// [`combinations::MAX_WORK`] placements.
pub trait Summarised: Sized {
    type Of: Family<Summary = Self>;

    /// The summary alone of failing every set of up to `max_failures` members (all when `None`).
    fn compute(design: &<Self::Of as Family>::Design, max_failures: Option<usize>) -> Result<Self, TooLarge> {
        Self::compute_watched(design, max_failures, &mut |_, _| {})
    }

    /// [`Summarised::compute`], telling `progress` the sets done and in all as it goes.
    fn compute_watched(
        design: &<Self::Of as Family>::Design,
        max_failures: Option<usize>,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Self, TooLarge> {
        let (max_failures, _) = checked::<Self::Of>(design, max_failures, false)?;
        let mut tally = Self::Of::tally(design, max_failures);
        each_row::<Self::Of>(design, max_failures, progress, |_, row| Self::Of::add(&mut tally, row));
        Ok(Self::Of::finish(tally))
    }
}
