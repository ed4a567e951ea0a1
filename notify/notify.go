// Package notify composes and sends the e-mail reminders of follow-up
// actions: one message per owner, listing their overdue actions and those
// due soon. It reads the desk through the small interface it declares and
// sends through net/smtp; it decides nothing about when to run.
package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/smtp"
	"slices"
	"strings"
	"time"

	"bilat"
)

// SoonDays is how far ahead a reminder looks for actions due soon.
const SoonDays = 3

// Desk is what the reminders read.
type Desk interface {
	ListActions(ctx context.Context, f bilat.ActionFilter) ([]*bilat.Action, int, error)
	Person(ctx context.Context, id int64) (*bilat.Person, error)
	Partner(ctx context.Context, id int64) (*bilat.Partner, error)
}

// Message is one owner's reminder.
type Message struct {
	To      string // the owner's e-mail address
	Name    string // the owner's name
	Lang    string // the language of the first version of the text
	Subject string
	Body    string // plain text
	Actions int
}

// Result is what came of sending one message.
type Result struct {
	To  string
	Err error
}

// Config is how to reach the SMTP server.
type Config struct {
	Addr     string // host:port
	User     string // PLAIN authentication when set
	Password string
	From     string
}

// Compose writes the reminders due on now's day (in zone): one per owner
// who is a person with an e-mail address. Actions owned by a free-text
// name, or by a person without an address, are counted in skipped: the
// desk lists them, nobody can be written to.
func Compose(ctx context.Context, d Desk, now time.Time, zone *time.Location) (msgs []Message, skipped int, err error) {
	today := now.In(zone).Format(bilat.DateLayout)
	soon := now.In(zone).AddDate(0, 0, SoonDays).Format(bilat.DateLayout)
	var xs []*bilat.Action
	for p := (bilat.Page{Limit: bilat.MaxLimit}); ; p.Offset += p.Limit {
		page, total, err := d.ListActions(ctx, bilat.ActionFilter{Status: bilat.ActionOpen, DueTo: soon, Page: p})
		if err != nil {
			return nil, 0, err
		}
		xs = append(xs, page...)
		if len(page) == 0 || p.Offset+len(page) >= total {
			break
		}
	}
	byOwner := map[int64][]*bilat.Action{}
	var owners []int64
	for _, x := range xs {
		if x.OwnerID == 0 {
			skipped++
			continue
		}
		if byOwner[x.OwnerID] == nil {
			owners = append(owners, x.OwnerID)
		}
		byOwner[x.OwnerID] = append(byOwner[x.OwnerID], x)
	}
	slices.Sort(owners)
	for _, id := range owners {
		p, err := d.Person(ctx, id)
		if err != nil {
			return nil, 0, err
		}
		if p.Email == "" {
			skipped += len(byOwner[id])
			continue
		}
		m, err := compose(ctx, d, p, byOwner[id], today)
		if err != nil {
			return nil, 0, err
		}
		msgs = append(msgs, m)
	}
	return msgs, skipped, nil
}

// compose writes one owner's message: in their language when it is
// French or Arabic, followed by the same in English; else in English.
func compose(ctx context.Context, d Desk, p *bilat.Person, xs []*bilat.Action, today string) (Message, error) {
	lang := "en"
	for _, l := range p.Languages {
		if _, ok := texts[l]; ok {
			lang = l
			break
		}
	}
	partners := map[int64]*bilat.Partner{}
	for _, x := range xs {
		if x.PartnerID != 0 && partners[x.PartnerID] == nil {
			pt, err := d.Partner(ctx, x.PartnerID)
			if err != nil {
				return Message{}, err
			}
			partners[x.PartnerID] = pt
		}
	}
	var b strings.Builder
	write(&b, texts[lang], lang, p.Name, xs, partners, today)
	if lang != "en" {
		b.WriteString("\n-- \n\n")
		write(&b, texts["en"], "en", p.Name, xs, partners, today)
	}
	return Message{To: p.Email, Name: p.Name, Lang: lang, Subject: texts[lang].subject, Body: b.String(), Actions: len(xs)}, nil
}

