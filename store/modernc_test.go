package store_test

import (
	"os/exec"
	"strings"
	"testing"
)

// modernc.org/sqlite is a translation of SQLite's C that works only with
// the exact modernc.org/libc it was generated against; another library
// asking for a newer libc can silently break it. This test fails when the
// libc the module builds with is not the one modernc.org/sqlite names.
func TestModerncLibcPinned(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Path}} {{.Version}}", "modernc.org/sqlite", "modernc.org/libc").Output()
	if err != nil {
		t.Fatalf("go list -m: %v", err)
	}
	built := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if path, version, ok := strings.Cut(line, " "); ok {
			built[path] = version
		}
	}
	sqlite, libc := built["modernc.org/sqlite"], built["modernc.org/libc"]
	graph, err := exec.Command("go", "mod", "graph").Output()
	if err != nil {
		t.Fatalf("go mod graph: %v", err)
	}
	prefix := "modernc.org/sqlite@" + sqlite + " modernc.org/libc@"
	for _, line := range strings.Split(string(graph), "\n") {
		if want, ok := strings.CutPrefix(line, prefix); ok {
			if want != libc {
				t.Fatalf("modernc.org/libc is %s but modernc.org/sqlite %s names %s: pin it with go get modernc.org/libc@%s", libc, sqlite, want, want)
			}
			return
		}
	}
	t.Fatalf("go mod graph does not show which libc modernc.org/sqlite %s needs", sqlite)
}
