package store

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

const testHash = "$2a$04$abcdefghijklmnopqrstuuJm1Jc1b8oJ6dWl0Yk8v0zqvQh8g9Kq2"

func TestAddAccount(t *testing.T) {
	tests := []struct {
		name    string
		account Account
		wantErr error
	}{
		{"admin", Account{Name: "lan", Role: RoleAdmin, PasswordHash: testHash}, nil},
		{"editor with plans", Account{Name: "mai.ldtbxh", Role: RoleEditor, Plans: []string{"bdg-2019", "atgt"}, PasswordHash: testHash}, nil},
		{"viewer", Account{Name: "chu-tich", Role: RoleViewer, PasswordHash: testHash}, nil},
		{"name taken", Account{Name: "taken", Role: RoleViewer, PasswordHash: testHash}, ErrExists},
		{"upper case name", Account{Name: "Lan", Role: RoleAdmin, PasswordHash: testHash}, ErrInvalid},
		{"empty name", Account{Role: RoleAdmin, PasswordHash: testHash}, ErrInvalid},
		{"name with a space", Account{Name: "lan mai", Role: RoleAdmin, PasswordHash: testHash}, ErrInvalid},
		{"unknown role", Account{Name: "x", Role: "owner", PasswordHash: testHash}, ErrInvalid},
		{"viewer with plans", Account{Name: "y", Role: RoleViewer, Plans: []string{"a"}, PasswordHash: testHash}, ErrInvalid},
		{"no hash", Account{Name: "z", Role: RoleAdmin, PasswordHash: "secret"}, ErrInvalid},
	}
	clock := newClock()
	db := openTest(t, "", clock)
	if _, err := db.AddAccount(Account{Name: "taken", Role: RoleAdmin, PasswordHash: testHash}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.AddAccount(tt.account)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("AddAccount: got %v, want %v", err, tt.wantErr)
			}
			stored, gerr := db.Account(tt.account.Name)
			if tt.wantErr != nil {
				if tt.wantErr == ErrInvalid && !errors.Is(gerr, ErrNotFound) {
					t.Errorf("Account after a refused add: got %v, want ErrNotFound", gerr)
				}
				return
			}
			if gerr != nil {
				t.Fatal(gerr)
			}
			if !got.Created.Equal(clock.Now().Truncate(time.Second)) {
				t.Errorf("Created = %v, want %v", got.Created, clock.Now())
			}
			want := tt.account
			want.Plans = slices.Sorted(slices.Values(want.Plans))
			if stored.Name != want.Name || stored.Role != want.Role || !slices.Equal(stored.Plans, want.Plans) ||
				stored.PasswordHash != want.PasswordHash || !stored.Created.Equal(got.Created) {
				t.Errorf("stored %+v, want %+v", stored, want)
			}
		})
	}
}

// TestAccountRecord: the record is JSON with explicit field names, so
// that it reads the same whatever the Go names become.
func TestAccountRecord(t *testing.T) {
	db := openTest(t, "", newClock())
	if _, err := db.AddAccount(Account{Name: "mai", Role: RoleEditor, Plans: []string{"b", "a", "b"}, PasswordHash: testHash}); err != nil {
		t.Fatal(err)
	}
	var raw string
	db.view(func(tx *bolt.Tx) error {
		raw = string(tx.Bucket(bucketAccounts).Get([]byte("mai")))
		return nil
	})
	want := `{"name":"mai","role":"editor","plans":["a","b"],"password_hash":"` + testHash + `","created":"2019-03-08T00:30:00Z"}`
	if raw != want {
		t.Errorf("record:\ngot  %s\nwant %s", raw, want)
	}
}

func TestAccountChanges(t *testing.T) {
	db := openTest(t, "", newClock())
	for _, n := range []string{"mai", "lan"} {
		if _, err := db.AddAccount(Account{Name: n, Role: RoleViewer, PasswordHash: testHash}); err != nil {
			t.Fatal(err)
		}
	}
	newHash := "$2a$04$zyxwvutsrqponmlkjihgfeJm1Jc1b8oJ6dWl0Yk8v0zqvQh8g9Kq2"
	tests := []struct {
		name    string
		do      func() error
		wantErr error
	}{
		{"password", func() error { return db.SetAccountPassword("mai", newHash) }, nil},
		{"password of nobody", func() error { return db.SetAccountPassword("hoa", newHash) }, ErrNotFound},
		{"password not hashed", func() error { return db.SetAccountPassword("mai", "plain") }, ErrInvalid},
		{"remove", func() error { return db.RemoveAccount("lan") }, nil},
		{"remove again", func() error { return db.RemoveAccount("lan") }, ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.do(); !errors.Is(err, tt.wantErr) {
				t.Errorf("got %v, want %v", err, tt.wantErr)
			}
		})
	}
	all, err := db.Accounts()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || all[0].Name != "mai" || all[0].PasswordHash != newHash {
		t.Errorf("Accounts = %+v, want mai alone with the new hash", all)
	}
}

// TestAccountsSurviveReopen: the accounts are on disk, and a damaged
// record stops Open rather than reading as no account.
func TestAccountsSurviveReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nhacviec.db")
	db := openTest(t, path, nil)
	if _, err := db.AddAccount(Account{Name: "mai", Role: RoleAdmin, PasswordHash: testHash}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db = openTest(t, path, nil)
	if a, err := db.Account("mai"); err != nil || a.Role != RoleAdmin {
		t.Fatalf("after reopening: got %+v, %v", a, err)
	}
	db.bolt.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketAccounts).Put([]byte("mai"), []byte("{")) })
	db.Close()
	if db, err := Open(path, Options{}); !errors.Is(err, ErrCorrupt) {
		if err == nil {
			db.Close()
		}
		t.Errorf("Open with a damaged account: got %v, want ErrCorrupt", err)
	}
}

// TestAccountsInAnOlderStore: a store written before accounts existed
// has none, is read without a change of schema (status and ack open it
// read-only), and gets the accounts bucket with its first account.
func TestAccountsInAnOlderStore(t *testing.T) {
	path := olderStore(t, "v1.db")
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only Open of a store without accounts: %v", err)
	}
	if all, err := ro.Accounts(); err != nil || len(all) != 0 {
		t.Errorf("Accounts of a store without accounts: got %v, %v; want none", all, err)
	}
	if _, err := ro.Account("mai"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Account of a store without accounts: got %v, want ErrNotFound", err)
	}
	ro.Close()
	db := openTest(t, path, nil)
	if _, err := db.AddAccount(Account{Name: "mai", Role: RoleViewer, PasswordHash: testHash}); err != nil {
		t.Fatal(err)
	}
	if a, err := db.Account("mai"); err != nil || a.Role != RoleViewer {
		t.Errorf("Account after the first add: got %+v, %v", a, err)
	}
	var schema string
	db.view(func(tx *bolt.Tx) error { schema = string(tx.Bucket(bucketMeta).Get(keySchema)); return nil })
	if schema != "1" {
		t.Errorf("schema = %q, want 1", schema)
	}
}