// write adds one language's version of a reminder.
func write(b *strings.Builder, t text, lang, name string, xs []*bilat.Action, partners map[int64]*bilat.Partner, today string) {
	fmt.Fprintf(b, t.greeting+"\n\n", name)
	for _, overdue := range []bool{true, false} {
		head := t.dueSoon
		if overdue {
			head = t.overdue
		}
		var lines []string
		for _, x := range xs {
			if x.Overdue(today) == overdue {
				line := fmt.Sprintf("- %s (%s %s)", x.Description, t.due, x.Due)
				if pt := partners[x.PartnerID]; pt != nil {
					line += " · " + partnerName(pt, lang)
				}
				lines = append(lines, line)
			}
		}
		if len(lines) > 0 {
			b.WriteString(head + "\n" + strings.Join(lines, "\n") + "\n\n")
		}
	}
	b.WriteString(t.closing + "\n")
}

// partnerName is a partner's name in lang, English standing in.
func partnerName(p *bilat.Partner, lang string) string {
	switch {
	case lang == "fr" && p.NameFR != "":
		return p.NameFR
	case lang == "ar" && p.NameAR != "":
		return p.NameAR
	}
	return p.NameEN
}

// text is a reminder's wording in one language.
type text struct{ subject, greeting, overdue, dueSoon, due, closing string }

var texts = map[string]text{
	"en": {"Follow-up actions to attend to", "Dear %s,", "Overdue:", "Due within 3 days:", "due", "This reminder is sent by the bilateral meetings desk."},
	"fr": {"Actions de suivi à traiter", "Madame, Monsieur (%s),", "En retard :", "Échéance dans les 3 jours :", "échéance", "Ce rappel est envoyé par le bureau des entretiens bilatéraux."},
	"ar": {"إجراءات متابعة تنتظر المعالجة", "السيد(ة) %s،", "متأخرة:", "أجلها خلال 3 أيام:", "الأجل", "يُرسل هذا التذكير من مكتب اللقاءات الثنائية."},
}

// Send sends each message over its own connection, so that a refusal
// (an unknown recipient, a dropped connection) fails that owner's message
// only; the results are in the messages' order.
func Send(ctx context.Context, c Config, msgs []Message, now time.Time) []Result {
	out := make([]Result, len(msgs))
	for i, m := range msgs {
		out[i] = Result{To: m.To, Err: sendOne(ctx, c, m, now)}
	}
	return out
}

// sendOne delivers one message: STARTTLS when the server offers it, PLAIN
// authentication when a user is configured.
func sendOne(ctx context.Context, c Config, m Message, now time.Time) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("notify: sending to %s: %w", m.To, err)
		}
	}()
	host, _, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return err
	}
	conn, err := (&net.Dialer{Timeout: 30 * time.Second}).DialContext(ctx, "tcp", c.Addr)
	if err != nil {
		return err
	}
	cl, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return err
	}
	defer cl.Close()
	if ok, _ := cl.Extension("STARTTLS"); ok {
		if err := cl.StartTLS(&tls.Config{ServerName: host}); err != nil {
			return err
		}
	}
	if c.User != "" {
		if err := cl.Auth(smtp.PlainAuth("", c.User, c.Password, host)); err != nil {
			return err
		}
	}
	if err := cl.Mail(c.From); err != nil {
		return err
	}
	if err := cl.Rcpt(m.To); err != nil {
		return err
	}
	w, err := cl.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(Format(c.From, m, now)); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return cl.Quit()
}

// Format writes the message as RFC 5322 text: UTF-8 plain text, quoted-
// printable so that no line is too long, with an encoded subject.
func Format(from string, m Message, now time.Time) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\n", from, m.To,
		mime.QEncoding.Encode("utf-8", m.Subject), now.Format(time.RFC1123Z))
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	qp := quotedprintable.NewWriter(&b)
	qp.Write([]byte(strings.ReplaceAll(m.Body, "\n", "\r\n")))
	qp.Close()
	return b.Bytes()
}
