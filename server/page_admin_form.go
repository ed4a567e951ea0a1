package server

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"bilat"
	"bilat/auth"
)

// adminUserForm is the form that creates or edits an account. A liaison's
// event is the event of the delegation chosen, so the form asks only for
// the delegation; a principal is bound to a person who is a principal of
// some event.
type adminUserForm struct {
	User     *bilat.User // the account edited; nil for a new one
	F        *form
	Conflict string
	Self     bool // the administrator edits their own account
	Roles    []option
	People   []option
	Dels     []option
	Tokens   *accountTokenList
}

// adminFormFields are the fields the form shows, for its problems.
var adminFormFields = []string{"username", "role", "person_id", "delegation_id", "disabled"}

func (s *Server) adminUserNew(w http.ResponseWriter, r *http.Request, v *view) error {
	f := newForm(url.Values{"role": {string(bilat.RoleDesk)}})
	return s.adminFormPage(w, r, http.StatusOK, v, &adminUserForm{F: f})
}

func (s *Server) adminUserEdit(w http.ResponseWriter, r *http.Request, v *view) error {
	u, err := s.adminUser(r)
	if err != nil {
		return err
	}
	f := newForm(url.Values{"role": {string(u.Role)}, "version": {strconv.Itoa(u.Version)}})
	if u.PersonID != 0 {
		f.Values.Set("person_id", strconv.FormatInt(u.PersonID, 10))
	}
	if u.DelegationID != 0 {
		f.Values.Set("delegation_id", strconv.FormatInt(u.DelegationID, 10))
	}
	if u.Disabled {
		f.Values.Set("disabled", "1")
	}
	return s.adminFormPage(w, r, http.StatusOK, v, &adminUserForm{User: u, F: f})
}

// adminFormPage shows the form with its choices, and on an existing
// account its API tokens.
func (s *Server) adminFormPage(w http.ResponseWriter, r *http.Request, status int, v *view, d *adminUserForm) error {
	ctx := r.Context()
	for _, role := range bilat.Roles {
		d.Roles = append(d.Roles, option{string(role), v.L.T("account.role." + string(role))})
	}
	var err error
	if d.People, err = s.adminPeople(ctx); err != nil {
		return err
	}
	if d.Dels, err = s.adminDelegations(ctx, v); err != nil {
		return err
	}
	title := v.L.T("admin.user.new")
	if d.User != nil {
		title = v.L.T("admin.user.edit", "Name", d.User.Username)
		d.Self = d.User.ID == v.User.ID
		tokens, err := s.desk.ListTokens(ctx, d.User.ID)
		if err != nil {
			return err
		}
		d.Tokens = &accountTokenList{Tokens: tokens, Now: time.Now()}
	}
	v.Title, v.Nav, v.Data = title, "account", d
	return s.render(w, status, "admin-user", v)
}

// adminPeople are the people a principal's account may be bound to: the
// principals of every event.
func (s *Server) adminPeople(ctx context.Context) ([]option, error) {
	events, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Event, int, error) {
		return s.desk.ListEvents(ctx, bilat.EventFilter{Page: p})
	})
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	out := []option{{"", "—"}}
	for _, e := range events {
		principals, err := all(ctx, pageOf(bilat.EventPart{EventID: e.ID}, s.desk.ListPrincipals))
		if err != nil {
			return nil, err
		}
		for _, x := range principals {
			if seen[x.PersonID] {
				continue
			}
			seen[x.PersonID] = true
			p, err := s.desk.Person(ctx, x.PersonID)
			if err != nil {
				return nil, err
			}
			out = append(out, option{strconv.FormatInt(p.ID, 10), p.Name})
		}
	}
	return out, nil
}

