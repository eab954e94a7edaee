package store

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestVersions saves, lists, diffs, notes a disk edit and restores, on a
// real store that is reopened on the way.
func TestVersions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nhacviec.db")
	clock := newClock()
	db := openTest(t, path, clock)
	const doc = "bdg-2019"

	if _, err := db.LatestVersion(doc); !errors.Is(err, ErrNotFound) {
		t.Fatalf("LatestVersion of a new store: got %v, want ErrNotFound", err)
	}
	if vs, err := db.Versions(doc); err != nil || len(vs) != 0 {
		t.Fatalf("Versions of a new store: got %v, %v, want none", vs, err)
	}

	v1text := []byte("# kế hoạch\nid: bdg-2019\ntitle: Cũ\nyear: 2019\n")
	v1, added, err := db.NoteDiskVersion(doc, v1text)
	if err != nil || !added || v1.N != 1 || v1.Who != DiskAuthor || v1.Diff != "" {
		t.Fatalf("first NoteDiskVersion: got %+v, %t, %v, want version 1 by disk without a diff", v1, added, err)
	}
	if _, added, err := db.NoteDiskVersion(doc, v1text); err != nil || added {
		t.Fatalf("NoteDiskVersion of the same text: got added=%t, %v, want nothing recorded", added, err)
	}

	clock.Add(time.Hour)
	v2text := []byte("# kế hoạch\nid: bdg-2019\ntitle: Mới\nyear: 2019\n")
	v2, err := db.SaveVersion(doc, "thao", v2text)
	if err != nil {
		t.Fatal(err)
	}
	wantDiff := "--- a/bdg-2019\n+++ b/bdg-2019\n@@ -1,4 +1,4 @@\n # kế hoạch\n id: bdg-2019\n-title: Cũ\n+title: Mới\n year: 2019\n"
	if v2.N != 2 || v2.Who != "thao" || !v2.At.Equal(clock.Now()) || v2.Diff != wantDiff {
		t.Fatalf("SaveVersion: got N=%d who=%s at=%v diff\n%s\nwant 2, thao, %v, diff\n%s", v2.N, v2.Who, v2.At, v2.Diff, clock.Now(), wantDiff)
	}
	if v2.Hash != ContentHash(v2text) || v2.Hash == v1.Hash || len(v2.Hash) != 64 {
		t.Errorf("hash %q: want the SHA-256 of the text, different from version 1's", v2.Hash)
	}

	// The administrator edits the file on disk; the daemon reloads.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = openTest(t, path, clock)
	v3text := []byte("# kế hoạch\nid: bdg-2019\ntitle: Mới\nyear: 2019\nowner: ldtbxh\n")
	v3, added, err := db.NoteDiskVersion(doc, v3text)
	if err != nil || !added || v3.N != 3 || v3.Who != DiskAuthor || !strings.Contains(v3.Diff, "+owner: ldtbxh\n") {
		t.Fatalf("NoteDiskVersion after an edit: got %+v, %t, %v, want version 3 by disk adding owner", v3, added, err)
	}

	// Restore version 1: a new version with its text.
	old, err := db.Version(doc, 1)
	if err != nil || string(old.Text) != string(v1text) {
		t.Fatalf("Version(1): got %q, %v, want %q", old.Text, err, v1text)
	}
	v4, err := db.SaveVersion(doc, "thao", old.Text)
	if err != nil || v4.N != 4 || v4.Hash != v1.Hash {
		t.Fatalf("restore: got %+v, %v, want version 4 with version 1's hash", v4, err)
	}

	vs, err := db.Versions(doc)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range vs {
		got = append(got, string(rune('0'+v.N))+v.Who)
	}
	if strings.Join(got, " ") != "4thao 3disk 2thao 1disk" {
		t.Errorf("Versions: got %v, want newest first: 4thao 3disk 2thao 1disk", got)
	}
	if last, err := db.LatestVersion(doc); err != nil || last.N != 4 || string(last.Text) != string(v1text) {
		t.Errorf("LatestVersion: got %d %q, %v, want 4 with version 1's text", last.N, last.Text, err)
	}
	if _, err := db.Version(doc, 9); !errors.Is(err, ErrNotFound) {
		t.Errorf("Version(9): got %v, want ErrNotFound", err)
	}
	if vs, err := db.Versions("other"); err != nil || len(vs) != 0 {
		t.Errorf("Versions of another document: got %d, %v, want none", len(vs), err)
	}
	if _, err := db.SaveVersion(doc, "", v1text); !errors.Is(err, ErrInvalid) {
		t.Errorf("SaveVersion without an author: got %v, want ErrInvalid", err)
	}
}

// TestDiff compares Diff's hunks with those of diff -u on the same files.
func TestDiff(t *testing.T) {
	long := func(edit func([]string)) string {
		var ls []string
		for i := range 40 {
			ls = append(ls, "dòng "+string(rune('a'+i%26))+strings.Repeat("x", i))
		}
		edit(ls)
		return strings.Join(ls, "\n") + "\n"
	}
	tests := []struct{ name, a, b string }{
		{"one line changed", "a\nb\nc\n", "a\nB\nc\n"},
		{"added at the end", "a\nb\n", "a\nb\nc\nd\n"},
		{"added at the start", "b\nc\n", "a\nb\nc\n"},
		{"removed", "a\nb\nc\nd\n", "a\nd\n"},
		{"no newline at the end", "a\nb", "a\nc"},
		{"newline added at the end", "a\nb", "a\nb\n"},
		{"from empty", "", "a\nb\n"},
		{"to empty", "a\nb\n", ""},
		{"two hunks", long(func(ls []string) {}), long(func(ls []string) { ls[2] = "hai"; ls[30] = "ba mươi" })},
		{"hunks joined", long(func(ls []string) {}), long(func(ls []string) { ls[10] = "mười"; ls[16] = "mười sáu" })},
		{"equal", "a\n", "a\n"},
	}
	if _, err := exec.LookPath("diff"); err != nil {
		t.Fatal("diff is needed to check Diff: install diffutils")
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
			if err := os.WriteFile(a, []byte(tt.a), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(b, []byte(tt.b), 0o600); err != nil {
				t.Fatal(err)
			}
			out, _ := exec.Command("diff", "-u", a, b).Output()
			want := string(out)
			if i := strings.Index(want, "@@"); i >= 0 {
				want = "--- a\n+++ b\n" + want[i:]
			}
			got := Diff("a", "b", []byte(tt.a), []byte(tt.b))
			if got != want {
				t.Errorf("got\n%s\nwant (diff -u)\n%s", got, want)
			}
		})
	}
}
