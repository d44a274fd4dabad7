//! Any bytes named as a photo give copies without a panic (a panic in a
//! decoder would stop the whole build), none larger than the bytes
//! themselves, and a size as shown (its EXIF orientation read) that is
//! sane or none. The first byte picks the format the name says.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let path = if pick % 2 == 0 { "media/a.png" } else { "media/a.jpg" };
    if let Some((w, h)) = recap::media::size_in(bytes) {
        assert!((1..=50_000).contains(&w) && (1..=50_000).contains(&h), "{w} × {h}");
    }
    for copy in recap::media::scaled::copies(path, bytes, &[24, 48], &[]) {
        assert!(copy.bytes.len() <= bytes.len(), "{} grew", copy.path);
    }
});
