package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/planfile"
	"github.com/nhacviec/nhacviec/store"
)

// The units, contacts and groups pages (issue 13 part 4), written back
// to the configuration file (SPEC §3.4) with planfile, so its comments
// and layout stay:
//
//   - GET /units: every unit with its contacts, and every group.
//   - GET /units/new, GET /units/{id}: the form of a unit and its
//     contacts; POST saves it, or deletes the unit (action=delete).
//   - GET /groups/new, GET /groups/{id}: the form of a group; POST saves
//     or deletes it.
//
// Units and groups are shared by every plan, so any editor may change
// them, as the admin may (the officer adds units); a viewer sees the
// pages and gets 403 on a POST. Each form carries the ETag of the file
// it was filled from: a file changed meanwhile is not overwritten. Every
// problem is shown at its field, nothing written; a save reloads the
// daemon and redirects to the list with what was done.

func (s *Server) unitsRoutes(mux *http.ServeMux) {
	mux.Handle("GET /units", s.member(http.HandlerFunc(s.handleUnits)))
	mux.Handle("GET /units/new", s.member(http.HandlerFunc(s.handleUnitForm)))
	mux.Handle("POST /units/new", s.member(http.HandlerFunc(s.handleUnitSave)))
	mux.Handle("GET /units/{id}", s.member(http.HandlerFunc(s.handleUnitForm)))
	mux.Handle("POST /units/{id}", s.member(http.HandlerFunc(s.handleUnitSave)))
	mux.Handle("GET /groups/new", s.member(http.HandlerFunc(s.handleGroupForm)))
	mux.Handle("POST /groups/new", s.member(http.HandlerFunc(s.handleGroupSave)))
	mux.Handle("GET /groups/{id}", s.member(http.HandlerFunc(s.handleGroupForm)))
	mux.Handle("POST /groups/{id}", s.member(http.HandlerFunc(s.handleGroupSave)))
}

// mayEditUnits reports whether a may change units and groups: an admin
// or an editor.
func mayEditUnits(a account) bool { return atLeast(a.Role, store.RoleEditor) }

// configFile is the configuration file as the units pages read it: its
// Doc, its text and ETag, and its units and groups as written.
type configFile struct {
	h      planHistory
	doc    *planfile.Doc
	text   []byte
	etag   string
	units  []unitYAML  // in the file's order
	groups []groupYAML // in the file's order
	// unitsNode and groupsNode are the mappings units: and groups:
	// (nil when the file has none).
	unitsNode, groupsNode *yaml.Node
}

// unitYAML is a unit as the file writes it.
type unitYAML struct {
	ID       string        `yaml:"-"`
	Name     string        `yaml:"name"`
	Relation string        `yaml:"relation,omitempty"`
	Contacts []contactYAML `yaml:"contacts"`
	node     *yaml.Node
}

// contactYAML is a contact as the file writes it; Channels is nil when
// the file has no channels: (every channel it has an address for).
type contactYAML struct {
	Name     string   `yaml:"name,omitempty"`
	Role     string   `yaml:"role,omitempty"`
	Email    string   `yaml:"email,omitempty"`
	Phone    string   `yaml:"phone,omitempty"`
	Channels []string `yaml:"channels,omitempty,flow"`
}

// groupYAML is a group as the file writes it: its members, units or
// groups, as listed.
type groupYAML struct {
	ID      string
	Members []string
	node    *yaml.Node
}

// readConfigFile reads the configuration file (noting an edit on disk
// as a version).
func (s *Server) readConfigFile() (*configFile, error) {
	h, ok := s.opts.Store.(planHistory)
	cfg := s.config()
	if !ok || cfg == nil || cfg.File == "" {
		return nil, Errorf(EUNAVAILABLE, "api.nohistory")
	}
	d, err := planfile.Locate(cfg.File, "")
	if err != nil {
		return nil, err
	}
	text, etag, err := d.Read(h)
	if err != nil {
		return nil, err
	}
	f := &configFile{h: h, doc: d, text: text, etag: etag}
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil || len(doc.Content) == 0 {
		return f, nil // the check says why; the pages show nothing
	}
	f.unitsNode = mapValue(doc.Content[0], "units")
	f.groupsNode = mapValue(doc.Content[0], "groups")
	if f.unitsNode != nil && f.unitsNode.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(f.unitsNode.Content); i += 2 {
			u := unitYAML{ID: f.unitsNode.Content[i].Value, node: f.unitsNode.Content[i+1]}
			_ = u.node.Decode(&u) // a value of the wrong type stays empty: the check reports it
			f.units = append(f.units, u)
		}
	}
	if f.groupsNode != nil && f.groupsNode.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(f.groupsNode.Content); i += 2 {
			g := groupYAML{ID: f.groupsNode.Content[i].Value, node: f.groupsNode.Content[i+1]}
			_ = g.node.Decode(&g.Members)
			f.groups = append(f.groups, g)
		}
	}
	return f, nil
}

