package langtest

import (
	"errors"
	"testing"

	"github.com/nhacviec/nhacviec/lang"
)

// recorder is a testing.TB that only remembers whether it failed.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true; panic(r) }

func check(err error, key string, mention ...string) (failed bool) {
	r := &recorder{}
	defer func() {
		if p := recover(); p != nil && p != r {
			panic(p)
		}
		failed = r.failed
	}()
	Check(r, err, key, mention...)
	return r.failed
}

func TestCheck(t *testing.T) {
	key := "file.missing" // a key of the catalogue, with one %s
	msg := lang.Message{Key: key, Args: []any{"cauhinh.yaml"}}
	tests := []struct {
		name    string
		err     error
		key     string
		mention []string
		fail    bool
	}{
		{"no error wanted, none", nil, "", nil, false},
		{"no error wanted, one", msg, "", nil, true},
		{"the message, naming its value", msg, key, []string{"cauhinh.yaml"}, false},
		{"the message, not naming a value", msg, key, []string{"other.yaml"}, true},
		{"another key", msg, "file.empty", nil, true},
		{"not a message", errors.New("plain"), key, nil, true},
		{"a key outside the catalogue", lang.Message{Key: "no.such.key"}, "no.such.key", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := check(tt.err, tt.key, tt.mention...); got != tt.fail {
				t.Errorf("got failed %v, want %v", got, tt.fail)
			}
		})
	}
}
