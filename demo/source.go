package demo

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
)

//go:embed marrakech-2025.json
var sourceJSON []byte

// report is the "reported" part of the press summary: the only facts.
type report struct {
	Event           reportedEvent       `json:"event"`
	Host            reportedHost        `json:"host"`
	MeetingsClaimed int                 `json:"bilateral_meetings_claimed"`
	Groups          pressGroups         `json:"counterparts_as_grouped_by_the_press"`
	Organisations   []reportedOrg       `json:"counterpart_organisations"`
	Agreements      []reportedAgreement `json:"agreements_signed"`
	Topics          []string            `json:"topics_discussed_en"`
}

type reportedEvent struct {
	NameEN     string `json:"name_en"`
	NameFR     string `json:"name_fr"`
	City       string `json:"city"`
	Country    string `json:"country"`
	Timezone   string `json:"timezone"`
	FirstDay   string `json:"first_day"`
	LastDay    string `json:"last_day"`
	Attendance int    `json:"delegations_attending"`
}

type reportedHost struct {
	NameEN    string            `json:"organisation_en"`
	NameFR    string            `json:"organisation_fr"`
	Country   string            `json:"country"`
	Principal reportedPrincipal `json:"principal"`
}

type reportedPrincipal struct {
	Name      string   `json:"name"`
	TitleEN   string   `json:"title_en"`
	TitleFR   string   `json:"title_fr"`
	Spellings []string `json:"spellings_seen_in_press"`
}

type reportedOrg struct {
	NameEN string `json:"name_en"`
	Kind   string `json:"kind"`
}

type reportedAgreement struct {
	Kind         string `json:"kind"`
	Country      string `json:"counterpart_country"`
	Organisation string `json:"counterpart_organisation_en"`
	Scope        string `json:"scope_en"`
}

// pressGroup is one continent of the press's grouping, with its countries.
type pressGroup struct {
	Name      string
	Countries []string
}

// pressGroups keeps the press's continents in the order it gave them, which
// a Go map would lose.
type pressGroups []pressGroup

// UnmarshalJSON reads a JSON object of continent → country codes in order.
func (g *pressGroups) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return errors.New("the press grouping must be an object of continents")
	}
	*g = nil
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		group := pressGroup{Name: tok.(string)}
		if err := dec.Decode(&group.Countries); err != nil {
			return err
		}
		*g = append(*g, group)
	}
	return nil
}

// loadReport decodes the embedded press summary.
func loadReport() (*report, error) {
	var doc struct {
		Reported report `json:"reported"`
	}
	if err := json.Unmarshal(sourceJSON, &doc); err != nil {
		return nil, fmt.Errorf("reading marrakech-2025.json: %w", err)
	}
	return &doc.Reported, nil
}
