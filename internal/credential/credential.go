// Package credential finds the service's secrets: the files the
// configuration names in its *_file keys (admin_password_file, a
// channel's password_file, inbound_secret_file…), each a path or a
// systemd credential.
//
// A credential is written "%d/NAME", as systemd writes it in a unit file:
// %d is the folder systemd gives the service's credentials in,
// $CREDENTIALS_DIRECTORY, where LoadCredential=NAME:/etc/nhacviec/FILE
// puts a copy of a root-owned file that the service's own user
// (DynamicUser=yes) may read, and no other.
package credential

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"unicode"

	"github.com/nhacviec/nhacviec/plan"
)

// Prefix starts a credential's name in a *_file value.
const Prefix = "%d/"

// DirEnv is the variable systemd sets to the folder of the credentials.
const DirEnv = "CREDENTIALS_DIRECTORY"

// Errors of Path and Read.
var (
	// ErrNoDirectory means a credential is named but the process was not
	// given any: it does not run under systemd with LoadCredential=.
	ErrNoDirectory = errors.New("$CREDENTIALS_DIRECTORY is not set: the process was started without LoadCredential=")
	// ErrBadName means a credential's name is empty or holds a slash.
	ErrBadName = errors.New("a credential's name is one file name, without a slash")
	// ErrEmpty means the secret file holds nothing but white space.
	ErrEmpty = errors.New("the file is empty")
)

// Name returns the credential's name of a *_file value, and whether the
// value names a credential rather than a path.
func Name(value string) (string, bool) {
	return strings.CutPrefix(value, Prefix)
}

// Path returns the file a *_file value stands for: the value itself, or,
// for "%d/NAME", NAME in $CREDENTIALS_DIRECTORY (read with getenv).
func Path(value string, getenv func(string) string) (string, error) {
	name, ok := Name(value)
	if !ok {
		return value, nil
	}
	if name == "" || strings.ContainsRune(name, '/') || name == "." || name == ".." {
		return "", fmt.Errorf("credential %q: %w", value, ErrBadName)
	}
	dir := getenv(DirEnv)
	if dir == "" {
		return "", fmt.Errorf("credential %q: %w", value, ErrNoDirectory)
	}
	return filepath.Join(dir, name), nil
}

// Read reads the secret a *_file value stands for, trimmed of white
// space. A file the process may not read is an error wrapping
// fs.ErrPermission, as a file that is missing wraps fs.ErrNotExist.
func Read(value string, getenv func(string) string) ([]byte, error) {
	path, err := Path(value, getenv)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read secret: %w", err)
	}
	secret := []byte(strings.TrimSpace(string(data)))
	if len(secret) == 0 {
		return nil, fmt.Errorf("read secret %s: %w", path, ErrEmpty)
	}
	return secret, nil
}

// IsPermission reports whether err is a refusal to read a file.
func IsPermission(err error) bool { return errors.Is(err, fs.ErrPermission) }

// Field is one *_file value of the configuration.
type Field struct {
	// Key is its place in the configuration: service.admin_password_file,
	// channels.email.password_file…
	Key string
	// Value points at the value, so Resolve can rewrite it.
	Value *string
}

// Fields returns every *_file value of cfg's service and channels that is
// set: every string field whose name ends in File, found by walking the
// structs, so a channel added later has its secrets resolved too.
func Fields(cfg *plan.Config) []Field {
	var out []Field
	walk(reflect.ValueOf(&cfg.Service).Elem(), "service", &out)
	walk(reflect.ValueOf(&cfg.Channels).Elem(), "channels", &out)
	return out
}

func walk(v reflect.Value, key string, out *[]Field) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walk(v.Elem(), key, out)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			fv := v.Field(i)
			name := key + "." + snake(f.Name)
			if f.Type.Kind() == reflect.String && strings.HasSuffix(f.Name, "File") {
				if fv.String() != "" {
					*out = append(*out, Field{Key: name, Value: fv.Addr().Interface().(*string)})
				}
				continue
			}
			if k := f.Type.Kind(); k == reflect.Struct || k == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct {
				walk(fv, name, out)
			}
		}
	}
}

// snake writes a Go field name as the configuration's key:
// InboundSecretFile → inbound_secret_file, SMS → sms.
func snake(s string) string {
	var b strings.Builder
	r := []rune(s)
	for i, c := range r {
		if unicode.IsUpper(c) && i > 0 && (unicode.IsLower(r[i-1]) || i+1 < len(r) && unicode.IsLower(r[i+1])) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

// Resolve rewrites every credential ("%d/NAME") among cfg's *_file values
// into its path in $CREDENTIALS_DIRECTORY, so that whatever reads them
// later reads a path. A credential that cannot be resolved (no directory,
// a bad name) is left as it is, and Check reports it.
func Resolve(cfg *plan.Config, getenv func(string) string) {
	for _, f := range Fields(cfg) {
		if p, err := Path(*f.Value, getenv); err == nil {
			*f.Value = p
		}
	}
}
