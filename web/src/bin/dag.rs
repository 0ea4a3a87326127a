//! The DAG planner's entry point: mounts the DAG app (its own bundle, served at `dag/`).

fn main() {
    yew::Renderer::<clusterplan_web::dag::app::App>::new().render();
}
