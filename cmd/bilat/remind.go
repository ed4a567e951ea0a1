package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"bilat/notify"
)

func remindCommand() *command {
	return &command{
		name:    "remind",
		summary: "e-mail follow-up action owners their overdue and due-soon actions",
		help: "Remind writes one message to each owner of an open follow-up action that is\n" +
			"overdue or due within 3 days: in the owner's language (French or Arabic when\n" +
			"their directory entry says so) followed by English. Owners must be people\n" +
			"with an e-mail address; actions owned by a free-text name are listed in the\n" +
			"desk only. The password of --smtp-user is read from BILAT_SMTP_PASSWORD.\n" +
			"Run it daily (cron or a systemd timer); bilat serve does not send mail.\n\n" +
			"  bilat remind --smtp host:port --smtp-from desk@example.org [--smtp-user NAME]\n" +
			"  bilat remind --dry-run",
		usesDB: true,
		setup: func(m *Main, fs *flag.FlagSet) action {
			var c notify.Config
			fs.StringVar(&c.Addr, "smtp", "", "the SMTP server's `host:port`")
			fs.StringVar(&c.User, "smtp-user", "", "the `user` for PLAIN authentication (password in BILAT_SMTP_PASSWORD)")
			fs.StringVar(&c.From, "smtp-from", "", "the sender's `address`")
			dry := fs.Bool("dry-run", false, "print the messages instead of sending them")
			return func(ctx context.Context, args []string) error {
				c.Password = m.Getenv("BILAT_SMTP_PASSWORD")
				return m.remind(ctx, c, *dry)
			}
		},
	}
}

// remind composes the reminders and sends them, or prints them.
func (m *Main) remind(ctx context.Context, c notify.Config, dry bool) error {
	if !dry && (c.Addr == "" || c.From == "") {
		return usagef("remind needs --smtp and --smtp-from, or --dry-run")
	}
	db, err := m.open(ctx)
	if err != nil {
		return err
	}
	now := time.Now()
	msgs, skipped, err := notify.Compose(ctx, db, now, time.Local)
	if err != nil {
		return err
	}
	if dry {
		for _, msg := range msgs {
			fmt.Fprintf(m.Stdout, "%s\n", notify.Format(c.From, msg, now))
		}
		fmt.Fprintf(m.Stdout, "%d message(s) to send; %d action(s) without an owner to write to\n", len(msgs), skipped)
		return nil
	}
	var failed []error
	for _, r := range notify.Send(ctx, c, msgs, now) {
		if r.Err != nil {
			fmt.Fprintf(m.Stderr, "%s: %v\n", r.To, r.Err)
			failed = append(failed, r.Err)
			continue
		}
		fmt.Fprintf(m.Stdout, "sent to %s\n", r.To)
	}
	fmt.Fprintf(m.Stdout, "%d sent, %d failed; %d action(s) without an owner to write to\n", len(msgs)-len(failed), len(failed), skipped)
	return errors.Join(failed...)
}
