package bilat

import "context"

// Desk is every service of the desk together: what store/ implements and
// what server/ and cmd/bilat are given.
type Desk interface {
	PartnerService
	PersonService
	TopicService
	SchemeService
	EventService
	VenueService
	RoomService
	SessionService
	DelegationService
	PrincipalService
	RequestService
	MeetingService
	ActionService
	AgreementService
	AuditService
	ProposalService
	UserService
	TokenService
	InvitationService
	FeedService
	// ExportEvent returns one event and everything it references.
	ExportEvent(ctx context.Context, id int64) (*EventExport, error)
	// ImportEvent loads an export, all or nothing, and returns the new event.
	ImportEvent(ctx context.Context, a Actor, doc *EventExport) (*Event, error)
}
