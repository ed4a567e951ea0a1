package bilat

import (
	"archive/zip"
	"bytes"
	"context"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"
	"unicode"
)

// AgreementStatus is where an agreement stands in its life.
type AgreementStatus string

// Agreement statuses.
const (
	AgreementDraft       AgreementStatus = "draft"
	AgreementNegotiating AgreementStatus = "negotiating"
	AgreementSigned      AgreementStatus = "signed"
	AgreementInForce     AgreementStatus = "in_force"
	AgreementExpired     AgreementStatus = "expired"
	AgreementTerminated  AgreementStatus = "terminated"
)

// agreementMoves is the life of an agreement. A draft or a negotiation may
// be abandoned (terminated) before signature.
var agreementMoves = map[AgreementStatus][]AgreementStatus{
	AgreementDraft:       {AgreementNegotiating, AgreementTerminated},
	AgreementNegotiating: {AgreementSigned, AgreementTerminated},
	AgreementSigned:      {AgreementInForce, AgreementTerminated},
	AgreementInForce:     {AgreementExpired, AgreementTerminated},
}

// AgreementStatuses lists every status in order.
var AgreementStatuses = []AgreementStatus{AgreementDraft, AgreementNegotiating, AgreementSigned, AgreementInForce, AgreementExpired, AgreementTerminated}

// CanMoveTo reports whether the agreement's life allows from → to.
func (s AgreementStatus) CanMoveTo(to AgreementStatus) bool {
	for _, x := range agreementMoves[s] {
		if x == to {
			return true
		}
	}
	return false
}

// Valid reports whether s is a known status.
func (s AgreementStatus) Valid() bool {
	for _, x := range AgreementStatuses {
		if s == x {
			return true
		}
	}
	return false
}

// AgreementKinds are the kinds of instrument the registry knows.
var AgreementKinds = []string{"memorandum_of_understanding", "agreement", "letter_of_intent", "protocol", "exchange_of_letters", "other"}

// Agreement is an instrument between the host and one or more partners.
type Agreement struct {
	Record
	Kind  string `json:"kind"`
	Title string `json:"title"`
	// Parties are partner ids; the host's own partner is one of them.
	Parties      []int64         `json:"parties"`
	Topics       []string        `json:"topics"`
	Scope        string          `json:"scope,omitempty"`
	Status       AgreementStatus `json:"status"`
	SignedOn     string          `json:"signed_on,omitempty"`
	InForceOn    string          `json:"in_force_on,omitempty"`
	ExpiresOn    string          `json:"expires_on,omitempty"`
	NextReviewOn string          `json:"next_review_on,omitempty"`
	Place        string          `json:"place,omitempty"`
	EventID      int64           `json:"event_id,omitempty"`
	MeetingID    int64           `json:"meeting_id,omitempty"`
	Notes        string          `json:"notes,omitempty"`
}

// Validate checks the agreement's fields and that its dates fit its status.
func (x *Agreement) Validate() error {
	v := NewProblems("")
	known := false
	for _, k := range AgreementKinds {
		known = known || k == x.Kind
	}
	v.Check(known, "kind", "must be one of memorandum_of_understanding, agreement, letter_of_intent, protocol, exchange_of_letters, other")
	v.Required(x.Title, "title")
	v.Check(len(x.Parties) >= 1, "parties", "must name at least one partner")
	for i, p := range x.Parties {
		v.Check(p > 0, indexField("parties", i), "must be a partner id")
	}
	for i, t := range x.Topics {
		v.Check(topicCode.MatchString(t), indexField("topics", i), "must be a topic code")
	}
	v.Check(x.Status.Valid(), "status", "is not an agreement status")
	for f, d := range map[string]string{"signed_on": x.SignedOn, "in_force_on": x.InForceOn, "expires_on": x.ExpiresOn, "next_review_on": x.NextReviewOn} {
		v.Date(d, f)
	}
	signedOrLater := x.Status == AgreementSigned || x.Status == AgreementInForce || x.Status == AgreementExpired
	v.Check(!signedOrLater || x.SignedOn != "", "signed_on", "is required once the agreement is signed")
	v.Check(x.ExpiresOn == "" || x.SignedOn == "" || x.ExpiresOn > x.SignedOn, "expires_on", "is not after signed_on")
	v.Check(x.InForceOn == "" || x.SignedOn == "" || x.InForceOn >= x.SignedOn, "in_force_on", "is before signed_on")
	return v.Err("agreement")
}

