package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bilat"
	"bilat/auth"
	"bilat/demo"
	"bilat/store"
)

// BenchmarkPages measures the server time of each page on the Marrakech
// demo (the bar is 100 ms a page):
//
//	go test ./server -run '^$' -bench Pages -count 5
func BenchmarkPages(b *testing.B) {
	srv, e, meeting, cookie := benchDemo(b)
	ev := "/events/" + e.Slug
	day := e.FirstDay
	pages := []string{
		"/", ev + "/", ev + "/requests", ev + "/requests/new",
		ev + "/programme?day=" + day + "&by=principal", ev + "/programme?day=" + day + "&by=room",
		ev + "/programme?day=" + day + "&by=delegation", ev + "/programme?day=" + day + "&view=table",
		fmt.Sprintf("/meetings/%d", meeting.ID), fmt.Sprintf("/meetings/%d/slots", meeting.ID),
		"/partners", "/partners/NO", "/directory", ev + "/setup",
		fmt.Sprintf("%s/print?by=principal&id=%d&day=%s", ev, meeting.PrincipalID, day),
		ev + "/report", "/actions", "/agreements", "/audit", "/feeds", "/account",
	}
	for _, lang := range []string{"en", "ar"} {
		for _, path := range pages {
			b.Run(lang+" "+path, func(b *testing.B) {
				for b.Loop() {
					req := httptest.NewRequest("GET", path, nil)
					req.Header.Set("Accept-Language", lang)
					req.Header.Set("Cookie", cookie)
					w := httptest.NewRecorder()
					srv.ServeHTTP(w, req)
					if w.Code != http.StatusOK {
						b.Fatalf("GET %s: %d\n%s", path, w.Code, w.Body.String())
					}
				}
			})
		}
	}
}

// benchDemo opens a copy of the demo desk and returns its server, the
// event, one held meeting and the session cookie of a desk officer.
func benchDemo(b *testing.B) (*Server, *bilat.Event, *bilat.Meeting, string) {
	demoOnce.Do(func() { demoFile, demoErr = buildDemoFile() })
	if demoErr != nil {
		b.Fatal(demoErr)
	}
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "bilat.db")
	buf, err := os.ReadFile(demoFile)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(path, buf, 0o600); err != nil {
		b.Fatal(err)
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	e, err := db.EventBySlug(ctx, demo.Slug)
	if err != nil {
		b.Fatal(err)
	}
	ms, _, err := db.ListMeetings(ctx, bilat.MeetingFilter{EventID: e.ID, Page: bilat.Page{Limit: 1}})
	if err != nil || len(ms) == 0 {
		b.Fatalf("no meeting in the demo: %v", err)
	}
	db.SetPasswordParams(auth.FastParams)
	u := &bilat.User{Username: "bench", Role: bilat.RoleDesk}
	if err := db.CreateUser(ctx, bilat.LocalActor, u, "a long test password", false); err != nil {
		b.Fatal(err)
	}
	srv := New(db, db, db, Config{})
	login := httptest.NewRequest("POST", "/login", strings.NewReader("username=bench&password=a+long+test+password"))
	login.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, login)
	if w.Code != http.StatusSeeOther {
		b.Fatalf("login: %d %s", w.Code, w.Body)
	}
	return srv, e, ms[0], strings.Split(w.Header().Get("Set-Cookie"), ";")[0]
}