// unit returns the unit id of the file, or nil.
func (f *configFile) unit(id string) *unitYAML {
	for i := range f.units {
		if f.units[i].ID == id {
			return &f.units[i]
		}
	}
	return nil
}

// group returns the group id of the file, or nil.
func (f *configFile) group(id string) *groupYAML {
	for i := range f.groups {
		if f.groups[i].ID == id {
			return &f.groups[i]
		}
	}
	return nil
}

// unitName is the name of unit or group id as the file writes it, else
// the id.
func (f *configFile) unitName(id string) string {
	if u := f.unit(id); u != nil && u.Name != "" {
		return u.Name
	}
	return id
}

// unitsView is the list of units and groups.
type unitsView struct {
	File    string
	Flash   string
	CanEdit bool
	Units   []unitRow
	Groups  []groupRow
}

type unitRow struct {
	ID, Name, Kind, URL string
	Contacts            []contactRow
}

type contactRow struct {
	Name, Role, Email, Phone, E164, Channels string
}

type groupRow struct {
	ID, URL string
	Members []string
}

func (s *Server) handleUnits(w http.ResponseWriter, r *http.Request) {
	f, err := s.readConfigFile()
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := unitsView{File: f.doc.Key, CanEdit: mayEditUnits(accountOf(r)), Flash: s.unitsFlash(r.URL.Query())}
	for _, u := range f.units {
		row := unitRow{ID: u.ID, Name: u.Name, URL: "/units/" + u.ID, Kind: s.relationLabel(u.Relation)}
		for _, c := range u.Contacts {
			cr := contactRow{Name: c.Name, Role: c.Role, Email: c.Email, Phone: c.Phone,
				Channels: strings.Join(channelsOf(c), ", ")}
			if e164, err := plan.NormalizePhone(c.Phone); err == nil {
				cr.E164 = e164
			}
			row.Contacts = append(row.Contacts, cr)
		}
		v.Units = append(v.Units, row)
	}
	for _, g := range f.groups {
		row := groupRow{ID: g.ID, URL: "/groups/" + g.ID}
		for _, m := range g.Members {
			row.Members = append(row.Members, f.unitName(m))
		}
		v.Groups = append(v.Groups, row)
	}
	s.render(w, r, http.StatusOK, "units", v)
}

// channelsOf returns the channels contact c is reached on: those it
// names, else every one it has an address for (as the checker reads it).
func channelsOf(c contactYAML) []string {
	if c.Channels != nil {
		return c.Channels
	}
	var out []string
	if c.Email != "" {
		out = append(out, plan.ChannelEmail)
	}
	if c.Phone != "" {
		out = append(out, plan.ChannelSMS)
	}
	return out
}

// relationLabel names a relation (the default when empty) in the service
// language.
func (s *Server) relationLabel(r string) string {
	if r == "" {
		r = string(plan.RelationInternal)
	}
	if !slices.Contains(plan.Relations, plan.Relation(r)) {
		return r
	}
	return tr(s.lang(), "rel."+r)
}

// unitsFlash says what the POST that redirected to the list did.
func (s *Server) unitsFlash(q url.Values) string {
	id := q.Get("id")
	switch r := q.Get("r"); r {
	case "saved", "deleted", "groupsaved", "groupdel":
		return tr(s.lang(), "units."+r, id)
	}
	return ""
}

// savedConfig reloads the daemon after a save and redirects to the list
// with what was done (303).
func (s *Server) savedConfig(w http.ResponseWriter, r *http.Request, result, id string) {
	if s.opts.Reload != nil {
		if ok, errs := s.opts.Reload(); !ok {
			s.log.Warn("reload after saving units", "errors", errs)
		}
	}
	http.Redirect(w, r, "/units?"+url.Values{"r": {result}, "id": {id}}.Encode(), http.StatusSeeOther)
}
