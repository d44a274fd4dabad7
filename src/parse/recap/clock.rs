//! Timelines written in times of day (`14:00 - 14:10 开场`) rather than as
//! offsets into the talk (`00:00 - 10:00 开场`).
//!
//! Both are written `HH:MM`, so the parser first reads every time as an
//! offset (`14:00` is fourteen minutes in) and then looks at the timeline as
//! a whole. Read as offsets, a timeline of times of day is absurd: it starts
//! late in the morning and moves a few seconds per entry. Such a timeline
//! is turned into offsets from its first moment, and the session keeps that
//! moment's time of day ([`Session::clock_start`](crate::model::Session))
//! so pages can show the times as they were written.

use crate::model::{End, Seconds, TimelineSection};

/// How the timeline's times were written, counted as they are read.
#[derive(Debug, Default)]
pub struct TimeForms {
    /// `14:00`: hours and minutes, or minutes and seconds.
    two_fields: usize,
    /// `14:00:00`.
    three_fields: usize,
    /// `5分30秒`, `00:01.250`: only ever offsets.
    other: usize,
    /// Lines whose times were marked as times of day (`下午2:00`,
    /// `2:00 PM`) and rewritten in 24-hour time.
    marked: usize,
}

impl TimeForms {
    /// Count one line whose times were marked as times of day.
    pub fn note_marked(&mut self) {
        self.marked += 1;
    }

    /// Count one time that was read from `written`.
    pub fn note(&mut self, written: &str) {
        let written = written.trim();
        let fields = written.split([':', '：']).count();
        if written.contains(['.', ',']) {
            self.other += 1;
        } else if fields == 2 {
            self.two_fields += 1;
        } else if fields == 3 {
            self.three_fields += 1;
        } else {
            self.other += 1;
        }
    }
}

/// The earliest a timeline of times of day is taken to start: a talk read as
/// offsets may well begin a few minutes in, but rarely 7 minutes or more
/// with entries seconds apart.
const EARLIEST_HOUR: Seconds = 7;

/// The longest mean step between the moments of a timeline, read as
/// offsets, for it to be read as times of day: a minute. A note-taker's
/// entries are minutes apart, not seconds.
const MAX_MEAN_STEP_S: Seconds = 60;

/// Rewrite `timeline` as offsets from its first moment when it is written in
/// times of day. Returns that moment's time of day, in seconds after
/// midnight, or `None` when the timeline is left as it was.
pub fn to_offsets(timeline: &mut [TimelineSection], forms: &TimeForms) -> Option<Seconds> {
    if forms.other > 0 {
        return None;
    }
    // Seconds a read time stands for when it is a time of day.
    let scale = match (forms.two_fields, forms.three_fields) {
        (n, 0) if n >= 2 => 60,
        (0, n) if n >= 1 => 1,
        _ => return None,
    };
    // A late session may go past midnight (`23:50`, then `00:10`): a time
    // more than half a day before the first is the next day's. Put back
    // if the timeline is no timeline of times of day after all.
    let day = 24 * 3600 / scale;
    let guessed = forms.marked == 0;
    let mut times = times_mut(timeline);
    let first = **times.first()?;
    // The first moment is no earlier than the earliest (or the timeline is
    // out of order): most timelines, written from 00:00, stop here.
    if guessed && first * scale < EARLIEST_HOUR * 3600 || times.iter().any(|t| **t >= day) {
        return None;
    }
    let afternoon = if guessed {
        Vec::new()
    } else {
        same_half_of_the_day(&mut times, day / 2)
    };
    let mut next_day = times
        .iter_mut()
        .filter(|t| ***t + day / 2 < first)
        .peekable();
    let wrapped = next_day.peek().is_some();
    next_day.for_each(|t| **t += day);
    let read = times_of_day(timeline, scale, guessed);
    if read.is_none() {
        let mut times = times_mut(timeline);
        if wrapped {
            times
                .iter_mut()
                .filter(|t| ***t >= day)
                .for_each(|t| **t -= day);
        }
        for i in afternoon {
            *times[i] -= day / 2;
        }
    }
    let (first, scale) = read?;
    for t in times_mut(timeline) {
        *t = (*t - first) * scale;
    }
    Some(first * scale)
}

