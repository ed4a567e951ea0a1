package main

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"

	"bilat"
	"bilat/store"
)

func eventsCommand() *command {
	return &command{
		name:    "events",
		summary: "list the events",
		help:    "Events lists every event as a table: id, slug, name and first and last day.",
		maxArgs: 0,
		usesDB:  true,
		setup: func(m *Main, _ *flag.FlagSet) action {
			return func(ctx context.Context, _ []string) error {
				db, err := m.open(ctx)
				if err != nil {
					return err
				}
				list, err := allEvents(ctx, db)
				if err != nil {
					return err
				}
				tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tSLUG\tNAME\tDAYS")
				for _, e := range list {
					fmt.Fprintf(tw, "%d\t%s\t%s\t%s – %s\n", e.ID, e.Slug, e.NameEN, e.FirstDay, e.LastDay)
				}
				return tw.Flush()
			}
		},
	}
}

// allEvents reads every event, page by page.
func allEvents(ctx context.Context, db *store.DB) ([]*bilat.Event, error) {
	var all []*bilat.Event
	for {
		page, total, err := db.ListEvents(ctx, bilat.EventFilter{Page: bilat.Page{Offset: len(all), Limit: bilat.MaxLimit}})
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if len(page) == 0 || len(all) >= total {
			return all, nil
		}
	}
}
