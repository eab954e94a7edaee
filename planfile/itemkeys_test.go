package planfile_test

import (
	"errors"
	"testing"

	"github.com/nhacviec/nhacviec/planfile"
)

const itemSrc = `tasks:
  - id: a   # việc a
    remind:
      - at: "08:00"    # giờ nhắc
        before: 3d     # ba ngày
        to:
          - ubnd
      - before: 7d
    deadlines: []   # chưa có hạn
  - id: b
    remind:
      - before: 1d   # một ngày
    deadlines:
  - id: c
    remind:
      - at: "07:00"
        # nhắc trước
        before: 2d
# cuối
`

// TestItemKeysAndEmptyLists deletes the first key of a list's item, the
// last item of a list (which leaves "[]") and inserts into an empty list
// ("[]" or no value), comparing the whole file; and refuses paths with an
// empty key instead of editing the node before it.
func TestItemKeysAndEmptyLists(t *testing.T) {
	item := newItem(t, "before: 2d\n")
	tests := []struct {
		name  string
		edits []planfile.Edit
		want  string
		err   error
	}{
		{"first key of an item", []planfile.Edit{{Op: planfile.OpDelete, Path: "tasks[0].remind[0].at"}},
			replace(t, itemSrc, `      - at: "08:00"    # giờ nhắc
        before: 3d`, `      - before: 3d`), nil},
		{"first key, then the next", []planfile.Edit{
			{Op: planfile.OpDelete, Path: "tasks[0].remind[0].at"},
			{Op: planfile.OpDelete, Path: "tasks[0].remind[0].before"}},
			replace(t, itemSrc, `      - at: "08:00"    # giờ nhắc
        before: 3d     # ba ngày
        to:`, `      - to:`), nil},
		{"first key, the next one's comment kept above the dash", []planfile.Edit{{Op: planfile.OpDelete, Path: "tasks[2].remind[0].at"}},
			replace(t, itemSrc, "      - at: \"07:00\"\n        # nhắc trước\n        before: 2d\n", "      # nhắc trước\n      - before: 2d\n"), nil},
		{"the only key of an item", []planfile.Edit{{Op: planfile.OpDelete, Path: "tasks[0].remind[1].before"}}, "", planfile.ErrCannotEdit},
		{"the last item leaves []", []planfile.Edit{{Op: planfile.OpDelete, Path: "tasks[1].remind[0]"}},
			replace(t, itemSrc, "    remind:\n      - before: 1d   # một ngày\n", "    remind: []\n"), nil},
		{"emptied, then filled", []planfile.Edit{
			{Op: planfile.OpDelete, Path: "tasks[1].remind[0]"},
			{Op: planfile.OpInsert, Path: "tasks[1].remind", Item: item}},
			replace(t, itemSrc, "      - before: 1d   # một ngày\n", "      - before: 2d\n"), nil},
		{"insert into []", []planfile.Edit{{Op: planfile.OpInsert, Path: "tasks[0].deadlines", Item: newItem(t, "id: bc\ndue: 20/12\n")}},
			replace(t, itemSrc, "    deadlines: []   # chưa có hạn\n", "    deadlines:   # chưa có hạn\n      - id: bc\n        due: 20/12\n"), nil},
		{"insert into no value", []planfile.Edit{{Op: planfile.OpInsert, Path: "tasks[1].deadlines", Item: item}},
			replace(t, itemSrc, "    deadlines:\n  - id: c", "    deadlines:\n      - before: 2d\n  - id: c"), nil},
		{"insert into [] past its end", []planfile.Edit{{Op: planfile.OpInsert, Path: "tasks[0].deadlines", Item: item, To: 1}}, "", planfile.ErrNoPath},
		{"a path ending in a dot", []planfile.Edit{{Op: planfile.OpDelete, Path: "tasks[0].remind[0]."}}, "", planfile.ErrNoPath},
		{"an empty key inside", []planfile.Edit{{Op: planfile.OpDelete, Path: "tasks[0]..remind"}}, "", planfile.ErrNoPath},
		{"an empty key before an index", []planfile.Edit{{Op: planfile.OpDelete, Path: "tasks[0].[1]"}}, "", planfile.ErrNoPath},
		{"set at a path ending in a dot", []planfile.Edit{{Op: planfile.OpSet, Path: "tasks[0].", Value: "x"}}, "", planfile.ErrNoPath},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := planfile.Apply([]byte(itemSrc), tt.edits...)
			if !errors.Is(err, tt.err) {
				t.Fatalf("got error %v, want %v", err, tt.err)
			}
			if tt.err != nil {
				return
			}
			cmpText(t, got, tt.want)
		})
	}
}
