package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"

	"bilat"
	"bilat/report"
)

// reportWriters are the formats bilat report writes.
var reportWriters = map[string]func(io.Writer, *report.Report) error{
	"text": report.WriteText,
	"html": report.WriteHTML,
	"pdf":  report.WritePDF,
	"xlsx": report.WriteXLSX,
}

func reportCommand() *command {
	var lang, format, scheme, out string
	return &command{
		name:    "report",
		args:    "EVENT",
		summary: "write an event's report and press summary (text, HTML, PDF or XLSX)",
		help: "Report writes the report of the event named by its id or slug: meetings held,\n" +
			"requests and counterparts counted apart, by region, topic and day, the agreements\n" +
			"signed and the press summary (as the desk saved it, else generated), in English,\n" +
			"French or Arabic. Without --scheme, the event's own region scheme is used, else\n" +
			report.DefaultScheme + ".",
		minArgs: 1, maxArgs: 1,
		usesDB: true,
		setup: func(m *Main, fs *flag.FlagSet) action {
			fs.StringVar(&lang, "lang", "en", "the `language`: en, fr or ar")
			fs.StringVar(&format, "format", "text", "the `format`: text, html, pdf or xlsx")
			fs.StringVar(&scheme, "scheme", "", "the region `scheme` (a slug, such as un-m49-continents or interpol)")
			fs.StringVar(&out, "o", "", "the `file` to write (standard output when absent)")
			return func(ctx context.Context, args []string) error {
				write, ok := reportWriters[format]
				if !ok {
					return usagef("--format must be text, html, pdf or xlsx, not %q", format)
				}
				if lang != "en" && lang != "fr" && lang != "ar" {
					return usagef("--lang must be en, fr or ar, not %q", lang)
				}
				db, err := m.open(ctx)
				if err != nil {
					return err
				}
				e, err := findEvent(ctx, db, args[0])
				if err != nil {
					return err
				}
				r, err := report.Build(ctx, db, e.ID, scheme, lang)
				if err != nil {
					return err
				}
				if text, _, err := db.SavedSummary(ctx, e.ID, lang); err == nil {
					r.Saved = text
				} else if bilat.ErrorCode(err) != bilat.ENOTFOUND {
					return err
				}
				var buf bytes.Buffer
				if err := write(&buf, r); err != nil {
					return err
				}
				if out != "" {
					return os.WriteFile(out, buf.Bytes(), 0o644)
				}
				_, err = m.Stdout.Write(buf.Bytes())
				return err
			}
		},
	}
}
