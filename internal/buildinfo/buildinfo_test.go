package buildinfo

import (
	"runtime/debug"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	tests := []struct {
		name string
		bi   debug.BuildInfo
		want Info
	}{
		{
			name: "go build in a checkout",
			bi: debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "github.com/nhacviec/nhacviec", Version: "v0.3.1-0.20261204201500-6d77679abcde+dirty"},
				Settings: []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "6d77679abcdef"}, {Key: "vcs.time", Value: "2026-12-04T20:15:00Z"}, {Key: "vcs.modified", Value: "true"}}},
			want: Info{Version: "v0.3.1-0.20261204201500-6d77679abcde+dirty", Revision: "6d77679abcdef", Time: "2026-12-04T20:15:00Z", Modified: true, GoVersion: "go1.26.0"},
		},
		{
			name: "go install of a tagged version",
			bi:   debug.BuildInfo{GoVersion: "go1.26.1", Main: debug.Module{Path: "github.com/nhacviec/nhacviec", Version: "v1.2.3"}},
			want: Info{Version: "v1.2.3", Revision: "unknown", GoVersion: "go1.26.1"},
		},
		{
			name: "a test binary",
			bi:   debug.BuildInfo{GoVersion: "go1.26.0"},
			want: Info{Version: "unknown", Revision: "unknown", GoVersion: "go1.26.0"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fromBuildInfo(&tt.bi); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestReadOverride(t *testing.T) {
	old := version
	t.Cleanup(func() { version = old })
	version = "v9.9.9"
	if got := Read().Version; got != "v9.9.9" {
		t.Errorf("got version %q, want the -ldflags one v9.9.9", got)
	}
}
