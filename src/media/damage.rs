//! Image files that are not what their names say, or that were cut short.
//!
//! A note-taker copies photos off a phone, a chat app or a shared drive; a
//! copy that stopped half way still has the photo's name and header, and a
//! browser shows its top and a grey band below. Nothing else would tell
//! the site's owner: the page is built, the file is copied. These checks
//! read a few bytes at each end of the file, and the whole file only when
//! something follows a picture's end (a phone's motion photo carries its
//! video there): JPEG, PNG, GIF and WebP are checked.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// How many bytes of a file's start tell its format.
const HEAD: usize = 32;

/// Why the file at `file` is not an image a browser can show: its first
/// bytes are those of no format recap copies. `None` when they are.
pub(super) fn not_an_image(file: &Path) -> Option<String> {
    let mut head = Vec::with_capacity(HEAD);
    let read = std::fs::File::open(file)
        .and_then(|f| f.take(HEAD as u64).read_to_end(&mut head))
        .is_ok();
    if !read {
        return Some("cannot be read".to_string());
    }
    if head.is_empty() {
        return Some("is an empty file".to_string());
    }
    match imagesize::image_type(&head) {
        Ok(
            imagesize::ImageType::Png
            | imagesize::ImageType::Jpeg
            | imagesize::ImageType::Gif
            | imagesize::ImageType::Webp
            | imagesize::ImageType::Heif(_)
            | imagesize::ImageType::Bmp,
        ) => None,
        _ => Some(
            "is not an image: its first bytes are those of no format recap shows \
             (PNG, JPEG, GIF, WebP, AVIF, BMP), whatever its name says"
                .to_string(),
        ),
    }
}

/// Why the image at `file` is damaged: its header gives a size no picture
/// has, or the file ends before its picture does. `None` when neither is
/// found (the picture itself is not decoded).
pub(super) fn damage(file: &Path) -> Option<String> {
    // The size as stored: reading a JPEG's EXIF for the size it is shown
    // at would read 256 KB of it for a message.
    let stored = imagesize::size(file).ok().and_then(super::sane_size);
    let Some((w, h)) = stored else {
        return Some(
            "has a damaged header: no sane width and height can be read from it".to_string(),
        );
    };
    let mut f = std::fs::File::open(file).ok()?;
    let len = f.metadata().ok()?.len();
    let mut head = [0u8; 12];
    f.read_exact(&mut head).ok()?;
    let ends = |f: &mut std::fs::File, tail: &[u8]| -> Option<bool> {
        let n = tail.len() as u64;
        if len < n {
            return Some(false);
        }
        let mut last = vec![0u8; tail.len()];
        f.seek(SeekFrom::Start(len - n)).ok()?;
        f.read_exact(&mut last).ok()?;
        Some(last == tail)
    };
    let complete = if head.starts_with(&[0xFF, 0xD8]) {
        ends(&mut f, &[0xFF, 0xD9])? || jpeg_has_end(&std::fs::read(file).ok()?)
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        ends(&mut f, PNG_END)? || png_has_end(&std::fs::read(file).ok()?)
    } else if head.starts_with(b"GIF8") {
        ends(&mut f, &[GIF_TRAILER])? || gif_has_end(&std::fs::read(file).ok()?)
    } else if head.starts_with(b"RIFF") && &head[8..12] == b"WEBP" {
        let riff = u32::from_le_bytes([head[4], head[5], head[6], head[7]]);
        len >= 8 + u64::from(riff)
    } else {
        true
    };
    (!complete).then(|| {
        format!(
            "is cut short: the file ends before its {w} × {h} picture does \
             (a copy or download that did not finish?), and a browser shows only part of it; \
             copy it again from where it came"
        )
    })
}

/// The last chunk of every PNG: `IEND`, empty, and its checksum.
const PNG_END: &[u8] = b"\0\0\0\0IEND\xAE\x42\x60\x82";

/// Whether a PNG's chunks, walked from the start, reach `IEND` within
/// `bytes` (something may follow it).
fn png_has_end(bytes: &[u8]) -> bool {
    let mut i = 8;
    while let Some(header) = bytes.get(i..i + 8) {
        let len = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        if &header[4..8] == b"IEND" {
            return true;
        }
        i = match i.checked_add(12).and_then(|i| i.checked_add(len)) {
            Some(next) => next,
            None => return false,
        };
    }
    false
}

/// The byte that ends every GIF.
const GIF_TRAILER: u8 = 0x3B;

/// Whether a GIF's blocks, walked from the start, reach its trailer within
/// `bytes` (something may follow it): a moving picture cut short ends in
/// the middle of a frame.
fn gif_has_end(bytes: &[u8]) -> bool {
    // A colour table's size, from the flags byte that says it has one.
    let table = |flags: u8| {
        if flags & 0x80 != 0 {
            3 << ((flags & 7) + 1)
        } else {
            0
        }
    };
    // Sub-blocks, each its length then its bytes, up to an empty one.
    let sub_blocks = |mut i: usize| -> Option<usize> {
        loop {
            let len = usize::from(*bytes.get(i)?);
            i += 1 + len;
            if len == 0 {
                return Some(i);
            }
        }
    };
    let Some(&flags) = bytes.get(10) else {
        return false;
    };
    let mut i = 13 + table(flags);
    loop {
        let next = match bytes.get(i) {
            Some(&GIF_TRAILER) => return true,
            // An extension: its label, then its sub-blocks.
            Some(0x21) => sub_blocks(i + 2),
            // A frame: its descriptor, colour table, code size, data.
            Some(0x2C) => match bytes.get(i + 9) {
                Some(&flags) => sub_blocks(i + 10 + table(flags) + 1),
                None => None,
            },
            _ => None,
        };
        match next {
            Some(n) => i = n,
            None => return false,
        }
    }
}

