package lp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"bilat/schedule"
)

// tiny has one mandatory meeting (m2, only at 09:00 since Y leaves), a
// long one (m1) that competes with m3 for H, a secure one (m3, only in B,
// which opens at 09:30), one that no room seats (m4), and a daily limit
// of two for H. Its optimum is m2 at 09:00 in A and m1 at 09:30: 8.
const tiny = `{
  "format": "bilat-problem/1", "name": "tiny", "timezone": "UTC", "granularity_minutes": 30,
  "windows": [{"start": "2025-11-24T09:00:00Z", "end": "2025-11-24T10:30:00Z"}],
  "rooms": [
    {"id": "A", "capacity": 2},
    {"id": "B", "capacity": 2, "features": ["secure"],
     "unavailable": [{"start": "2025-11-24T09:00:00Z", "end": "2025-11-24T09:30:00Z"}]}
  ],
  "people": [
    {"id": "H", "max_meetings_per_day": 2},
    {"id": "X"},
    {"id": "Y", "unavailable": [{"start": "2025-11-24T09:30:00Z", "end": "2025-11-24T10:30:00Z"}]},
    {"id": "Z"}
  ],
  "meetings": [
    {"id": "m1", "attendees": ["H", "X"], "duration_minutes": 60, "weight": 5},
    {"id": "m2", "attendees": ["H", "Y"], "duration_minutes": 30, "weight": 3, "mandatory": true},
    {"id": "m3", "attendees": ["H", "Z"], "duration_minutes": 30, "weight": 2, "features": ["secure"]},
    {"id": "m4", "attendees": ["X", "Z"], "duration_minutes": 30, "weight": 1, "min_capacity": 3}
  ]
}`

// travel needs every other modelled constraint: P's fixed meeting a at
// venue V1 keeps b and c (venue V2) from 09:30 by the travel time, though
// c prefers it; e must end before d starts, though each prefers the
// other's end of the window; f is held with its first alternative, since
// W is away. Its optimum is a, b at 10:00, e at 09:00, d at 09:30 or
// 10:00, and f with U: 1 + 4 + 2 + 2 + 2 = 11.
const travel = `{
  "format": "bilat-problem/1", "name": "travel", "timezone": "UTC", "granularity_minutes": 30,
  "windows": [{"start": "2025-11-24T09:00:00Z", "end": "2025-11-24T10:30:00Z"}],
  "venues": [{"id": "V1"}, {"id": "V2"}],
  "travel": [{"from": "V1", "to": "V2", "minutes": 20}],
  "rooms": [
    {"id": "R1", "venue": "V1", "capacity": 4}, {"id": "R2", "venue": "V2", "capacity": 4},
    {"id": "R3", "venue": "V1", "capacity": 4}, {"id": "R4", "venue": "V2", "capacity": 4}
  ],
  "people": [
    {"id": "P"}, {"id": "Q"}, {"id": "S"}, {"id": "U"},
    {"id": "W", "unavailable": [{"start": "2025-11-24T08:00:00Z", "end": "2025-11-24T12:00:00Z"}]}
  ],
  "meetings": [
    {"id": "a", "attendees": ["P"], "duration_minutes": 30, "weight": 1,
     "fixed": {"start": "2025-11-24T09:00:00Z", "room": "R1"}},
    {"id": "b", "attendees": ["P"], "duration_minutes": 30, "weight": 4, "rooms": ["R2"]},
    {"id": "c", "attendees": ["P"], "duration_minutes": 30, "weight": 3, "rooms": ["R2"],
     "preferred": [{"start": "2025-11-24T09:30:00Z", "end": "2025-11-24T10:00:00Z", "bonus": 1}]},
    {"id": "d", "attendees": ["Q"], "duration_minutes": 30, "weight": 2, "rooms": ["R3"], "after": ["e"],
     "preferred": [{"start": "2025-11-24T09:00:00Z", "end": "2025-11-24T09:30:00Z", "bonus": 1}]},
    {"id": "e", "attendees": ["Q"], "duration_minutes": 30, "weight": 2, "rooms": ["R3"],
     "preferred": [{"start": "2025-11-24T10:00:00Z", "end": "2025-11-24T10:30:00Z", "bonus": 1}]},
    {"id": "f", "attendees": ["S"], "duration_minutes": 30, "weight": 1, "rooms": ["R4"],
     "alternatives": [{"attendees": ["U"], "weight": 2}, {"attendees": ["W"], "weight": 3}]}
  ]
}`

