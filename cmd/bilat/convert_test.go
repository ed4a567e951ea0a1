package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bilat/schedule"
)

// smallDZN is a B2B data file of three meetings among four participants.
const smallDZN = `nBusiness = 4;
nMeetings = 3;
nTables = 2;
nTotalSlots = 6;
nMorningSlots = 3;
requested = [|1, 2,1,
|3, 4,2,
|1, 3,3,
|];
forbidden = [{0}, {}, {0,2}, {}];
fixed = [0, 5, 0];
precedences = [{}, {}, {1}];
`

// writeFile writes content to a file of the test's own and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// decodeProblem decodes the output of convert, which must be a valid problem.
func decodeProblem(t *testing.T, out string) *schedule.Problem {
	t.Helper()
	var p schedule.Problem
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("convert printed no problem: %v\n%s", err, out)
	}
	if err := p.Validate(); err != nil {
		t.Fatalf("convert printed an invalid problem: %v", err)
	}
	return &p
}

func TestConvertB2B(t *testing.T) {
	file := writeFile(t, "small.dzn", smallDZN)
	p := decodeProblem(t, mustRun(t, "convert", "b2b", file, "--fairness", "3", "--slot-minutes", "30"))
	if p.Name != "small" || len(p.Meetings) != 3 || len(p.People) != 4 || len(p.Rooms) != 2 || p.Granularity != 30 {
		t.Errorf("problem %+v: want small, 3 meetings, 4 people, 2 rooms, 30-minute grid", p)
	}
	if s := p.Objective.MaxBreakSpread; s == nil || *s != 3 || p.Objective.BreakPenalty != 1 {
		t.Errorf("objective %+v, want max_break_spread 3 and break_penalty 1", p.Objective)
	}

	// Flags before the operands, and the file on standard input.
	code, out, errs := runMain(t, smallDZN, "convert", "--fairness", "-1", "b2b", "-")
	if code != 0 {
		t.Fatalf("convert from stdin: exit %d\n%s", code, errs)
	}
	if p := decodeProblem(t, out); p.Objective.MaxBreakSpread != nil || p.Granularity != 20 {
		t.Errorf("--fairness -1 and the default slot: objective %+v, grid %d", p.Objective, p.Granularity)
	}
}

func TestConvertBench(t *testing.T) {
	file := "../../../shared/bench/b2b/forum-13.original.dzn"
	if _, err := os.Stat(file); err != nil {
		t.Skip("no benchmark files")
	}
	p := decodeProblem(t, mustRun(t, "convert", "b2b", file))
	if p.Name != "forum-13.original" || len(p.Meetings) != 154 || len(p.People) != 70 || len(p.Rooms) != 14 {
		t.Errorf("forum-13.original: %q, %d meetings, %d people, %d rooms; want 154, 70, 14",
			p.Name, len(p.Meetings), len(p.People), len(p.Rooms))
	}
}

func TestConvertErrors(t *testing.T) {
	good := writeFile(t, "good.dzn", smallDZN)
	bad := writeFile(t, "bad.dzn", strings.Replace(smallDZN, "|3, 4,2,", "|3, 9,2,", 1))
	cycle := writeFile(t, "cycle.dzn", strings.Replace(smallDZN, "[{}, {}, {1}]", "[{3}, {}, {1}]", 1))
	tests := []struct {
		name string
		args []string
		code int
		want string // in stderr
	}{
		{"unknown format", []string{"convert", "xml", good}, 2, `unknown format "xml"`},
		{"one operand", []string{"convert", "b2b"}, 2, "convert needs b2b FILE"},
		{"three operands", []string{"convert", "b2b", good, good}, 2, "convert needs b2b FILE"},
		{"bad flag", []string{"convert", "b2b", good, "--fairness", "x"}, 2, "invalid value"},
		{"bad slot", []string{"convert", "b2b", good, "--slot-minutes", "0"}, 2, "--slot-minutes must be positive"},
		{"slots past a day", []string{"convert", "b2b", good, "--slot-minutes", "300"}, 2, "do not fit in one day"},
		{"invalid data", []string{"convert", "b2b", bad}, 2, "requested[2]: line 7: participant 9 is not in 1..nBusiness = 4"},
		{"cycle", []string{"convert", "b2b", cycle}, 2, "cycle"},
		{"no file", []string{"convert", "b2b", filepath.Join(t.TempDir(), "none.dzn")}, 1, "none.dzn"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runMain(t, "", tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.want) || out != "" {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit %d, nothing printed, and %q", code, out, errs, tt.code, tt.want)
			}
		})
	}
}
