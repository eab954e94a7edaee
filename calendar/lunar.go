package calendar

import (
	"fmt"
	"math"
)

// The Vietnamese lunisolar calendar (âm lịch), computed as Hồ Ngọc Đức
// describes it in "Âm lịch Việt Nam" (informatik.uni-leipzig.de/~duc/amlich),
// with Jean Meeus's formulas (Astronomical Algorithms) for the new moons
// and the sun's longitude:
//
//   - a lunar month starts on the day, at UTC+7 (the meridian 105° E), that
//     holds the new moon (điểm Sóc);
//   - the month that holds the winter solstice is month 11;
//   - a year from month 11 to the next month 11 that holds 13 months has a
//     leap month: the first month after month 11 in which the sun enters
//     no new zodiac sign (no Trung khí), numbered as the month before it.
//
// Reckoned at UTC+7, some new moons fall on the day before their Chinese
// date (UTC+8): Tết 1985 was on 21/01/1985 in Vietnam, 20/02/1985 in
// China. Vietnam has reckoned at UTC+7 since 1968; before that, and after
// 2199, the dates are those of the same rules, not of a published
// calendar.

// LunarDate is a day of the Vietnamese lunar calendar: Day 1 to 30 of
// Month 1 (tháng Giêng) to 12 (tháng Chạp) of the lunar Year that starts
// at Tết of that Gregorian year. Leap marks the leap month (tháng nhuận)
// that repeats Month.
type LunarDate struct {
	Year, Month, Day int
	Leap             bool
}

// String returns l as dd/mm of the lunar calendar, with "n" after the
// month of a leap month: 01/01, 30/12, 15/04n.
func (l LunarDate) String() string {
	leap := ""
	if l.Leap {
		leap = "n"
	}
	return fmt.Sprintf("%02d/%02d%s", l.Day, l.Month, leap)
}

// ictDays is UTC+7, the time zone of the Vietnamese calendar, in days.
const ictDays = 7.0 / 24

// synodicMonth is the mean time from one new moon to the next, in days.
const synodicMonth = 29.530588853

// newMoon0 is the Julian date of the new moon of 1900-01-01 13:52 UT,
// new moon number 0.
const newMoon0 = 2415021.076998695

// julianDay is the Julian day number of the day n days after 1970-01-01.
func julianDay(n int) int { return n + 2440588 }

// newMoon returns the Julian date (UT) of new moon number k, counted from
// the one of January 1900 (Meeus, ch. 49, with the main periodic terms
// and a polynomial ΔT).
func newMoon(k int) float64 {
	const rad = math.Pi / 180
	kf := float64(k)
	t := kf / 1236.85 // Julian centuries since 1900
	t2, t3 := t*t, t*t*t
	jd := 2415020.75933 + 29.53058868*kf + 0.0001178*t2 - 0.000000155*t3
	jd += 0.00033 * math.Sin((166.56+132.87*t-0.009173*t2)*rad)
	sun := (359.2242 + 29.10535608*kf - 0.0000333*t2 - 0.00000347*t3) * rad   // the sun's mean anomaly
	moon := (306.0253 + 385.81691806*kf + 0.0107306*t2 + 0.00001236*t3) * rad // the moon's mean anomaly
	lat := (21.2964 + 390.67050646*kf - 0.0016528*t2 - 0.00000239*t3) * rad   // the moon's argument of latitude
	c := (0.1734-0.000393*t)*math.Sin(sun) + 0.0021*math.Sin(2*sun) -
		0.4068*math.Sin(moon) + 0.0161*math.Sin(2*moon) - 0.0004*math.Sin(3*moon) +
		0.0104*math.Sin(2*lat) - 0.0051*math.Sin(sun+moon) - 0.0074*math.Sin(sun-moon) +
		0.0004*math.Sin(2*lat+sun) - 0.0004*math.Sin(2*lat-sun) - 0.0006*math.Sin(2*lat+moon) +
		0.0010*math.Sin(2*lat-moon) + 0.0005*math.Sin(2*moon+sun)
	var deltaT float64 // ΔT, terrestrial minus universal time, in days
	if t < -11 {
		deltaT = 0.001 + 0.000839*t + 0.0002261*t2 - 0.00000845*t3 - 0.000000081*t*t3
	} else {
		deltaT = -0.000278 + 0.000265*t + 0.000262*t2
	}
	return jd + c - deltaT
}

// newMoonDay returns the Julian day number of the day, at UTC+7, that
// holds new moon number k: the first day of a lunar month.
func newMoonDay(k int) int { return int(math.Floor(newMoon(k) + 0.5 + ictDays)) }

