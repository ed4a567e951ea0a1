package server

import (
	"context"
	"net/http"

	"bilat"
	"bilat/i18n"
)

// accountPages are what every signed-in user does with their own account:
// see who they are, change their password, set up a second factor and
// manage their API tokens. Each acts on the signed-in user only: no route
// here takes a user's id.
func (s *Server) accountPages() []pageRoute {
	return []pageRoute{
		{"GET", "/account", signedIn, s.accountShow},
		{"GET", passwordPath, signedIn, s.accountPasswordForm},
		{"POST", passwordPath, signedIn, s.accountPasswordChange},
		{"GET", "/account/totp", signedIn, s.accountTOTPShow},
		{"POST", "/account/totp/start", signedIn, s.accountTOTPStart},
		{"POST", "/account/totp", signedIn, s.accountTOTPConfirm},
		{"GET", "/account/totp.png", signedIn, s.accountTOTPImage},
		{"POST", "/account/totp/off", signedIn, s.accountTOTPOff},
		{"GET", "/account/tokens", signedIn, s.accountTokens},
		{"POST", "/account/tokens", signedIn, s.accountTokenCreate},
		{"POST", "/account/tokens/{id}/revoke", signedIn, s.accountTokenRevoke},
	}
}

// accountData is the account page: the user and what their account is
// bound to, in words.
type accountData struct {
	User    *bilat.User
	Binding string
	Notice  string // what the last action did, from ?done=
}

func (s *Server) accountShow(w http.ResponseWriter, r *http.Request, v *view) error {
	binding, err := s.accountBinding(r.Context(), v, v.User)
	if err != nil {
		return err
	}
	d := &accountData{User: v.User, Binding: binding}
	if done := r.URL.Query().Get("done"); done == "password" || done == "totp_on" || done == "totp_off" {
		d.Notice = v.L.T("account.done." + done)
	}
	v.Title, v.Nav, v.Data = v.L.T("account.title"), "account", d
	return s.render(w, http.StatusOK, "account", v)
}

// accountBinding says what a principal's or a liaison's account is bound
// to: the person, or the delegation and its event.
func (s *Server) accountBinding(ctx context.Context, v *view, u *bilat.User) (string, error) {
	switch {
	case u.PersonID != 0:
		p, err := s.desk.Person(ctx, u.PersonID)
		if err != nil {
			return "", err
		}
		return p.Name, nil
	case u.DelegationID != 0:
		d, err := s.desk.Delegation(ctx, u.DelegationID)
		if err != nil {
			return "", err
		}
		p, err := s.desk.Partner(ctx, d.PartnerID)
		if err != nil {
			return "", err
		}
		e, err := s.desk.Event(ctx, d.EventID)
		if err != nil {
			return "", err
		}
		return v.PartnerName(p) + " — " + eventName(e, v.L.Lang), nil
	}
	return "", nil
}

// accountPassword is the password form. Passwords are never typed back
// into it; Forced says the user must choose one before anything else.
type accountPassword struct {
	F      *form
	Forced bool
	Code   bool // the account has a second factor: the form asks its code
}

func (s *Server) accountPasswordForm(w http.ResponseWriter, r *http.Request, v *view) error {
	return s.accountPasswordPage(w, http.StatusOK, v, newForm(nil))
}

func (s *Server) accountPasswordPage(w http.ResponseWriter, status int, v *view, f *form) error {
	v.Title, v.Nav = v.L.T("account.password.title"), "account"
	v.Data = &accountPassword{F: f, Forced: v.User.MustChangePassword, Code: v.User.TOTPEnabled}
	return s.render(w, status, "account-password", v)
}

