package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/cookiejar"
	neturl "net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"bilat"
	"bilat/demo"
	"bilat/resolve"
	"bilat/store"
)

// runMain runs bilat in-process, with an environment without BILAT_DB, and
// returns its exit code and what it printed.
func runMain(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errs bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errs, Getenv: func(string) string { return "" }}
	code = m.Main(context.Background(), args)
	return code, out.String(), errs.String()
}

// mustRun runs bilat and fails the test unless it exits 0.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := runMain(t, "", args...)
	if code != 0 {
		t.Fatalf("bilat %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	return out
}

// tempDB returns the path of a database file that does not exist yet.
func tempDB(t *testing.T) string {
	return filepath.Join(t.TempDir(), "bilat.db")
}

func TestDemoRoundTrip(t *testing.T) {
	db1 := tempDB(t)
	mustRun(t, "--db", db1, "seed", "demo")
	if out := mustRun(t, "--db", db1, "events"); !strings.Contains(out, demo.Slug) || !strings.Contains(out, "2025-11-24 – 2025-11-27") {
		t.Fatalf("events does not list the demo:\n%s", out)
	}
	first := mustRun(t, "export", "--db", db1, demo.Slug)
	file := filepath.Join(t.TempDir(), "export.json")
	if err := os.WriteFile(file, []byte(first), 0o644); err != nil {
		t.Fatal(err)
	}

	db2 := tempDB(t)
	if out := mustRun(t, "--db", db2, "import", file); !strings.Contains(out, demo.Slug) {
		t.Errorf("import printed %q, want the new event's id and slug", out)
	}
	if again := mustRun(t, "--db", db2, "export", demo.Slug); again != first {
		t.Error("exporting the imported event gives other bytes than the first export")
	}

	t.Run("seeding again fails", func(t *testing.T) {
		if code, _, errs := runMain(t, "", "--db", db1, "seed", "demo"); code != 1 || !strings.Contains(errs, "exists already") {
			t.Errorf("second seed: exit %d, stderr %q; want 1 and a conflict", code, errs)
		}
	})
	t.Run("truncated import", func(t *testing.T) { testTruncatedImport(t, first) })
	t.Run("invalid import", func(t *testing.T) { testInvalidImport(t, first) })
}

// testTruncatedImport imports half a document: it is invalid input (exit
// 2) and the database keeps what it had.
func testTruncatedImport(t *testing.T, doc string) {
	file := filepath.Join(t.TempDir(), "truncated.json")
	if err := os.WriteFile(file, []byte(doc[:len(doc)/2]), 0o644); err != nil {
		t.Fatal(err)
	}
	db := tempDB(t)
	mustRun(t, "--db", db, "migrate")
	before := mustRun(t, "--db", db, "events")
	code, out, errs := runMain(t, "", "--db", db, "import", file)
	if code != 2 || out != "" || !strings.HasPrefix(errs, "bilat: ") || !strings.Contains(errs, "truncated") {
		t.Errorf("truncated import: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if after := mustRun(t, "--db", db, "events"); after != before {
		t.Errorf("the truncated import changed the events:\n%s", after)
	}
}

// testInvalidImport imports, from standard input, a readable document with
// several mistakes: each is printed as "field: message" and nothing is
// loaded.
func testInvalidImport(t *testing.T, doc string) {
	var m map[string]any
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		t.Fatal(err)
	}
	m["event"].(map[string]any)["slug"] = "Not a slug"
	m["requests"].([]any)[0].(map[string]any)["duration_min"] = 0
	bad, _ := json.Marshal(m)
	db := tempDB(t)
	code, _, errs := runMain(t, string(bad), "--db", db, "import", "-")
	if code != 2 {
		t.Fatalf("invalid import: exit %d, want 2\n%s", code, errs)
	}
	for _, field := range []string{"slug: ", "duration_min: "} {
		if !strings.Contains(errs, field) {
			t.Errorf("stderr does not name %q:\n%s", field, errs)
		}
	}
	if out := mustRun(t, "--db", db, "events"); strings.Contains(out, demo.Slug) {
		t.Errorf("the invalid import loaded an event:\n%s", out)
	}
}

func TestResolve(t *testing.T) {
	out := mustRun(t, "--db", tempDB(t), "resolve", "Tchéquie")
	var r resolve.Result
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("resolve printed %q: %v", out, err)
	}
	if len(r.Matches) == 0 || r.Matches[0].Key != "CZ" {
		t.Errorf("resolve Tchéquie = %+v, want CZ first", r)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"frobnicate"},
		{},
		{"export"},
		{"events", "extra"},
		{"seed", "everything"},
		{"events", "--no-such-flag"},
	} {
		code, out, errs := runMain(t, "", append([]string{"--db", tempDB(t)}, args...)...)
		if code != 2 || out != "" || !strings.Contains(errs, "Usage: bilat") {
			t.Errorf("bilat %v: exit %d, stdout %q, stderr %q; want 2 and the usage", args, code, out, errs)
		}
	}
}

