package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCheckStopsWhenInterrupted runs check with the context main cancels
// on SIGINT or SIGTERM already done: it stops, says so, and does not call
// the configuration valid.
func TestCheckStopsWhenInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	e := &env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, now: time.Now}
	code := Main(ctx, []string{"check", "-c", filepath.Join("..", "..", "config.example.yaml")}, e)
	if code != exitInvalid {
		t.Errorf("got exit code %d, want %d", code, exitInvalid)
	}
	if got := stdout.String(); !strings.Contains(got, "việc kiểm tra bị dừng giữa chừng (ngắt)") || strings.Contains(got, "hợp lệ:") {
		t.Errorf("got output\n%s\nwant the interruption, and no verdict", got)
	}
}