/// Whether a JPEG's picture, after its segments, reaches the end marker
/// within `bytes` (a phone's motion photo puts its video after it). In the
/// picture's data a 0xFF byte is followed by 0x00 or a restart marker, so
/// the first 0xFF 0xD9 there is its end; one before it may end the small
/// picture an EXIF segment carries, which is why the segments are skipped.
fn jpeg_has_end(bytes: &[u8]) -> bool {
    for segment in super::jpeg::segments(bytes) {
        match segment.marker {
            0xD9 => return true,
            0xDA => {
                let data = bytes.get(segment.body.end..).unwrap_or_default();
                return memchr::memmem::find(data, &[0xFF, 0xD9]).is_some();
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(format: image::ImageFormat) -> Vec<u8> {
        let img = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8, y as u8, 90]));
        let mut out = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut out), format)
            .unwrap();
        out
    }

    fn written(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    #[test]
    fn whole_photos_pass_and_cut_ones_are_named() {
        let d = crate::empty_test_dir("media-damage", "cut");
        for (format, name) in [
            (image::ImageFormat::Jpeg, "a.jpg"),
            (image::ImageFormat::Png, "a.png"),
        ] {
            let whole = encoded(format);
            assert_eq!(damage(&written(&d, name, &whole)), None, "{name}");
            // What follows the end (a motion photo's video) is no damage.
            let mut longer = whole.clone();
            longer.extend_from_slice(b"ftypmp42 and a video");
            assert_eq!(damage(&written(&d, name, &longer)), None, "{name}");
            let cut = &whole[..whole.len() * 2 / 3];
            let why = damage(&written(&d, name, cut)).expect(name);
            assert!(
                why.contains("cut short") && why.contains("64 × 48"),
                "{why}"
            );
        }
    }

    #[test]
    fn a_moving_gif_cut_short_is_named() {
        let d = crate::empty_test_dir("media-damage", "gif");
        // 32 × 24, two colours; three frames, each after its timing.
        let mut gif = b"GIF89a\x20\0\x18\0\x80\0\0\0\0\0\xff\xff\xff".to_vec();
        for _ in 0..3 {
            gif.extend_from_slice(b"\x21\xf9\x04\0\x0a\0\0\0");
            gif.extend_from_slice(b"\x2c\0\0\0\0\x20\0\x18\0\0\x02\x03\x4c\x01\x05\0");
        }
        gif.push(GIF_TRAILER);
        assert_eq!(damage(&written(&d, "a.gif", &gif)), None);
        let mut longer = gif.clone();
        longer.extend_from_slice(b"padding");
        assert_eq!(damage(&written(&d, "a.gif", &longer)), None);
        assert!(gif_has_end(&longer));
        for cut in [gif.len() / 3, gif.len() * 2 / 3, gif.len() - 1] {
            let why = damage(&written(&d, "a.gif", &gif[..cut])).expect("cut short");
            assert!(why.contains("32 × 24"), "{why}");
        }
    }

    #[test]
    fn a_webp_shorter_than_it_says_is_cut_short() {
        let d = crate::empty_test_dir("media-damage", "webp");
        // A lossless WebP, 1 × 1, whose RIFF header gives its length.
        let mut webp =
            b"RIFF\x1a\0\0\0WEBPVP8L\x0d\0\0\0\x2f\0\0\0\x10\x07\x10\x11\x11\x88\x88\xfe\x07\0"
                .to_vec();
        assert_eq!(damage(&written(&d, "a.webp", &webp)), None);
        webp.truncate(webp.len() - 4);
        assert!(damage(&written(&d, "a.webp", &webp)).is_some());
    }

    #[test]
    fn a_file_named_as_an_image_must_be_one() {
        let d = crate::empty_test_dir("media-damage", "not");
        assert_eq!(
            not_an_image(&written(&d, "a.png", &encoded(image::ImageFormat::Png))),
            None
        );
        // A JPEG named `.png` is still an image: browsers look at its bytes.
        assert_eq!(
            not_an_image(&written(&d, "b.png", &encoded(image::ImageFormat::Jpeg))),
            None
        );
        let why = not_an_image(&written(&d, "c.png", b"<!DOCTYPE html><p>404")).unwrap();
        assert!(why.contains("not an image"), "{why}");
        assert!(not_an_image(&written(&d, "d.jpg", b""))
            .unwrap()
            .contains("empty"));
        let why = damage(&written(&d, "e.png", b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR")).unwrap();
        assert!(why.contains("damaged header"), "{why}");
    }

    #[test]
    fn chunks_and_segments_that_lie_about_their_length_end_the_walk() {
        let gif = b"GIF89a\x20\0\x18\0\xff\0\0\x21\xf9\xff\x2c\x3b";
        for cut in 0..=gif.len() {
            assert!(!gif_has_end(&gif[..cut]), "{cut}");
        }
        assert!(!png_has_end(b"\x89PNG\r\n\x1a\n\xff\xff\xff\xffIHDR"));
        assert!(!png_has_end(b"\x89PNG"));
        assert!(!jpeg_has_end(&[0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF]));
        assert!(!jpeg_has_end(&[0xFF, 0xD8]));
        // The EXIF thumbnail's end is not the photo's.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x06, 0xFF, 0xD9, 0x00, 0x00];
        jpeg.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 0x12, 0x34]);
        assert!(!jpeg_has_end(&jpeg));
        jpeg.extend_from_slice(&[0xFF, 0xD9]);
        assert!(jpeg_has_end(&jpeg));
    }
}
