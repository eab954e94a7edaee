package config

import (
	"regexp"
	"slices"
	"strings"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
	"go.yaml.in/yaml/v3"
)

var idRE = regexp.MustCompile(`^[a-z0-9-]+$`)

// checkID reports an id that is not [a-z0-9-]+.
func (l *loader) checkID(n *yaml.Node, id, what string) bool {
	if !idRE.MatchString(id) {
		l.errorAt(n, "id.invalid", noun(what), id, suggestID(id))
		if l.badIDs == nil {
			l.badIDs = map[string]bool{}
		}
		l.badIDs[id] = true
		return false
	}
	return true
}

// suggestID turns "Hội Phụ nữ" into "hoi-phu-nu", for the error message.
func suggestID(s string) string {
	if id := lang.Slug(s, 0); id != "" {
		return id
	}
	return "don-vi-1"
}

func (l *loader) units(n *yaml.Node, cfg *plan.Config) {
	n = resolve(n)
	if isNull(n) {
		l.errorAt(n, "units.none")
		return
	}
	if n.Kind != yaml.MappingNode {
		l.errorAt(n, "type.mapping", "units", kindName(n))
		return
	}
	if len(n.Content) == 0 {
		l.errorAt(n, "units.none")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if l.stopped() {
			return
		}
		k, v := n.Content[i], n.Content[i+1]
		id := k.Value
		if !l.checkID(k, id, "unit") {
			continue
		}
		if _, dup := cfg.Units[id]; dup {
			l.errorAt(k, "id.duplicate", noun("unit"), id)
			continue
		}
		u := &plan.Unit{ID: id}
		l.unit(k, v, u)
		cfg.Units[id] = u
		cfg.UnitOrder = append(cfg.UnitOrder, id)
	}
}

// escalations resolves the units' escalate_to, which may name any unit or
// group, once all are known.
func (l *loader) escalations(n *yaml.Node, cfg *plan.Config) {
	n = resolve(n)
	if isNull(n) || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		u := cfg.Units[n.Content[i].Value]
		if u == nil {
			continue
		}
		if to := lookup(n.Content[i+1], "escalate_to"); to != nil {
			u.EscalateTo = l.unitRefs(to, "escalate_to", cfg)
		}
	}
}

func (l *loader) unit(k, n *yaml.Node, u *plan.Unit) {
	var contactsNode, nameNode *yaml.Node
	l.mapping(n, "units."+u.ID, fields{
		"name":        func(v *yaml.Node) { nameNode = v; u.Name = l.text(v, "name") },
		"escalate_to": nil, // resolved by units
		"contacts":    func(v *yaml.Node) { contactsNode = v },
		"relation":    func(v *yaml.Node) { u.Relation = l.relation(v) },
	})
	if u.Relation == "" {
		u.Relation = plan.RelationInternal
	}
	if u.Name == "" {
		if !wrongType(nameNode) {
			l.errorAt(k, "unit.noname", u.ID)
		}
		u.Name = u.ID
	}
	have := map[string]bool{}
	for _, cn := range l.sequence(contactsNode, "contacts") {
		c, ok := l.contact(cn, u.ID)
		if !ok {
			continue
		}
		u.Contacts = append(u.Contacts, c)
		for _, ch := range c.Channels {
			if !have[ch] {
				have[ch] = true
				u.Channels = append(u.Channels, ch)
			}
		}
	}
	if contactsNode == nil || len(resolve(contactsNode).Content) == 0 {
		l.errorAt(k, "unit.nocontacts", u.ID)
	}
}

func (l *loader) contact(n *yaml.Node, unit string) (plan.Contact, bool) {
	c := plan.Contact{Pos: l.pos(n)}
	var channelsNode, zaloNode *yaml.Node
	bad := false
	ok := l.mapping(n, "contacts", fields{
		"name": func(v *yaml.Node) { c.Name = l.text(v, "name") },
		"role": func(v *yaml.Node) { c.Role = l.text(v, "role") },
		"email": func(v *yaml.Node) {
			t := l.text(v, "email")
			if t == "" {
				return
			}
			addr, err := plan.CheckEmail(t)
			if err != nil {
				l.fail(v, err)
				bad = true
				return
			}
			c.Email = addr
		},
		"phone": func(v *yaml.Node) {
			t := l.text(v, "phone")
			if t == "" {
				return
			}
			p, err := plan.NormalizePhone(t)
			if err != nil {
				l.fail(v, err)
				bad = true
				return
			}
			c.Phone = p
		},
		"channels": func(v *yaml.Node) { channelsNode = v },
		"zalo":     func(v *yaml.Node) { zaloNode = v },
	})
	if !ok {
		if !isNull(n) {
			return c, false
		}
		l.errorAt(n, "contact.empty", unit)
		return c, false
	}
	if bad {
		return c, false
	}
	if channelsNode != nil {
		for _, cn := range l.list(channelsNode, "channels") {
			ch, ok := l.scalar(cn, "channels")
			if !ok {
				continue
			}
			switch ch {
			case plan.ChannelEmail:
				if c.Email == "" {
					l.errorAt(cn, "contact.noemail", unit)
					continue
				}
			case plan.ChannelSMS:
				if c.Phone == "" {
					l.errorAt(cn, "contact.nophone", unit)
					continue
				}
			case plan.ChannelZalo:
				if c.Phone == "" {
					l.errorAt(cn, "contact.nozalo", unit)
					continue
				}
			case plan.ChannelWebhook:
			default:
				l.errorAt(cn, "contact.channel.any", ch)
				continue
			}
			c.Channels = append(c.Channels, ch)
		}
	} else {
		if c.Email != "" {
			c.Channels = append(c.Channels, plan.ChannelEmail)
		}
		if c.Phone != "" {
			c.Channels = append(c.Channels, plan.ChannelSMS)
		}
	}
	l.contactZalo(zaloNode, &c, unit) // channels_zalo.go
	if len(c.Channels) == 0 {
		l.errorAt(n, "contact.unreachable", unit)
		return c, false
	}
	return c, true
}

