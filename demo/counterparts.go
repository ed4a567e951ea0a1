package demo

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"bilat"
)

// Invented priorities: the memorandum countries highest, organisations
// next, other countries in a fixed rotation of 2, 3 and 4.
const (
	priorityAgreement    = 5
	priorityOrganisation = 4
)

// createCounterparts ranks the reported counterparts (see the package
// comment) and records each one's head, delegation and accepted request.
func (b *builder) createCounterparts(ctx context.Context) error {
	if err := b.rankCounterparts(ctx); err != nil {
		return err
	}
	for i, c := range b.parties {
		c.held = i < b.src.MeetingsClaimed
		if err := b.createCounterpart(ctx, i, c); err != nil {
			return fmt.Errorf("%s: %w", c.partner.Code, err)
		}
	}
	return nil
}

// rankCounterparts lists the counterparts: the memorandum countries, the
// organisations, then the press's countries taken in turn from each of its
// continents.
func (b *builder) rankCounterparts(ctx context.Context) error {
	for _, a := range b.src.Agreements {
		if err := b.addCountry(ctx, a.Country, priorityAgreement, b.topicsIn(a.Scope)); err != nil {
			return err
		}
	}
	for _, o := range b.src.Organisations {
		if err := b.addOrganisation(ctx, o); err != nil {
			return err
		}
	}
	for i, code := range interleave(b.src.Groups) {
		if err := b.addCountry(ctx, code, 2+i%3, nil); err != nil {
			return err
		}
	}
	return nil
}

// interleave takes one country from each continent in turn.
func interleave(groups pressGroups) []string {
	var out []string
	for k, more := 0, true; more; k++ {
		more = false
		for _, g := range groups {
			if k < len(g.Countries) {
				out = append(out, g.Countries[k])
				more = true
			}
		}
	}
	return out
}

// topicsIn returns the codes of the reported topics named in text, which
// may interrupt a name with punctuation: "transnational (cross-border) crime".
func (b *builder) topicsIn(text string) []string {
	var codes []string
	text = words(text)
	for _, name := range b.src.Topics {
		if strings.Contains(text, words(name)) {
			codes = append(codes, b.topics[name])
		}
	}
	return codes
}

// words returns s in lower case with punctuation other than hyphens
// removed and single spaces between words.
func words(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// addCountry adds a country counterpart unless it is listed already.
func (b *builder) addCountry(ctx context.Context, code string, priority int, topics []string) error {
	if b.counterpartOf(code) != nil {
		return nil
	}
	p, err := b.desk.PartnerByCode(ctx, code)
	if err != nil {
		return fmt.Errorf("country %s: %w", code, err)
	}
	b.parties = append(b.parties, &counterpart{partner: p, priority: priority, topics: topics})
	return nil
}

// addOrganisation finds or creates a reported organisation as a partner.
// The role the press gives in parentheses becomes its head's title.
func (b *builder) addOrganisation(ctx context.Context, o reportedOrg) error {
	name, role := splitRole(o.NameEN)
	d, ok := orgDetails[name]
	if !ok {
		return bilat.Errorf(bilat.ENOTFOUND, "no code is known for the organisation %q", name)
	}
	p, err := b.ensurePartner(ctx, &bilat.Partner{
		Kind: bilat.PartnerKind(strings.ReplaceAll(o.Kind, " ", "_")),
		Code: d.code, NameEN: name, NameFR: d.nameFR, NameAR: d.nameAR, SeatCountry: d.seat,
	})
	if err != nil {
		return fmt.Errorf("organisation %s: %w", d.code, err)
	}
	b.parties = append(b.parties, &counterpart{partner: p, priority: priorityOrganisation, title: role})
	return nil
}

// splitRole splits "Name (Role)" into its name and role.
func splitRole(s string) (name, role string) {
	i := strings.LastIndex(s, " (")
	if i < 0 || !strings.HasSuffix(s, ")") {
		return s, ""
	}
	return s[:i], s[i+2 : len(s)-1]
}

// createCounterpart records counterpart i's head of delegation, its
// delegation and its request to meet the Director General, accepted.
func (b *builder) createCounterpart(ctx context.Context, i int, c *counterpart) error {
	if err := b.createHead(ctx, c); err != nil {
		return err
	}
	c.delegation = &bilat.Delegation{
		EventID: b.event.ID, PartnerID: c.partner.ID, HeadID: c.head.ID,
		Members: []int64{c.head.ID},
		Notes:   "Reported as a counterpart of the " + b.src.Host.Principal.TitleEN + ".",
	}
	if err := b.desk.CreateDelegation(ctx, b.actor, c.delegation); err != nil {
		return err
	}
	return b.createRequest(ctx, i, c)
}

// createHead records a head of delegation named by role.
func (b *builder) createHead(ctx context.Context, c *counterpart) error {
	title, note := c.title, "the press reports this role but not the person's name."
	if title == "" {
		title, note = "Head of delegation", "the press names neither the head of delegation nor the role."
	}
	c.head = &bilat.Person{
		PartnerID: c.partner.ID, Name: "Head of delegation, " + c.partner.NameEN,
		Title: title, Languages: []string{"en"}, Aliases: []string{},
		Notes: illustrative + note,
	}
	return b.desk.CreatePerson(ctx, b.actor, c.head)
}

// createRequest records counterpart i's request and accepts it.
func (b *builder) createRequest(ctx context.Context, i int, c *counterpart) error {
	r := &bilat.Request{
		EventID: b.event.ID, DelegationID: c.delegation.ID, RequestedByID: c.head.ID,
		Targets:     []bilat.Target{{PrincipalID: b.principal.ID, Preference: 1}},
		Topics:      b.requestTopics(i, c),
		DurationMin: 20 + 5*(i%6),
		Priority:    c.priority,
		Languages:   []string{"en", "fr"}, Interpretation: true,
		Notes:  b.requestNote(c),
		Status: bilat.StatusRequested, Illustrative: true,
	}
	if err := b.desk.CreateRequest(ctx, b.actor, r); err != nil {
		return err
	}
	accepted, err := b.desk.TransitionRequest(ctx, b.actor, r.ID, bilat.Transition{To: bilat.StatusAccepted, Version: r.Version})
	c.request = accepted
	return err
}

// requestTopics returns the counterpart's own topics, then two of the
// reported topics in rotation.
func (b *builder) requestTopics(i int, c *counterpart) []string {
	n := len(b.src.Topics)
	codes := append([]string{}, c.topics...)
	for _, name := range []string{b.src.Topics[i%n], b.src.Topics[(i+3)%n]} {
		if code := b.topics[name]; !slices.Contains(codes, code) {
			codes = append(codes, code)
		}
	}
	return codes
}

// requestNote says what is reported of the request and what is not.
func (b *builder) requestNote(c *counterpart) string {
	if c.held {
		return illustrative + "the press names this counterpart among those the " + b.src.Host.Principal.TitleEN +
			" met; the topics, duration, priority, time and room are invented."
	}
	return fmt.Sprintf("%sthe press names this counterpart but reports %d meetings for %d counterparts; "+
		"a separate meeting with it is not reported as held, so the request is left accepted and unscheduled.",
		illustrative, b.src.MeetingsClaimed, len(b.parties))
}
