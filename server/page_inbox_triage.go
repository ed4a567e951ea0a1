package server

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"bilat"
)

// Triage in place: accept, decline with a reason, or offer another time or
// a deputy (a decline that carries an offer, as the status machine has
// it), one request at a time or several at once.

// The three triages of one request.
const (
	inboxAccept  = "accept"
	inboxDecline = "decline"
	inboxOffer   = "offer"
)

// inboxTriageFields are the triage forms' fields that show their own
// problems; the names are the transition's field paths.
var inboxTriageFields = []string{"reason", "offer.kind", "offer.start", "offer.principal_id"}

// inboxTriage serves one triage of the request named by the path.
func (s *Server) inboxTriage(kind string) pageFunc {
	return func(w http.ResponseWriter, r *http.Request, v *view) error {
		x, err := byID(s.desk.Request)(r)
		if err != nil {
			return err
		}
		if err := s.inboxEvent(r.Context(), v, x.EventID); err != nil {
			return err
		}
		if err := r.ParseForm(); err != nil {
			return invalid("form", "cannot be read: %v", err)
		}
		f := newForm(r.PostForm)
		back := inboxBack(f)
		v.Path, v.Query = v.EventURL("/requests"), back.Encode()
		t, err := inboxTransition(v, kind, f)
		if err == nil {
			var done *bilat.Request
			if done, err = s.desk.TransitionRequest(r.Context(), actor(r), x.ID, t); err == nil {
				return s.inboxTriaged(w, r, v, kind, done, back)
			}
		}
		return s.inboxRefused(w, r, v, kind, x, f, err)
	}
}

// inboxEvent puts the event of a request in the view, as routes without
// {event} do not have it.
func (s *Server) inboxEvent(ctx context.Context, v *view, eventID int64) error {
	e, err := s.desk.Event(ctx, eventID)
	if err != nil {
		return err
	}
	v.Event = e
	if zone, err := time.LoadLocation(e.Timezone); err == nil {
		v.Zone = zone
	}
	return nil
}

// inboxBack is the inbox query a triage form came from.
func inboxBack(f *form) url.Values {
	q, _ := url.ParseQuery(f.Value("back"))
	return inboxQuery(q)
}

// inboxTransition reads a triage form into a transition. A missing reason
// or offer is refused here, with a message in the reader's language,
// before the desk is asked.
func inboxTransition(v *view, kind string, f *form) (bilat.Transition, error) {
	version, _ := strconv.Atoi(f.Value("version"))
	reason := strings.TrimSpace(f.Value("reason"))
	p := []bilat.Problem{}
	t := bilat.Transition{To: bilat.StatusAccepted, Version: version}
	switch kind {
	case inboxDecline:
		t.To, t.Reason = bilat.StatusDeclined, reason
		if reason == "" {
			p = append(p, bilat.Problem{Field: "reason", Message: v.L.T("inbox.decline.reason_required")})
		}
	case inboxOffer:
		offer, problems := inboxOfferOf(v, f)
		p = append(p, problems...)
		if reason == "" {
			// The desk keeps a reason with every decline; an offer is
			// its own reason unless staff add one.
			reason = v.L.T("inbox.offer.reason_" + offer.Kind)
		}
		t.To, t.Reason, t.Offer = bilat.StatusDeclined, reason, offer
	}
	if len(p) > 0 {
		return t, &bilat.Error{Code: bilat.EINVALID, Message: "invalid transition", Problems: p}
	}
	return t, nil
}

// inboxOfferOf reads the offer of an offer form: another time, typed in
// the event's time zone, or a deputy.
func inboxOfferOf(v *view, f *form) (*bilat.Offer, []bilat.Problem) {
	o := &bilat.Offer{Kind: f.Value("offer_kind"), Note: strings.TrimSpace(f.Value("offer_note"))}
	switch o.Kind {
	case "time":
		start, err := time.ParseInLocation("2006-01-02T15:04", f.Value("offer_start"), v.Zone)
		if err != nil {
			return o, []bilat.Problem{{Field: "offer.start", Message: v.L.T("inbox.offer.start_required")}}
		}
		o.Start = &start
	case "deputy":
		id, err := strconv.ParseInt(f.Value("offer_principal"), 10, 64)
		if err != nil || id <= 0 {
			return o, []bilat.Problem{{Field: "offer.principal_id", Message: v.L.T("inbox.offer.deputy_required")}}
		}
		o.PrincipalID = id
	default:
		o.Kind = "time"
		return o, []bilat.Problem{{Field: "offer.kind", Message: v.L.T("inbox.offer.kind_required")}}
	}
	return o, nil
}

