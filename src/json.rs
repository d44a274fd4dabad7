//! Compact JSON, byte for byte as `serde_json::to_writer` writes it, with
//! strings scanned for characters to escape eight bytes at a time.
//!
//! `data/site.json` and the search index's documents are mostly Chinese
//! excerpts, hundreds of megabytes of them on a big site, and `serde_json`
//! looks each byte up in a table: half of the export's time. Numbers, `null` and the escapes themselves
//! are still written by `serde_json`'s formatter, so only the scan differs.

use serde::ser::{self, Serialize};
use serde_json::ser::{CharEscape, CompactFormatter, Formatter};
use serde_json::Error;
use std::io::Write;

/// Write `value` to `writer` as [`serde_json::to_writer`] does.
pub fn to_writer<W: Write, T: ?Sized + Serialize>(writer: W, value: &T) -> Result<(), Error> {
    value.serialize(&mut Json { w: writer })
}

/// `value` as [`serde_json::to_string`] makes it.
pub fn to_string<T: ?Sized + Serialize>(value: &T) -> Result<String, Error> {
    let bytes = to_vec(value)?;
    Ok(String::from_utf8(bytes).expect("JSON of str is UTF-8"))
}

/// `value` as [`serde_json::to_vec`] makes it.
pub fn to_vec<T: ?Sized + Serialize>(value: &T) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(128);
    to_writer(&mut out, value)?;
    Ok(out)
}

struct Json<W> {
    w: W,
}

impl<W: Write> Json<W> {
    fn string(&mut self, s: &str) -> Result<(), Error> {
        let bytes = s.as_bytes();
        CompactFormatter
            .begin_string(&mut self.w)
            .map_err(Error::io)?;
        let mut start = 0;
        loop {
            let at = next_escape(bytes, start);
            if at > start {
                self.w.write_all(&bytes[start..at]).map_err(Error::io)?;
            }
            let Some(&b) = bytes.get(at) else { break };
            CompactFormatter
                .write_char_escape(&mut self.w, char_escape(b))
                .map_err(Error::io)?;
            start = at + 1;
        }
        CompactFormatter.end_string(&mut self.w).map_err(Error::io)
    }

    /// `{"variant":`, before a variant's content (closed by its caller).
    fn open_variant(&mut self, variant: &str) -> Result<(), Error> {
        self.raw(b"{")?;
        self.string(variant)?;
        self.raw(b":")
    }

    fn raw(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.w.write_all(bytes).map_err(Error::io)
    }
}

fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The index of the first byte from `from` on that JSON escapes, or the
/// length of `bytes`.
fn next_escape(bytes: &[u8], from: usize) -> usize {
    use crate::bytescan::{below, equal, find};
    let flags = |w| below(w, 0x20) | equal(w, b'"') | equal(w, b'\\');
    find(bytes, from, flags, needs_escape)
}

fn char_escape(b: u8) -> CharEscape {
    match b {
        b'"' => CharEscape::Quote,
        b'\\' => CharEscape::ReverseSolidus,
        b'\n' => CharEscape::LineFeed,
        b'\r' => CharEscape::CarriageReturn,
        b'\t' => CharEscape::Tab,
        0x08 => CharEscape::Backspace,
        0x0c => CharEscape::FormFeed,
        b => CharEscape::AsciiControl(b),
    }
}

macro_rules! int {
    ($($method:ident: $ty:ty => $write:ident),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<(), Error> {
            CompactFormatter.$write(&mut self.w, v).map_err(Error::io)
        })*
    };
}

/// serde_json writes a number that is not finite as `null`.
macro_rules! float {
    ($($method:ident: $ty:ty => $write:ident),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<(), Error> {
            if !v.is_finite() {
                return self.serialize_unit();
            }
            CompactFormatter.$write(&mut self.w, v).map_err(Error::io)
        })*
    };
}

