package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/config"
)

// TestImportDocx imports a Word document made here (each paragraph in
// runs, the recipients and the signature side by side in a table): the
// draft is written with the paragraphs' numbers and passes check.
func TestImportDocx(t *testing.T) {
	body := []string{
		"ỦY BAN NHÂN DÂN", "XÃ HƯNG LỘC", "Số: 52/KH-UBND", "Hưng Lộc, ngày 20 tháng 5 năm 2021",
		"KẾ HOẠCH", "Tháng hành động vì trẻ em năm 2021",
		"I. MỤC ĐÍCH, YÊU CẦU", "1. Nâng cao nhận thức về quyền trẻ em.",
		"II. NỘI DUNG HOẠT ĐỘNG",
		"1. Tháng hành động vì trẻ em được tổ chức từ ngày 01/6 đến ngày 30/6/2021.",
		"2. Tổ chức Lễ phát động vào ngày 01/6/2021: giao Đoàn Thanh niên chủ trì, phối hợp với Hội Liên hiệp Phụ nữ xã.",
	}
	cells := [][]string{{"Nơi nhận:", "- UBND huyện;", "- Lưu: VT."}, {"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Văn Hòa"}}
	var doc strings.Builder
	doc.WriteString(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	para := func(s string) {
		doc.WriteString(`<w:p><w:r><w:t xml:space="preserve">`)
		xml.EscapeText(&doc, []byte(s))
		doc.WriteString(`</w:t></w:r></w:p>`)
	}
	for _, s := range body {
		para(s)
	}
	doc.WriteString("<w:tbl><w:tr>")
	for _, c := range cells {
		doc.WriteString("<w:tc>")
		for _, s := range c {
			para(s)
		}
		doc.WriteString("</w:tc>")
	}
	doc.WriteString("</w:tr></w:tbl></w:body></w:document>")
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(doc.String()))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "tre-em.docx"), filepath.Join(dir, "draft.yaml")
	if err := os.WriteFile(in, zbuf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	e := &env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, now: func() time.Time { return time.Date(2021, 5, 25, 8, 0, 0, 0, time.UTC) }}
	if code := Main(context.Background(), []string{"import", in, "-o", out}, e); code != exitOK {
		t.Fatalf("got exit %d, want 0; stderr:\n%s", code, &stderr)
	}
	draft, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"number: 52/KH-UBND # đoạn 3: “Số: 52/KH-UBND”",
		"from: 01/06/2021 # “từ ngày 01/6 đến ngày 30/6/2021”",
		"- ubnd-huyen # đoạn 13: “UBND huyện”",
		"signer: Trần Văn Hòa (Chủ tịch)",
	} {
		if !strings.Contains(string(draft), want) {
			t.Errorf("the draft lacks %q:\n%s", want, draft)
		}
	}
	if !strings.Contains(stderr.String(), "  II.2 ii-2: chủ trì doan-tn; phối hợp hlhpn; 01/06/2021\n") {
		t.Errorf("the report lacks task II.2:\n%s", &stderr)
	}
	if _, diags := config.Load(out); diags.HasErrors() {
		t.Errorf("the draft does not pass check:\n%s", diags)
	}
}
