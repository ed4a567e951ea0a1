package main

import (
	"context"
	"flag"
	"fmt"

	"bilat"
	"bilat/auth"
	"bilat/demo"
	"bilat/store"
)

func demoCommand() *command {
	return &command{
		name:    "demo",
		summary: "build the Marrakech demo if needed, then serve it",
		help: "Demo opens the database (bilat-demo.db unless --db is given; the file is created\n" +
			"if absent), builds the demo event " + demo.Slug + " from press reports of the\n" +
			"93rd INTERPOL General Assembly if it is not there yet, then serves like serve.\n" +
			"Records the press did not report are invented and flagged illustrative.",
		maxArgs:   0,
		usesDB:    true,
		dbDefault: "bilat-demo.db",
		setup: func(m *Main, fs *flag.FlagSet) action {
			o := serveFlags(fs)
			return func(ctx context.Context, _ []string) error {
				db, err := m.open(ctx)
				if err != nil {
					return err
				}
				if err := m.ensureDemo(ctx, db); err != nil {
					return err
				}
				if err := m.demoAdmin(ctx, db); err != nil {
					return err
				}
				return m.serve(ctx, db, o)
			}
		},
	}
}

// demoAdmin makes sure the demo has an administrator, "admin", and gives
// it a new one-time password at every start, printed here: the demo's
// database is a local file, and its login must never be a known default.
func (m *Main) demoAdmin(ctx context.Context, db *store.DB) error {
	password := auth.NewPassword()
	u, err := db.UserByName(ctx, "admin")
	switch {
	case bilat.ErrorCode(err) == bilat.ENOTFOUND:
		err = db.CreateUser(ctx, bilat.LocalActor, &bilat.User{Username: "admin", Role: bilat.RoleAdmin}, password, false)
	case err == nil:
		err = db.SetPassword(ctx, bilat.LocalActor, u.ID, password, false)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "sign in as administrator: username admin, password %s (a new one at every start)\n", password)
	return nil
}

// ensureDemo builds the demo event unless the database has it already.
func (m *Main) ensureDemo(ctx context.Context, db *store.DB) error {
	_, err := db.EventBySlug(ctx, demo.Slug)
	if bilat.ErrorCode(err) != bilat.ENOTFOUND {
		return err
	}
	e, err := demo.Build(ctx, db, bilat.LocalActor)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "built the demo event %d %s in %s\n", e.ID, e.Slug, redact(m.DSN))
	return nil
}
