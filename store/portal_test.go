package store_test

import (
	"testing"
	"time"

	"bilat"
	"bilat/store"
)

// A deleted session is gone with its attendees, and the audit trail keeps
// what it was; deleting it again is not found and changes nothing.
func TestPortalDeleteSession(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		d := f.delegation[1]
		start := day(t, "2025-11-25 10:00")
		x := &bilat.ProgrammeSession{EventID: f.event.ID, Kind: bilat.SessionEngagement, Title: "Unavailable",
			Start: start, End: start.Add(2 * time.Hour), Attendees: []int64{d.HeadID}}
		must(t, db.CreateSession(ctx, tester, x))
		before := auditCount(t, db)
		must(t, db.DeleteSession(ctx, tester, x.ID))
		_, err := db.Session(ctx, x.ID)
		wantCode(t, err, bilat.ENOTFOUND)
		if got := auditCount(t, db); got != before+1 {
			t.Errorf("audit rows %d, want %d", got, before+1)
		}
		entries, _, err := db.ListAudit(ctx, bilat.AuditFilter{Entity: "programme session", EntityID: x.ID})
		must(t, err)
		if len(entries) == 0 || entries[0].Action != "delete" || len(entries[0].Before) == 0 {
			t.Errorf("the deletion's audit row: %+v", entries)
		}
		wantCode(t, db.DeleteSession(ctx, tester, x.ID), bilat.ENOTFOUND)
		if got := auditCount(t, db); got != before+1 {
			t.Errorf("a failed deletion wrote to the audit trail: %d rows", got)
		}
	})
}
