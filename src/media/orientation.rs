//! Which way up a photo is shown. A phone stores a portrait photo on its
//! side and says so in the photo's EXIF `Orientation`, which browsers obey:
//! a page keeps room for the photo as it will be shown, not as it is
//! stored, and its copies ([`super::scaled`]) are turned the same way.

use image::metadata::Orientation;
use std::io::Read;
use std::path::Path;

/// How much of a JPEG is read for its EXIF: the segment that holds it is
/// at most 64 KB and comes before the picture, after at most a few others.
const HEAD_BYTES: u64 = 256 * 1024;

/// Width and height of an image `stored` that way, as it is shown.
pub(super) fn as_shown(stored: (usize, usize), orientation: Option<Orientation>) -> (usize, usize) {
    use Orientation::{Rotate270, Rotate270FlipH, Rotate90, Rotate90FlipH};
    match orientation {
        Some(Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH) => (stored.1, stored.0),
        _ => stored,
    }
}

/// The orientation the JPEG `file` says it has; `None` for any other file.
pub(super) fn of_file(file: &Path) -> Option<Orientation> {
    let mut head = Vec::new();
    std::fs::File::open(file)
        .ok()?
        .take(HEAD_BYTES)
        .read_to_end(&mut head)
        .ok()?;
    of_jpeg(&head)
}

/// The orientation a JPEG whose first bytes are `head` says it has in its
/// EXIF segment; `None` for any other image, or when it says none. The
/// segments are walked up to the picture's data; the EXIF is read by
/// `image`.
pub(super) fn of_jpeg(head: &[u8]) -> Option<Orientation> {
    if !head.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut i = 2;
    while i + 4 <= head.len() {
        if head[i] != 0xFF {
            return None;
        }
        match head[i + 1] {
            // Fill bytes, and markers that stand alone.
            0xFF => i += 1,
            0x01 | 0xD0..=0xD8 => i += 2,
            // The picture's data, or the end: no EXIF comes after.
            0xDA | 0xD9 => return None,
            marker => {
                let len = usize::from(u16::from_be_bytes([head[i + 2], head[i + 3]]));
                let body = head.get(i + 4..(i + 2 + len).max(i + 4))?;
                if marker == 0xE1 {
                    if let Some(tiff) = body.strip_prefix(b"Exif\0\0".as_slice()) {
                        return Orientation::from_exif_chunk(tiff);
                    }
                }
                i += 2 + len.max(2);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG `w` × `h` as stored, with an EXIF segment saying it is to be
    /// shown turned by `exif` (1–8) when one is given.
    fn jpeg(w: u32, h: u32, exif: Option<u8>) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 90]));
        let mut plain = Vec::new();
        img.write_to(
            &mut std::io::Cursor::new(&mut plain),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
        let Some(exif) = exif else { return plain };
        // Big-endian TIFF: one entry in IFD0, Orientation (0x0112), a SHORT.
        let mut tiff = b"MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01".to_vec();
        tiff.extend_from_slice(&[0, exif, 0, 0, 0, 0, 0, 0]);
        let mut segment = b"Exif\0\0".to_vec();
        segment.extend_from_slice(&tiff);
        let mut out = plain[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&((segment.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&segment);
        out.extend_from_slice(&plain[2..]);
        out
    }

    #[test]
    fn a_photo_on_its_side_is_shown_upright() {
        let side = jpeg(64, 48, Some(6));
        assert_eq!(of_jpeg(&side), Some(Orientation::Rotate90));
        assert_eq!(as_shown((64, 48), of_jpeg(&side)), (48, 64));
        assert_eq!(
            of_jpeg(&jpeg(64, 48, Some(3))),
            Some(Orientation::Rotate180)
        );
        assert_eq!(as_shown((64, 48), Some(Orientation::Rotate180)), (64, 48));
        assert_eq!(of_jpeg(&jpeg(64, 48, None)), None);
    }

    #[test]
    fn anything_else_says_nothing_and_never_panics() {
        assert_eq!(of_jpeg(b""), None);
        assert_eq!(of_jpeg(b"\x89PNG\r\n\x1a\n"), None);
        let side = jpeg(64, 48, Some(8));
        for cut in 0..64 {
            let _ = of_jpeg(&side[..cut]);
        }
        // A segment whose length runs past the bytes read.
        assert_eq!(of_jpeg(&[0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, b'E']), None);
        // A length below the two bytes it takes itself.
        assert_eq!(of_jpeg(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0xFF, 0xD9]), None);
    }
}
