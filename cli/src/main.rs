//! The `clusterplan` binary: hands the process's arguments and streams to [`clusterplan::run`].

fn main() {
    let code = clusterplan::run(
        std::env::args_os(),
        &mut std::io::stdin().lock(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    std::process::exit(code);
}
