package main

import (
	"context"
	"flag"

	"bilat/resolve"
)

func resolveCommand() *command {
	return &command{
		name:    "resolve",
		args:    "NAME...",
		summary: "find the partners and people a name may mean",
		help: "Resolve looks each NAME up among the partners and people, in any spelling or\n" +
			"language the desk knows (\"Tchéquie\", \"Hammouchi\"), and prints one indented\n" +
			"JSON result per name: its status and the matches, best first.",
		minArgs: 1, maxArgs: -1,
		usesDB: true,
		setup: func(m *Main, _ *flag.FlagSet) action {
			return func(ctx context.Context, names []string) error {
				db, err := m.open(ctx)
				if err != nil {
					return err
				}
				for _, name := range names {
					var r resolve.Result
					if r, err = db.Resolve(ctx, name); err != nil {
						return err
					}
					if err := writeJSON(m.Stdout, r); err != nil {
						return err
					}
				}
				return nil
			}
		},
	}
}
