//! Images in recaps: a file beside the recap is copied and shown, in the
//! built site and in the offline bundle; a missing file, a file outside
//! the seeds folder and an SVG are named by recap and line, never copied,
//! and the rest of the site builds.

mod sites;
use sites::{exported_session, recap, session_dirs, site, stderr, Tmp};
use std::path::Path;

/// The head of a 640 × 360 PNG, enough for its size to be read, and the
/// chunk that ends every PNG.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x02\x80\0\0\x01\x68\x08\x02\0\0\0\0\0\0\0\
    \0\0\0\0IEND\xAE\x42\x60\x82";

/// The sample site with a recap that shows images of every kind.
fn site_with_images(tmp: &Tmp) -> std::path::PathBuf {
    let s = site(tmp);
    std::fs::create_dir_all(s.join("seeds/day2/slides")).unwrap();
    std::fs::write(s.join("seeds/day2/slides/第 1 页.png"), PNG).unwrap();
    std::fs::write(
        s.join("seeds/day2/logo.svg"),
        "<svg><script>alert(1)</script></svg>",
    )
    .unwrap();
    std::fs::write(s.join("secret.png"), PNG).unwrap();
    std::fs::write(
        s.join("seeds/day2/images.txt"),
        "# 图片测试会议总结\n\n## 会议概述\n\n\
         本场介绍 Amazon S3 的架构[^1]。\n![架构总览](slides/第%201%20页.png)\n\n\
         ## 详细时间线\n\n\
         00:00 - 开场 ![封面](<slides/第 1 页.png>)\n\
         - 远程图片 ![Amazon S3 标志](https://example.com/logo.png)\n\
         - ![缺失的图](missing.png)\n\
         - ![外面的图](../../secret.png)\n\
         - ![矢量图](logo.svg)\n\
         05:00 - 结束\n\n\
         [^1]: 见幻灯片 ![脚注图](slides/第%201%20页.png)\n\n\
         ━━━━━━\n注：![文末图](slides/第%201%20页.png)\n",
    )
    .unwrap();
    s
}

fn session_page(out: &Path) -> String {
    session_page_with(out, "缺失的图")
}

/// The session page in `out` that has `needle` in it.
fn session_page_with(out: &Path, needle: &str) -> String {
    session_dirs(out)
        .into_iter()
        .map(|d| std::fs::read_to_string(out.join("sessions").join(d).join("index.html")).unwrap())
        .find(|h| h.contains(needle))
        .unwrap_or_else(|| panic!("no session page has {needle}"))
}