// MaxGroupDepth is how deep groups may nest: a group of groups of … of
// units. A commune needs two or three levels.
const MaxGroupDepth = 16

// groups reads the groups and expands each to the units it stands for,
// reporting unknown members and cycles.
func (l *loader) groups(n *yaml.Node, cfg *plan.Config) {
	n = resolve(n)
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		l.errorAt(n, "type.mapping", "groups", kindName(n))
		return
	}
	members := map[string][]*yaml.Node{}
	keys := map[string]*yaml.Node{}
	var order []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		id := k.Value
		if !l.checkID(k, id, "group") {
			continue
		}
		if _, dup := keys[id]; dup {
			l.errorAt(k, "id.duplicate", noun("group"), id)
			continue
		}
		if _, clash := cfg.Units[id]; clash {
			l.errorAt(k, "group.isunit", id)
			continue
		}
		keys[id] = k
		order = append(order, id)
		members[id] = l.list(v, "groups."+id)
		if len(members[id]) == 0 {
			l.errorAt(k, "group.empty", id)
		}
	}
	const (
		unvisited = iota
		visiting
		done
	)
	state := map[string]int{}
	// height is how many levels of groups a group expanded holds: 1 when
	// it lists only units.
	height := map[string]int{}
	var expand func(id string, path []string) []string
	expand = func(id string, path []string) []string {
		switch state[id] {
		case done:
			return cfg.Groups[id]
		case visiting:
			return nil
		}
		state[id] = visiting
		path = append(path, id)
		var out []string
		seen := map[string]bool{}
		add := func(u string) {
			if !seen[u] {
				seen[u] = true
				out = append(out, u)
			}
		}
		for _, m := range members[id] {
			ref, ok := l.scalar(m, "groups."+id)
			if !ok {
				continue
			}
			switch {
			case cfg.Units[ref] != nil:
				add(ref)
			case keys[ref] != nil:
				if state[ref] == visiting {
					// path ends with id; the chain from ref leads back to id.
					cycle := append([]string{id}, path[indexOf(path, ref):]...)
					l.errorAt(m, "group.cycle", id, strings.Join(cycle, " → "))
					continue
				}
				if len(path)+max(height[ref], 1) > MaxGroupDepth {
					l.errorAt(m, "group.deep", path[0], MaxGroupDepth, strings.Join(path[:min(3, len(path))], " → "))
					continue
				}
				for _, u := range expand(ref, path) {
					add(u)
				}
				height[id] = max(height[id], height[ref]+1)
			default:
				l.unknownRef(m, ref, cfg, keys)
			}
		}
		state[id] = done
		height[id] = max(height[id], 1)
		cfg.Groups[id] = out
		return out
	}
	for _, id := range order {
		expand(id, nil)
	}
}

func indexOf(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return 0
}

// unknownRef reports a reference to a unit or group that does not exist,
// with the nearest known id.
func (l *loader) unknownRef(n *yaml.Node, ref string, cfg *plan.Config, groups map[string]*yaml.Node) {
	if l.badIDs[ref] {
		l.errorAt(n, "id.invalid.ref", ref, suggestID(ref))
		return
	}
	if l.suggested < maxSuggestions {
		known := append([]string(nil), cfg.UnitOrder...)
		var gs []string
		for g := range groups {
			gs = append(gs, g)
		}
		for g := range cfg.Groups {
			gs = append(gs, g)
		}
		slices.Sort(gs)
		known = append(known, gs...)
		if near := l.nearest(ref, known); near != "" {
			l.errorAt(n, "ref.unknown.near", ref, near)
			return
		}
	}
	l.errorAt(n, "ref.unknown", ref)
}

// unitRefs resolves a list of unit and group ids into unit ids, in order,
// without repeats.
func (l *loader) unitRefs(n *yaml.Node, what string, cfg *plan.Config) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range l.list(n, what) {
		ref, ok := l.scalar(m, what)
		if !ok {
			continue
		}
		var units []string
		if cfg.Units[ref] != nil {
			units = []string{ref}
		} else if g, ok := cfg.Groups[ref]; ok {
			units = g
		} else {
			l.unknownRef(m, ref, cfg, nil)
			continue
		}
		for _, u := range units {
			if !seen[u] {
				seen[u] = true
				out = append(out, u)
			}
		}
	}
	return out
}
