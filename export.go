package bilat

// ExportFormat names the version of the event export document.
const ExportFormat = "bilat-event/1"

// EventExport is one event and everything it references, as one document.
//
// Database ids do not travel: in the document every id (and every reference
// to one) is a local number, 1 for the first record of its kind in the
// document, 2 for the next, and so on. Partners are also matched by code
// and topics by code, so an import into a database that already has them
// reuses them. Versions and timestamps are left out.
//
// Restricted notes travel with their flag (notes_restricted), so that an
// import restores them as restricted: an export is the desk's own copy (the
// CLI's are the administrator's). A document sent to a caller who is not
// staff passes through Redact like every other record, which leaves such
// notes out.
type EventExport struct {
	Format      string              `json:"format"`
	Event       *Event              `json:"event"`
	Partners    []*Partner          `json:"partners"`
	People      []*Person           `json:"people"`
	Topics      []*Topic            `json:"topics"`
	Venues      []*Venue            `json:"venues"`
	Rooms       []*Room             `json:"rooms"`
	Sessions    []*ProgrammeSession `json:"sessions"`
	Delegations []*Delegation       `json:"delegations"`
	Principals  []*Principal        `json:"principals"`
	Requests    []*Request          `json:"requests"`
	Meetings    []*Meeting          `json:"meetings"`
	Actions     []*Action           `json:"actions"`
	Agreements  []*Agreement        `json:"agreements"`
}