func TestHelp(t *testing.T) {
	code, _, errs := runMain(t, "", "import", "-h")
	if code != 0 || !strings.Contains(errs, "Usage: bilat import [flags] FILE") || !strings.Contains(errs, "-db") {
		t.Errorf("import -h: exit %d, stderr %q", code, errs)
	}
	code, out, _ := runMain(t, "", "help")
	if code != 0 || !strings.Contains(out, "resolve") {
		t.Errorf("help: exit %d, stdout %q", code, out)
	}
}

func TestVersion(t *testing.T) {
	out := mustRun(t, "version")
	if !strings.HasPrefix(out, "bilat ") || !strings.Contains(out, runtime.Version()) {
		t.Errorf("version printed %q", out)
	}
}

// TestDatabaseFromEnvironment checks that BILAT_DB names the default
// database and that --db wins over it.
func TestDatabaseFromEnvironment(t *testing.T) {
	env, flag := tempDB(t), tempDB(t)
	var out bytes.Buffer
	m := &Main{Stdout: &out, Stderr: io.Discard, Getenv: func(k string) string { return map[string]string{"BILAT_DB": env}[k] }}
	if code := m.Main(context.Background(), []string{"migrate"}); code != 0 || !strings.Contains(out.String(), env) {
		t.Errorf("migrate with BILAT_DB: exit %d, printed %q", code, out.String())
	}
	out.Reset()
	if code := m.Main(context.Background(), []string{"--db", flag, "migrate"}); code != 0 || !strings.Contains(out.String(), flag) {
		t.Errorf("migrate with --db: exit %d, printed %q", code, out.String())
	}
}

