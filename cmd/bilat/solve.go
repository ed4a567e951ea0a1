package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"bilat"
	"bilat/schedule"
)

func solveCommand() *command {
	return &command{
		name:    "solve",
		args:    "PROBLEM",
		summary: "place a problem's meetings and print the schedule",
		help: "Solve reads a scheduling problem (" + schedule.ProblemFormat + ") from a file, which\n" +
			"may be gzip-compressed, or from standard input when it is -, places its\n" +
			"meetings and writes the schedule (" + schedule.ScheduleFormat + ") as JSON on standard\n" +
			"output, or to the file given by -o. During long runs it prints its progress on\n" +
			"standard error about once a second. It exits 2 when the problem is invalid,\n" +
			"naming every mistake by its path, and 3 when it is infeasible, naming each\n" +
			"mandatory or fixed meeting that cannot be placed and the constraint in the way.",
		minArgs: 1, maxArgs: 1,
		setup: func(m *Main, fs *flag.FlagSet) action {
			f := newSolveFlags(fs)
			return func(ctx context.Context, args []string) error {
				if f.timeLimit <= 0 {
					return usagef("--time-limit must be positive")
				}
				return m.solve(ctx, args[0], f)
			}
		},
	}
}

// solveFlags are the flags of solve.
type solveFlags struct {
	timeLimit time.Duration
	seed      int64
	workers   int
	exact     bool
	greedy    bool
	out       string
}

func newSolveFlags(fs *flag.FlagSet) *solveFlags {
	f := &solveFlags{}
	fs.DurationVar(&f.timeLimit, "time-limit", schedule.DefaultTimeLimit, "how long to improve the schedule")
	fs.Int64Var(&f.seed, "seed", 1, "the seed: the same problem, seed and flags give the same schedule")
	fs.IntVar(&f.workers, "workers", 0, "how many goroutines search; 0 means one per CPU")
	fs.BoolVar(&f.exact, "exact", false, "after the search, prove the schedule optimal by branch and bound (up to another time limit; problems of up to 200 meetings without break or move penalties)")
	fs.BoolVar(&f.greedy, "greedy", false, "stop after the construction pass")
	fs.StringVar(&f.out, "o", "", "write the schedule to `FILE` instead of standard output")
	return f
}

// solve solves the problem in the file name and writes its schedule.
func (m *Main) solve(ctx context.Context, name string, f *solveFlags) error {
	p, err := readDocument(m, name, schedule.ReadProblem)
	if err != nil {
		return err
	}
	opt := schedule.Options{
		TimeLimit: f.timeLimit, Seed: f.seed, Workers: f.workers, Exact: f.exact, GreedyOnly: f.greedy,
		Progress: func(pr schedule.Progress) { fmt.Fprintln(m.Stderr, progressLine(pr)) },
	}
	s, err := schedule.Solve(ctx, p, opt)
	if err != nil {
		return solveError(name, err)
	}
	return writeOutput(m.Stdout, f.out, func(w io.Writer) error { return schedule.WriteSchedule(w, s) })
}

// progressLine describes a running solve in one line.
func progressLine(pr schedule.Progress) string {
	return fmt.Sprintf("elapsed %.1fs  score %.1f  bound %.1f  gap %.2f%%",
		pr.Elapsed.Seconds(), pr.Score, pr.Bound, pr.Gap())
}

// solveError names the problem file in what Solve refused.
func solveError(name string, err error) error {
	var inf *schedule.Infeasible
	var e *bilat.Error
	switch {
	case errors.As(err, &inf):
		return &exitError{code: exitInfeasible, err: &infeasibleError{name: name, inf: inf}}
	case errors.As(err, &e):
		return &bilat.Error{Code: e.Code, Message: name + ": " + e.Message, Problems: e.Problems}
	}
	return fmt.Errorf("solving %s: %w", name, err)
}

// infeasibleError says which mandatory or fixed meetings of a problem
// cannot be placed, one per line.
type infeasibleError struct {
	name string
	inf  *schedule.Infeasible
}

func (e *infeasibleError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s is infeasible: %d mandatory or fixed meeting(s) cannot be placed", e.name, len(e.inf.Meetings))
	for _, u := range e.inf.Meetings {
		fmt.Fprintf(&b, "\n  %s: %s", u.Meeting, u.Reason)
		if u.Fix != "" {
			fmt.Fprintf(&b, " (%s)", u.Fix)
		}
	}
	return b.String()
}

func (e *infeasibleError) Unwrap() error { return e.inf }

// writeOutput writes with write to the file name, or to w when name is
// empty or -.
func writeOutput(w io.Writer, name string, write func(io.Writer) error) error {
	if name == "" || name == "-" {
		return write(w)
	}
	return saveFile(name, write)
}

// saveFile writes the file name with write. A file that cannot be
// written whole is removed.
func saveFile(name string, write func(io.Writer) error) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}
