package server

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"
	"golang.org/x/time/rate"

	"bilat"
)

// allow is the set of callers a route admits, checked where the route is
// registered (routes.go, pages.go and the page_*.go tables).
type allow uint16

const (
	anyone allow = 1 << iota // no sign-in needed
	admin
	desk
	principal
	viewer
	liaison

	staff    = admin | desk
	insiders = staff | principal | viewer
	signedIn = insiders | liaison
)

// roleBits maps each role to its bit.
var roleBits = map[bilat.Role]allow{
	bilat.RoleAdmin: admin, bilat.RoleDesk: desk, bilat.RolePrincipal: principal,
	bilat.RoleViewer: viewer, bilat.RoleLiaison: liaison,
}

// admits reports whether a route open to a admits user u (nil: nobody
// signed in).
func (a allow) admits(u *bilat.User) bool {
	if a&anyone != 0 {
		return true
	}
	return u != nil && a&roleBits[u.Role] != 0
}

// caller is who a request comes from: a signed-in user (pages) or a
// token's user (API), and the address the audit trail records.
type caller struct {
	user    *bilat.User
	token   *bilat.Token
	address string
}

type callerKey struct{}

func withCaller(ctx context.Context, c *caller) context.Context {
	return context.WithValue(ctx, callerKey{}, c)
}

func callerOf(r *http.Request) *caller {
	c, _ := r.Context().Value(callerKey{}).(*caller)
	if c == nil {
		return &caller{}
	}
	return c
}

// userOf is the signed-in user of a request, or nil.
func userOf(r *http.Request) *bilat.User { return callerOf(r).user }

// actor is the one place that decides who a request acts as, for the
// audit trail.
func actor(r *http.Request) bilat.Actor {
	c := callerOf(r)
	if c.user == nil {
		return bilat.Actor{Name: "anonymous", Address: c.address}
	}
	return bilat.Actor{Name: c.user.Username, UserID: c.user.ID, Role: c.user.Role, Address: c.address}
}

// Config is how a server is set up beyond its services.
type Config struct {
	// Sessions keeps web sessions (the database's table in production);
	// nil keeps them in memory.
	Sessions scs.Store
	// SecureCookies marks cookies Secure: set it when served over HTTPS,
	// directly or behind a proxy.
	SecureCookies bool
	// TrustedProxies are the addresses whose X-Forwarded-For the server
	// believes; from anyone else the header is ignored.
	TrustedProxies []netip.Prefix
}

// sessionManager makes the web sessions: HttpOnly, SameSite=Lax cookies,
// twelve hours at most and two idle.
func sessionManager(cfg Config) *scs.SessionManager {
	sm := scs.New()
	if cfg.Sessions != nil {
		sm.Store = cfg.Sessions
	}
	sm.Lifetime = 12 * time.Hour
	sm.IdleTimeout = 2 * time.Hour
	sm.Cookie.Name = "bilat_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = cfg.SecureCookies
	sm.Cookie.Path = "/"
	return sm
}

// sessionUserKey is the session value holding the signed-in user's id;
// sessionEpochKey holds the user's session epoch when the session began
// (see bilat.User.SessionEpoch).
const (
	sessionUserKey  = "user_id"
	sessionEpochKey = "epoch"
)

// address is the caller's network address: the peer's, or, when the peer
// is a trusted proxy, the nearest untrusted hop of X-Forwarded-For.
func (s *Server) address(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	hops := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
	for i := len(hops) - 1; i >= 0 && s.trusted(host); i-- {
		if hop := strings.TrimSpace(hops[i]); hop != "" {
			host = hop
		}
	}
	return host
}

func (s *Server) trusted(host string) bool {
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	for _, p := range s.cfg.TrustedProxies {
		if p.Contains(ip.Unmap()) {
			return true
		}
	}
	return false
}

