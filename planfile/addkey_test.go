package planfile_test

import (
	"errors"
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
	// A mapping does not replace a key that is there.
	_, err = planfile.Apply([]byte(src), planfile.Edit{Op: planfile.OpSet, Path: "units.a", Item: item})
	if !errors.Is(err, planfile.ErrCannotEdit) {
		t.Errorf("got %v setting a mapping over a key, want ErrCannotEdit", err)
	}
}
