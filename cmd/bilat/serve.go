package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"strconv"
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
			"HTTP API until it receives SIGINT or SIGTERM, then lets requests in flight finish.",
		maxArgs: 0,
		usesDB:  true,
		setup: func(m *Main, fs *flag.FlagSet) action {
			addr := addrFlag(fs)
			return func(ctx context.Context, _ []string) error {
				db, err := m.open(ctx)
				if err != nil {
					return err
				}
				return m.serve(ctx, db, *addr)
			}
		},
	}
}

// addrFlag declares the --addr flag of the commands that serve.
func addrFlag(fs *flag.FlagSet) *string {
	return fs.String("addr", "localhost:8080", "the `host:port` to listen on")
}

// serve serves db on addr until ctx is done, then shuts down gracefully.
func (m *Main) serve(ctx context.Context, db *store.DB, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: server.New(db, db, db), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(m.Stdout, "bilat serving on http://%s\n", displayAddr(addr, ln.Addr()))
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
