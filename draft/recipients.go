package draft

import (
	"regexp"
	"strings"
)

var (
	noiNhanRe = regexp.MustCompile(`(?i)^nơi nhận\s*:?\s*(.*)$`)
	luuRe     = regexp.MustCompile(`(?i)^lưu\s*:`)
)

// recipients reads the "Nơi nhận" list from the paragraphs after its
// heading: each "- …;" item is a recipient, "Lưu: VT" the issuer's own
// file copy. It returns the items, the archive line (nil without one)
// and the paragraphs after the list (the signature block).
func recipients(paras []Paragraph) (items []Source, archive *Source, rest []Paragraph) {
	for i, p := range paras {
		it := classify(p)
		t := strings.TrimRight(strings.TrimSpace(it.text), ";.,")
		if i == 0 {
			if m := noiNhanRe.FindStringSubmatch(p.Full()); m != nil && m[1] != "" {
				t = strings.TrimRight(strings.TrimLeft(m[1], "-– "), ";.,")
			} else {
				continue
			}
		} else if it.kind != itemDash {
			return items, archive, paras[i:]
		}
		if luuRe.MatchString(t) {
			archive = &Source{p.N, t}
			continue
		}
		if t != "" {
			items = append(items, Source{p.N, t})
		}
	}
	return items, archive, nil
}
