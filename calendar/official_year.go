package calendar

import (
	"bytes"
	"embed"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"
)

// officialFiles holds the government's decisions, one file a year
// (official/2019.yaml): which days around Tết, 30/4 and 2/9 are off, which
// days are in lieu, which Saturdays are worked in exchange. A year without
// a file follows the Labour Code's rules (ruleDays).
//
//go:embed official/*.yaml
var officialFiles embed.FS

// yearFile is the form of a yearly file.
type yearFile struct {
	Year int `yaml:"year"`
	// Source names the decision the days come from.
	Source string `yaml:"source"`
	Off    []struct {
		// Date is a day or a range of days, as in service.holidays.
		Date    string   `yaml:"date"`
		Holiday Occasion `yaml:"holiday"`
		// InLieuOf makes the day a day in lieu of that holiday (nghỉ bù).
		InLieuOf string `yaml:"in_lieu_of"`
		// WorkOn makes the day a swapped day (nghỉ hoán đổi), worked on
		// that weekend day instead (làm bù).
		WorkOn string `yaml:"work_on"`
	} `yaml:"off"`
}

// yearFiles returns the days of each yearly file, by year, in date order;
// they are read once.
var yearFiles = sync.OnceValues(func() (map[int][]Day, error) {
	names, err := officialFiles.ReadDir("official")
	if err != nil {
		return nil, fmt.Errorf("read official calendars: %w", err)
	}
	files := map[int][]Day{}
	for _, e := range names {
		name := path.Join("official", e.Name())
		data, err := officialFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		y, days, err := parseYearFile(e.Name(), data)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		files[y] = days
	}
	return files, nil
})

// parseYearFile parses the yearly file name (YYYY.yaml) holding data.
func parseYearFile(name string, data []byte) (int, []Day, error) {
	var f yearFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return 0, nil, err
	}
	if y, err := strconv.Atoi(strings.TrimSuffix(name, ".yaml")); err != nil || y != f.Year {
		return 0, nil, fmt.Errorf("year %d does not match the file's name", f.Year)
	}
	if f.Year < FirstOfficialYear || f.Year > LastOfficialYear {
		return 0, nil, fmt.Errorf("year %d is outside %d..%d", f.Year, FirstOfficialYear, LastOfficialYear)
	}
	if strings.TrimSpace(f.Source) == "" {
		return 0, nil, fmt.Errorf("no source: name the decision the days come from")
	}
	var days []Day
	for _, o := range f.Off {
		h, err := ParseHoliday(o.Date, 0)
		if err != nil || h.Annual {
			return 0, nil, fmt.Errorf("date %q: a day or a range of days with their year", o.Date)
		}
		if !slices.Contains(occasions, o.Holiday) {
			return 0, nil, fmt.Errorf("date %q: unknown holiday %q", o.Date, o.Holiday)
		}
		day := Day{Kind: DayOff, Occasion: o.Holiday, Source: FromYear, Note: f.Source}
		switch {
		case o.InLieuOf != "" && o.WorkOn != "":
			return 0, nil, fmt.Errorf("date %q: a day is either in lieu or swapped, not both", o.Date)
		case o.InLieuOf != "":
			if day.Other, err = ParseDate(o.InLieuOf, 0); err != nil {
				return 0, nil, fmt.Errorf("date %q: in_lieu_of: %w", o.Date, err)
			}
			day.Kind = DayInLieu
		case o.WorkOn != "":
			work, err := ParseDate(o.WorkOn, 0)
			if err != nil {
				return 0, nil, fmt.Errorf("date %q: work_on: %w", o.Date, err)
			}
			if wd := work.Weekday(); wd != time.Saturday && wd != time.Sunday {
				return 0, nil, fmt.Errorf("date %q: work_on %s is a %s, not a weekend day", o.Date, work, wd)
			}
			if h.From != h.To {
				return 0, nil, fmt.Errorf("date %q: a swapped day is one day", o.Date)
			}
			day.Kind, day.Other = DaySwapped, work
			days = append(days, Day{Date: work, Kind: DayWorked, Occasion: o.Holiday, Other: h.From, Source: FromYear, Note: f.Source})
		}
		for d := h.From; !d.After(h.To); d = d.AddDays(1) {
			day.Date = d
			days = append(days, day)
		}
	}
	slices.SortStableFunc(days, compareDays)
	return f.Year, days, nil
}
