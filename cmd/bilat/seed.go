package main

import (
	"context"
	"flag"
	"fmt"

	"bilat"
	"bilat/demo"
)

func seedCommand() *command {
	return &command{
		name:    "seed",
		args:    "DATASET",
		summary: "load a data set into the database",
		help: "Seed loads a data set into the database without serving it. The only data set\n" +
			"is demo: the Marrakech demo event " + demo.Slug + "; seeding it again is an error.",
		minArgs: 1, maxArgs: 1,
		usesDB: true,
		setup: func(m *Main, _ *flag.FlagSet) action {
			return func(ctx context.Context, args []string) error {
				if args[0] != "demo" {
					return usagef("unknown data set %q: the only one is demo", args[0])
				}
				db, err := m.open(ctx)
				if err != nil {
					return err
				}
				e, err := demo.Build(ctx, db, bilat.LocalActor)
				if err != nil {
					return err
				}
				fmt.Fprintf(m.Stdout, "seeded event %d %s\n", e.ID, e.Slug)
				return nil
			}
		},
	}
}
