package main

import (
	"context"
	"encoding/json"
	"flag"
	"io"
	"strconv"

	"bilat"
	"bilat/store"
)

func exportCommand() *command {
	return &command{
		name:    "export",
		args:    "EVENT",
		summary: "print an event and everything it references as JSON",
		help: "Export prints the export document (format " + bilat.ExportFormat + ") of the event\n" +
			"named by its id or slug, as indented JSON on standard output. Import reads it back.",
		minArgs: 1, maxArgs: 1,
		usesDB: true,
		setup: func(m *Main, _ *flag.FlagSet) action {
			return func(ctx context.Context, args []string) error {
				db, err := m.open(ctx)
				if err != nil {
					return err
				}
				e, err := findEvent(ctx, db, args[0])
				if err != nil {
					return err
				}
				doc, err := db.ExportEvent(ctx, e.ID)
				if err != nil {
					return err
				}
				return writeJSON(m.Stdout, doc)
			}
		},
	}
}

// findEvent returns the event with the id or slug key. A number is tried
// as an id first, since a slug may be all digits.
func findEvent(ctx context.Context, db *store.DB, key string) (*bilat.Event, error) {
	if id, err := strconv.ParseInt(key, 10, 64); err == nil {
		e, err := db.Event(ctx, id)
		if bilat.ErrorCode(err) != bilat.ENOTFOUND {
			return e, err
		}
	}
	return db.EventBySlug(ctx, key)
}

// writeJSON writes v as indented JSON, leaving <, > and & readable.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
