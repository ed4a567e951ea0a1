package server

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser tests drive Debian's Chromium through chromedp. Locally they
// skip when no Chromium is found; with BILAT_REQUIRE_BROWSER=1 (as .ci/run
// sets) a missing browser fails them. BILAT_CHROMIUM names the binary.

// chromium finds the browser binary, or "" when there is none.
func chromium() string {
	if p := os.Getenv("BILAT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newBrowser starts a headless Chromium of the test's own, with a fresh
// profile, and returns a context that drives one tab of it.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	bin := chromium()
	if bin == "" {
		if os.Getenv("BILAT_REQUIRE_BROWSER") != "" {
			t.Fatal("BILAT_REQUIRE_BROWSER is set but no Chromium was found (install the chromium package or set BILAT_CHROMIUM)")
		}
		t.Skip("no Chromium found; set BILAT_REQUIRE_BROWSER=1 to require it")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	return ctx
}

// do runs browser actions, failing the test on the first error.
func do(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// value runs one browser action that gives a value, failing the test on an
// error.
func value[T any](t *testing.T, ctx context.Context, action chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// outDir is where browser tests leave screenshots for a person to review:
// BILAT_TEST_OUT, else test-output/ at the repository's root.
func outDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("BILAT_TEST_OUT")
	if dir == "" {
		dir = filepath.Join("..", "test-output")
	}
	dir = filepath.Join(dir, "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// screenshot writes the whole page as name.png under outDir. Chromium's
// beyond-the-viewport capture shifts right-to-left pages sideways, so the
// viewport is made as tall as the page for the shot, then put back.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	size := value(t, ctx, chromedp.Evaluate[[]int64](`[innerWidth, innerHeight, document.documentElement.scrollHeight]`))
	do(t, ctx, chromedp.EmulateViewport(size[0], max(size[1], size[2])))
	png := value(t, ctx, chromedp.CaptureScreenshot())
	do(t, ctx, chromedp.EmulateViewport(size[0], size[1]))
	if err := os.WriteFile(filepath.Join(outDir(t), name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// phone makes the tab a 390-pixel-wide phone.
func phone() chromedp.Action[chromedp.Void] { return chromedp.EmulateViewport(390, 844) }

func TestBrowserHomeInEveryLanguage(t *testing.T) {
	s := newSite(t)
	ctx := s.browser(t)
	for _, lang := range []string{"en", "fr", "ar"} {
		do(t, ctx, chromedp.Navigate(s.srv.URL+"/?lang="+lang), chromedp.WaitVisible(chromedp.CSS(`main#content`)))
		dir := value(t, ctx, chromedp.AttributeValue(chromedp.CSS(`html`), "dir")).Value
		want := map[bool]string{true: "rtl", false: "ltr"}[lang == "ar"]
		if dir != want {
			t.Errorf("%s: dir=%q, want %q", lang, dir, want)
		}
		value(t, ctx, chromedp.Poll[bool](`typeof htmx !== "undefined"`, chromedp.WithPollingTimeout(10*time.Second)))
		screenshot(t, ctx, "home-"+lang)
	}
}

// browser starts a Chromium signed in, through the login page, as the
// site's desk officer.
func (s *site) browser(t *testing.T) context.Context {
	t.Helper()
	ctx := newBrowser(t)
	s.signIn(t, ctx, "desk")
	return ctx
}

// signIn signs the browser in as one of the site's users.
func (s *site) signIn(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	do(t, ctx,
		chromedp.Navigate(s.srv.URL+"/login"),
		chromedp.WaitVisible(chromedp.CSS(`#f-username`)),
		chromedp.SendKeys(chromedp.CSS(`#f-username`), s.users[name].Username),
		chromedp.SendKeys(chromedp.CSS(`#f-password`), testPassword),
		chromedp.Click(chromedp.CSS(`form.login-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`form.logout`)),
	)
}
