//! clusterplan-web: the browser planner. Two sibling apps built alike — [`cluster`] (Exchange 2003
//! clusters, the page at `/`) and [`dag`] (Database Availability Groups, the page at `/dag/`), each with
//! its `app`, `state`, `layout`, `drag` and `components` — over one [`shell`]. They render and edit; every
//! domain decision comes from clusterplan-core. The pure parts are tested natively.

pub mod cluster;
pub mod dag;
pub mod shell;
