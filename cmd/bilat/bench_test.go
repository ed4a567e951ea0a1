package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"bilat/schedule/lp"
)

// buildBilat builds the bilat binary for the benchmark's child processes,
// since the test binary is not bilat.
func buildBilat(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds bilat")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build bilat with")
	}
	bin := filepath.Join(t.TempDir(), "bilat")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// newTestBench returns a bench that prints into out and errs.
func newTestBench(exe string, out, errs *bytes.Buffer) *bench {
	m := &Main{Stdin: strings.NewReader(""), Stdout: out, Stderr: errs, Getenv: func(string) string { return "" }}
	return &bench{m: m, Exe: exe, TimeLimit: time.Second, Runs: 1}
}

// tableRows returns the rows of the printed table, as fields, by instance.
func tableRows(out string) map[string][]string {
	rows := map[string][]string{}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			rows[f[0]] = f
		}
	}
	return rows
}

func TestBench(t *testing.T) {
	bin := buildBilat(t)
	dir := t.TempDir()
	for name, doc := range map[string]string{"small.json": checkProblem, "stuck.json": solveInfeasible} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errs bytes.Buffer
	b := newTestBench(bin, &out, &errs)
	b.Runs, b.Greedy = 3, true
	_, err := exec.LookPath(lp.CBC)
	b.VsCBC = err == nil
	if err := b.run(context.Background(), []string{dir}); err != nil {
		t.Fatalf("bench: %v\n%s\n%s", err, out.String(), errs.String())
	}
	rows := tableRows(out.String())
	header := rows["instance"]
	want := []string{"instance", "meetings", "scheduled", "score", "bound"}
	if len(header) < len(want) || !slices.Equal(header[:len(want)], want) || !slices.Contains(header, "greedy") {
		t.Fatalf("header %q\n%s", header, out.String())
	}
	// Both meetings, weights 2 and 1 and m1's bonus of 0.5; greedy finds it too.
	small := rows["small"]
	if len(small) < 10 || small[1] != "2" || small[2] != "2" || small[3] != "3.5" || small[8] != "3.5" || small[9] != "+0.00" {
		t.Errorf("small: %q, want 2 meetings, 2 scheduled, score 3.5, greedy 3.5 (+0.00)\n%s", small, out.String())
	}
	if b.VsCBC && (len(small) < 12 || small[10] != "3.5" || small[11] != "optimal") {
		t.Errorf("small: %q, want CBC's checked score 3.5, optimal", small)
	}
	if stuck := rows["stuck"]; len(stuck) < 3 || stuck[2] != "infeasible" {
		t.Errorf("stuck: %q, want infeasible\n%s", stuck, out.String())
	}
}

// TestBenchInvalidSchedule runs a fake solver that double-books a room: the
// bench must fail loudly.
func TestBenchInvalidSchedule(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake solver is a shell script")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "small.json.gz"), gzipString(t, checkProblem), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(checkSchedule, "START", "09:00", 1)
	fake := filepath.Join(t.TempDir(), "fake-bilat")
	script := "#!/bin/sh\nwhile [ $# -gt 0 ]; do [ \"$1\" = -o ] && out=$2; shift; done\ncat > \"$out\" <<'EOF'\n" + bad + "\nEOF\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	b := newTestBench(fake, &out, &errs)
	b.Markdown = true
	err := b.run(context.Background(), []string{dir})
	if err == nil || !strings.Contains(err.Error(), "small") {
		t.Errorf("bench: %v, want a failure naming small", err)
	}
	for _, s := range []string{"| instance | meetings |", "| small | 2 | FAIL |", "FAIL small: INVALID schedule: rule 4"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("output lacks %q:\n%s", s, out.String())
		}
	}
}

func TestBenchDefaultDirs(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"shared/bench/synthetic", "shared/bench/b2b", "main/cmd"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for wd, want := range map[string]string{"main": "..", "main/cmd": "../.."} {
		t.Run(wd, func(t *testing.T) {
			t.Chdir(filepath.Join(root, wd))
			dirs, err := defaultBenchDirs()
			base := filepath.Join(want, "shared", "bench")
			if err != nil || !slices.Equal(dirs, []string{filepath.Join(base, "synthetic"), filepath.Join(base, "b2b")}) {
				t.Errorf("dirs %q, %v; want synthetic and b2b under %s", dirs, err, base)
			}
		})
	}
	t.Chdir(root)
	if _, err := defaultBenchDirs(); err == nil {
		t.Error("no error without ../shared/bench")
	}
}
