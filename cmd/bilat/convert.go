package main

import (
	"bytes"
	"context"
	"flag"
	"path/filepath"
	"strings"

	"bilat/schedule/b2b"
)

func convertCommand() *command {
	return &command{
		name:    "convert",
		args:    "b2b FILE",
		summary: "turn a benchmark data file into a scheduling problem",
		help: "Convert reads a data file of the B2B Meeting Scheduling benchmark (MiniZinc .dzn,\n" +
			"University of Girona) from FILE, or from standard input when FILE is -, and prints\n" +
			"it as a scheduling problem (bilat-problem/1) on standard output: every meeting\n" +
			"mandatory, one break costing 1, and the fairness d as max_break_spread.",
		minArgs: 2, maxArgs: -1,
		setup: func(m *Main, fs *flag.FlagSet) action {
			var o b2b.Options
			fs.IntVar(&o.Fairness, "fairness", b2b.DefaultFairness, "the fairness `d`: the most breaks of a participant minus the fewest; negative for no limit")
			fs.IntVar(&o.SlotMinutes, "slot-minutes", b2b.DefaultSlotMinutes, "the length of a slot and of each meeting, in `minutes`")
			return func(ctx context.Context, args []string) error {
				if len(args) != 2 {
					return usagef("convert needs b2b FILE")
				}
				if args[0] != "b2b" {
					return usagef("unknown format %q: convert reads b2b", args[0])
				}
				return m.convertB2B(args[1], o)
			}
		},
	}
}

// convertB2B prints the problem of the B2B data file name.
func (m *Main) convertB2B(name string, o b2b.Options) error {
	if o.SlotMinutes <= 0 {
		return usagef("--slot-minutes must be positive")
	}
	data, err := m.readInput(name)
	if err != nil {
		return err
	}
	in, err := b2b.ReadDZN(bytes.NewReader(data))
	if err != nil {
		return err
	}
	p, err := in.ProblemWith(problemName(name), o)
	if err != nil {
		return usagef("--slot-minutes: %v", err)
	}
	// The data may order meetings in a cycle, which the format refuses:
	// say so here rather than hand on a problem that solve would reject.
	if err := p.Validate(); err != nil {
		return err
	}
	return writeJSON(m.Stdout, p)
}

// problemName names the problem after the file, without directory or
// extension.
func problemName(file string) string {
	if file == "-" {
		return "b2b"
	}
	return strings.TrimSuffix(filepath.Base(file), ".dzn")
}