// AgreementTransition moves an agreement; dates may be set at the same time.
type AgreementTransition struct {
	To        AgreementStatus `json:"to"`
	Version   int             `json:"version"`
	SignedOn  string          `json:"signed_on,omitempty"`
	InForceOn string          `json:"in_force_on,omitempty"`
	ExpiresOn string          `json:"expires_on,omitempty"`
}

// AgreementFilter selects agreements.
type AgreementFilter struct {
	EventID   int64
	PartnerID int64
	Status    AgreementStatus
	Kind      string
	// ExpiresFrom and ExpiresTo bound expires_on (YYYY-MM-DD, both
	// included; empty: unbounded). Either one set leaves out agreements
	// without an expiry date.
	ExpiresFrom, ExpiresTo string
	// ReviewBy keeps agreements whose next review falls on or before the
	// day (YYYY-MM-DD), overdue ones included.
	ReviewBy string
	Page
}

// AgreementService is the registry of agreements.
type AgreementService interface {
	CreateAgreement(ctx context.Context, a Actor, x *Agreement) error
	Agreement(ctx context.Context, id int64) (*Agreement, error)
	ListAgreements(ctx context.Context, f AgreementFilter) ([]*Agreement, int, error)
	UpdateAgreement(ctx context.Context, a Actor, x *Agreement) error
	TransitionAgreement(ctx context.Context, a Actor, id int64, t AgreementTransition) (*Agreement, error)

	// AddDocument attaches a file to an agreement: the store computes its
	// size and checksum and takes its type from its content, never from
	// the name or what the uploader claims.
	AddDocument(ctx context.Context, a Actor, d *Document) error
	// Documents lists an agreement's documents without their bytes.
	Documents(ctx context.Context, agreementID int64) ([]*Document, error)
	// Document returns one document with its bytes.
	Document(ctx context.Context, id int64) (*Document, error)
	DeleteDocument(ctx context.Context, a Actor, id int64) error
}

// MaxDocumentSize is the largest file an agreement may carry, in bytes:
// a scanned memorandum of a few dozen pages.
const MaxDocumentSize = 10 << 20

// Document types the registry accepts, recognised from the content.
const (
	DocumentPDF  = "application/pdf"
	DocumentPNG  = "image/png"
	DocumentJPEG = "image/jpeg"
	DocumentDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	DocumentODT  = "application/vnd.oasis.opendocument.text"
)

// Document is a file attached to an agreement: the signed text, a scan.
type Document struct {
	ID          int64     `json:"id"`
	AgreementID int64     `json:"agreement_id"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"` // hex, of Content
	UploadedBy  string    `json:"uploaded_by"`
	CreatedAt   time.Time `json:"created_at"`
	// Content is the file; it stays out of JSON and the audit trail.
	Content []byte `json:"-"`
}

// DocumentType names the type of a file from its content: one of the
// Document types, or "" for anything else (HTML, programs, other
// archives). Word and OpenDocument files are zip archives and are told
// apart by the parts inside them.
func DocumentType(content []byte) string {
	switch t := http.DetectContentType(content); t {
	case DocumentPDF, DocumentPNG, DocumentJPEG:
		return t
	case "application/zip":
		return officeType(content)
	}
	return ""
}