// accountPasswordChange checks the current password (as a login would,
// counting failures toward the lockout), then the new one twice. On
// success the one-time flag is cleared and the session gets a new token.
func (s *Server) accountPasswordChange(w http.ResponseWriter, r *http.Request, v *view) error {
	f, u := newForm(nil), v.User
	current, next := r.PostFormValue("current"), r.PostFormValue("new")
	if !s.logins.allow(callerOf(r).address) {
		f.Problems["current"] = v.L.T("login.too_many")
		return s.accountPasswordPage(w, http.StatusTooManyRequests, v, f)
	}
	if err := bilat.ValidatePassword(next); err != nil {
		f.Problems["new"] = accountProblem(v.L, err)
	} else if next != r.PostFormValue("again") {
		f.Problems["again"] = v.L.T("account.password.mismatch")
	} else if next == current {
		f.Problems["new"] = v.L.T("account.password.same")
	}
	status := http.StatusUnprocessableEntity
	if current == "" {
		f.Problems["current"] = v.L.T("account.problem.required")
	} else if err := s.accountCheckPassword(r, u, current, r.PostFormValue("code")); err != nil {
		if _, ok := statuses[bilat.ErrorCode(err)]; !ok || bilat.ErrorCode(err) == bilat.EINTERNAL {
			return err
		}
		f.Problems["current"], status = accountWrongPassword(v, err), statuses[bilat.ErrorCode(err)]
	}
	if len(f.Problems) > 0 {
		return s.accountPasswordPage(w, status, v, f)
	}
	if err := s.desk.SetPassword(r.Context(), actor(r), u.ID, next, false); err != nil {
		return err
	}
	// The new password ends the account's other sessions (its epoch rose);
	// this one carries on under a new token and the new epoch.
	fresh, err := s.desk.User(r.Context(), u.ID)
	if err != nil {
		return err
	}
	if err := s.sessions.RenewToken(r.Context()); err != nil {
		return err
	}
	s.sessions.Put(r.Context(), sessionEpochKey, fresh.SessionEpoch)
	redirect(w, r, "/account?done=password")
	return nil
}

// accountCheckPassword checks a user's own password (and code, when the
// account has a second factor) the way a login does, so that guessing it
// here is counted and locked out like guessing it on the login page.
func (s *Server) accountCheckPassword(r *http.Request, u *bilat.User, password, code string) error {
	_, err := s.desk.Authenticate(r.Context(), bilat.Login{Username: u.Username, Password: password, Code: code, Address: callerOf(r).address})
	return err
}

// accountWrongPassword says why the current password was refused.
func accountWrongPassword(v *view, err error) string {
	if msg := loginRefusal(v, err); msg != v.L.T("login.wrong") && msg != v.L.T("login.wrong_code") {
		return msg
	}
	if v.User.TOTPEnabled {
		return v.L.T("account.password.wrong_or_code")
	}
	return v.L.T("account.password.wrong")
}

// accountProblems maps the domain's messages about accounts to the
// catalogue, so that they read in the reader's language.
var accountProblems = map[string]string{
	"must be at least 12 characters": "account.problem.short",
	"must be at most 256 bytes":      "account.problem.long",
	"is required":                    "account.problem.required",
	"must be 2 to 64 lower-case letters, digits, dots, dashes, @ or underscores": "account.problem.username",
	"is required for a principal": "account.problem.person",
	"is required for a liaison":   "account.problem.liaison",
	"is only for a liaison":       "account.problem.only_liaison",
	"must be administrator, desk_officer, principal, viewer or liaison": "account.problem.role",
}

// accountProblem is the first problem of an invalid-input error, in the
// reader's language.
func accountProblem(l *i18n.Locale, err error) string {
	ps := bilat.ErrorProblems(err)
	if len(ps) == 0 {
		return bilat.ErrorMessage(err)
	}
	return accountMessage(l, ps[0].Message)
}

func accountMessage(l *i18n.Locale, msg string) string {
	if key, ok := accountProblems[msg]; ok {
		return l.T(key)
	}
	return l.Problem(msg)
}

// accountFail puts an invalid-input error's problems beside the form's
// fields, in the reader's language; it reports false for other errors.
func accountFail(l *i18n.Locale, f *form, err error, fields ...string) bool {
	if !f.Fail(l, err, fields...) {
		return false
	}
	for field, msg := range f.Problems {
		f.Problems[field] = accountMessage(l, msg)
	}
	for i := range f.Other {
		f.Other[i].Message = accountMessage(l, f.Other[i].Message)
	}
	return true
}

// accountNoStore keeps a page that shows a secret out of every cache.
func accountNoStore(w http.ResponseWriter) { w.Header().Set("Cache-Control", "no-store") }
