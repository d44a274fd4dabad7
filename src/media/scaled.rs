//! Smaller copies of large photos, offered to the browser with `srcset`.
//!
//! Photos of slides come straight from phones: 4,000 pixels wide and
//! several megabytes, shown 390 pixels wide on a phone. Each JPEG or PNG
//! wider than one of [`WIDTHS`] gets a copy that wide
//! (`media/recaps/arch.png` → `media/640w/recaps/arch.png`), and its
//! `<img>` lists them all, so a
//! browser loads the smallest that fills its room on the page. A copy
//! that would be no smaller than the original (a drawing that PNG packs
//! tightly, smoothed by scaling) is the original's bytes.
//!
//! Making the copies is the slowest thing a build can do, a fifth of a
//! second a photo, so they are taken from the previous site when the
//! original there holds the very bytes of this one: a rebuild decodes only
//! the photos that changed.

use crate::write::Output;
use std::path::Path;

/// The widths of the copies, in pixels: a phone's column at three device
/// pixels to the CSS pixel, and the default theme's 680-pixel column at two.
pub const WIDTHS: [u32; 2] = [640, 1280];

/// How wide the image is shown, for the browser's pick among the copies:
/// the whole width of a narrow screen, the default theme's text column on a
/// wide one.
pub const SIZES: &str = "(min-width: 760px) 680px, 100vw";

/// Decoding stops at this many bytes of pixels (a 12-megapixel photo takes
/// 36 MB): a file that claims to be larger is left without copies.
const MOST_PIXEL_BYTES: u64 = 256 * 1024 * 1024;

/// JPEG quality of the copies: text on a photographed slide stays sharp.
const JPEG_QUALITY: u8 = 82;

/// The formats copies are made of: photos and screenshots. GIF may move,
/// and the rest are rare enough to be shown as they are.
fn format_of(path: &str) -> Option<image::ImageFormat> {
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" => Some(image::ImageFormat::Jpeg),
        "png" => Some(image::ImageFormat::Png),
        _ => None,
    }
}

/// The format, of those copies are made of, that `bytes` are in.
fn format_in(bytes: &[u8]) -> Option<image::ImageFormat> {
    match image::guess_format(bytes).ok()? {
        f @ (image::ImageFormat::Jpeg | image::ImageFormat::Png) => Some(f),
        _ => None,
    }
}

/// The copies an image at `path`, `width` pixels wide, has: every width of
/// [`WIDTHS`] below its own, none for other formats.
pub fn widths(path: &str, width: usize) -> Vec<u32> {
    if format_of(path).is_none() {
        return Vec::new();
    }
    WIDTHS
        .into_iter()
        .filter(|&w| (w as usize) < width)
        .collect()
}

/// Where the copy `width` pixels wide of the image at `path` is, as an
/// output path or a `src`: in a folder of its own under `media/`, beside
/// those of the originals, so no copy can take the name of an image a
/// recap shows (`/media/recaps/a/arch.png` → `/media/640w/recaps/a/arch.png`).
pub fn copy_path(path: &str, width: u32) -> String {
    let (root, rest) = match path.strip_prefix('/') {
        Some(rest) => ("/", rest),
        None => ("", path),
    };
    let rest = rest
        .strip_prefix(super::DIR)
        .and_then(|r| r.strip_prefix('/'))
        .unwrap_or(rest);
    format!("{root}{}/{width}w/{rest}", super::DIR)
}

/// The `srcset` of the image shown from `src`, `width` pixels wide, or
/// `None` when it has no copies.
pub fn srcset(src: &str, width: usize) -> Option<String> {
    let widths = widths(src, width);
    if widths.is_empty() {
        return None;
    }
    let mut set: Vec<String> = widths
        .into_iter()
        .map(|w| format!("{} {w}w", copy_path(src, w)))
        .collect();
    set.push(format!("{src} {width}w"));
    Some(set.join(", "))
}

