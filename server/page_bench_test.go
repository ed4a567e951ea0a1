package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"bilat"
	"bilat/demo"
	"bilat/store"
)

// BenchmarkPages measures the server time of each page on the Marrakech
// demo (the bar is 100 ms a page):
//
//	go test ./server -run '^$' -bench Pages -count 5
func BenchmarkPages(b *testing.B) {
	srv, e, meeting := benchDemo(b)
	ev := "/events/" + e.Slug
	day := e.FirstDay
	pages := []string{
		"/", ev + "/", ev + "/requests", ev + "/requests/new",
		ev + "/programme?day=" + day + "&by=principal", ev + "/programme?day=" + day + "&by=room",
		ev + "/programme?day=" + day + "&by=delegation", ev + "/programme?day=" + day + "&view=table",
		fmt.Sprintf("/meetings/%d", meeting.ID), fmt.Sprintf("/meetings/%d/slots", meeting.ID),
		"/partners", "/partners/NO", "/directory", ev + "/setup",
		fmt.Sprintf("%s/print?by=principal&id=%d&day=%s", ev, meeting.PrincipalID, day),
	}
	for _, lang := range []string{"en", "ar"} {
		for _, path := range pages {
			b.Run(lang+" "+path, func(b *testing.B) {
				for b.Loop() {
					req := httptest.NewRequest("GET", path, nil)
					req.Header.Set("Accept-Language", lang)
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
// event and one held meeting.
func benchDemo(b *testing.B) (*Server, *bilat.Event, *bilat.Meeting) {
	demoOnce.Do(func() { demoFile, demoErr = buildDemoFile() })
	if demoErr != nil {
		b.Fatal(demoErr)
	}
	path := filepath.Join(b.TempDir(), "bilat.db")
	buf, err := os.ReadFile(demoFile)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(path, buf, 0o600); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
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
	return New(db, db, db), e, ms[0]
}
