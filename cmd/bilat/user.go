package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"bilat"
	"bilat/auth"
)

func userCommand() *command {
	return &command{
		name:    "user",
		args:    "add NAME | reset NAME | list",
		summary: "add a user, reset a password, or list the users",
		help: "User manages accounts from the database's machine.\n\n" +
			"  bilat user add NAME --role ROLE   creates an account and prints a one-time password\n" +
			"  bilat user reset NAME             gives an account a new one-time password and unlocks it\n" +
			"  bilat user list                   lists the accounts\n\n" +
			"Roles: administrator, desk_officer, principal (with --person), viewer, and\n" +
			"liaison (with --event and --delegation; liaisons are usually invited from the\n" +
			"desk instead). A one-time password must be changed at the first sign-in.",
		minArgs: 1,
		maxArgs: 2,
		usesDB:  true,
		setup: func(m *Main, fs *flag.FlagSet) action {
			role := fs.String("role", "", "the `role` of a new user")
			person := fs.Int64("person", 0, "the person `id` of a principal")
			event := fs.Int64("event", 0, "the event `id` of a liaison")
			delegation := fs.Int64("delegation", 0, "the delegation `id` of a liaison")
			return func(ctx context.Context, args []string) error {
				u := &bilat.User{Role: bilat.Role(*role), PersonID: *person, EventID: *event, DelegationID: *delegation}
				return m.user(ctx, args, u)
			}
		},
	}
}

// user runs the user subcommands.
func (m *Main) user(ctx context.Context, args []string, u *bilat.User) error {
	db, err := m.open(ctx)
	if err != nil {
		return err
	}
	switch {
	case args[0] == "list" && len(args) == 1:
		users, _, err := db.ListUsers(ctx, bilat.UserFilter{Page: bilat.Page{Limit: bilat.MaxLimit}})
		if err != nil {
			return err
		}
		for _, x := range users {
			fmt.Fprintf(m.Stdout, "%d\t%s\t%s%s\n", x.ID, x.Username, x.Role, map[bool]string{true: "\tdisabled"}[x.Disabled])
		}
		return nil
	case args[0] == "add" && len(args) == 2:
		u.Username = strings.ToLower(args[1])
		password := auth.NewPassword()
		if err := db.CreateUser(ctx, bilat.LocalActor, u, password, true); err != nil {
			return err
		}
		_, err := fmt.Fprintf(m.Stdout, "created %s (%s), id %d\none-time password: %s\n", u.Username, u.Role, u.ID, password)
		return err
	case args[0] == "reset" && len(args) == 2:
		x, err := db.UserByName(ctx, strings.ToLower(args[1]))
		if err != nil {
			return err
		}
		password := auth.NewPassword()
		if err := db.SetPassword(ctx, bilat.LocalActor, x.ID, password, true); err != nil {
			return err
		}
		_, err = fmt.Fprintf(m.Stdout, "one-time password of %s: %s\n", x.Username, password)
		return err
	}
	return usagef("user: say add NAME, reset NAME or list")
}
