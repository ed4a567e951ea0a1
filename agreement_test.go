package bilat_test

import (
	"reflect"
	"testing"
	"time"

	"bilat"
)

// TestAgreementAlerts computes the registry's alerts for fixed days.
func TestAgreementAlerts(t *testing.T) {
	today := time.Date(2026, 3, 1, 17, 30, 0, 0, time.UTC)
	mk := func(title string, status bilat.AgreementStatus, expires, review string) *bilat.Agreement {
		return &bilat.Agreement{Title: title, Status: status, ExpiresOn: expires, NextReviewOn: review}
	}
	xs := []*bilat.Agreement{
		mk("in 90 days", bilat.AgreementInForce, "2026-05-30", ""),
		mk("in 91 days", bilat.AgreementInForce, "2026-05-31", ""),
		mk("today", bilat.AgreementSigned, "2026-03-01", ""),
		mk("lapsed", bilat.AgreementInForce, "2026-02-27", ""),
		mk("already expired", bilat.AgreementExpired, "2026-02-01", "2026-02-01"),
		mk("terminated", bilat.AgreementTerminated, "2026-03-10", "2026-03-10"),
		mk("draft expiring", bilat.AgreementDraft, "2026-03-10", ""),
		mk("review in 30", bilat.AgreementNegotiating, "", "2026-03-31"),
		mk("review in 31", bilat.AgreementInForce, "", "2026-04-01"),
		mk("review late", bilat.AgreementInForce, "", "2026-02-28"),
	}
	type got struct {
		Title string
		Kind  bilat.AgreementAlertKind
		Days  int
	}
	var out []got
	for _, a := range bilat.AgreementAlerts(xs, today) {
		out = append(out, got{a.Agreement.Title, a.Kind, a.Days})
	}
	want := []got{
		{"lapsed", bilat.AlertExpired, -2},
		{"review late", bilat.AlertReviewOverdue, -1},
		{"today", bilat.AlertExpiring, 0},
		{"review in 30", bilat.AlertReviewDue, 30},
		{"in 90 days", bilat.AlertExpiring, 90},
	}
	if !reflect.DeepEqual(out, want) {
		t.Errorf("alerts\n got %+v\nwant %+v", out, want)
	}
}

func TestDocumentName(t *testing.T) {
	for in, want := range map[string]string{
		"mou.pdf":               "mou.pdf",
		`C:\Users\desk\mou.pdf`: "mou.pdf",
		"../../etc/passwd":      "passwd",
		"a\x00b\r\n.pdf":        "ab.pdf",
		"مذكرة تفاهم.pdf":       "مذكرة تفاهم.pdf",
		"/":                     "",
		"":                      "",
	} {
		if got := bilat.DocumentName(in); got != want {
			t.Errorf("DocumentName(%q) = %q, want %q", in, got, want)
		}
	}
}
