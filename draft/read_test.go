package draft

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/encoding/unicode"
)

// TestReadTextEncodings: UTF-8 with or without BOM and UTF-16 with its
// BOM are read; TCVN3 and VNI are refused with an error naming them.
func TestReadTextEncodings(t *testing.T) {
	const plan = "KẾ HOẠCH\nTổ chức Tháng hành động năm 2019\n\nI. MỤC ĐÍCH\n"
	utf16 := func(e unicode.Endianness) []byte {
		out, err := unicode.UTF16(e, unicode.UseBOM).NewEncoder().Bytes([]byte(plan))
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string // the error's encoding, "" when read
	}{
		{"utf-8", []byte(plan), ""},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, plan...), ""},
		{"utf-16le", utf16(unicode.LittleEndian), ""},
		{"utf-16be", utf16(unicode.BigEndian), ""},
		// "KẾ HOẠCH Tổ chức Tháng hành động" in TCVN3 (ABC): one byte a letter.
		{"tcvn3", []byte("K\xd5 HO\xa1CH\nT\xa5 ch\xf8c Th\xb8ng h\xb5nh \xae\xe9ng\n"), "TCVN3"},
		// The same in VNI-Windows: a plain vowel, then its mark.
		{"vni", []byte("KE\xc1 HOA\xcfCH\nTo\xe5 ch\xf6\xf9c Tha\xf9ng ha\xf8nh \xf1o\xe4ng\n"), "VNI"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := ReadText(bytes.NewReader(tc.data))
			if tc.want == "" {
				if err != nil {
					t.Fatalf("got %v, want the text read", err)
				}
				if len(doc.Paras) != 3 || doc.Paras[0].Text != "KẾ HOẠCH" || doc.Paras[2].N != 4 {
					t.Fatalf("got %+v, want 3 paragraphs, the first KẾ HOẠCH, the last on line 4", doc.Paras)
				}
				return
			}
			var p *Problem
			if !errors.Is(err, ErrEncoding) || !errors.As(err, &p) || !strings.Contains(p.Text(lang.Vietnamese), tc.want) || !strings.Contains(p.Text(lang.Vietnamese), "Unikey") {
				t.Fatalf("got %v, want ErrEncoding naming %s and saying how to convert", err, tc.want)
			}
		})
	}
}

// TestReadDocxNumbering: paragraphs numbered by Word carry the labels of
// their list, by level and format; table cells are read row by row.
func TestReadDocxNumbering(t *testing.T) {
	numbering := `<?xml version="1.0"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
 <w:lvl w:ilvl="2"><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
 <w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
</w:abstractNum>
<w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	paras := []docxPara{
		{text: "MỤC ĐÍCH", numID: "5", ilvl: "0"},
		{text: "NỘI DUNG", numID: "5", ilvl: "0"},
		{text: "Truyền thông", numID: "5", ilvl: "1"},
		{text: "Tháng hành động", numID: "5", ilvl: "1"},
		{text: "Bộ phận LĐ-TB&XH", numID: "5", ilvl: "2"},
		{text: "Tham mưu", numID: "5", ilvl: "3"},
		{text: "Bộ phận VH-XH", numID: "5", ilvl: "2"},
		{text: "TỔ CHỨC", numID: "5", ilvl: "0"},
		{text: "Căn cứ", numID: "5", ilvl: "1"},
	}
	data := makeDocx(t, paras, [][][]string{{{"Nơi nhận:", "- UBND huyện;"}, {"CHỦ TỊCH"}}}, []docxPara{{text: "Sau bảng"}}, numbering)
	doc, err := ReadDocx(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"I. MỤC ĐÍCH", "II. NỘI DUNG", "1. Truyền thông", "2. Tháng hành động", "a) Bộ phận LĐ-TB&XH", "- Tham mưu", "b) Bộ phận VH-XH", "III. TỔ CHỨC", "1. Căn cứ", "Nơi nhận:", "- UBND huyện;", "CHỦ TỊCH", "Sau bảng"}
	var got []string
	for _, p := range doc.Paras {
		got = append(got, p.Full())
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q,\nwant %q", got, want)
	}
	if !doc.Paras[9].Cell || doc.Paras[12].Cell || doc.Paras[12].N != 13 {
		t.Errorf("got cell %v, %v and N %d; want the table's paragraphs marked, the last one after it numbered 13", doc.Paras[9].Cell, doc.Paras[12].Cell, doc.Paras[12].N)
	}
	if p := doc.Paras[11]; p.Table != 1 || p.Row != 0 || p.Col != 1 || doc.Paras[10].Col != 0 || doc.Paras[12].Table != 0 {
		t.Errorf("got table %d row %d col %d; want CHỦ TỊCH in table 1, row 0, cell 1", p.Table, p.Row, p.Col)
	}
}

// TestReadRefuses: what is not a plan is refused with its reason.
func TestReadRefuses(t *testing.T) {
	var many bytes.Buffer
	zw := zip.NewWriter(&many)
	for i := 0; i <= MaxEntries; i++ {
		if _, err := zw.Create("x/" + itoa(i)); err != nil {
			t.Fatal(err)
		}
	}
	zw.Close()
	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"a.docx", []byte("not a zip"), ErrNotDocx},
		{"a.docx", makeZip(t, map[string]string{"word/other.xml": "<x/>"}), ErrNotDocx},
		{"a.docx", makeZip(t, map[string]string{"word/document.xml": "<w:document><w:body><w:p>"}), ErrNotDocx},
		{"a.docx", many.Bytes(), ErrTooLarge},
		{"a.doc", []byte("\xd0\xcf\x11\xe0"), ErrNotDocx},
		{"a.txt", bytes.Repeat([]byte("a\n"), MaxFileSize), ErrTooLarge},
	} {
		if _, err := Read(tc.name, bytes.NewReader(tc.data)); !errors.Is(err, tc.want) {
			t.Errorf("%s of %d bytes: got %v, want %v", tc.name, len(tc.data), err, tc.want)
		}
	}
}

func makeZip(t testing.TB, files map[string]string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, s := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(s))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// bomb is a .docx whose document.xml is a few hundred kilobytes packed
// and size bytes unpacked: one paragraph of endless text.
func bomb(t testing.TB, size int) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestCompression) })
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, `<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>`)
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	for n := 0; n < size; n += len(chunk) {
		w.Write(chunk)
	}
	io.WriteString(w, `</w:t></w:r></w:p></w:body></w:document>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// endless is a reader of n bytes of text, held nowhere.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > e.n {
		p = p[:e.n]
	}
	for i := range p {
		p[i] = "ab \n"[i%4]
	}
	e.n -= int64(len(p))
	return len(p), nil
}

