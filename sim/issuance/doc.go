// Package issuance computes grant tokens by the Co-operative Exchange Token rules
// (MODEL §3, seed 003 Appendix 1): grants created by the offer act and re-projected from
// actual sales, with a release factor, a Foundation share, expiry, a growth cap and
// Foundation investment issuance. It decides amounts; the caller applies them to the
// ledger.
package issuance