/// The copies of the image `bytes`, whose output path is `path`, each as an
/// output. The copies are taken from the first previous site in
/// `previous` that has them all and whose original is `bytes`. An image
/// that cannot be decoded gets its own bytes under each copy's name: the
/// browser shows it as it would the original, and the page's `srcset`
/// points at no missing file.
pub fn copies(path: &str, bytes: &[u8], widths: &[u32], previous: &[&Path]) -> Vec<Output> {
    let paths: Vec<String> = widths.iter().map(|&w| copy_path(path, w)).collect();
    if let Some(kept) = previous
        .iter()
        .find_map(|prev| kept_copies(prev, path, bytes, &paths))
    {
        return kept;
    }
    // Decoded as what its bytes are: a JPEG named `.png` (a phone's
    // screenshot renamed) is shown by browsers all the same.
    let made = format_in(bytes).and_then(|format| scaled(bytes, format, widths));
    paths
        .into_iter()
        .enumerate()
        .map(|(i, p)| match &made {
            Some(made) if made[i].len() < bytes.len() => Output::new(p, made[i].clone()),
            _ => Output::new(p, bytes.to_vec()),
        })
        .collect()
}

/// The copies at `paths` in the previous site, when its original at `path`
/// holds `bytes` and it has every copy.
fn kept_copies(previous: &Path, path: &str, bytes: &[u8], paths: &[String]) -> Option<Vec<Output>> {
    if std::fs::read(previous.join(path)).ok()? != bytes {
        return None;
    }
    paths
        .iter()
        .map(|p| {
            Some(Output::new(
                p.clone(),
                std::fs::read(previous.join(p)).ok()?,
            ))
        })
        .collect()
}

/// The image `bytes` scaled to each of `widths` (largest last), keeping its
/// proportions, in its own format; `None` when it cannot be decoded.
/// Each copy is scaled from the next larger one: a 1280-pixel copy is a
/// quarter of the work of a 4,000-pixel photo, and as sharp at 640.
fn scaled(bytes: &[u8], format: image::ImageFormat, widths: &[u32]) -> Option<Vec<Vec<u8>>> {
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MOST_PIXEL_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().ok()?;
    // The limit above is checked by `decode`, not by `into_decoder`: a
    // 1 KB PNG that says it is 64 × 16 million pixels asked for 3 GB.
    if image::ImageDecoder::total_bytes(&decoder) > MOST_PIXEL_BYTES {
        return None;
    }
    // A phone stores a portrait photo on its side and says so; browsers
    // turn the original, and a copy has no such note to turn it by.
    let orientation = image::ImageDecoder::orientation(&mut decoder).ok();
    let mut from = image::DynamicImage::from_decoder(decoder).ok()?;
    if let Some(o) = orientation {
        from.apply_orientation(o);
    }
    let mut out = vec![Vec::new(); widths.len()];
    let mut order: Vec<usize> = (0..widths.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(widths[i]));
    for i in order {
        let w = widths[i];
        let h = (u64::from(from.height()) * u64::from(w) / u64::from(from.width().max(1))).max(1);
        // Averaging the pixels each new one covers: as sharp as a
        // triangle filter at these ratios, in under half the time.
        from = from.thumbnail_exact(w, h as u32);
        out[i] = encoded(&from, format)?;
    }
    Some(out)
}

