package server

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// An administrator creates a desk officer in the browser; the new officer
// signs in with the one-time password and is made to choose their own.
func TestAccountBrowserNewDeskOfficer(t *testing.T) {
	s := newSite(t)
	ctx := newBrowser(t)
	s.signIn(t, ctx, "admin")
	for _, lang := range []string{"ar", "en"} {
		do(t, ctx, chromedp.Navigate(s.srv.URL+"/admin/users?lang="+lang), chromedp.WaitVisible(chromedp.CSS(`#users`)))
		screenshot(t, ctx, "admin-users-"+lang)
	}
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`#admin-new`)),
		chromedp.WaitVisible(chromedp.CSS(`#f-username`)),
		chromedp.SendKeys(chromedp.CSS(`#f-username`), "amina.desk"),
		chromedp.SetValue(chromedp.CSS(`#f-role`), "desk_officer"),
		chromedp.Click(chromedp.CSS(`form.account-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#one-time-password`)),
	)
	once := value(t, ctx, chromedp.Text(chromedp.CSS(`#one-time-password`)))
	if len(once) < 12 {
		t.Fatalf("one-time password %q", once)
	}
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`form.logout button`)),
		chromedp.WaitVisible(chromedp.CSS(`#f-username`)),
		chromedp.SendKeys(chromedp.CSS(`#f-username`), "amina.desk"),
		chromedp.SendKeys(chromedp.CSS(`#f-password`), once),
		chromedp.Click(chromedp.CSS(`form.login-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#account-forced`)),
		chromedp.SendKeys(chromedp.CSS(`#f-current`), once),
		chromedp.SendKeys(chromedp.CSS(`#f-new`), "short"),
		chromedp.SendKeys(chromedp.CSS(`#f-again`), "short"),
		chromedp.Click(chromedp.CSS(`form.account-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#e-new`)),
	)
	screenshot(t, ctx, "account-password-en")
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS(`#f-current`), once),
		chromedp.SendKeys(chromedp.CSS(`#f-new`), "amina's own long password"),
		chromedp.SendKeys(chromedp.CSS(`#f-again`), "amina's own long password"),
		chromedp.Click(chromedp.CSS(`form.account-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#account-notice`)),
	)
	if got := value(t, ctx, chromedp.Text(chromedp.CSS(`#account-username`))); got != "amina.desk" {
		t.Errorf("signed in as %q", got)
	}
	screenshot(t, ctx, "account-en")
}
