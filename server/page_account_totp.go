package server

import (
	"bytes"
	"image/png"
	"net/http"
	"strings"
	"time"

	"github.com/pquerna/otp"

	"bilat"
	"bilat/auth"
)

// A second factor is set up in two steps: a new secret is made and kept in
// the session (not in the account) while the user adds it to their
// authenticator app; only a code it then shows, checked against the
// secret, saves it. A secret the app never read cannot lock anyone out.
const (
	accountTOTPSecretKey = "account_totp_secret"
	accountTOTPURLKey    = "account_totp_url"
)

// accountTOTP is the second-factor page.
type accountTOTP struct {
	Enabled bool
	Pending bool
	Secret  string // the pending secret in groups of four, to type by hand
	URL     string // its otpauth:// address
	F       *form
}

func (s *Server) accountTOTPShow(w http.ResponseWriter, r *http.Request, v *view) error {
	return s.accountTOTPPage(w, r, http.StatusOK, v, newForm(nil))
}

func (s *Server) accountTOTPPage(w http.ResponseWriter, r *http.Request, status int, v *view, f *form) error {
	ctx := r.Context()
	d := &accountTOTP{Enabled: v.User.TOTPEnabled, F: f}
	if secret := s.sessions.GetString(ctx, accountTOTPSecretKey); secret != "" && !d.Enabled {
		d.Pending, d.Secret, d.URL = true, accountGroups(secret), s.sessions.GetString(ctx, accountTOTPURLKey)
	}
	accountNoStore(w)
	v.Title, v.Nav, v.Data = v.L.T("account.totp.title"), "account", d
	return s.render(w, status, "account-totp", v)
}

// accountGroups writes a secret in groups of four characters.
func accountGroups(secret string) string {
	var b strings.Builder
	for i, r := range secret {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// accountTOTPStart makes a new secret and keeps it in the session until a
// code confirms it.
func (s *Server) accountTOTPStart(w http.ResponseWriter, r *http.Request, v *view) error {
	if !v.User.TOTPEnabled {
		secret, url, err := auth.NewTOTP("bilat", v.User.Username)
		if err != nil {
			return err
		}
		s.sessions.Put(r.Context(), accountTOTPSecretKey, secret)
		s.sessions.Put(r.Context(), accountTOTPURLKey, url)
	}
	redirect(w, r, "/account/totp")
	return nil
}

// accountTOTPConfirm saves the pending secret once the app's code matches.
func (s *Server) accountTOTPConfirm(w http.ResponseWriter, r *http.Request, v *view) error {
	ctx := r.Context()
	secret := s.sessions.GetString(ctx, accountTOTPSecretKey)
	if secret == "" || v.User.TOTPEnabled {
		redirect(w, r, "/account/totp")
		return nil
	}
	if !auth.CheckTOTP(secret, r.PostFormValue("code"), time.Now()) {
		f := newForm(nil)
		f.Problems["code"] = v.L.T("account.totp.wrong_code")
		return s.accountTOTPPage(w, r, http.StatusUnprocessableEntity, v, f)
	}
	if err := s.desk.SetTOTP(ctx, actor(r), v.User.ID, secret); err != nil {
		return err
	}
	s.sessions.Remove(ctx, accountTOTPSecretKey)
	s.sessions.Remove(ctx, accountTOTPURLKey)
	redirect(w, r, "/account?done=totp_on")
	return nil
}

// accountTOTPImage draws the pending secret's address as a QR code for the
// authenticator app's camera.
func (s *Server) accountTOTPImage(w http.ResponseWriter, r *http.Request, v *view) error {
	address := s.sessions.GetString(r.Context(), accountTOTPURLKey)
	if address == "" {
		return bilat.Errorf(bilat.ENOTFOUND, "no second factor is being set up")
	}
	key, err := otp.NewKeyFromURL(address)
	if err != nil {
		return err
	}
	img, err := key.Image(240, 240)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return err
	}
	accountNoStore(w)
	w.Header().Set("Content-Type", "image/png")
	_, err = buf.WriteTo(w)
	return err
}

// accountTOTPOff removes the second factor; it takes the password and a
// current code, so that a session left open is not enough.
func (s *Server) accountTOTPOff(w http.ResponseWriter, r *http.Request, v *view) error {
	if !v.User.TOTPEnabled {
		redirect(w, r, "/account/totp")
		return nil
	}
	f := newForm(nil)
	if !s.logins.allow(callerOf(r).address) {
		f.Problems["password"] = v.L.T("login.too_many")
		return s.accountTOTPPage(w, r, http.StatusTooManyRequests, v, f)
	}
	if err := s.accountCheckPassword(r, v.User, r.PostFormValue("password"), r.PostFormValue("code")); err != nil {
		status, ok := statuses[bilat.ErrorCode(err)]
		if !ok || status >= 500 {
			return err
		}
		f.Problems["password"] = accountWrongPassword(v, err)
		return s.accountTOTPPage(w, r, status, v, f)
	}
	if err := s.desk.SetTOTP(r.Context(), actor(r), v.User.ID, ""); err != nil {
		return err
	}
	redirect(w, r, "/account?done=totp_off")
	return nil
}
