package notify

import (
	"bytes"
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

func TestShorten(t *testing.T) {
	tests := []struct {
		n        int
		in, want string
	}{
		{20, "Ngắn", "Ngắn"},
		{20, "Tháng hành động về bình đẳng giới", "Tháng hành động …"},
		{10, "Mộtchữrấtdàikhôngcókhoảngtrắng", "Mộtchữrấ …"},
	}
	for _, tt := range tests {
		if got := shorten(tt.n, tt.in); got != tt.want {
			t.Errorf("shorten(%d, %q) = %q, want %q", tt.n, tt.in, got, tt.want)
		}
		if got := shorten(tt.n, tt.in); len([]rune(got)) > tt.n {
			t.Errorf("shorten(%d, %q) = %q, longer than %d", tt.n, tt.in, got, tt.n)
		}
	}
}

// TestRenderHTML checks the HTML layout: the text parts as paragraphs
// whose lines are escaped and joined with <br>, and the acknowledgement
// link escaped for where it stands (an unsafe URL is no link).
func TestRenderHTML(t *testing.T) {
	body := "Kính gửi: <Hội> & \"Đoàn\" 'TN' a+b\ndòng 2\n\nđoạn 2"
	tests := []struct {
		name, url string
		want      []string
	}{
		{"a link", "http://127.0.0.1:8080/a/T0123?x=1&y=2", []string{
			`<p style="margin:0 0 12px">Kính gửi: &lt;Hội&gt; &amp; &#34;Đoàn&#34; &#39;TN&#39; a&#43;b<br>dòng 2</p>` + "\n" + `<p style="margin:0 0 12px">đoạn 2</p>`,
			`<a href="http://127.0.0.1:8080/a/T0123?x=1&amp;y=2" style=`,
			"<br>http://127.0.0.1:8080/a/T0123?x=1&amp;y=2</p>",
			`<p style="margin:0;font-size:12px;color:#777777">chân ` + "\uFFFD thư</p>\n</body>",
		}},
		{"an unsafe link", "javascript:alert(1)", []string{
			`<a href="#ZgotmplZ" style=`,
			"<br>javascript:alert(1)</p>",
		}},
	}
	for _, tt := range tests {
		for _, lng := range languages {
			t.Run(tt.name+"/"+string(lng), func(t *testing.T) {
				v := &view{Lang: lng, Body: body, Footer: "chân \x00 thư", AckURL: tt.url, CanDone: true}
				got, err := renderHTML(v)
				if err != nil {
					t.Fatal(err)
				}
				for _, want := range tt.want {
					if !strings.Contains(got, want) {
						t.Errorf("HTML lacks %q:\n%s", want, got)
					}
				}
			})
		}
	}
	got, err := renderHTML(&view{Lang: lang.Vietnamese, Body: "a", Footer: "b"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got, "href") {
		t.Errorf("HTML without an acknowledgement link has one:\n%s", got)
	}
}

// TestRenderConcurrently renders the same messages from several goroutines
// at once, as the scheduler's workers do, through the same parsed
// templates (go test -race).
func TestRenderConcurrently(t *testing.T) {
	cfg := loadConfig(t, lang.Vietnamese)
	ns := notifications(cfg)
	var picked []*plan.Notification
	for _, c := range cases {
		picked = append(picked, pick(t, ns, c.unit, c.prefix, c.suffix))
	}
	render := func() string {
		var out bytes.Buffer
		for _, n := range picked {
			for _, ch := range n.Channels {
				m, err := Render(cfg, n, ch, fakeLinks{})
				if err != nil {
					t.Error(err)
					return ""
				}
				dump(&out, m)
			}
		}
		return out.String()
	}
	want := render()
	done := make(chan string)
	for range 4 {
		go func() { done <- render() }()
	}
	for range 4 {
		if got := <-done; got != want {
			t.Errorf("messages rendered concurrently differ:\n%s", diffLines(want, got))
		}
	}
}
