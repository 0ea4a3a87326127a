//! Durations, in milliseconds on the virtual clock, and the three ways they are written: in the event
//! grammar (`30s`, `10min`, read back by [`parse`]), as an exact number of seconds inside a sentence ("took
//! 2.5 s"), and as a clock for people ("89.0 s", "2 min 05 s"). Integer arithmetic only: no float parsing
//! or formatting, which keeps the browser bundles small. Also the `EVENT@TIME` form both families' scripts
//! share ([`parse_timed`], [`check_time_order`]).

use crate::scenario::EventError;

/// The longest time the clock takes, in ms (about 31,700 years): beyond it a time is refused, not wrapped.
pub const MAX_MS: u64 = 1_000_000_000_000_000;

/// Reads a duration: `500ms`, `30s`, `10min`, `2h`, `1.5h`; a bare number is seconds. Decimal, exact to the
/// millisecond (half a millisecond rounds up).
pub fn parse(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let not_a_time = || format!("{} is not a time such as 30s, 10min or 2h", crate::scenario::quote(text));
    if text.starts_with('-') {
        return Err(format!(
            "{} is before the start: times count from 0s, when the script begins",
            crate::scenario::quote(text)
        ));
    }
    if number.is_empty() {
        return Err(not_a_time());
    }
    let scale: u128 = match unit.trim() {
        "ms" => 1,
        "" | "s" => 1_000,
        "min" | "m" => 60_000,
        "h" => 3_600_000,
        other => return Err(format!("{} is not a unit of time: use ms, s, min or h", crate::scenario::quote(other))),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if (whole.is_empty() && fraction.is_empty()) || fraction.contains('.') || fraction.len() > 9 {
        return Err(not_a_time());
    }
    let digits = |part: &str| if part.is_empty() { Some(0) } else { part.parse::<u128>().ok() };
    let (Some(whole), Some(fraction_value)) = (digits(whole), digits(fraction)) else { return Err(not_a_time()) };
    let denominator = 10u128.pow(fraction.len() as u32);
    // Round half up to the millisecond; checked, so that a huge number is too long a time, never a wrapped one.
    let too_long =
        || format!("{} is too long a time: at most {} hours", crate::scenario::quote(text), MAX_MS / 3_600_000);
    let ms = whole
        .checked_mul(scale)
        .and_then(|ms| ms.checked_add((fraction_value * scale * 2 + denominator) / (denominator * 2)))
        .ok_or_else(too_long)?;
    u64::try_from(ms).ok().filter(|&ms| ms <= MAX_MS).ok_or_else(too_long)
}

/// Whether text (after an event's `@`) was meant as a time: it starts like a number.
pub fn looks_like_a_time(text: &str) -> bool {
    text.trim_start().starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.'))
}

/// Writes a duration the way [`parse`] reads it, in the largest whole unit: `0s`, `250ms`, `30s`, `10min`, `2h`.
pub fn text(ms: u64) -> String {
    match ms {
        0 => "0s".into(),
        ms if ms % 3_600_000 == 0 => format!("{}h", ms / 3_600_000),
        ms if ms % 60_000 == 0 => format!("{}min", ms / 60_000),
        ms if ms % 1_000 == 0 => format!("{}s", ms / 1_000),
        ms => format!("{ms}ms"),
    }
}

/// Milliseconds as an exact number of seconds, for sentences ("took 6 s", "2.5", "0.25").
pub fn seconds(ms: u64) -> String {
    match ms % 1000 {
        0 => format!("{}", ms / 1000),
        rest if rest.is_multiple_of(100) => format!("{}.{}", ms / 1000, rest / 100),
        rest if rest.is_multiple_of(10) => format!("{}.{:02}", ms / 1000, rest / 10),
        rest => format!("{}.{:03}", ms / 1000, rest),
    }
}

/// A time for people, as a clock shows it: seconds to the tenth below two minutes ("89.0 s"), then minutes
/// and seconds ("2 min 05 s"), from an hour hours too ("24 h 00 min 00 s"); the part below the last digit
/// is dropped, not rounded.
pub fn clock(ms: u64) -> String {
    if ms >= 3_600_000 {
        format!("{} h {:02} min {:02} s", ms / 3_600_000, ms % 3_600_000 / 60_000, ms % 60_000 / 1000)
    } else if ms >= 120_000 {
        format!("{} min {:02} s", ms / 60_000, ms % 60_000 / 1000)
    } else {
        format!("{}.{} s", ms / 1000, ms % 1000 / 100)
    }
}

/// Reads `EVENT@TIME` for either family with `read` reading the event: without `@TIME` (or when what follows
/// the last `@` is part of a name, `fail-copy:db1@ex2`) the event has no time. A time that cannot be read is
/// said to be one (`fail:node1@-5s`: "-5s" is not a time), not taken for part of a name.
pub fn parse_timed<E>(
    text: &str,
    read: impl Fn(&str) -> Result<E, EventError>,
) -> Result<(E, Option<u64>), EventError> {
    let Some((event, time)) = text.rsplit_once('@') else {
        return Ok((read(text)?, None));
    };
    match parse(time) {
        Ok(at) => match read(event) {
            Ok(event) => Ok((event, Some(at))),
            // `fail:node@1` names the node "node@1" when there is one and no node "node".
            Err(error) => read(text).map(|event| (event, None)).map_err(|_| error),
        },
        // A name may hold '@': the whole text may be an untimed event.
        Err(problem) => match read(text) {
            Ok(event) => Ok((event, None)),
            Err(_) if read(event).is_ok() || looks_like_a_time(time) => {
                Err(EventError { text: text.to_string(), message: problem })
            }
            Err(whole) => Err(whole),
        },
    }
}

/// Checks that timed events come in time order: the first that does not, its place and what is wrong.
pub fn check_time_order(events: impl Iterator<Item = (Option<u64>, String)>) -> Result<(), (usize, EventError)> {
    let mut last = 0;
    for (index, (at, label)) in events.enumerate() {
        if let Some(at) = at {
            if at < last {
                return Err((
                    index,
                    EventError {
                        text: label,
                        message: format!("it comes before the event at {}: list events in time order", text(last)),
                    },
                ));
            }
            last = at;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_read_exactly() {
        assert_eq!(parse("0s"), Ok(0));
        assert_eq!(parse("30s"), Ok(30_000));
        assert_eq!(parse("10min"), Ok(600_000));
        assert_eq!(parse("1.5h"), Ok(5_400_000));
        assert_eq!(parse("250ms"), Ok(250));
        assert_eq!(parse("45"), Ok(45_000));
        assert!(parse("soon").is_err());
        assert_eq!(parse("2.5"), Ok(2_500));
        assert_eq!(parse(".5s"), Ok(500));
        assert_eq!(parse("0.0005s"), Ok(1), "rounds half up to the millisecond");
        assert_eq!(parse("1.2.3").unwrap_err(), "\"1.2.3\" is not a time such as 30s, 10min or 2h");
        assert!(parse(".").is_err() && parse("").is_err());
        assert!(parse("99999999999999999999999h").unwrap_err().contains("too long"));
        assert!(parse("3 weeks").unwrap_err().contains("not a unit of time"));
        for ms in [0, 250, 30_000, 600_000, 7_200_000, 90_500] {
            assert_eq!(parse(&text(ms)), Ok(ms));
        }
    }

    #[test]
    fn durations_are_written_for_sentences_and_clocks() {
        assert_eq!(seconds(6_000), "6");
        assert_eq!(seconds(2_500), "2.5");
        assert_eq!(seconds(250), "0.25");
        assert_eq!(seconds(1_005), "1.005");
        assert_eq!(clock(89_000), "89.0 s");
        assert_eq!(clock(6_550), "6.5 s");
        assert_eq!(clock(610_000), "10 min 10 s");
        assert_eq!(clock(1_950), "1.9 s");
        assert_eq!(clock(125_000), "2 min 05 s");
        assert_eq!(clock(3_599_999), "59 min 59 s");
        assert_eq!(clock(3_600_000), "1 h 00 min 00 s");
        assert_eq!(clock(86_461_000), "24 h 01 min 01 s");
    }
}
