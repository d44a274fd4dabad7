//! How a session's times are shown: as offsets into the talk (`01:15`), or
//! as the times of day the note-taker wrote (`14:10`).

use super::strings::Strings;
use crate::model::{format_time, push_number, End, Seconds, Session};

/// Formats times the same way across one session, so the time column lines
/// up: `MM:SS`, or `H:MM:SS` for every time of a session of an hour or more;
/// `HH:MM` when the timeline was written in times of day.
pub struct Clock {
    long: bool,
    /// Time of day of offset 0, for timelines written in times of day.
    day_start: Option<Seconds>,
}

impl Clock {
    pub fn for_session(s: &Session) -> Clock {
        Clock {
            long: s.clock_start.is_none() && s.duration().is_some_and(|d| d >= 3600),
            day_start: s.clock_start,
        }
    }

    /// For a moment shown apart from its timeline (a mention on an entity
    /// page), where no column needs lining up and the session's length is
    /// not worth working out.
    pub fn for_moment_of(s: &Session) -> Clock {
        Clock {
            long: false,
            day_start: s.clock_start,
        }
    }

    /// Offsets as `MM:SS`, for tests of what holds the labels.
    #[cfg(test)]
    pub fn offsets() -> Clock {
        Clock {
            long: false,
            day_start: None,
        }
    }

    pub fn format(&self, t: Seconds) -> String {
        if let Some(day_start) = self.day_start {
            return time_of_day(day_start.saturating_add(t));
        }
        if self.long && t < 3600 {
            let mut out = String::with_capacity(7);
            out.push_str("0:");
            push_number(&mut out, t / 60, 2);
            out.push(':');
            push_number(&mut out, t % 60, 2);
            out
        } else {
            format_time(t)
        }
    }

    /// The `datetime` of a `<time>`: a duration into the talk (`PT1M15S`),
    /// or a time of day (`14:10`).
    pub fn datetime(&self, t: Seconds) -> String {
        match self.day_start {
            Some(day_start) => time_of_day(day_start.saturating_add(t)),
            None => iso_duration(t),
        }
    }

    pub(super) fn end(&self, end: End, strings: &Strings) -> String {
        match end {
            End::At(t) => self.format(t),
            End::Close => strings.get("to_end").to_string(),
        }
    }
}

/// `14:10`, or `14:10:30` when the seconds are not zero; past midnight as
/// the clock shows it (`00:10`).
pub fn time_of_day(t: Seconds) -> String {
    let mut out = String::with_capacity(8);
    push_number(&mut out, t / 3600 % 24, 2);
    out.push(':');
    push_number(&mut out, (t / 60) % 60, 2);
    if !t.is_multiple_of(60) {
        out.push(':');
        push_number(&mut out, t % 60, 2);
    }
    out
}

/// `PT1H5M30S`, the `datetime` of a `<time>` that is a duration.
pub fn iso_duration(t: Seconds) -> String {
    let (h, m, s) = (t / 3600, (t / 60) % 60, t % 60);
    let mut out = String::with_capacity(12);
    out.push_str("PT");
    if h > 0 {
        push_number(&mut out, h, 1);
        out.push('H');
    }
    if m > 0 || h > 0 {
        push_number(&mut out, m, 1);
        out.push('M');
    }
    push_number(&mut out, s, 1);
    out.push('S');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFSETS: Clock = Clock {
        long: false,
        day_start: None,
    };
    const LONG: Clock = Clock {
        long: true,
        day_start: None,
    };

    #[test]
    fn clock_lines_up_long_sessions() {
        assert_eq!(OFFSETS.format(75), "01:15");
        assert_eq!(LONG.format(75), "0:01:15");
        assert_eq!(LONG.format(5700), "1:35:00");
        assert_eq!(iso_duration(75), "PT1M15S");
        assert_eq!(iso_duration(3605), "PT1H0M5S");
        // As `format!` wrote them.
        for t in 0..20_000 {
            let (h, m, s) = (t / 3600, (t / 60) % 60, t % 60);
            let iso = match (h, m) {
                (0, 0) => format!("PT{s}S"),
                (0, _) => format!("PT{m}M{s}S"),
                _ => format!("PT{h}H{m}M{s}S"),
            };
            assert_eq!(iso_duration(t), iso);
            if t < 3600 {
                assert_eq!(LONG.format(t), format!("0:{m:02}:{s:02}"));
            }
        }
    }

    #[test]
    fn times_of_day_are_shown_as_written() {
        let afternoon = Clock {
            long: false,
            day_start: Some(14 * 3600),
        };
        assert_eq!(afternoon.format(0), "14:00");
        assert_eq!(afternoon.format(600), "14:10");
        assert_eq!(afternoon.format(630), "14:10:30");
        assert_eq!(afternoon.datetime(600), "14:10");
        assert_eq!(afternoon.format(11 * 3600), "01:00", "past midnight");
        let morning = Clock {
            long: false,
            day_start: Some(9 * 3600 + 5 * 60),
        };
        assert_eq!(morning.format(0), "09:05");
        assert_eq!(OFFSETS.datetime(600), "PT10M0S");
    }
}