fn encoded(img: &image::DynamicImage, format: image::ImageFormat) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    match format {
        image::ImageFormat::Jpeg => {
            let encoder =
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
            // JPEG has no transparency: what a photo has of it goes.
            img.to_rgb8().write_with_encoder(encoder).ok()?;
        }
        _ => img
            .write_to(&mut std::io::Cursor::new(&mut out), format)
            .ok()?,
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG `w` × `h` with a gradient in it.
    pub(crate) fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 128]));
        let mut out = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    fn size(bytes: &[u8]) -> (usize, usize) {
        let d = imagesize::blob_size(bytes).unwrap();
        (d.width, d.height)
    }

    #[test]
    fn only_photos_wider_than_a_copy_get_it() {
        assert_eq!(widths("a/slide.JPG", 4032), [640, 1280]);
        assert_eq!(widths("a/slide.png", 1000), [640]);
        assert!(widths("a/slide.png", 640).is_empty());
        assert!(widths("a/moving.gif", 4000).is_empty());
        assert!(widths("a/no-extension", 4000).is_empty());
    }

    #[test]
    fn copies_sit_in_a_folder_of_their_width() {
        assert_eq!(
            copy_path("media/recaps/a/arch.png", 640),
            "media/640w/recaps/a/arch.png"
        );
        assert_eq!(
            copy_path("/media/pages/v1.2/%E7%AC%AC.jpeg", 1280),
            "/media/1280w/pages/v1.2/%E7%AC%AC.jpeg"
        );
        assert_eq!(
            srcset("/media/recaps/a.png", 1000).unwrap(),
            "/media/640w/recaps/a.png 640w, /media/recaps/a.png 1000w"
        );
        assert_eq!(srcset("/media/recaps/a.png", 600), None);
    }

    #[test]
    fn copies_keep_the_proportions_and_are_smaller() {
        let original = png(1600, 900);
        let made = copies("media/a.png", &original, &[640, 1280], &[]);
        assert_eq!(made[0].path, "media/640w/a.png");
        assert_eq!(size(&made[0].bytes), (640, 360));
        assert_eq!(size(&made[1].bytes), (1280, 720));
        assert!(made[0].bytes.len() < original.len());

        let jpeg = {
            let img = image::RgbImage::from_fn(1500, 1000, |x, _| image::Rgb([x as u8, 0, 0]));
            let mut out = Vec::new();
            img.write_to(
                &mut std::io::Cursor::new(&mut out),
                image::ImageFormat::Jpeg,
            )
            .unwrap();
            out
        };
        let made = copies("media/b.jpg", &jpeg, &[640], &[]);
        assert_eq!(size(&made[0].bytes), (640, 426));
        assert!(made[0].bytes.starts_with(&[0xFF, 0xD8]), "still a JPEG");
        // A JPEG named as a PNG is scaled as the JPEG it is.
        let made = copies("media/renamed.png", &jpeg, &[640], &[]);
        assert_eq!(size(&made[0].bytes), (640, 426));
        assert!(made[0].bytes.starts_with(&[0xFF, 0xD8]), "a JPEG still");
    }

    #[test]
    fn a_copy_is_never_larger_than_the_original() {
        // Black and white squares PNG packs tightly, which scaling blurs
        // into greys it cannot: each copy came out larger.
        let img = image::RgbImage::from_fn(2000, 1000, |x, y| {
            image::Rgb([if (x / 4 + y / 4) % 2 == 0 { 0 } else { 255 }; 3])
        });
        let mut original = Vec::new();
        img.write_to(
            &mut std::io::Cursor::new(&mut original),
            image::ImageFormat::Png,
        )
        .unwrap();
        let made = copies("media/a.png", &original, &[640, 1280], &[]);
        for copy in made {
            assert!(copy.bytes.len() <= original.len(), "{}", copy.path);
        }
    }

    #[test]
    fn a_damaged_photo_gets_its_own_bytes_as_copies() {
        let mut damaged = png(1600, 900);
        damaged.truncate(100);
        let made = copies("media/a.png", &damaged, &[640], &[]);
        assert_eq!(made[0].bytes, damaged);
    }

    #[test]
    fn copies_come_from_the_previous_site_when_the_original_is_the_same() {
        let dir = std::env::temp_dir().join(format!("recap-scaled-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("media/640w")).unwrap();
        let original = png(1000, 500);
        std::fs::write(dir.join("media/a.png"), &original).unwrap();
        std::fs::write(dir.join("media/640w/a.png"), b"kept").unwrap();
        let made = copies("media/a.png", &original, &[640], &[&dir]);
        assert_eq!(made[0].bytes, b"kept");
        // A changed original is scaled anew.
        let changed = png(1000, 600);
        let made = copies("media/a.png", &changed, &[640], &[&dir]);
        assert_eq!(size(&made[0].bytes), (640, 384));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