impl<'a, W: Write> ser::Serializer for &'a mut Json<W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, W>;
    type SerializeTuple = Compound<'a, W>;
    type SerializeTupleStruct = Compound<'a, W>;
    type SerializeTupleVariant = Compound<'a, W>;
    type SerializeMap = Compound<'a, W>;
    type SerializeStruct = Compound<'a, W>;
    type SerializeStructVariant = Compound<'a, W>;

    int! {
        serialize_i8: i8 => write_i8,
        serialize_i16: i16 => write_i16,
        serialize_i32: i32 => write_i32,
        serialize_i64: i64 => write_i64,
        serialize_i128: i128 => write_i128,
        serialize_u8: u8 => write_u8,
        serialize_u16: u16 => write_u16,
        serialize_u32: u32 => write_u32,
        serialize_u64: u64 => write_u64,
        serialize_u128: u128 => write_u128,
        serialize_bool: bool => write_bool,
    }

    float! {
        serialize_f32: f32 => write_f32,
        serialize_f64: f64 => write_f64,
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v)
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        CompactFormatter.write_null(&mut self.w).map_err(Error::io)
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.string(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open_variant(variant)?;
        value.serialize(&mut *self)?;
        self.raw(b"}")
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, W>, Error> {
        Compound::open(self, b"[", b"]")
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, W>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a, W>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, W>, Error> {
        self.open_variant(variant)?;
        Compound::open(self, b"[", b"]}")
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, W>, Error> {
        Compound::open(self, b"{", b"}")
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a, W>, Error> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, W>, Error> {
        self.open_variant(variant)?;
        Compound::open(self, b"{", b"}}")
    }
}

/// An array or object being written: a comma goes before every element but
/// the first, and `close` after the last.
pub struct Compound<'a, W> {
    json: &'a mut Json<W>,
    first: bool,
    close: &'static [u8],
}

impl<'a, W: Write> Compound<'a, W> {
    fn open(json: &'a mut Json<W>, open: &[u8], close: &'static [u8]) -> Result<Self, Error> {
        json.raw(open)?;
        Ok(Compound {
            json,
            first: true,
            close,
        })
    }

    fn comma(&mut self) -> Result<(), Error> {
        if !std::mem::replace(&mut self.first, false) {
            self.json.raw(b",")?;
        }
        Ok(())
    }

    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.comma()?;
        value.serialize(&mut *self.json)
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        // `,"key":` in one write when the key needs no escape (field names
        // never do): there is a field name before every value.
        let mut buf = [0u8; 64];
        let comma = usize::from(!std::mem::replace(&mut self.first, false));
        let len = comma + key.len() + 3;
        if len <= buf.len() && next_escape(key.as_bytes(), 0) == key.len() {
            buf[0] = b',';
            buf[comma] = b'"';
            buf[comma + 1..len - 2].copy_from_slice(key.as_bytes());
            buf[len - 2..len].copy_from_slice(b"\":");
            self.json.raw(&buf[..len])?;
        } else {
            if comma == 1 {
                self.json.raw(b",")?;
            }
            self.json.string(key)?;
            self.json.raw(b":")?;
        }
        value.serialize(&mut *self.json)
    }

    fn close(self) -> Result<(), Error> {
        self.json.raw(self.close)
    }
}

/// The array kinds: each element written in turn.
macro_rules! array {
    ($($kind:ident :: $method:ident),*) => {$(
        impl<W: Write> ser::$kind for Compound<'_, W> {
            type Ok = ();
            type Error = Error;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )*};
}

array!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl<W: Write> ser::SerializeMap for Compound<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.comma()?;
        // Object keys are strings: as serde_json does, write any key
        // through its own key writer (numbers and booleans get quoted).
        let key = serde_json::to_string(&KeyOnly(key))?;
        self.json.raw(&key.as_bytes()[1..key.len() - 1])
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.json.raw(b":")?;
        value.serialize(&mut *self.json)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

/// `{key: null}` minus the value: serde_json's rendering of a map key.
struct KeyOnly<'a, T: ?Sized>(&'a T);

