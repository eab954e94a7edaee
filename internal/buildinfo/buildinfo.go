// Package buildinfo says which nhacviec this binary is: the module version
// and the VCS revision Go records in every binary it builds, and the Go
// version that built it. `nhacviec version` prints them and /metrics
// exports them as nhacviec_build_info.
package buildinfo

import (
	"runtime"
	"runtime/debug"
)

// version overrides the module version when set at build time with
// -ldflags "-X github.com/nhacviec/nhacviec/internal/buildinfo.version=v1.2.3",
// for a build from a source tarball, which Go cannot stamp.
var version string

// Info is what the binary knows of its own build.
type Info struct {
	// Version is the module version: v1.2.3 when installed with
	// `go install …@v1.2.3`, a pseudo-version or "(devel)" when built in a
	// checkout; "unknown" when Go recorded nothing (a test binary).
	Version string
	// Revision is the VCS commit the binary was built from, "unknown" when
	// Go recorded none (go install of a module, -buildvcs=false).
	Revision string
	// Time is the commit's time (RFC 3339), empty when unknown.
	Time string
	// Modified is true when the working tree had uncommitted changes.
	Modified bool
	// GoVersion is the Go toolchain that built the binary.
	GoVersion string
}

// Read returns the build information Go recorded in the running binary.
func Read() Info {
	info := Info{Version: "unknown", Revision: "unknown", GoVersion: runtime.Version()}
	bi, ok := debug.ReadBuildInfo()
	if ok {
		info = fromBuildInfo(bi)
	}
	if version != "" {
		info.Version = version
	}
	return info
}

// fromBuildInfo picks what Info holds out of Go's record.
func fromBuildInfo(bi *debug.BuildInfo) Info {
	info := Info{Version: bi.Main.Version, Revision: "unknown", GoVersion: bi.GoVersion}
	if info.Version == "" {
		info.Version = "unknown"
	}
	if info.GoVersion == "" {
		info.GoVersion = runtime.Version()
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Revision = s.Value
		case "vcs.time":
			info.Time = s.Value
		case "vcs.modified":
			info.Modified = s.Value == "true"
		}
	}
	return info
}
