use super::*;

fn targets(text: &str) -> Vec<(&str, &str, &str)> {
    find(text)
        .into_iter()
        .map(|r| (&text[r.whole], r.alt, r.target))
        .collect()
}

#[test]
fn images_are_found_as_markdown_writes_them() {
    assert_eq!(
        targets("架构如下 ![架构图](slides/arch.png) 。"),
        [("![架构图](slides/arch.png)", "架构图", "slides/arch.png")]
    );
    assert_eq!(
        targets("![](a.jpg)![第二张](<第 2 页.png> \"标题\")"),
        [
            ("![](a.jpg)", "", "a.jpg"),
            ("![第二张](<第 2 页.png> \"标题\")", "第二张", "第 2 页.png")
        ]
    );
    assert_eq!(
        targets("![x](https://e.org/a.png 'big')"),
        [(
            "![x](https://e.org/a.png 'big')",
            "x",
            "https://e.org/a.png"
        )]
    );
    // Not images: a link, an unclosed one, one broken over a line, an
    // empty target, a title left open.
    for text in [
        "[链接](a.png)",
        "![图](a.png",
        "![图\n](a.png)",
        "![图]()",
        "![图](a.png \"标题)",
        "感叹号![",
        "![a](b c)",
    ] {
        assert_eq!(targets(text), [], "{text}");
    }
}

#[test]
fn a_long_line_of_openers_is_read_in_linear_time() {
    let text = "![".repeat(200_000) + "](a.png)";
    let t = std::time::Instant::now();
    let found = find(&text);
    assert_eq!(found.len(), 1);
    assert!(t.elapsed().as_secs() < 5);
}

/// The first bytes of a PNG, enough to be told from other files.
const PNG_HEAD: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR";

fn folder(name: &str) -> crate::TestDir {
    let d = crate::empty_test_dir("media", name);
    std::fs::create_dir_all(d.join("seeds/day1/slides")).unwrap();
    std::fs::write(d.join("seeds/day1/slides/arch 1.png"), PNG_HEAD).unwrap();
    std::fs::write(d.join("seeds/day1/logo.svg"), b"<svg/>").unwrap();
    std::fs::write(d.join("seeds/day1/notes.pdf"), b"%PDF").unwrap();
    std::fs::write(d.join("secret.png"), PNG_HEAD).unwrap();
    d
}

#[test]
fn files_beside_the_recap_are_copied_and_nothing_else() {
    let d = folder("resolve");
    let root = d.join("seeds");
    let recap = "day1/talk.txt";
    match resolve("slides/arch%201.png", recap, &root, Origin::Recaps).unwrap() {
        Resolved::File { output, src, file } => {
            assert_eq!(output, "media/recaps/day1/slides/arch 1.png");
            assert_eq!(src, "/media/recaps/day1/slides/arch%201.png");
            assert!(file.ends_with("slides/arch 1.png"));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        resolve("./slides/arch 1.PNG", recap, &root, Origin::Recaps),
        Err(e) if e.contains("not found")
    ));
    assert_eq!(
        resolve("https://e.org/a.png", recap, &root, Origin::Recaps),
        Ok(Resolved::Web("https://e.org/a.png".into()))
    );
    let why = |target: &str| resolve(target, recap, &root, Origin::Recaps).unwrap_err();
    assert!(why("../../secret.png").contains("outside the seeds folder"));
    assert!(why(&format!("{}/secret.png", d.display())).contains("relative to this file"));
    assert!(why("logo.svg").contains("SVG"));
    assert!(why("notes.pdf").contains("not an image"));
    // Named as an image, but a page the browser saved.
    std::fs::write(
        root.join("day1/saved.png"),
        b"<!DOCTYPE html><title>404</title>",
    )
    .unwrap();
    assert!(why("saved.png").contains("is not an image: its first bytes"));
    assert!(why("missing.png").contains("not found"));
    assert!(why("javascript:alert(1).png").contains("relative to this file"));
    assert!(why("data:image/png;base64,AAAA").contains("relative to this file"));
    std::fs::remove_dir_all(&d).unwrap();
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_seeds_folder_is_not_followed() {
    let d = folder("symlink");
    std::os::unix::fs::symlink(d.join("secret.png"), d.join("seeds/day1/inside.png")).unwrap();
    let why = resolve(
        "inside.png",
        "day1/talk.txt",
        &d.join("seeds"),
        Origin::Recaps,
    )
    .unwrap_err();
    assert!(why.contains("outside the seeds folder"), "{why}");
    std::fs::remove_dir_all(&d).unwrap();
}

#[cfg(unix)]
#[test]
fn a_recap_in_a_linked_folder_shows_the_images_beside_it() {
    let d = folder("linked");
    std::fs::create_dir_all(d.join("elsewhere/slides")).unwrap();
    std::fs::write(d.join("elsewhere/slides/a.png"), PNG_HEAD).unwrap();
    std::os::unix::fs::symlink(d.join("elsewhere"), d.join("seeds/more")).unwrap();
    let root = d.join("seeds");
    match resolve("slides/a.png", "more/talk.txt", &root, Origin::Recaps).unwrap() {
        Resolved::File { output, .. } => assert_eq!(output, "media/recaps/more/slides/a.png"),
        other => panic!("{other:?}"),
    }
    // Still nothing above the linked folder, nor out of a folder that is
    // not linked.
    let why = |target: &str, from: &str| resolve(target, from, &root, Origin::Recaps).unwrap_err();
    assert!(why("../secret.png", "more/talk.txt").contains("outside the seeds folder"));
    assert!(why("../../secret.png", "day1/talk.txt").contains("outside the seeds folder"));
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn search_and_summaries_read_an_image_as_its_alt_text() {
    assert_eq!(with_alt_text("见![架构图](a.png)。"), "见架构图。");
    assert_eq!(with_alt_text("![](a.png)![b](<c d.png>)e"), "be");
    assert!(matches!(
        with_alt_text("没有图！["),
        std::borrow::Cow::Borrowed(_)
    ));
}

#[test]
fn a_size_is_given_only_when_the_header_gives_a_sane_one() {
    let d = crate::empty_test_dir("media", "sizes");
    let png = |w: u32, h: u32| {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend(w.to_be_bytes());
        b.extend(h.to_be_bytes());
        b.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
        b
    };
    let size = |name: &str, bytes: &[u8]| {
        std::fs::write(d.join(name), bytes).unwrap();
        Shown {
            src: String::new(),
            file: Some(d.join(name)),
        }
        .size()
    };
    assert_eq!(size("a.png", &png(640, 360)), Some((640, 360)));
    assert_eq!(size("b.png", &png(401_064_146, 360)), None);
    assert_eq!(size("c.png", &png(640, 0)), None);
    assert_eq!(size("d.png", b"\x89PNG\r\n\x1a\n"), None);
    assert_eq!(size("e.png", b"not an image"), None);
    std::fs::remove_dir_all(&d).unwrap();
}