/// Rewrite `timeline` in hours and minutes when it is written `00:05`,
/// `00:20`, `00:35`: read as minutes and seconds, a timeline of three
/// moments or more that is over within its first minute is no talk's.
/// Returns whether it was rewritten.
pub fn to_hours_and_minutes(timeline: &mut [TimelineSection], forms: &TimeForms) -> bool {
    const FEWEST_MOMENTS: usize = 3;
    if forms.other > 0 || forms.three_fields > 0 || forms.marked > 0 {
        return false;
    }
    let mut starts: Vec<Seconds> = timeline
        .iter()
        .flat_map(|s| &s.entries)
        .filter_map(|e| e.start)
        .collect();
    starts.dedup();
    let mut times = times_mut(timeline);
    if starts.len() < FEWEST_MOMENTS || times.iter().any(|t| **t >= 60) {
        return false;
    }
    for t in &mut times {
        **t *= 60;
    }
    true
}

/// `下午2:00 开场`, then `2:30 演示`: a note-taker marks the half of the
/// day once. A time in the morning half that goes back from the one before
/// it, and would not in the afternoon, is taken in the afternoon (`14:30`).
/// Returns the positions in `times` it moved.
fn same_half_of_the_day(times: &mut [&mut Seconds], half: Seconds) -> Vec<usize> {
    let mut moved = Vec::new();
    let mut prev = 0;
    for (i, t) in times.iter_mut().enumerate() {
        if **t < prev && **t < half && **t + half >= prev {
            **t += half;
            moved.push(i);
        }
        prev = **t;
    }
    moved
}

/// The first moment of `timeline`, in the units it was read in, and how
/// many seconds a unit is, when the timeline reads as times of day.
fn times_of_day(
    timeline: &mut [TimelineSection],
    scale: Seconds,
    guessed: bool,
) -> Option<(Seconds, Seconds)> {
    let mut starts = timeline
        .iter()
        .flat_map(|s| &s.entries)
        .filter_map(|e| e.start);
    // Times of day go forwards.
    starts.try_fold(0, |prev, t| (t >= prev).then_some(t))?;
    let times = times_mut(timeline);
    let first = times.iter().map(|t| **t).min()?;
    let last = times.iter().map(|t| **t).max()?;
    if (last - first) * scale >= 24 * 3600 {
        return None;
    }
    // Times marked as times of day need no guessing.
    if guessed && first * scale < EARLIEST_HOUR * 3600 {
        return None;
    }
    if guessed && scale == 60 {
        let mut distinct: Vec<Seconds> = times.iter().map(|t| **t).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let steps = distinct.len().checked_sub(1).filter(|&n| n > 0)? as Seconds;
        if (last - first) > MAX_MEAN_STEP_S * steps {
            return None;
        }
    }
    Some((first, scale))
}

