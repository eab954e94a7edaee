package planfile_test

import (
	"testing"

	"github.com/nhacviec/nhacviec/planfile"
)

func TestSetAddsMapping(t *testing.T) {
	src := lines(
		"units:",
		"  # the first unit",
		"  a:",
		"    name: A",
		"plans: []   # none yet")
	item := newItem(t, "name: Thôn B\ncontacts:\n  - phone: \"0912 345 678\"\n")
	got, err := planfile.Apply([]byte(src), planfile.Edit{Op: planfile.OpSet, Path: "units.b", Item: item})
	if err != nil {
		t.Fatal(err)
	}
	want := lines(
		"units:",
		"  # the first unit",
		"  a:",
		"    name: A",
		"  b:",
		"    name: Thôn B",
		"    contacts:",
		"      - phone: \"0912 345 678\"",
		"plans: []   # none yet")
	cmpText(t, got, want)
	// A mapping set over a key that is there replaces its value in place.
	got, err = planfile.Apply([]byte(src), planfile.Edit{Op: planfile.OpSet, Path: "units.a", Item: item})
	if err != nil {
		t.Fatal(err)
	}
	cmpText(t, got, lines(
		"units:",
		"  # the first unit",
		"  a:",
		"    name: Thôn B",
		"    contacts:",
		"      - phone: \"0912 345 678\"",
		"plans: []   # none yet"))
}