// inboxDoneOf names what a triage did, for the message that reports it.
func inboxDoneOf(kind string) string {
	switch kind {
	case inboxDecline:
		return "declined"
	case inboxOffer:
		return "offered"
	}
	return "accepted"
}

// inboxTriaged answers a triage that was done: htmx gets the request's new
// row and the message; a plain form is sent back to the inbox it came
// from (Post/Redirect/Get), which says what was done.
func (s *Server) inboxTriaged(w http.ResponseWriter, r *http.Request, v *view, kind string, x *bilat.Request, back url.Values) error {
	if r.Header.Get("HX-Request") != "true" {
		q := inboxQuery(back)
		q.Set("done", inboxDoneOf(kind))
		q.Set("id", strconv.FormatInt(x.ID, 10))
		http.Redirect(w, r, v.EventURL("/requests")+"?"+q.Encode()+"#request-"+strconv.FormatInt(x.ID, 10), http.StatusSeeOther)
		return nil
	}
	n, err := s.loadInboxNames(r.Context(), x.EventID)
	if err != nil {
		return err
	}
	row := s.newRow(v, n, x, back.Encode())
	row.Current = true
	v.Data = inboxFragment{Row: row, Message: s.inboxMessage(r.Context(), v, inboxDoneOf(kind), x)}
	return s.renderBlock(w, http.StatusOK, "inbox", "inbox-row-fragment", v)
}

// inboxFragment is the answer to an htmx triage: the row, and the message
// for the page's status region.
type inboxFragment struct {
	Row     *inboxRow
	Message string
	Failed  bool
}

// inboxRefused answers a triage the desk refused. Invalid input shows its
// message beside the field, with what was typed; a conflict (the request
// changed meanwhile) shows the request as it now is and says so. The
// status is 422 or 409; htmx's own script swaps those too (inbox.js).
func (s *Server) inboxRefused(w http.ResponseWriter, r *http.Request, v *view, kind string, x *bilat.Request, f *form, err error) error {
	status := http.StatusUnprocessableEntity
	switch bilat.ErrorCode(err) {
	case bilat.EINVALID:
		f.Fail(v.L, err, inboxTriageFields...)
	case bilat.ECONFLICT:
		status = http.StatusConflict
		if cur, err := s.desk.Request(r.Context(), x.ID); err == nil {
			x = cur
		}
	default:
		return err
	}
	n, err2 := s.loadInboxNames(r.Context(), x.EventID)
	if err2 != nil {
		return err2
	}
	back := inboxBack(f)
	row := s.newRow(v, n, x, back.Encode())
	row.Current = true
	message := v.L.T("inbox.refused", "ID", x.ID)
	if status == http.StatusConflict {
		row.Error = v.L.T("inbox.conflict", "ID", x.ID, "Status", v.L.T("status."+string(x.Status)))
		message = row.Error
	} else {
		row.Form, row.Open = f, kind
		row.Error = inboxOtherProblems(f)
	}
	if r.Header.Get("HX-Request") == "true" {
		v.Data = inboxFragment{Row: row, Message: message, Failed: true}
		return s.renderBlock(w, status, "inbox", "inbox-row-fragment", v)
	}
	list, err := s.inboxList(r.Context(), v, back, row)
	if err != nil {
		return err
	}
	list.Message, list.Failed = message, true
	return s.renderInbox(w, r, v, status, list)
}

// inboxOtherProblems joins the problems no field of the row shows (such
// as a missing version), so that none is hidden.
func inboxOtherProblems(f *form) string {
	var parts []string
	for _, p := range f.Other {
		parts = append(parts, p.String())
	}
	return strings.Join(parts, "; ")
}

