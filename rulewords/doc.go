// Package rulewords says a plan's rules for when something is sent in
// words and turns a form's choices into them, so that the officer never
// types cron or duration syntax: "mỗi thứ Hai lúc 8:00" is every: "0 8 * *
// MON", "3 ngày làm việc trước" is before: 3wd, and a rule typed in the
// YAML file is shown back in words.
package rulewords