func mustProblem(t *testing.T, doc string) *schedule.Problem {
	t.Helper()
	p, err := schedule.ReadProblem(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func mustWrite(t *testing.T, p *schedule.Problem) (*Model, string) {
	t.Helper()
	m, err := Build(p)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	var direct bytes.Buffer
	if err := Write(&direct, p); err != nil {
		t.Fatal(err)
	}
	if direct.String() != buf.String() {
		t.Error("Write and Build+WriteTo differ")
	}
	return m, buf.String()
}

func TestWriteTiny(t *testing.T) {
	m, text := mustWrite(t, mustProblem(t, tiny))

	var vars []string
	for _, x := range m.Vars {
		vars = append(vars, fmt.Sprintf("%s %s %s", m.Problem.Meetings[x.Meeting].ID, x.Start.Format("15:04"), strings.Join(m.Classes[x.Class], "/")))
	}
	wantVars := []string{"m1 09:00 A", "m1 09:30 A", "m1 09:30 B", "m2 09:00 A", "m3 09:30 B", "m3 10:00 B"}
	if !slices.Equal(vars, wantVars) {
		t.Fatalf("variables x0.. are %q, want %q", vars, wantVars)
	}

	lp := parseLP(t, text)
	if want := "5 x0 + 5 x1 + 5 x2 + 3 x3 + 2 x4 + 2 x5"; lp.objective != want {
		t.Errorf("objective %q, want %q", lp.objective, want)
	}
	wantRows := []string{
		"x0 + x1 + x2 <= 1", "x3 = 1", "x4 + x5 <= 1", // each meeting once, m2 mandatory
		"x0 + x3 <= 1", "x2 + x4 <= 1", "x2 + x5 <= 1", // rooms A and B
		"x0 + x3 <= 1", "x0 + x1 + x2 + x4 <= 1", "x1 + x2 + x5 <= 1", // H
		"x0 + x1 + x2 + x3 + x4 + x5 <= 2", // H's daily limit
	}
	if !slices.Equal(slices.Sorted(slices.Values(lp.rows)), slices.Sorted(slices.Values(wantRows))) {
		t.Errorf("constraints:\n%s\nwant:\n%s", strings.Join(lp.rows, "\n"), strings.Join(wantRows, "\n"))
	}
	if !slices.Equal(lp.binaries, []string{"x0", "x1", "x2", "x3", "x4", "x5"}) {
		t.Errorf("binaries %q", lp.binaries)
	}
	for _, words := range []string{"Not modelled: break_penalty, max_break_spread", "Modelled:"} {
		if !strings.Contains(text, words) {
			t.Errorf("the header does not say %q", words)
		}
	}
}

// lpText is an LP file cut into its sections, each row without its name.
type lpText struct {
	objective string
	rows      []string
	binaries  []string
}

// parseLP reads the LP files Write writes (not LP files in general).
func parseLP(t *testing.T, text string) lpText {
	t.Helper()
	var out lpText
	section := ""
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			_, body, _ := strings.Cut(strings.Join(cur, " "), ":")
			body = strings.Join(strings.Fields(body), " ")
			if section == "Maximize" {
				out.objective = body
			} else {
				out.rows = append(out.rows, body)
			}
		}
		cur = nil
	}
	for _, line := range strings.Split(text, "\n") {
		switch l := strings.TrimSpace(line); {
		case strings.HasPrefix(l, `\`), l == "":
		case l == "Maximize", l == "Subject To", l == "Bounds", l == "Binaries", l == "End":
			flush()
			section = l
		case section == "Binaries":
			out.binaries = append(out.binaries, strings.Fields(l)...)
		case section == "Maximize", section == "Subject To":
			if strings.Contains(l, ":") {
				flush()
			}
			cur = append(cur, l)
		}
	}
	flush()
	if section != "End" {
		t.Fatalf("LP text does not end with End:\n%s", text)
	}
	return out
}

func TestWriteInfeasible(t *testing.T) {
	doc := strings.Replace(tiny, `"weight": 1, "min_capacity": 3}`, `"weight": 1, "min_capacity": 3, "mandatory": true}`, 1)
	_, text := mustWrite(t, mustProblem(t, doc))
	lp := parseLP(t, text)
	if !slices.Contains(lp.rows, "z = 1") || !strings.Contains(text, "Bounds\n z = 0\n") {
		t.Errorf("a mandatory meeting without variables does not make the model infeasible:\n%s", text)
	}
	if !strings.Contains(text, "mandatory meeting m4 has no feasible start and room") {
		t.Error("the header does not name the meeting that cannot be placed")
	}
}

func TestReadCBCSolution(t *testing.T) {
	p := mustProblem(t, tiny)
	m, _ := mustWrite(t, p)
	sol := "Optimal - objective value 8.00000000\n" +
		"      1 x1                     1                       5\n" +
		"      2 x2                     0                       5\n" +
		"      3 x3                     1                       3\n"
	s, err := ReadCBCSolution(strings.NewReader(sol), m.Mapping)
	if err != nil {
		t.Fatal(err)
	}
	rep := schedule.Check(p, s)
	if !rep.Valid() || rep.Score != 8 || s.Score != 8 || !s.Stats.Optimal {
		t.Errorf("decoded schedule: valid %t, checked score %g, stated %g, optimal %t; violations %v",
			rep.Valid(), rep.Score, s.Score, s.Stats.Optimal, rep.Violations)
	}
	if len(s.Unscheduled) != 2 {
		t.Errorf("unscheduled %v, want m3 and m4", s.Unscheduled)
	}

	twice := sol + "      0 x0                     1                       5\n"
	if _, err := ReadCBCSolution(strings.NewReader(twice), m.Mapping); err == nil {
		t.Error("a solution holding m1 twice decodes")
	}
	var se *StatusError
	if _, err := ReadCBCSolution(strings.NewReader("Infeasible - objective value 0.00000000\n"), m.Mapping); !errors.As(err, &se) || se.Status != Infeasible {
		t.Errorf("infeasible solution file: %v, want a StatusError", err)
	}
}

func TestReadStatus(t *testing.T) {
	for line, want := range map[string]Status{
		"Optimal - objective value 8.00000000":                                          Optimal,
		"Stopped on time - objective value 242.00000000":                                TimeLimit,
		"Stopped on time (no integer solution - continuous used) - objective value 243": NoSolution,
		"Stopped on iterations - objective value 1":                                     Stopped,
		"Infeasible - objective value 4.5":                                              Infeasible,
		"Integer infeasible - objective value 0":                                        Infeasible,
		"Unbounded - objective value 0":                                                 Unbounded,
	} {
		got, _, err := ReadStatus(strings.NewReader(line + "\n      0 x0  1  1\n"))
		if err != nil || got != want {
			t.Errorf("%q: %q, %v; want %q", line, got, err, want)
		}
	}
	if _, _, err := ReadStatus(strings.NewReader("garbage\n")); err == nil {
		t.Error("a file without a status line reads")
	}
}

// TestCBC solves the small models with CBC, when it is installed, and
// checks that the decoded schedules are valid and optimal.
func TestCBC(t *testing.T) {
	if _, err := exec.LookPath(CBC); err != nil {
		t.Skip("cbc is not installed (Debian package coinor-cbc)")
	}
	for _, c := range []struct {
		name, doc string
		optimum   float64
	}{{"tiny", tiny, 8}, {"travel", travel, 11}} {
		t.Run(c.name, func(t *testing.T) {
			p := mustProblem(t, c.doc)
			m, text := mustWrite(t, p)
			s, obj := solveCBC(t, m, text)
			rep := schedule.Check(p, s)
			if !rep.Valid() {
				t.Fatalf("CBC's schedule breaks hard constraints: %v", rep.Violations)
			}
			if rep.Score != c.optimum || obj != c.optimum || !s.Stats.Optimal {
				t.Errorf("checked score %g, CBC's objective %g, optimal %t; want %g, optimal", rep.Score, obj, s.Stats.Optimal, c.optimum)
			}
		})
	}
	t.Run("infeasible", func(t *testing.T) {
		doc := strings.Replace(tiny, `"min_capacity": 3}`, `"min_capacity": 3, "mandatory": true}`, 1)
		_, text := mustWrite(t, mustProblem(t, doc))
		_, _, err := RunCBC(context.Background(), writeTemp(t, text), 10*time.Second)
		var se *StatusError
		if !errors.As(err, &se) || se.Status != Infeasible {
			t.Errorf("RunCBC: %v, want status infeasible", err)
		}
	})
}

// solveCBC runs CBC on the model's text and decodes its solution.
func solveCBC(t *testing.T, m *Model, text string) (*schedule.Schedule, float64) {
	t.Helper()
	obj, solPath, err := RunCBC(context.Background(), writeTemp(t, text), 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return readSolution(t, solPath, m), obj
}

// readSolution decodes the CBC solution file at path.
func readSolution(t *testing.T, path string, m *Model) *schedule.Schedule {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := ReadCBCSolution(f, m.Mapping)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func writeTemp(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "model.lp")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
