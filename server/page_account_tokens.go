package server

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"bilat"
)

// accountTokenList is the API tokens page: a user's tokens, the form to
// make one, and, right after making one, its secret, shown this once.
type accountTokenList struct {
	Tokens []*bilat.Token
	F      *form
	Secret string
	Now    time.Time
	Scopes []option
	Expiry []option
}

// accountExpiries are the lifetimes a token may be given, in days; 0 is
// never.
var accountExpiries = []int{7, 30, 90, 0}

func (s *Server) accountTokens(w http.ResponseWriter, r *http.Request, v *view) error {
	f := newForm(nil)
	f.Values.Set("scope", string(bilat.ScopeRead))
	f.Values.Set("expires", "30")
	return s.accountTokensPage(w, r, http.StatusOK, v, f, "")
}

func (s *Server) accountTokensPage(w http.ResponseWriter, r *http.Request, status int, v *view, f *form, secret string) error {
	tokens, err := s.desk.ListTokens(r.Context(), v.User.ID)
	if err != nil {
		return err
	}
	d := &accountTokenList{Tokens: tokens, F: f, Secret: secret, Now: time.Now(),
		Scopes: []option{{string(bilat.ScopeRead), v.L.T("account.tokens.scope.read")}, {string(bilat.ScopeWrite), v.L.T("account.tokens.scope.write")}}}
	for _, days := range accountExpiries {
		label := v.L.T("account.tokens.never")
		if days > 0 {
			label = v.L.N("account.tokens.days", days)
		}
		d.Expiry = append(d.Expiry, option{strconv.Itoa(days), label})
	}
	accountNoStore(w)
	v.Title, v.Nav, v.Data = v.L.T("account.tokens.title"), "account", d
	return s.render(w, status, "account-tokens", v)
}

// accountTokenCreate issues a token for the signed-in user and shows its
// secret once; it is not kept anywhere it could be shown again.
func (s *Server) accountTokenCreate(w http.ResponseWriter, r *http.Request, v *view) error {
	f := newForm(r.PostForm)
	t := &bilat.Token{UserID: v.User.ID, Name: strings.TrimSpace(r.PostFormValue("name")), Scope: bilat.TokenScope(r.PostFormValue("scope"))}
	days, err := strconv.Atoi(r.PostFormValue("expires"))
	if err != nil || !contains([]string{"7", "30", "90", "0"}, r.PostFormValue("expires")) {
		f.Problems["expires"] = v.L.T("account.tokens.bad_expiry")
	} else if days > 0 {
		at := time.Now().Add(time.Duration(days) * 24 * time.Hour).UTC().Truncate(time.Second)
		t.ExpiresAt = &at
	}
	if t.Name == "" {
		f.Problems["name"] = v.L.T("account.problem.required")
	}
	if len(f.Problems) > 0 {
		return s.accountTokensPage(w, r, http.StatusUnprocessableEntity, v, f, "")
	}
	secret, err := s.desk.CreateToken(r.Context(), actor(r), t)
	if err != nil {
		if accountFail(v.L, f, err, "name", "scope", "expires") {
			return s.accountTokensPage(w, r, http.StatusUnprocessableEntity, v, f, "")
		}
		return err
	}
	return s.accountTokensPage(w, r, http.StatusCreated, v, newForm(nil), secret)
}

// accountTokenRevoke revokes one of the signed-in user's own tokens. The
// id of someone else's token is answered as one that does not exist.
func (s *Server) accountTokenRevoke(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := s.accountRevokeToken(r, v.User.ID, r.PathValue("id")); err != nil {
		return err
	}
	redirect(w, r, "/account/tokens")
	return nil
}

// accountRevokeToken revokes the token idText names when it belongs to
// user; any other id is not found.
func (s *Server) accountRevokeToken(r *http.Request, user int64, idText string) error {
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil {
		return bilat.Errorf(bilat.ENOTFOUND, "no such token")
	}
	tokens, err := s.desk.ListTokens(r.Context(), user)
	if err != nil {
		return err
	}
	for _, t := range tokens {
		if t.ID == id {
			return s.desk.RevokeToken(r.Context(), actor(r), id)
		}
	}
	return bilat.Errorf(bilat.ENOTFOUND, "no such token")
}

// Status says whether a token works: active, expired or revoked.
func (d *accountTokenList) Status(t *bilat.Token) string {
	switch {
	case t.RevokedAt != nil:
		return "revoked"
	case t.ExpiresAt != nil && !d.Now.Before(*t.ExpiresAt):
		return "expired"
	}
	return "active"
}
