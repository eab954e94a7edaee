package draft

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// kind is a unit a commune's plan names under many spellings: its id
// when proposed, its name, its relation to the issuer and its spellings.
type kind struct {
	id, name string
	relation plan.Relation
	aliases  []string
}

// kinds are the units and groups of a commune's plans, with the usual
// abbreviations. Groups ("các đoàn thể") are proposed as units too: the
// document does not say who is in them.
var kinds = []kind{
	{"ldtbxh", "Bộ phận Lao động - Thương binh và Xã hội", plan.RelationInternal, []string{"lao động - thương binh và xã hội", "lao động, thương binh và xã hội", "LĐ-TB&XH", "LĐTBXH", "LĐ-TBXH", "công chức LĐ-TB&XH"}},
	{"vhxh", "Bộ phận Văn hóa - Xã hội", plan.RelationInternal, []string{"văn hóa - xã hội", "văn hoá xã hội", "VH-XH", "VHXH", "văn hóa - thông tin", "công chức văn hóa"}},
	{"tu-phap", "Bộ phận Tư pháp - Hộ tịch", plan.RelationInternal, []string{"tư pháp - hộ tịch", "tư pháp", "TP-HT"}},
	{"hoi-chu-thap-do", "Hội Chữ thập đỏ xã", plan.RelationMass, []string{"hội chữ thập đỏ", "hội CTĐ"}},
	{"y-te", "Trạm Y tế xã", plan.RelationInternal, []string{"trạm y tế"}},
	{"cong-an", "Công an xã", plan.RelationInternal, []string{"công an xã", "công an"}},
	{"dai-truyen-thanh", "Đài truyền thanh xã", plan.RelationInternal, []string{"đài truyền thanh", "đài TT", "hệ thống đài truyền thanh"}},
	{"hlhpn", "Hội Liên hiệp Phụ nữ xã", plan.RelationMass, []string{"hội liên hiệp phụ nữ", "hội LHPN", "HLHPN", "hội phụ nữ", "LHPN"}},
	{"mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam xã", plan.RelationMass, []string{"ủy ban mặt trận tổ quốc việt nam", "ủy ban mặt trận tổ quốc", "mặt trận tổ quốc", "ủy ban MTTQ", "UBMTTQ", "MTTQ", "mặt trận", "MT"}},
	{"doan-tn", "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", plan.RelationMass, []string{"đoàn thanh niên cộng sản hồ chí minh", "đoàn thanh niên", "đoàn TNCS", "đoàn TN", "đoàn xã"}},
	{"hoi-nong-dan", "Hội Nông dân xã", plan.RelationMass, []string{"hội nông dân", "hội ND"}},
	{"hoi-ccb", "Hội Cựu chiến binh xã", plan.RelationMass, []string{"hội cựu chiến binh", "hội CCB"}},
	{"ban-vstbpn-huyen", "Ban Vì sự tiến bộ phụ nữ huyện", plan.RelationHigher, []string{"ban vì sự tiến bộ phụ nữ huyện", "ban vì sự tiến bộ của phụ nữ huyện", "ban VSTBPN huyện"}},
	{"thanh-vien-ban-vstbpn", "Thành viên Ban Vì sự tiến bộ phụ nữ xã", plan.RelationInternal, []string{"các thành viên ban vì sự tiến bộ phụ nữ", "thành viên ban vì sự tiến bộ phụ nữ", "các thành viên ban vì sự tiến bộ của phụ nữ", "thành viên ban VSTBPN", "các thành viên ban VSTBPN"}},
	{"ban-vstbpn", "Ban Vì sự tiến bộ phụ nữ xã", plan.RelationInternal, []string{"ban vì sự tiến bộ phụ nữ", "ban vì sự tiến bộ của phụ nữ", "ban VSTBPN"}},
	{"ban-nganh", "Các cơ quan, ban, ngành, đoàn thể xã", plan.RelationInternal, []string{"các cơ quan, ban ngành, đoàn thể", "các ban, ngành, đoàn thể", "các ban ngành, đoàn thể", "các ban ngành", "các ban, ngành", "các ngành"}},
	{"doan-the", "Mặt trận và các đoàn thể xã", plan.RelationMass, []string{"mặt trận các đoàn thể", "MT các đoàn thể", "các đoàn thể", "các tổ chức chính trị - xã hội", "đoàn thể"}},
	{"co-so", "Các cơ quan, đơn vị, trường học, thôn", plan.RelationOther, []string{"các cơ quan đơn vị, trường học, các thôn", "các cơ quan, đơn vị, trường học", "các cơ quan, đơn vị", "các cơ quan đơn vị", "trường học", "các trường học", "các thôn", "các cơ sở giáo dục"}},
	{"ubnd-huyen", "Ủy ban nhân dân huyện", plan.RelationHigher, []string{"ủy ban nhân dân huyện", "UBND huyện", "phòng lao động - thương binh và xã hội huyện", "phòng LĐ-TB&XH huyện"}},
	{"dang-uy", "Thường vụ Đảng ủy xã", plan.RelationHigher, []string{"thường vụ đảng ủy", "ban thường vụ đảng ủy", "đảng ủy", "TT đảng ủy", "thường trực đảng ủy"}},
	{"hdnd", "Thường trực Hội đồng nhân dân xã", plan.RelationHigher, []string{"thường trực HĐND", "thường trực hội đồng nhân dân", "HĐND", "hội đồng nhân dân"}},
	{"lanh-dao-ubnd", "Chủ tịch và các Phó Chủ tịch UBND xã", plan.RelationHigher, []string{"CT, các PCT UBND", "CT, PCT UBND", "chủ tịch, các PCT UBND", "chủ tịch, PCT UBND", "CT, các PCT", "chủ tịch, các phó chủ tịch UBND", "lãnh đạo UBND", "chủ tịch UBND", "lãnh đạo xã"}},
}

