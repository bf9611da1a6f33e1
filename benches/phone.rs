//! `cargo bench --bench phone`: placeholder until the phone benches land.
fn main() {}