/// Every time the timeline holds: sections' and entries' starts and ends,
/// points' times.
fn times_mut(timeline: &mut [TimelineSection]) -> Vec<&mut Seconds> {
    let mut out = Vec::new();
    for s in timeline {
        out.extend(s.start.as_mut());
        if let Some(End::At(t)) = &mut s.end {
            out.push(t);
        }
        for e in &mut s.entries {
            out.extend(e.start.as_mut());
            if let Some(End::At(t)) = &mut e.end {
                out.push(t);
            }
            for p in &mut e.points {
                out.extend(p.time.as_mut());
                if let Some(End::At(t)) = &mut p.end {
                    out.push(t);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::recap::parse_recap;

    fn read(text: &str) -> (Option<Seconds>, Vec<Option<Seconds>>) {
        let s = parse_recap("t.txt", text).session;
        (s.clock_start, s.entries().map(|e| e.start).collect())
    }

    #[test]
    fn times_of_day_become_offsets_from_the_first() {
        let (clock, starts) =
            read("# T\n## 时间线\n14:00 - 14:10 开场\n14:10 - 14:35 演示\n14:35 - 15:00 问答\n");
        assert_eq!(clock, Some(14 * 3600));
        assert_eq!(starts, [Some(0), Some(600), Some(2100)]);
        let s = parse_recap(
            "t.txt",
            "# T\n## 时间线\n### 上午 (09:00 - 10:30)\n- 09:05 开场\n  - 09:10 细节\n- 09:40 演示\n",
        )
        .session;
        assert_eq!(s.clock_start, Some(9 * 3600));
        assert_eq!(s.timeline[0].end, Some(End::At(5400)));
        assert_eq!(s.duration(), Some(5400));
        let (clock, starts) =
            read("# T\n## 时间线\n14:00:00 - 14:10:00 开场\n14:10:30 - 14:35:00 演示\n");
        assert_eq!(clock, Some(14 * 3600));
        assert_eq!(starts, [Some(0), Some(630)]);
    }

    /// `00:05`, `00:20`, `00:35` are hours and minutes: as minutes and
    /// seconds the talk would be over in 35 seconds.
    #[test]
    fn a_timeline_over_within_a_minute_is_in_hours_and_minutes() {
        let text = "# T\n## 时间线\n00:00 开场\n00:05 介绍\n00:10 细节\n00:20 演示\n00:35 问答\n";
        let recap = parse_recap("t.txt", text);
        let starts: Vec<_> = recap.session.entries().map(|e| e.start).collect();
        assert_eq!(
            starts,
            [Some(0), Some(300), Some(600), Some(1200), Some(2100)]
        );
        assert!(recap
            .diagnostics
            .iter()
            .any(|d| d.line == Some(3) && d.message.contains("hours and minutes")));
        // A talk that runs past its first minute, or two moments, stay as
        // written.
        let (_, starts) = read("# T\n## 时间线\n00:00 开场\n00:30 介绍\n01:20 演示\n");
        assert_eq!(starts, [Some(0), Some(30), Some(80)]);
        let (_, starts) = read("# T\n## 时间线\n00:00 开场\n00:45 问答\n");
        assert_eq!(starts, [Some(0), Some(45)]);
    }

    #[test]
    fn times_of_day_in_every_shape_of_timeline() {
        for text in [
            "# T\n## 时间线\n### 14:00 - 14:30 主题演讲\n- 要点\n### 14:30 - 15:00 问答\n- 提问\n",
            "# T\n## 时间线\n| 时间 | 内容 |\n|---|---|\n| 14:00 | 开场 |\n| 14:30 | 问答 |\n",
            "# T\n## 时间线\n- **14:00** - 开场\n- **14:30** - 问答\n",
            "# T\n## 时间线\n- 开场 (14:00 - 14:30)\n- 问答 (14:30 - 15:00)\n",
            "# T\n## 时间线\n14：00 开场\n14：30 问答\n",
            "# T\n## 时间线\n| 时间 | 内容 |\n|---|---|\n| 下午2点 | 开场 |\n| 下午2:30 | 问答 |\n",
        ] {
            let (clock, starts) = read(text);
            assert_eq!(clock, Some(14 * 3600), "{text}");
            assert_eq!(starts, [Some(0), Some(1800)], "{text}");
        }
    }

    #[test]
    fn times_marked_as_times_of_day_need_no_guessing() {
        let (clock, starts) =
            read("# T\n## 时间线\n2:00 PM - 2:10 PM 开场\n2:10 PM - 3:00 PM 演示\n");
        assert_eq!(clock, Some(14 * 3600));
        assert_eq!(starts, [Some(0), Some(600)]);
        // Early, and an hour apart: read as offsets, were they not marked.
        let (clock, starts) =
            read("# T\n## 时间线\n## 上午6:00 晨跑\n- 集合\n## 上午8:00 开场\n- 致辞\n");
        assert_eq!(clock, Some(6 * 3600));
        assert_eq!(starts, [Some(0), Some(7200)]);
    }

    #[test]
    fn an_unmarked_time_after_a_marked_one_is_in_its_half_of_the_day() {
        let (clock, starts) = read("# T\n## 时间线\n下午2:00 开场\n2:30 演示\n3:15 问答\n");
        assert_eq!(clock, Some(14 * 3600));
        assert_eq!(starts, [Some(0), Some(1800), Some(4500)]);
        let (clock, starts) = read("# T\n## 时间线\n11:30 AM 开场\n12:10 演示\n1:00 问答\n");
        assert_eq!(clock, Some(11 * 3600 + 1800));
        assert_eq!(starts, [Some(0), Some(2400), Some(5400)]);
        // Written with `点`.
        let (clock, starts) = read("# T\n## 时间线\n下午2点 开场\n2点30分 演示\n3点半 问答\n");
        assert_eq!(clock, Some(14 * 3600));
        assert_eq!(starts, [Some(0), Some(1800), Some(5400)]);
        let (clock, starts) = read("# T\n## 时间线\n9点 签到\n9点半 开场\n");
        assert_eq!((clock, starts), (Some(9 * 3600), vec![Some(0), Some(1800)]));
        // Unmarked throughout: offsets, as written.
        let (clock, starts) = read("# T\n## 时间线\n14:00 开场\n2:30 演示\n");
        assert_eq!((clock, starts), (None, vec![Some(840), Some(150)]));
    }

    #[test]
    fn a_late_session_goes_past_midnight() {
        let text = "# T\n## 时间线\n### 深夜场 (23:40 - 00:30)\n23:40 - 23:55 开场\n\
                    23:55 - 00:20 演示\n00:20 - 00:30 问答\n";
        let s = parse_recap("t.txt", text).session;
        assert_eq!(s.clock_start, Some((23 * 60 + 40) * 60));
        let starts: Vec<_> = s.entries().map(|e| e.start).collect();
        assert_eq!(starts, [Some(0), Some(900), Some(2400)]);
        assert_eq!(s.duration(), Some(3000));
        assert_eq!(s.timeline[0].end, Some(End::At(3000)));
        let e: Vec<_> = s.entries().collect();
        assert_eq!(e[1].end, Some(End::At(2400)));
        // Marked times past midnight.
        let (clock, starts) = read("# T\n## 时间线\n11:30 PM 开场\n12:10 AM 问答\n");
        assert_eq!(
            (clock, starts),
            (Some(23 * 3600 + 1800), vec![Some(0), Some(2400)])
        );
    }

    #[test]
    fn offsets_stay_offsets() {
        for text in [
            // From the start of the talk, as the samples write them.
            "# T\n## 时间线\n00:00 - 05:30 开场\n05:30 - 15:00 演示\n",
            // Late in a talk, but minutes apart.
            "# T\n## 时间线\n08:00 - 12:30 演示\n12:30 - 18:00 问答\n",
            // Past 23 in the first field: no time of day.
            "# T\n## 时间线\n23:00 - 23:30 演示\n24:00 - 24:30 问答\n",
            // Out of order.
            "# T\n## 时间线\n14:10 演示\n14:00 开场\n",
            // Past midnight twice, or back by less than half a day.
            "# T\n## 时间线\n23:00 开场\n01:00 演示\n23:30 问答\n01:30 结束\n",
            "# T\n## 时间线\n20:00 开场\n20:10 演示\n09:00 问答\n",
            // Back past midnight, but minutes and seconds far apart.
            "# T\n## 时间线\n20:00 开场\n45:00 演示\n01:00 问答\n",
            // One time only: nothing to tell them apart by.
            "# T\n## 时间线\n14:00 开场\n",
            // Forms that are only ever offsets.
            "# T\n## 时间线\n14:00 开场\n14:10 演示\n14分20秒 问答\n",
            "# T\n## 时间线\n0:14:00 开场\n0:14:10 演示\n",
        ] {
            assert_eq!(read(text).0, None, "{text}");
        }
        let (_, starts) = read("# T\n## 时间线\n08:00 - 12:30 演示\n12:30 - 18:00 问答\n");
        assert_eq!(starts, [Some(480), Some(750)]);
    }
}
