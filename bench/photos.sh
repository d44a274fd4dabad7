#!/usr/bin/env bash
# What the smaller copies of photos cost a build: N recaps each showing a
# 12-megapixel JPEG (examples/photo_site.rs), built three ways:
#   first     into an empty folder: every photo is scaled;
#   rebuild   over the first build: every copy is taken from it;
#   one new   after one photo changed: that one is scaled again.
#
#   bash bench/photos.sh            # N = 100
#   PHOTOS=300 bash bench/photos.sh
#
# Prints wall and CPU seconds and peak memory of each (GNU time).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
N=${PHOTOS:-100}
DIR=target/bench/photos$N
RECAP=target/release/recap

cargo build --release --quiet --example photo_site
[ -x "$RECAP" ] || cargo build --release --quiet
rm -rf "$DIR"
target/release/examples/photo_site "$DIR/seeds" "$N"

run() {
    /usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KiB peak" \
        "$RECAP" -q build --seeds "$DIR/seeds" --out "$DIR/out" 2>&1 | tail -n 1
}
echo "first:    $(run)"
echo "rebuild:  $(run)"
# Another photo in place of the first one.
cp "$DIR/seeds/slides/001.jpg" "$DIR/seeds/slides/000.jpg.new"
mv "$DIR/seeds/slides/000.jpg.new" "$DIR/seeds/slides/000.jpg"
echo "one new:  $(run)"
du -sh "$DIR/seeds/slides" "$DIR/out/media/recaps" "$DIR/out/media/640w" "$DIR/out/media/1280w" |
    awk '{print "  " $2 ": " $1}'
