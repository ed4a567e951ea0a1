package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"bilat"
)

// summaryLangs are the languages a press summary is saved in.
var summaryLangs = map[string]bool{"en": true, "fr": true, "ar": true}

// maxSummary bounds a saved press summary, in bytes.
const maxSummary = 50000

// SavedSummary returns the press summary of an event in lang as the desk
// saved it, and when; ENOTFOUND when none is saved (the report then
// generates it).
func (db *DB) SavedSummary(ctx context.Context, eventID int64, lang string) (string, time.Time, error) {
	var text, at string
	err := db.reader().queryRow(ctx, "SELECT text, saved_at FROM summaries WHERE event_id = ? AND lang = ?", eventID, lang).Scan(&text, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return "", time.Time{}, bilat.Errorf(bilat.ENOTFOUND, "no press summary is saved for this event in %q", lang)
	}
	if err != nil {
		return "", time.Time{}, err
	}
	saved, err := time.Parse(tsLayout, at)
	return text, saved, err
}

// SaveSummary saves an edited press summary, replacing the one saved
// before; the change is audited.
func (db *DB) SaveSummary(ctx context.Context, a bilat.Actor, eventID int64, lang, text string) error {
	v := bilat.NewProblems("")
	v.Check(summaryLangs[lang], "lang", "must be en, fr or ar")
	v.Required(strings.TrimSpace(text), "text")
	v.MaxLen(text, "text", maxSummary)
	if err := v.Err("press summary"); err != nil {
		return err
	}
	if _, err := db.Event(ctx, eventID); err != nil {
		return err
	}
	return db.inTx(ctx, a, func(tx *Tx) error {
		before, _, err := db.SavedSummary(ctx, eventID, lang)
		if err != nil && bilat.ErrorCode(err) != bilat.ENOTFOUND {
			return err
		}
		if _, err := tx.exec(ctx, "INSERT INTO summaries (event_id, lang, text, saved_by, saved_at) VALUES (?, ?, ?, ?, ?) "+
			"ON CONFLICT (event_id, lang) DO UPDATE SET text = excluded.text, saved_by = excluded.saved_by, saved_at = excluded.saved_at",
			eventID, lang, text, a.Name, ts(tx.now)); err != nil {
			return err
		}
		return audit(ctx, tx, "save", "summary", eventID, summaryAudit(lang, before), summaryAudit(lang, text))
	})
}

// DeleteSummary forgets the saved press summary of an event in lang, so
// that the report generates it again; forgetting none is no error.
func (db *DB) DeleteSummary(ctx context.Context, a bilat.Actor, eventID int64, lang string) error {
	before, _, err := db.SavedSummary(ctx, eventID, lang)
	if bilat.ErrorCode(err) == bilat.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	return db.inTx(ctx, a, func(tx *Tx) error {
		if _, err := tx.exec(ctx, "DELETE FROM summaries WHERE event_id = ? AND lang = ?", eventID, lang); err != nil {
			return err
		}
		return audit(ctx, tx, "delete", "summary", eventID, summaryAudit(lang, before), nil)
	})
}

// summaryAudit is a summary as the audit trail records it.
func summaryAudit(lang, text string) any {
	if text == "" {
		return nil
	}
	return map[string]string{"lang": lang, "text": text}
}
