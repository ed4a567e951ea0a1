package lp

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"

	"bilat/schedule"
)

// CBC is the name of the CBC binary, looked up on PATH (Debian package
// coinor-cbc).
const CBC = "cbc"

// Status is CBC's verdict, from the first line of its solution file.
type Status string

// The statuses CBC reports.
const (
	Optimal    Status = "optimal"
	TimeLimit  Status = "time limit"  // stopped on time with a solution
	Stopped    Status = "stopped"     // on iterations, difficulties or ctrl-c, with a solution
	NoSolution Status = "no solution" // stopped before finding an integer solution
	Killed     Status = "killed"      // stopped by RunCBC long past its time limit
	Infeasible Status = "infeasible"
	Unbounded  Status = "unbounded"
	Unknown    Status = "unknown"
)

// HasSolution reports whether the status comes with an integer solution.
func (s Status) HasSolution() bool { return s == Optimal || s == TimeLimit || s == Stopped }

// StatusError reports a CBC run that ended without a solution.
type StatusError struct{ Status Status }

func (e *StatusError) Error() string { return "cbc: " + string(e.Status) }

// RunCBC solves the LP file at lpPath with CBC within timeLimit of wall
// time and returns the objective and the path of the solution file (the
// LP path with .sol for .lp). A run without a solution gives a
// *StatusError (Infeasible, NoSolution, ...) and still the solution path.
func RunCBC(ctx context.Context, lpPath string, timeLimit time.Duration) (objective float64, solPath string, err error) {
	solPath = strings.TrimSuffix(lpPath, ".lp") + ".sol"
	if err := os.Remove(solPath); err != nil && !errors.Is(err, os.ErrNotExist) {
		return 0, "", err
	}
	if timeLimit <= 0 {
		timeLimit = schedule.DefaultTimeLimit
	}
	// CBC may overrun its limit while preprocessing; past a generous grace
	// it is stopped.
	parent := ctx
	ctx, cancel := context.WithTimeout(parent, 2*timeLimit+time.Minute)
	defer cancel()
	secs := strconv.FormatFloat(timeLimit.Seconds(), 'f', -1, 64)
	cmd := exec.CommandContext(ctx, CBC, lpPath, "sec", secs, "timeMode", "elapsed", "solve", "solu", solPath)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Run(); err != nil {
		if ctx.Err() == context.DeadlineExceeded && parent.Err() == nil {
			return 0, solPath, &StatusError{Status: Killed}
		}
		return 0, "", fmt.Errorf("cbc %s: %w\n%s", lpPath, err, tail(log.String(), 10))
	}
	f, err := os.Open(solPath)
	if err != nil {
		return 0, "", fmt.Errorf("cbc %s wrote no solution: %w\n%s", lpPath, err, tail(log.String(), 10))
	}
	defer f.Close()
	st, obj, err := ReadStatus(f)
	if err == nil && !st.HasSolution() {
		err = &StatusError{Status: st}
	}
	return obj, solPath, err
}

// ReadStatus reads the first line of a CBC solution file, such as
// "Stopped on time - objective value 41.5", and returns its status and
// objective.
func ReadStatus(r io.Reader) (Status, float64, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && line == "" {
		return Unknown, 0, fmt.Errorf("cbc solution: empty: %w", err)
	}
	return parseStatus(strings.TrimSpace(line))
}

func parseStatus(line string) (Status, float64, error) {
	verdict, value, ok := strings.Cut(line, " - objective value ")
	if !ok {
		return Unknown, 0, fmt.Errorf("cbc solution: unexpected first line %q", line)
	}
	obj, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
	if err != nil {
		return Unknown, 0, fmt.Errorf("cbc solution: objective in %q: %w", line, err)
	}
	return status(verdict), obj, nil
}