// issuerWords are the issuer itself ("UBND xã"): it assigns, it is not
// assigned, so its mentions are masked before units are looked for.
var issuerWords = []string{"ủy ban nhân dân xã", "UBND xã", "ủy ban nhân dân", "UBND"}

// Unit is a unit of the draft: one of the configuration's, or one the
// draft proposes.
type Unit struct {
	ID       string
	Name     string
	Relation plan.Relation
	// Known tells a unit (or group) of the configuration given with
	// --units; the others are proposed.
	Known bool
	// Src is where the document first names a proposed unit.
	Src Source
}

// alias is one spelling, folded, of a unit.
type alias struct {
	words string
	unit  *Unit
}

// matcher finds units in text: the configuration's units by their names
// and the usual spellings, and the kinds above otherwise.
type matcher struct {
	aliases []alias // longest first
	units   map[string]*Unit
	used    []*Unit // proposed units, in the order first named
}

// newMatcher makes the matcher of cfg's units and groups (cfg may be nil).
func newMatcher(cfg *plan.Config) *matcher {
	m := &matcher{units: map[string]*Unit{}}
	add := func(s string, u *Unit) {
		if f := fold(s); f != "" {
			m.aliases = append(m.aliases, alias{words: f, unit: u})
		}
	}
	if cfg != nil {
		ids := make([]string, 0, len(cfg.Units))
		for id := range cfg.Units {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			cu := cfg.Units[id]
			u := &Unit{ID: id, Name: cu.Name, Relation: cu.Relation, Known: true}
			m.units[id] = u
			add(cu.Name, u)
			add(strings.TrimSuffix(strings.TrimSpace(cu.Name), " xã"), u)
		}
		for id := range cfg.Groups {
			if m.units[id] == nil {
				m.units[id] = &Unit{ID: id, Name: id, Known: true}
			}
		}
	}
	folded := foldedKinds()
	for i, k := range kinds {
		u := m.units[k.id]
		if u == nil && cfg != nil {
			u = m.configUnitFor(folded[i])
		}
		if u == nil {
			u = &Unit{ID: k.id, Name: k.name, Relation: k.relation}
			m.units[k.id] = u
		}
		for _, a := range folded[i] {
			m.aliases = append(m.aliases, alias{words: a, unit: u})
		}
	}
	for _, iss := range folded[len(kinds)] {
		m.aliases = append(m.aliases, alias{words: iss}) // the issuer: found, then left out
	}
	sort.SliceStable(m.aliases, func(i, j int) bool {
		return len(strings.Fields(m.aliases[i].words)) > len(strings.Fields(m.aliases[j].words))
	})
	return m
}