impl<T: ?Sized + Serialize> Serialize for KeyOnly<'_, T> {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use ser::SerializeMap;
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_key(self.0)?;
        map.end()
    }
}

/// The object kinds with named fields.
macro_rules! object {
    ($($kind:ident),*) => {$(
        impl<W: Write> ser::$kind for Compound<'_, W> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )*};
}

object!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    enum Shape {
        Unit,
        New(f64),
        Pair(u8, &'static str),
        Named { a: Option<i32>, b: Vec<bool> },
    }

    #[derive(Serialize)]
    struct Everything {
        text: String,
        ch: char,
        floats: Vec<f64>,
        small: f32,
        big: u128,
        neg: i64,
        none: Option<u8>,
        unit: (),
        shapes: Vec<Shape>,
        by_name: BTreeMap<String, u32>,
        by_number: BTreeMap<i32, &'static str>,
        by_flag: BTreeMap<bool, u8>,
        bytes: serde_bytes_like::Bytes,
        empty: Vec<u8>,
        nested: Vec<Vec<BTreeMap<String, ()>>>,
    }

    mod serde_bytes_like {
        pub struct Bytes(pub Vec<u8>);
        impl serde::Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&self.0)
            }
        }
    }

    fn same<T: Serialize>(v: &T) {
        let want = serde_json::to_vec(v).unwrap();
        let got = to_vec(v).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want)
        );
    }

    #[test]
    fn every_shape_is_written_as_serde_json_writes_it() {
        same(&Everything {
            text: "引号\"反斜杠\\换行\n制表\t回车\r\u{8}\u{c}\u{1}\u{1f}\u{7f}/é😀 Amazon S3 已服务超过 453 万家企业客户。".into(),
            ch: '"',
            floats: vec![0.0, -0.0, 1.5, 1e300, 1e-7, 123456789.125, f64::NAN, f64::INFINITY, 0.1 + 0.2],
            small: 3.25,
            big: u128::MAX,
            neg: i64::MIN,
            none: None,
            unit: (),
            shapes: vec![
                Shape::Unit,
                Shape::New(2.0),
                Shape::Pair(7, "x\"y"),
                Shape::Named { a: Some(-3), b: vec![true, false] },
            ],
            by_name: [("键\"".to_string(), 1), ("b".to_string(), 2)].into(),
            by_number: [(-5, "负"), (10, "十")].into(),
            by_flag: [(true, 1), (false, 0)].into(),
            bytes: serde_bytes_like::Bytes(vec![0, 255, 34]),
            empty: vec![],
            nested: vec![vec![], vec![[("a\\".to_string(), ())].into()]],
        });
    }

    #[test]
    fn strings_escape_the_same_wherever_the_byte_falls() {
        // Every escaped byte, at every offset in and around an 8-byte word.
        let specials = ["\"", "\\", "\n", "\u{0}", "\u{1f}", "\t"];
        for sp in specials {
            for before in 0..20 {
                for after in 0..10 {
                    let s = format!(
                        "{}{sp}{}",
                        "中a".repeat(before / 2) + &"b".repeat(before % 2),
                        "x".repeat(after)
                    );
                    same(&s);
                    same(&format!("{s}{sp}{s}"));
                }
            }
        }
        // Bytes just above and below the flagged ranges.
        let edge: String = [
            ' ', '!', '#', '[', ']', '\u{7f}', '\u{80}', 'ÿ', '\u{1f}', '"',
        ]
        .iter()
        .cycle()
        .take(97)
        .collect();
        same(&edge);
    }

    #[test]
    fn the_sample_sites_export_is_unchanged() {
        let (site, _, _) = crate::build::build_in_memory(&Default::default()).unwrap();
        let data = crate::render::data::site_data(&site);
        same(&data);
    }
}
