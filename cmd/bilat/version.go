package main

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is set at link time: go build -ldflags "-X main.version=v1.2.0".
// When it is not, the build information gives one.
var version string

func versionCommand() *command {
	return &command{
		name:    "version",
		summary: "print the version of bilat and of Go",
		help:    "Version prints the version of bilat, the Go version it was built with, and the platform.",
		maxArgs: 0,
		setup: func(m *Main, _ *flag.FlagSet) action {
			return func(context.Context, []string) error {
				_, err := fmt.Fprintf(m.Stdout, "bilat %s %s %s/%s\n", buildVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
				return err
			}
		},
	}
}

// buildVersion returns the linked-in version, else the module version, else
// the VCS revision of the build ("devel" with it when the tree was modified).
func buildVersion() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", ""
	for _, s := range info.Settings {
		switch {
		case s.Key == "vcs.revision" && len(s.Value) >= 12:
			rev = "-" + s.Value[:12]
		case s.Key == "vcs.modified" && s.Value == "true":
			dirty = "-dirty"
		}
	}
	return "devel" + rev + dirty
}
