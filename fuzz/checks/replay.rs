// The stable replay of a fuzz corpus, `include!`d by each crate's `tests/fuzz_corpus.rs`.

/// Runs `check` on every file of `fuzz/corpus/<target>` (and of the `artifacts` cargo-fuzz
/// leaves for that target, when there are any); fails naming the first input that panics, and
/// when the corpus is empty.
fn replay(target: &str, check: fn(&[u8])) {
    let fuzz = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut seen = 0;
    for dir in [
        fuzz.join("corpus").join(target),
        fuzz.join("artifacts").join(target),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        paths.sort();
        for path in paths {
            let data = std::fs::read(&path).unwrap();
            let result = std::panic::catch_unwind(|| check(&data));
            assert!(
                result.is_ok(),
                "{target}: check failed on {}",
                path.display()
            );
            seen += 1;
        }
    }
    assert!(seen > 0, "no corpus for {target} under {}", fuzz.display());
}
