//! Months and dates in the page's language; the names of the months are written here once.

use super::Lang;

/// « janvier », "January": `month` 1..=12.
pub fn month_name(lang: Lang, month: u32) -> &'static str {
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let i = (month.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::Fr => FR[i],
        Lang::En => EN[i],
    }
}

/// « janv. », "Jan": `month` 1..=12.
pub fn short_month_name(lang: Lang, month: u32) -> &'static str {
    const FR: [&str; 12] = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ];
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let i = (month.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::Fr => FR[i],
        Lang::En => EN[i],
    }
}

/// Short month and year: « janv. 2027 », "Jan 2027". `month` is 1..=12.
pub fn month_year(lang: Lang, year: i32, month: u32) -> String {
    format!("{} {year}", short_month_name(lang, month))
}

/// « 2 décembre 2026 », « 1er janvier 2027 », "2 December 2026". `month` is 1..=12.
pub fn long_date(lang: Lang, year: i32, month: u32, day: u32) -> String {
    let name = month_name(lang, month);
    match lang {
        Lang::Fr if day == 1 => format!("1er {name} {year}"),
        _ => format!("{day} {name} {year}"),
    }
}

/// The calendar (year, month 1..=12) `offset` whole months after (`year`, `month`).
pub fn add_months(year: i32, month: u32, offset: i64) -> (i32, u32) {
    let index = i64::from(year) * 12 + i64::from(month.clamp(1, 12)) - 1 + offset;
    (
        index.div_euclid(12) as i32,
        (index.rem_euclid(12) + 1) as u32,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months() {
        assert_eq!(add_months(2026, 1, 0), (2026, 1));
        assert_eq!(add_months(2026, 11, 2), (2027, 1));
        assert_eq!(add_months(2026, 1, -1), (2025, 12));
        assert_eq!(add_months(2026, 6, 30), (2028, 12));
        assert_eq!(month_year(Lang::Fr, 2027, 1), "janv. 2027");
        assert_eq!(month_year(Lang::En, 2027, 8), "Aug 2027");
        assert_eq!(month_name(Lang::Fr, 2), "février");
        assert_eq!(month_name(Lang::En, 12), "December");
    }

    #[test]
    fn dates() {
        assert_eq!(long_date(Lang::Fr, 2026, 12, 2), "2 décembre 2026");
        assert_eq!(long_date(Lang::Fr, 2027, 1, 1), "1er janvier 2027");
        assert_eq!(long_date(Lang::En, 2026, 12, 2), "2 December 2026");
    }
}
