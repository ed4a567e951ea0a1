package server

import (
	"net/http"
	"strings"

	"bilat"
)

func (s *Server) loginPages() []pageRoute {
	return []pageRoute{
		{"GET", "/login", anyone, s.loginForm},
		{"POST", "/login", anyone, s.login},
		{"POST", "/logout", signedIn, s.logout},
	}
}

// loginData is the login form: what was typed (never the password), and
// why the last attempt was refused.
type loginData struct {
	Username string
	Next     string
	Error    string
	AskCode  bool
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request, v *view) error {
	if u := userOf(r); u != nil {
		redirect(w, r, "/")
		return nil
	}
	v.Title, v.Data = v.L.T("login.title"), &loginData{Next: safeNext(r.URL.Query().Get("next"))}
	return s.render(w, http.StatusOK, "login", v)
}

// login checks a username and password (and a TOTP code when the account
// has one), then starts a new session: a new token, so that a session
// fixed before login is worth nothing.
func (s *Server) login(w http.ResponseWriter, r *http.Request, v *view) error {
	d := &loginData{Username: strings.ToLower(strings.TrimSpace(r.PostFormValue("username"))), Next: safeNext(r.PostFormValue("next"))}
	v.Title, v.Data = v.L.T("login.title"), d
	address := callerOf(r).address
	if !s.logins.allow(address) {
		d.Error = v.L.T("login.too_many")
		return s.render(w, http.StatusTooManyRequests, "login", v)
	}
	u, err := s.desk.Authenticate(r.Context(), bilat.Login{Username: d.Username, Password: r.PostFormValue("password"),
		Code: r.PostFormValue("code"), Address: address})
	if err != nil {
		status, ok := statuses[bilat.ErrorCode(err)]
		if !ok || status >= 500 {
			return err
		}
		d.Error, d.AskCode = loginRefusal(v, err), r.PostFormValue("code") != ""
		return s.render(w, status, "login", v)
	}
	if err := s.sessions.RenewToken(r.Context()); err != nil {
		return err
	}
	s.sessions.Put(r.Context(), sessionUserKey, u.ID)
	s.sessions.Put(r.Context(), sessionEpochKey, u.SessionEpoch)
	to := d.Next
	if u.MustChangePassword {
		to = passwordPath
	}
	redirect(w, r, to)
	return nil
}

// loginRefusal says why a login failed, in the reader's language.
func loginRefusal(v *view, err error) string {
	msg := bilat.ErrorMessage(err)
	switch {
	case strings.Contains(msg, "locked"):
		return v.L.T("login.locked")
	case strings.Contains(msg, "disabled"):
		return v.L.T("login.disabled")
	case strings.Contains(msg, "code"):
		return v.L.T("login.wrong_code")
	}
	return v.L.T("login.wrong")
}

// safeNext keeps a return address only when it is a path of this site, so
// that a crafted link cannot send people elsewhere after they sign in.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return "/"
	}
	return next
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := s.sessions.Destroy(r.Context()); err != nil {
		return err
	}
	redirect(w, r, "/login")
	return nil
}
