package bilat

import "context"

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
	Page
}

// AgreementService is the registry of agreements.
type AgreementService interface {
	CreateAgreement(ctx context.Context, a Actor, x *Agreement) error
	Agreement(ctx context.Context, id int64) (*Agreement, error)
	ListAgreements(ctx context.Context, f AgreementFilter) ([]*Agreement, int, error)
	UpdateAgreement(ctx context.Context, a Actor, x *Agreement) error
	TransitionAgreement(ctx context.Context, a Actor, id int64, t AgreementTransition) (*Agreement, error)
}
