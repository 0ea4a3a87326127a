//! The browser entry point: mounts the app.

fn main() {
    yew::Renderer::<clusterplan_web::cluster::app::App>::new().render();
}
