package server

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"bilat"
)

// The staff's form to enter a request that arrived by letter, e-mail or
// telephone. A refused submission shows each problem beside its field and
// keeps what was typed.

// inboxNewFields are the fields of the new-request form that show their
// own problems; "targets" is shown beside the principals' choices.
var inboxNewFields = []string{"delegation_id", "targets", "topics", "duration_min", "priority", "earliest", "latest", "languages", "notes", "notes_restricted"}

// inboxNewForm is the data of the new-request page.
type inboxNewForm struct {
	Form        *form
	Delegations []option
	Principals  []option
	Topics      []option
	Priorities  []option
	Choices     []int // the preferences of the principals' choices: 1, 2, 3
}

// Picked reports whether a topic's box was ticked.
func (d inboxNewForm) Picked(code string) bool { return contains(d.Form.Values["topics"], code) }

// inboxNewPage shows the empty form, with the usual duration and priority.
func (s *Server) inboxNewPage(w http.ResponseWriter, r *http.Request, v *view) error {
	f := newForm(nil)
	f.Values.Set("duration_min", "30")
	f.Values.Set("priority", "3")
	f.Values.Set("languages", "en")
	return s.renderInboxNew(w, r, v, http.StatusOK, f)
}

// inboxCreate creates the request typed in the form, then shows it in
// the inbox; a refused one comes back with its problems.
func (s *Server) inboxCreate(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := r.ParseForm(); err != nil {
		return invalid("form", "cannot be read: %v", err)
	}
	f := newForm(r.PostForm)
	x, err := inboxRequestOf(v, f)
	if err == nil {
		err = s.desk.CreateRequest(r.Context(), actor(r), x)
	}
	if err != nil {
		if !f.Fail(v.L, err, inboxNewFields...) {
			return err
		}
		return s.renderInboxNew(w, r, v, http.StatusUnprocessableEntity, f)
	}
	http.Redirect(w, r, v.EventURL("/requests")+"?done=created&id="+strconv.FormatInt(x.ID, 10), http.StatusSeeOther)
	return nil
}

// renderInboxNew writes the new-request page with its choices.
func (s *Server) renderInboxNew(w http.ResponseWriter, r *http.Request, v *view, status int, f *form) error {
	n, err := s.loadInboxNames(r.Context(), v.Event.ID)
	if err != nil {
		return err
	}
	choose := option{"", v.L.T("inbox.new.choose")}
	d := inboxNewForm{Form: f, Delegations: []option{choose}, Principals: []option{choose}, Choices: []int{1, 2, 3}}
	for _, x := range n.delegations {
		if !x.IsHost {
			d.Delegations = append(d.Delegations, option{strconv.FormatInt(x.ID, 10), v.PartnerName(n.partners[x.PartnerID])})
		}
	}
	sort.SliceStable(d.Delegations[1:], func(i, j int) bool { return d.Delegations[i+1].Label < d.Delegations[j+1].Label })
	for _, p := range n.principals {
		d.Principals = append(d.Principals, option{strconv.FormatInt(p.ID, 10), n.principalNames[p.ID]})
	}
	for _, t := range n.topics {
		d.Topics = append(d.Topics, option{t.Code, n.topicName(t.Code, v.L.Lang)})
	}
	for p := 5; p >= 1; p-- {
		d.Priorities = append(d.Priorities, option{strconv.Itoa(p), v.L.T("inbox.priority." + strconv.Itoa(p))})
	}
	v.Title, v.Nav, v.Data = v.L.T("inbox.new.title"), "inbox", d
	return s.render(w, status, "inbox-new", v)
}

// inboxRequestOf reads the form into a new request of the event. What
// cannot be read (letters in a number, a malformed time) is refused here,
// with a message in the reader's language; the rest is the desk's to
// check.
func inboxRequestOf(v *view, f *form) (*bilat.Request, error) {
	p := bilat.NewProblems("")
	x := &bilat.Request{EventID: v.Event.ID, Topics: f.Values["topics"], Notes: strings.TrimSpace(f.Value("notes")),
		NotesRestricted: restrictedChecked(f), Interpretation: f.Value("interpretation") != ""}
	x.DelegationID, _ = strconv.ParseInt(f.Value("delegation_id"), 10, 64)
	for _, c := range []string{"target1", "target2", "target3"} {
		if id, err := strconv.ParseInt(f.Value(c), 10, 64); err == nil && id > 0 {
			x.Targets = append(x.Targets, bilat.Target{PrincipalID: id, Preference: len(x.Targets) + 1})
		}
	}
	number := func(field string) int {
		n, err := strconv.Atoi(strings.TrimSpace(f.Value(field)))
		p.Check(err == nil, field, "%s", v.L.T("inbox.new.whole_number"))
		return n
	}
	x.DurationMin, x.Priority = number("duration_min"), number("priority")
	moment := func(field string) *time.Time {
		text := strings.TrimSpace(f.Value(field))
		if text == "" {
			return nil
		}
		t, err := time.ParseInLocation("2006-01-02T15:04", text, v.Zone)
		p.Check(err == nil, field, "%s", v.L.T("inbox.new.moment"))
		return &t
	}
	x.Earliest, x.Latest = moment("earliest"), moment("latest")
	for _, l := range strings.FieldsFunc(strings.ToLower(f.Value("languages")), func(r rune) bool { return r == ',' || r == ' ' }) {
		x.Languages = append(x.Languages, l)
	}
	if p.Len() > 0 {
		// Show the desk's other problems at once, beside their fields,
		// rather than one round at a time.
		for _, q := range bilat.ErrorProblems(x.Validate()) {
			p.Add(q.Field, "%s", q.Message)
		}
	}
	return x, p.Err("request")
}
