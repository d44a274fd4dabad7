//! The segments at the start of a JPEG, walked by marker and length: where
//! its EXIF is ([`super::orientation`]) and where its picture's data
//! starts ([`super::damage`]).

use std::ops::Range;

/// A segment: its marker (the byte after `0xFF`) and where its body is,
/// as its length says (which may run past the bytes there are).
pub(super) struct Segment {
    pub marker: u8,
    pub body: Range<usize>,
}

/// The segments of the JPEG `bytes`, from the first after its start
/// marker, up to and including the header of its picture's data (`0xDA`)
/// or its end marker (`0xD9`). The walk stops at a byte that is no marker.
/// Fill bytes and markers that stand alone are passed over.
pub(super) fn segments(bytes: &[u8]) -> impl Iterator<Item = Segment> + '_ {
    let mut i = 2;
    let mut done = !bytes.starts_with(&[0xFF, 0xD8]);
    std::iter::from_fn(move || loop {
        if done || i + 2 > bytes.len() || bytes[i] != 0xFF {
            return None;
        }
        match bytes[i + 1] {
            0xFF => i += 1,
            0x01 | 0xD0..=0xD8 => i += 2,
            0xD9 => {
                done = true;
                return Some(Segment {
                    marker: 0xD9,
                    body: i + 2..i + 2,
                });
            }
            marker => {
                let len = usize::from(u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]));
                let body = i + 4..(i + 2 + len).max(i + 4);
                i += 2 + len.max(2);
                done = marker == 0xDA;
                return Some(Segment { marker, body });
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markers(bytes: &[u8]) -> Vec<(u8, Range<usize>)> {
        segments(bytes).map(|s| (s.marker, s.body)).collect()
    }

    #[test]
    fn segments_are_walked_to_the_picture_and_no_further() {
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x04, 0xAA, 0xBB, 0xFF, 0xFF, 0xD0, 0xFF, 0xDA, 0x00,
            0x02, 0x12, 0xFF, 0xD9,
        ];
        // Fill bytes: the 0xFF before a marker is passed over.
        assert_eq!(markers(&jpeg[..10]), [(0xE1, 6..8)]);
        assert_eq!(markers(&jpeg), [(0xE1, 6..8), (0xDA, 15..15)]);
        assert_eq!(
            markers(&[0xFF, 0xD8, 0xFF, 0xD9, 0xFF, 0xE0]),
            [(0xD9, 4..4)]
        );
        assert!(markers(b"\x89PNG").is_empty());
        assert!(markers(&[0xFF, 0xD8, 0x00, 0xFF, 0xE1]).is_empty());
        // A length below the two bytes it takes itself still moves on.
        assert_eq!(
            markers(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0xFF, 0xD9]),
            [(0xE0, 6..6), (0xD9, 8..8)]
        );
    }
}
