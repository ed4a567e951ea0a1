package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkProblem has two people, one room and two meetings of weight 2 and
// 1, the first preferred early for a bonus of 0.5.
const checkProblem = `{
  "format": "bilat-problem/1",
  "timezone": "Africa/Casablanca",
  "granularity_minutes": 15,
  "windows": [{"start": "2025-11-24T09:00:00+01:00", "end": "2025-11-24T12:00:00+01:00"}],
  "rooms": [{"id": "R1", "capacity": 2}],
  "people": [{"id": "A", "buffer_minutes": 15}, {"id": "B"}],
  "meetings": [
    {"id": "m1", "attendees": ["A", "B"], "duration_minutes": 30, "weight": 2,
     "preferred": [{"start": "2025-11-24T09:00:00+01:00", "end": "2025-11-24T10:00:00+01:00", "bonus": 0.5}]},
    {"id": "m2", "attendees": ["A"], "duration_minutes": 30}
  ]
}`

// checkSchedule places m1 at 09:00 and m2 at START.
const checkSchedule = `{
  "format": "bilat-schedule/1",
  "assignments": [
    {"meeting": "m1", "start": "2025-11-24T09:00:00+01:00", "room": "R1"},
    {"meeting": "m2", "start": "2025-11-24TSTART:00+01:00", "room": "R1"}
  ]
}`

// writeCheckFile writes data to a new file called name and returns its path.
func writeCheckFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// gzipString returns s compressed with gzip.
func gzipString(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCheck(t *testing.T) {
	problem := writeCheckFile(t, "problem.json", []byte(checkProblem))
	problemGz := writeCheckFile(t, "problem.json.gz", gzipString(t, checkProblem))
	scheduleAt := func(start string) string {
		return writeCheckFile(t, "schedule-"+strings.ReplaceAll(start, ":", "")+".json", []byte(strings.Replace(checkSchedule, "START", start, 1)))
	}
	valid, invalid := scheduleAt("09:45"), scheduleAt("09:30")
	badProblem := writeCheckFile(t, "bad.json", []byte(strings.Replace(checkProblem, `["A"]`, `["Z"]`, 1)))
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout []string // lines, in order
		stderr string   // a part of it
	}{
		{"valid", "", []string{problem, valid}, 0,
			[]string{"valid: score 3.5, scheduled weight 3, moved 0, breaks 0"}, ""},
		{"gzip-compressed problem", "", []string{problemGz, valid}, 0,
			[]string{"valid: score 3.5, scheduled weight 3, moved 0, breaks 0"}, ""},
		{"schedule from standard input", strings.Replace(checkSchedule, "START", "09:45", 1), []string{problem, "-"}, 0,
			[]string{"valid: score 3.5, scheduled weight 3, moved 0, breaks 0"}, ""},
		{"invalid", "", []string{problem, invalid}, 1, []string{
			`rule 5: "A" needs 15 minutes (buffer 15, travel 0) between "m1" ending 2025-11-24 09:30 and "m2" starting 2025-11-24 09:30`,
			"invalid: 1 violation; score 3.5",
		}, "breaks hard constraints"},
		{"missing file", "", []string{filepath.Join(t.TempDir(), "none.json"), valid}, 2, nil, "no such file"},
		{"invalid problem", "", []string{badProblem, valid}, 2, nil, `meetings[1].attendees[0]: unknown person "Z"`},
		{"schedule is a problem", "", []string{problem, problem}, 2, nil, `format: must be "bilat-schedule/1"`},
		{"one file", "", []string{problem}, 2, nil, "check needs PROBLEM SCHEDULE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runMain(t, tt.stdin, append([]string{"check"}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, errs)
			}
			if want := strings.Join(tt.stdout, "\n"); strings.TrimSuffix(out, "\n") != want {
				t.Errorf("stdout:\n%s\nwant:\n%s", out, want)
			}
			if !strings.Contains(errs, tt.stderr) {
				t.Errorf("stderr does not say %q:\n%s", tt.stderr, errs)
			}
		})
	}
}
