package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"bilat/server"
	"bilat/store"
)

// shutdownGrace is how long requests in flight may take to finish once a
// stop signal arrives.
const shutdownGrace = 10 * time.Second

func serveCommand() *command {
	return &command{
		name:    "serve",
		summary: "serve the desk over HTTP",
		help: "Serve opens the database, applying any pending migrations, and serves the desk's\n" +
			"pages and HTTP API until it receives SIGINT or SIGTERM, then lets requests in\n" +
			"flight finish. With --tls-cert and --tls-key it serves HTTPS (and marks cookies\n" +
			"Secure); behind a proxy that terminates HTTPS, give --secure-cookies and the\n" +
			"proxy's addresses with --trust-proxy, so that X-Forwarded-For is believed from\n" +
			"them and from nobody else.",
		maxArgs: 0,
		usesDB:  true,
		setup: func(m *Main, fs *flag.FlagSet) action {
			o := serveFlags(fs)
			return func(ctx context.Context, _ []string) error {
				db, err := m.open(ctx)
				if err != nil {
					return err
				}
				return m.serve(ctx, db, o)
			}
		},
	}
}

// serveOptions are the flags of the commands that serve.
type serveOptions struct {
	addr, certFile, keyFile string
	secureCookies           bool
	trustProxy              string
}

func serveFlags(fs *flag.FlagSet) *serveOptions {
	o := &serveOptions{}
	fs.StringVar(&o.addr, "addr", "localhost:8080", "the `host:port` to listen on")
	fs.StringVar(&o.certFile, "tls-cert", "", "serve HTTPS with this certificate `file` (PEM), with --tls-key")
	fs.StringVar(&o.keyFile, "tls-key", "", "the private key `file` (PEM) of --tls-cert")
	fs.BoolVar(&o.secureCookies, "secure-cookies", false, "mark cookies Secure (implied by --tls-cert): for a proxy that terminates HTTPS")
	fs.StringVar(&o.trustProxy, "trust-proxy", "", "comma-separated `addresses or CIDRs` of proxies whose X-Forwarded-For is believed")
	return o
}

// config turns the flags into the server's configuration.
func (o *serveOptions) config(db *store.DB) (server.Config, error) {
	cfg := server.Config{Sessions: db.Sessions(), SecureCookies: o.secureCookies || o.certFile != ""}
	if (o.certFile == "") != (o.keyFile == "") {
		return cfg, usagef("--tls-cert and --tls-key go together")
	}
	for _, s := range strings.Split(o.trustProxy, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil {
				return cfg, usagef("--trust-proxy: %q is not an address or a CIDR", s)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		cfg.TrustedProxies = append(cfg.TrustedProxies, p)
	}
	return cfg, nil
}

// serve serves db until ctx is done, then shuts down gracefully.
func (m *Main) serve(ctx context.Context, db *store.DB, o *serveOptions) error {
	cfg, err := o.config(db)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: server.New(db, db, db, cfg), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	scheme := "http"
	if o.certFile != "" {
		scheme = "https"
		go func() { served <- srv.ServeTLS(ln, o.certFile, o.keyFile) }()
	} else {
		go func() { served <- srv.Serve(ln) }()
	}
	fmt.Fprintf(m.Stdout, "bilat serving on %s://%s\n", scheme, displayAddr(o.addr, ln.Addr()))
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// displayAddr returns the address to print: the host asked for (localhost
// when it was empty or a wildcard) with the port actually bound, which
// differs when port 0 was asked for.
func displayAddr(asked string, bound net.Addr) string {
	host, _, err := net.SplitHostPort(asked)
	if ip := net.ParseIP(host); err != nil || host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	port := ""
	if tcp, ok := bound.(*net.TCPAddr); ok {
		port = strconv.Itoa(tcp.Port)
	}
	return net.JoinHostPort(host, port)
}
