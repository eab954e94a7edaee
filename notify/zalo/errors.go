package zalo

// ZNS's error codes (https://zalo.cloud/zns/guidelines/handle-error-code):
// 0 is success; the codes from -100 down name what went wrong.
const (
	codeTokenInvalid = -124 // Access token invalid: renewed once, then tried again
)

// temporaryCodes are the errors that can pass by themselves: an unknown
// error on Zalo's side (-100), the ZNS balance or its payment (-115 out
// of quota, -137 payment failed), a template type sent outside the hours
// Zalo allows it (-133), the daily quotas of the OA and of a template
// (-144, -147), and an access token that is still refused after renewal
// (-124: the administrator must renew it; the message waits until
// retry_for). Every other documented code (-101 to -150) is a mistake in
// the request that sending it again cannot mend: an invalid phone number
// (-108), template (-109, -117, -131), template data (-111, -112, -132),
// an application or OA not set up (-101 to -105, -120, -138), a user who
// has no Zalo or refuses ZNS (-114, -118, -119, -139), …
var temporaryCodes = map[int]bool{-100: true, -115: true, -124: true, -133: true, -137: true, -144: true, -147: true}

// Temporary reports whether a ZNS error code is worth trying the message
// again for; a code outside the documented range counts as temporary, as
// an error never marked does (notify.IsTemporary).
func Temporary(code int) bool {
	if code >= -150 && code <= -101 {
		return temporaryCodes[code]
	}
	return true
}