// identifyPage finds the signed-in user of a page request from its session.
func (s *Server) identifyPage(r *http.Request) (*http.Request, error) {
	c := &caller{address: s.address(r)}
	if id := s.sessions.GetInt64(r.Context(), sessionUserKey); id != 0 {
		u, err := s.desk.User(r.Context(), id)
		switch {
		case bilat.ErrorCode(err) == bilat.ENOTFOUND:
		case err != nil:
			return r, err
		case !u.Disabled && s.sessions.GetInt(r.Context(), sessionEpochKey) == u.SessionEpoch:
			c.user = u
		}
	}
	return r.WithContext(withCaller(r.Context(), c)), nil
}

// identifyAPI finds the user of an API request from its bearer token. The
// API never takes the session cookie: a page of another site could make a
// browser send it.
func (s *Server) identifyAPI(r *http.Request) (*http.Request, error) {
	c := &caller{address: s.address(r)}
	if h := r.Header.Get("Authorization"); h != "" {
		secret, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return r, bilat.Errorf(bilat.EUNAUTHORIZED, "the Authorization header must be \"Bearer TOKEN\"")
		}
		u, t, err := s.desk.TokenUser(r.Context(), strings.TrimSpace(secret))
		if err != nil {
			return r, err
		}
		c.user, c.token = u, t
	}
	return r.WithContext(withCaller(r.Context(), c)), nil
}

// checkAPI refuses an API call the caller may not make.
func checkAPI(a allow, r *http.Request) error {
	c := callerOf(r)
	if a.admits(c.user) {
		if c.token != nil && c.token.Scope != bilat.ScopeWrite && r.Method != http.MethodGet && r.Method != http.MethodHead {
			return bilat.Errorf(bilat.EFORBIDDEN, "this API token may only read (scope read)")
		}
		return nil
	}
	if c.user == nil {
		return bilat.Errorf(bilat.EUNAUTHORIZED, "sign in: send an API token as \"Authorization: Bearer TOKEN\" (bilat token create)")
	}
	return bilat.Errorf(bilat.EFORBIDDEN, "a %s may not do this", roleName(c.user.Role))
}

func roleName(r bilat.Role) string { return strings.ReplaceAll(string(r), "_", " ") }

// checkPage refuses a page the caller may not see: a visitor who is not
// signed in is sent to the login page (the answer carries where to come
// back), a signed-in one without the role gets 403.
func (s *Server) checkPage(a allow, w http.ResponseWriter, r *http.Request) (bool, error) {
	u := userOf(r)
	if a.admits(u) {
		if u != nil && u.MustChangePassword && r.URL.Path != passwordPath && r.URL.Path != "/logout" && a&anyone == 0 {
			redirect(w, r, passwordPath)
			return false, nil
		}
		return true, nil
	}
	if u == nil {
		redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()))
		return false, nil
	}
	return false, bilat.Errorf(bilat.EFORBIDDEN, "a %s may not see this page", roleName(u.Role))
}

// passwordPath is where a user changes their password.
const passwordPath = "/account/password"

// redirect sends the browser elsewhere: htmx gets HX-Redirect (it would
// otherwise swap the target page into the fragment), others a 303.
func redirect(w http.ResponseWriter, r *http.Request, to string) {
	if r.Header.Get("HX-Request") == "true" {
		w.Header().Set("HX-Redirect", to)
		w.WriteHeader(http.StatusNoContent)
		return
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// loginLimiter slows down password guessing from one address: ten
// attempts at once, then one every six seconds. Per-account lockout
// (store) stops guessing one account from many addresses.
type loginLimiter struct {
	mu   sync.Mutex
	byIP map[string]*rate.Limiter
}

func (l *loginLimiter) allow(addr string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.byIP == nil || len(l.byIP) > 10000 {
		l.byIP = map[string]*rate.Limiter{} // forget old addresses rather than grow
	}
	lim := l.byIP[addr]
	if lim == nil {
		lim = rate.NewLimiter(rate.Every(6*time.Second), 10)
		l.byIP[addr] = lim
	}
	return lim.Allow()
}
