package plan

// Held is how many entries the iterator holds: one per rule in its heap,
// the SMS waiting out the quiet hours, and the notifications ready to go.
// It is exported for the external tests, which load configurations with
// package config (which imports plan).
func (it *Iter) Held() int { return len(it.h) + len(it.ready) - it.head }

// RepeatSuffix ends the rule key of a repeat of a reminder or distribution.
const RepeatSuffix = repeatSuffix
