package draft

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
)

// docxPara is a paragraph of a generated .docx: its text, and its list
// (numId, ilvl) when it is numbered automatically.
type docxPara struct {
	text        string
	numID, ilvl string
}

// makeDocx writes a minimal Word document: body paragraphs, then a table
// (rows[r][c] are the paragraphs of a cell), then more paragraphs.
// numbering is the content of word/numbering.xml, "" for none.
func makeDocx(t testing.TB, before []docxPara, rows [][][]string, after []docxPara, numbering string) []byte {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	para := func(p docxPara) {
		b.WriteString("<w:p>")
		if p.numID != "" {
			b.WriteString(`<w:pPr><w:numPr><w:ilvl w:val="` + p.ilvl + `"/><w:numId w:val="` + p.numID + `"/></w:numPr></w:pPr>`)
		}
		// Two runs, as Word splits text, the second after a tab.
		half := strings.Index(p.text, " ")
		if half < 0 {
			half = len(p.text)
		}
		b.WriteString(`<w:r><w:t xml:space="preserve">`)
		xml.EscapeText(&b, []byte(p.text[:half]))
		b.WriteString(`</w:t></w:r><w:r><w:t xml:space="preserve">`)
		xml.EscapeText(&b, []byte(p.text[half:]))
		b.WriteString(`</w:t></w:r></w:p>`)
	}
	for _, p := range before {
		para(p)
	}
	if len(rows) > 0 {
		b.WriteString("<w:tbl><w:tblPr/>")
		for _, cells := range rows {
			b.WriteString("<w:tr>")
			for _, cell := range cells {
				b.WriteString("<w:tc><w:tcPr/>")
				for _, s := range cell {
					para(docxPara{text: s})
				}
				b.WriteString("</w:tc>")
			}
			b.WriteString("</w:tr>")
		}
		b.WriteString("</w:tbl>")
	}
	for _, p := range after {
		para(p)
	}
	b.WriteString(`<w:sectPr/></w:body></w:document>`)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	files := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":   b.String(),
	}
	if numbering != "" {
		files["word/numbering.xml"] = numbering
	}
	for _, name := range []string{"[Content_Types].xml", "word/document.xml", "word/numbering.xml"} {
		if _, ok := files[name]; !ok {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(files[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// docxOfText makes a .docx of a plan written as text: a paragraph per
// non-empty line, and the "Nơi nhận" list and the signature beside each
// other in a table, as plans are laid out.
func docxOfText(t testing.TB, text string) []byte {
	t.Helper()
	var body, recip, sign []string
	zone := 0
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "Nơi nhận") {
			zone = 1
		} else if zone == 1 && !strings.HasPrefix(line, "-") {
			zone = 2
		}
		switch zone {
		case 0:
			body = append(body, line)
		case 1:
			recip = append(recip, line)
		default:
			sign = append(sign, line)
		}
	}
	var before []docxPara
	for _, s := range body {
		before = append(before, docxPara{text: s})
	}
	return makeDocx(t, before, [][][]string{{recip, sign}}, nil, "")
}