// sunLongitude returns the sun's apparent longitude, in radians from 0 to
// 2π, at Julian date jd (Meeus, ch. 25, low accuracy).
func sunLongitude(jd float64) float64 {
	const rad = math.Pi / 180
	t := (jd - 2451545.0) / 36525 // Julian centuries since J2000.0
	t2 := t * t
	m := (357.52910 + 35999.05030*t - 0.0001559*t2 - 0.00000048*t*t2) * rad // mean anomaly
	l0 := 280.46645 + 36000.76983*t + 0.0003032*t2                          // mean longitude, degrees
	center := (1.914600-0.004817*t-0.000014*t2)*math.Sin(m) +
		(0.019993-0.000101*t)*math.Sin(2*m) + 0.000290*math.Sin(3*m)
	l := math.Mod((l0+center)*rad, 2*math.Pi)
	if l < 0 {
		l += 2 * math.Pi
	}
	return l
}

// sunSector returns which 30° sector of the ecliptic, 0 to 11, the sun is
// in at the start of day jdn at UTC+7. A month in whose first days the
// sector does not change holds no Trung khí; sector 9 starts at the
// winter solstice.
func sunSector(jdn int) int {
	return int(sunLongitude(float64(jdn)-0.5-ictDays) / math.Pi * 6)
}

// monthNumber returns the number of the new moon that starts the month
// beginning on day jdn, or the nearest one when jdn starts no month.
func monthNumber(jdn int) int {
	return int(math.Floor((float64(jdn)-newMoon0)/synodicMonth + 0.5))
}

// month11 returns the Julian day number of the first day of month 11, the
// month that holds the winter solstice of Gregorian year y.
func month11(y int) int {
	end := julianDay(Date{y, 12, 31}.days())
	k := int(math.Floor(float64(end-2415021) / synodicMonth))
	start := newMoonDay(k)
	if sunSector(start) >= 9 { // the month began after the solstice
		start = newMoonDay(k - 1)
	}
	return start
}

// leapMonthIndex returns, for a lunar year of 13 months whose month 11
// starts on day a11, the place of its leap month counted from month 11
// (1 is the month after month 11): the first month without a Trung khí.
func leapMonthIndex(a11 int) int {
	k := monthNumber(a11)
	last, i := 0, 1
	sector := sunSector(newMoonDay(k + i))
	for {
		last = sector
		i++
		sector = sunSector(newMoonDay(k + i))
		if sector == last || i >= 14 {
			return i - 1
		}
	}
}

// LunarOf returns the day of the Vietnamese lunar calendar that d is.
func LunarOf(d Date) LunarDate {
	day := julianDay(d.days())
	k := int(math.Floor((float64(day) - newMoon0) / synodicMonth))
	start := newMoonDay(k + 1)
	if start > day {
		start = newMoonDay(k)
	}
	// a11 and b11: the months 11 before and after d.
	a11, b11 := month11(d.Year), 0
	year := d.Year
	if a11 >= start {
		b11, a11 = a11, month11(d.Year-1)
	} else {
		year++
		b11 = month11(d.Year + 1)
	}
	l := LunarDate{Day: day - start + 1}
	diff := (start - a11) / 29 // whole months since month 11
	l.Month = diff + 11
	if b11-a11 > 365 { // 13 months: a leap year
		if leap := leapMonthIndex(a11); diff >= leap {
			l.Month = diff + 10
			l.Leap = diff == leap
		}
	}
	if l.Month > 12 {
		l.Month -= 12
	}
	if l.Month >= 11 && diff < 4 {
		year--
	}
	l.Year = year
	return l
}

// Solar returns the Gregorian day of l, and false if l does not exist:
// a leap month that year does not have, or a day 30 of a month of 29
// days.
func (l LunarDate) Solar() (Date, bool) {
	if l.Month < 1 || l.Month > 12 || l.Day < 1 || l.Day > 30 {
		return Date{}, false
	}
	// Months 11 and 12 belong to the lunar year that ends in the next
	// Gregorian year, the others to the one that starts in this one.
	a11, b11 := month11(l.Year-1), month11(l.Year)
	if l.Month >= 11 {
		a11, b11 = b11, month11(l.Year+1)
	}
	off := (l.Month - 11 + 12) % 12 // months after month 11
	if b11-a11 > 365 {
		leap := leapMonthIndex(a11)
		leapMonth := (leap+9)%12 + 1 // the month the leap month repeats
		if l.Leap && l.Month != leapMonth {
			return Date{}, false
		}
		if l.Leap || off >= leap {
			off++
		}
	} else if l.Leap {
		return Date{}, false
	}
	start := newMoonDay(monthNumber(a11) + off)
	d := dateOfDays(start + l.Day - 1 - julianDay(0))
	if LunarOf(d) != l { // day 30 of a month of 29 days
		return Date{}, false
	}
	return d, true
}

// LunarNewYear returns mùng 1 Tết, the first day of the lunar year that
// begins in Gregorian year y.
func LunarNewYear(y int) Date {
	d, _ := LunarDate{Year: y, Month: 1, Day: 1}.Solar()
	return d
}