// adminDelegations are the delegations a liaison's account may be bound
// to, by name, each with its event when there are several.
func (s *Server) adminDelegations(ctx context.Context, v *view) ([]option, error) {
	events, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Event, int, error) {
		return s.desk.ListEvents(ctx, bilat.EventFilter{Page: p})
	})
	if err != nil {
		return nil, err
	}
	partners, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Partner, int, error) {
		return s.desk.ListPartners(ctx, bilat.PartnerFilter{Page: p})
	})
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, p := range partners {
		names[p.ID] = v.PartnerName(p)
	}
	var out []option
	for _, e := range events {
		dels, err := all(ctx, func(ctx context.Context, p bilat.Page) ([]*bilat.Delegation, int, error) {
			return s.desk.ListDelegations(ctx, bilat.DelegationFilter{EventID: e.ID, Page: p})
		})
		if err != nil {
			return nil, err
		}
		for _, x := range dels {
			label := cmp.Or(names[x.PartnerID], strconv.FormatInt(x.ID, 10))
			if len(events) > 1 {
				label += " — " + eventName(e, v.L.Lang)
			}
			out = append(out, option{strconv.FormatInt(x.ID, 10), label})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return append([]option{{"", "—"}}, out...), nil
}

// adminRead fills an account from the form: the role, and only the binding
// that role takes, so that a choice left in another field is ignored.
func (s *Server) adminRead(ctx context.Context, r *http.Request, u *bilat.User, f *form) {
	u.Role = bilat.Role(r.PostFormValue("role"))
	u.PersonID, u.EventID, u.DelegationID = 0, 0, 0
	switch u.Role {
	case bilat.RolePrincipal:
		u.PersonID, _ = strconv.ParseInt(r.PostFormValue("person_id"), 10, 64)
	case bilat.RoleLiaison:
		u.DelegationID, _ = strconv.ParseInt(r.PostFormValue("delegation_id"), 10, 64)
		if u.DelegationID != 0 {
			d, err := s.desk.Delegation(ctx, u.DelegationID)
			if err != nil {
				f.Problems["delegation_id"] = bilat.ErrorMessage(err)
				return
			}
			u.EventID = d.EventID
		}
	}
	u.Disabled = r.PostFormValue("disabled") != ""
}

// adminUserCreate creates an account with a one-time password and shows
// that password once.
func (s *Server) adminUserCreate(w http.ResponseWriter, r *http.Request, v *view) error {
	f := newForm(r.PostForm)
	u := &bilat.User{Username: strings.ToLower(strings.TrimSpace(r.PostFormValue("username")))}
	s.adminRead(r.Context(), r, u, f)
	u.Disabled = false
	password := auth.NewPassword()
	err := s.adminErr(f)
	if err == nil {
		err = s.desk.CreateUser(r.Context(), actor(r), u, password, true)
	}
	if err != nil {
		if bilat.ErrorCode(err) == bilat.ECONFLICT {
			f.Problems["username"] = v.L.T("admin.user.taken")
		} else if !adminFail(v, f, err) {
			return err
		}
		return s.adminFormPage(w, r, http.StatusUnprocessableEntity, v, &adminUserForm{F: f})
	}
	return s.adminShowSecret(w, http.StatusCreated, v, u, password, true)
}

// adminUserUpdate changes an account's role, binding or disabled flag, at
// the version the form was read at. An administrator may not demote or
// disable themselves, so that the desk keeps an administrator.
func (s *Server) adminUserUpdate(w http.ResponseWriter, r *http.Request, v *view) error {
	u, err := s.adminUser(r)
	if err != nil {
		return err
	}
	f := newForm(r.PostForm)
	d := &adminUserForm{User: u, F: f}
	s.adminRead(r.Context(), r, u, f)
	u.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	if u.ID == v.User.ID && u.Role != bilat.RoleAdmin {
		f.Problems["role"] = v.L.T("admin.refused.self_demote")
	}
	if u.ID == v.User.ID && u.Disabled {
		f.Problems["disabled"] = v.L.T("admin.refused.self_disable")
	}
	err = s.adminErr(f)
	if err == nil {
		err = s.desk.UpdateUser(r.Context(), actor(r), u)
	}
	if err != nil {
		switch {
		case bilat.ErrorCode(err) == bilat.ECONFLICT:
			d.Conflict = v.L.T("admin.user.conflict")
		case !adminFail(v, f, err):
			return err
		}
		if d.User, err = s.adminUser(r); err != nil {
			return err
		}
		return s.adminFormPage(w, r, http.StatusUnprocessableEntity, v, d)
	}
	redirect(w, r, "/admin/users?saved="+strconv.FormatInt(u.ID, 10))
	return nil
}

// adminErr is the problems the form found itself, as an invalid-input
// error (nil when there are none).
func (s *Server) adminErr(f *form) error {
	if len(f.Problems) == 0 {
		return nil
	}
	return bilat.Errorf(bilat.EINVALID, "the form has problems")
}

// adminFail puts an error's problems beside the fields: the form's own
// problems are already there; the domain's are translated. event_id
// problems belong to the delegation chosen.
func adminFail(v *view, f *form, err error) bool {
	if len(f.Problems) > 0 && bilat.ErrorProblems(err) == nil {
		return bilat.ErrorCode(err) == bilat.EINVALID
	}
	own := f.Problems
	f.Problems = map[string]string{}
	if !accountFail(v.L, f, err, adminFormFields...) {
		f.Problems = own
		return false
	}
	other := f.Other[:0]
	for _, p := range f.Other {
		switch {
		case !strings.HasPrefix(p.Field, "event_id"):
			other = append(other, p)
		case f.Problems["delegation_id"] == "":
			f.Problems["delegation_id"] = p.Message
		}
	}
	f.Other = other
	for k, msg := range own {
		f.Problems[k] = msg
	}
	return true
}
