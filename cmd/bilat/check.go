package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"

	"bilat"
	"bilat/schedule"
)

func checkCommand() *command {
	return &command{
		name:    "check",
		args:    "PROBLEM SCHEDULE",
		summary: "check a schedule against its problem and score it",
		help: "Check reads a scheduling problem (" + schedule.ProblemFormat + ") and a schedule\n" +
			"(" + schedule.ScheduleFormat + "), each from a file that may be gzip-compressed\n" +
			"(.json.gz) or from standard input when it is -, and checks the schedule against\n" +
			"every hard constraint of the problem, independently of the solver. It prints\n" +
			"each violation as \"rule N: message\", N as numbered in the format's\n" +
			"specification, then the score. It exits 0 when the schedule is valid, 1 when it\n" +
			"is not, and 2 when a file cannot be read or is not a valid document.",
		minArgs: 2, maxArgs: 2,
		setup: func(m *Main, _ *flag.FlagSet) action {
			return func(_ context.Context, args []string) error {
				p, err := readDocument(m, args[0], schedule.ReadProblem)
				if err != nil {
					return err
				}
				s, err := readDocument(m, args[1], schedule.ReadSchedule)
				if err != nil {
					return err
				}
				r := schedule.Check(p, s)
				if err := printReport(m.Stdout, r, s); err != nil {
					return err
				}
				if !r.Valid() {
					return fmt.Errorf("%s breaks hard constraints of %s", args[1], args[0])
				}
				return nil
			}
		},
	}
}

// printReport prints the violations, notes on what the schedule claims
// that the check does not confirm, and the score line.
func printReport(w io.Writer, r schedule.Report, s *schedule.Schedule) error {
	bw := bufio.NewWriter(w)
	for _, v := range r.Violations {
		fmt.Fprintf(bw, "rule %d: %s\n", v.Rule, v.Message)
	}
	if s.Score != 0 && formatScore(s.Score) != formatScore(r.Score) {
		fmt.Fprintf(bw, "note: the schedule states score %s\n", formatScore(s.Score))
	}
	if s.Bound != nil && r.Score > *s.Bound+1e-6 {
		fmt.Fprintf(bw, "note: the score is above the bound %s that the schedule states\n", formatScore(*s.Bound))
	}
	if r.Valid() {
		fmt.Fprintf(bw, "valid: score %s, scheduled weight %s, moved %d, breaks %d\n",
			formatScore(r.Score), formatScore(r.ScheduledWeight), r.Moved, r.Breaks)
	} else {
		word := "violations"
		if len(r.Violations) == 1 {
			word = "violation"
		}
		fmt.Fprintf(bw, "invalid: %d %s; score %s\n", len(r.Violations), word, formatScore(r.Score))
	}
	return bw.Flush()
}

// formatScore prints a score without the noise of floating-point sums.
func formatScore(x float64) string {
	return strconv.FormatFloat(math.Round(x*1e6)/1e6, 'f', -1, 64)
}

// readDocument reads the file name with read. Whatever goes wrong is
// invalid input, named after the file.
func readDocument[T any](m *Main, name string, read func(io.Reader) (T, error)) (T, error) {
	var zero T
	f, err := m.openMaybeGzip(name)
	if err != nil {
		return zero, &bilat.Error{Code: bilat.EINVALID, Message: err.Error()}
	}
	defer f.Close()
	v, err := read(f)
	if err != nil {
		var e *bilat.Error
		if errors.As(err, &e) {
			return zero, &bilat.Error{Code: bilat.EINVALID, Message: name + ": " + e.Message, Problems: e.Problems}
		}
		return zero, &bilat.Error{Code: bilat.EINVALID, Message: name + ": " + err.Error()}
	}
	return v, nil
}

// openMaybeGzip opens the file name, or standard input when name is -, and
// decompresses it when it is gzip data, whatever its name.
func (m *Main) openMaybeGzip(name string) (io.ReadCloser, error) {
	var rc io.ReadCloser = io.NopCloser(m.Stdin)
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		rc = f
	}
	br := bufio.NewReader(rc)
	if magic, _ := br.Peek(2); len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
		return readCloser{br, rc}, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		rc.Close()
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return readCloser{zr, rc}, nil
}

// readCloser reads from one reader and closes another: a decompressor
// and the file under it.
type readCloser struct {
	io.Reader
	io.Closer
}
