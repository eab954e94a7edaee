package notify

import (
	"errors"
	"fmt"
	"io"
	"testing"
)

func TestTemporary(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil is no failure", nil, false},
		{"unmarked counts as temporary", io.ErrUnexpectedEOF, true},
		{"temporary", Temporary(io.EOF), true},
		{"permanent", Permanent(io.EOF), false},
		{"permanent through wrapping", fmt.Errorf("send: %w", Permanent(io.EOF)), false},
		{"temporary through wrapping", fmt.Errorf("send: %w", Temporary(io.EOF)), true},
		{"the outermost mark wins", Temporary(fmt.Errorf("retry: %w", Permanent(io.EOF))), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsTemporary(tt.err); got != tt.want {
				t.Errorf("IsTemporary(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
	if Temporary(nil) != nil || Permanent(nil) != nil {
		t.Errorf("marking nil gives an error, want nil")
	}
	err := Permanent(fmt.Errorf("smtp: %w", io.EOF))
	if !errors.Is(err, io.EOF) || err.Error() != "smtp: EOF" {
		t.Errorf("Permanent hides its error: %q", err)
	}
}
