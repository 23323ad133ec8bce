//! Runs each use once and prints what it got: `cargo run` in this folder.

fn main() -> anyhow::Result<()> {
    let quota = r#"{"metadata": {"name": "team"}, "spec": {"hard": {"requests.cpu": "1"}}}"#;
    let pod = r#"{"metadata": {"name": "web"}, "spec": {"containers": [
        {"name": "app", "resources": {"requests": {"cpu": "1500m"}}}]}}"#;
    match acp_rs_dependent::admit_pod(quota, pod) {
        Ok(()) => println!("admitted"),
        Err(refused) => println!("refused: {refused}"),
    }
    let dslx =
        acp_rs_dependent::check_dslx(r#"[{"type": "URL", "values": [["STARTS_WITH", "/a"]]}]"#);
    println!("dslx valid: {}", dslx.is_ok());
    let files = acp_rs_dependent::ignition_files(
        br#"{"ignition":{"version":"3.4.0"},"storage":{"files":[{"path":"/etc/motd"}]}}"#,
    )?;
    println!("ignition writes {files:?}");
    let fires =
        acp_rs_dependent::next_fires("30 18 * * 6", "Asia/Shanghai", "2025-01-20T00:00:00Z", 2)?;
    println!("cron fires at {fires:?}");
    Ok(())
}