// TestDemoServes runs the demo command until it is stopped: it builds the
// demo, prints its administrator's login, serves it (the pages after
// signing in, the API only with a token), and shuts down cleanly when its
// context ends.
func TestDemoServes(t *testing.T) {
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	pr, pw := io.Pipe()
	m := &Main{Stdout: pw, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	args := []string{"demo", "--db", tempDB(t), "--addr", "127.0.0.1:0"}
	exit := make(chan int, 1)
	go func() {
		exit <- m.Main(ctx, args)
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	password := adminPassword(t, lines)
	url := servingURL(t, lines)
	go io.Copy(io.Discard, pr)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Timeout: 10 * time.Second, Jar: jar}
	resp, err := client.Get(url + "/api/v1/events/" + demo.Slug)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET the demo event without a token: %s", resp.Status)
	}
	resp, err = client.PostForm(url+"/login", neturl.Values{"username": {"admin"}, "password": {password}, "next": {"/events/" + demo.Slug + "/"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/events/"+demo.Slug+"/" {
		t.Errorf("signing in with the printed password: %s at %s", resp.Status, resp.Request.URL)
	}
	stop()
	if code := <-exit; code != 0 {
		t.Errorf("demo exited %d after its context ended, want 0", code)
	}
}

// adminPassword reads lines until the one giving the administrator's login.
func adminPassword(t *testing.T, lines *bufio.Scanner) string {
	t.Helper()
	for lines.Scan() {
		if _, rest, ok := strings.Cut(lines.Text(), "username admin, password "); ok {
			return strings.Fields(rest)[0]
		}
	}
	t.Fatal("the demo did not print its administrator's login")
	return ""
}

// servingURL reads lines until the one announcing the address.
func servingURL(t *testing.T, lines *bufio.Scanner) string {
	t.Helper()
	for lines.Scan() {
		if url, ok := strings.CutPrefix(lines.Text(), "bilat serving on "); ok {
			return url
		}
	}
	t.Fatal("the server never said where it serves")
	return ""
}

// TestUserAndToken creates a user with a one-time password and an API
// token for them from the command line, and refuses a bad role.
func TestUserAndToken(t *testing.T) {
	dbPath := tempDB(t)
	run := func(args ...string) (int, string) {
		var out bytes.Buffer
		m := &Main{Stdout: &out, Stderr: io.Discard, Getenv: func(string) string { return "" }}
		return m.Main(context.Background(), append([]string{"--db", dbPath}, args...)), out.String()
	}
	code, out := run("user", "add", "Amina", "--role", "desk_officer")
	if code != 0 || !strings.Contains(out, "one-time password: ") {
		t.Fatalf("user add: exit %d, %q", code, out)
	}
	if code, _ := run("user", "add", "omar", "--role", "boss"); code != 2 {
		t.Errorf("a bad role: exit %d, want 2", code)
	}
	code, out = run("token", "create", "--user", "amina", "--scope", "write", "--expires", "7d")
	secret := strings.TrimSpace(out)
	if code != 0 || !strings.HasPrefix(secret, "bilat_") {
		t.Fatalf("token create: exit %d, %q", code, out)
	}
	db, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u, tok, err := db.TokenUser(context.Background(), secret)
	if err != nil || u.Username != "amina" || tok.Scope != bilat.ScopeWrite || !u.MustChangePassword {
		t.Errorf("the token's user: %+v %+v %v", u, tok, err)
	}
	if code, _ := run("token", "revoke", strconv.FormatInt(tok.ID, 10)); code != 0 {
		t.Errorf("token revoke: exit %d", code)
	}
	if _, _, err := db.TokenUser(context.Background(), secret); bilat.ErrorCode(err) != bilat.EUNAUTHORIZED {
		t.Errorf("a revoked token still works: %v", err)
	}
}

// TestServeHTTPS serves over TLS with --tls-cert and --tls-key, marking
// the session cookie Secure, and refuses a half-given pair.
func TestServeHTTPS(t *testing.T) {
	certFile, keyFile := selfSigned(t)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	pr, pw := io.Pipe()
	m := &Main{Stdout: pw, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	args := []string{"serve", "--db", tempDB(t), "--addr", "127.0.0.1:0", "--tls-cert", certFile, "--tls-key", keyFile}
	exit := make(chan int, 1)
	go func() {
		exit <- m.Main(ctx, args)
		pw.Close()
	}()
	url := servingURL(t, bufio.NewScanner(pr))
	go io.Copy(io.Discard, pr)
	if !strings.HasPrefix(url, "https://") {
		t.Fatalf("serving on %s", url)
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	resp, err := client.Get(url + "/login")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.TLS == nil {
		t.Errorf("GET /login over TLS: %s", resp.Status)
	}
	stop()
	<-exit
	var errs bytes.Buffer
	m = &Main{Stdout: io.Discard, Stderr: &errs, Getenv: func(string) string { return "" }}
	if code := m.Main(context.Background(), []string{"serve", "--db", tempDB(t), "--tls-cert", certFile}); code != 2 {
		t.Errorf("--tls-cert alone: exit %d, want 2 (%s)", code, errs.String())
	}
	if code := m.Main(context.Background(), []string{"serve", "--db", tempDB(t), "--trust-proxy", "not-an-address"}); code != 2 {
		t.Errorf("a bad --trust-proxy: exit %d, want 2", code)
	}
}

// selfSigned writes a certificate for 127.0.0.1 and its key.
func selfSigned(t *testing.T) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "bilat test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile
}