#[test]
fn images_beside_a_recap_are_copied_and_shown_and_the_rest_is_named() {
    let tmp = Tmp::new("images");
    let s = site_with_images(&tmp);
    let o = recap(&s, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    for (line, why) in [
        (12, "not found"),
        (13, "outside the seeds folder"),
        (14, "SVG"),
    ] {
        assert!(
            err.lines()
                .any(|l| l.contains(&format!("day2/images.txt:{line}")) && l.contains(why)),
            "line {line}, {why}: {err}"
        );
    }
    let out = s.join("public");
    assert_eq!(
        std::fs::read(out.join("media/recaps/day2/slides/第 1 页.png")).unwrap(),
        PNG
    );
    let copied: Vec<String> = walkdir::WalkDir::new(out.join("media"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(copied, ["第 1 页.png"], "nothing else is published");

    let page = session_page(&out);
    let src = "src=\"/media/recaps/day2/slides/%E7%AC%AC%201%20%E9%A1%B5.png\"";
    assert!(
        page.contains(&format!(
            "<img {src} alt=\"架构总览\" width=\"640\" height=\"360\" loading=\"lazy\""
        )),
        "{page}"
    );
    assert!(page.contains(&format!("<img {src} alt=\"封面\"")), "{page}");
    // In a footnote and in the footer's note too.
    for alt in ["脚注图", "文末图"] {
        assert!(
            page.contains(&format!("<img {src} alt=\"{alt}\"")),
            "{alt}: {page}"
        );
    }
    assert!(page.contains("<img src=\"https://example.com/logo.png\" alt=\"Amazon S3 标志\""));
    // A name in an image's alt text is a mention; its excerpt reads the
    // image as that text.
    let product = std::fs::read_to_string(out.join("products/amazon-s3/index.html")).unwrap();
    assert!(
        product.contains("远程图片 <mark>Amazon S3</mark> 标志"),
        "{product}"
    );
    assert!(!product.contains("logo.png"));
    // What cannot be shown stays as it was written.
    assert!(page.contains("![缺失的图](missing.png)"));
    assert!(page.contains("![矢量图](logo.svg)"));
    // Search reads an image as its alt text, not its file name.
    let search: String = walkdir::WalkDir::new(out.join("search"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    assert!(search.contains("开场 封面") && !search.contains("页.png"));
    // The export lists what the session shows.
    let session = exported_session(&out, "day2/images.txt");
    assert_eq!(
        session["images"],
        serde_json::json!([
            {"alt": "架构总览", "src": "/media/recaps/day2/slides/%E7%AC%AC%201%20%E9%A1%B5.png"},
            {"alt": "Amazon S3 标志", "src": "https://example.com/logo.png"}
        ])
    );
    // The rest of the site is there.
    assert!(out.join("sessions").read_dir().unwrap().count() >= 6);
}

#[test]
fn the_offline_bundle_carries_the_images_and_points_at_them() {
    let tmp = Tmp::new("images-bundle");
    let s = site_with_images(&tmp);
    let o = recap(&s, &["bundle", "--out", "offline"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = s.join("offline");
    assert_eq!(
        std::fs::read(out.join("media/recaps/day2/slides/第 1 页.png")).unwrap(),
        PNG
    );
    let page = session_page(&out);
    assert!(
        page.contains("src=\"../../media/recaps/day2/slides/%E7%AC%AC%201%20%E9%A1%B5.png\""),
        "{page}"
    );
}

#[test]
fn images_beside_a_page_are_copied_too_with_their_size_and_theme_paths_left_alone() {
    let tmp = Tmp::new("page-images");
    let s = site(&tmp);
    std::fs::create_dir_all(s.join("content/guide")).unwrap();
    std::fs::write(s.join("content/guide/map.png"), PNG).unwrap();
    std::fs::write(
        s.join("content/guide/venue.md"),
        "---\ntitle: 会场指南\n---\n\n![会场地图](map.png)\n\n\
         [下载原图](map.png) · ![图标](/static/favicon.svg)\n\n\
         ![缺的图](gone.png)\n",
    )
    .unwrap();
    let o = recap(&s, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.lines()
            .any(|l| l.contains("guide/venue.md:9") && l.contains("gone.png")),
        "{err}"
    );
    assert!(!err.contains("favicon"), "{err}");
    let out = s.join("public");
    assert_eq!(
        std::fs::read(out.join("media/pages/guide/map.png")).unwrap(),
        PNG
    );
    let page = std::fs::read_to_string(out.join("venue/index.html")).unwrap();
    assert!(
        page.contains(
            "<img src=\"/media/pages/guide/map.png\" alt=\"会场地图\" width=\"640\" height=\"360\" loading=\"lazy\""
        ),
        "{page}"
    );
    assert!(page.contains("href=\"/media/pages/guide/map.png\""));
    assert!(page.contains("src=\"/static/favicon.svg\""));
    // The check finds the missing image, and nothing wrong with the rest.
    let o = recap(&s, &["check"]);
    let err = stderr(&o);
    assert!(err.contains("broken link `gone.png`"), "{err}");
    assert!(
        !err.contains("map.png") && !err.contains("favicon"),
        "{err}"
    );
}

/// A PNG photo `w` × `h`, with a gradient in it.
fn photo(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 90]));
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

fn width_of(file: &Path) -> usize {
    imagesize::size(file).unwrap().width
}

#[test]
fn large_photos_get_smaller_copies_the_page_offers_and_a_rebuild_keeps() {
    let tmp = Tmp::new("image-copies");
    let s = site(&tmp);
    std::fs::create_dir_all(s.join("seeds/slides")).unwrap();
    std::fs::write(s.join("seeds/slides/arch.png"), photo(1600, 900)).unwrap();
    std::fs::write(s.join("seeds/slides/icon.png"), photo(300, 300)).unwrap();
    std::fs::write(
        s.join("seeds/photos.txt"),
        "# 幻灯片照片会议总结\n\n## 会议概述\n\n架构 ![架构](slides/arch.png) 图标 ![图标](slides/icon.png)\n\n\
         ## 详细时间线\n\n00:00 - 开场\n05:00 - 结束\n",
    )
    .unwrap();
    let o = recap(&s, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = s.join("public");
    let copy = |w: u32, name: &str| out.join(format!("media/{w}w/recaps/slides/{name}"));
    assert_eq!(width_of(&copy(640, "arch.png")), 640);
    assert_eq!(width_of(&copy(1280, "arch.png")), 1280);
    assert_eq!(imagesize::size(copy(640, "arch.png")).unwrap().height, 360);
    assert!(
        !copy(640, "icon.png").exists(),
        "a small image has no copies"
    );

    let dir = session_dirs(&out)
        .into_iter()
        .find(|d| {
            std::fs::read_to_string(out.join("sessions").join(d).join("index.html"))
                .is_ok_and(|h| h.contains("alt=\"图标\""))
        })
        .unwrap();
    let page_of = |out: &Path| {
        std::fs::read_to_string(out.join("sessions").join(&dir).join("index.html")).unwrap()
    };
    let page = page_of(&out);
    assert!(
        page.contains(
            "srcset=\"/media/640w/recaps/slides/arch.png 640w, /media/1280w/recaps/slides/arch.png 1280w, \
             /media/recaps/slides/arch.png 1600w\" sizes=\"(min-width: 760px) 680px, 100vw\" \
             width=\"1600\" height=\"900\""
        ),
        "{page}"
    );
    assert!(
        page.contains("<img src=\"/media/recaps/slides/icon.png\" alt=\"图标\" width=\"300\""),
        "{page}"
    );

    // A changed photo gets new copies; the check finds every copy the page
    // offers.
    std::fs::write(s.join("seeds/slides/arch.png"), photo(1000, 1000)).unwrap();
    let o = recap(&s, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(imagesize::size(copy(640, "arch.png")).unwrap().height, 640);
    assert!(!copy(1280, "arch.png").exists());
    assert!(page_of(&out).contains("/media/recaps/slides/arch.png 1000w"));
    let o = recap(&s, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("arch"), "{}", stderr(&o));

    // The offline bundle carries the copies, and its pages point at them.
    // It takes them from the site the build wrote: this one, marked by its
    // height, was not made again.
    std::fs::write(copy(640, "arch.png"), photo(640, 7)).unwrap();
    let o = recap(&s, &["bundle", "--out", "offline"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let offline = s.join("offline");
    let bundled = imagesize::size(offline.join("media/640w/recaps/slides/arch.png")).unwrap();
    assert_eq!((bundled.width, bundled.height), (640, 7));
    assert!(page_of(&offline).contains("srcset=\"../../media/640w/recaps/slides/arch.png 640w"));
}

/// An EXIF segment (APP1) saying "turn by 90 degrees to show", as a phone
/// writes for a portrait photo it stores on its side: big-endian TIFF,
/// one entry in IFD0, Orientation (0x0112) = 6.
const EXIF_TURN_90: &[u8] =
    b"\xFF\xE1\x00\x22Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0";

#[test]
fn a_portrait_photo_stored_on_its_side_is_given_room_and_copies_upright() {
    let tmp = Tmp::new("image-portrait");
    let s = site(&tmp);
    std::fs::create_dir_all(s.join("seeds/slides")).unwrap();
    let img = image::RgbImage::from_fn(1600, 900, |x, y| image::Rgb([x as u8, y as u8, 90]));
    let mut stored = Vec::new();
    img.write_to(
        &mut std::io::Cursor::new(&mut stored),
        image::ImageFormat::Jpeg,
    )
    .unwrap();
    stored.splice(2..2, EXIF_TURN_90.iter().copied());
    std::fs::write(s.join("seeds/slides/side.jpg"), stored).unwrap();
    std::fs::write(
        s.join("seeds/portrait.txt"),
        "# 竖拍照片会议总结\n\n## 会议概述\n\n白板 ![白板](slides/side.jpg)\n\n\
         ## 详细时间线\n\n00:00 - 开场\n05:00 - 结束\n",
    )
    .unwrap();
    let o = recap(&s, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = s.join("public");
    let page = session_page_with(&out, "alt=\"白板\"");
    // Shown 900 wide and 1600 high, as the browser turns it.
    assert!(
        page.contains(
            "srcset=\"/media/640w/recaps/slides/side.jpg 640w, /media/recaps/slides/side.jpg 900w\" \
             sizes=\"(min-width: 760px) 680px, 100vw\" width=\"900\" height=\"1600\""
        ),
        "{page}"
    );
    let copy = imagesize::size(out.join("media/640w/recaps/slides/side.jpg")).unwrap();
    assert_eq!((copy.width, copy.height), (640, 1137));
}

#[test]
fn a_photo_cut_short_is_named_and_a_page_named_as_a_photo_is_not_published() {
    let tmp = Tmp::new("image-damaged");
    let s = site(&tmp);
    std::fs::create_dir_all(s.join("seeds/slides")).unwrap();
    let whole = photo(800, 600);
    std::fs::write(s.join("seeds/slides/cut.png"), &whole[..whole.len() / 2]).unwrap();
    std::fs::write(
        s.join("seeds/slides/saved.jpg"),
        "<!DOCTYPE html><title>登录</title>",
    )
    .unwrap();
    std::fs::write(s.join("seeds/slides/whole.png"), &whole).unwrap();
    std::fs::write(
        s.join("seeds/damaged.txt"),
        "# 照片损坏会议总结\n\n## 会议概述\n\n完整 ![完整](slides/whole.png)\n\
         截断 ![截断](slides/cut.png)\n网页 ![网页](slides/saved.jpg)\n\n\
         ## 详细时间线\n\n00:00 - 开场 ![截断](slides/cut.png)\n05:00 - 结束\n",
    )
    .unwrap();
    let o = recap(&s, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    let on = |line: usize, what: &str| {
        err.lines()
            .filter(|l| l.contains(&format!("damaged.txt:{line}")) && l.contains(what))
            .count()
    };
    assert_eq!(on(6, "cut.png is cut short"), 1, "{err}");
    assert_eq!(on(7, "`slides/saved.jpg` is not an image"), 1, "{err}");
    // Named once, where it is first shown; the whole one not at all.
    assert_eq!(err.matches("cut short").count(), 1, "{err}");
    assert!(!err.contains("whole.png"), "{err}");

    let out = s.join("public");
    let page = session_page_with(&out, "alt=\"完整\"");
    // The cut photo is still shown (its top is there), the page stays text
    // and is not published.
    assert!(page.contains("alt=\"截断\""), "{page}");
    assert!(page.contains("![网页](slides/saved.jpg)"), "{page}");
    assert!(out.join("media/recaps/slides/cut.png").exists());
    assert!(!out.join("media/recaps/slides/saved.jpg").exists());
    assert!(out.join("sessions").read_dir().unwrap().count() >= 6);
}