// TestBoundedMemory: a zip bomb of 256 MB and a 50 MB file are refused,
// and reading them allocates a bounded amount, far less than their size.
func TestBoundedMemory(t *testing.T) {
	b := bomb(t, 256<<20)
	if len(b) > 2<<20 {
		t.Fatalf("the bomb is %d bytes packed; want a small file", len(b))
	}
	for _, tc := range []struct {
		name string
		read func() error
		max  uint64
	}{
		{"zip bomb", func() error { _, err := Read("bomb.docx", bytes.NewReader(b)); return err }, 128 << 20},
		{"50 MB text", func() error { _, err := Read("big.txt", &endless{n: 50 << 20}); return err }, 48 << 20},
		{"50 MB docx", func() error { _, err := Read("big.docx", &endless{n: 50 << 20}); return err }, 48 << 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			err := tc.read()
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("got %v, want ErrTooLarge", err)
			}
			t.Logf("allocated %d MB", (after.TotalAlloc-before.TotalAlloc)>>20)
			if got := after.TotalAlloc - before.TotalAlloc; got > tc.max {
				t.Errorf("allocated %d MB, want at most %d MB", got>>20, tc.max>>20)
			}
		})
	}
}

// fuzzDraft drafts whatever was read and writes it: no panic, and the
// draft of a document with tasks passes check.
func fuzzDraft(t *testing.T, doc *Doc) {
	d, rep := doc.Draft(Options{})
	out, err := d.YAML(lang.Vietnamese, "fuzz")
	if err != nil {
		t.Fatal(err)
	}
	rep.Text(lang.English)
	var v any
	if err := yaml.Unmarshal(out, &v); err != nil {
		t.Fatalf("the draft is not YAML: %v\n%s", err, out)
	}
	if len(d.Tasks) == 0 {
		return // a plan of no task does not pass check; import says so
	}
	if _, diags := config.Parse("draft.yaml", out, config.ReadFile); diags.HasErrors() {
		t.Fatalf("the draft does not pass check:\n%s\n%s", diags.Render(lang.English), out)
	}
}

func FuzzReadText(f *testing.F) {
	for _, name := range []string{"bdg-2019.txt", "tre-em-2021.txt", "giam-ngheo-2022.txt"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("\xff\xfeK\x00"))
	f.Add([]byte("I. A\n1. từ ngày 31/02 đến ngày 1/13\n- trước ngày 15 của tháng cuối quý\nNơi nhận:\n- Lưu: VT"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ReadText(bytes.NewReader(data))
		if err != nil {
			return
		}
		fuzzDraft(t, doc)
	})
}

func FuzzReadDocx(f *testing.F) {
	data, err := os.ReadFile("testdata/tre-em-2021.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(docxOfText(f, string(data)))
	f.Add(bomb(f, 1<<20))
	f.Add(makeZip(f, map[string]string{"word/document.xml": "<p><numId val='9'/><ilvl val='99'/><t>x</t></p>", "word/numbering.xml": "<num numId='9'><abstractNumId val='1'/></num>"}))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ReadDocx(bytes.NewReader(data))
		if err != nil {
			return
		}
		fuzzDraft(t, doc)
	})
}