// foldedKinds are the spellings of each kind, folded once: the name and
// the aliases of kinds[i] at i, the issuer's words last.
var foldedKinds = sync.OnceValue(func() [][]string {
	out := make([][]string, len(kinds)+1)
	for i, k := range kinds {
		for _, a := range append([]string{k.name}, k.aliases...) {
			out[i] = append(out[i], fold(a))
		}
	}
	for _, iss := range issuerWords {
		out[len(kinds)] = append(out[len(kinds)], fold(iss))
	}
	return out
})

// configUnitFor is the configuration's unit whose name holds one of the
// spellings of a kind (folded), the shortest name if several do ("Hội
// Liên hiệp Phụ nữ xã" rather than "Ban Thường trực Hội Liên hiệp Phụ nữ
// xã").
func (m *matcher) configUnitFor(spellings []string) *Unit {
	var best *Unit
	for _, u := range m.units {
		if !u.Known || u.Name == u.ID {
			continue
		}
		name := " " + fold(u.Name) + " "
		for _, a := range spellings {
			if strings.Contains(name, " "+a+" ") && (best == nil || len(u.Name) < len(best.Name) || len(u.Name) == len(best.Name) && u.ID < best.ID) {
				best = u
			}
		}
	}
	return best
}

// hit is a unit named in folded text, at a word offset.
type hit struct {
	unit *Unit
	pos  int // index of its first word in the folded text's words
}

// namedRe finds the units a plan names by a proper name: a school, a
// hamlet, a club ("trường THCS Đặng Tất", "thôn Thanh Hà").
var namedRe = regexp.MustCompile(`(?:[Tt]rường (?:THCS|THPT|Tiểu học|TH|Mầm non|MN|Trung học cơ sở)|[Tt]hôn|[Tt]ổ dân phố) (?:\p{Lu}[\p{L}]*)(?: \p{Lu}[\p{L}]*){0,3}`)

// find returns the units named in text, in order, each once, and the
// folded words of text with every name found blanked; src is where text
// comes from, for a unit it proposes.
func (m *matcher) find(text string, src Source) ([]hit, []string) {
	// Names the catalogue does not know become proposed units first, so
	// that they are found as words below.
	for _, name := range namedRe.FindAllString(text, -1) {
		f := fold(name)
		known := false
		for _, a := range m.aliases {
			if a.unit == nil {
				continue
			}
			if strings.Contains(" "+a.words+" ", " "+f+" ") || strings.Contains(" "+f+" ", " "+a.words+" ") {
				known = true
				break
			}
		}
		if !known {
			name = strings.ToUpper(name[:1]) + name[1:]
			u := &Unit{ID: m.freeID(lang.Slug(name, 6)), Name: name, Relation: plan.RelationOther, Src: src}
			m.units[u.ID] = u
			m.aliases = append([]alias{{words: f, unit: u}}, m.aliases...)
		}
	}
	words := strings.Fields(fold(text))
	var hits []hit
	for _, a := range m.aliases {
		aw := strings.Fields(a.words)
		mask(words, aw, func(pos int) {
			if a.unit != nil {
				hits = append(hits, hit{unit: a.unit, pos: pos})
			}
		})
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].pos < hits[j].pos })
	var out []hit
	for _, h := range hits {
		if !slices.ContainsFunc(out, func(o hit) bool { return o.unit == h.unit }) {
			out = append(out, h)
			m.use(h.unit, src)
		}
	}
	return out, words
}

// use records that the draft refers to u.
func (m *matcher) use(u *Unit, src Source) {
	if u.Known || slices.Contains(m.used, u) {
		return
	}
	if u.Src.Para == 0 {
		u.Src = src
	}
	m.units[u.ID] = u
	m.used = append(m.used, u)
}

// mask replaces each occurrence of phrase in words by empty words, so a
// shorter alias does not match inside a longer one, calling found with
// its position.
func mask(words, phrase []string, found func(int)) {
	if len(phrase) == 0 {
		return
	}
outer:
	for i := 0; i+len(phrase) <= len(words); i++ {
		for j, w := range phrase {
			if words[i+j] != w {
				continue outer
			}
		}
		for j := range phrase {
			words[i+j] = ""
		}
		if found != nil {
			found(i)
		}
	}
}

// freeID is id, or id-2, id-3… if a unit already has it.
func (m *matcher) freeID(id string) string {
	if id == "" {
		id = "don-vi"
	}
	out := id
	for n := 2; m.units[out] != nil; n++ {
		out = id + "-" + itoa(n)
	}
	return out
}
