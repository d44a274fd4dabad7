use super::*;

#[test]
fn summary_names_a_single_reparsed_file() {
    let r = |reparsed: Vec<&str>, reloaded: Vec<&'static str>| Rebuild {
        rendered: Vec::new(),
        enriched: None,
        timings: Vec::new(),
        reparsed: reparsed.into_iter().map(String::from).collect(),
        removed: Vec::new(),
        reloaded,
        sources: 10,
        model_reused: false,
    };
    assert_eq!(r(vec!["a.txt"], vec![]).summary(), "re-parsed a.txt");
    assert_eq!(r(vec![], vec!["theme"]).summary(), "reloaded theme");
    assert_eq!(
        r(vec!["a.txt", "b.txt"], vec![]).summary(),
        "re-parsed 2 of 10 files"
    );
}

#[test]
fn dirty_union_keeps_every_flag() {
    let a = Dirty {
        seeds: true,
        ..Dirty::default()
    };
    let b = Dirty {
        theme: true,
        ..Dirty::default()
    };
    let u = a.union(b);
    assert!(u.seeds && u.theme && !u.config);
    assert!(!Dirty::default().any());
}
