package demo

import (
	"context"
	"fmt"
	"strings"

	"bilat"
)

// createAgreements records the memoranda reported as signed.
func (b *builder) createAgreements(ctx context.Context) error {
	for _, a := range b.src.Agreements {
		if err := b.createAgreement(ctx, a); err != nil {
			return fmt.Errorf("%s: %w", a.Country, err)
		}
	}
	return nil
}

// createAgreement records one signed memorandum, linked to the meeting held
// with its country. The signature date is not reported: it is taken as the
// day of that meeting. The agreement goes through its life (draft,
// negotiating, signed) so the audit trail reads as the desk would have it.
func (b *builder) createAgreement(ctx context.Context, r reportedAgreement) error {
	c := b.counterpartOf(r.Country)
	if c == nil || c.meeting == nil {
		return bilat.Errorf(bilat.ENOTFOUND, "no meeting is held with %s", r.Country)
	}
	x := &bilat.Agreement{
		Kind:    strings.ReplaceAll(r.Kind, " ", "_"),
		Title:   fmt.Sprintf("%s between the %s and the %s", capitalise(r.Kind), hostCode, r.Organisation),
		Parties: []int64{b.host.ID, c.partner.ID},
		Topics:  c.topics,
		Scope:   r.Scope,
		Status:  bilat.AgreementDraft,
		Place:   b.event.City, EventID: b.event.ID, MeetingID: c.meeting.ID,
		Notes: "Signed with the " + r.Organisation + ", as reported. " +
			illustrative + "the date of signature is taken as the day of the bilateral meeting.",
	}
	if len(x.Topics) == 0 {
		x.Topics = c.request.Topics
	}
	if err := b.desk.CreateAgreement(ctx, b.actor, x); err != nil {
		return err
	}
	return b.sign(ctx, x, c.meeting.Start.In(b.loc).Format(bilat.DateLayout))
}

// sign moves a draft agreement through negotiation to signature on day.
func (b *builder) sign(ctx context.Context, x *bilat.Agreement, day string) error {
	x, err := b.desk.TransitionAgreement(ctx, b.actor, x.ID, bilat.AgreementTransition{To: bilat.AgreementNegotiating, Version: x.Version})
	if err != nil {
		return err
	}
	_, err = b.desk.TransitionAgreement(ctx, b.actor, x.ID, bilat.AgreementTransition{To: bilat.AgreementSigned, Version: x.Version, SignedOn: day})
	return err
}

// counterpartOf returns the counterpart with the partner code, or nil.
func (b *builder) counterpartOf(code string) *counterpart {
	for _, c := range b.parties {
		if c.partner.Code == code {
			return c
		}
	}
	return nil
}

// capitalise upper-cases the first letter of an ASCII phrase.
func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
