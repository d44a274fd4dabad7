fn main() {
    for f in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&f).unwrap();
        let r = recap::parse::recap::parse_recap(&f, &text);
        let s = &r.session;
        println!("== {f}\n title={:?}", s.title);
        println!(
            " overview paras={} themes={:?} note={:?} extra={:?}",
            s.overview.len(),
            s.key_themes,
            s.note,
            s.extra
        );
        for sec in &s.timeline {
            println!(
                " SEC {:?} {:?}-{:?} ({} entries)",
                sec.heading,
                sec.start,
                sec.end,
                sec.entries.len()
            );
            for e in &sec.entries {
                println!(
                    "   {} {:?}-{:?} {} [{} pts]",
                    e.anchor,
                    e.start,
                    e.end,
                    e.text,
                    e.points.len()
                );
            }
        }
        for d in &r.diagnostics {
            println!(" {d}");
        }
    }
}
