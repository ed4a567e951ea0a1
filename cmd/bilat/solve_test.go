package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bilat/schedule"
)

// solveInfeasible is checkProblem with two mandatory meetings of person A in
// a window that holds one: infeasible.
var solveInfeasible = strings.NewReplacer(
	`"end": "2025-11-24T12:00:00+01:00"`, `"end": "2025-11-24T09:30:00+01:00"`,
	`"duration_minutes": 30, "weight": 2,`, `"duration_minutes": 30, "weight": 2, "mandatory": true,`,
	`"duration_minutes": 30}`, `"duration_minutes": 30, "mandatory": true}`,
).Replace(checkProblem)

// mustSchedule reads a schedule and checks it against the problem.
func mustSchedule(t *testing.T, problem, doc string) schedule.Report {
	t.Helper()
	p, err := schedule.ReadProblem(strings.NewReader(problem))
	if err != nil {
		t.Fatal(err)
	}
	s, err := schedule.ReadSchedule(strings.NewReader(doc))
	if err != nil {
		t.Fatalf("solve wrote no schedule: %v\n%s", err, doc)
	}
	r := schedule.Check(p, s)
	if !r.Valid() {
		t.Fatalf("solve wrote a schedule that breaks hard constraints: %v", r.Violations)
	}
	return r
}

func TestSolve(t *testing.T) {
	file := writeCheckFile(t, "problem.json", []byte(checkProblem))
	t.Run("file, flags after it", func(t *testing.T) {
		code, out, errs := runMain(t, "", "solve", file, "--time-limit", "200ms", "--seed", "2")
		if code != 0 {
			t.Fatalf("exit %d\n%s", code, errs)
		}
		if r := mustSchedule(t, checkProblem, out); r.ScheduledWeight != 3 {
			t.Errorf("scheduled weight %g, want both meetings: 3", r.ScheduledWeight)
		}
	})
	t.Run("gzip on stdin, to a file", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "schedule.json")
		code, stdout, errs := runMain(t, string(gzipString(t, checkProblem)), "solve", "--greedy", "-o", out, "-")
		if code != 0 || stdout != "" {
			t.Fatalf("exit %d, stdout %q\n%s", code, stdout, errs)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		mustSchedule(t, checkProblem, string(data))
	})
}

func TestSolveExitCodes(t *testing.T) {
	invalid := strings.Replace(checkProblem, `"attendees": ["A", "B"]`, `"attendees": ["A", "B2"]`, 1)
	invalid = strings.Replace(invalid, `"duration_minutes": 30}`, `"duration_minutes": 0}`, 1)
	for _, c := range []struct {
		name, problem string
		args          []string
		code          int
		stderr        []string
	}{
		{"no problem", "", nil, 2, []string{"solve needs PROBLEM"}},
		{"two problems", checkProblem, []string{"other.json"}, 2, []string{"solve takes at most 1 argument"}},
		{"unknown flag after the problem", checkProblem, []string{"--fast"}, 2, []string{"-fast"}},
		{"missing file", "", []string{filepath.Join(t.TempDir(), "none.json")}, 2, []string{"none.json"}},
		{"invalid problem", invalid, nil, 2, []string{"problem.json", "meetings[0].attendees[1]", "B2", "meetings[1].duration_minutes"}},
		{"infeasible problem", solveInfeasible, nil, exitInfeasible, []string{"infeasible", "m1", "m2"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := []string{"solve", "--time-limit", "200ms"}
			if c.problem != "" {
				args = append(args, writeCheckFile(t, "problem.json", []byte(c.problem)))
			}
			code, out, errs := runMain(t, "", append(args, c.args...)...)
			if code != c.code {
				t.Errorf("exit %d, want %d\n%s", code, c.code, errs)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
			for _, s := range c.stderr {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr does not name %q:\n%s", s, errs)
				}
			}
		})
	}
}
