//! The output folder is sacred: recap refuses folders that are not its own,
//! never leaves a half-written site behind, and rewrites only the files
//! whose bytes changed.

use std::path::Path;
use std::process::Command;

mod sites;
use sites::{html_files, recap, session_dirs, site, stderr, Tmp};

#[test]
fn the_output_folder_is_sacred() {
    let tmp = Tmp::new("sacred");
    let s = site(&tmp);
    let home = tmp.0.join("home");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::write(home.join("precious.txt"), "keep me").unwrap();
    let foreign = s.join("notes");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("todo.txt"), "keep me").unwrap();

    let refuse = |out: &str, home_env: &Path| {
        let o = Command::new(env!("CARGO_BIN_EXE_recap"))
            .current_dir(&s)
            .env("HOME", home_env)
            .args(["build", "--out", out])
            .output()
            .unwrap();
        assert!(!o.status.success(), "--out {out} must be refused");
        let err = stderr(&o);
        assert!(
            err.contains("refusing") || err.contains("not made by recap"),
            "{out}: {err}"
        );
    };
    refuse("/", &home);
    refuse(home.to_str().unwrap(), &home);
    refuse(".", &home);
    refuse("seeds", &home);
    refuse("content", &home);
    refuse("notes", &home);
    assert_eq!(
        std::fs::read_to_string(home.join("precious.txt")).unwrap(),
        "keep me"
    );
    assert_eq!(
        std::fs::read_to_string(foreign.join("todo.txt")).unwrap(),
        "keep me"
    );
    assert!(s.join("seeds/000_2aa07469c266620e.txt").exists());
}

#[test]
fn a_killed_build_leaves_the_previous_site_whole() {
    let tmp = Tmp::new("killed");
    let s = site(&tmp);
    assert!(recap(&s, &["-q", "build"]).status.success());
    let before = html_files(&s.join("public"));

    // A bigger site takes long enough to be killed part way.
    let samples: Vec<_> = std::fs::read_dir(s.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for i in 0..400 {
        let src = &samples[i % samples.len()];
        std::fs::copy(src, s.join(format!("seeds/copy_{i:04}.txt"))).unwrap();
    }
    for delay_ms in [30u64, 120, 300] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_recap"))
            .current_dir(&s)
            .args(["-q", "build"])
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = html_files(&s.join("public"));
        let complete_new = now.len() > 400 && s.join("public/index.html").exists();
        assert!(
            now == before || complete_new,
            "after a kill at {delay_ms} ms the site is neither old nor whole"
        );
    }
    // The next build clears what the killed ones left beside the folder.
    assert!(recap(&s, &["-q", "build"]).status.success());
    let leftovers: Vec<_> = std::fs::read_dir(&s)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("recap-new") || n.contains("recap-old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn modified(p: &Path) -> std::time::SystemTime {
    std::fs::metadata(p).unwrap().modified().unwrap()
}

#[test]
fn a_rebuild_keeps_unchanged_files_and_rewrites_only_what_changed() {
    let tmp = Tmp::new("reuse");
    let s = site(&tmp);
    assert!(recap(&s, &["-q", "build"]).status.success());
    let public = s.join("public");
    let sessions = session_dirs(&public);
    let (edited, untouched) = (&sessions[0], &sessions[1]);
    let page = |slug: &str| public.join("sessions").join(slug).join("index.html");
    let json = public.join("data/site.json");
    let (edited_before, untouched_before) = (modified(&page(edited)), modified(&page(untouched)));
    let json_before = std::fs::read_to_string(&json).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(50));

    // Nothing changed: every file is the previous one, down to its mtime.
    let o = recap(&s, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let files = walkdir::WalkDir::new(&public)
        .into_iter()
        .filter(|e| e.as_ref().unwrap().file_type().is_file())
        .count();
    assert!(
        stderr(&o).contains(&format!("({} files, {} unchanged)", files - 1, files - 1)),
        "{}",
        stderr(&o)
    );
    assert_eq!(modified(&page(edited)), edited_before);

    // One recap edited: its page and the export are new, the rest stay.
    let src = std::fs::read_dir(s.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            recap_slug_matches(&page(edited), &text)
        })
        .expect("the edited session's recap");
    let text = std::fs::read_to_string(&src).unwrap();
    std::fs::write(&src, text.replacen("\n- ", "\n- 补充说明：现场演示 ", 1)).unwrap();
    assert!(recap(&s, &["-q", "build"]).status.success());
    assert!(std::fs::read_to_string(page(edited))
        .unwrap()
        .contains("补充说明：现场演示"));
    assert_ne!(modified(&page(edited)), edited_before);
    assert_eq!(modified(&page(untouched)), untouched_before);
    let json_after = std::fs::read_to_string(&json).unwrap();
    assert!(json_after.contains("补充说明：现场演示") && !json_before.contains("补充说明"));
}

/// Whether the session page at `page` was made from the recap `text`
/// (its title is the recap's first heading).
fn recap_slug_matches(page: &Path, text: &str) -> bool {
    let html = std::fs::read_to_string(page).unwrap();
    let h1 = html
        .split("<h1 class=\"session-title\">")
        .nth(1)
        .and_then(|r| r.split("</h1>").next())
        .unwrap_or_default();
    let heading = text
        .lines()
        .find(|l| l.starts_with("# "))
        .unwrap_or_default();
    !h1.is_empty() && heading.contains(h1)
}
