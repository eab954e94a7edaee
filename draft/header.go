package draft

import (
	"regexp"
	"strconv"
	"strings"
)

// Header is what the top and the foot of a plan say of it (Nghị định
// 30/2020/NĐ-CP): who issues it, its number and symbol, where and when it
// was signed, its title, who signed it and in what role.
type Header struct {
	Issuer, Number, Place, Title, Signer string
	// Issued is the signing date, dd/mm/yyyy, "" when not written.
	Issued string
	Year   int
	// Src is where each field was read, by field name (issuer, number…).
	Src map[string]Source
}

var (
	numberLine = regexp.MustCompile(`(?i)^số\s*:\s*(\S+/[\p{L}\-]+)`)
	placeDate  = regexp.MustCompile(`^(\p{Lu}[\p{L} ]*?),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})`)
	yearRe     = regexp.MustCompile(`năm (\d{4})\b`)
	issuerRe   = regexp.MustCompile(`(UBND|Ủy ban nhân dân|Uỷ ban nhân dân|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN) (xã|phường|thị trấn|huyện|XÃ|PHƯỜNG|THỊ TRẤN|HUYỆN) ((?:\p{Lu}\p{L}*)(?: \p{Lu}\p{L}*){0,3})`)
	mottoRe    = regexp.MustCompile(`(?i)cộng hòa xã hội|cộng hoà xã hội|độc lập\s*-\s*tự do`)
	planWord   = regexp.MustCompile(`^(KẾ HOẠCH|Kế hoạch)\s*(.*)$`)
	signRole   = regexp.MustCompile(`^(TM\.|KT\.|Q\.|TL\.|TUQ\.)?\s*(CHỦ TỊCH|PHÓ CHỦ TỊCH|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|TRƯỞNG BAN|PHÓ TRƯỞNG BAN|CHỦ TỊCH UBND)\b`)
	personRe   = regexp.MustCompile(`^(\p{Lu}\p{Ll}+)( \p{Lu}\p{Ll}*){1,4}$`)
)

// readHeader reads the header from the paragraphs before the outline
// (top), the first part of the body, and the signature block (sign).
func readHeader(top, sign []Paragraph) (Header, []Paragraph) {
	h := Header{Src: map[string]Source{}}
	var rest []Paragraph
	var caps []Paragraph // the issuer's lines, in capitals, before "Số:"
	for i := 0; i < len(top); i++ {
		p := top[i]
		t := p.Full()
		switch {
		case mottoRe.MatchString(t):
		case numberLine.MatchString(t):
			h.Number = numberLine.FindStringSubmatch(t)[1]
			h.Src["number"] = Source{p.N, t}
		case placeDate.MatchString(t):
			m := placeDate.FindStringSubmatch(t)
			h.Place = m[1]
			h.Issued = dateOf(m[2], m[3], m[4], 0)
			h.Src["issued"] = Source{p.N, t}
		case planWord.MatchString(t) && h.Title == "":
			m := planWord.FindStringSubmatch(t)
			rest := m[2]
			if rest == "" && i+1 < len(top) {
				i++
				rest = top[i].Full()
			}
			h.Title = "Kế hoạch " + lowerFirst(sentenceCase(rest))
			h.Src["title"] = Source{p.N, t + " " + rest}
		case h.Title == "" && h.Number == "" && strings.ToUpper(t) == t && len(caps) < 3:
			caps = append(caps, p)
		default:
			rest = append(rest, p)
		}
	}
	if len(caps) > 0 {
		var b []string
		for _, c := range caps {
			b = append(b, c.Full())
		}
		if m := issuerRe.FindStringSubmatch(strings.Join(b, " ")); m != nil {
			h.Issuer = issuerName(m)
			h.Src["issuer"] = Source{caps[0].N, strings.Join(b, " ")}
		}
	}
	if h.Issuer == "" {
		for _, p := range rest {
			if m := issuerRe.FindStringSubmatch(p.Full()); m != nil {
				h.Issuer = issuerName(m)
				h.Src["issuer"] = Source{p.N, m[0]}
				break
			}
		}
	}
	if m := yearRe.FindStringSubmatch(h.Title); m != nil {
		h.Year, _ = strconv.Atoi(m[1])
	} else if h.Issued != "" {
		h.Year, _ = strconv.Atoi(h.Issued[6:])
	}
	var roles []string
	for _, p := range sign {
		t := p.Full()
		switch {
		case signRole.MatchString(t):
			if strings.HasPrefix(t, "TM.") {
				continue
			}
			roles = append(roles, roleName(t))
			h.Src["signer"] = Source{p.N, t}
		case personRe.MatchString(t):
			h.Signer = t
			h.Src["signer"] = Source{p.N, t}
		}
	}
	if h.Signer != "" && len(roles) > 0 {
		h.Signer += " (" + strings.Join(roles, ", ") + ")"
	}
	return h, rest
}

// issuerName writes an issuer as plans name it: "UBND xã Quảng Thành".
func issuerName(m []string) string {
	place := strings.ToLower(m[2])
	name := m[3]
	if strings.ToUpper(name) == name {
		var ws []string
		for _, w := range strings.Fields(strings.ToLower(name)) {
			ws = append(ws, upperFirst(w))
		}
		name = strings.Join(ws, " ")
	}
	return "UBND " + place + " " + name
}

// roleName writes a signing role in ordinary case: "KT. CHỦ TỊCH" →
// "KT. Chủ tịch".
func roleName(t string) string {
	prefix := ""
	if i := strings.Index(t, ". "); i > 0 && i < 5 {
		prefix, t = t[:i+2], t[i+2:]
	}
	return prefix + strings.ReplaceAll(sentenceCase(t), "chủ tịch", "Chủ tịch")
}

func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}
