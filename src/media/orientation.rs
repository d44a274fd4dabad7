//! Which way up a photo is shown. A phone stores a portrait photo on its
//! side and says so in the photo's EXIF `Orientation` (in a JPEG's `APP1`
//! segment, a PNG's `eXIf` chunk), which browsers obey:
//! a page keeps room for the photo as it will be shown, not as it is
//! stored, and its copies ([`super::scaled`]) are turned the same way.

use image::metadata::Orientation;
use std::io::{Read, Seek, SeekFrom};
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

/// The orientation the JPEG or PNG `file` says it has; `None` for any
/// other file. Of a PNG, only the headers of the chunks before the picture
/// are read: it may be a large screenshot.
pub(super) fn of_file(file: &Path) -> Option<Orientation> {
    let mut f = std::fs::File::open(file).ok()?;
    let mut head = [0u8; 8];
    f.read_exact(&mut head).ok()?;
    if head == PNG_SIGNATURE {
        return png_exif(|at, len| {
            let mut bytes = vec![0; len];
            f.seek(SeekFrom::Start(at as u64)).ok()?;
            f.read_exact(&mut bytes).ok()?;
            Some(bytes)
        });
    }
    if !head.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut head = head.to_vec();
    f.take(HEAD_BYTES - 8).read_to_end(&mut head).ok()?;
    of_jpeg(&head)
}

/// The orientation a JPEG or PNG whose first bytes are `head` says it has.
pub(super) fn of_image(head: &[u8]) -> Option<Orientation> {
    if head.starts_with(PNG_SIGNATURE) {
        png_exif(|at, len| head.get(at..at.checked_add(len)?).map(<[u8]>::to_vec))
    } else {
        of_jpeg(head)
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Chunks looked at before a PNG's picture, at most: a PNG that has more
/// is not a phone's.
const MOST_PNG_CHUNKS: usize = 64;

/// The orientation in a PNG's `eXIf` chunk, which comes before the
/// picture's data when there is one; `bytes(at, len)` reads the PNG.
fn png_exif(mut bytes: impl FnMut(usize, usize) -> Option<Vec<u8>>) -> Option<Orientation> {
    let mut at = PNG_SIGNATURE.len();
    for _ in 0..MOST_PNG_CHUNKS {
        let chunk = bytes(at, 8)?;
        let len = u32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]) as usize;
        match &chunk[4..8] {
            b"eXIf" if len <= 1 << 16 => {
                let exif = bytes(at.checked_add(8)?, len)?;
                // Some writers keep a JPEG segment's prefix.
                let tiff = exif.strip_prefix(b"Exif\0\0".as_slice()).unwrap_or(&exif);
                return Orientation::from_exif_chunk(tiff);
            }
            b"eXIf" | b"IDAT" | b"IEND" => return None,
            _ => at = at.checked_add(12)?.checked_add(len)?,
        }
    }
    None
}

/// The orientation a JPEG whose first bytes are `head` says it has in its
/// EXIF segment; `None` for any other image, or when it says none. The
/// segments are walked up to the picture's data; the EXIF is read by
/// `image`.
fn of_jpeg(head: &[u8]) -> Option<Orientation> {
    for segment in super::jpeg::segments(head) {
        match segment.marker {
            // The picture's data, or the end: no EXIF comes after.
            0xDA | 0xD9 => return None,
            0xE1 => {
                let body = head.get(segment.body)?;
                if let Some(tiff) = body.strip_prefix(b"Exif\0\0".as_slice()) {
                    return Orientation::from_exif_chunk(tiff);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A picture `w` × `h` with a gradient in it, in `format`.
    fn encoded(w: u32, h: u32, format: image::ImageFormat) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 90]));
        let mut out = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut out), format)
            .unwrap();
        out
    }

    /// A JPEG `w` × `h` as stored, with an EXIF segment saying it is to be
    /// shown turned by `exif` (1–8) when one is given.
    fn jpeg(w: u32, h: u32, exif: Option<u8>) -> Vec<u8> {
        let plain = encoded(w, h, image::ImageFormat::Jpeg);
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

    /// A PNG `w` × `h` as stored, with an `eXIf` chunk saying it is to be
    /// shown turned by `exif` (1–8) after its header.
    fn png(w: u32, h: u32, exif: u8) -> Vec<u8> {
        let plain = encoded(w, h, image::ImageFormat::Png);
        let mut chunk = b"eXIfMM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01".to_vec();
        chunk.extend_from_slice(&[0, exif, 0, 0, 0, 0, 0, 0]);
        let crc = crc32(&chunk);
        let mut out = plain[..33].to_vec();
        out.extend_from_slice(&((chunk.len() - 4) as u32).to_be_bytes());
        out.extend_from_slice(&chunk);
        out.extend_from_slice(&crc.to_be_bytes());
        out.extend_from_slice(&plain[33..]);
        out
    }

    /// The CRC-32 a PNG chunk ends with.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn a_png_says_it_in_its_exif_chunk_read_from_bytes_or_file() {
        let side = png(64, 48, 6);
        assert_eq!(of_image(&side), Some(Orientation::Rotate90));
        assert_eq!(of_image(&png(64, 48, 8)), Some(Orientation::Rotate270));
        let d = crate::empty_test_dir("orientation", "png");
        std::fs::write(d.join("side.png"), &side).unwrap();
        assert_eq!(of_file(&d.join("side.png")), Some(Orientation::Rotate90));
        assert_eq!(crate::media::size_of(&d.join("side.png")), Some((48, 64)));
        // `image` reads it too: the copies are turned like the original.
        let decoded = image::load_from_memory(&side).unwrap();
        let mut decoder = image::codecs::png::PngDecoder::new(std::io::Cursor::new(&side)).unwrap();
        assert_eq!(
            image::ImageDecoder::orientation(&mut decoder).unwrap(),
            Orientation::Rotate90
        );
        assert_eq!((decoded.width(), decoded.height()), (64, 48));
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn anything_else_says_nothing_and_never_panics() {
        assert_eq!(of_jpeg(b""), None);
        assert_eq!(of_jpeg(b"\x89PNG\r\n\x1a\n"), None);
        assert_eq!(of_image(b"\x89PNG\r\n\x1a\n"), None);
        let side = png(64, 48, 6);
        for cut in 0..80 {
            let _ = of_image(&side[..cut]);
        }
        // A chunk whose length runs past any file.
        assert_eq!(of_image(b"\x89PNG\r\n\x1a\n\xff\xff\xff\xf0tEXt"), None);
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
