package notify_test

import (
	"context"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"bilat"
	"bilat/notify"
)

// desk is a fake of notify.Desk over fixed records.
type desk struct {
	actions  []*bilat.Action
	people   map[int64]*bilat.Person
	partners map[int64]*bilat.Partner
}

var _ notify.Desk = (*desk)(nil)

func (d *desk) ListActions(_ context.Context, f bilat.ActionFilter) ([]*bilat.Action, int, error) {
	var out []*bilat.Action
	for _, x := range d.actions {
		if x.Status == f.Status && x.Due != "" && x.Due <= f.DueTo {
			out = append(out, x)
		}
	}
	return out, len(out), nil
}

func (d *desk) Person(_ context.Context, id int64) (*bilat.Person, error) { return d.people[id], nil }

func (d *desk) Partner(_ context.Context, id int64) (*bilat.Partner, error) {
	return d.partners[id], nil
}

// mailbox is a local SMTP server that records what it receives and
// refuses the recipients listed in refuse.
type mailbox struct {
	mu     sync.Mutex
	got    []received
	refuse string
}

type received struct {
	from string
	to   []string
	data []byte
}

type session struct {
	box *mailbox
	cur received
}

func (s *session) Reset()        { s.cur = received{} }
func (s *session) Logout() error { return nil }
func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.cur.from = from
	return nil
}
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if to == s.box.refuse {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}
	}
	s.cur.to = append(s.cur.to, to)
	return nil
}
func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.data = b
	s.box.mu.Lock()
	s.box.got = append(s.box.got, s.cur)
	s.box.mu.Unlock()
	return nil
}

// listen starts the mailbox on 127.0.0.1 and returns its address.
func (m *mailbox) listen(t *testing.T) string {
	t.Helper()
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{box: m}, nil }))
	srv.Domain = "localhost"
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return l.Addr().String()
}

// now is a Friday; actions are due before, within and after three days.
var now = time.Date(2025, 12, 5, 9, 0, 0, 0, time.UTC)

func fixture() *desk {
	return &desk{
		people: map[int64]*bilat.Person{
			1: {Record: bilat.Record{ID: 1}, Name: "Amina Idrissi", Email: "amina@example.org", Languages: []string{"fr", "ar"}},
			2: {Record: bilat.Record{ID: 2}, Name: "John Smith", Email: "john@example.org", Languages: []string{"en"}},
			3: {Record: bilat.Record{ID: 3}, Name: "No Address"},
		},
		partners: map[int64]*bilat.Partner{7: {Record: bilat.Record{ID: 7}, Code: "NO", NameEN: "Norway", NameFR: "Norvège", NameAR: "النرويج"}},
		actions: []*bilat.Action{
			{Record: bilat.Record{ID: 10}, Description: "Send the draft MoU", OwnerID: 1, PartnerID: 7, Due: "2025-12-01", Status: bilat.ActionOpen},
			{Record: bilat.Record{ID: 11}, Description: "Book the study visit", OwnerID: 1, PartnerID: 7, Due: "2025-12-07", Status: bilat.ActionOpen},
			{Record: bilat.Record{ID: 12}, Description: "Far away", OwnerID: 1, Due: "2025-12-20", Status: bilat.ActionOpen},
			{Record: bilat.Record{ID: 13}, Description: "Exchange contact points", OwnerID: 2, Due: "2025-12-04", Status: bilat.ActionOpen},
			{Record: bilat.Record{ID: 14}, Description: "Already done", OwnerID: 2, Due: "2025-12-01", Status: bilat.ActionDone},
			{Record: bilat.Record{ID: 15}, Description: "Unit without a person", OwnerName: "Protocol", Due: "2025-12-02", Status: bilat.ActionOpen},
			{Record: bilat.Record{ID: 16}, Description: "Person without address", OwnerID: 3, Due: "2025-12-02", Status: bilat.ActionOpen},
		},
	}
}

// body decodes a received message's subject and text.
func body(t *testing.T, data []byte) (string, string) {
	t.Helper()
	m, err := mail.ReadMessage(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(quotedprintable.NewReader(m.Body))
	if err != nil {
		t.Fatal(err)
	}
	return subject, strings.ReplaceAll(string(b), "\r\n", "\n")
}

func TestRemindersComposedAndSent(t *testing.T) {
	msgs, skipped, err := notify.Compose(context.Background(), fixture(), now, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 || skipped != 2 {
		t.Fatalf("%d messages, %d skipped; want 2 and 2 (a free-text owner, a person without an address)", len(msgs), skipped)
	}
	box := &mailbox{}
	cfg := notify.Config{Addr: box.listen(t), From: "desk@example.org"}
	for _, r := range notify.Send(context.Background(), cfg, msgs, now) {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.To, r.Err)
		}
	}
	if len(box.got) != 2 {
		t.Fatalf("the server received %d messages", len(box.got))
	}
	amina := box.got[0]
	if amina.from != "desk@example.org" || len(amina.to) != 1 || amina.to[0] != "amina@example.org" {
		t.Errorf("envelope %s → %v", amina.from, amina.to)
	}
	subject, text := body(t, amina.data)
	if subject != "Actions de suivi à traiter" {
		t.Errorf("subject %q", subject)
	}
	for _, line := range []string{"En retard :", "- Send the draft MoU (échéance 2025-12-01) · Norvège",
		"Échéance dans les 3 jours :", "- Book the study visit (échéance 2025-12-07) · Norvège",
		"Overdue:", "- Send the draft MoU (due 2025-12-01) · Norway"} {
		if !strings.Contains(text, line+"\n") {
			t.Errorf("Amina's message lacks the line %q:\n%s", line, text)
		}
	}
	if strings.Contains(text, "Far away") {
		t.Error("an action due in 15 days is in the reminder")
	}
	_, text = body(t, box.got[1].data)
	if !strings.Contains(text, "- Exchange contact points (due 2025-12-04)") || strings.Contains(text, "Already done") || strings.Contains(text, "En retard") {
		t.Errorf("John's message, in English only:\n%s", text)
	}
}

func TestRefusedRecipientDoesNotStopTheOthers(t *testing.T) {
	msgs, _, err := notify.Compose(context.Background(), fixture(), now, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	box := &mailbox{refuse: "amina@example.org"}
	results := notify.Send(context.Background(), notify.Config{Addr: box.listen(t), From: "desk@example.org"}, msgs, now)
	var refused *textproto.Error
	if results[0].To != "amina@example.org" || !errors.As(results[0].Err, &refused) || refused.Code != 550 {
		t.Errorf("refused recipient: %+v", results[0])
	}
	if results[1].Err != nil {
		t.Errorf("the next owner was not sent: %v", results[1].Err)
	}
	if len(box.got) != 1 || box.got[0].to[0] != "john@example.org" {
		t.Errorf("received %+v", box.got)
	}
}
