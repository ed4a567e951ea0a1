package store_test

import (
	"testing"

	"bilat"
	"bilat/store"
)

// TestSummarySaveAndForget saves an edited press summary, replaces it,
// refuses a blank one or an unknown language without a change, and
// forgets it, every change audited.
func TestSummarySaveAndForget(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		id := f.event.ID
		_, _, err := db.SavedSummary(ctx, id, "fr")
		wantCode(t, err, bilat.ENOTFOUND)
		before := auditCount(t, db)
		must(t, db.SaveSummary(ctx, tester, id, "fr", "Premier texte."))
		must(t, db.SaveSummary(ctx, tester, id, "fr", "Texte révisé."))
		text, at, err := db.SavedSummary(ctx, id, "fr")
		if err != nil || text != "Texte révisé." || at.IsZero() {
			t.Fatalf("saved %q at %v: %v", text, at, err)
		}
		if _, _, err := db.SavedSummary(ctx, id, "en"); bilat.ErrorCode(err) != bilat.ENOTFOUND {
			t.Errorf("the English summary: %v", err)
		}
		wantCode(t, db.SaveSummary(ctx, tester, id, "fr", "  \n"), bilat.EINVALID)
		wantCode(t, db.SaveSummary(ctx, tester, id, "de", "Text."), bilat.EINVALID)
		wantCode(t, db.SaveSummary(ctx, tester, id+1000, "fr", "Texte."), bilat.ENOTFOUND)
		if text, _, _ := db.SavedSummary(ctx, id, "fr"); text != "Texte révisé." {
			t.Errorf("a refused save changed the text to %q", text)
		}
		must(t, db.DeleteSummary(ctx, tester, id, "fr"))
		must(t, db.DeleteSummary(ctx, tester, id, "fr"))
		_, _, err = db.SavedSummary(ctx, id, "fr")
		wantCode(t, err, bilat.ENOTFOUND)
		if n := auditCount(t, db) - before; n != 3 {
			t.Errorf("%d audit rows, want 3 (two saves, one deletion)", n)
		}
	})
}
