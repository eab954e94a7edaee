package draft

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/nhacviec/nhacviec/lang"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ReadText reads a plan as text: UTF-8 (with or without a BOM), or UTF-16
// with its BOM. The old Vietnamese 8-bit encodings (TCVN3, VNI) are
// recognised by their characteristic bytes and refused with an error
// naming them; anything else that is not UTF-8 is refused too. Each
// non-empty line is a paragraph, N its line number.
func ReadText(r io.Reader) (*Doc, error) {
	data, err := readAll(r, MaxFileSize)
	if err != nil {
		return nil, err
	}
	return parseText(data)
}

// readAll reads r up to max bytes, and refuses more.
func readAll(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, problem(err, "draft.read", err.Error())
	}
	if int64(len(data)) > max {
		return nil, problem(ErrTooLarge, "draft.toolarge", max>>20)
	}
	return data, nil
}

func parseText(data []byte) (*Doc, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, _, err := transform.Bytes(unicode.BOMOverride(unicode.UTF8.NewDecoder()), data)
		if err != nil {
			return nil, problem(ErrEncoding, "draft.utf16", err.Error())
		}
		data = out
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	}
	if !utf8.Valid(data) {
		return nil, problem(ErrEncoding, "draft.encoding", sniffEncoding(data))
	}
	doc := &Doc{Unit: lang.Message{Key: "draft.line"}}
	for i, line := range strings.Split(string(data), "\n") {
		line = clean(line)
		if line == "" {
			continue
		}
		if len(doc.Paras) >= MaxParagraphs {
			return nil, problem(ErrTooLarge, "draft.toomanyparas", MaxParagraphs)
		}
		doc.Paras = append(doc.Paras, Paragraph{N: i + 1, Text: line})
	}
	return doc, nil
}

// vniMarks are the bytes VNI-Windows writes after a plain vowel for its
// tone and shape marks ("aø" is à, "eá" is ế), and ñ/Ñ for đ/Đ.
const vniMarks = "\xf8\xf9\xfa\xfb\xfc\xf5\xef\xea\xeb\xe1\xe2\xe0\xe4\xe5\xe3\xe6\xe7\xe8\xe9\xec\xed\xee\xf6\xf7\xd8\xd9\xda\xdb\xdc\xd5\xcf\xca\xcb\xc1\xc2\xc0\xc4\xc5\xc3\xc6\xc7\xc8\xc9\xcc\xcd\xce\xd6\xd7"

// sniffEncoding names the 8-bit encoding of a text that is not UTF-8:
// VNI when most high bytes follow a vowel (a mark after its letter),
// TCVN3 when they stand for whole letters (between consonants or spaces).
func sniffEncoding(data []byte) string {
	var high, afterVowel, vni int
	for i, c := range data {
		if c < 0x80 {
			continue
		}
		high++
		if i > 0 && strings.IndexByte("aeiouyAEIOUY", data[i-1]) >= 0 {
			afterVowel++
			if strings.IndexByte(vniMarks, c) >= 0 {
				vni++
			}
		}
		if c == 0xf1 || c == 0xd1 { // ñ Ñ: VNI's đ Đ
			vni++
		}
	}
	switch {
	case high == 0:
		return "?"
	case vni*2 > high:
		return "VNI"
	case afterVowel*3 < high:
		return "TCVN3 (ABC)"
	}
	return "8-bit"
}
