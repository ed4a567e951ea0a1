package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"bilat"
)

func tokenCommand() *command {
	return &command{
		name:    "token",
		args:    "create | list | revoke ID",
		summary: "issue, list or revoke API tokens",
		help: "Token manages API tokens from the database's machine.\n\n" +
			"  bilat token create --user NAME [--scope read|write] [--expires 30d] [--name TEXT]\n" +
			"  bilat token list --user NAME\n" +
			"  bilat token revoke ID\n\n" +
			"create prints the token once; only its hash is stored. The API takes it as\n" +
			"\"Authorization: Bearer TOKEN\". A read token calls GET routes only.",
		minArgs: 1,
		maxArgs: 2,
		usesDB:  true,
		setup: func(m *Main, fs *flag.FlagSet) action {
			user := fs.String("user", "", "the `username` the token acts as")
			scope := fs.String("scope", "read", "read or write")
			expires := fs.String("expires", "30d", "how long the token lasts: `N`d, a Go duration such as 12h, or never")
			name := fs.String("name", "", "a `label` to tell tokens apart")
			return func(ctx context.Context, args []string) error {
				return m.token(ctx, args, *user, *scope, *expires, *name)
			}
		},
	}
}

// token runs the token subcommands.
func (m *Main) token(ctx context.Context, args []string, user, scope, expires, name string) error {
	db, err := m.open(ctx)
	if err != nil {
		return err
	}
	switch {
	case args[0] == "revoke" && len(args) == 2:
		id, err := strconv.ParseInt(args[1], 10, 64)
		if err != nil {
			return usagef("token revoke: %q is not a token id", args[1])
		}
		return db.RevokeToken(ctx, bilat.LocalActor, id)
	case len(args) != 1 || (args[0] != "create" && args[0] != "list"):
		return usagef("token: say create, list or revoke ID")
	case user == "":
		return usagef("token %s needs --user", args[0])
	}
	u, err := db.UserByName(ctx, strings.ToLower(user))
	if err != nil {
		return err
	}
	if args[0] == "list" {
		tokens, err := db.ListTokens(ctx, u.ID)
		if err != nil {
			return err
		}
		for _, t := range tokens {
			fmt.Fprintf(m.Stdout, "%d\t%s\t%s\t%s\n", t.ID, t.Scope, tokenState(t), t.Name)
		}
		return nil
	}
	t := &bilat.Token{UserID: u.ID, Name: name, Scope: bilat.TokenScope(scope)}
	if t.ExpiresAt, err = expiry(expires); err != nil {
		return err
	}
	secret, err := db.CreateToken(ctx, bilat.LocalActor, t)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(m.Stdout, secret)
	return err
}

// expiry reads --expires: "never", N followed by d for days, or a Go duration.
func expiry(s string) (*time.Time, error) {
	if s == "never" {
		return nil, nil
	}
	var d time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n <= 0 {
			return nil, usagef("--expires: %q is not a number of days", s)
		}
		d = time.Duration(n) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil || d <= 0 {
			return nil, usagef("--expires: %q is not 30d, 12h or never", s)
		}
	}
	t := time.Now().Add(d).UTC()
	return &t, nil
}

func tokenState(t *bilat.Token) string {
	switch {
	case t.RevokedAt != nil:
		return "revoked"
	case t.ExpiresAt != nil && time.Now().After(*t.ExpiresAt):
		return "expired"
	case t.ExpiresAt != nil:
		return "until " + t.ExpiresAt.Format("2006-01-02")
	}
	return "no expiry"
}
