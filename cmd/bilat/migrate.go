package main

import (
	"context"
	"flag"
	"fmt"
)

func migrateCommand() *command {
	return &command{
		name:    "migrate",
		summary: "apply pending migrations and print the schema version",
		help: "Migrate opens the database, which applies any pending migrations and loads the\n" +
			"reference data (countries, region schemes, topics), and prints the schema version.",
		maxArgs: 0,
		usesDB:  true,
		setup: func(m *Main, _ *flag.FlagSet) action {
			return func(ctx context.Context, _ []string) error {
				db, err := m.open(ctx)
				if err != nil {
					return err
				}
				v, err := db.SchemaVersion(ctx)
				if err != nil {
					return err
				}
				fmt.Fprintf(m.Stdout, "%s database %s: schema at version %d, up to date\n", db.Dialect(), redact(m.DSN), v)
				return nil
			}
		},
	}
}
