package store

import (
	"path/filepath"
	"testing"
)

func TestSecretSurvivesReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nhacviec.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v, err := db.Secret("zalo"); err != nil || v != "" {
		t.Fatalf("Secret before any: got %q, %v, want \"\", nil", v, err)
	}
	for _, v := range []string{"first", "second"} {
		if err := db.SetSecret("zalo", v); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, err := db.Secret("zalo"); err != nil || v != "second" {
		t.Fatalf("Secret after reopen: got %q, %v, want \"second\", nil", v, err)
	}
}