// status maps CBC's words to a Status.
func status(verdict string) Status {
	switch {
	case strings.Contains(verdict, "no integer solution"):
		return NoSolution
	case strings.HasPrefix(verdict, "Optimal"):
		return Optimal
	case strings.HasPrefix(verdict, "Stopped on time"):
		return TimeLimit
	case strings.HasPrefix(verdict, "Stopped"):
		return Stopped
	case strings.HasPrefix(verdict, "Infeasible"), strings.HasPrefix(verdict, "Integer infeasible"):
		return Infeasible
	case strings.HasPrefix(verdict, "Unbounded"):
		return Unbounded
	}
	return Unknown
}

// ReadCBCSolution decodes a CBC solution file written for the model that
// m maps into a schedule: rooms are chosen within each class by a sweep
// over time, and every meeting left out is listed as unscheduled. Its
// score is the model's objective, which leaves out breaks; check it with
// schedule.Check.
func ReadCBCSolution(r io.Reader, m *Mapping) (*schedule.Schedule, error) {
	br := bufio.NewReader(r)
	st, _, err := ReadStatus(br)
	if err != nil {
		return nil, err
	}
	if !st.HasSolution() {
		return nil, &StatusError{Status: st}
	}
	chosen, err := readChosen(br, len(m.Vars))
	if err != nil {
		return nil, err
	}
	s, err := m.decode(chosen)
	if err != nil {
		return nil, err
	}
	s.Stats = &schedule.Stats{Optimal: st == Optimal}
	return s, nil
}

// readChosen returns the variables set to 1 in the lines that follow the
// status line: "index name value reduced-cost", the index marked "**"
// when the value breaks a bound.
func readChosen(r io.Reader, n int) ([]int, error) {
	var chosen []int
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(sc.Text()), "**"))
		if len(f) < 3 || !strings.HasPrefix(f[1], "x") {
			continue // z, the variable that marks an infeasible model
		}
		v, err := strconv.Atoi(f[1][1:])
		if err != nil || v < 0 || v >= n {
			return nil, fmt.Errorf("cbc solution: unknown variable %q", f[1])
		}
		val, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			return nil, fmt.Errorf("cbc solution: value of %s: %w", f[1], err)
		}
		if val > 0.5 {
			chosen = append(chosen, v)
		}
	}
	return chosen, sc.Err()
}

// decode turns the chosen variables into a schedule.
func (m *Mapping) decode(chosen []int) (*schedule.Schedule, error) {
	s := &schedule.Schedule{Format: schedule.ScheduleFormat, Assignments: []schedule.Assignment{}, Unscheduled: []schedule.Unscheduled{}, Score: m.Offset}
	held := make([]bool, len(m.Problem.Meetings))
	slices.SortFunc(chosen, func(a, b int) int { return cmp.Or(m.Vars[a].start-m.Vars[b].start, a-b) })
	free := make([][]int, len(m.Classes)) // minute at which each room of a class is free
	for c := range free {
		free[c] = make([]int, len(m.Classes[c]))
	}
	for _, v := range chosen {
		x := m.Vars[v]
		if held[x.Meeting] {
			return nil, fmt.Errorf("cbc solution: meeting %s held twice", m.Problem.Meetings[x.Meeting].ID)
		}
		held[x.Meeting] = true
		room := slices.IndexFunc(free[x.Class], func(at int) bool { return at <= x.start })
		if room < 0 {
			return nil, fmt.Errorf("cbc solution: no room left for %s", m.describe(v))
		}
		free[x.Class][room] = x.end
		s.Assignments = append(s.Assignments, assignment(x, m.Problem.Meetings[x.Meeting].ID, m.Classes[x.Class][room]))
		s.Score += x.Obj
		s.ScheduledWeight += x.Weight
	}
	for i, pm := range m.Problem.Meetings {
		if !held[i] {
			s.Unscheduled = append(s.Unscheduled, schedule.Unscheduled{Meeting: pm.ID, Code: "not_selected", Reason: "CBC's solution leaves it out"})
		}
	}
	return s, nil
}

func assignment(x Var, meeting, room string) schedule.Assignment {
	a := schedule.Assignment{Meeting: meeting, Start: x.Start, Room: room}
	if x.Alt >= 0 {
		alt := x.Alt
		a.Alternative = &alt
	}
	return a
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
