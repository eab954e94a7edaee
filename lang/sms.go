package lang

// The texts of an SMS that notify shortens to fit: a list of units cut
// short names the first ones, then counts the others.
func init() {
	register(map[string][2]string{
		"sms.units.one":  {"và 1 đơn vị khác", "and 1 other unit"},
		"sms.units.more": {"và %d đơn vị khác", "and %d other units"},
	})
}
