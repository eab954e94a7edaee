#!/usr/bin/env bash
# systemd-test.sh: installs deploy/nhacviec.service, as the README's install
# steps do, on a machine whose PID 1 is systemd, and checks that the
# service reads its secrets as a dynamic user: a root-owned 0600 admin
# password file named by its path is refused (the unit fails to start,
# its log names LoadCredential=), the same file handed over with
# LoadCredential= and named "%d/admin-password" works (/healthz answers,
# /metrics asks for the password and accepts it).
#
# Everything it installs has a name of its own (nhacviec-systemd-test),
# so a real installation is left alone, and is removed at the end.
# Without systemd as PID 1 (a container, CI without systemd) it says so
# and exits 0: internal/credential's and cmd/nhacviec's tests cover the
# same refusals with an unprivileged reader.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(cat /proc/1/comm 2>/dev/null)" != systemd ]; then
  echo "systemd-test: skipped: PID 1 is $(cat /proc/1/comm 2>/dev/null || echo unknown), not systemd"
  exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  sudo="sudo"
fi

name=nhacviec-systemd-test
bin=/usr/local/bin/$name
etc=/etc/$name
unit=/etc/systemd/system/$name.service
port=${NHACVIEC_TEST_PORT:-18080}
password="mật khẩu thử systemd"

cleanup() {
  $sudo systemctl stop "$name" 2>/dev/null || true
  $sudo systemctl reset-failed "$name" 2>/dev/null || true
  $sudo rm -f "$unit" "$bin"
  $sudo rm -rf "$etc" "/var/lib/$name" "/var/lib/private/$name"
  $sudo systemctl daemon-reload
}
trap cleanup EXIT

echo "== systemd-analyze verify deploy/nhacviec.service"
tmp=$(mktemp -d)
CGO_ENABLED=0 go build -o "$tmp/nhacviec" ./cmd/nhacviec
$sudo install -m 0755 "$tmp/nhacviec" "$bin"
# The repository's unit, with this test's names and paths.
sed -e "s|/usr/local/bin/nhacviec|$bin|g" \
    -e "s|/etc/nhacviec|$etc|g" \
    -e "s|^StateDirectory=nhacviec|StateDirectory=$name|" \
    -e "s|^ConfigurationDirectory=nhacviec|ConfigurationDirectory=$name|" \
    -e "s|^WorkingDirectory=/var/lib/nhacviec|WorkingDirectory=/var/lib/$name|" \
    deploy/nhacviec.service > "$tmp/$name.service"
systemd-analyze verify "$tmp/$name.service"

echo "== install"
$sudo install -d -m 0755 "$etc"
config() { # config ADMIN_PASSWORD_FILE
  cat <<YAML
service:
  data_dir: /var/lib/$name
  listen: 127.0.0.1:$port
  public_url: http://127.0.0.1:$port
  admin_password_file: "$1"
units:
  ldtbxh:
    name: Bộ phận Lao động - Thương binh và Xã hội
    contacts: [{email: ldtbxh@example.vn}]
plans:
  - id: thu-2099
    title: Kế hoạch thử
    year: 2099
    owner: ldtbxh
    tasks:
      - id: hop
        title: Họp
        lead: [ldtbxh]
        on: 10/07/2099 08:00
YAML
}
printf '%s\n%s\n' "$password" "$password" | $sudo "$bin" passwd "$etc/admin-password"
[ "$($sudo stat -c '%U %a' "$etc/admin-password")" = "root 600" ] || { echo "passwd did not write a root-owned 0600 file"; exit 1; }
$sudo install -m 0644 "$tmp/$name.service" "$unit"
$sudo systemctl daemon-reload

echo "== a root-owned file by its path: refused"
config "$etc/admin-password" | $sudo tee "$etc/nhacviec.yaml" >/dev/null
$sudo chmod 0644 "$etc/nhacviec.yaml"
if $sudo systemctl start "$name"; then
  echo "the service started although it cannot read $etc/admin-password"; exit 1
fi
if ! $sudo journalctl -u "$name" --no-pager -n 50 | grep -q "LoadCredential=admin-password:$etc/admin-password"; then
  echo "the log does not name LoadCredential:"; $sudo journalctl -u "$name" --no-pager -n 50; exit 1
fi
$sudo systemctl reset-failed "$name" || true

echo "== the same file as a credential: works"
config "%d/admin-password" | $sudo tee "$etc/nhacviec.yaml" >/dev/null
$sudo systemctl start "$name"
for _ in $(seq 50); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/healthz"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/metrics")
[ "$code" = 401 ] || { echo "/metrics without the password: got $code, want 401"; exit 1; }
curl -fsS -u "admin:$password" "http://127.0.0.1:$port/metrics" | grep -q '^nhacviec_build_info{' \
  || { echo "/metrics with the password: no nhacviec_build_info"; exit 1; }
$sudo systemctl is-active "$name"
echo "systemd-test: ok"
