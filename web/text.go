package web

import "github.com/nhacviec/nhacviec/lang"

// tr returns the text of key in lng, formatted with args: the pages' and
// the SMS replies' texts are in lang's catalogue (lang/web.go,
// lang/dashboard.go). An unknown key is returned as is, so that a missing
// text shows rather than hides.
func tr(lng lang.Lang, key string, args ...any) string {
	return lang.Message{Key: key, Args: args}.Text(lng)
}
