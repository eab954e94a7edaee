package store

import (
	"errors"
	"maps"
	"path/filepath"
	"testing"
)

func TestPauseResume(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nhacviec.db")
	db := openTest(t, path, newClock())

	got, err := db.PausedTasks()
	if err != nil {
		t.Fatal(err)
	}
	if got == nil || len(got) != 0 {
		t.Fatalf("got %v in a new store, want an empty map", got)
	}
	if p, err := db.Paused("bdg-2019", "thang-hanh-dong"); err != nil || p {
		t.Fatalf("got paused=%t, %v in a new store, want false", p, err)
	}

	steps := []struct {
		plan, task string
		paused     bool
		want       map[string]bool
	}{
		{"bdg-2019", "thang-hanh-dong", true, map[string]bool{"bdg-2019/thang-hanh-dong": true}},
		{"bdg-2019", "thang-hanh-dong", true, map[string]bool{"bdg-2019/thang-hanh-dong": true}}, // again: no change
		{"bdg-2019", "le-phat-dong", true, map[string]bool{"bdg-2019/thang-hanh-dong": true, "bdg-2019/le-phat-dong": true}},
		{"bdg-2019", "thang-hanh-dong", false, map[string]bool{"bdg-2019/le-phat-dong": true}},
		{"bdg-2019", "thang-hanh-dong", false, map[string]bool{"bdg-2019/le-phat-dong": true}}, // resume a running task
	}
	for i, s := range steps {
		if err := db.SetPaused(s.plan, s.task, s.paused); err != nil {
			t.Fatalf("step %d: SetPaused(%s, %s, %t): %v", i, s.plan, s.task, s.paused, err)
		}
		got, err := db.PausedTasks()
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(got, s.want) {
			t.Errorf("step %d: got %v, want %v", i, got, s.want)
		}
		if p, err := db.Paused(s.plan, s.task); err != nil || p != s.paused {
			t.Errorf("step %d: got Paused=%t, %v, want %t", i, p, err, s.paused)
		}
	}

	// It survives a restart.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = openTest(t, path, nil)
	if p, err := db.Paused("bdg-2019", "le-phat-dong"); err != nil || !p {
		t.Fatalf("got paused=%t, %v after reopening, want true", p, err)
	}
	if key := PauseKey("bdg-2019", "le-phat-dong"); key != "bdg-2019/le-phat-dong" {
		t.Errorf("got PauseKey %q", key)
	}
}

func TestPauseInvalid(t *testing.T) {
	db := openTest(t, "", nil)
	for _, c := range [][2]string{{"", "t"}, {"p", ""}, {"a/b", "c"}} {
		if err := db.SetPaused(c[0], c[1], true); !errors.Is(err, ErrInvalid) {
			t.Errorf("SetPaused(%q, %q): got %v, want ErrInvalid", c[0], c[1], err)
		}
		if _, err := db.Paused(c[0], c[1]); !errors.Is(err, ErrInvalid) {
			t.Errorf("Paused(%q, %q): got %v, want ErrInvalid", c[0], c[1], err)
		}
	}
}

func TestPauseReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nhacviec.db")
	db := openTest(t, path, nil)
	if err := db.SetPaused("p", "t", true); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if p, err := ro.Paused("p", "t"); err != nil || !p {
		t.Fatalf("read-only: got %t, %v, want true", p, err)
	}
	if err := ro.SetPaused("p", "t", false); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("got %v, want ErrReadOnly", err)
	}
}
