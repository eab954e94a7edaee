package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// bucketAccounts holds the accounts of the web pages, made by the first
// one: key the account's name, value its Account as JSON.
var bucketAccounts = []byte("accounts")

// ErrExists means a record to create is already there.
var ErrExists = errors.New("already exists")

// Role is what an account may do on the web pages.
type Role string

// The roles: an admin does everything, an editor edits the plans named
// for her, a viewer only looks.
const (
	RoleAdmin  Role = "admin"
	RoleEditor Role = "editor"
	RoleViewer Role = "viewer"
)

// Account is a person who signs in to the web pages. The password is
// kept only as its bcrypt hash.
type Account struct {
	Name string `json:"name"`
	Role Role   `json:"role"`
	// Plans are the ids of the plans an editor may edit; empty for the
	// other roles.
	Plans        []string  `json:"plans,omitempty"`
	PasswordHash string    `json:"password_hash"`
	Created      time.Time `json:"created"`
}

// accountName is what a name may be: it is typed at a login prompt and
// on the command line.
var accountName = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,31}$`)

// ValidAccountName reports whether name may name an account: 1 to 32
// lowercase ASCII letters, digits, '.', '_' or '-', starting with a
// letter or a digit.
func ValidAccountName(name string) bool { return accountName.MatchString(name) }

// Valid reports whether r is one of the three roles.
func (r Role) Valid() bool { return r == RoleAdmin || r == RoleEditor || r == RoleViewer }

// check reports what makes a an account the store does not take.
func (a Account) check() error {
	switch {
	case !ValidAccountName(a.Name):
		return fmt.Errorf("%w: account name %q: use 1 to 32 lowercase letters, digits, '.', '_' or '-'", ErrInvalid, a.Name)
	case !a.Role.Valid():
		return fmt.Errorf("%w: account %s: role %q is none of admin, editor, viewer", ErrInvalid, a.Name, a.Role)
	case a.Role != RoleEditor && len(a.Plans) > 0:
		return fmt.Errorf("%w: account %s: only an editor is given plans", ErrInvalid, a.Name)
	case !strings.HasPrefix(a.PasswordHash, "$2"):
		return fmt.Errorf("%w: account %s has no bcrypt hash", ErrInvalid, a.Name)
	}
	return nil
}

// AddAccount stores a new account, stamped with the time it was created,
// and returns it; ErrExists if the name is taken, ErrInvalid if a is not
// well formed.
func (db *DB) AddAccount(a Account) (Account, error) {
	if err := a.check(); err != nil {
		return Account{}, fmt.Errorf("add account: %w", err)
	}
	a.Created = db.now().UTC().Truncate(time.Second)
	err := db.update(func(tx *bolt.Tx) error {
		// Made by the first account, as the paused tasks' bucket is: a
		// store without accounts keeps its schema.
		b, err := tx.CreateBucketIfNotExists(bucketAccounts)
		if err != nil {
			return err
		}
		if b.Get([]byte(a.Name)) != nil {
			return ErrExists
		}
		return putAccount(b, a)
	})
	if err != nil {
		return Account{}, fmt.Errorf("add account %s: %w", a.Name, err)
	}
	return a, nil
}

// SetAccountPassword replaces the bcrypt hash of an account's password;
// ErrNotFound if there is no such account.
func (db *DB) SetAccountPassword(name, hash string) error {
	err := db.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAccounts)
		if b == nil {
			return ErrNotFound // no account yet
		}
		a, err := getAccount(b, name)
		if err != nil {
			return err
		}
		a.PasswordHash = hash
		if err := a.check(); err != nil {
			return err
		}
		return putAccount(b, a)
	})
	if err != nil {
		return fmt.Errorf("set password of account %s: %w", name, err)
	}
	return nil
}

// RemoveAccount deletes an account; ErrNotFound if there is none.
func (db *DB) RemoveAccount(name string) error {
	err := db.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAccounts)
		if b == nil {
			return ErrNotFound // no account yet
		}
		if b.Get([]byte(name)) == nil {
			return ErrNotFound
		}
		return b.Delete([]byte(name))
	})
	if err != nil {
		return fmt.Errorf("remove account %s: %w", name, err)
	}
	return nil
}

// Account returns the account called name; ErrNotFound if there is none.
func (db *DB) Account(name string) (Account, error) {
	var a Account
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAccounts)
		if b == nil {
			return ErrNotFound // no account yet
		}
		var err error
		a, err = getAccount(b, name)
		return err
	})
	if err != nil {
		return Account{}, fmt.Errorf("account %s: %w", name, err)
	}
	return a, nil
}

// Accounts returns every account, in order of name.
func (db *DB) Accounts() ([]Account, error) {
	var out []Account
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAccounts)
		if b == nil {
			return nil // no account yet
		}
		return b.ForEach(func(k, v []byte) error {
			a, err := decodeAccount(k, v)
			if err != nil {
				return err
			}
			out = append(out, a)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("accounts: %w", err)
	}
	return out, nil
}

func getAccount(b *bolt.Bucket, name string) (Account, error) {
	v := b.Get([]byte(name))
	if v == nil {
		return Account{}, ErrNotFound
	}
	return decodeAccount([]byte(name), v)
}

func putAccount(b *bolt.Bucket, a Account) error {
	a.Plans = slices.Clone(a.Plans)
	slices.Sort(a.Plans)
	a.Plans = slices.Compact(a.Plans)
	v, err := json.Marshal(a)
	if err != nil {
		return err
	}
	return b.Put([]byte(a.Name), v)
}

// decodeAccount reads an account record; a record that does not decode,
// or is not the account of its key, is damage.
func decodeAccount(k, v []byte) (Account, error) {
	var a Account
	if err := json.Unmarshal(v, &a); err != nil || a.Name != string(k) {
		return Account{}, corrupt("account record %q", k)
	}
	return a, nil
}
