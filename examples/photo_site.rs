//! A seeds folder of recaps that each show a phone photo, for measuring
//! what the smaller copies of photos cost a build:
//!
//!     cargo run --release --example photo_site -- OUT_DIR [N] [WIDTH]
//!
//! Writes `OUT_DIR/NNN.txt`, N recaps (default 100), each showing
//! `OUT_DIR/slides/NNN.jpg`, a WIDTH × 3/4 WIDTH JPEG (default 4032, a
//! 12-megapixel phone photo) of a slide: a light background, dark bars
//! for lines of text, sensor noise. The same N and WIDTH give the same
//! bytes. `bench/photos.sh` builds the site three ways and times each.

use image::{Rgb, RgbImage};
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(
        args.next()
            .ok_or_else(|| anyhow::anyhow!("usage: photo_site OUT_DIR [N] [WIDTH]"))?,
    );
    let n: usize = args.next().map_or(Ok(100), |a| a.parse())?;
    let width: u32 = args.next().map_or(Ok(4032), |a| a.parse())?;
    let height = width * 3 / 4;
    std::fs::create_dir_all(out.join("slides"))?;
    for i in 0..n {
        let photo = slide(i as u32, width, height);
        let mut bytes = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90).encode_image(&photo)?;
        std::fs::write(out.join(format!("slides/{i:03}.jpg")), bytes)?;
        std::fs::write(
            out.join(format!("{i:03}.txt")),
            format!(
                "# AWS re:Invent 2025 分会场总结：第 {i} 场\n\n## 会议概述\n\n\
                 本场介绍 Amazon S3 的新功能。\n\n![第 {i} 场的幻灯片](slides/{i:03}.jpg)\n\n\
                 ## 详细时间线\n\n00:00 - 开场\n10:00 - 结束\n"
            ),
        )?;
    }
    eprintln!(
        "{n} recaps with {width}×{height} photos in {}",
        out.display()
    );
    Ok(())
}

/// Slide `seed` photographed: bars of "text" on a light ground, with noise
/// from a small deterministic generator.
fn slide(seed: u32, width: u32, height: u32) -> RgbImage {
    let mut state = seed.wrapping_mul(2_654_435_761) | 1;
    let mut noise = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        (state % 17) as i32 - 8
    };
    RgbImage::from_fn(width, height, |x, y| {
        let line = y * 24 / height;
        let text = !line.is_multiple_of(3) && (x * 40 / width + line + seed) % 7 < 5;
        let base: i32 = if text {
            50
        } else {
            235 - (x * 30 / width) as i32
        };
        let mut v = |off: i32| (base + off + noise()).clamp(0, 255) as u8;
        Rgb([v(0), v(4), v(10)])
    })
}