// inboxBulkResult says what a bulk triage did to each request picked.
type inboxBulkResult struct {
	Action    string
	Succeeded []string // the requests done, by label
	Failed    []inboxBulkFailure
}

// inboxBulkFailure is one request a bulk triage could not change, and why.
type inboxBulkFailure struct{ Label, Reason string }

// inboxBulk accepts or declines (with one reason) the requests picked.
// Each request's transition is its own: some may succeed while others are
// refused, and the answer lists both.
func (s *Server) inboxBulk(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := r.ParseForm(); err != nil {
		return invalid("form", "cannot be read: %v", err)
	}
	f := newForm(r.PostForm)
	back := inboxBack(f)
	v.Path, v.Query = v.EventURL("/requests"), back.Encode()
	action, reason := f.Value("action"), strings.TrimSpace(f.Value("reason"))
	picked := f.Values["pick"]
	switch {
	case action != inboxAccept && action != inboxDecline:
		f.Problems["action"] = v.L.T("inbox.bulk.action_required")
	case action == inboxDecline && reason == "":
		f.Problems["reason"] = v.L.T("inbox.decline.reason_required")
	}
	if len(picked) == 0 {
		f.Problems["pick"] = v.L.T("inbox.bulk.pick_required")
	}
	var result *inboxBulkResult
	status := http.StatusOK
	if len(f.Problems) > 0 {
		status = http.StatusUnprocessableEntity
	} else {
		result = s.inboxApplyBulk(r, v, action, reason, picked)
	}
	list, err := s.inboxList(r.Context(), v, back, nil)
	if err != nil {
		return err
	}
	list.Bulk, list.BulkForm = result, f
	if result != nil {
		f = newForm(nil)
		list.BulkForm = f
	}
	return s.renderInbox(w, r, v, status, list)
}

// inboxApplyBulk moves each picked request ("id:version") in turn.
func (s *Server) inboxApplyBulk(r *http.Request, v *view, action, reason string, picked []string) *inboxBulkResult {
	ctx := r.Context()
	to := bilat.StatusAccepted
	if action == inboxDecline {
		to = bilat.StatusDeclined
	}
	res := &inboxBulkResult{Action: action}
	for _, p := range picked {
		idText, versionText, _ := strings.Cut(p, ":")
		id, _ := strconv.ParseInt(idText, 10, 64)
		version, _ := strconv.Atoi(versionText)
		label := v.L.T("inbox.number", "ID", idText)
		x, err := s.desk.Request(ctx, id)
		if err == nil && x.EventID != v.Event.ID {
			err = bilat.Errorf(bilat.ENOTFOUND, "request %d is not one of this event's", id)
		}
		if err == nil {
			label = s.inboxLabel(ctx, v, x)
			x, err = s.desk.TransitionRequest(ctx, actor(r), id, bilat.Transition{To: to, Version: version, Reason: reason})
		}
		if err != nil {
			res.Failed = append(res.Failed, inboxBulkFailure{label, s.inboxWhy(ctx, v, id, err)})
			continue
		}
		res.Succeeded = append(res.Succeeded, label)
	}
	return res
}

// inboxLabel names a request for a person: its number and its delegation.
func (s *Server) inboxLabel(ctx context.Context, v *view, x *bilat.Request) string {
	return v.L.T("inbox.label", "ID", x.ID, "Name", s.inboxPartnerName(ctx, v, x))
}

// inboxWhy says why a request's transition was refused, in the reader's
// language where the desk's error is one the inbox knows.
func (s *Server) inboxWhy(ctx context.Context, v *view, id int64, err error) string {
	switch bilat.ErrorCode(err) {
	case bilat.ECONFLICT:
		if cur, err := s.desk.Request(ctx, id); err == nil {
			return v.L.T("inbox.conflict", "ID", id, "Status", v.L.T("status."+string(cur.Status)))
		}
	case bilat.ENOTFOUND:
		return v.L.T("error.not_found")
	case bilat.EINTERNAL:
		s.log.ErrorContext(ctx, "bulk triage", "request", id, "err", err)
		return v.L.T("error.title")
	}
	return bilat.ErrorMessage(err)
}