// officeType recognises a DOCX (a [Content_Types].xml and a
// word/document.xml part) or an ODT (a first part "mimetype" holding the
// ODT type) among zip archives.
func officeType(content []byte) string {
	z, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		return ""
	}
	parts := map[string]*zip.File{}
	for _, f := range z.File {
		parts[f.Name] = f
	}
	if parts["[Content_Types].xml"] != nil && parts["word/document.xml"] != nil {
		return DocumentDOCX
	}
	if f := parts["mimetype"]; f != nil && f.UncompressedSize64 < 100 {
		r, err := f.Open()
		if err != nil {
			return ""
		}
		defer r.Close()
		var b bytes.Buffer
		if _, err := b.ReadFrom(r); err == nil && b.String() == DocumentODT {
			return DocumentODT
		}
	}
	return ""
}

// DocumentName cleans an uploaded file's name: its last path element,
// without control characters, at most 200 characters.
func DocumentName(name string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if name == "." || name == "/" {
		return ""
	}
	if r := []rune(name); len(r) > 200 {
		name = string(r[:200])
	}
	return name
}

// Validate checks a document before it is stored: a name, some content
// within MaxDocumentSize, of an accepted type.
func (d *Document) Validate() error {
	v := NewProblems("")
	v.Check(d.AgreementID > 0, "agreement_id", "must be an agreement id")
	v.Required(d.Name, "name")
	v.Check(len(d.Content) > 0, "file", "is empty")
	v.Check(len(d.Content) <= MaxDocumentSize, "file", "is larger than %d MB", MaxDocumentSize>>20)
	v.Check(len(d.Content) == 0 || DocumentType(d.Content) != "", "file", "must be a PDF, PNG, JPEG, DOCX or ODT file")
	return v.Err("document")
}

// Alert notices: how far ahead the registry warns.
const (
	AgreementExpiryNotice = 90 // days before expires_on
	AgreementReviewNotice = 30 // days before next_review_on
)

// AgreementAlertKind says what an alert is about.
type AgreementAlertKind string

// The alerts of the registry.
const (
	AlertExpiring      AgreementAlertKind = "expiring"       // expires within the notice
	AlertExpired       AgreementAlertKind = "expired"        // past its expiry, still recorded as in force
	AlertReviewDue     AgreementAlertKind = "review_due"     // review within the notice
	AlertReviewOverdue AgreementAlertKind = "review_overdue" // review date passed
)

// AgreementAlert is one agreement that needs attention.
type AgreementAlert struct {
	Agreement *Agreement
	Kind      AgreementAlertKind
	On        string // the date concerned, YYYY-MM-DD
	Days      int    // from today to On; negative once past
}

// AgreementAlerts lists the agreements whose expiry or review needs
// attention on the day today (read as a calendar day), soonest first.
// Only live agreements (signed or in force) warn of expiry; any
// agreement not yet expired or terminated warns of its review.
func AgreementAlerts(xs []*Agreement, today time.Time) []AgreementAlert {
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	daysTo := func(s string) (int, bool) {
		t, err := ParseDate(s)
		if err != nil {
			return 0, false
		}
		return int(t.Sub(day).Hours() / 24), true
	}
	var out []AgreementAlert
	for _, x := range xs {
		live := x.Status == AgreementSigned || x.Status == AgreementInForce
		if n, ok := daysTo(x.ExpiresOn); ok && live && n <= AgreementExpiryNotice {
			kind := AlertExpiring
			if n < 0 {
				kind = AlertExpired
			}
			out = append(out, AgreementAlert{Agreement: x, Kind: kind, On: x.ExpiresOn, Days: n})
		}
		open := x.Status != AgreementExpired && x.Status != AgreementTerminated
		if n, ok := daysTo(x.NextReviewOn); ok && open && n <= AgreementReviewNotice {
			kind := AlertReviewDue
			if n < 0 {
				kind = AlertReviewOverdue
			}
			out = append(out, AgreementAlert{Agreement: x, Kind: kind, On: x.NextReviewOn, Days: n})
		}
	}
	slices.SortStableFunc(out, func(a, b AgreementAlert) int { return a.Days - b.Days })
	return out
}
